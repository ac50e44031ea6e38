import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { updateNodes } from '../../src/cli/nodes.js';

export const spec: CommandModule['spec'] = {
  use: 'NODE [NODE...]',
  short: 'Demote one or more nodes from manager in the swarm',
  args: { kind: 'min', n: 1 },
  flags: [],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.24', 'node demote');

export const run: CommandModule['run'] = async (cli, { args }) => {
  await updateNodes(
    cli,
    args,
    (spec, node) => {
      if (spec.Role === 'worker') {
        cli.out.write(`Node ${node.ID} is already a worker.\n`);
        return false;
      }
      spec.Role = 'worker';
      return true;
    },
    (ref) => cli.out.write(`Manager ${ref} demoted in the swarm.\n`),
  );
};
