import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { filterFlag, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { listSwarmObjects } from '../../src/cli/swarmobjects.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List secrets',
  args: { kind: 'none' },
  // (docker registers no completion for its flags: the shell's default)
  flagValues: {},
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display IDs' },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.25', 'secret ls');

export const run: CommandModule['run'] = async (cli, { opts }) => {
  await listSwarmObjects(cli, 'secret', opts);
};
