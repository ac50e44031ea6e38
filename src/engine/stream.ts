// The Engine API's streaming body formats:
//
//  * the multiplexed stdout/stderr stream (application/vnd.docker.multiplexed-stream), used by
//    logs / attach / exec of containers without a TTY: frames of an 8-byte header
//    [type, 0, 0, 0, size uint32 BE] followed by `size` payload bytes;
//  * the raw stream of TTY containers (a plain byte copy);
//  * JSON message streams (pull, push, build, load, events, stats): concatenated JSON values.
//
// On the start-up path of one-shot commands: Node built-ins only.

import { Buffer } from 'node:buffer';
import type { Readable, Writable } from 'node:stream';
import { BulkBody, type ChunkHandler } from './bulk.js';

// ---------------------------------------------------------------------------------------------
// shared plumbing

/** Anything the engine client hands out as a body: a Node stream or any async iterable of bytes. */
export type ByteSource = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

export interface CopyOptions {
  /** aborting rejects with `signal.reason` and destroys the source */
  signal?: AbortSignal;
  /** bytes already read from the connection (e.g. those that came with a hijacked response head) */
  head?: Buffer;
}

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

const noop = (): void => {};

/**
 * Watches the destinations for errors and waits for 'drain' when a write is refused, so that the
 * source is only read as fast as the destinations take the bytes.
 */
class Sink {
  private failure: unknown;
  private failed = false;
  private readonly dsts: NodeJS.WritableStream[];
  private readonly onError = (err: unknown): void => {
    if (!this.failed) {
      this.failed = true;
      this.failure = err;
    }
  };

  constructor(dsts: NodeJS.WritableStream[], private readonly signal?: AbortSignal) {
    this.dsts = [...new Set(dsts)];
    for (const d of this.dsts) d.on('error', this.onError);
  }

  dispose(): void {
    for (const d of this.dsts) d.removeListener('error', this.onError);
  }

  check(): void {
    if (this.failed) throw this.failure;
  }

  /** Writes `buf`; the returned promise (if any) settles once `dst` wants more. */
  write(dst: NodeJS.WritableStream, buf: Buffer): Promise<void> | undefined {
    this.check();
    if (dst.write(buf)) return undefined;
    return this.drain(dst);
  }

  private drain(dst: NodeJS.WritableStream): Promise<void> {
    const w = dst as Partial<Writable> & NodeJS.WritableStream;
    if (w.destroyed || w.writableNeedDrain === false) {
      // refused by a destroyed stream ('drain' will never come), or already drained
      return w.destroyed ? Promise.reject(this.failure ?? destroyedError()) : Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const signal = this.signal;
      const done = (err?: unknown): void => {
        dst.removeListener('drain', onDrain);
        dst.removeListener('error', onFail);
        dst.removeListener('close', onClose);
        signal?.removeEventListener('abort', onAbort);
        if (err === undefined) resolve();
        else reject(err);
      };
      const onDrain = (): void => done();
      const onFail = (err: unknown): void => done(err ?? destroyedError());
      const onClose = (): void => done(this.failure ?? destroyedError());
      const onAbort = (): void => done(signal?.reason);
      dst.on('drain', onDrain);
      dst.on('error', onFail);
      dst.on('close', onClose);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function destroyedError(): Error {
  const err = new Error('Cannot call write after a stream was destroyed') as NodeJS.ErrnoException;
  err.code = 'ERR_STREAM_DESTROYED';
  return err;
}

function isNodeReadable(src: ByteSource): src is Readable {
  return typeof (src as Partial<Readable>).iterator === 'function' && typeof (src as Partial<Readable>).destroy === 'function';
}

/** `pump` for a bulk transfer's body: a callback per piece, no stream or iterator in between */
async function pumpBulk(src: BulkBody, opts: CopyOptions, handler: ChunkHandler): Promise<void> {
  const { signal, head } = opts;
  if (head && head.length > 0) await handler(head, noop);
  const onAbort = (): void => src.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal?.throwIfAborted();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await src.drain(handler);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Feeds every chunk of `src` to `onChunk`, awaiting its promise (backpressure) before reading on.
 * On normal end the source is left alone (a hijacked socket's write side stays usable); on
 * failure or abort it is destroyed, since nobody else will read it.
 */
async function pump(src: ByteSource, onChunk: ChunkHandler, opts: CopyOptions): Promise<void> {
  const { signal, head } = opts;
  if (src instanceof BulkBody) return pumpBulk(src, opts, onChunk);
  const nodeReadable = isNodeReadable(src) ? src : undefined;
  const it: AsyncIterator<Buffer | Uint8Array | string> = nodeReadable
    ? nodeReadable.iterator({ destroyOnReturn: false })
    : (src as AsyncIterable<Buffer | Uint8Array | string>)[Symbol.asyncIterator]();

  let onAbort = noop;
  let aborted: Promise<never> | undefined;
  if (signal) {
    aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
    });
    aborted.catch(noop);
    signal.addEventListener('abort', onAbort, { once: true });
  }

  let ok = false;
  try {
    signal?.throwIfAborted();
    if (head && head.length > 0) {
      const p = onChunk(head, noop);
      if (p) await (aborted ? Promise.race([p, aborted]) : p);
    }
    for (;;) {
      const r = aborted ? await Promise.race([it.next(), aborted]) : await it.next();
      if (r.done) break;
      const p = onChunk(toBuffer(r.value), noop);
      if (p) await (aborted ? Promise.race([p, aborted]) : p);
    }
    ok = true;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!ok) {
      if (nodeReadable) nodeReadable.destroy();
      else if (it.return) it.return().catch(noop);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// multiplexed stdout/stderr stream

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const SYSTEMERR = 3;
export type StreamType = typeof STDIN | typeof STDOUT | typeof STDERR | typeof SYSTEMERR;

export interface Frame {
  stream: StreamType;
  payload: Buffer;
}

const HEADER_LEN = 8;

/** A frame header with an unknown stream type. */
export class StreamHeaderError extends Error {
  constructor(readonly type: number) {
    super(`Unrecognized input header: ${type}`);
    this.name = 'StreamHeaderError';
  }
}

/** A systemerr (type 3) frame: the daemon reporting an error in the middle of the stream. */
export class DaemonStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DaemonStreamError';
  }
}

export interface FrameParserOptions {
  /**
   * Emit stdin/stdout/stderr payloads piecewise as their bytes arrive instead of whole frames
   * (no buffering, no copies; a frame may then come out as several Frames, and empty ones are
   * skipped). Systemerr frames are always whole.
   */
  splitPayloads?: boolean;
}

/**
 * Incremental, pure parser of the multiplexed stream. Payloads are subarrays of the pushed
 * chunks whenever a payload lies within one chunk.
 *
 * An unknown stream type does not throw at once: push() returns the frames before it, and the
 * next push() or end() throws the StreamHeaderError (also readable as `error`), so no data that
 * preceded the bad header is lost.
 *
 * End of input inside a frame is not an error (docker's StdCopy returns success there too), but
 * unlike StdCopy the partial payload is not dropped: end() returns it, and sets `truncated`.
 */
export class FrameParser {
  private readonly split: boolean;
  private readonly header = Buffer.alloc(HEADER_LEN);
  private headerLen = 0;
  private inPayload = false;
  private stream: StreamType = STDOUT;
  private remaining = 0;
  private parts: Buffer[] = [];
  private partsLen = 0;
  private failure: StreamHeaderError | undefined;
  /** set by end() when the input stopped inside a frame */
  truncated = false;

  constructor(opts: FrameParserOptions = {}) {
    this.split = opts.splitPayloads === true;
  }

  /** the error the parser stopped at, if any */
  get error(): Error | undefined {
    return this.failure;
  }

  /** bytes of an incomplete frame currently held */
  get pending(): number {
    return this.headerLen + this.partsLen;
  }

  push(chunk: Buffer): Frame[] {
    if (this.failure) throw this.failure;
    const out: Frame[] = [];
    const n = chunk.length;
    let i = 0;
    for (;;) {
      if (!this.inPayload) {
        let type: number;
        let size: number;
        if (this.headerLen === 0 && n - i >= HEADER_LEN) {
          type = chunk[i]!;
          size = chunk.readUInt32BE(i + 4);
          i += HEADER_LEN;
        } else {
          if (i >= n) break;
          const take = Math.min(HEADER_LEN - this.headerLen, n - i);
          chunk.copy(this.header, this.headerLen, i, i + take);
          this.headerLen += take;
          i += take;
          if (this.headerLen < HEADER_LEN) break;
          this.headerLen = 0;
          type = this.header[0]!;
          size = this.header.readUInt32BE(4);
        }
        if (type > SYSTEMERR) {
          this.failure = new StreamHeaderError(type);
          break;
        }
        this.stream = type as StreamType;
        if (size === 0) {
          if (!this.split || type === SYSTEMERR) out.push({ stream: this.stream, payload: Buffer.alloc(0) });
          continue;
        }
        this.remaining = size;
        this.inPayload = true;
      }
      if (i >= n) break;
      const take = Math.min(this.remaining, n - i);
      const piece = chunk.subarray(i, i + take);
      i += take;
      this.remaining -= take;
      if (this.split && this.stream !== SYSTEMERR) {
        out.push({ stream: this.stream, payload: piece });
      } else {
        this.parts.push(piece);
        this.partsLen += take;
      }
      if (this.remaining === 0) {
        this.inPayload = false;
        if (this.parts.length > 0) out.push({ stream: this.stream, payload: this.takeParts() });
      }
    }
    return out;
  }

  /** Signals end of input; returns what is left of an incomplete frame (see the class comment). */
  end(): Frame[] {
    if (this.failure) throw this.failure;
    const out: Frame[] = [];
    this.truncated = this.inPayload || this.headerLen > 0;
    if (this.parts.length > 0) out.push({ stream: this.stream, payload: this.takeParts() });
    this.inPayload = false;
    this.headerLen = 0;
    this.remaining = 0;
    return out;
  }

  private takeParts(): Buffer {
    const parts = this.parts;
    const payload = parts.length === 1 ? parts[0]! : Buffer.concat(parts, this.partsLen);
    this.parts = [];
    this.partsLen = 0;
    return payload;
  }
}

/** Payloads smaller than this, going to the same destination, are coalesced into one write. */
const COALESCE_MAX = 16 * 1024;

/**
 * Demultiplexes `src` into `stdout` (stdin and stdout frames) and `stderr`, in order, waiting for
 * 'drain' whenever a destination refuses a write. Resolves at the end of `src`; rejects with a
 * DaemonStreamError (message = payload) on a systemerr frame, a StreamHeaderError on an unknown
 * stream type, or the error of a destination. The destinations are never ended.
 */
export async function demuxStream(
  src: ByteSource,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  opts: CopyOptions = {},
): Promise<void> {
  const parser = new FrameParser({ splitPayloads: true });
  const sink = new Sink([stdout, stderr], opts.signal);

  // consecutive small payloads for one destination are gathered and written at once
  let batch: Buffer[] = [];
  let batchLen = 0;
  let batchDst: NodeJS.WritableStream = stdout;
  const flush = (): Promise<void> | undefined => {
    if (batch.length === 0) return undefined;
    const buf = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchLen);
    batch = [];
    batchLen = 0;
    return sink.write(batchDst, buf);
  };

  const deliver = async (frames: Frame[]): Promise<void> => {
    for (const f of frames) {
      if (f.stream === SYSTEMERR) {
        await flush();
        throw new DaemonStreamError(f.payload.toString('utf8'));
      }
      const dst = f.stream === STDERR ? stderr : stdout;
      if (dst !== batchDst) {
        await flush();
        batchDst = dst;
      }
      if (f.payload.length >= COALESCE_MAX) {
        await flush();
        await sink.write(dst, f.payload);
      } else {
        batch.push(f.payload);
        batchLen += f.payload.length;
      }
    }
    await flush();
    sink.check();
  };

  const onChunk = (chunk: Buffer): Promise<void> | undefined => {
    const frames = parser.push(chunk);
    // fast path: one payload, nothing to wait for
    if (frames.length === 1 && frames[0]!.stream !== SYSTEMERR && !parser.error) {
      const f = frames[0]!;
      return sink.write(f.stream === STDERR ? stderr : stdout, f.payload);
    }
    return frames.length === 0 && !parser.error ? undefined : deliver(frames).then(() => {
      if (parser.error) throw parser.error;
    });
  };

  try {
    await pump(src, onChunk, opts);
    await deliver(parser.end());
  } finally {
    sink.dispose();
  }
}

/** The TTY case: copies `src` to `dst` as it is, with backpressure. `dst` is never ended. */
export async function copyRaw(src: ByteSource, dst: NodeJS.WritableStream, opts: CopyOptions = {}): Promise<void> {
  const sink = new Sink([dst], opts.signal);
  const w = dst as Partial<Writable>;
  // a piece written out whole (nothing left queued in `dst`) gives a bulk body's read buffer back
  const onChunk: ChunkHandler = (chunk, release) => {
    if (chunk.length === 0) return undefined;
    const p = sink.write(dst, chunk);
    if (p) return p.then(release);
    if (w.writableLength === 0) release();
    return undefined;
  };
  try {
    await pump(src, onChunk, opts);
    sink.check();
  } finally {
    sink.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// JSON message streams

/** docker's jsonmessage.JSONProgress, as sent on the wire */
export interface JSONProgress {
  current?: number;
  total?: number;
  start?: number;
  hidecounts?: boolean;
  units?: string;
}

/** docker's jsonmessage.JSONError */
export interface JSONError {
  code?: number;
  message?: string;
}

/** docker's jsonmessage.JSONMessage, as sent on the wire (every field optional) */
export interface JSONMessage {
  id?: string;
  status?: string;
  /** pre-rendered progress bar (deprecated by the engine, still sent) */
  progress?: string;
  progressDetail?: JSONProgress;
  stream?: string;
  aux?: unknown;
  /** deprecated by the engine in favour of errorDetail, still sent */
  error?: string;
  errorDetail?: JSONError;
  time?: number;
  timeNano?: number;
  from?: string;
}

const IDLE = 0;
const IN_VALUE = 1; // inside an object, array or string
const IN_SCALAR = 2; // inside a top-level number or literal

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Incremental decoder of concatenated JSON values, like Go's json.Decoder: any whitespace or
 * none between values, values split anywhere (inside strings, escapes or UTF-8 sequences).
 * Bytes are only decoded once a value is complete.
 *
 * As with FrameParser, an invalid value makes push() return the values before it; the next
 * push() or end() throws the SyntaxError (also readable as `error`).
 */
export class JsonMessageParser {
  private mode = IDLE;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** bytes of the current value that came in earlier chunks */
  private parts: Buffer[] = [];
  private failure: Error | undefined;

  get error(): Error | undefined {
    return this.failure;
  }

  push(chunk: Buffer): unknown[] {
    if (this.failure) throw this.failure;
    const out: unknown[] = [];
    const n = chunk.length;
    let mode = this.mode;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let start = 0;
    let i = 0;
    scan: for (; i < n; i++) {
      const c = chunk[i]!;
      if (mode === IN_VALUE) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c /* \ */) escaped = true;
          else if (c === 0x22 /* " */) {
            inString = false;
            if (depth === 0) {
              mode = IDLE; // a top-level string ended
              if (!this.emit(chunk, start, i + 1, out)) break scan;
            }
          }
        } else if (c === 0x22) inString = true;
        else if (c === 0x7b /* { */ || c === 0x5b /* [ */) depth++;
        else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
          if (--depth === 0) {
            mode = IDLE;
            if (!this.emit(chunk, start, i + 1, out)) break scan;
          }
        }
      } else if (mode === IN_SCALAR) {
        if (isJsonSpace(c) || c === 0x7b || c === 0x5b || c === 0x22) {
          mode = IDLE;
          if (!this.emit(chunk, start, i, out)) break scan;
          i--; // this byte starts the next value (or is whitespace)
        }
      } else if (!isJsonSpace(c)) {
        start = i;
        if (c === 0x7b || c === 0x5b) {
          mode = IN_VALUE;
          depth = 1;
        } else if (c === 0x22) {
          mode = IN_VALUE;
          depth = 0;
          inString = true;
        } else {
          mode = IN_SCALAR;
        }
      }
    }
    if (this.failure) {
      this.parts = [];
      return out;
    }
    if (mode !== IDLE && start < n) this.parts.push(start === 0 ? chunk : chunk.subarray(start));
    this.mode = mode;
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return out;
  }

  /** Signals end of input: returns a pending top-level number or literal; throws on a truncated value. */
  end(): unknown[] {
    if (this.failure) throw this.failure;
    const mode = this.mode;
    this.mode = IDLE;
    this.inString = false;
    this.escaped = false;
    this.depth = 0;
    if (mode === IDLE) return [];
    if (mode === IN_VALUE) {
      this.parts = [];
      this.failure = new SyntaxError('Unexpected end of JSON input');
      throw this.failure;
    }
    const out: unknown[] = [];
    if (!this.emit(Buffer.alloc(0), 0, 0, out)) throw this.failure;
    return out;
  }

  /** Parses the value ending at `end` of `chunk`; false (and `failure` set) when it is invalid. */
  private emit(chunk: Buffer, start: number, end: number, out: unknown[]): boolean {
    let text: string;
    if (this.parts.length === 0) {
      text = chunk.toString('utf8', start, end);
    } else {
      this.parts.push(chunk.subarray(0, end));
      text = Buffer.concat(this.parts).toString('utf8');
      this.parts = [];
    }
    try {
      out.push(JSON.parse(text));
      return true;
    } catch (err) {
      this.failure = err instanceof Error ? err : new SyntaxError(String(err));
      return false;
    }
  }
}

/** Decodes the JSON values of `src` one by one (see JsonMessageParser). */
export async function* jsonMessages<T = unknown>(src: ByteSource): AsyncGenerator<T, void, undefined> {
  const parser = new JsonMessageParser();
  for await (const chunk of src) {
    for (const v of parser.push(toBuffer(chunk))) yield v as T;
  }
  for (const v of parser.end()) yield v as T;
}
