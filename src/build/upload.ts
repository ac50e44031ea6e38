// Sending a context to the engine. A local directory's tar is written from a pool of
// buffers used in turn: one goes back to the pool once the socket has taken its bytes, so
// memory stays the same whatever the context's size and no garbage piles up.
// Other contexts (stdin, downloads, --compress) are streams piped through a byte counter.
import { Transform, type Readable, type Writable } from 'node:stream';
import type { BodyWriter } from '../engine/client.js';
import type { ContextTar } from './context.js';

export const CHUNK = 256 << 10;
export const BUFFERS = 8;

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes the tar from `buffers` buffers of `chunk` bytes; onBytes(total, done) after each.
 * The tar is made on this thread, so after each buffer the event loop gets a turn: the
 * socket keeps flushing what is queued while the next buffer fills, and the engine, which
 * unpacks as it reads, is never left waiting. At most `buffers` are in flight.
 */
export function tarUpload(tar: ContextTar, onBytes: (n: number, done: boolean) => void, chunk = CHUNK, buffers = BUFFERS): BodyWriter {
  return (dest) => {
    const free: Buffer[] = [];
    for (let i = 0; i < buffers; i++) free.push(Buffer.allocUnsafe(chunk));
    let wake: (() => void) | undefined;
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      tar.close();
      wake?.();
    };
    dest.once('close', stop);
    dest.once('error', stop);
    const release = (b: Buffer): void => {
      free.push(b);
      const w = wake;
      wake = undefined;
      w?.();
    };
    let total = 0;
    const pump = async (): Promise<void> => {
      for (;;) {
        if (stopped) return;
        if (free.length === 0) {
          await new Promise<void>((r) => (wake = r));
          continue;
        }
        const buf = free.pop()!;
        let n: number;
        try {
          n = tar.fill(buf);
        } catch (e) {
          dest.destroy(e as Error);
          return;
        }
        if (n === 0) {
          onBytes(total, true);
          dest.end();
          return;
        }
        total += n;
        onBytes(total, false);
        dest.write(buf.subarray(0, n), () => release(buf));
        await tick();
      }
    };
    void pump();
  };
}

/** a pass-through that counts what is read of the body; onBytes(total, done) */
export function counter(onBytes: (n: number, done: boolean) => void): Transform {
  let n = 0;
  return new Transform({
    highWaterMark: CHUNK,
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      onBytes(n, false);
      cb(null, chunk);
    },
    flush(cb) {
      onBytes(n, true);
      cb();
    },
  });
}

/** an error of the body itself (not of the connection): docker reports it as a failed POST */
export class BodyError extends Error {}

/**
 * A stream body through the counter. An error of any stage ends the upload as docker's
 * progress reader sees it (a last update with what was read) and fails the request.
 */
export function streamUpload(stages: Readable[], onBytes: (n: number, done: boolean) => void): BodyWriter {
  return (dest) => {
    let src: Readable = stages[0]!;
    for (const s of stages.slice(1)) src = src.pipe(s as unknown as Writable) as unknown as Readable;
    let n = 0;
    const counted = src.pipe(counter((total, done) => onBytes((n = total), done)));
    let failed = false;
    for (const s of [...stages, counted]) {
      s.on('error', (e) => {
        if (failed) return;
        failed = true;
        onBytes(n, true);
        dest.destroy(new BodyError(e.message));
      });
    }
    dest.once('close', () => {
      if (!counted.writableFinished) for (const s of stages) s.destroy();
    });
    counted.pipe(dest);
  };
}
