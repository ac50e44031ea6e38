import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { SIGNALS } from '../../src/cli/complete-flags.js';
import { goParseInt } from '../../src/cli/opts/goparse.js';
import { forEachTarget } from '../../src/cli/parallel.js';
import { stopContainer } from '../../src/engine/containers.js';
import { StatusError } from '../../src/cli/errors.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'signal', short: 's', kind: 'value', type: 'string', usage: 'Signal to send to the container' },
    { name: 'time', kind: 'value', type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', parse: (r) => goParseInt(r, 0), deprecated: 'use --timeout instead', hidden: true },
    { name: 'timeout', short: 't', kind: 'value', type: 'int', usage: 'Seconds to wait before killing the container', parse: (r) => goParseInt(r, 0) },
  ],
  // (restart's spec is this one)
  flagValues: { signal: SIGNALS },
};

/** --timeout, else the deprecated --time, and --signal: what stop and restart send */
export function stopOptions(opts: Record<string, unknown>, changed: Set<string>): { timeout?: number; signal?: string } {
  const timeout = changed.has('timeout') ? (opts.timeout as number) : changed.has('time') ? (opts.time as number) : undefined;
  return { timeout, signal: (opts.signal as string) || undefined };
}

/** docker's RunE check of stop and restart */
export function checkTimeFlags(changed: Set<string>): void {
  if (changed.has('time') && changed.has('timeout')) throw new StatusError('conflicting options: cannot specify both --timeout and --time', 1);
}

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  checkTimeFlags(changed);
  await forEachTarget(cli, args, (id) => stopContainer(cli.api(), id, stopOptions(opts, changed)));
};
