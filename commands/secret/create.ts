import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions } from '../../src/cli/flag-versions.js';
import { validateLabel } from '../../src/cli/opts/validators.js';
import { labelsOf } from '../../src/cli/opts/kvmap.js';
import { readObjectData } from '../../src/cli/swarmobjects.js';
import { createSecret } from '../../src/engine/secrets.js';

const FLAG_VERSIONS = { driver: '1.31', 'template-driver': '1.37' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] SECRET [file|-]',
  short: 'Create a secret from a file or STDIN as content',
  args: { kind: 'range', min: 1, max: 2 },
  // (docker registers no completion for its flags: the shell's default)
  flagValues: {},
  noArgsCompletion: true,
  flags: [
    { name: 'driver', short: 'd', kind: 'value', type: 'string', usage: 'Secret driver' },
    { name: 'label', short: 'l', kind: 'list', type: 'list', usage: 'Secret labels', parse: validateLabel },
    { name: 'template-driver', kind: 'value', type: 'string', usage: 'Template driver' },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.25', 'secret create');

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const [name, file = ''] = args as [string, string?];
  const driver = (opts.driver as string | undefined) ?? '';
  let data: Buffer | undefined;
  if (driver !== '') {
    if (file !== '') throw new StatusError('When using secret driver secret data must be empty', 1);
  } else {
    try {
      data = await readObjectData(cli, 'secret', file);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  }
  const id = await createSecret(cli.api(), {
    Name: name,
    Labels: labelsOf(opts.label),
    Data: data,
    Driver: driver,
    Templating: (opts['template-driver'] as string | undefined) ?? '',
  });
  cli.out.write(`${id}\n`);
};
