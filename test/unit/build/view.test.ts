// The terminal view of a build, on streams recorded from the engine (fixtures/*.jsonl: what
// POST /build answered to docker): finished steps collapse to one line, the running step
// shows its live output, the live region never outgrows the terminal, and what stays on
// screen at the end is docker's plain output of the same stream.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import React from 'react';
import { render } from 'ink-testing-library';
import { BuildApp, renderBuildView } from '../../../src/ui/build-view.js';
import { BuildModel } from '../../../src/ui/build-model.js';
import { plainView } from '../../../src/build/run.js';
import { BuildMessageError } from '../../../src/build/output.js';
import type { JSONMessage } from '../../../src/engine/stream.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): JSONMessage[] =>
  readFileSync(path.join(here, 'fixtures', name), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JSONMessage);
const shown = (msgs: JSONMessage[]): JSONMessage[] => msgs.filter((m) => m.aux === undefined);

/** docker's plain output of a recorded stream (parity tests hold plainView to docker's) */
function plain(msgs: JSONMessage[], uploaded: number): { text: string; error?: string } {
  let text = '';
  const v = plainView((s) => (text += s), (s) => (text += s), false);
  v.upload(uploaded, true);
  try {
    for (const m of shown(msgs)) v.message(m);
  } catch (e) {
    return { text, error: (e as Error).message };
  }
  return { text };
}

/** a model fed with the messages through the first one `last` accepts (all of them without) */
function feed(msgs: JSONMessage[], last?: (m: JSONMessage) => boolean): BuildModel {
  const model = new BuildModel(() => 0);
  model.setUpload(5632, true);
  for (const m of shown(msgs)) {
    model.message(m);
    if (last?.(m)) break;
  }
  return model;
}

const frame = (model: BuildModel, rows = 40): string => {
  const r = render(React.createElement(BuildApp, { model, rows, now: 1500 }));
  const f = r.lastFrame() ?? '';
  r.unmount();
  return f;
};

describe('build view', () => {
  it('the running step: its title, a spinner, its output so far; the finished ones collapsed', () => {
    const msgs = fixture('run-steps.jsonl');
    const model = feed(msgs, (m) => m.stream?.includes('line 12') === true);
    const f = frame(model);
    const lines = f.split('\n');
    expect(lines[0]).toMatch(/^✔ Step 1\/5 : FROM busybox +986af4c47fa0 0\.0s$/);
    expect(lines[1]).toMatch(/^✔ Step 2\/5 : LABEL berth\.fixture=1 +d13470d462e6 0\.0s$/);
    expect(lines[2]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Step 3\/5 : RUN for i in/);
    // the tail of its output, at most 10 lines: the last ones
    expect(f).toContain('  line 12');
    expect(f).not.toContain('  line 2\n');
    expect(f).not.toContain('Running in');
    expect(lines.length).toBeLessThanOrEqual(3 + 10);
  });

  it('finished: every step collapsed, docker\'s plain output for the screen', () => {
    const msgs = fixture('run-steps.jsonl');
    const model = feed(msgs);
    model.finish();
    const f = frame(model);
    expect(f.split('\n')).toHaveLength(5);
    expect(f).toMatch(/✔ Step 3\/5 : RUN .*37c87908c378 0\.0s/);
    expect(f).toMatch(/✔ Step 4\/5 : COPY a\.txt \/ +da8f997a09f3 0\.0s/);
    expect(model.plainLog()).toBe(plain(msgs, 5632).text);
  });

  it('cached steps say so', () => {
    const msgs = fixture('cached.jsonl');
    const model = feed(msgs);
    model.finish();
    expect(frame(model)).toMatch(/✔ Step 3\/5 : RUN .*cached 0\.0s/);
    expect(model.plainLog()).toBe(plain(msgs, 5632).text);
  });

  it('a failing step is marked, the error is the one docker reports', () => {
    const msgs = fixture('failing.jsonl');
    let err: unknown;
    const model = new BuildModel(() => 0);
    model.setUpload(5632, true);
    try {
      for (const m of shown(msgs)) model.message(m);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BuildMessageError);
    expect((err as BuildMessageError).code).toBe(2);
    const f = frame(model);
    expect(f).toMatch(/✖ Step 3\/3 : RUN echo compiling; exit 2/);
    expect(f).toContain('  compiling');
    const p = plain(msgs, 5632);
    expect(model.plainLog()).toBe(p.text);
    expect((err as Error).message).toBe(p.error);
  });

  it('a short terminal: earlier steps fold into one line, the live region fits', () => {
    const msgs = fixture('run-steps.jsonl');
    const model = feed(msgs, (m) => m.stream === 'done\n');
    const f = frame(model, 6);
    expect(f).toMatch(/^… 3 earlier steps$/m);
    expect(f.split('\n').length).toBeLessThanOrEqual(6);
    expect(f).toMatch(/Step 5\/5 : RUN echo done/);
  });

  it('a pull during FROM: its layers live under the step, kept out of the plain log as docker keeps bars out', () => {
    const msgs: JSONMessage[] = [
      { stream: 'Step 1/2 : FROM alpine' },
      { stream: '\n' },
      { status: 'Pulling from library/alpine', id: 'latest' },
      { status: 'Pulling fs layer', progressDetail: {}, id: '4abcf2066143' },
      { status: 'Downloading', progressDetail: { current: 1_200_000, total: 3_400_000 }, progress: '[=>   ]', id: '4abcf2066143' },
    ];
    const model = new BuildModel(() => 0);
    for (const m of msgs) model.message(m);
    const f = frame(model);
    expect(f).toContain('4abcf2066143: Downloading 1.2MB/3.4MB');
    expect(f).toContain('latest: Pulling from library/alpine');
    let text = '';
    const v = plainView(() => undefined, (s) => (text += s), false);
    for (const m of msgs) v.message(m);
    expect(model.plainLog()).toBe(text);
    expect(text).not.toContain('Downloading');
  });

  it('the upload shows until the first step', () => {
    const model = new BuildModel(() => 0);
    model.setUpload(3_006_000, false);
    expect(frame(model)).toBe('Sending build context to Docker daemon  3.006MB');
  });

  it('renderBuildView: the live region gives way to the plain log', async () => {
    const out = Object.assign(new EventEmitter(), { columns: 100, rows: 30, isTTY: true, written: '', write(s: string) { this.written += s; return true; } });
    const err = Object.assign(new EventEmitter(), { columns: 100, isTTY: true, write: () => true });
    const view = renderBuildView({ stdout: out as unknown as NodeJS.WriteStream, stderr: err as unknown as NodeJS.WriteStream });
    const msgs = fixture('run-steps.jsonl');
    view.upload(5632, true);
    for (const m of shown(msgs)) view.message(m);
    await view.end();
    expect(out.written.endsWith(plain(msgs, 5632).text)).toBe(true);
  });
});

