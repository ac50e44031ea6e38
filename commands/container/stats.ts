import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { ContainerStats, StatsSet, daemonOSType, streamFrame } from '../../src/cli/stats.js';
import { encodeFilters, listContainers } from '../../src/engine/containers.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { StatsContext, statsFormat, statsHeaderContext } from '../../src/format/contexts/stats.js';
import { onTermination, signalExitCode } from '../../src/tty/signals.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] [CONTAINER...]',
  short: 'Display a live stream of container(s) resource usage statistics',
  args: { kind: 'any' },
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'no-stream', kind: 'bool', usage: 'Disable streaming stats and only pull the first result' },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate output' },
  ],
};

const REDRAW_MS = 500;

interface Watch {
  /** the first failure of the event stream (docker's closeChan), once it failed */
  failure?: unknown;
  stop(): void;
}

/**
 * With no container named, docker follows container events from before it lists them (so no
 * start is missed): starts (and creates, with --all) add rows, deaths remove them (not with
 * --all).
 */
async function watchEvents(cli: Cli, all: boolean, set: StatsSet, add: (id: string) => void): Promise<Watch> {
  const ac = new AbortController();
  const watch: Watch = { stop: () => ac.abort() };
  let res;
  try {
    res = await cli.api().request({ path: '/events', query: { filters: encodeFilters({ type: ['container'] }) }, signal: ac.signal });
  } catch (e) {
    watch.failure = e;
    return watch;
  }
  watch.stop = () => res.body.destroy();
  const onEvent = (line: string): void => {
    let e: { Action?: string; Actor?: { ID?: string } };
    try {
      e = JSON.parse(line) as typeof e;
    } catch (err) {
      watch.failure ??= err;
      res.body.destroy();
      return;
    }
    const id = (e.Actor?.ID ?? '').slice(0, 12);
    if (e.Action === 'start' || (all && e.Action === 'create')) add(id);
    else if (!all && e.Action === 'die') set.remove(id);
  };
  let pending = '';
  res.body.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line !== '') onEvent(line);
    }
  });
  // the engine closing the stream is io.EOF to docker; a connection cut short is an
  // unexpected EOF, which docker takes as the engine restarting and ends quietly
  res.body.on('end', () => (watch.failure ??= new StatusError('EOF', 1)));
  res.body.on('error', () => (watch.failure ??= UNEXPECTED_EOF));
  return watch;
}

const UNEXPECTED_EOF = new Error('unexpected EOF');

/** resolves after `ms`, or sooner with `early`, leaving no timer behind */
function pause(ms: number, early: Promise<void>): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((resolve) => (t = setTimeout(resolve, ms))), early]).finally(() => clearTimeout(t));
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const all = opts.all as boolean;
  const stream = !(opts['no-stream'] as boolean);
  const trunc = !(opts['no-trunc'] as boolean);

  // docker 28 ignores the first two SIGINT/SIGTERMs when containers are named (docker/cli
  // #6090, fixed later); berth ends on the first, as docker does without names: 128+signal
  let interrupted: number | undefined;
  let onInterrupt!: () => void;
  const interruption = new Promise<void>((resolve) => (onInterrupt = resolve));
  const stopSignals = onTermination((sig) => {
    interrupted = signalExitCode(sig);
    onInterrupt();
  }, cli.err);

  const api = cli.api();
  const set = new StatsSet();
  const firsts = new Set<Promise<void>>();
  const add = (container: string): void => {
    const s = new ContainerStats(container);
    if (!set.add(s)) return;
    const p = s.collect(api, stream);
    firsts.add(p);
    void p.then(() => firsts.delete(p));
  };
  /** docker's waitFirst: every row has had its first sample, or given up on it */
  const waitFirsts = async (): Promise<void> => {
    while (firsts.size > 0 && interrupted === undefined) await Promise.race([Promise.all([...firsts]), interruption]);
  };

  const showAll = args.length === 0;
  let watch: Watch | undefined;
  try {
    if (showAll) {
      watch = await watchEvents(cli, all, set, add);
      const list = await listContainers(api, { all });
      for (const c of list) add(c.Id.slice(0, 12));
      await waitFirsts();
    } else {
      for (const c of args) add(c);
      await waitFirsts();
      if (interrupted !== undefined) return interrupted;
      const errors = set.list.filter((s) => s.err).map((s) => errorText(s.err));
      if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
    }

    let format = (opts.format as string | undefined) ?? '';
    if (format === '') format = cli.config().statsFormat || 'table';
    let osType = daemonOSType();
    if (osType === '') osType = (await api.ping()).osType ?? '';
    const header = statsHeaderContext(osType);
    const fmt = statsFormat(format, osType);

    // docker draws every 500 ms from its first tick; berth draws at once, then every 500 ms
    for (;;) {
      if (interrupted !== undefined) return interrupted;
      const rows = set.list.map((s) => new StatsContext(s.entry, osType, trunc));
      let table: string;
      try {
        table = await renderRows(fmt, rows, header);
      } catch (e) {
        if (e instanceof FormatError) throw new StatusError(e.message, 1);
        throw e;
      }
      if (!stream) {
        cli.out.write(table);
        return 0;
      }
      cli.out.write(streamFrame(table));
      const failure = watch?.failure;
      if (failure !== undefined) {
        if (failure === UNEXPECTED_EOF) return 0;
        throw failure;
      }
      await pause(REDRAW_MS, interruption);
    }
  } finally {
    stopSignals();
    watch?.stop();
    set.stopAll();
  }
};
