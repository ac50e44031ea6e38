// The bridge between the local streams and a hijacked attach/exec connection, as docker's
// hijackedIOStreamer: container output to stdout (raw copy with a TTY, demultiplexed to
// stdout/stderr without), local input to the container — through the detach-key detector
// and with the terminal raw when it is a TTY session — and a half-close when the input ends.
//
// It settles when the output ends (whatever the input is doing), when the input ends and the
// output then ends, on a detach (DetachError), or when aborted. The terminal is restored and
// the local input released before it settles, whichever way.
import type { HijackedConnection } from '../engine/client.js';
import { EscapeDetector, effectiveDetachKeys } from './keys.js';
import { RawTerminal } from './terminal.js';
import { pumpOutput } from './pump.js';

/** moby/term's EscapeError: the user typed the detach sequence. */
export class DetachError extends Error {
  constructor() {
    super('read escape sequence');
    this.name = 'DetachError';
  }
}

export interface StreamerOptions {
  conn: HijackedConnection;
  tty: boolean;
  /** the local input, when stdin is attached */
  input?: NodeJS.ReadStream;
  /** where the container's stdout goes, when attached */
  output?: NodeJS.WritableStream;
  /** where its stderr goes, when attached */
  error?: NodeJS.WritableStream;
  /** the --detach-keys / config.json spec; '' or undefined for ctrl-p,ctrl-q */
  detachKeys?: string;
  env?: NodeJS.ProcessEnv;
  /** aborting ends the session (docker's context cancellation) */
  signal?: AbortSignal;
  /** the raw-mode controller (tests) */
  terminal?: RawTerminal;
}

const discard = {
  write: (): boolean => true,
  on() {
    return this;
  },
  once() {
    return this;
  },
  removeListener() {
    return this;
  },
} as unknown as NodeJS.WritableStream;

export function streamHijacked(o: StreamerOptions): Promise<void> {
  const { conn, tty, input } = o;
  const sock = conn.socket;
  // errors of the connection surface through the output copy; never as an unhandled event
  const swallow = (): void => undefined;
  sock.on('error', swallow);

  let term: RawTerminal | undefined;
  let detector: EscapeDetector | undefined;
  if (input && tty) {
    term = o.terminal ?? new RawTerminal({ fd: (input as { fd?: number }).fd ?? 0, stream: input as never, env: o.env });
    try {
      term.enter();
    } catch (e) {
      return Promise.reject(new Error(`unable to setup input stream: ${(e as Error).message}`));
    }
    detector = new EscapeDetector(effectiveDetachKeys(o.detachKeys));
  }

  let inputReleased = false;
  let onData: ((chunk: Buffer) => void) | undefined;
  let onEnd: (() => void) | undefined;
  let onDrain: (() => void) | undefined;
  const releaseInput = (): void => {
    if (inputReleased || !input) return;
    inputReleased = true;
    if (onData) input.removeListener('data', onData);
    if (onEnd) {
      input.removeListener('end', onEnd);
      input.removeListener('error', onEnd);
    }
    if (onDrain) sock.removeListener('drain', onDrain);
    input.pause();
  };
  // docker's restoreTerminal: the terminal back to normal, and the input closed
  const restore = (): void => {
    term?.restore();
    releaseInput();
  };

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      restore();
      o.signal?.removeEventListener('abort', onAbort);
      // docker's resp.Close(); the error listener stays for whatever the socket still reports
      sock.destroy();
      if (err === undefined) resolve();
      else reject(err);
    };
    const onAbort = (): void => finish(o.signal?.reason ?? new Error('aborted'));
    if (o.signal) {
      if (o.signal.aborted) return onAbort();
      o.signal.addEventListener('abort', onAbort, { once: true });
    }

    // output
    let outputDone: Promise<void> | undefined;
    if (o.output || o.error) {
      outputDone = (async () => {
        try {
          await pumpOutput(sock, {
            head: conn.head,
            tty: tty && !!o.output,
            out: o.output ?? discard,
            err: o.error ?? discard,
            signal: o.signal,
          });
        } finally {
          // as soon as the output ends, so that what is printed next is printed normally
          if (tty) restore();
        }
      })();
      outputDone.then(() => finish(), (e: unknown) => finish(e));
    }

    // input
    const closeWrite = (): void => {
      const w = sock as { writableEnded?: boolean; destroyed?: boolean; end: () => void };
      if (!w.writableEnded && !w.destroyed) w.end();
    };
    const inputDone = (): void => {
      restore();
      closeWrite();
      if (!outputDone) finish();
    };
    if (!input) {
      closeWrite();
      if (!outputDone) finish();
      return;
    }
    onData = (chunk: Buffer): void => {
      let data = chunk;
      let detached = false;
      if (detector) ({ data, detached } = detector.push(chunk));
      const w = sock as { writableEnded?: boolean; destroyed?: boolean };
      if (data.length > 0 && !w.writableEnded && !w.destroyed) {
        if (!sock.write(data) && !detached && !onDrain) {
          // the connection is full: read no more local input until it drains
          input.pause();
          onDrain = (): void => {
            onDrain = undefined;
            if (!inputReleased) input.resume();
          };
          sock.once('drain', onDrain);
        }
      }
      if (detached) finish(new DetachError());
    };
    onEnd = (): void => inputDone();
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
    input.resume();
  });
}
