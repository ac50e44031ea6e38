// docker/cli container/stats_helpers.go: the figures `stats` shows, worked out from the
// engine's samples as docker does (Linux and Windows daemons), and the collector that keeps
// one container's latest figures while its stream runs.
import type { Readable } from 'node:stream';
import type { EngineClient } from '../engine/client.js';
import { containerStats, type StatsResponse } from '../engine/stats.js';
import { emptyEntry, WINDOWS, type StatsEntry } from '../format/contexts/stats.js';

/** how long a collector waits for a sample before showing its row as "--" */
export const SAMPLE_TIMEOUT_MS = 2000;

export function calculateCPUPercentUnix(v: StatsResponse): number {
  const pre = v.precpu_stats ?? {};
  const cur = v.cpu_stats ?? {};
  // each uint64 becomes a float64 before the subtraction, as in docker
  const cpuDelta = (cur.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cur.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  let onlineCPUs = cur.online_cpus ?? 0;
  if (onlineCPUs === 0) onlineCPUs = cur.cpu_usage?.percpu_usage?.length ?? 0;
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * onlineCPUs * 100;
  return 0;
}

const MAX_DURATION = (1n << 63n) - 1n;
const MIN_DURATION = -(1n << 63n);

/** days since 1970-01-01 of a proleptic Gregorian date */
function daysFromCivil(y: number, m: number, d: number): bigint {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return BigInt(era * 146097 + doe - 719468);
}

/** an RFC 3339 time in nanoseconds since the Unix epoch (Go's zero time when unparsable) */
export function rfc3339Nanos(s: string | undefined): bigint {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(s ?? '');
  if (!m) return daysFromCivil(1, 1, 1) * 86_400_000_000_000n;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  let secs = daysFromCivil(Number(y), Number(mo), Number(d)) * 86400n + BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(sec));
  if (zone !== 'Z') {
    const off = Number(zone!.slice(1, 3)) * 3600 + Number(zone!.slice(4, 6)) * 60;
    secs -= BigInt(zone![0] === '-' ? -off : off);
  }
  return secs * 1_000_000_000n + BigInt((frac ?? '').padEnd(9, '0'));
}

export function calculateCPUPercentWindows(v: StatsResponse): number {
  // time.Time.Sub saturates; the uint64 arithmetic wraps
  let d = rfc3339Nanos(v.read) - rfc3339Nanos(v.preread);
  if (d > MAX_DURATION) d = MAX_DURATION;
  if (d < MIN_DURATION) d = MIN_DURATION;
  let possIntervals = BigInt.asUintN(64, d);
  possIntervals /= 100n;
  possIntervals = BigInt.asUintN(64, possIntervals * BigInt(v.num_procs ?? 0));
  const used = BigInt.asUintN(64, BigInt(v.cpu_stats?.cpu_usage?.total_usage ?? 0) - BigInt(v.precpu_stats?.cpu_usage?.total_usage ?? 0));
  if (possIntervals > 0n) return (Number(used) / Number(possIntervals)) * 100;
  return 0;
}

export function calculateBlockIO(blkio: StatsResponse['blkio_stats']): [number, number] {
  let read = 0;
  let write = 0;
  for (const e of blkio?.io_service_bytes_recursive ?? []) {
    const op = e.op ?? '';
    if (op === '') continue;
    if (op[0] === 'r' || op[0] === 'R') read += e.value ?? 0;
    else if (op[0] === 'w' || op[0] === 'W') write += e.value ?? 0;
  }
  return [read, write];
}

export function calculateNetwork(networks: StatsResponse['networks']): [number, number] {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return [rx, tx];
}

/**
 * Memory in use without the page cache: usage less total_inactive_file (cgroup v1) or
 * inactive_file (cgroup v2), when smaller than the usage.
 */
export function calculateMemUsageUnixNoCache(mem: StatsResponse['memory_stats']): number {
  const usage = mem?.usage ?? 0;
  const stats = mem?.stats ?? {};
  if (Object.prototype.hasOwnProperty.call(stats, 'total_inactive_file') && (stats.total_inactive_file ?? 0) < usage) {
    return usage - (stats.total_inactive_file ?? 0);
  }
  const v2 = stats.inactive_file ?? 0;
  if (v2 < usage) return usage - v2;
  return usage;
}

export function calculateMemPercentUnixNoCache(limit: number, usedNoCache: number): number {
  // the limit is 0 only for a container that is not running and has no cgroup figures
  return limit !== 0 ? (usedNoCache / limit) * 100 : 0;
}

/** one sample's figures (the Container column is the collector's) */
export function entryFromSample(v: StatsResponse, osType: string): StatsEntry {
  const e = emptyEntry('');
  e.Name = v.name ?? '';
  e.ID = v.id ?? '';
  if (osType !== WINDOWS) {
    e.CPUPercentage = calculateCPUPercentUnix(v);
    [e.BlockRead, e.BlockWrite] = calculateBlockIO(v.blkio_stats);
    e.Memory = calculateMemUsageUnixNoCache(v.memory_stats);
    e.MemoryLimit = v.memory_stats?.limit ?? 0;
    e.MemoryPercentage = calculateMemPercentUnixNoCache(e.MemoryLimit, e.Memory);
    e.PidsCurrent = v.pids_stats?.current ?? 0;
  } else {
    e.CPUPercentage = calculateCPUPercentWindows(v);
    e.BlockRead = v.storage_stats?.read_size_bytes ?? 0;
    e.BlockWrite = v.storage_stats?.write_size_bytes ?? 0;
    e.Memory = v.memory_stats?.privateworkingset ?? 0;
  }
  [e.NetworkRx, e.NetworkTx] = calculateNetwork(v.networks);
  return e;
}

let osFromSamples = '';

/** the engine's platform, from the samples received so far (docker's daemonOSType) */
export function daemonOSType(): string {
  return osFromSamples;
}

/** io.EOF: the engine ended the stream */
export const EOF = new Error('EOF');

/** One container's latest figures, and the error that stopped them, if any (docker's Stats). */
export class ContainerStats {
  entry: StatsEntry;
  err: unknown = undefined;
  private readonly ac = new AbortController();
  private timer?: NodeJS.Timeout;
  private body?: Readable;
  private stopped = false;

  constructor(readonly container: string) {
    this.entry = emptyEntry(container);
  }

  setError(err: unknown): void {
    this.err = err;
    if (err) this.entry = { ...this.entry, IsInvalid: true };
  }

  setErrorAndReset(err: unknown): void {
    this.entry = { ...emptyEntry(this.entry.Container), Name: this.entry.Name, ID: this.entry.ID, IsInvalid: true };
    this.err = err;
  }

  setStatistics(e: StatsEntry): void {
    this.entry = { ...e, Container: this.entry.Container };
  }

  /**
   * Reads the container's samples (one, unless `stream`). Resolves once the first sample
   * arrived or the collector gave up on it (an error, or no sample within 2 s); the row then
   * shows "--" whenever no sample came for 2 s.
   */
  collect(api: EngineClient, stream: boolean): Promise<void> {
    return new Promise<void>((resolveFirst) => {
      let first = false;
      const release = (): void => {
        if (!first) {
          first = true;
          resolveFirst();
        }
      };
      const finish = (): void => {
        this.stop();
        release();
      };
      const arm = (): void => {
        clearTimeout(this.timer);
        if (this.stopped) return;
        this.timer = setTimeout(() => {
          this.setErrorAndReset(new Error('timeout waiting for stats'));
          release();
          if (stream) arm();
          else finish();
        }, SAMPLE_TIMEOUT_MS);
      };
      /** a sample (err undefined) or a failure to read one: docker's channel u */
      const update = (err: unknown): void => {
        if (this.stopped) return;
        this.setError(err);
        if (!err) release();
        if (stream) arm();
        else finish();
      };
      containerStats(api, this.container, stream, this.ac.signal).then(
        ({ osType, body }) => {
          if (this.stopped) {
            body.destroy();
            return;
          }
          this.body = body;
          body.on('error', (e) => update(e));
          arm();
          let pending = '';
          const onLine = (line: string): void => {
            if (line.trim() === '' || this.stopped) return;
            let v: StatsResponse;
            try {
              v = JSON.parse(line) as StatsResponse;
            } catch (e) {
              update(e);
              return;
            }
            osFromSamples = osType;
            this.setStatistics(entryFromSample(v, osType));
            update(undefined);
          };
          body.on('data', (chunk: Buffer) => {
            pending += chunk.toString('utf8');
            let nl: number;
            while ((nl = pending.indexOf('\n')) >= 0) {
              const line = pending.slice(0, nl);
              pending = pending.slice(nl + 1);
              onLine(line);
            }
          });
          body.on('end', () => {
            onLine(pending);
            pending = '';
            update(EOF);
          });
        },
        (err: unknown) => {
          if (this.stopped) return;
          this.setError(err);
          finish();
        },
      );
    });
  }

  /** ends the stream and the timer */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    // a request still waiting for its answer is aborted; an answer being read is dropped
    if (this.body) this.body.destroy();
    else this.ac.abort();
  }
}

/** the rows, in the order containers were added (docker's stats) */
export class StatsSet {
  readonly list: ContainerStats[] = [];

  add(s: ContainerStats): boolean {
    if (this.list.some((c) => c.container === s.container)) return false;
    this.list.push(s);
    return true;
  }

  remove(container: string): void {
    const i = this.list.findIndex((c) => c.container === container);
    if (i >= 0) this.list.splice(i, 1)[0]!.stop();
  }

  stopAll(): void {
    for (const s of this.list) s.stop();
  }
}

/**
 * One redraw of the streaming view, byte for byte as docker 28 writes it: the cursor home,
 * the table, then the table again with every line (the cursor-home one first) followed by a
 * space and erase-to-end-of-line, and erase-below. (docker appends the erasing copy to the
 * buffer that holds the plain one, so both are written; on a terminal the second overwrites
 * the first.)
 */
export function streamFrame(table: string): string {
  const buf = `\x1b[H${table}`;
  return `${buf}${buf.split('\n').map((line) => `${line} \x1b[K\n`).join('')}\x1b[J`;
}
