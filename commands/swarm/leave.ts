import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { leaveSwarm } from '../../src/engine/swarm.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Leave the swarm',
  args: { kind: 'none' },
  flags: [{ name: 'force', short: 'f', kind: 'bool', usage: 'Force this node to leave the swarm, ignoring warnings' }],
};

export const run: CommandModule['run'] = async (cli, { opts }) => {
  await leaveSwarm(cli.api(), opts.force as boolean);
  cli.out.write('Node left the swarm.\n');
};
