// The session output pump: raw and demultiplexed copies, daemon error frames, and a bounded
// amount of data waiting for a slow reader (memory stays flat however much flows).
import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { pumpOutput } from '../../../src/tty/pump.js';
import { DaemonStreamError, StreamHeaderError } from '../../../src/engine/stream.js';

function frame(stream: number, payload: Buffer | string): Buffer {
  const p = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(p.length, 4);
  return Buffer.concat([h, p]);
}

function collector(): Writable & { text: () => string } {
  const parts: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      cb();
    },
  }) as Writable & { text: () => string };
  w.text = () => Buffer.concat(parts).toString();
  return w;
}

describe('pumpOutput', () => {
  it('copies a TTY stream as it is, head bytes first', async () => {
    const sock = new PassThrough();
    const out = collector();
    const done = pumpOutput(sock, { head: Buffer.from('\x1b[H'), tty: true, out, err: out });
    sock.write('a\r\n');
    sock.end('\x00\xff');
    await done;
    expect(out.text()).toBe('\x1b[Ha\r\n\x00\xff');
  });

  it('demultiplexes frames split anywhere into stdout and stderr', async () => {
    const sock = new PassThrough();
    const out = collector();
    const err = collector();
    const done = pumpOutput(sock, { tty: false, out, err });
    const all = Buffer.concat([frame(1, 'out1\n'), frame(2, 'err1\n'), frame(1, 'out2\n'), frame(0, 'in?\n')]);
    for (let i = 0; i < all.length; i += 3) sock.write(all.subarray(i, i + 3));
    sock.end();
    await done;
    expect(out.text()).toBe('out1\nout2\nin?\n');
    expect(err.text()).toBe('err1\n');
  });

  it("rejects with the daemon's message on a systemerr frame, after what came before", async () => {
    const sock = new PassThrough();
    const out = collector();
    const done = pumpOutput(sock, { tty: false, out, err: out });
    sock.end(Buffer.concat([frame(1, 'before\n'), frame(3, 'exec failed'), frame(1, 'after\n')]));
    await expect(done).rejects.toEqual(new DaemonStreamError('exec failed'));
    expect(out.text()).toBe('before\n');
  });

  it('rejects on an unknown stream type', async () => {
    const sock = new PassThrough();
    const done = pumpOutput(sock, { tty: false, out: collector(), err: collector() });
    sock.end(Buffer.from([9, 0, 0, 0, 0, 0, 0, 1, 65]));
    await expect(done).rejects.toBeInstanceOf(StreamHeaderError);
  });

  it('holds at most about `limit` bytes for a slow reader, and loses nothing', async () => {
    const limit = 256 * 1024;
    let maxPending = 0;
    let received = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        received += chunk.length;
        setImmediate(cb);
      },
    });
    const sock = new PassThrough({ highWaterMark: 64 * 1024 });
    const done = pumpOutput(sock, { tty: false, out: slow, err: slow, limit });
    const payload = Buffer.alloc(32 * 1024, 0x7a);
    const total = 400;
    for (let i = 0; i < total; i++) {
      const ok = sock.write(frame(1, payload));
      maxPending = Math.max(maxPending, slow.writableLength);
      if (!ok) await new Promise((r) => sock.once('drain', r));
    }
    sock.end();
    await done;
    await new Promise((r) => (slow.writableLength === 0 ? r(undefined) : slow.once('drain', r)));
    expect(received).toBe(total * payload.length);
    expect(maxPending).toBeLessThanOrEqual(limit + 2 * (payload.length + 8) + 64 * 1024);
  });

  it('ends when aborted', async () => {
    const sock = new PassThrough();
    const ac = new AbortController();
    const done = pumpOutput(sock, { tty: true, out: collector(), err: collector(), signal: ac.signal });
    ac.abort(new Error('stop'));
    await expect(done).rejects.toThrow('stop');
  });
});
