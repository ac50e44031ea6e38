import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { inspectContainerRaw } from '../../src/engine/containers.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    { name: 'size', short: 's', kind: 'bool', usage: 'Display total file sizes' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  await inspectRefs(cli, args, (opts.format as string) ?? '', (ref) => inspectContainerRaw(cli.api(), ref, opts.size as boolean));
};
