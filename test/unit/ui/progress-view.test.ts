// The terminal view of pull/push progress: the model's semantics (docker's terminal display
// as data), the Ink view's frames at a fixed width with colour off (golden files, on recorded
// and synthetic streams with many layers, retries and errors), and renderProgress on a fake
// terminal: its final screen is the one docker's own terminal display leaves, it redraws at
// a bounded rate and never clears the screen.
import { describe, expect, it } from 'vitest';
import React from 'react';
import { render } from 'ink-testing-library';
import type { JSONMessage } from '../../../src/engine/stream.js';
import { displayJSONMessages, JSONMessageError } from '../../../src/cli/jsonstream.js';
import { ProgressModel, windowRows, windowSummary, type ProgressRow } from '../../../src/ui/progress-model.js';
import { ProgressApp, REDRAW_MS, renderProgress } from '../../../src/ui/progress-view.js';
import { GRACE_MS, showProgress } from '../../../src/cli/progress.js';
import { pullStream, pushStream, recorded, toJsonLines } from './streams.js';
import { FakeTerminal, screenOf } from './screen.js';

const NOW = 1_700_000_000_000;

function feed(model: ProgressModel, msgs: JSONMessage[]): void {
  for (const m of msgs) model.apply(m);
}

describe('ProgressModel', () => {
  it('keeps a row per id, in the order ids came, each showing its latest message', () => {
    const m = new ProgressModel(() => 80, () => NOW);
    feed(m, [
      { status: 'Pulling from x', id: 'latest' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'a' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'b' },
      { status: 'Downloading', progressDetail: { current: 10, total: 100 }, id: 'b' },
    ]);
    expect(m.done).toEqual(['latest: Pulling from x']);
    expect(m.rows.map((r) => [r.id, r.jm.status, r.updates])).toEqual([
      ['a', 'Pulling fs layer', 1],
      ['b', 'Downloading', 2],
    ]);
  });

  it('a message without progress ends the group: its rows become lines, a repeated id starts a new row', () => {
    const m = new ProgressModel(() => 80, () => NOW);
    feed(m, [
      { status: 'Pulling from x', id: 'v1' },
      { status: 'Already exists', progressDetail: {}, id: 'a' },
      { status: 'Digest: sha256:1' },
      { status: 'Pulling from x', id: 'v2' },
      { status: 'Already exists', progressDetail: {}, id: 'a' },
    ]);
    expect(m.done).toEqual(['v1: Pulling from x', 'a: Already exists ', 'Digest: sha256:1', 'v2: Pulling from x']);
    expect(m.rows.map((r) => r.id)).toEqual(['a']);
    m.finish();
    expect(m.rows).toEqual([]);
    expect(m.done.at(-1)).toBe('a: Already exists ');
  });

  it('an errorDetail freezes the rows and throws docker\'s error, with its code', () => {
    const m = new ProgressModel(() => 80, () => NOW);
    let err: unknown;
    try {
      feed(m, [{ status: 'Preparing', progressDetail: {}, id: 'a' }, { errorDetail: { message: 'denied', code: 7 }, error: 'denied' }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JSONMessageError);
    expect((err as JSONMessageError).message).toBe('denied');
    expect((err as JSONMessageError).code).toBe(7);
    expect(m.done).toEqual(['a: Preparing ']);
  });

  it('hands aux messages over and keeps stream text until its line ends', () => {
    const aux: unknown[] = [];
    const m = new ProgressModel(() => 80, () => NOW);
    m.onAux = (jm) => aux.push(jm.aux);
    feed(m, [{ stream: 'part' }, { stream: 'ial\nnext' }, { aux: { Tag: 'v1' } }]);
    expect(m.done).toEqual(['partial']);
    expect(m.partial).toBe('next');
    expect(aux).toEqual([{ Tag: 'v1' }]);
    m.finish();
    expect(m.done).toEqual(['partial', 'next']);
  });

  it('windows the rows when they outgrow the terminal: finished ones go first, then idle ones; order is kept', () => {
    const row = (id: string, status: string, current = 0): ProgressRow => ({ id, jm: { id, status, progressDetail: current ? { current, total: 100 } : {} }, updates: 1 });
    const rows = [row('a', 'Pull complete'), row('b', 'Waiting'), row('c', 'Already exists'), row('d', 'Downloading', 5), row('e', 'Extracting', 50), row('f', 'Retrying in 3 seconds')];
    expect(windowRows(rows, 10)).toEqual({ rows, done: 0, hidden: 0 });
    expect(windowRows(rows, 5)).toEqual({ rows: [rows[1], rows[3], rows[4], rows[5]], done: 2, hidden: 0 });
    const w = windowRows(rows, 4);
    expect(w).toEqual({ rows: [rows[3], rows[4], rows[5]], done: 2, hidden: 1 });
    expect(windowSummary(w)).toBe('… 2 done, 1 more');
    expect(windowRows(rows, 2)).toEqual({ rows: [rows[3]], done: 2, hidden: 3 });
  });
});

/** the frames of the Ink view for `msgs`, taken at quarter points and at the end */
function frames(msgs: JSONMessage[], width: number, height: number): string {
  const model = new ProgressModel(() => width, () => NOW);
  const el = (): React.ReactElement => React.createElement(ProgressApp, { model, width, height, now: NOW });
  const view = render(el());
  const marks = new Set([Math.floor(msgs.length / 4), Math.floor(msgs.length / 2), Math.floor((msgs.length * 3) / 4)]);
  const out: string[] = [];
  let failure = '';
  msgs.forEach((jm, i) => {
    try {
      model.apply(jm);
    } catch (e) {
      failure = (e as Error).message;
    }
    if (marks.has(i + 1)) {
      view.rerender(el());
      out.push(`--- after ${i + 1} of ${msgs.length} messages\n${view.lastFrame() ?? ''}`);
    }
  });
  model.finish();
  view.rerender(el());
  out.push(`--- final${failure ? ` (error: ${failure})` : ''}\n${view.lastFrame() ?? ''}`);
  view.unmount();
  return `${out.join('\n')}\n`;
}

describe('ProgressApp frames (100 columns, 30 rows, no colour)', () => {
  const cases: [string, JSONMessage[], number][] = [
    ['pull-real', recorded('pull-real'), 30],
    ['push-real', recorded('push-real'), 30],
    ['pull-40-layers-retries', pullStream({ layers: 40, existing: 5, retry: [7, 12] }), 30],
    ['pull-12-layers-short-terminal', pullStream({ layers: 12, existing: 2 }), 8],
    ['pull-error', pullStream({ layers: 6, error: 'failed to register layer: no space left on device' }), 30],
    ['push-30-layers', pushStream({ layers: 30, existing: 3, mounted: 2 }), 30],
    ['push-error', pushStream({ layers: 8, error: 'received unexpected HTTP status: 502 Bad Gateway' }), 30],
    ['pull-all-tags', [...pullStream({ layers: 3, tag: 'v1' }), ...pullStream({ layers: 3, existing: 3, tag: 'v2' })], 30],
  ];
  for (const [name, msgs, height] of cases) {
    it(name, async () => {
      await expect(frames(msgs, 100, height)).toMatchFileSnapshot(`golden/${name}.txt`);
    });
  }
});

/** a byte source that hands out the messages one JSON line at a time, `gapMs` apart */
async function* slowly(msgs: JSONMessage[], gapMs: number): AsyncGenerator<Buffer> {
  for (const m of msgs) {
    yield Buffer.from(`${JSON.stringify(m)}\r\n`);
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
}

/** the screen docker's own terminal display (jsonstream.ts's port of it) leaves */
async function dockerScreen(msgs: JSONMessage[], width: number): Promise<{ lines: string[]; error?: string }> {
  const term = new FakeTerminal(width, 30);
  let error: string | undefined;
  try {
    await displayJSONMessages(slowly(msgs, 0), term, { isTerminal: true, width: () => width, now: () => NOW });
  } catch (e) {
    error = (e as Error).message;
  }
  return { lines: screenOf(term.output, width), error };
}

describe('renderProgress on a terminal', () => {
  const cases: [string, JSONMessage[]][] = [
    ['a recorded pull', recorded('pull-real')],
    ['a recorded push', recorded('push-real')],
    ['40 layers with retries', pullStream({ layers: 40, existing: 5, retry: [3] })],
    ['a failing push', pushStream({ layers: 8, error: 'unauthorized: authentication required' })],
  ];
  for (const [name, msgs] of cases) {
    it(`${name}: the final screen is docker's, bars included at 120 columns`, async () => {
      const term = new FakeTerminal(120, 30);
      let error: string | undefined;
      try {
        await renderProgress(slowly(msgs, 0), term as unknown as NodeJS.WriteStream, { now: () => NOW });
      } catch (e) {
        error = (e as Error).message;
      }
      const expected = await dockerScreen(msgs, 120);
      expect(error).toBe(expected.error);
      expect(screenOf(term.output, 120)).toEqual(expected.lines);
      // never a cleared screen (what flickers and loses the scrollback)
      expect(term.output).not.toMatch(/\x1b\[[23]J|\x1bc/);
    });
  }

  it('redraws at most every REDRAW_MS while messages pour in, and keeps more rows than fit without clearing the screen', async () => {
    const msgs = pullStream({ layers: 60, steps: 10 });
    const term = new FakeTerminal(120, 20);
    const started = Date.now();
    let frames = 0;
    await renderProgress(slowly(msgs, 0.5), term as unknown as NodeJS.WriteStream, { now: () => NOW, onFrame: () => frames++ });
    const elapsed = Date.now() - started;
    // a frame per REDRAW_MS at most (and the last one): far fewer than the messages
    expect(msgs.length).toBeGreaterThan(1000);
    expect(frames).toBeGreaterThan(3);
    expect(frames).toBeLessThanOrEqual(Math.ceil(elapsed / REDRAW_MS) + 2);
    // 60 rows on a 20-row terminal: the live region is windowed, so Ink never clears the screen
    expect(term.output).not.toMatch(/\x1b\[[23]J|\x1bc/);
    expect(screenOf(term.output, 120)).toEqual((await dockerScreen(msgs, 120)).lines);
  });
});

describe('showProgress on a terminal: Ink only for streams that last', () => {
  it('a short stream is written without loading the view, and ends on docker\'s screen', async () => {
    const msgs = recorded('pull-real');
    const term = new FakeTerminal(120, 30);
    await showProgress(slowly(msgs, 0), term as unknown as NodeJS.WriteStream);
    // Ink hides the cursor while it draws: it never ran
    expect(term.output).not.toContain('\x1b[?25l');
    expect(screenOf(term.output, 120)).toEqual((await dockerScreen(msgs, 120)).lines);
  });

  it('a stream that outlasts the grace period gets the live view, and ends on the same screen', async () => {
    const msgs = pullStream({ layers: 8, steps: 6 });
    const gap = (3 * GRACE_MS) / msgs.length;
    const term = new FakeTerminal(120, 30);
    await showProgress(slowly(msgs, gap), term as unknown as NodeJS.WriteStream);
    expect(term.output).toContain('\x1b[?25l');
    expect(screenOf(term.output, 120)).toEqual((await dockerScreen(msgs, 120)).lines);
  });

  it('an error ends it with docker\'s message, the rows left as they were', async () => {
    const msgs = pullStream({ layers: 5, error: 'unexpected EOF' });
    const term = new FakeTerminal(120, 30);
    await expect(showProgress(slowly(msgs, 0), term as unknown as NodeJS.WriteStream)).rejects.toThrow(JSONMessageError);
    expect(screenOf(term.output, 120)).toEqual((await dockerScreen(msgs, 120)).lines);
  });

  it('-q shows nothing but still fails on an error', async () => {
    const term = new FakeTerminal(120, 30);
    await showProgress(slowly(recorded('push-real'), 0), term as unknown as NodeJS.WriteStream, { quiet: true });
    expect(term.output).toBe('');
    await expect(showProgress(slowly(pullStream({ layers: 2, error: 'boom' }), 0), term as unknown as NodeJS.WriteStream, { quiet: true })).rejects.toThrow('boom');
  });
});
