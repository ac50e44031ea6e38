import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { SIGNALS } from '../../src/cli/complete-flags.js';
import { forEachTarget } from '../../src/cli/parallel.js';
import { killContainer } from '../../src/engine/containers.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Kill one or more running containers',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'signal', short: 's', kind: 'value', type: 'string', usage: 'Signal to send to the container' }],
  flagValues: { signal: SIGNALS },
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  await forEachTarget(cli, args, (id) => killContainer(cli.api(), id, opts.signal as string));
};
