import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions } from '../../src/cli/flag-versions.js';
import { errorText } from '../../src/cli/parallel.js';
import { removeVolume } from '../../src/engine/volumes.js';

const FLAG_VERSIONS = { force: '1.25' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] VOLUME [VOLUME...]',
  short: 'Remove one or more volumes',
  long: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'force', short: 'f', kind: 'bool', usage: 'Force the removal of one or more volumes' }],
};

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const api = cli.api();
  const errors: string[] = [];
  // one after the other; the failures are reported together at the end, as docker does
  for (const name of args) {
    try {
      await removeVolume(api, name, opts.force as boolean);
    } catch (e) {
      errors.push(errorText(e));
      continue;
    }
    cli.out.write(`${name}\n`);
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
};
