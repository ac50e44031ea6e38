// Bulk transfers (save, export, load, import): one HTTP/1.1 exchange on a connection of its
// own, read and written without node:http's streams.
//
// Why: through node:http, a GiB of `save` cost ~0.5 s more CPU than the same bytes read off
// the socket directly (the body's Readable buffers chunks and concatenates them again on
// read, and every chunk crosses the parser, the message stream and an async iterator). On a
// two-core machine that CPU is taken from the engine producing the archive. Here the socket
// hands each read (a fresh 64 KiB buffer) to the chunked decoder, which hands the data to
// the consumer's callback; backpressure stops the socket's reads. Uploads are read from a
// file descriptor in 1 MiB pieces and written as chunks of the request body.
import { read as fsRead, close as fsClose, fstatSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { errnoText } from '../build/gopath.js';

/**
 * Takes a piece of the body; may return a promise: no more data is delivered until it
 * settles. A consumer that is done with the bytes (written them out, nothing keeps a
 * reference) may call `release`: the read buffer they sit in is then read into again, which
 * spares the process a fresh 64 KiB (page faults, garbage) per read.
 */
export type ChunkHandler = (chunk: Buffer, release: () => void) => Promise<void> | undefined;

/**
 * What a bulk request uploads: a file descriptor read as it is (from its current offset;
 * closed at the end when `close` is set; `name` is the path errors name, as Go's os.File),
 * or a stream. `fallback` is the stream read instead when the descriptor is not a regular
 * file (node reads pipes and sockets without a thread-pool hop per read), or refuses
 * blocking reads (EAGAIN: stdin made non-blocking).
 */
export type UploadSource = { fd: number; name: string; close?: boolean; fallback?: () => NodeJS.ReadableStream } | NodeJS.ReadableStream;

/** reading the upload failed (not the connection): docker reports it as a failed request */
export class UploadError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export interface BulkHead {
  status: number;
  headers: Record<string, string>;
}

// 64 KiB reads: what a pipe on stdout takes at once (bigger ones were slower through a pipe)
const READ_SIZE = 64 * 1024;
const UPLOAD_PIECE = 1 << 20;
const MAX_HEAD = 1 << 20;

const abortError = (): Error => Object.assign(new Error('aborted'), { name: 'AbortError' });

/**
 * A response body. Consumed once: by `drain` (the fast path: a callback per piece) or by
 * async iteration (a small queue over `drain`, for JSON message streams and error texts).
 */
export class BulkBody implements AsyncIterable<Buffer> {
  private handler?: ChunkHandler;
  private pending: Buffer[] = [];
  private ended = false;
  private failure?: Error;
  private waiters: Array<() => void> = [];
  private blocked = false;

  /** @internal the connection's controls */
  constructor(private readonly control: { resume(): void; destroy(err?: Error): void; recycle(piece: Buffer): void }) {}

  /** @internal a piece of the body; false when the connection should stop reading */
  push(chunk: Buffer): boolean {
    if (this.handler && !this.blocked && this.pending.length === 0) return this.deliver(chunk);
    this.pending.push(chunk);
    return false;
  }

  /** @internal */
  end(err?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = err;
    this.wake();
  }

  /** stops the transfer; a consumer still waiting sees `err` */
  destroy(err?: Error): void {
    this.control.destroy(err);
    this.end(err ?? new Error('aborted'));
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private deliver(chunk: Buffer): boolean {
    let p: Promise<void> | undefined;
    try {
      p = this.handler!(chunk, () => this.control.recycle(chunk));
    } catch (e) {
      this.destroy(e as Error);
      return false;
    }
    if (!p) return true;
    this.blocked = true;
    p.then(
      () => {
        this.blocked = false;
        this.flush();
      },
      (e: unknown) => {
        this.blocked = false;
        this.destroy(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return false;
  }

  private flush(): void {
    while (this.pending.length > 0 && !this.blocked && !(this.failure && this.ended)) {
      if (!this.deliver(this.pending.shift()!)) return;
    }
    if (this.pending.length === 0 && !this.blocked) {
      if (this.ended) this.wake();
      else this.control.resume();
    }
  }

  /** Hands every piece to `handler`, in order; resolves at the body's end. */
  drain(handler: ChunkHandler): Promise<void> {
    if (this.handler) return Promise.reject(new Error('bulk body consumed twice'));
    this.handler = handler;
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (this.ended && (this.failure || (this.pending.length === 0 && !this.blocked))) {
          if (this.failure) reject(this.failure);
          else resolve();
          return;
        }
        this.waiters.push(check);
      };
      this.flush();
      check();
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer, void, undefined> {
    const queue: Buffer[] = [];
    let notify: (() => void) | undefined;
    let release: (() => void) | undefined;
    let finished = false;
    let error: unknown;
    const done = this.drain((chunk) => {
      queue.push(chunk);
      notify?.();
      // a little read-ahead; then the connection waits for the reader
      return queue.length < 8 ? undefined : new Promise<void>((r) => (release = r));
    }).then(
      () => {
        finished = true;
        notify?.();
      },
      (e: unknown) => {
        finished = true;
        error = e;
        notify?.();
      },
    );
    try {
      for (;;) {
        if (queue.length > 0) {
          const chunk = queue.shift()!;
          if (queue.length < 8 && release) {
            const r = release;
            release = undefined;
            r();
          }
          yield chunk;
          continue;
        }
        if (finished) break;
        await new Promise<void>((r) => (notify = r));
        notify = undefined;
      }
      await done;
      if (error) throw error;
    } finally {
      if (!finished) this.destroy(new Error('aborted'));
    }
  }
}

export interface BulkResponse extends BulkHead {
  body: BulkBody;
}

type Phase = 'head' | 'size' | 'data' | 'data-end' | 'trailer' | 'raw' | 'done';

/** net.connect's `onread`: reads into a fresh buffer each time, handed to `callback` */
export interface Onread {
  buffer: () => Buffer;
  /** false stops reading until socket.resume() */
  callback: (n: number, buf: Buffer) => boolean;
}

/**
 * Opens the connection. A plain socket takes `onread` (net.connect's option; `onread: true`
 * says so); a TLS socket can't, and is read through its 'data' events.
 */
export type Connector = (onread: Onread) => { socket: Socket; onread: boolean };

/**
 * Runs one request on a connection of its own and resolves with the response's head once it
 * has arrived. `head` is the request line and headers, each line without its CRLF, and
 * without framing headers: a body is sent chunked, and the connection closed after.
 */
export function bulkExchange(connect: Connector, head: string, upload: UploadSource | undefined, signal?: AbortSignal): Promise<BulkResponse> {
  return new Promise<BulkResponse>((resolve, reject) => {
    let phase: Phase = 'head';
    let headBuf: Buffer | undefined;
    let left = 0; // bytes left in this chunk (or the whole body with a Content-Length)
    let line = '';
    let headDone = false;
    let failed = false;
    let uploadDone = upload === undefined;
    let stopUpload: (() => void) | undefined;
    let readingPaused = false;
    let socket!: Socket;

    // read buffers: lent to a read, back when the consumer releases the piece they hold
    const free: Buffer[] = [];
    const lent = new WeakSet<ArrayBufferLike>();
    const readBuffer = (): Buffer => {
      const b = free.pop() ?? Buffer.allocUnsafeSlow(READ_SIZE);
      lent.add(b.buffer);
      return b;
    };

    const body = new BulkBody({
      recycle: (piece) => {
        // only a buffer of ours, once: a second release of it would give it to two reads
        if (!lent.has(piece.buffer)) return;
        lent.delete(piece.buffer);
        if (free.length < 4) free.push(Buffer.from(piece.buffer, 0, READ_SIZE));
      },
      resume: () => {
        if (readingPaused) {
          readingPaused = false;
          socket.resume();
        }
      },
      destroy: (err) => {
        stopUpload?.();
        socket.destroy(err);
      },
    });

    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      stopUpload?.();
      socket.destroy();
      if (!headDone) reject(err);
      else body.end(err);
    };

    const finish = (): void => {
      phase = 'done';
      body.end();
      // the engine may still be reading an upload it doesn't need (an early answer)
      stopUpload?.();
      socket.destroy();
    };

    const startBody = (status: number, headers: Record<string, string>, method: string): void => {
      const te = (headers['transfer-encoding'] ?? '').toLowerCase();
      if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200)) {
        phase = 'done';
      } else if (te.includes('chunked')) {
        phase = 'size';
      } else if (headers['content-length'] !== undefined) {
        left = Number(headers['content-length']);
        if (!Number.isSafeInteger(left) || left < 0) return fail(new Error(`invalid Content-Length: ${headers['content-length']}`));
        phase = left === 0 ? 'done' : 'data';
      } else {
        phase = 'raw';
      }
      headDone = true;
      resolve({ status, headers, body });
      if (phase === 'done') finish();
    };

    const method = head.slice(0, head.indexOf(' '));

    /**
     * Takes the body bytes of `b` from offset `i`; false when reading should pause. The data
     * of the chunks a read holds is moved together (over the chunk headers between them) and
     * handed on as one piece: one write per read downstream, and a read buffer that is free
     * again once that piece is.
     */
    const onBody = (b: Buffer, i: number): boolean => {
      let from = -1;
      let to = -1;
      const take = (at: number, n: number): void => {
        if (from < 0) {
          from = at;
          to = at + n;
          return;
        }
        if (at !== to) b.copyWithin(to, at, at + n);
        to += n;
      };
      let complete = false;
      while (i < b.length && !complete) {
        switch (phase) {
          case 'raw': {
            take(i, b.length - i);
            i = b.length;
            break;
          }
          case 'data': {
            const n = Math.min(left, b.length - i);
            take(i, n);
            i += n;
            left -= n;
            if (left === 0) {
              if (headersChunked) phase = 'data-end';
              else complete = true;
            }
            break;
          }
          case 'size':
          case 'data-end':
          case 'trailer': {
            const nl = b.indexOf(10, i);
            if (nl < 0) {
              line += b.toString('latin1', i);
              if (line.length > 4096) return (fail(new Error('malformed chunked encoding')), false);
              i = b.length;
              break;
            }
            line += b.toString('latin1', i, nl);
            i = nl + 1;
            const text = line.endsWith('\r') ? line.slice(0, -1) : line;
            line = '';
            if (phase === 'data-end') {
              if (text !== '') return (fail(new Error('malformed chunked encoding')), false);
              phase = 'size';
            } else if (phase === 'trailer') {
              if (text === '') complete = true;
            } else {
              const semi = text.indexOf(';');
              const hex = (semi < 0 ? text : text.slice(0, semi)).trim();
              if (!/^[0-9a-fA-F]{1,15}$/.test(hex)) return (fail(new Error('malformed chunked encoding')), false);
              left = parseInt(hex, 16);
              phase = left === 0 ? 'trailer' : 'data';
            }
            break;
          }
          default:
            i = b.length;
        }
      }
      const go = from >= 0 && to > from ? body.push(from === 0 && to === b.length ? b : b.subarray(from, to)) : true;
      if (complete) finish();
      return go;
    };
    let headersChunked = false;

    const onData = (b: Buffer): boolean => {
      if (failed) return false;
      if (phase === 'head') {
        headBuf = headBuf ? Buffer.concat([headBuf, b]) : b;
        for (;;) {
          const end = headBuf.indexOf('\r\n\r\n');
          if (end < 0) {
            if (headBuf.length > MAX_HEAD) fail(new Error('the engine sent a response head over 1 MiB'));
            return true;
          }
          const lines = headBuf.toString('latin1', 0, end).split('\r\n');
          const rest = headBuf.subarray(end + 4);
          const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
          if (!m) return (fail(new Error(`malformed HTTP response ${JSON.stringify(lines[0] ?? '')}`)), false);
          const status = Number(m[1]);
          const headers: Record<string, string> = {};
          for (const l of lines.slice(1)) {
            const c = l.indexOf(':');
            if (c <= 0) continue;
            const k = l.slice(0, c).trim().toLowerCase();
            const v = l.slice(c + 1).trim();
            headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`;
          }
          if (status >= 100 && status < 200 && status !== 101) {
            // an interim answer (100 Continue): the real one follows
            headBuf = rest;
            continue;
          }
          headBuf = undefined;
          headersChunked = (headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked');
          startBody(status, headers, method);
          if (failed || (phase as Phase) === 'done') return false;
          return rest.length > 0 ? onBody(rest, 0) : true;
        }
      }
      return onBody(b, 0);
    };

    const handle = (b: Buffer): boolean => {
      if (!onData(b) && phase !== 'done' && !failed) readingPaused = true;
      return !readingPaused;
    };
    if (signal?.aborted) return reject(abortError());
    const conn = connect({ buffer: readBuffer, callback: (n, buf) => handle(buf.subarray(0, n)) });
    socket = conn.socket;
    if (!conn.onread) {
      socket.on('data', (b: Buffer) => {
        if (!handle(b)) socket.pause();
      });
    }
    if (signal) {
      const onAbort = (): void => fail(abortError());
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('close', () => signal.removeEventListener('abort', onAbort));
    }
    socket.on('error', (err) => fail(err));
    socket.on('close', () => {
      if (failed) return;
      if (phase === 'raw') return finish();
      if (phase !== 'done') fail(new Error(headDone ? 'unexpected EOF' : 'EOF'));
    });

    // the request
    socket.cork();
    socket.write(`${head}\r\n${upload ? 'Transfer-Encoding: chunked\r\n' : ''}Connection: close\r\n\r\n`, 'latin1');
    socket.uncork();
    if (!upload) return;

    /** writes a chunk of the body; `written` once the socket is done with `piece` */
    const writePiece = (piece: Buffer, written?: () => void): boolean => {
      socket.cork();
      socket.write(`${piece.length.toString(16)}\r\n`, 'latin1');
      socket.write(piece, written);
      const ok = socket.write('\r\n', 'latin1');
      socket.uncork();
      return ok;
    };
    const endUpload = (): void => {
      if (uploadDone) return;
      uploadDone = true;
      stopUpload = undefined;
      if (!failed && !socket.destroyed) socket.write('0\r\n\r\n', 'latin1');
    };
    const uploadFailed = (err: Error): void => {
      uploadDone = true;
      stopUpload = undefined;
      fail(err);
    };
    const waitDrain = (then: () => void): void => {
      const onDrain = (): void => {
        socket.removeListener('close', onClose);
        then();
      };
      const onClose = (): void => {
        socket.removeListener('drain', onDrain);
      };
      socket.once('drain', onDrain);
      socket.once('close', onClose);
    };

    const streamUpload = (src: NodeJS.ReadableStream): void => {
      const s = src as Readable;
      const onChunk = (c: Buffer | string): void => {
        if (uploadDone || failed) return;
        if (!writePiece(typeof c === 'string' ? Buffer.from(c) : c)) {
          s.pause();
          waitDrain(() => s.resume());
        }
      };
      const onEnd = (): void => {
        cleanup();
        endUpload();
      };
      const onError = (e: Error): void => {
        cleanup();
        uploadFailed(new UploadError(e.message, e));
      };
      const cleanup = (): void => {
        s.removeListener('data', onChunk);
        s.removeListener('end', onEnd);
        s.removeListener('error', onError);
      };
      stopUpload = () => {
        cleanup();
        uploadDone = true;
        // as Go's transport closes a request's body once the exchange is over
        if (typeof s.destroy === 'function') s.destroy();
        else s.pause();
      };
      s.on('data', onChunk);
      s.once('end', onEnd);
      s.once('error', onError);
      s.resume();
    };

    if ('fd' in upload && typeof upload.fd === 'number') {
      const { fd } = upload;
      let regular = false;
      try {
        regular = fstatSync(fd).isFile();
      } catch {
        // the read reports it
      }
      if (!regular && upload.fallback) {
        // a pipe or socket: node's stream reads it as it fills, without a thread-pool hop
        // per read (blocking reads of a pipe come back 64 KiB at a time)
        streamUpload(upload.fallback());
        return;
      }
      let stopped = false;
      let reading = false;
      // the pieces come back once the socket has written them: no fresh memory per read
      const free: Buffer[] = [];
      const closeFd = (): void => {
        if (upload.close) fsClose(fd, () => undefined);
      };
      stopUpload = () => {
        stopped = true;
        uploadDone = true;
        if (!reading) closeFd();
      };
      const next = (): void => {
        if (stopped || failed) return;
        reading = true;
        const buf = free.pop() ?? Buffer.allocUnsafeSlow(UPLOAD_PIECE);
        fsRead(fd, buf, 0, buf.length, null, (err, n) => {
          reading = false;
          if (stopped || failed) return closeFd();
          if (err) {
            if ((err as NodeJS.ErrnoException).code === 'EAGAIN' && upload.fallback) {
              stopUpload = undefined;
              return streamUpload(upload.fallback());
            }
            closeFd();
            return uploadFailed(new UploadError(`read ${upload.name}: ${errnoText(err)}`, err));
          }
          if (n === 0) {
            closeFd();
            return endUpload();
          }
          if (writePiece(n === buf.length ? buf : buf.subarray(0, n), () => free.push(buf))) next();
          else waitDrain(next);
        });
      };
      next();
    } else {
      streamUpload(upload as NodeJS.ReadableStream);
    }
  });
}
