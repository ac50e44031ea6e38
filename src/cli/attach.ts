// What run, start -a/-i, attach and exec share around the TTY bridge (src/tty): the attach
// request with docker's errors, the exit-status wait, docker's logrus-style error lines,
// and the attached session of run and start: stream, start, follow the window size, then
// the container's exit status (or a detach).
import type { Cli } from './cli.js';
import type { HijackedConnection } from '../engine/client.js';
import { EngineError } from '../engine/errors.js';
import { attachContainer, killContainer, resizeContainer, waitContainerEarly, type AttachOptions, type WaitResult } from '../engine/containers.js';
import { DetachError, streamHijacked } from '../tty/streamer.js';
import { TtySizeMonitor } from '../tty/resize.js';
import { forwardSignals, onTermination, signalExitCode, type SignalForwarder } from '../tty/signals.js';
import { goQuote } from './flags.js';
import { signalProxyActive } from './pipes.js';

/** docker's client refuses an empty (or blank) container reference before any request */
export function checkContainerRef(ref: string): void {
  if (ref.trim() === '') throw new Error('invalid container name or ID: value is empty');
}

/** docker's client: a hijack the engine did not accept is reported by its HTTP status only. */
export function hijackError(e: unknown): unknown {
  if (e instanceof EngineError && e.status > 0) return new Error(`unable to upgrade to tcp, received ${e.status}`);
  return e;
}

/** Checks that the engine switched protocols (docker's client requires a 101). */
export function requireUpgrade(conn: HijackedConnection): HijackedConnection {
  if (!conn.upgraded) {
    conn.socket.destroy();
    throw new Error('unable to upgrade to tcp, received 200');
  }
  return conn;
}

export async function attach(cli: Cli, id: string, o: AttachOptions): Promise<HijackedConnection> {
  try {
    return requireUpgrade(await attachContainer(cli.api(), id, o));
  } catch (e) {
    throw hijackError(e);
  }
}

/** Go's RFC 3339 in local time, as logrus prints it */
function rfc3339(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${zone}`;
}

/** A logrus error line as the docker CLI prints it (text formatter, stderr not a colour terminal). */
export function logrusLine(level: string, msg: string, now = new Date()): string {
  const quoted = /^[A-Za-z0-9\-._/@^+]*$/.test(msg) && msg !== '' ? msg : goQuote(msg);
  return `time="${rfc3339(now)}" level=${level} msg=${quoted}\n`;
}

/** Go's text for a wait response that broke off or could not be read. */
function waitErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.message === 'aborted' || err?.code === 'ECONNRESET') return 'unexpected EOF';
  if (err instanceof SyntaxError) return /Unexpected end/.test(err.message) ? 'EOF' : err.message;
  if (e instanceof EngineError) return e.daemonMessage;
  return err?.message ?? String(e);
}

export interface ExitStatus {
  code: number;
  /** a line for stderr (docker logs it as the status arrives) */
  log?: string;
}

/** docker's waitExitOrRemoved: the wait is registered before this resolves; the status comes later. */
export async function waitExitOrRemoved(cli: Cli, id: string, waitRemove: boolean): Promise<{ status: Promise<ExitStatus> }> {
  let read: () => Promise<WaitResult>;
  try {
    read = await waitContainerEarly(cli.api(), id, waitRemove ? 'removed' : 'next-exit');
  } catch (e) {
    return { status: Promise.resolve({ code: 125, log: logrusLine('error', `error waiting for container: ${waitErrorText(e)}`) }) };
  }
  const status = read().then(
    (r): ExitStatus => {
      if (r.Error?.Message) return { code: 125, log: logrusLine('error', `Error waiting for container: ${r.Error.Message}`) };
      return { code: r.StatusCode };
    },
    (e: unknown): ExitStatus => ({ code: 125, log: logrusLine('error', `error waiting for container: ${waitErrorText(e)}`) }),
  );
  return { status };
}

function report(cli: Cli, s: ExitStatus): number {
  if (s.log) cli.err.write(s.log);
  return s.code;
}

/** Follows the local window size when the container has a TTY and stdout is a terminal. */
export function monitorContainerSize(cli: Cli, id: string): TtySizeMonitor {
  const api = cli.api();
  const m = new TtySizeMonitor({ resize: (h, w) => resizeContainer(api, id, h, w) }, { out: cli.out, err: cli.err });
  m.start();
  return m;
}

export function proxySignals(cli: Cli, id: string): SignalForwarder {
  const api = cli.api();
  return forwardSignals((sig) => killContainer(api, id, sig));
}

export interface SessionOptions {
  id: string;
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** the flag's value, else config.json's */
  detachKeys?: string;
  autoRemove: boolean;
  sigProxy: boolean;
  /** starts the container; its error is rethrown as it is */
  start: () => Promise<void>;
  /** run waits for the output to be drained even after the exit status arrives; start does not race */
  raceStatus: boolean;
  /**
   * what the first SIGINT/SIGTERM does (docker cancels the command's context): nothing for
   * run, whose session does not depend on it; for start, the end of the command with
   * 128+signal
   */
  onTerminate: 'ignore' | 'exit';
}

/**
 * run's and start's attached session: attach, start streaming, register the wait, start the
 * container, follow the window size, then settle with the exit status; a detach is exit 0.
 */
export async function attachedSession(cli: Cli, o: SessionOptions): Promise<number> {
  const forwarder = o.sigProxy ? proxySignals(cli, o.id) : undefined;
  if (forwarder) signalProxyActive(true);
  let terminatedBy: (sig: NodeJS.Signals) => void = () => undefined;
  const terminated = new Promise<NodeJS.Signals>((r) => (terminatedBy = r));
  const stopTermination = onTermination((sig) => {
    if (o.onTerminate === 'exit') terminatedBy(sig);
  }, cli.err);
  let monitor: TtySizeMonitor | undefined;
  const cancel = new AbortController();
  try {
    const conn = await attach(cli, o.id, {
      stream: true,
      stdin: o.stdin,
      stdout: o.stdout,
      stderr: o.stderr,
      detachKeys: o.detachKeys,
    });
    const streamed = streamHijacked({
      conn,
      tty: o.tty,
      input: o.stdin ? cli.in : undefined,
      output: o.stdout ? cli.out : undefined,
      error: o.stderr ? (o.tty ? cli.out : cli.err) : undefined,
      detachKeys: o.detachKeys,
      env: cli.env,
      signal: cancel.signal,
    });
    // settled either way; read below
    const outcome = streamed.then(
      () => ({ err: undefined as unknown }),
      (err: unknown) => ({ err }),
    );
    const { status } = await waitExitOrRemoved(cli, o.id, o.autoRemove);
    try {
      await o.start();
    } catch (e) {
      cancel.abort();
      await outcome;
      if (o.autoRemove) await status;
      throw e;
    }
    if (o.tty && cli.out.isTTY) monitor = monitorContainerSize(cli, o.id);

    type First = { stream: { err: unknown } } | { status: ExitStatus } | { signal: NodeJS.Signals };
    const racers: Promise<First>[] = [outcome.then((r) => ({ stream: r })), terminated.then((sig) => ({ signal: sig }))];
    if (o.raceStatus) racers.push(status.then((s) => ({ status: s })));
    const first = await Promise.race(racers);
    if ('signal' in first) {
      // the signal itself still reaches the container before berth goes
      await forwarder?.flushed();
      cancel.abort();
      await outcome;
      return signalExitCode(first.signal);
    }
    if ('stream' in first) {
      const err = first.stream.err;
      if (err instanceof DetachError) return 0;
      if (err !== undefined) throw err;
      return report(cli, await status);
    }
    if (!o.stdout && !o.stderr) cancel.abort();
    await outcome;
    return report(cli, first.status);
  } finally {
    cancel.abort();
    monitor?.stop();
    stopTermination();
    forwarder?.stop();
  }
}
