import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectSwarmObjects } from '../../src/cli/swarmobjects.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONFIG [CONFIG...]',
  short: 'Display detailed information on one or more configs',
  args: { kind: 'min', n: 1 },
  // (docker registers no completion for its flags: the shell's default)
  flagValues: {},
  flags: [
    { name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    { name: 'pretty', kind: 'bool', usage: 'Print the information in a human friendly format' },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.30', 'config inspect');

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  await inspectSwarmObjects(cli, 'config', opts, args);
};
