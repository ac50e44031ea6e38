import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { removeSwarmObjects } from '../../src/cli/swarmobjects.js';

export const spec: CommandModule['spec'] = {
  use: 'SECRET [SECRET...]',
  short: 'Remove one or more secrets',
  args: { kind: 'min', n: 1 },
  flags: [],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.25', 'secret rm');

export const run: CommandModule['run'] = async (cli, { args }) => {
  await removeSwarmObjects(cli, 'secret', args);
};
