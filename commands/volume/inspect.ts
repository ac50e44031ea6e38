import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { inspectVolumeRaw } from '../../src/engine/volumes.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] VOLUME [VOLUME...]',
  short: 'Display detailed information on one or more volumes',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE }],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  // docker's volume inspect keeps only the decoded volume.Volume: templates get no raw fallback
  await inspectRefs(cli, args, (opts.format as string) ?? '', async (ref) => ({ raw: await inspectVolumeRaw(cli.api(), ref), kind: 'volume', typedOnly: true }));
};
