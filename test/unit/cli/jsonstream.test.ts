// docker's jsonmessage display, for the renderings the differential suites can't reach:
// progress bars at given widths and times, the deprecated fields, errors.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { displayJSONMessages, displayText, JSONMessageError, progressString } from '../../../src/cli/jsonstream.js';

async function display(messages: unknown[], isTerminal: boolean, width = 200): Promise<{ out: string; error?: unknown }> {
  const src = new PassThrough();
  src.end(messages.map((m) => JSON.stringify(m)).join('\r\n'));
  const sink = new PassThrough();
  let out = '';
  sink.on('data', (c: Buffer) => (out += c.toString()));
  try {
    await displayJSONMessages(src, sink, { isTerminal, width: () => width, now: () => 1_700_000_010_000 });
    return { out };
  } catch (e) {
    return { out, error: e };
  }
}

describe('progressString (JSONProgress.String)', () => {
  it('nothing without numbers; a size without a total', () => {
    expect(progressString({}, 200, 0)).toBe('');
    expect(progressString({ current: 1500 }, 200, 0)).toBe('   1.5kB');
    expect(progressString({ current: 3, units: 'items' }, 200, 0)).toBe('3 items');
  });
  it('a bar only on wide terminals, counts, time left', () => {
    const p = { current: 5_000_000, total: 20_000_000, start: 1_700_000_000 };
    expect(progressString(p, 200, 1_700_000_010_000)).toBe(`[============>${' '.repeat(38)}]      5MB/20MB 30s`);
    expect(progressString(p, 100, 1_700_000_010_000)).toBe('     5MB/20MB 30s');
    expect(progressString(p, 40, 1_700_000_010_000)).toBe('     5MB/20MB');
    expect(progressString({ current: 30, total: 20 }, 200, 0)).toBe(`[==================================================>] ${'     30B'}`);
    expect(progressString({ current: 2, total: 4, units: 'layers', hidecounts: true }, 80, 0)).toBe('');
  });
});

describe('displayJSONMessages (jsonmessage.DisplayJSONMessagesStream)', () => {
  it('plain: status and stream lines, progress skipped, aux handed over', async () => {
    const aux: unknown[] = [];
    const src = new PassThrough();
    src.end('{"status":"Loading layer","progressDetail":{"current":1,"total":2},"id":"abc"}{"stream":"Loaded image: x:1\\n"}{"aux":{"ID":"sha256:1"}}{"status":"done","id":"z"}');
    const sink = new PassThrough();
    let out = '';
    sink.on('data', (c: Buffer) => (out += c.toString()));
    await displayJSONMessages(src, sink, { isTerminal: false, aux: (m) => aux.push(m.aux) });
    expect(out).toBe('Loaded image: x:1\nz: done\n');
    expect(aux).toEqual([{ ID: 'sha256:1' }]);
  });
  it('terminal: each id on its own line, redrawn in place', async () => {
    const r = await display(
      [
        { status: 'Loading layer', id: 'a', progressDetail: { current: 1, total: 2 } },
        { status: 'Loading layer', id: 'b', progressDetail: { current: 1, total: 4 } },
        { status: 'Loading layer', id: 'a', progressDetail: { current: 2, total: 2 } },
        { stream: 'Loaded image: x:1\n' },
      ],
      true,
      80,
    );
    expect(r.out).toBe(
      '\n\x1b[1A\x1b[2K\ra: Loading layer       1B/2B\r\x1b[1B' +
        '\n\x1b[1A\x1b[2K\rb: Loading layer       1B/4B\r\x1b[1B' +
        '\x1b[2A\x1b[2K\ra: Loading layer       2B/2B\r\x1b[2B' +
        'Loaded image: x:1\n',
    );
  });
  it('times, from and the deprecated progress text', () => {
    expect(displayText({ status: 's', from: 'img', id: 'x', time: 1 }, false, 200, 0)).toMatch(/^1970-01-01T\d\d:00:01\.000000000(Z|[+-]\d\d:\d\d) x: \(from img\) s\n$/);
    expect(displayText({ status: 'Downloading', progress: '[==>   ] 1MB' }, false, 200, 0)).toBe('Downloading [==>   ] 1MB');
  });
  it('an errorDetail ends the display with its message; the deprecated error field alone does not', async () => {
    const r = await display([{ status: 'before' }, { error: 'old style' }, { errorDetail: { message: 'boom', code: 3 } }, { status: 'after' }], false);
    expect(r.out).toBe('before\n\n');
    expect(r.error).toBeInstanceOf(JSONMessageError);
    expect((r.error as Error).message).toBe('boom');
  });
});
