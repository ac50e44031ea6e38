// Differential tests of `service logs` on the three-node swarm (scripts/swarm.sh): services made
// by the reference CLI, then both CLIs run on the same state and compared (exit code, stdout,
// stderr).
//
// Ordering: the manager merges the log streams of the nodes as they arrive, so the order of
// lines across tasks changes from one call to the next, for docker as for berth. Within one task
// the order is the task's own. Outputs are therefore compared exactly where one task speaks (the
// single-replica services, a task's own logs), and otherwise with the lines grouped by their
// "name.slot.id@node" prefix (a stable sort, keeping each task's order), or sorted outright for
// --raw, whose lines carry no prefix.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, BERTH, both, DOCKER, uniqueName, type Result, HOST } from './harness.js';
import { bothOn, dockerOn, nodeHost, swarmScript, swarmSkipReason } from './swarm-harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/service-logs: skipped: ${reason}`);

const CONFIG = mkdtempSync(join(tmpdir(), 'berth-svclogs-'));
const ENV = { DOCKER_CONFIG: CONFIG };
const OPTS = { env: ENV, timeoutMs: 60_000 };

/** the plain engine (no swarm) of scripts/engine.sh */
// the plain engine beside the swarm: the suites' own (DOCKER_HOST), never a fixed dev path
const PLAIN_ENGINE = HOST;

const TAG = uniqueName('bsl');
/** three replicas, one per node */
const S3 = `${TAG}-three`;
/** one replica with a TTY */
const STTY = `${TAG}-tty`;
/** one replica writing to stdout and stderr, with log attributes (env, label) for --details */
const SERR = `${TAG}-err`;
/** ten replicas: slot numbers of two digits, so the one-digit ones are padded */
const S10 = `${TAG}-ten`;
/** one task per node, slot 0 */
const SGLOBAL = `${TAG}-global`;
/** one replica printing a numbered line every 300 ms, for -f */
const STICK = `${TAG}-tick`;
/** a replicated job of ten tasks that echo and exit: no Replicated mode, so no padding */
const SJOB = `${TAG}-job`;
const ALL = [S3, STTY, SERR, S10, SGLOBAL, STICK, SJOB];

type Order = 'exact' | 'by-task' | 'sorted';

/** the lines grouped by task prefix (stable: each task keeps its order) */
function byTask(text: string): string {
  const lines = text.split('\n');
  const last = lines.pop();
  const key = (l: string): string => {
    const bar = l.indexOf('    | ');
    return bar < 0 ? l : l.slice(0, bar).replace(/^\S+Z /, '');
  };
  const sorted = lines.map((l, i) => ({ l, i })).sort((a, b) => (key(a.l) < key(b.l) ? -1 : key(a.l) > key(b.l) ? 1 : a.i - b.i));
  return [...sorted.map((x) => x.l), last].join('\n');
}

function sortedLines(text: string): string {
  const lines = text.split('\n');
  const last = lines.pop();
  return [...lines.sort(), last].join('\n');
}

function normal(r: Result, order: Order): Result {
  const f = order === 'exact' ? (s: string) => s : order === 'by-task' ? byTask : sortedLines;
  return { code: r.code, stdout: f(r.stdout), stderr: f(r.stderr) };
}

/** both CLIs on node `node`; the results compared after `order`'s normalisation */
async function same(args: string[], order: Order = 'exact', node = 1): Promise<Result> {
  const { docker: d, berth: b } = await bothOn(['service', 'logs', ...args], node, OPTS);
  expect({ args, ...normal(b, order) }).toEqual({ args, ...normal(d, order) });
  return d;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** waits until `docker service logs NAME` shows `lines` lines on stdout (+ stderr) */
async function logsThere(name: string, lines: number, extra: string[] = []): Promise<void> {
  await until(`${lines} log lines of ${name}`, async () => {
    const r = await dockerOn(['service', 'logs', ...extra, name], 1, OPTS).catch(() => undefined);
    if (!r) return undefined;
    const n = (r.stdout + r.stderr).split('\n').filter((l) => l !== '').length;
    return n >= lines ? true : undefined;
  });
}

async function runningTasks(name: string): Promise<string[]> {
  const r = await dockerOn(['service', 'ps', '-q', '--no-trunc', '--filter', 'desired-state=running', name], 1, OPTS);
  return r.stdout.split('\n').filter((l) => l !== '');
}

/** a CLI run with -f: resolves once `ready` holds on its stdout; `stop` sends SIGINT and waits */
function follow(bin: string, args: string[], ready: (out: string) => boolean): { arrived: Promise<void>; stop: () => Promise<Result> } {
  const child: ChildProcess = spawn(bin, args, { env: { ...process.env, DOCKER_HOST: nodeHost(1), DOCKER_CLI_HINTS: 'false', ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady!: () => void;
  const arrived = new Promise<void>((r) => (onReady = r));
  const closed = new Promise<number | null>((r) => child.on('close', (code, sig) => r(code ?? (sig ? -1 : null))));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    if (ready(out)) onReady();
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return {
    arrived: Promise.race([arrived, closed.then(() => undefined)]),
    stop: async () => {
      child.kill('SIGINT');
      const code = await closed;
      clearTimeout(killer);
      return { code, stdout: out, stderr: err };
    },
  };
}

describe.skipIf(reason !== '')('service logs matches docker', () => {
  const tasks: Record<string, string[]> = {};

  beforeAll(async () => {
    const create = (name: string, flags: string[], cmd: string): Promise<Result> =>
      dockerOn(['service', 'create', '-d', '-q', '--name', name, ...flags, 'busybox', 'sh', '-c', cmd], 1, OPTS);
    await Promise.all([
      create(S3, ['--replicas', '3', '--replicas-max-per-node', '1'], 'echo a; echo b; sleep 3600'),
      create(STTY, ['--tty'], 'echo tty line; sleep 3600'),
      create(SERR, ['--log-driver', 'json-file', '--env', 'FOO=bar baz', '--log-opt', 'env=FOO', '--container-label', 'lab=v,1', '--log-opt', 'labels=lab'], 'echo out1; echo err1 >&2; echo out2; sleep 3600'),
      create(S10, ['--replicas', '10'], 'echo ten; sleep 3600'),
      create(SGLOBAL, ['--mode', 'global'], 'echo g; sleep 3600'),
      create(STICK, [], 'i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.3; done'),
      create(SJOB, ['--mode', 'replicated-job', '--replicas', '10', '--max-concurrent', '10'], 'echo job'),
    ]);
    await Promise.all([logsThere(S3, 6), logsThere(STTY, 1, ['--raw']), logsThere(SERR, 3), logsThere(S10, 10), logsThere(SGLOBAL, 3), logsThere(STICK, 1), logsThere(SJOB, 10)]);
    for (const s of [S3, STTY, SERR]) tasks[s] = await runningTasks(s);
  }, 180_000);

  afterAll(async () => {
    await dockerOn(['service', 'rm', ...ALL], 1, OPTS).catch(() => undefined);
    rmSync(CONFIG, { recursive: true, force: true });
  }, 60_000);

  it('formats the lines of a service as docker does, for each flag', async () => {
    const cases: [string[], Order][] = [
      [[S3], 'by-task'],
      [['--details', S3], 'by-task'],
      [['-t', S3], 'by-task'],
      [['-t', '--details', '--no-trunc', S3], 'by-task'],
      [['--no-trunc', S3], 'by-task'],
      [['--no-resolve', S3], 'by-task'],
      [['--no-task-ids', S3], 'by-task'],
      [['--no-resolve', '--no-task-ids', '--no-trunc', S3], 'by-task'],
      [['--raw', S3], 'sorted'],
      [['--raw', '-t', S3], 'sorted'],
      [['--raw', '--details', S3], 'sorted'],
      [['--tail', '1', S3], 'by-task'],
      [['-n', '1', S3], 'by-task'],
      [['--tail', '0', S3], 'by-task'],
      [['--tail=all', S3], 'by-task'],
      [['--since', '1h', S3], 'by-task'],
      [['--since', '2000-01-01T00:00:00Z', S3], 'by-task'],
      [['--since', '2099-01-01', S3], 'by-task'],
      [[`  ${S3} `], 'by-task'],
      [[S10], 'by-task'],
      [['--no-task-ids', S10], 'by-task'],
      [[SGLOBAL], 'by-task'],
      [['--no-resolve', SGLOBAL], 'by-task'],
      [[SJOB], 'by-task'],
    ];
    await Promise.all(cases.map(([args, order]) => same(args, order)));
  }, 120_000);

  it('splits stdout and stderr, and shows the log attributes with --details', async () => {
    // one task: its lines in order on each stream
    const cases: string[][] = [[SERR], ['--details', SERR], ['--details', '-t', SERR], ['--raw', SERR], ['--raw', '--details', SERR], ['--no-resolve', '--details', SERR]];
    await Promise.all(cases.map((args) => same(args)));
    const d = await same(['--details', SERR]);
    // the attributes are really there (the log driver's env and labels), their escapes decoded
    expect(d.stdout).toMatch(/ {4}\| FOO=bar baz,lab=v,1 out1\n/);
    expect(d.stderr).toMatch(/ {4}\| FOO=bar baz,lab=v,1 err1\n/);
  }, 60_000);

  it('shows the logs of one task', async () => {
    const [t3] = tasks[S3]!;
    const [terr] = tasks[SERR]!;
    const cases: string[][] = [[t3!], ['--no-trunc', t3!], ['-t', '--details', t3!], ['--raw', t3!], ['--no-task-ids', '--no-resolve', t3!], ['-n', '1', t3!], [t3!.slice(0, 12)], [terr!], ['--details', terr!]];
    await Promise.all(cases.map((args) => same(args)));
  }, 60_000);

  it('TTY services: refused without --raw, the raw bytes with it', async () => {
    const [tt] = tasks[STTY]!;
    const cases: string[][] = [[STTY], ['--raw', STTY], ['--raw', '-t', STTY], ['--raw', '--details', STTY], [tt!], ['--raw', tt!]];
    await Promise.all(cases.map((args) => same(args)));
    const d = await same(['--raw', STTY]);
    expect(d.stdout).toBe('tty line\r\n');
  }, 60_000);

  it('reports bad input as docker does', async () => {
    const [t3] = tasks[S3]!;
    const cases: [string[], number][] = [
      [[`${TAG}-nosuch`], 1],
      [[''], 1],
      [['   '], 1],
      [['--since', 'xx', S3], 1],
      [['--since', 'xx', t3!], 1],
      [['--since', 'xx', `${TAG}-nosuch`], 1],
      [['--since', '1h', STTY], 1],
      [['--tail', 'xx', S3], 1],
      [['--tail', '-3', S3], 1],
      [['--tail', 'xx', t3!], 1],
      [[], 1],
      [[S3, S3], 1],
      [['--bogus', S3], 125],
      [['-f=maybe', S3], 125],
      [['--help'], 0],
    ];
    const results = await Promise.all(cases.map(([args]) => same(args)));
    results.forEach((r, i) => expect({ args: cases[i]![0], code: r.code }).toEqual({ args: cases[i]![0], code: cases[i]![1] }));
  }, 60_000);

  it('older APIs: the command needs 1.29, --raw and --details 1.30 (help hides them)', async () => {
    const cases: [string, string[]][] = [
      ['1.28', [S3]],
      ['1.28', ['--raw', '--details', S3]],
      ['1.29', ['--raw', S3]],
      ['1.29', ['--details', '--raw', '--no-trunc', S3]],
      ['1.29', ['--help']],
      ['1.29', [SERR]],
    ];
    await Promise.all(
      cases.map(async ([v, args]) => {
        const { docker: d, berth: b } = await bothOn(['service', 'logs', ...args], 1, { ...OPTS, env: { ...ENV, DOCKER_API_VERSION: v } });
        // docker names itself in this message as `docker service logs` (not a form asBerth knows)
        const stderr = d.stderr.replace(/^docker service logs requires API version/, 'berth service logs requires API version');
        expect({ v, args, ...b }).toEqual({ v, args, ...d, stderr });
      }),
    );
  }, 60_000);

  it('completes service names as docker does', async () => {
    const cases: [string[], Record<string, string>][] = [
      [[''], {}],
      [[TAG], {}],
      [[S3, ''], {}],
      [['--since', ''], {}],
      [['-fn', ''], {}],
      [['-f', '--tail=3', ''], {}],
      [[''], { DOCKER_COMPLETION_SHOW_SERVICE_IDS: 'yes' }],
    ];
    const results = await Promise.all(
      cases.map(async ([words, env]) => {
        const { docker: d, berth: b } = await bothOn(['__complete', 'service', 'logs', ...words], 1, { ...OPTS, env: { ...ENV, ...env } });
        expect({ words, env, ...b }).toEqual({ words, env, ...d });
        return d;
      }),
    );
    expect(results[0]!.stdout).toContain(`${S3}\n`);
  }, 60_000);

  it('on a worker and on an engine outside any swarm: the engine refuses', async () => {
    const w = await same([S3], 'exact', 2);
    expect(w.stderr).toContain('Worker nodes can');
    const { docker: d, berth: b } = await both(['service', 'logs', S3], { ...OPTS, env: { ...ENV, DOCKER_HOST: PLAIN_ENGINE } });
    expect(b).toEqual(d);
    expect(d.stderr).toContain('This node is not a swarm manager');
  }, 60_000);

  it('-f streams the lines as they come, and ends on Ctrl-C with status 130', async () => {
    // the ticking service: both CLIs followed until each has seen 8 lines (the last 2, then
    // 6 more as they are written), then interrupted. Each started and stopped at its own
    // moment: the ticks both saw are compared
    const enough = (out: string): boolean => out.split('\n').length > 8;
    const args = ['service', 'logs', '-f', '--tail', '2', STICK];
    const d = follow(DOCKER, args, enough);
    const b = follow(BERTH, args, enough);
    await Promise.all([d.arrived, b.arrived]);
    const [rd, rb] = await Promise.all([d.stop(), b.stop()]);
    const tick = (line: string): number => Number(/\| tick(\d+)$/.exec(line)?.[1] ?? NaN);
    const lines = (out: string): string[] => out.split('\n').filter((l) => l !== '');
    const [ld, lb] = [lines(rd.stdout), lines(rb.stdout)];
    const lo = Math.max(tick(ld[0]!), tick(lb[0]!));
    const hi = Math.min(tick(ld[ld.length - 1]!), tick(lb[lb.length - 1]!));
    const common = (ls: string[]): string[] => ls.filter((l) => tick(l) >= lo && tick(l) <= hi);
    expect({ code: rb.code, stdout: common(lb), stderr: rb.stderr }).toEqual({ code: rd.code, stdout: common(ld), stderr: asBerth(rd.stderr) });
    expect(rd.code).toBe(130);
    // the lines came while following: both saw several new ticks, one after the other
    expect(hi - lo).toBeGreaterThanOrEqual(3);
    expect(common(lb).map(tick)).toEqual(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));

    // a service whose tasks have all logged: -f shows them, then waits; Ctrl-C ends it
    const all = (out: string): boolean => out.split('\n').length > 6;
    const d3 = follow(DOCKER, ['service', 'logs', '-f', S3], all);
    const b3 = follow(BERTH, ['service', 'logs', '-f', S3], all);
    await Promise.all([d3.arrived, b3.arrived]);
    const [rd3, rb3] = await Promise.all([d3.stop(), b3.stop()]);
    expect(normal(rb3, 'by-task')).toEqual(normal({ ...rd3, stderr: asBerth(rd3.stderr) }, 'by-task'));
  }, 90_000);

  it('a node down: the lines of the others, then the engine’s error', async () => {
    try {
      swarmScript('stop', '3');
      // the manager notices the node is gone: then the stream ends with the error
      await until('node3 unavailable to service logs', async () => {
        const r = await bothOn(['service', 'logs', S3], 1, OPTS);
        return /is not available/.test(r.docker.stderr) && /is not available/.test(r.berth.stderr) ? r : undefined;
      });
      const d = await same([S3], 'by-task');
      expect(d.code).toBe(1);
      expect(d.stderr).toMatch(/^error from daemon in stream: Error grabbing logs: .*node \S+ is not available\n\n$/);
      await same(['--no-resolve', '-t', S3], 'by-task');
      await same(['--raw', S3], 'sorted');
    } finally {
      swarmScript('start', '3');
      await until('node3 ready', async () => {
        const r = await dockerOn(['node', 'ls', '--format', '{{.Hostname}} {{.Status}}'], 1, OPTS);
        return /node3 Ready/.test(r.stdout) ? true : undefined;
      }, 90_000);
    }
  }, 180_000);
});
