import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { forEachTarget } from '../../src/cli/parallel.js';
import { pauseContainer } from '../../src/engine/containers.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTAINER [CONTAINER...]',
  short: 'Pause all processes within one or more containers',
  args: { kind: 'min', n: 1 },
  flags: [],
};

export const run: CommandModule['run'] = async (cli, { args }) => {
  await forEachTarget(cli, args, (id) => pauseContainer(cli.api(), id));
};
