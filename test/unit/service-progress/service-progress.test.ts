// The convergence progress (serviceProgress and the mode updaters) fed recorded swarm states:
// each *.json here is what the engine answered, poll after poll, while a service converged
// (record.mjs, on the three-node test swarm: a 3-replica service spreading over the three
// nodes, a global service, jobs, an update rolled back on failure, an update paused, a task
// that cannot be scheduled). The *.golden.json beside them are the reference docker CLI's
// `service rollback NAME` against a replay of the same states (replay.mjs, gen-golden.mjs):
// its exact piped bytes, stderr and exit code, and what it wrote to a 120-column terminal.
//
// Piped, berth's bytes must be docker's exactly. On the terminal, docker writes a poll's task
// rows in Go's map order (random) and gives the slots their rows in that order, so the bytes
// differ from run to run; what is compared is the screen the bytes leave, with the task rows
// ("N/M: ...") as a sorted block, every other line in place.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JSONMessage } from '../../../src/engine/stream.js';
import type { SwarmTask } from '../../../src/engine/services.js';
import { displayJSONMessages } from '../../../src/cli/jsonstream.js';
import { plainEmitter, serviceProgress, type LoopControl, type ProgressSource } from '../../../src/cli/service-progress.js';
import { GlobalUpdater, LONGEST_STATE, ReplicatedUpdater, progressMessage, truncError, updaterFor, type WatchedService } from '../../../src/cli/service-updaters.js';
import { attachServiceProgressView } from '../../../src/ui/service-progress-view.js';
import { ServiceProgressModel } from '../../../src/ui/service-progress-model.js';
import { FakeTerminal, screenOf } from '../ui/screen.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Frame {
  service: WatchedService;
  tasks: SwarmTask[];
  nodes: { ID: string; Status?: { State?: string } }[];
}
interface Recording {
  name: string;
  frames: Frame[];
}
interface Golden {
  code: number;
  stdout: string;
  stderr: string;
  tty: string;
}

/** as replay.mjs serves it: the monitor cut to 1 ns, the next frame on every poll */
function load(name: string): { rec: Recording; golden: Golden } {
  const rec = JSON.parse(readFileSync(join(here, `${name}.json`), 'utf8')) as Recording;
  for (const f of rec.frames) f.service.Spec.UpdateConfig = { ...f.service.Spec.UpdateConfig, Monitor: 1 };
  const golden = JSON.parse(readFileSync(join(here, `${name}.golden.json`), 'utf8')) as Golden;
  return { rec, golden };
}

function replaySource(rec: Recording): ProgressSource {
  // the frame last answered for the service: the tasks and nodes are that frame's
  let i = -1;
  const frame = (): Frame => rec.frames[Math.max(0, Math.min(i, rec.frames.length - 1))]!;
  return {
    inspect: async () => {
      i++;
      return frame().service;
    },
    tasks: async () => frame().tasks,
    activeNodes: async () => new Set(frame().nodes.filter((n) => n.Status?.State !== 'down').map((n) => n.ID)),
  };
}

/** a clock that moves 1 µs per reading and 200 ms per sleep; `interruptAt`: the sleep that is cut short */
function fakeClock(interruptAt = -1): LoopControl & { sleeps: number } {
  let t = 0;
  const c = {
    sleeps: 0,
    now: () => (t += 0.001),
    sleep: async (ms: number) => {
      t += ms;
      return c.sleeps++ === interruptAt;
    },
  };
  return c;
}

async function run(rec: Recording, ctl: LoopControl = fakeClock()): Promise<{ code: number; stdout: string; stderr: string; messages: JSONMessage[] }> {
  const messages: JSONMessage[] = [];
  let code = 0;
  let stderr = '';
  try {
    await serviceProgress(replaySource(rec), rec.name, (jm) => messages.push(jm), ctl);
  } catch (e) {
    code = 1;
    stderr = `${(e as Error).message}\n`;
  }
  let stdout = `${rec.name}\n`;
  const plain = plainEmitter({ write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WritableStream);
  for (const m of messages) plain(m);
  return { code, stdout, stderr, messages };
}

async function terminalBytes(messages: JSONMessage[]): Promise<string> {
  const term = new FakeTerminal(120, 50);
  const lines = messages.map((m) => `${JSON.stringify(m)}\r\n`);
  await displayJSONMessages((async function* () {
    yield Buffer.from(lines.join(''));
  })(), term, { isTerminal: true, width: () => 120 });
  return term.output;
}

const TASK_ROW = /^(\d+\/\d+|[a-z0-9]{12,25}): /;
/** the screen with each block of task rows sorted (docker's row order is Go's map order) */
function screenShape(lines: string[]): string[] {
  const out: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    out.push(...block.sort());
    block = [];
  };
  for (const l of lines) {
    if (TASK_ROW.test(l)) block.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

const recordings = readdirSync(here)
  .filter((f) => f.endsWith('.golden.json'))
  .map((f) => f.replace(/\.golden\.json$/, ''))
  .sort();

describe('serviceProgress on recorded swarm states, against docker on the same states', () => {
  it('has the recordings', () => {
    expect(recordings).toEqual(['global', 'global-job', 'replicated-3', 'replicated-job', 'rollback-on-failure', 'task-error', 'update-paused']);
  });

  for (const name of recordings) {
    it(`${name}: piped bytes, stderr and exit code are docker's`, async () => {
      const { rec, golden } = load(name);
      const r = await run(rec);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: golden.code, stdout: golden.stdout, stderr: golden.stderr });
    });

    it(`${name}: on a terminal, the screen docker's display leaves`, async () => {
      const { rec, golden } = load(name);
      const r = await run(rec);
      const bytes = `${rec.name}\n${await terminalBytes(r.messages)}${r.stderr}`;
      expect(screenShape(screenOf(bytes))).toEqual(screenShape(screenOf(golden.tty.replaceAll('\r\n', '\n'))));
    });
  }

  it('replicated-3: a row per slot, states padded to the longest, bars of 9 steps, all three nodes', async () => {
    const { rec } = load('replicated-3');
    const r = await run(rec);
    const rows = r.messages.filter((m) => TASK_ROW.test(`${m.id}: `) && m.progressDetail?.total === 9);
    expect(new Set(rows.map((m) => m.id))).toEqual(new Set(['1/3', '2/3', '3/3']));
    expect(rows.every((m) => m.status!.length === LONGEST_STATE && m.progressDetail?.hidecounts)).toBe(true);
    const nodes = new Set(rec.frames.at(-1)!.tasks.map((t) => t.NodeID));
    expect(nodes.size).toBe(3);
    // the pre-rendered bar docker's JSON carries (width 200): running is the full bar
    expect(rows.find((m) => m.status!.trim() === 'running')!.progress).toBe(`[${'='.repeat(50)}>] `);
  });
});

describe('the verification countdown and the interruption', () => {
  const running: Frame = {
    service: { ID: 'svc1', Spec: { Mode: { Replicated: { Replicas: 1 } } } },
    tasks: [{ ID: 't1', Slot: 1, NodeID: 'n1', DesiredState: 'running', Status: { State: 'running' } }],
    nodes: [{ ID: 'n1', Status: { State: 'ready' } }],
  };

  it('counts down the 5 s monitor as Go divides durations: whole seconds left, plus one', async () => {
    const r = await run({ name: 'web', frames: [running] });
    const counts = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('verify: Waiting'))
      .map((l) => Number(/Waiting (\d+)/.exec(l)![1]));
    // polls a few µs past 0, 0.2, ... 4.8 s after convergence: 4.99.. s left reads 5, 3.99.. reads 4
    const expected = [5, 4, 3, 2, 1].flatMap((n) => [n, n, n, n, n]);
    expect(counts).toEqual(expected);
    expect(r.stdout.endsWith('verify: Service web converged\n')).toBe(true);
  });

  it('follows the spec\'s own monitor period', async () => {
    const f: Frame = { ...running, service: { ...running.service, Spec: { ...running.service.Spec, UpdateConfig: { Monitor: 2_000_000_000 } } } };
    const r = await run({ name: 'web', frames: [f] });
    expect(r.stdout).toContain('verify: Waiting 2 seconds to verify that tasks are stable...\n');
    expect(r.stdout).not.toContain('Waiting 3 seconds');
  });

  it('on an interrupt before convergence says the operation goes on, and ends without error', async () => {
    const pending: Frame = { ...running, tasks: [{ ...running.tasks[0]!, Status: { State: 'pending' } }] };
    const r = await run({ name: 'web', frames: [pending] }, fakeClock(2));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(-3)).toEqual(['Operation continuing in background.', 'Use `berth service ps web` to check progress.', '']);
  });

  it('on an interrupt once converged just stops', async () => {
    const r = await run({ name: 'web', frames: [running] }, fakeClock(1));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(-2)).toEqual(['verify: Waiting 5 seconds to verify that tasks are stable...', '']);
  });

  it('reports a task failure after convergence, then starts the countdown again', async () => {
    const failed: Frame = { ...running, tasks: [{ ...running.tasks[0]!, Status: { State: 'failed', Err: 'task: non-zero exit (1)' } }] };
    const r = await run({ name: 'web', frames: [running, running, failed, running] });
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('verify: Detected task failure');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at - 3, at + 3)).toEqual([
      'verify: Waiting 5 seconds to verify that tasks are stable...',
      '1/1: task: non-zero exit (1)',
      'overall progress: 0 out of 1 tasks',
      'verify: Detected task failure',
      'overall progress: 1 out of 1 tasks',
      'verify: Waiting 5 seconds to verify that tasks are stable...',
    ]);
  });

  it('fails with the paused states\' messages', async () => {
    for (const [state, text] of [
      ['paused', 'service update paused: why'],
      ['rollback_paused', 'service rollback paused: why'],
    ]) {
      const f: Frame = { ...running, service: { ...running.service, UpdateStatus: { State: state, Message: 'why' } } };
      const r = await run({ name: 'web', frames: [f] });
      expect(r.stderr).toBe(`${text}\n`);
    }
  });

  it('prints the rollback\'s start once, and its completion after convergence', async () => {
    const started: Frame = { ...running, service: { ...running.service, UpdateStatus: { State: 'rollback_started', Message: 'update rolled back due to failure or early termination of task t0' } } };
    const done: Frame = { ...running, service: { ...running.service, UpdateStatus: { State: 'rollback_completed', Message: 'rollback completed' } } };
    const pending: Frame = { ...started, tasks: [{ ...running.tasks[0]!, Status: { State: 'pending' } }] };
    const r = await run({ name: 'web', frames: [pending, pending, done] });
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('rollback: '))).toEqual(['rollback: update rolled back due to failure or early termination of task t0', 'rollback: rollback completed']);
    expect(lines.at(-3)).toBe('verify: Service web converged');
    expect(lines).toContain('overall progress: rolling back update: 0 out of 1 tasks');
  });
});

describe('the updaters', () => {
  it('truncError: one line, 74 bytes and an ellipsis past 75', () => {
    expect(truncError('a\nb')).toBe('a b');
    expect(truncError('x'.repeat(75))).toBe('x'.repeat(75));
    expect(truncError('x'.repeat(76))).toBe(`${'x'.repeat(74)}…`);
  });

  it('progressMessage: what streamformatter sends for an action', () => {
    expect(progressMessage('1/3', 'running  ', 9, 9, true)).toEqual({ id: '1/3', status: 'running  ', progressDetail: { current: 9, total: 9, hidecounts: true }, progress: `[${'='.repeat(50)}>] ` });
    expect(progressMessage('overall progress', '0 out of 1 tasks')).toEqual({ id: 'overall progress', status: '0 out of 1 tasks', progressDetail: {} });
  });

  it('a global service waits for its tasks, then counts the nodes with one', () => {
    const out: JSONMessage[] = [];
    const u = new GlobalUpdater((m) => out.push(m));
    const svc: WatchedService = { ID: 's', Spec: { Mode: { Global: {} } } };
    expect(u.update(svc, [], new Set(['n1']), false)).toBe(false);
    expect(out).toEqual([progressMessage('overall progress', 'waiting for new tasks')]);
    out.length = 0;
    const tasks: SwarmTask[] = [
      { ID: 'a', NodeID: 'n1aaaaaaaaaaaaaaaa', DesiredState: 'running', Status: { State: 'running' } },
      { ID: 'b', NodeID: 'n2bbbbbbbbbbbbbbbb', DesiredState: 'running', Status: { State: 'starting' } },
    ];
    expect(u.update(svc, tasks, new Set(['n1aaaaaaaaaaaaaaaa', 'n2bbbbbbbbbbbbbbbb']), false)).toBe(false);
    expect(out.map((m) => `${m.id}: ${m.status}`)).toEqual(['overall progress: 0 out of 2 tasks', 'n1aaaaaaaaaa: running  ', 'n2bbbbbbbbbb: starting ', 'overall progress: 1 out of 2 tasks']);
  });

  it('a replicated service of more than 20 replicas shows no task rows', () => {
    const out: JSONMessage[] = [];
    const u = new ReplicatedUpdater((m) => out.push(m));
    const tasks: SwarmTask[] = Array.from({ length: 21 }, (_, k) => ({ ID: `t${k}`, Slot: k + 1, DesiredState: 'running', Status: { State: 'running' } }));
    expect(u.update({ ID: 's', Spec: { Mode: { Replicated: { Replicas: 21 } } } }, tasks, new Set(), false)).toBe(true);
    expect(out.map((m) => m.status)).toEqual(['0 out of 21 tasks', '21 out of 21 tasks']);
  });

  it('a mode it does not know is docker\'s error', () => {
    expect(() => updaterFor({ ID: 's', Spec: { Mode: {} } }, () => undefined)).toThrow('unrecognized service mode');
  });
});

describe('the terminal view', () => {
  it('ends on the lines docker\'s display leaves, with its own bars drawn while it runs', async () => {
    const { rec, golden } = load('replicated-3');
    const r = await run(rec);
    const term = new FakeTerminal(120, 40);
    const view = attachServiceProgressView(term as unknown as NodeJS.WriteStream, { color: false });
    for (const m of r.messages) view.apply(m);
    await new Promise((res) => setTimeout(res, 150));
    // mid-way: the live rows, with the view's own bars
    expect(term.output).toMatch(/1\/3: \S+ +[█░]{20}/);
    await view.end();
    const screen = screenOf(`${rec.name}\n${term.output}`);
    expect(screenShape(screen)).toEqual(screenShape(screenOf(golden.tty.replaceAll('\r\n', '\n'))));
  });

  it('keeps the live region within a short terminal, and still ends on every line', async () => {
    const term = new FakeTerminal(120, 6);
    const view = attachServiceProgressView(term as unknown as NodeJS.WriteStream, { color: false });
    view.apply(progressMessage('overall progress', '0 out of 8 tasks'));
    for (let i = 1; i <= 8; i++) view.apply(progressMessage(`${i}/8`, 'running  ', 9, 9, true));
    await new Promise((res) => setTimeout(res, 150));
    expect(term.output).toContain('… 6 more');
    expect(term.output).not.toMatch(/\x1b\[2J|\x1b\[3J/);
    await view.end();
    const screen = screenOf(term.output);
    expect(screen.filter((l) => TASK_ROW.test(l))).toHaveLength(8);
    expect(screen).not.toContain('… 6 more');
  });

  it('model: a message without a progress detail closes the rows above it', () => {
    const m = new ServiceProgressModel(() => 120);
    m.apply(progressMessage('overall progress', '1 out of 1 tasks'));
    m.apply({ status: 'job complete' });
    m.apply(progressMessage('verify', 'x'));
    expect(m.done).toEqual(['overall progress: 1 out of 1 tasks', 'job complete']);
    expect(m.rows.map((r) => r.id)).toEqual(['verify']);
  });
});
