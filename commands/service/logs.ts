import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import type { EngineClient, EngineResponse } from '../../src/engine/client.js';
import { NotFoundError } from '../../src/engine/errors.js';
import { inspectService } from '../../src/engine/services.js';
import { inspectNodeForLogs, inspectTaskForLogs, serviceLogs, taskLogs, type ServiceLogsOptions } from '../../src/engine/service-logs.js';
import { copyRaw, FrameParser, STDERR, SYSTEMERR } from '../../src/engine/stream.js';
import { getTimestamp } from '../../src/cli/timestamp.js';
import { StatusError } from '../../src/cli/errors.js';
import { onTermination, signalExitCode } from '../../src/tty/signals.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { versionLess } from '../../src/engine/client.js';
import { PROGRAM } from '../../src/cli/cli.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] SERVICE|TASK',
  short: 'Fetch the logs of a service or task',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'details', kind: 'bool', usage: 'Show extra details provided to logs' },
    { name: 'follow', short: 'f', kind: 'bool', usage: 'Follow log output' },
    { name: 'no-resolve', kind: 'bool', usage: 'Do not map IDs to Names in output' },
    { name: 'no-task-ids', kind: 'bool', usage: 'Do not include task IDs in output' },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate output' },
    { name: 'raw', kind: 'bool', usage: 'Do not neatly format logs' },
    { name: 'since', kind: 'value', type: 'string', usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', short: 'n', kind: 'value', type: 'string', usage: 'Number of lines to show from the end of the logs', default: 'all' },
    { name: 'timestamps', short: 't', kind: 'bool', usage: 'Show timestamps' },
  ],
};

/** the API versions docker annotates the command and its flags with */
const COMMAND_VERSION = '1.29';
const FLAG_VERSIONS: Record<string, string> = { raw: '1.30', details: '1.30' };

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export interface LogsFlags {
  noResolve: boolean;
  noTrunc: boolean;
  noTaskIDs: boolean;
  timestamps: boolean;
  details: boolean;
}

// ---------------------------------------------------------------------------------------------
// the pure parts: a log line's details, and the line docker prints for it. Lines are handled as
// latin1 strings (one character per byte) so that what the engine sent comes out byte for byte.

/** Go's url.QueryUnescape over a latin1 (byte) string */
export function queryUnescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '+') out += ' ';
    else if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        // Go quotes the bad escape (%q of up to three bytes)
        throw new Error(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else out += c;
  }
  return out;
}

function goQuote(latin1: string): string {
  return JSON.stringify(Buffer.from(latin1, 'latin1').toString('utf8'));
}

/** docker's logdetails.Parse: "k=v,l=w", keys and values query-escaped */
export function parseDetails(details: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of details.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error('invalid details format');
    map.set(queryUnescape(pair.slice(0, eq)), queryUnescape(pair.slice(eq + 1)));
  }
  return map;
}

/** Go's %v of a map[string]string: keys sorted */
function goMapString(m: Map<string, string>): string {
  const toUtf8 = (s: string): string => Buffer.from(s, 'latin1').toString('utf8');
  return `map[${[...m.keys()].sort().map((k) => `${toUtf8(k)}:${toUtf8(m.get(k)!)}`).join(' ')}]`;
}

export interface LogContext {
  nodeID: string;
  serviceID: string;
  taskID: string;
}

const NODE_KEY = 'com.docker.swarm.node.id';
const SERVICE_KEY = 'com.docker.swarm.service.id';
const TASK_KEY = 'com.docker.swarm.task.id';

/** parseContext: the task's IDs, taken out of `details` */
export function takeContext(details: Map<string, string>): LogContext {
  const take = (key: string, what: string): string => {
    const v = details.get(key);
    if (v === undefined) throw new Error(`missing ${what} id in details: ${goMapString(details)}`);
    details.delete(key);
    return v;
  };
  const nodeID = take(NODE_KEY, 'node');
  const serviceID = take(SERVICE_KEY, 'service');
  const taskID = take(TASK_KEY, 'task');
  return { nodeID, serviceID, taskID };
}

/** bytes.SplitN(s, " ", n) */
function splitN(s: string, n: number): string[] {
  const parts: string[] = [];
  let rest = s;
  while (parts.length < n - 1) {
    const sp = rest.indexOf(' ');
    if (sp < 0) break;
    parts.push(rest.slice(0, sp));
    rest = rest.slice(sp + 1);
  }
  parts.push(rest);
  return parts;
}

/** a log line taken apart as docker's logWriter does */
export interface ParsedLine {
  timestamp?: string;
  context: LogContext;
  /** the details left once the context is out, docker's "k=v" rendering sorted */
  details: string;
  message: string;
}

/** splits one frame's payload (latin1) into timestamp, details and message */
export function parseLogLine(line: string, timestamps: boolean): ParsedLine {
  const n = timestamps ? 3 : 2;
  const parts = splitN(line, n);
  if (parts.length !== n) throw new Error(`invalid context in log message: ${Buffer.from(line, 'latin1').toString('utf8')}`);
  const details = parseDetails(parts[n - 2]!);
  const context = takeContext(details);
  const pairs = [...details].map(([k, v]) => `${k}=${v}`).sort();
  return { timestamp: timestamps ? parts[0] : undefined, context, details: pairs.join(','), message: parts[n - 1]! };
}

/** the line docker prints: [timestamp ]name.slot.id@node<padding>    | [details ]message */
export function renderLogLine(p: ParsedLine, prefix: string, details: boolean): Buffer {
  const head = p.timestamp !== undefined ? `${p.timestamp} ` : '';
  return Buffer.concat([
    Buffer.from(head, 'latin1'),
    Buffer.from(`${prefix}    | `, 'utf8'),
    Buffer.from(details ? `${p.details} ${p.message}` : p.message, 'latin1'),
  ]);
}

/** getMaxLength: the decimal width of a number */
export function decimalWidth(n: number): number {
  return String(Math.trunc(n)).length;
}

/** the task's name and node as docker's taskFormatter shows them */
export function taskPrefix(o: { serviceName: string; slot: number; taskID: string; nodeName: string; padding: number }, f: Pick<LogsFlags, 'noTaskIDs' | 'noTrunc'>): string {
  let name = `${o.serviceName}.${o.slot}`;
  if (!f.noTaskIDs) name += `.${f.noTrunc ? o.taskID : o.taskID.slice(0, 12)}`;
  const pad = o.padding - decimalWidth(o.slot);
  return `${name}@${o.nodeName}${pad > 0 ? ' '.repeat(pad) : ''}`;
}

// ---------------------------------------------------------------------------------------------
// the engine side

/** docker's taskFormatter with its IDResolver: names looked up once per task */
class TaskFormatter {
  private readonly prefixes = new Map<string, string>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly api: EngineClient,
    private readonly flags: LogsFlags,
    private readonly padding: number,
  ) {}

  cached(c: LogContext): string | undefined {
    return this.prefixes.get(`${c.nodeID}\0${c.serviceID}\0${c.taskID}`);
  }

  async prefix(c: LogContext): Promise<string> {
    const key = `${c.nodeID}\0${c.serviceID}\0${c.taskID}`;
    const hit = this.prefixes.get(key);
    if (hit !== undefined) return hit;
    const nodeName = await this.resolve(c.nodeID, async () => {
      const node = await inspectNodeForLogs(this.api, c.nodeID);
      return node.Spec?.Name || node.Description?.Hostname || c.nodeID;
    });
    const serviceName = await this.resolve(c.serviceID, async () => (await inspectService(this.api, c.serviceID)).Spec.Name ?? '');
    const task = await inspectTaskForLogs(this.api, c.taskID);
    const out = taskPrefix({ serviceName, slot: task.Slot ?? 0, taskID: task.ID, nodeName, padding: this.padding }, this.flags);
    this.prefixes.set(key, out);
    return out;
  }

  /** IDResolver.Resolve: the ID itself with --no-resolve or when the lookup fails (best effort) */
  private async resolve(id: string, lookup: () => Promise<string>): Promise<string> {
    if (this.flags.noResolve) return id;
    const hit = this.names.get(id);
    if (hit !== undefined) return hit;
    const name = await lookup().catch(() => id);
    this.names.set(id, name);
    return name;
  }
}

function waitDrain(dst: NodeJS.WritableStream, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: unknown): void => {
      dst.removeListener('drain', onDrain);
      dst.removeListener('error', onError);
      signal.removeEventListener('abort', onAbort);
      if (err === undefined) resolve();
      else reject(err);
    };
    const onDrain = (): void => done();
    const onError = (e: unknown): void => done(e);
    const onAbort = (): void => done(signal.reason);
    dst.once('drain', onDrain);
    dst.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * stdcopy.StdCopy into docker's logWriters: one frame (one log line) at a time, each formatted
 * (or, raw, passed through) and written before the next is read; nothing but the frame being
 * parsed is held.
 */
export async function copyLogFrames(body: AsyncIterable<Buffer>, out: NodeJS.WritableStream, err: NodeJS.WritableStream, format: ((payload: Buffer) => Buffer | Promise<Buffer>) | undefined, signal: AbortSignal): Promise<void> {
  const parser = new FrameParser();
  for await (const chunk of body) {
    for (const f of parser.push(chunk)) {
      if (f.stream === SYSTEMERR) throw new Error(`error from daemon in stream: ${f.payload.toString('utf8')}`);
      const dst = f.stream === STDERR ? err : out;
      const bytes = format ? await format(f.payload) : f.payload;
      if (!dst.write(bytes)) await waitDrain(dst, signal);
    }
  }
  // StdCopy drops a frame the stream ended inside of; an unknown header still fails
  parser.end();
}

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  const target = args[0]!;
  // docker's isSupported: the command's own version, then its flags'
  const version = await cli.api().apiVersion();
  if (versionLess(version, COMMAND_VERSION)) throw new StatusError(`${PROGRAM} service logs requires API version ${COMMAND_VERSION}, but the Docker daemon API version is ${version}`, 1);
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const flags: LogsFlags = {
    noResolve: opts['no-resolve'] as boolean,
    noTrunc: opts['no-trunc'] as boolean,
    noTaskIDs: opts['no-task-ids'] as boolean,
    timestamps: opts.timestamps as boolean,
    details: opts.details as boolean,
  };
  const raw = opts.raw as boolean;

  // the first SIGINT/SIGTERM cancels the command, as docker's context: it ends with 128+signal
  const abort = new AbortController();
  let interrupted: number | undefined;
  const stopSignals = onTermination((sig) => {
    interrupted = signalExitCode(sig);
    abort.abort(new Error('interrupted'));
  }, cli.err);
  const interruption = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true }));
  interruption.catch(() => undefined);
  const cancellable = <T>(p: Promise<T>): Promise<T> => Promise.race([p, interruption]);

  const api = cli.api();
  let res: EngineResponse | undefined;
  try {
    let padding = 1;
    let tty: boolean;
    let fetch: (o: ServiceLogsOptions) => Promise<EngineResponse>;
    let sinceError: (msg: string) => string;
    try {
      const svc = await cancellable(inspectService(api, target));
      tty = svc.Spec.TaskTemplate.ContainerSpec?.TTY === true;
      const replicas = svc.Spec.Mode?.Replicated?.Replicas;
      if (replicas !== undefined && replicas !== null) padding = decimalWidth(replicas);
      fetch = (o) => serviceLogs(api, target, o);
      sinceError = (msg) => `invalid value for "since": ${msg}`;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      let task;
      try {
        task = await cancellable(inspectTaskForLogs(api, target));
      } catch (e2) {
        if (e2 instanceof NotFoundError) throw new StatusError(`no such task or service: ${target}`, 1);
        throw e2;
      }
      tty = task.Spec?.ContainerSpec?.TTY === true;
      padding = decimalWidth(task.Slot ?? 0);
      fetch = (o) => taskLogs(api, target, o);
      sinceError = (msg) => msg;
    }

    if (tty && !raw) throw new StatusError('tty service logs only supported with --raw', 1);

    let since: string | undefined;
    if (opts.since) {
      try {
        since = getTimestamp(opts.since as string);
      } catch (e) {
        throw new StatusError(sinceError((e as Error).message), 1);
      }
    }
    res = await cancellable(
      fetch({
        since,
        timestamps: flags.timestamps,
        follow: opts.follow as boolean,
        tail: opts.tail as string,
        // the details carry the task's IDs: asked for whenever the lines are formatted
        details: flags.details || !raw,
        signal: abort.signal,
      }),
    );
    const body = res.body;
    abort.signal.addEventListener('abort', () => body.destroy(), { once: true });

    if (tty) {
      await copyRaw(body, cli.out, { signal: abort.signal });
      return;
    }
    let format: ((payload: Buffer) => Buffer | Promise<Buffer>) | undefined;
    if (!raw) {
      const formatter = new TaskFormatter(api, flags, padding);
      format = (payload) => {
        const line = parseLogLine(payload.toString('latin1'), flags.timestamps);
        const hit = formatter.cached(line.context);
        if (hit !== undefined) return renderLogLine(line, hit, flags.details);
        return cancellable(formatter.prefix(line.context)).then((prefix) => renderLogLine(line, prefix, flags.details));
      };
    }
    await copyLogFrames(body, cli.out, cli.err, format, abort.signal);
  } catch (e) {
    if (interrupted !== undefined) return interrupted;
    throw e;
  } finally {
    stopSignals();
    res?.body.destroy();
  }
  return interrupted;
};
