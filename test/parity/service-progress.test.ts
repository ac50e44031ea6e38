// Differential tests of `service scale` and `service rollback`, and of the convergence progress
// they wait on (waitOnService), against the reference docker CLI on the test swarm.
//
// A case that changes a service gets two identical services made by the oracle, one for
// docker and one for berth; both CLIs then run at the same moment, each on its own service,
// and their outputs are compared once each service's name is replaced by SERVICE.
//
// The progress docker prints when piped is one group of lines per 200 ms poll, so how many
// times a line repeats, and which intermediate counts a poll happened to see, depend on
// timing. `progressShape` takes that out and nothing else:
//   - a block of 1 to 3 lines repeated right after itself is kept once (polls that saw the
//     same state);
//   - of a run of "overall progress: ..." / "active tasks: ..." lines only the first and the
//     last stay (the counts seen in between depend on when the polls fell);
//   - the "verify: Waiting N seconds" countdown must start at the monitor period's seconds
//     (5 by default; it is in the marker, so both must agree) and go down, by one or more
//     when a poll came late, never up, never below 1; a countdown that does becomes one marker line, one that
//     does not is left as it is (and fails the comparison).
// Every other line, and the order of all of them, must be the same.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, DOCKER, asBerth, berth, docker, uniqueName, type Result, type RunOptions, HOST } from './harness.js';
import { bothOn, dockerOn, onNode, swarmSkipReason } from './swarm-harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/service-progress: skipped: ${reason}`);

// the plain engine beside the swarm: the suites' own (DOCKER_HOST), never a fixed dev path
const PLAIN_ENGINE = HOST;
let config = '';
const created: string[] = [];

const opts = (o: RunOptions = {}): RunOptions => onNode(1, { timeoutMs: 90_000, ...o, env: { DOCKER_CONFIG: config, ...o.env } });

const COUNTDOWN = /^verify: Waiting (\d+) seconds to verify that tasks are stable\.\.\.$/;
const RUN_PREFIXES = ['overall progress: ', 'active tasks: '];

/** the piped progress with its timing taken out (see the top of the file) */
export function progressShape(text: string): string {
  let lines = text.split('\n');
  // repeated blocks of 1..3 lines
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 1; k <= 3; k++) {
      const out: string[] = [];
      for (const l of lines) {
        out.push(l);
        const n = out.length;
        if (n >= 2 * k && out.slice(n - k).join('\n') === out.slice(n - 2 * k, n - k).join('\n')) {
          out.length = n - k;
          changed = true;
        }
      }
      lines = out;
    }
  }
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const prefix = RUN_PREFIXES.find((p) => lines[i]!.startsWith(p));
    if (prefix) {
      let j = i;
      while (j + 1 < lines.length && lines[j + 1]!.startsWith(prefix)) j++;
      out.push(lines[i]!);
      if (j > i) out.push(lines[j]!);
      i = j + 1;
      continue;
    }
    if (COUNTDOWN.test(lines[i]!)) {
      let j = i;
      const values: number[] = [];
      while (j < lines.length && COUNTDOWN.test(lines[j]!)) values.push(Number(COUNTDOWN.exec(lines[j++]!)![1]));
      const ok = values[0]! <= 5 && values.every((v, k) => v >= 1 && (k === 0 || v < values[k - 1]!));
      if (ok) out.push(`verify: <countdown from ${values[0]}>`);
      else out.push(...lines.slice(i, j));
      i = j;
      continue;
    }
    out.push(lines[i]!);
    i++;
  }
  return out.join('\n');
}

const named = (s: string, name: string): string => s.split(name).join('SERVICE');
/** a swarm object ID (task, service) in an error text */
const maskIDs = (s: string): string => s.replace(/\b[a-z0-9]{25}\b/g, '<id>');

function shaped(r: Result, name: string): Result {
  return { code: r.code, stdout: progressShape(named(r.stdout, name)), stderr: maskIDs(named(r.stderr, name)) };
}

/** two services alike, made by the oracle: one for docker's run, one for berth's */
async function twin(createArgs: string[]): Promise<{ d: string; b: string }> {
  const base = uniqueName('bsp');
  const d = `${base}-d`;
  const b = `${base}-b`;
  created.push(d, b);
  // busybox's sleep as PID 1 ignores SIGTERM: SIGKILL spares each replaced task the 10 s grace period
  await Promise.all([d, b].map((n) => dockerOn(['service', 'create', '-d', '--name', n, '--stop-signal', 'SIGKILL', ...createArgs], 1, opts())));
  return { d, b };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** the service runs `n` up-to-date replicas and its last update (if any) is over */
async function settledService(name: string, n: number): Promise<void> {
  await until(`${name} to run ${n} tasks`, async () => {
    const ls = await docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.Name}} {{.Replicas}}'], opts());
    const st = await docker(['service', 'inspect', '-f', '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}', name], opts());
    const state = st.stdout.trim();
    return ls.stdout.split('\n').includes(`${name} ${n}/${n}`) && !['updating', 'rollback_started'].includes(state);
  });
}

/** docker on service d and berth on service b at the same moment, `args(name)` for each */
async function pair(args: (name: string) => string[], d: string, b: string, o?: RunOptions): Promise<{ docker: Result; berth: Result }> {
  const [rd, rb] = await Promise.all([docker(args(d), opts(o)), berth(args(b), opts(o))]);
  return { docker: shaped({ ...rd, stdout: asBerth(rd.stdout), stderr: asBerth(rd.stderr) }, d), berth: shaped(rb, b) };
}

/** runs `bin` and sends `signal` once its output holds `marker`; its result */
function interrupted(bin: string, args: string[], marker: string, signal: NodeJS.Signals = 'SIGINT'): Promise<Result> {
  return new Promise((resolve, reject) => {
    const o = opts();
    const child = spawn(bin, args, { env: { ...process.env, DOCKER_CLI_HINTS: 'false', ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!sent && out.includes(marker)) {
        sent = true;
        // a few polls later, so that both CLIs are in their wait loop
        setTimeout(() => child.kill(signal), 700);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: out, stderr: err });
    });
  });
}

/** runs `bin`, calling `onOut` with its output so far at each chunk; its result */
function watched(bin: string, args: string[], onOut: (out: string) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const o = opts();
    const child = spawn(bin, args, { env: { ...process.env, DOCKER_CLI_HINTS: 'false', ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => onOut((out += c.toString())));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: out, stderr: err });
    });
  });
}

describe.skipIf(reason !== '')('service scale and rollback, with the convergence progress', () => {
  beforeAll(() => {
    config = mkdtempSync(join(tmpdir(), 'berth-svcprog-'));
  });

  afterAll(async () => {
    if (created.length > 0) await docker(['service', 'rm', ...created], opts());
    if (config) rmSync(config, { recursive: true, force: true });
  });

  it('scales a replicated service out across the three nodes, waiting as docker does', async () => {
    const { d, b } = await twin(['--replicas', '1', 'busybox', 'sleep', '100000']);
    await Promise.all([settledService(d, 1), settledService(b, 1)]);
    const r = await pair((n) => ['service', 'scale', `${n}=3`], d, b);
    expect(r.docker.code).toBe(0);
    expect(r.docker.stdout).toContain('verify: Service SERVICE converged');
    expect(r.docker.stdout).toContain('verify: <countdown from 5>');
    expect(r.berth).toEqual(r.docker);
    // and down again, --detach: only the line, no waiting
    const down = await pair((n) => ['service', 'scale', '--detach', `${n}=2`], d, b);
    expect(down.docker.stdout).toBe('SERVICE scaled to 2\n');
    expect(down.berth).toEqual(down.docker);
  }, 120_000);

  it('scales a replicated job: active tasks, then "job complete"', async () => {
    const { d, b } = await twin(['--mode', 'replicated-job', '--replicas', '1', 'busybox', 'true']);
    await until('the jobs to complete', async () => {
      const r = await docker(['service', 'ls', '--filter', `name=${d.slice(0, -2)}`, '--format', '{{.Replicas}}'], opts());
      return r.stdout.trim().split('\n').filter((l) => l.startsWith('0/1 (1/1 completed)')).length === 2;
    });
    const r = await pair((n) => ['service', 'scale', `${n}=2`], d, b);
    expect(r.docker.code).toBe(0);
    expect(r.docker.stdout).toContain('job complete');
    expect(r.berth).toEqual(r.docker);
  }, 120_000);

  it('reports bad counts, missing services and global services, each on its line, exit 1', async () => {
    const { d: glob } = await twin(['--mode', 'global', 'busybox', 'sleep', '100000']);
    const { d: rep } = await twin(['--replicas', '0', 'busybox', 'sleep', '100000']);
    const cases = [
      ['service', 'scale', `${rep}=x`, `${rep}=-1`, `${rep}=18446744073709551616`, `${rep}=1.5`, `bsp-missing-${process.pid}=2`, `${glob}=2`],
      ['service', 'scale', '-d', `${glob}=1`],
    ];
    for (const args of cases) {
      const r = await bothOn(args, 1, opts());
      expect(r.docker.code).toBe(1);
      expect(r.berth).toEqual(r.docker);
    }
  }, 60_000);

  it('checks its arguments and shows its help as docker does (no engine needed)', async () => {
    const cases = [
      ['service', 'scale'],
      ['service', 'scale', 'web'],
      ['service', 'scale', '=3'],
      ['service', 'scale', 'web='],
      ['service', 'scale', 'a=1', 'b'],
      ['service', 'scale', '--bogus', 'a=1'],
      ['service', 'scale', '--help'],
      ['service', 'rollback'],
      ['service', 'rollback', 'a', 'b'],
      ['service', 'rollback', '-x', 'a'],
      ['service', 'rollback', '--help'],
    ];
    await Promise.all(
      cases.map(async (args) => {
        const r = await bothOn(args, 1, opts());
        expect({ args, ...r.berth }).toEqual({ args, ...r.docker });
      }),
    );
  }, 60_000);

  it('fails on an engine that is not a swarm manager', async () => {
    for (const args of [
      ['service', 'scale', 'web=2'],
      ['service', 'rollback', 'web'],
    ]) {
      const r = await bothOn(args, 1, opts({ env: { DOCKER_HOST: PLAIN_ENGINE } }));
      expect(r.docker.code).toBe(1);
      expect({ args, ...r.berth }).toEqual({ args, ...r.docker });
    }
  }, 60_000);

  it('rolls an update back (manually requested), waiting for it, -q, -d, and a service with nothing to roll back to', async () => {
    // short monitor periods, so that the update and the rollback take a second per task (the
    // progress's verification then counts down from 1)
    const quick = ['--update-monitor', '1s', '--rollback-monitor', '1s'];
    const a = await twin([...quick, '--replicas', '2', 'busybox', 'sleep', '100000']);
    const q = await twin([...quick, '--replicas', '1', 'busybox', 'sleep', '100000']);
    const det = await twin([...quick, '--replicas', '1', 'busybox', 'sleep', '100000']);
    const all = [a, q, det].flatMap((t) => [t.d, t.b]);
    // the update is the oracle's (service update is not this suite's)
    await Promise.all(all.map((n) => dockerOn(['service', 'update', '-d', '--env-add', 'BERTH_TEST=1', n], 1, opts())));
    await Promise.all([...[a.d, a.b].map((n) => settledService(n, 2)), ...[q.d, q.b, det.d, det.b].map((n) => settledService(n, 1))]);
    const [r, rq, rd] = await Promise.all([
      pair((n) => ['service', 'rollback', n], a.d, a.b),
      pair((n) => ['service', 'rollback', '-q', n], q.d, q.b),
      pair((n) => ['service', 'rollback', '--detach', n], det.d, det.b),
    ]);
    expect(r.docker.code).toBe(0);
    expect(r.docker.stdout).toContain('rollback: manually requested rollback');
    expect(r.berth).toEqual(r.docker);
    expect(rq.docker.stdout).toBe('SERVICE\n');
    expect(rq.berth).toEqual(rq.docker);
    expect(rd.docker.stdout).toBe('SERVICE\n');
    expect(rd.berth).toEqual(rd.docker);
    // a service never updated: the engine has no previous spec to go back to
    const fresh = await twin(['--replicas', '0', 'busybox', 'sleep', '100000']);
    const none = await bothOn(['service', 'rollback', fresh.d], 1, opts());
    expect(none.docker.code).toBe(1);
    expect(none.berth).toEqual(none.docker);
  }, 150_000);

  it('ends with docker\'s error when the rollback pauses on a failing task', async () => {
    // the first spec fails at once; the update to a good one is the oracle's; rolling back to
    // the failing spec then pauses (rollback failure action pause)
    const t = await twin(['--update-monitor', '1s', '--restart-condition', 'none', '--rollback-failure-action', 'pause', 'busybox', 'sh', '-c', 'exit 3']);
    await Promise.all([t.d, t.b].map((n) => dockerOn(['service', 'update', '-d', '--args', 'sleep 100000', n], 1, opts())));
    await Promise.all([t.d, t.b].map((n) => settledService(n, 1)));
    const r = await pair((n) => ['service', 'rollback', n], t.d, t.b);
    expect(r.docker.code).toBe(1);
    expect(r.docker.stderr).toMatch(/^service rollback paused: /);
    // the failing task runs for an instant: a poll that lands in it sees the service converged
    // ("1 out of 1", the verification starting, then "Detected task failure"), one that does
    // not sees none of it. That window's lines are left out on both sides; the rest (the
    // rollback's start, its counts, the error, the exit code) must agree
    const windowless = (x: Result): Result => ({
      ...x,
      stdout: progressShape(x.stdout.split('\n').filter((l) => !l.startsWith('verify: ') && l !== 'overall progress: rolling back update: 1 out of 1 tasks').join('\n')),
    });
    expect(windowless(r.berth)).toEqual(windowless(r.docker));
  }, 120_000);

  it('on Ctrl-C leaves the service converging in the background; a later wait fails with "context canceled"', async () => {
    // never converges: no node has the label
    const stuck = await twin(['--replicas', '0', '--constraint', 'node.labels.berth-none==1', 'busybox', 'sleep', '100000']);
    const next = await twin(['--replicas', '0', 'busybox', 'sleep', '100000']);
    const args = (s: string, n: string): string[] => ['service', 'scale', `${s}=1`, `${n}=1`];
    const [rd, rb] = await Promise.all([
      interrupted(DOCKER, args(stuck.d, next.d), 'overall progress'),
      interrupted(BERTH, args(stuck.b, next.b), 'overall progress'),
    ]);
    const norm = (r: Result, s: string, n: string): Result => shaped({ ...r, stdout: r.stdout.split(n).join('NEXT').replaceAll('`docker ', '`berth '), stderr: r.stderr.split(n).join('NEXT') }, s);
    const d = norm(rd, stuck.d, next.d);
    const b = norm(rb, stuck.b, next.b);
    // docker's own race: its display stops reading at the cancelled context while the progress
    // still writes its last lines, so docker now and then loses them (one or both) and fails the
    // first wait too ("SERVICE: context canceled"). berth takes the path docker means: both
    // lines, the first wait ended well. When docker lost the race, its last lines and that error
    // are left out on both sides; berth's must still be there.
    const LAST = ['Operation continuing in background.', 'Use `berth service ps SERVICE` to check progress.'];
    expect(b.stdout.split('\n').slice(-3)).toEqual([...LAST, '']);
    expect(b.stderr).toBe('NEXT: context canceled\n');
    const raced = d.stderr.includes('SERVICE: context canceled');
    const cut = (r: Result): Result =>
      raced ? { code: r.code, stdout: r.stdout.split('\n').filter((l) => !LAST.includes(l)).join('\n'), stderr: r.stderr.replace('SERVICE: context canceled\n', '') } : r;
    expect(d.code).toBe(1);
    if (!raced) expect(d.stdout).toContain(LAST[0]);
    expect(cut(b)).toEqual(cut(d));
  }, 120_000);

  it('on SIGTERM the wait fails with the cancelled context, without the Ctrl-C lines', async () => {
    const stuck = await twin(['--replicas', '0', '--constraint', 'node.labels.berth-none==1', 'busybox', 'sleep', '100000']);
    const [rd, rb] = await Promise.all([
      interrupted(DOCKER, ['service', 'scale', `${stuck.d}=1`], '1/1: no suitable node', 'SIGTERM'),
      interrupted(BERTH, ['service', 'scale', `${stuck.b}=1`], '1/1: no suitable node', 'SIGTERM'),
    ]);
    const d = shaped(rd, stuck.d);
    const b = shaped(rb, stuck.b);
    expect(d.code).toBe(1);
    expect(d.stderr).toBe('SERVICE: context canceled\n');
    expect(b).toEqual(d);
  }, 120_000);

  it('on older API versions (DOCKER_API_VERSION): rollback needs 1.31, --detach 1.29, below 1.29 no wait', async () => {
    const t = await twin(['--replicas', '0', 'busybox', 'sleep', '100000']);
    const at = (v: string): RunOptions => ({ env: { DOCKER_API_VERSION: v } });
    for (const [args, v] of [
      [['service', 'rollback', t.d], '1.30'],
      [['service', 'scale', '-d', `${t.d}=0`], '1.28'],
      [['service', 'rollback', '-d', t.d], '1.28'],
      [['service', 'scale', '--help'], '1.28'],
      [['service', 'rollback', '--help'], '1.28'],
    ] as [string[], string][]) {
      const r = await bothOn(args, 1, opts(at(v)));
      // "docker service rollback requires API version ...": the program naming itself
      const own = (t: string): string => t.replace(/^docker service (\S+) requires API/, 'berth service $1 requires API');
      const d = { ...r.docker, stdout: own(r.docker.stdout), stderr: own(r.docker.stderr) };
      expect({ args, v, ...r.berth }).toEqual({ args, v, ...d });
    }
    // the update goes through (with the engine's own digest warning below 1.30), no progress
    const r = await pair((n) => ['service', 'scale', `${n}=0`], t.d, t.b, at('1.28'));
    expect(r.docker.stdout).toBe('SERVICE scaled to 0\n');
    expect(r.berth).toEqual(r.docker);
  }, 60_000);

  it('rolls back a global service across the three nodes', async () => {
    const t = await twin(['--mode', 'global', '--update-monitor', '1s', '--rollback-monitor', '1s', 'busybox', 'sleep', '100000']);
    await Promise.all([t.d, t.b].map((n) => dockerOn(['service', 'update', '-d', '--env-add', 'BERTH_TEST=1', n], 1, opts())));
    await Promise.all([t.d, t.b].map((n) => settledService(n, 3)));
    const r = await pair((n) => ['service', 'rollback', n], t.d, t.b);
    expect(r.docker.code).toBe(0);
    expect(r.docker.stdout).toContain('overall progress: rolling back update: 3 out of 3 tasks');
    expect(r.berth).toEqual(r.docker);
  }, 120_000);

  it('fails the wait with the engine\'s error when the service goes away meanwhile', async () => {
    const stuck = await twin(['--replicas', '0', '--constraint', 'node.labels.berth-none==1', 'busybox', 'sleep', '100000']);
    const removeOnce = (name: string) => {
      let done = false;
      return (out: string): void => {
        if (done || !out.includes('1/1: no suitable node')) return;
        done = true;
        void docker(['service', 'rm', name], opts());
      };
    };
    const [rd, rb] = await Promise.all([
      watched(DOCKER, ['service', 'scale', `${stuck.d}=1`], removeOnce(stuck.d)),
      watched(BERTH, ['service', 'scale', `${stuck.b}=1`], removeOnce(stuck.b)),
    ]);
    const d = shaped(rd, stuck.d);
    expect(d.code).toBe(1);
    expect(d.stderr).toBe('SERVICE: Error response from daemon: service SERVICE not found\n');
    expect(shaped(rb, stuck.b)).toEqual(d);
  }, 120_000);
});
