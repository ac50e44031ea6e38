// The convergence progress of `service scale` in a real terminal (tmux) on the test swarm:
// berth draws its own live view (Ink: a row per task slot with a bar of its own), docker
// redraws its lines with cursor moves. Both run at once, each on a twin service made by the
// oracle; when they end, berth's screen must hold what docker's holds (the task rows compared
// as a sorted block: docker gives the slots their rows in Go's random map order). Ctrl-C
// during the wait leaves docker's lines and a usable terminal.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BERTH, DOCKER, ROOT, docker, uniqueName } from '../parity/harness.js';
import { NODE1, dockerOn, swarmSkipReason } from '../parity/swarm-harness.js';
import { TmuxSession, hasTmux } from './tmux.js';

const reason = hasTmux() ? swarmSkipReason() : 'tmux is not installed';
if (reason) console.warn(`pty/service-progress: skipped: ${reason}`);

const config = mkdtempSync(join(tmpdir(), 'berth-pty-svc-'));
const env = { DOCKER_HOST: NODE1, DOCKER_CONFIG: config, DOCKER_CLI_HINTS: 'false' };
const created: string[] = [];
const sessions: TmuxSession[] = [];

async function twin(args: string[]): Promise<{ d: string; b: string }> {
  const base = uniqueName('bpty');
  const names = { d: `${base}-d`, b: `${base}-b` };
  created.push(names.d, names.b);
  await Promise.all([names.d, names.b].map((n) => dockerOn(['service', 'create', '-d', '--name', n, '--stop-signal', 'SIGKILL', ...args], 1, { env })));
  return names;
}

async function session(): Promise<TmuxSession> {
  const s = await new TmuxSession({ width: 130, height: 40, cwd: ROOT, env }).ready();
  sessions.push(s);
  return s;
}

/** the lines the command left between its command line and the rc line */
function leftLines(s: TmuxSession, tag: string): string[] {
  const all = s.screen().split('\n').map((l) => l.replace(/\s+$/, ''));
  const start = all.findIndex((l) => l.includes(`rc-${tag}=$?`));
  const end = all.findIndex((l, i) => i > start && l.startsWith(`rc-${tag}=`));
  return all.slice(start + 1, end);
}

const TASK_ROW = /^\d+\/\d+: /;
function shape(lines: string[], name: string): string[] {
  const out: string[] = [];
  let block: string[] = [];
  for (const raw of lines) {
    const l = raw.split(name).join('SERVICE').replaceAll('`docker ', '`berth ');
    if (TASK_ROW.test(l)) {
      block.push(l);
      continue;
    }
    out.push(...block.sort(), l);
    block = [];
  }
  out.push(...block.sort());
  return out;
}

describe.skipIf(reason !== '')('service progress in a real terminal', () => {
  afterEach(() => {
    while (sessions.length > 0) sessions.pop()!.close();
  });

  afterAll(async () => {
    if (created.length > 0) await docker(['service', 'rm', ...created], { env });
    rmSync(config, { recursive: true, force: true });
  });

  it('scale: berth\'s live rows and bars, then the screen docker\'s display leaves', async () => {
    const { d, b } = await twin(['--replicas', '0', 'busybox', 'sleep', '100000']);
    const [sd, sb] = await Promise.all([session(), session()]);
    sd.line(`clear; ${DOCKER} service scale ${d}=3; echo "rc-d=$?"`);
    sb.line(`clear; ${process.execPath} ${BERTH} service scale ${b}=3; echo "rc-b=$?"`);
    // while it waits: the view's own bars (docker's are '=' and '>')
    const live = await sb.waitFor(/^1\/3: \S+ +[█░]{20}/m, 30_000);
    expect(live).toMatch(/^overall progress: \d out of 3 tasks/m);
    const [cd, cb] = await Promise.all([sd.exitCode('d', 60_000), sb.exitCode('b', 60_000)]);
    expect(cb).toBe(cd);
    const dl = shape(leftLines(sd, 'd'), d);
    expect(dl).toContain('verify: Service SERVICE converged');
    expect(dl.filter((l) => TASK_ROW.test(l))).toHaveLength(3);
    expect(shape(leftLines(sb, 'b'), b)).toEqual(dl);
  }, 120_000);

  it('Ctrl-C while it waits: "Operation continuing in background.", the terminal given back', async () => {
    const { d, b } = await twin(['--replicas', '0', '--constraint', 'node.labels.berth-none==1', 'busybox', 'sleep', '100000']);
    const [sd, sb] = await Promise.all([session(), session()]);
    sd.line(`clear; ${DOCKER} service scale ${d}=1; echo "rc-d=$?"`);
    sb.line(`clear; ${process.execPath} ${BERTH} service scale ${b}=1; echo "rc-b=$?"`);
    await Promise.all([sd.waitFor('1/1: no suitable node', 30_000), sb.waitFor('1/1: no suitable node', 30_000)]);
    sd.keys('C-c');
    sb.keys('C-c');
    const [cd, cb] = await Promise.all([sd.exitCode('d', 30_000), sb.exitCode('b', 30_000)]);
    // the terminal echoes the keystroke as "^C" where the cursor is: that is the line
    // discipline's, not the program's, and where it lands depends on the cursor; left out
    const unecho = (ls: string[]): string[] => ls.map((l) => l.replaceAll('^C', ''));
    const dl = unecho(shape(leftLines(sd, 'd'), d));
    const bl = unecho(shape(leftLines(sb, 'b'), b));
    const LAST = ['Operation continuing in background.', 'Use `berth service ps SERVICE` to check progress.'];
    expect(bl.slice(-2)).toEqual(LAST);
    expect(cb).toBe(0);
    // docker's display may lose its last lines to its cancelled context, and then fail with
    // "context canceled" (see the parity suite): those lines are left out of the comparison
    const CANCELED = 'SERVICE: context canceled';
    const strip = (ls: string[]): string[] => ls.filter((l) => !LAST.includes(l) && l !== CANCELED);
    expect(strip(bl)).toEqual(strip(dl));
    if (!dl.includes(CANCELED)) {
      expect(bl).toEqual(dl);
      expect(cb).toBe(cd);
    }
    // the shell still takes commands: the cursor and the line discipline are back
    sb.line('echo "after-$((1+1))"');
    await sb.waitFor(/^after-2$/m, 10_000);
  }, 120_000);
});
