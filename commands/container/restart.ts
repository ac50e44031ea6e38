import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { goParseInt } from '../../src/cli/opts/goparse.js';
import { forEachTarget } from '../../src/cli/parallel.js';
import { restartContainer } from '../../src/engine/containers.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'signal', short: 's', kind: 'value', type: 'string', usage: 'Signal to send to the container' },
    { name: 'time', kind: 'value', type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', parse: (r) => goParseInt(r, 0), deprecated: 'use --timeout instead', hidden: true },
    { name: 'timeout', short: 't', kind: 'value', type: 'int', usage: 'Seconds to wait before killing the container', parse: (r) => goParseInt(r, 0) },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  const timeout = changed.has('timeout') ? (opts.timeout as number) : changed.has('time') ? (opts.time as number) : undefined;
  await forEachTarget(cli, args, (id) => restartContainer(cli.api(), id, { timeout, signal: (opts.signal as string) || undefined }));
};
