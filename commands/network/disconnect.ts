import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { disconnectNetwork } from '../../src/engine/networks.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NETWORK CONTAINER',
  short: 'Disconnect a container from a network',
  args: { kind: 'exact', n: 2 },
  flags: [{ name: 'force', short: 'f', kind: 'bool', usage: 'Force the container to disconnect from a network' }],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  await disconnectNetwork(cli.api(), args[0]!, args[1]!, opts.force as boolean);
};
