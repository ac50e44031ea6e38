// The hijacked-connection bridge against a fake engine end (a socket pair over a unix
// socket): demultiplexing, stdin forwarding and half-close, detach, the output ending
// first, the connection dropping, and the terminal restored on each way out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DetachError, streamHijacked } from '../../../src/tty/streamer.js';
import type { RawTerminal } from '../../../src/tty/terminal.js';
import type { HijackedConnection } from '../../../src/engine/client.js';

function frame(stream: number, s: string): Buffer {
  const p = Buffer.from(s);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(p.length, 4);
  return Buffer.concat([h, p]);
}

class Sink extends PassThrough {
  text = '';
  constructor() {
    super();
    this.on('data', (c: Buffer) => (this.text += c.toString()));
  }
}

function fakeTerminal(): RawTerminal & { entered: number; restored: number } {
  const t = {
    entered: 0,
    restored: 0,
    raw: false,
    get isRaw() {
      return this.raw;
    },
    enter() {
      this.entered++;
      this.raw = true;
    },
    restore() {
      if (this.raw) this.restored++;
      this.raw = false;
    },
  };
  return t as unknown as RawTerminal & { entered: number; restored: number };
}

let dir: string;
let server: net.Server;
let engineSide: Promise<net.Socket>;
const sockets = new Set<net.Socket>();

function until(cond: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const t = setInterval(() => {
      if (cond()) {
        clearInterval(t);
        resolve();
      }
    }, 2);
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-streamer-'));
  const path = join(dir, 's.sock');
  let accept!: (s: net.Socket) => void;
  engineSide = new Promise((r) => (accept = r));
  server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    accept(s);
  });
  await new Promise<void>((r) => server.listen(path, r));
});

afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function connect(head: Buffer = Buffer.alloc(0)): Promise<{ conn: HijackedConnection; engine: net.Socket }> {
  const socket = net.connect(join(dir, 's.sock'));
  sockets.add(socket);
  await new Promise((r) => socket.once('connect', r));
  const engine = await engineSide;
  return { conn: { socket, head, headers: {}, upgraded: true }, engine };
}

function readAll(s: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let t = '';
    s.on('data', (c: Buffer) => (t += c.toString('latin1')));
    s.on('end', () => resolve(t));
    s.on('close', () => resolve(t));
  });
}

describe('streamHijacked', () => {
  it('demultiplexes stdout and stderr in order, head bytes first, and half-closes without stdin', async () => {
    const { conn, engine } = await connect(frame(1, 'head-'));
    const out = new Sink();
    const err = new Sink();
    const gotEof = readAll(engine);
    const done = streamHijacked({ conn, tty: false, output: out, error: err });
    expect(await gotEof).toBe(''); // no stdin: the write side is closed at once
    engine.write(Buffer.concat([frame(1, 'one\n'), frame(2, 'oops\n'), frame(1, 'two\n')]));
    engine.end();
    await done;
    expect(out.text).toBe('head-one\ntwo\n');
    expect(err.text).toBe('oops\n');
  });

  it('sends piped input, half-closes at its end, and waits for the output', async () => {
    const { conn, engine } = await connect();
    const input = new PassThrough();
    const out = new Sink();
    const got = readAll(engine);
    const done = streamHijacked({ conn, tty: false, input: input as unknown as NodeJS.ReadStream, output: out, error: out });
    input.write('a\n');
    input.end('b\n');
    expect(await got).toBe('a\nb\n');
    engine.end(frame(1, '2\n'));
    await done;
    expect(out.text).toBe('2\n');
  });

  it('TTY: raw bytes both ways, detach on ctrl-p ctrl-q with the terminal restored', async () => {
    const { conn, engine } = await connect();
    const input = new PassThrough();
    const out = new Sink();
    const term = fakeTerminal();
    const got = readAll(engine);
    const done = streamHijacked({ conn, tty: true, input: input as unknown as NodeJS.ReadStream, output: out, terminal: term });
    expect(term.entered).toBe(1);
    engine.write('\x1b[1mprompt\r\n');
    await until(() => out.text !== '');
    input.write(Buffer.from([0x6c, 0x73, 0x10])); // "ls" ctrl-p
    input.write(Buffer.from([0x78, 0x10])); // x: the held ctrl-p goes out before it
    input.write(Buffer.from([0x11, 0x79])); // ctrl-q: detach; "y" is never sent
    await expect(done).rejects.toBeInstanceOf(DetachError);
    expect(term.restored).toBe(1);
    expect(await got).toBe('ls\x10x');
    expect(out.text).toBe('\x1b[1mprompt\r\n');
    expect(input.listenerCount('data')).toBe(0);
  });

  it('TTY: honours custom detach keys', async () => {
    const { conn, engine } = await connect();
    const input = new PassThrough();
    const term = fakeTerminal();
    const got = readAll(engine);
    const done = streamHijacked({ conn, tty: true, input: input as unknown as NodeJS.ReadStream, output: new Sink(), terminal: term, detachKeys: 'ctrl-x,q' });
    input.write(Buffer.from([0x10, 0x11, 0x18, 0x71]));
    await expect(done).rejects.toThrow('read escape sequence');
    expect(await got).toBe('\x10\x11');
  });

  it('ends when the output ends, even with the input still open, and lets go of the input', async () => {
    const { conn, engine } = await connect();
    const input = new PassThrough();
    const out = new Sink();
    const term = fakeTerminal();
    const done = streamHijacked({ conn, tty: true, input: input as unknown as NodeJS.ReadStream, output: out, terminal: term });
    engine.end('bye\r\n');
    await done;
    expect(out.text).toBe('bye\r\n');
    expect(term.restored).toBe(1);
    expect(input.listenerCount('data')).toBe(0);
    expect(input.isPaused()).toBe(true);
  });

  it('restores the terminal when the engine drops the connection', async () => {
    const { conn, engine } = await connect();
    const input = new PassThrough();
    const term = fakeTerminal();
    const done = streamHijacked({ conn, tty: true, input: input as unknown as NodeJS.ReadStream, output: new Sink(), terminal: term });
    engine.destroy();
    await done.catch(() => undefined);
    expect(term.restored).toBe(1);
    expect(term.isRaw).toBe(false);
  });

  it('settles when aborted, restoring the terminal and closing the connection', async () => {
    const { conn, engine } = await connect();
    const input = new PassThrough();
    const term = fakeTerminal();
    const ac = new AbortController();
    const closed = new Promise((r) => engine.on('end', r));
    engine.resume();
    const done = streamHijacked({ conn, tty: true, input: input as unknown as NodeJS.ReadStream, output: new Sink(), terminal: term, signal: ac.signal });
    ac.abort(new Error('cancelled'));
    await expect(done).rejects.toThrow('cancelled');
    expect(term.restored).toBe(1);
    await closed;
  });

  it('passes input to the container at the pace the connection takes it', async () => {
    const { conn, engine } = await connect();
    const input = new PassThrough({ highWaterMark: 1024 });
    engine.pause();
    const done = streamHijacked({ conn, tty: false, input: input as unknown as NodeJS.ReadStream, output: new Sink() });
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let accepted = 0;
    for (let i = 0; i < 64 && input.write(chunk); i++) accepted++;
    // the socket refused at some point: the input is paused, nothing piles up unbounded
    await new Promise((r) => setTimeout(r, 50));
    expect(input.isPaused() || accepted < 64).toBe(true);
    let total = 0;
    engine.on('data', (c: Buffer) => (total += c.length));
    engine.resume();
    input.end();
    await new Promise((r) => engine.once('end', r));
    expect(total).toBe((accepted + 1) * chunk.length);
    engine.end();
    await done;
  });
});
