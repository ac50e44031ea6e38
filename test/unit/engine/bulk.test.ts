// The bulk transfer exchange (save, export, load, import): the response parser under every
// way of cutting the bytes, backpressure, uploads and their failures; then the real socket
// path (net.connect's onread) against a local server. A stand-in socket or server is used
// because these are faults and framings the engine never produces on demand.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkExchange, UploadError, type BulkResponse, type Connector } from '../../../src/engine/bulk.js';
import { EngineClient } from '../../../src/engine/client.js';
import { NotFoundError } from '../../../src/engine/errors.js';
import { copyRaw } from '../../../src/engine/stream.js';

/** the parts of a net.Socket the exchange uses; the test feeds its reads */
class FakeSocket extends EventEmitter {
  written: Buffer[] = [];
  destroyed = false;
  paused = false;
  pauses = 0;
  cork(): void {}
  uncork(): void {}
  write(data: string | Buffer, enc?: BufferEncoding | (() => void), cb?: () => void): boolean {
    if (typeof enc === 'function') cb = enc;
    this.written.push(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data));
    if (cb) queueMicrotask(cb);
    return true;
  }
  pause(): this {
    this.paused = true;
    this.pauses++;
    return this;
  }
  resume(): this {
    this.paused = false;
    this.emit('resumed');
    return this;
  }
  destroy(err?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (err) queueMicrotask(() => this.emit('error', err));
    queueMicrotask(() => this.emit('close'));
    return this;
  }
  /** delivers `chunks` as separate reads, waiting while the exchange has paused reading */
  async feed(chunks: Buffer[], close = false): Promise<void> {
    for (const c of chunks) {
      while (this.paused && !this.destroyed) await new Promise((r) => this.once('resumed', r));
      if (this.destroyed) return;
      // a read fills a buffer of its own, which the exchange may rearrange
      this.emit('data', Buffer.from(c));
      await Promise.resolve();
    }
    if (close) this.destroy();
  }
  request(): string {
    return Buffer.concat(this.written).toString('latin1');
  }
}

const fakeConnector = (s: FakeSocket): Connector => () => ({ socket: s as unknown as Socket, onread: false });

function* chunkings(buf: Buffer): Generator<[string, Buffer[]]> {
  yield ['one read', [buf]];
  yield ['1-byte reads', [...buf].map((b) => Buffer.from([b]))];
  for (let i = 1; i < buf.length; i++) yield [`split at ${i}`, [buf.subarray(0, i), buf.subarray(i)]];
}

async function collect(res: BulkResponse): Promise<string> {
  const parts: Buffer[] = [];
  await res.body.drain((c) => {
    parts.push(c);
    return undefined;
  });
  return Buffer.concat(parts).toString('latin1');
}

const chunkedReply =
  'HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\nX-Twice: a\r\nx-twice: b\r\n\r\n' +
  '5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n';

describe('bulk exchange: the response', () => {
  it('a chunked body, however the reads cut it', async () => {
    for (const [name, chunks] of chunkings(Buffer.from(chunkedReply, 'latin1'))) {
      const s = new FakeSocket();
      const p = bulkExchange(fakeConnector(s), 'GET /v1.41/images/get HTTP/1.1\r\nHost: x', undefined);
      const fed = s.feed(chunks);
      const res = await p;
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type'], name).toBe('application/x-tar');
      expect(res.headers['x-twice'], name).toBe('a, b');
      expect(await collect(res), name).toBe('hello 0123456789');
      await fed;
      expect(s.destroyed, name).toBe(true);
      expect(s.request(), name).toBe('GET /v1.41/images/get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    }
  });

  it('a Content-Length body ends at its length', async () => {
    const reply = Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 27\r\n\r\n{"message":"No such image"}', 'latin1');
    for (const [name, chunks] of chunkings(reply)) {
      const s = new FakeSocket();
      const p = bulkExchange(fakeConnector(s), 'GET / HTTP/1.1', undefined);
      void s.feed(chunks);
      const res = await p;
      expect(res.status, name).toBe(404);
      expect(await collect(res), name).toBe('{"message":"No such image"}');
    }
  });

  it('a body without length or chunks ends when the connection does', async () => {
    const s = new FakeSocket();
    const p = bulkExchange(fakeConnector(s), 'GET / HTTP/1.0', undefined);
    void s.feed([Buffer.from('HTTP/1.0 200 OK\r\n\r\nall'), Buffer.from(' of it')], true);
    expect(await collect(await p)).toBe('all of it');
  });

  it('an interim 100 Continue is passed over', async () => {
    const s = new FakeSocket();
    const p = bulkExchange(fakeConnector(s), 'POST / HTTP/1.1', undefined);
    void s.feed([Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n')]);
    const res = await p;
    expect(res.status).toBe(204);
    expect(await collect(res)).toBe('');
  });

  it('the chunks of one read reach the consumer as one piece', async () => {
    const s = new FakeSocket();
    const p = bulkExchange(fakeConnector(s), 'GET / HTTP/1.1', undefined);
    void s.feed([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), Buffer.from('3\r\nabc\r\n2\r\nde\r\n4\r\nfg'), Buffer.from('hi\r\n0\r\n\r\n')]);
    const pieces: string[] = [];
    await (await p).body.drain((c) => {
      pieces.push(c.toString());
      return undefined;
    });
    expect(pieces).toEqual(['abcdefg', 'hi']);
  });

  it('async iteration gives the same bytes', async () => {
    const s = new FakeSocket();
    const p = bulkExchange(fakeConnector(s), 'GET / HTTP/1.1', undefined);
    void s.feed([...Buffer.from(chunkedReply, 'latin1')].map((b) => Buffer.from([b])));
    const res = await p;
    const parts: Buffer[] = [];
    for await (const c of res.body) parts.push(c);
    expect(Buffer.concat(parts).toString()).toBe('hello 0123456789');
  });

  it('a cut-off body, a bad chunk size, a connection closed before any answer: errors', async () => {
    const cut = new FakeSocket();
    const p1 = bulkExchange(fakeConnector(cut), 'GET / HTTP/1.1', undefined);
    void cut.feed([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel')], true);
    await expect(collect(await p1)).rejects.toThrow('unexpected EOF');

    const bad = new FakeSocket();
    const p2 = bulkExchange(fakeConnector(bad), 'GET / HTTP/1.1', undefined);
    void bad.feed([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n')]);
    await expect(collect(await p2)).rejects.toThrow('malformed chunked encoding');

    const none = new FakeSocket();
    const p3 = bulkExchange(fakeConnector(none), 'GET / HTTP/1.1', undefined);
    void none.feed([], true);
    await expect(p3).rejects.toThrow('EOF');

    const garbage = new FakeSocket();
    const p4 = bulkExchange(fakeConnector(garbage), 'GET / HTTP/1.1', undefined);
    void garbage.feed([Buffer.from('SSH-2.0-OpenSSH\r\n\r\n')]);
    await expect(p4).rejects.toThrow('malformed HTTP response');
  });

  it('a slow consumer stops the reads until it has caught up', async () => {
    const s = new FakeSocket();
    const p = bulkExchange(fakeConnector(s), 'GET / HTTP/1.1', undefined);
    const pieces = Array.from({ length: 20 }, (_, i) => `${(i + 1).toString(16)}\r\n${'x'.repeat(i + 1)}\r\n`).join('');
    void s.feed([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), ...[...Buffer.from(`${pieces}0\r\n\r\n`)].map((b) => Buffer.from([b]))]);
    const res = await p;
    let got = 0;
    await res.body.drain((c) => {
      got += c.length;
      return new Promise<void>((r) => setTimeout(r, 1));
    });
    expect(got).toBe((20 * 21) / 2);
    expect(s.pauses).toBeGreaterThan(10);
  });

  it('an abort ends the transfer with an AbortError', async () => {
    const s = new FakeSocket();
    const ac = new AbortController();
    const p = bulkExchange(fakeConnector(s), 'GET / HTTP/1.1', undefined, ac.signal);
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.destroyed).toBe(true);
  });
});

/** the body of a chunked request, decoded */
function dechunk(raw: string): { head: string; body: string; ended: boolean } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end);
  let rest = raw.slice(end + 4);
  let body = '';
  for (;;) {
    const nl = rest.indexOf('\r\n');
    if (nl < 0) return { head, body, ended: false };
    const n = parseInt(rest.slice(0, nl), 16);
    if (n === 0) return { head, body, ended: rest.slice(nl) === '\r\n\r\n' };
    body += rest.slice(nl + 2, nl + 2 + n);
    expect(rest.slice(nl + 2 + n, nl + 4 + n)).toBe('\r\n');
    rest = rest.slice(nl + 4 + n);
  }
}

describe('bulk exchange: the upload', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-bulk-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const waitFor = async (cond: () => boolean): Promise<void> => {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  };

  it('a file, sent chunked from its descriptor, in pieces of at most 1 MiB', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < content.length; i++) content[i] = (i * 7) % 251;
    const file = join(dir, 'a.tar');
    writeFileSync(file, content);
    const s = new FakeSocket();
    const p = bulkExchange(fakeConnector(s), 'POST /images/load HTTP/1.1', { fd: openSync(file, 'r'), name: file, close: true });
    await waitFor(() => dechunk(s.request()).ended);
    void s.feed([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')]);
    expect(await collect(await p)).toBe('ok');
    const req = dechunk(s.request());
    expect(req.head).toBe('POST /images/load HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close');
    expect(req.ended).toBe(true);
    expect(createHash('sha256').update(Buffer.from(req.body, 'latin1')).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    const sizes = [...s.request().matchAll(/\r\n([0-9a-f]+)\r\n/g)].map((m) => parseInt(m[1]!, 16));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1 << 20);
  });

  it('a stream, and an empty one', async () => {
    for (const parts of [['ab', 'cd', 'e'], []]) {
      const s = new FakeSocket();
      const p = bulkExchange(fakeConnector(s), 'POST / HTTP/1.1', Readable.from(parts.map((x) => Buffer.from(x))));
      await waitFor(() => dechunk(s.request()).ended);
      void s.feed([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')]);
      await collect(await p);
      expect(dechunk(s.request())).toEqual({ head: 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close', body: parts.join(''), ended: true });
    }
  });

  it('a descriptor that cannot be read fails as Go names it', async () => {
    const s = new FakeSocket();
    const p = bulkExchange(fakeConnector(s), 'POST / HTTP/1.1', { fd: openSync(dir, 'r'), name: dir, close: true });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as Error).message).toBe(`read ${dir}: is a directory`);
  });

  it('a failing stream fails the request', async () => {
    const s = new FakeSocket();
    const src = new Readable({ read() {} });
    const p = bulkExchange(fakeConnector(s), 'POST / HTTP/1.1', src);
    src.destroy(new Error('stdin went away'));
    await expect(p).rejects.toThrow('stdin went away');
  });

  it('an answer before the upload is done stops the upload', async () => {
    const s = new FakeSocket();
    let reads = 0;
    const src = new Readable({
      read() {
        reads++;
        setTimeout(() => this.push(Buffer.alloc(100, 1)), 1);
      },
    });
    const p = bulkExchange(fakeConnector(s), 'POST / HTTP/1.1', src);
    await waitFor(() => reads > 3);
    void s.feed([Buffer.from('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nnope')]);
    const res = await p;
    expect(res.status).toBe(500);
    expect(await collect(res)).toBe('nope');
    const before = reads;
    await new Promise((r) => setTimeout(r, 30));
    expect(reads - before).toBeLessThanOrEqual(1);
    expect(dechunk(s.request()).ended).toBe(false);
  });
});

describe('bulk transfers over a real socket (EngineClient.bulk)', () => {
  let dir = '';
  let server: Server;
  const big = Buffer.alloc(5 * 1024 * 1024 + 3);
  for (let i = 0; i < big.length; i++) big[i] = (i * 13) % 256;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-bulk-sock-'));
    server = createServer((sock) => {
      let req = Buffer.alloc(0);
      sock.on('data', (d) => {
        req = Buffer.concat([req, d]);
        const text = req.toString('latin1');
        if (!text.includes('\r\n\r\n')) return;
        if (text.startsWith('GET /v1.41/images/get')) {
          sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n');
          // chunks of uneven sizes, written in uneven pieces
          let off = 0;
          let n = 1;
          const parts: Buffer[] = [];
          while (off < big.length) {
            const len = Math.min(big.length - off, (n * 7919) % 200_000 + 1);
            parts.push(Buffer.from(`${len.toString(16)}\r\n`), big.subarray(off, off + len), Buffer.from('\r\n'));
            off += len;
            n++;
          }
          parts.push(Buffer.from('0\r\n\r\n'));
          const all = Buffer.concat(parts);
          let w = 0;
          const step = (): void => {
            while (w < all.length) {
              const piece = all.subarray(w, w + 65_000 + (w % 5000));
              w += piece.length;
              if (!sock.write(piece)) return void sock.once('drain', step);
            }
            sock.end();
          };
          step();
        } else if (text.startsWith('GET /v1.41/containers/raw/export')) {
          // no length, no chunks: the body ends with the connection
          sock.write('HTTP/1.0 200 OK\r\n\r\n');
          sock.end(big.subarray(0, 300_000));
        } else if (text.startsWith('GET /v1.41/images/nosuch')) {
          const body = '{"message":"No such image: nosuch"}\n';
          sock.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        }
      });
    });
    await new Promise<void>((r) => server.listen(join(dir, 'engine.sock'), r));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('the body arrives whole, through a consumer that keeps pausing it', async () => {
    const api = new EngineClient({ host: `unix://${join(dir, 'engine.sock')}`, version: '1.41' });
    const res = await api.bulk({ path: '/images/get', query: { names: ['x'] } });
    const hash = createHash('sha256');
    let n = 0;
    await res.body.drain((c) => {
      hash.update(c);
      n += c.length;
      return n % 3 === 0 ? new Promise<void>((r) => setImmediate(r)) : undefined;
    });
    expect(n).toBe(big.length);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('read buffers given back by copyRaw are not read into while a write still holds them', async () => {
    const api = new EngineClient({ host: `unix://${join(dir, 'engine.sock')}`, version: '1.41' });
    const res = await api.bulk({ path: '/images/get', query: { names: ['x'] } });
    const hash = createHash('sha256');
    let n = 0;
    let changed = 0;
    // a slow destination: each write is checked again when it completes
    const dst = new Writable({
      highWaterMark: 1 << 20,
      write(chunk: Buffer, _enc, cb) {
        const before = createHash('sha256').update(chunk).digest('hex');
        hash.update(chunk);
        n += chunk.length;
        setImmediate(() => {
          if (createHash('sha256').update(chunk).digest('hex') !== before) changed++;
          cb();
        });
      },
    });
    await copyRaw(res.body, dst);
    await new Promise<void>((r) => dst.end(r));
    expect(changed).toBe(0);
    expect(n).toBe(big.length);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('a body that ends with the connection', async () => {
    const api = new EngineClient({ host: `unix://${join(dir, 'engine.sock')}`, version: '1.41' });
    const res = await api.bulk({ path: '/containers/raw/export' });
    const parts: Buffer[] = [];
    for await (const c of res.body) parts.push(c);
    expect(Buffer.concat(parts).equals(big.subarray(0, 300_000))).toBe(true);
  });

  it("an error status becomes the engine's typed error", async () => {
    const api = new EngineClient({ host: `unix://${join(dir, 'engine.sock')}`, version: '1.41' });
    const err = await api.bulk({ path: '/images/nosuch/get' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toBe('No such image: nosuch');
  });

  it('no engine: the connection error docker reports', async () => {
    const api = new EngineClient({ host: `unix://${join(dir, 'none.sock')}`, version: '1.41' });
    await expect(api.bulk({ path: '/images/get' })).rejects.toThrow(`Cannot connect to the Docker daemon at unix://${join(dir, 'none.sock')}. Is the docker daemon running?`);
  });
});
