import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { updateNodes } from '../../src/cli/nodes.js';

export const spec: CommandModule['spec'] = {
  use: 'NODE [NODE...]',
  short: 'Promote one or more nodes to manager in the swarm',
  args: { kind: 'min', n: 1 },
  flags: [],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.24', 'node promote');

export const run: CommandModule['run'] = async (cli, { args }) => {
  await updateNodes(
    cli,
    args,
    (spec, node) => {
      if (spec.Role === 'manager') {
        cli.out.write(`Node ${node.ID} is already a manager.\n`);
        return false;
      }
      spec.Role = 'manager';
      return true;
    },
    (ref) => cli.out.write(`Node ${ref} promoted to a manager in the swarm.\n`),
  );
};
