// The window-size follower: docker's start-up retries and message, SIGWINCH handling, and
// resizes kept in order with the newest size winning.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { TtySizeMonitor } from '../../../src/tty/resize.js';

function errSink(): PassThrough & { text: string } {
  const s = new PassThrough() as PassThrough & { text: string };
  s.text = '';
  s.on('data', (c: Buffer) => (s.text += c.toString()));
  return s;
}

const out = {} as NodeJS.WriteStream;
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('TtySizeMonitor', () => {
  it('sends the size at start and again on every SIGWINCH', async () => {
    const calls: string[] = [];
    let size = { height: 24, width: 80 };
    const m = new TtySizeMonitor({ resize: async (h, w) => void calls.push(`${h}x${w}`) }, { out, err: errSink(), size: () => size });
    m.start();
    await tick();
    size = { height: 30, width: 100 };
    process.emit('SIGWINCH');
    await m.whenIdle();
    m.stop();
    process.emit('SIGWINCH');
    await tick();
    expect(calls).toEqual(['24x80', '30x100']);
  });

  it('skips a 0x0 size (stdout is not a terminal)', async () => {
    const calls: string[] = [];
    const m = new TtySizeMonitor({ resize: async (h, w) => void calls.push(`${h}x${w}`) }, { out, err: errSink(), size: () => ({ height: 0, width: 0 }) });
    m.start();
    process.emit('SIGWINCH');
    await m.whenIdle();
    m.stop();
    expect(calls).toEqual([]);
  });

  it('retries the first resize while the engine refuses it, with growing delays', async () => {
    const delays: number[] = [];
    let attempts = 0;
    const err = errSink();
    const m = new TtySizeMonitor(
      {
        resize: async () => {
          attempts++;
          if (attempts < 4) throw new Error('exec is not running');
        },
      },
      { out, err, size: () => ({ height: 10, width: 20 }), sleep: async (ms) => void delays.push(ms) },
    );
    m.start();
    for (let i = 0; i < 20; i++) await tick();
    m.stop();
    expect(attempts).toBe(4);
    expect(delays).toEqual([10, 20, 30]);
    expect(err.text).toBe('');
  });

  it("gives up after ten retries with docker's message", async () => {
    const err = errSink();
    let attempts = 0;
    const m = new TtySizeMonitor(
      {
        resize: async () => {
          attempts++;
          throw new Error('no');
        },
      },
      { out, err, size: () => ({ height: 10, width: 20 }), sleep: async () => undefined },
    );
    m.start();
    for (let i = 0; i < 60; i++) await tick();
    m.stop();
    expect(attempts).toBe(11);
    expect(err.text).toBe('failed to resize tty, using default size\n');
  });

  it('keeps resizes in order and coalesces a burst to the newest size', async () => {
    const calls: string[] = [];
    const pending: (() => void)[] = [];
    let size = { height: 1, width: 1 };
    const m = new TtySizeMonitor(
      { resize: (h, w) => new Promise<void>((r) => pending.push(() => (calls.push(`${h}x${w}`), r()))) },
      { out, err: errSink(), size: () => size },
    );
    m.update(); // 1x1 in flight
    for (let i = 2; i <= 5; i++) {
      size = { height: i, width: i };
      m.update();
    }
    while (pending.length > 0) {
      pending.shift()!();
      await tick();
    }
    await m.whenIdle();
    m.stop();
    expect(calls).toEqual(['1x1', '5x5']);
  });
});
