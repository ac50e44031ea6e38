// The output side of an attached session: the connection's bytes to stdout (TTY) or
// demultiplexed to stdout/stderr, as they arrive.
//
// Unlike a lock-step copy, it reads the connection in flowing mode and lets up to `limit`
// bytes wait in the destination's buffer before it stops reading: the engine is never held
// up by the momentary stalls of whoever reads berth's output, and memory stays bounded.
import type { Duplex } from 'node:stream';
import { DaemonStreamError, FrameParser, STDERR, SYSTEMERR } from '../engine/stream.js';

export interface PumpOptions {
  /** bytes that came with the response head */
  head?: Buffer;
  tty: boolean;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** how much may wait in a destination's buffer before the connection is paused */
  limit?: number;
  signal?: AbortSignal;
}

const DEFAULT_LIMIT = 4 * 1024 * 1024;

function pending(w: NodeJS.WritableStream): number {
  return (w as Partial<{ writableLength: number }>).writableLength ?? 0;
}

/** Resolves at the end of the connection's output; rejects on a daemon error frame or a write error. */
export function pumpOutput(sock: Duplex, o: PumpOptions): Promise<void> {
  const limit = o.limit ?? DEFAULT_LIMIT;
  const parser = o.tty ? undefined : new FrameParser({ splitPayloads: true });
  const dsts = [...new Set([o.out, o.err])];

  return new Promise<void>((resolve, reject) => {
    let done = false;
    let waiting: NodeJS.WritableStream | undefined;
    const cleanup = (): void => {
      sock.removeListener('data', onData);
      sock.removeListener('end', onEnd);
      sock.removeListener('close', onEnd);
      sock.removeListener('error', onError);
      for (const d of dsts) d.removeListener('error', onError);
      if (waiting) waiting.removeListener('drain', onDrain);
      o.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (e: unknown): void => {
      if (done) return;
      done = true;
      cleanup();
      sock.pause();
      reject(e);
    };
    const onError = (e: unknown): void => fail(e);
    const onAbort = (): void => fail(o.signal?.reason ?? new Error('aborted'));
    const onEnd = (): void => {
      if (done) return;
      try {
        if (parser) deliver(parser.end());
      } catch (e) {
        fail(e);
        return;
      }
      done = true;
      cleanup();
      resolve();
    };
    const onDrain = (): void => {
      waiting = undefined;
      if (!done) throttle();
    };
    // pause while a destination holds more than `limit`; resume when it drains
    const throttle = (): void => {
      for (const d of dsts) {
        if (pending(d) > limit) {
          if (!waiting) {
            waiting = d;
            sock.pause();
            d.once('drain', onDrain);
          }
          return;
        }
      }
      sock.resume();
    };
    const deliver = (frames: { stream: number; payload: Buffer }[]): void => {
      for (const f of frames) {
        if (f.stream === SYSTEMERR) throw new DaemonStreamError(f.payload.toString('utf8'));
        (f.stream === STDERR ? o.err : o.out).write(f.payload);
      }
    };
    const onData = (chunk: Buffer): void => {
      if (done) return;
      try {
        if (parser) {
          deliver(parser.push(chunk));
          if (parser.error) throw parser.error;
        } else if (chunk.length > 0) {
          o.out.write(chunk);
        }
      } catch (e) {
        fail(e);
        return;
      }
      if (!waiting && (pending(o.out) > limit || pending(o.err) > limit)) throttle();
    };

    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    for (const d of dsts) d.on('error', onError);
    sock.on('error', onError);
    sock.on('end', onEnd);
    // a connection destroyed without an end (the engine gone) ends the output too
    sock.on('close', onEnd);
    if (o.head && o.head.length > 0) onData(o.head);
    sock.on('data', onData);
    sock.resume();
  });
}
