import { Buffer } from 'node:buffer';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  copyRaw,
  DaemonStreamError,
  demuxStream,
  FrameParser,
  JsonMessageParser,
  jsonMessages,
  StreamHeaderError,
  type Frame,
  type JSONMessage,
} from '../../../src/engine/stream.js';

// ---------------------------------------------------------------------------------------------
// helpers

type Spec = [type: number, payload: string | Buffer];

function encode(frames: Spec[]): Buffer {
  const parts: Buffer[] = [];
  for (const [type, p] of frames) {
    const payload = typeof p === 'string' ? Buffer.from(p) : p;
    const h = Buffer.alloc(8);
    h[0] = type;
    h.writeUInt32BE(payload.length, 4);
    parts.push(h, payload);
  }
  return Buffer.concat(parts);
}

/** the ways of cutting `buf` into chunks that every consumer must be indifferent to */
function* chunkings(buf: Buffer): Generator<[string, Buffer[]]> {
  yield ['one chunk', [buf]];
  yield ['1-byte chunks', [...buf].map((b) => Buffer.from([b]))];
  yield ['1-byte chunks with empty ones between', [...buf].flatMap((b) => [Buffer.alloc(0), Buffer.from([b]), Buffer.alloc(0)])];
  for (let i = 0; i <= buf.length; i++) yield [`split at ${i}`, [buf.subarray(0, i), buf.subarray(i)]];
}

async function* iterate(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield c;
}

/** a Writable recording what it gets, in order, into a shared log */
function recorder(name: string, log: [string, Buffer][], opts: { highWaterMark?: number; delay?: boolean } = {}): Writable {
  return new Writable({
    highWaterMark: opts.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      log.push([name, Buffer.from(chunk)]);
      if (opts.delay) setImmediate(cb);
      else cb();
    },
  });
}

/** the log with consecutive writes to one destination merged: what a reader of the output sees */
function merged(log: [string, Buffer][]): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, buf] of log) {
    if (buf.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last[0] === name) last[1] += buf.toString('latin1');
    else out.push([name, buf.toString('latin1')]);
  }
  return out;
}

function expectedOutput(frames: Spec[]): [string, string][] {
  const log: [string, Buffer][] = frames.map(([t, p]) => [t === 2 ? 'err' : 'out', typeof p === 'string' ? Buffer.from(p) : p]);
  return merged(log);
}

async function demuxChunks(chunks: Buffer[]): Promise<{ out: [string, string][]; error?: unknown }> {
  const log: [string, Buffer][] = [];
  try {
    await demuxStream(iterate(chunks), recorder('out', log), recorder('err', log));
    return { out: merged(log) };
  } catch (error) {
    return { out: merged(log), error };
  }
}

function parseAll(p: FrameParser, chunks: Buffer[]): Frame[] {
  const out: Frame[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

const plain = (frames: Frame[]): [number, string][] => frames.map((f) => [f.stream, f.payload.toString('latin1')]);

// a corpus of frame sequences, with headers split everywhere once encoded
const bytes = (n: number, seed: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));
const corpus: [string, Spec[]][] = [
  ['empty stream', []],
  ['one stdout frame', [[1, 'hello world\n']]],
  ['interleaved stdout and stderr', [[1, 'out 1\n'], [2, 'err 1\n'], [1, 'out 2\n'], [1, 'out 3\n'], [2, 'err 2\n']]],
  ['zero-length frames', [[1, ''], [2, ''], [1, 'x'], [1, ''], [2, 'y'], [2, '']]],
  ['stdin frames go to stdout', [[0, 'in'], [1, 'out'], [0, 'in again'], [2, 'err']]],
  ['payloads that look like headers', [[1, encode([[2, 'fake']])], [2, Buffer.from([3, 0, 0, 0, 0, 0, 0, 1, 9])], [1, Buffer.from([0xff, 0, 0, 0])]]],
  ['binary and multi-byte payloads', [[1, bytes(40, 7)], [2, 'héllo wörld 😀 中文'], [1, bytes(3, 200)]]],
  ['many tiny frames', Array.from({ length: 20 }, (_, i): Spec => [(i % 3 === 0 ? 2 : 1), String.fromCharCode(97 + i)])],
];

// ---------------------------------------------------------------------------------------------
// multiplexed stream

describe('FrameParser', () => {
  for (const [name, frames] of corpus) {
    it(`parses "${name}" identically however the bytes are chunked`, () => {
      const encoded = encode(frames);
      const expected = frames.map(([t, p]): [number, string] => [t, (typeof p === 'string' ? Buffer.from(p) : p).toString('latin1')]);
      for (const [how, chunks] of chunkings(encoded)) {
        expect(plain(parseAll(new FrameParser(), chunks)), how).toEqual(expected);
        // piecewise mode: the same bytes per stream, in the same order
        const split = parseAll(new FrameParser({ splitPayloads: true }), chunks);
        expect(merged(split.map((f) => [f.stream === 2 ? 'err' : 'out', f.payload])), how).toEqual(expectedOutput(frames));
        expect(split.every((f) => f.payload.length > 0), how).toBe(true);
      }
    });
  }

  it('parses identically for every pair of split positions', () => {
    const frames = corpus[2]![1];
    const encoded = encode(frames);
    const expected = plain(parseAll(new FrameParser(), [encoded]));
    for (let i = 0; i <= encoded.length; i++) {
      for (let j = i; j <= encoded.length; j++) {
        const chunks = [encoded.subarray(0, i), encoded.subarray(i, j), encoded.subarray(j)];
        expect(plain(parseAll(new FrameParser(), chunks))).toEqual(expected);
      }
    }
  });

  it('hands out subarrays of the chunk, not copies, for payloads within one chunk', () => {
    const encoded = encode([[1, 'abc'], [2, 'defg']]);
    const frames = new FrameParser().push(encoded);
    expect(frames).toHaveLength(2);
    for (const f of frames) expect(f.payload.buffer).toBe(encoded.buffer);
  });

  it('returns systemerr frames whole, even in piecewise mode', () => {
    const encoded = encode([[1, 'ok'], [3, 'boom: something failed']]);
    for (const [how, chunks] of chunkings(encoded)) {
      const frames = parseAll(new FrameParser({ splitPayloads: true }), chunks);
      const errs = frames.filter((f) => f.stream === 3);
      expect(errs.map((f) => f.payload.toString()), how).toEqual(['boom: something failed']);
    }
  });

  it('reports an unknown stream type after handing out the frames before it', () => {
    const encoded = Buffer.concat([encode([[1, 'before'], [2, 'also']]), encode([[7, 'never']])]);
    for (const [how, chunks] of chunkings(encoded)) {
      const p = new FrameParser();
      const got: Frame[] = [];
      let error: unknown;
      try {
        for (const c of chunks) got.push(...p.push(c));
        got.push(...p.end());
      } catch (err) {
        error = err;
      }
      expect(plain(got), how).toEqual([[1, 'before'], [2, 'also']]);
      expect(error, how).toBeInstanceOf(StreamHeaderError);
      expect((error as Error).message).toBe('Unrecognized input header: 7');
      expect(p.error).toBe(error);
    }
  });

  it('flushes a truncated payload at end (docker drops it) and flags it', () => {
    const encoded = encode([[1, 'whole'], [2, 'cut short']]).subarray(0, -4);
    const p = new FrameParser();
    expect(plain(parseAll(p, [encoded]))).toEqual([[1, 'whole'], [2, 'cut s']]);
    expect(p.truncated).toBe(true);

    const q = new FrameParser();
    expect(plain(parseAll(q, [encode([[1, 'x']]), Buffer.from([1, 0, 0])]))).toEqual([[1, 'x']]);
    expect(q.truncated).toBe(true);

    const r = new FrameParser();
    parseAll(r, [encode([[1, 'x']])]);
    expect(r.truncated).toBe(false);
  });

  it('accepts frames of the maximal declared size without allocating it up front', () => {
    const p = new FrameParser();
    const header = Buffer.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    expect(p.push(Buffer.concat([header, Buffer.from('abc')]))).toEqual([]);
    expect(p.pending).toBe(3);
  });
});

describe('demuxStream', () => {
  for (const [name, frames] of corpus) {
    it(`demultiplexes "${name}" identically however the bytes are chunked`, async () => {
      const encoded = encode(frames);
      const expected = expectedOutput(frames);
      for (const [how, chunks] of chunkings(encoded)) {
        const { out, error } = await demuxChunks(chunks);
        expect(error, how).toBeUndefined();
        expect(out, how).toEqual(expected);
      }
    });
  }

  it('rejects with the payload of a systemerr frame, after writing what came before', async () => {
    const encoded = encode([[1, 'out\n'], [2, 'err\n'], [3, 'error from daemon: no such thing'], [1, 'not written']]);
    for (const [how, chunks] of chunkings(encoded)) {
      const { out, error } = await demuxChunks(chunks);
      expect(out, how).toEqual([['out', 'out\n'], ['err', 'err\n']]);
      expect(error, how).toBeInstanceOf(DaemonStreamError);
      expect((error as Error).message, how).toBe('error from daemon: no such thing');
    }
  });

  it('rejects on an unknown stream type, after writing what came before', async () => {
    const encoded = Buffer.concat([encode([[1, 'a'], [2, 'b']]), Buffer.from([4, 0, 0, 0, 0, 0, 0, 1, 0x41])]);
    for (const [how, chunks] of chunkings(encoded)) {
      const { out, error } = await demuxChunks(chunks);
      expect(out, how).toEqual([['out', 'a'], ['err', 'b']]);
      expect(error, how).toBeInstanceOf(StreamHeaderError);
      expect((error as Error).message, how).toBe('Unrecognized input header: 4');
    }
  });

  it('writes a truncated last payload and resolves, as docker does', async () => {
    const encoded = encode([[1, 'abc'], [2, 'defgh']]).subarray(0, -2);
    const { out, error } = await demuxChunks([encoded]);
    expect(error).toBeUndefined();
    expect(out).toEqual([['out', 'abc'], ['err', 'def']]);
  });

  it('takes a Node Readable (and the bytes of a hijacked response head) as its source', async () => {
    const encoded = encode([[1, 'one'], [2, 'two'], [1, 'three']]);
    const log: [string, Buffer][] = [];
    const src = Readable.from([encoded.subarray(5, 20), new Uint8Array(encoded.subarray(20))]);
    await demuxStream(src, recorder('out', log), recorder('err', log), { head: encoded.subarray(0, 5) });
    expect(merged(log)).toEqual([['out', 'one'], ['err', 'two'], ['out', 'three']]);
  });

  it('handles a large payload split over many chunks', async () => {
    const big = bytes(300_000, 3);
    const encoded = encode([[1, 'a'], [2, big], [1, big.subarray(7, 100_007)], [2, 'z']]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < encoded.length; ) {
      const n = 1 + ((i * 7919) % 20_000);
      chunks.push(encoded.subarray(i, i + n));
      i += n;
    }
    const { out, error } = await demuxChunks(chunks);
    expect(error).toBeUndefined();
    expect(out).toEqual(expectedOutput([[1, 'a'], [2, big], [1, big.subarray(7, 100_007)], [2, 'z']]));
  });

  it('waits for drain: the destination buffer and the read-ahead stay bounded', async () => {
    const frameSize = 4096;
    const chunkSize = 64 * 1024;
    const total = 16 * 1024 * 1024;
    const oneChunkOfFrames = encode(Array.from({ length: 1000 }, (_, i): Spec => [1 + (i % 2), bytes(frameSize, i)]));
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    let maxBuffered = 0;
    async function* source(): AsyncGenerator<Buffer> {
      // frames are cut across chunk boundaries at changing offsets
      let off = 0;
      while (produced < total) {
        const end = Math.min(off + chunkSize, oneChunkOfFrames.length);
        const c = oneChunkOfFrames.subarray(off, end);
        off = end === oneChunkOfFrames.length ? 0 : end;
        produced += c.length;
        yield c;
      }
    }
    const slow = (): Writable => {
      const w: Writable = new Writable({
        highWaterMark: 1024,
        write(chunk: Buffer, _enc, cb) {
          consumed += chunk.length;
          maxBuffered = Math.max(maxBuffered, w.writableLength);
          maxAhead = Math.max(maxAhead, produced - consumed);
          setImmediate(cb);
        },
      });
      return w;
    };
    await demuxStream(source(), slow(), slow());
    expect(produced).toBeGreaterThanOrEqual(total);
    // headers are not written: consumed is what was produced minus 8 bytes a frame
    expect(consumed).toBeGreaterThan(total * 0.99);
    expect(maxBuffered).toBeLessThanOrEqual(2 * chunkSize);
    expect(maxAhead).toBeLessThanOrEqual(3 * chunkSize);
  });

  it('does not read on while a destination refuses writes', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield encode([[1, 'x'.repeat(100)]]);
      }
    }
    const pending: (() => void)[] = [];
    const stuck = new Writable({ highWaterMark: 10, write: (_c, _e, cb) => void pending.push(cb) });
    const done = demuxStream(source(), stuck, stuck);
    await new Promise((r) => setTimeout(r, 30));
    expect(pulled).toBe(1);
    expect(pending).toHaveLength(1);
    // let it go: the stream then runs to the end
    const release = setInterval(() => pending.splice(0).forEach((cb) => cb()), 1);
    await done;
    clearInterval(release);
    expect(pulled).toBe(100);
  });

  it('rejects with the error of a destination', async () => {
    const failing = new Writable({ write: (_c, _e, cb) => cb(new Error('EPIPE-ish')) });
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 1000; i++) {
        yield encode([[1, 'hello']]);
        await new Promise((r) => setImmediate(r));
      }
    }
    await expect(demuxStream(source(), failing, sink)).rejects.toThrow('EPIPE-ish');
  });

  it('stops, destroys the source and rejects when aborted', async () => {
    const src = new Readable({ read() {} });
    src.push(encode([[1, 'first']]));
    const log: [string, Buffer][] = [];
    const ac = new AbortController();
    const done = demuxStream(src, recorder('out', log), recorder('err', log), { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(src.destroyed).toBe(true);
    expect(merged(log)).toEqual([['out', 'first']]);
  });

  it('leaves the source alone when it ends normally', async () => {
    const src = new Readable({ read() {}, autoDestroy: false });
    src.push(encode([[1, 'x']]));
    src.push(null);
    const log: [string, Buffer][] = [];
    await demuxStream(src, recorder('out', log), recorder('err', log));
    expect(src.destroyed).toBe(false);
  });

  it('moves 64 MiB quickly', async () => {
    const frames = encode(Array.from({ length: 128 }, (_, i): Spec => [1 + (i % 2), bytes(32 * 1024 - 1, i)]));
    const total = 64 * 1024 * 1024;
    async function* source(): AsyncGenerator<Buffer> {
      let sent = 0;
      while (sent < total) {
        for (let off = 0; off < frames.length; off += 65536) {
          const c = frames.subarray(off, off + 65536);
          sent += c.length;
          yield c;
        }
      }
    }
    let written = 0;
    const devnull = new Writable({
      write(chunk: Buffer, _e, cb) {
        written += chunk.length;
        cb();
      },
    });
    const t0 = performance.now();
    await demuxStream(source(), devnull, devnull);
    const ms = performance.now() - t0;
    expect(written).toBeGreaterThan(total * 0.99);
    expect(ms).toBeLessThan(1500);
  });

  it('moves many small frames quickly (one log line a frame)', async () => {
    const lines = encode(Array.from({ length: 1000 }, (_, i): Spec => [1 + (i % 5 === 0 ? 1 : 0), `line ${i} of the container's output\n`]));
    let written = 0;
    const devnull = new Writable({
      write(chunk: Buffer, _e, cb) {
        written += chunk.length;
        cb();
      },
    });
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 500; i++) for (let off = 0; off < lines.length; off += 16384) yield lines.subarray(off, off + 16384);
    }
    const t0 = performance.now();
    await demuxStream(source(), devnull, devnull); // 500k frames
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(written).toBe(500 * (lines.length - 8 * 1000));
  });
});

describe('copyRaw', () => {
  it('copies bytes unchanged, with backpressure', async () => {
    const data = bytes(1_000_000, 11);
    const chunks: Buffer[] = [];
    for (let i = 0; i < data.length; i += 10_000) chunks.push(data.subarray(i, i + 10_000), Buffer.alloc(0));
    const log: [string, Buffer][] = [];
    let maxBuffered = 0;
    const w: Writable = new Writable({
      highWaterMark: 100,
      write(chunk: Buffer, _e, cb) {
        log.push(['out', Buffer.from(chunk)]);
        maxBuffered = Math.max(maxBuffered, w.writableLength);
        setImmediate(cb);
      },
    });
    await copyRaw(iterate(chunks), w, { head: Buffer.from('head:') });
    expect(Buffer.concat(log.map((l) => l[1])).equals(Buffer.concat([Buffer.from('head:'), data]))).toBe(true);
    expect(maxBuffered).toBeLessThanOrEqual(10_000);
  });

  it('does not end the destination', async () => {
    const log: [string, Buffer][] = [];
    const w = recorder('out', log);
    await copyRaw(Readable.from([Buffer.from('abc')]), w);
    expect(w.writableEnded).toBe(false);
    expect(merged(log)).toEqual([['out', 'abc']]);
  });
});

// ---------------------------------------------------------------------------------------------
// JSON message streams

const messages: unknown[] = [
  { status: 'Pulling from library/alpine', id: 'latest' },
  { status: 'Downloading', progressDetail: { current: 1024, total: 3_000_000 }, progress: '[=>      ] 1.024kB/3MB', id: 'a1b2c3' },
  { stream: 'Step 1/2 : FROM alpine\n' },
  { stream: 'tricky } { ] [ "quoted" \\ back\\slash \\"\n' },
  { status: 'unicode: héllo wörld — 中文字符 😀🐳 \u0000 \u2028', id: 'é' },
  { aux: { ID: 'sha256:abc' }, nested: [[{ a: [] }], {}, '}'] },
  { errorDetail: { code: 1, message: 'manifest unknown' }, error: 'manifest unknown' },
  'a top-level string with a } and \\"',
  ['array', 1, null],
  -12.5e3,
  true,
  null,
  0,
  { time: 1700000000, timeNano: 1700000000123456789, from: 'alpine', status: 'die' },
];

/** the messages, joined in several styles Go's json.Decoder accepts */
const joinings: [string, string][] = [
  ['newline-delimited', messages.map((m) => JSON.stringify(m) + '\n').join('')],
  ['CRLF, tabs and blanks', messages.map((m) => ' \t' + JSON.stringify(m, null, 2) + '\r\n').join('')],
  // scalars need a separator from one another; containers and strings do not
  ['no separators where none are needed', messages.map((m) => JSON.stringify(m) + ((m !== null && typeof m === 'object') || typeof m === 'string' ? '' : ' ')).join('')],
];

function decodeAll(chunks: Buffer[]): unknown[] {
  const p = new JsonMessageParser();
  const out: unknown[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

describe('JsonMessageParser', () => {
  for (const [name, text] of joinings) {
    it(`decodes ${name} messages identically however the bytes are chunked`, () => {
      const encoded = Buffer.from(text, 'utf8');
      expect(encoded.length).toBeGreaterThan(text.length); // multi-byte characters are in there
      for (const [how, chunks] of chunkings(encoded)) expect(decodeAll(chunks), how).toEqual(messages);
    });
  }

  it('decodes identically for every pair of split positions', () => {
    const text = '{"a":"}\\"{"}"é😀"[1,{"b":[]}]7 {"c":"\\\\"}';
    const expected = [{ a: '}"{' }, 'é😀', [1, { b: [] }], 7, { c: '\\' }];
    const encoded = Buffer.from(text);
    for (let i = 0; i <= encoded.length; i++) {
      for (let j = i; j <= encoded.length; j++) {
        expect(decodeAll([encoded.subarray(0, i), encoded.subarray(i, j), encoded.subarray(j)])).toEqual(expected);
      }
    }
  });

  it('separates scalars from the values that follow them', () => {
    expect(decodeAll([Buffer.from('1{"a":1}2[3]4"x"true null')])).toEqual([1, { a: 1 }, 2, [3], 4, 'x', true, null]);
    // a number is only complete once something follows it, or at end
    const p = new JsonMessageParser();
    expect(p.push(Buffer.from('12'))).toEqual([]);
    expect(p.push(Buffer.from('34'))).toEqual([]);
    expect(p.end()).toEqual([1234]);
  });

  it('returns nothing for empty or blank input', () => {
    expect(decodeAll([])).toEqual([]);
    expect(decodeAll([Buffer.from(' \n\r\t ')])).toEqual([]);
  });

  it('throws a SyntaxError at end of a truncated value', () => {
    for (const text of ['{"status":"Down', '{"a":{"b":1}', '"open string', '[1,2']) {
      const p = new JsonMessageParser();
      expect(p.push(Buffer.from('{"ok":1}\n' + text))).toEqual([{ ok: 1 }]);
      expect(() => p.end(), text).toThrow(SyntaxError);
    }
  });

  it('reports invalid JSON after handing out the values before it', () => {
    const p = new JsonMessageParser();
    expect(p.push(Buffer.from('{"ok":1}\n{"bad":}\n{"never":1}'))).toEqual([{ ok: 1 }]);
    expect(p.error).toBeInstanceOf(SyntaxError);
    expect(() => p.push(Buffer.from('{}'))).toThrow(SyntaxError);
    expect(() => decodeAll([Buffer.from('} {}')])).toThrow(SyntaxError);
    expect(() => decodeAll([Buffer.from('{"a":1]')])).toThrow(SyntaxError);
    expect(() => decodeAll([Buffer.from('nope')])).toThrow(SyntaxError);
  });
});

describe('jsonMessages', () => {
  it('yields the messages of a Node stream one by one', async () => {
    const encoded = Buffer.from(joinings[0]![1]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < encoded.length; i += 7) chunks.push(encoded.subarray(i, i + 7));
    const got: unknown[] = [];
    for await (const m of jsonMessages(Readable.from(chunks))) got.push(m);
    expect(got).toEqual(messages);
  });

  it('is typed as JSONMessage on request, and works on any async iterable', async () => {
    const body = iterate([Buffer.from('{"status":"Pulling fs layer","id":"abc","progressDetail":{}}\n{"errorDetail":{"message":"denied"},"error":"denied"}\n')]);
    const got: JSONMessage[] = [];
    for await (const m of jsonMessages<JSONMessage>(body)) got.push(m);
    expect(got[0]?.id).toBe('abc');
    expect(got[1]?.errorDetail?.message).toBe('denied');
  });

  it('rejects on a truncated stream after yielding the complete messages', async () => {
    const got: unknown[] = [];
    const run = async (): Promise<void> => {
      for await (const m of jsonMessages(iterate([Buffer.from('{"a":1}\n{"b":'), Buffer.from('2}\n{"c":')]))) got.push(m);
    };
    await expect(run()).rejects.toThrow(SyntaxError);
    expect(got).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('cancellation before start', () => {
  it('rejects at once and destroys the source when the signal is already aborted', async () => {
    const src = Readable.from([Buffer.from('abc')]);
    const log: [string, Buffer][] = [];
    await expect(copyRaw(src, recorder('out', log), { signal: AbortSignal.abort(), head: Buffer.from('h') })).rejects.toMatchObject({ name: 'AbortError' });
    expect(src.destroyed).toBe(true);
    expect(log).toEqual([]);
  });
});
