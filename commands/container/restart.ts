import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { forEachTarget } from '../../src/cli/parallel.js';
import { restartContainer } from '../../src/engine/containers.js';
import { checkTimeFlags, spec as stopSpec, stopOptions } from './stop.js';

export const spec: CommandModule['spec'] = { ...stopSpec, short: 'Restart one or more containers' };

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  checkTimeFlags(changed);
  await forEachTarget(cli, args, (id) => restartContainer(cli.api(), id, stopOptions(opts, changed)));
};
