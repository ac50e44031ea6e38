import '../../src/cli/core.js';
import { goQuote } from '../../src/cli/flags.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions } from '../../src/cli/flag-versions.js';
import { validateLabel } from '../../src/cli/opts/validators.js';
import { labelsOf } from '../../src/cli/opts/kvmap.js';
import { readObjectData } from '../../src/cli/swarmobjects.js';
import { createConfig } from '../../src/engine/configs.js';

const FLAG_VERSIONS = { 'template-driver': '1.37' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONFIG file|-',
  short: 'Create a config from a file or STDIN',
  args: { kind: 'exact', n: 2 },
  // (docker registers no completion for its flags: the shell's default)
  flagValues: {},
  flags: [
    { name: 'label', short: 'l', kind: 'list', type: 'list', usage: 'Config labels', parse: validateLabel },
    { name: 'template-driver', kind: 'value', type: 'string', usage: 'Template driver' },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.30', 'config create');

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const [name, file] = args as [string, string];
  let data: Buffer;
  try {
    data = await readObjectData(cli, 'config', file);
  } catch (e) {
    throw new StatusError(`Error reading content from ${goQuote(file)}: ${(e as Error).message}`, 1);
  }
  const id = await createConfig(cli.api(), {
    Name: name,
    Labels: labelsOf(opts.label),
    Data: data,
    Templating: (opts['template-driver'] as string | undefined) ?? '',
  });
  cli.out.write(`${id}\n`);
};
