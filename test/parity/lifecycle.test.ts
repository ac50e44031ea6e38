// State-changing verbs: docker acts on its container, berth on a twin, and their outputs
// (with the names swapped) and the containers' resulting states must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, docker, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/lifecycle: skipped: ${reason}`);

describe.skipIf(reason !== '')('lifecycle verbs match docker', () => {
  const d = uniqueName('lc-d');
  const b = uniqueName('lc-b');
  const made = [d, b, `${d}-renamed`, `${b}-renamed`];

  beforeAll(async () => {
    for (const n of [d, b]) await docker(['run', '-d', '--name', n, 'busybox', 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.2; done']);
  });
  afterAll(async () => {
    await docker(['rm', '-f', ...made]);
  });

  const ids: Record<string, string> = {};
  const norm = (r: Result, name: string): Result => {
    const fix = (s: string): string => s.replaceAll(ids[name]!, 'ID').replaceAll(ids[name]!.slice(0, 12), 'ID').replaceAll(name, 'NAME');
    return { code: r.code, stdout: fix(r.stdout), stderr: fix(r.stderr) };
  };
  const state = async (name: string): Promise<string> => (await docker(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}', name])).stdout;

  const steps: ((n: string) => string[])[] = [
    (n) => ['pause', n],
    (n) => ['pause', n],
    (n) => ['unpause', n],
    (n) => ['unpause', n],
    (n) => ['top', n],
    (n) => ['top', n, '-o', 'pid,comm'],
    (n) => ['restart', '-t', '1', n],
    (n) => ['kill', '-s', 'USR1', n],
    (n) => ['kill', '-s', 'BOGUS', n],
    (n) => ['stop', '-t', '5', n],
    (n) => ['stop', n],
    (n) => ['wait', n],
    (n) => ['start', n],
    (n) => ['start', n],
    (n) => ['kill', n],
    (n) => ['kill', n],
    (n) => ['rename', n, `${n}-renamed`],
    (n) => ['rename', `${n}-renamed`, n],
    (n) => ['start', n, 'nosuch-berth'],
    (n) => ['rm', n],
    (n) => ['rm', '-f', '-v', n],
    (n) => ['rm', n],
  ];
  it('each step gives the same output, exit code and state', async () => {
    for (const n of [d, b]) ids[n] = (await docker(['inspect', '-f', '{{.Id}}', n])).stdout.trim();
    for (const step of steps) {
      const [rd, rb] = await Promise.all([docker(step(d)), berth(step(b))]);
      const args = step('NAME');
      const nd = norm(rd, d);
      const nb = norm(rb, b);
      if (args[0] === 'top') {
        // host PIDs, times and the short-lived sleeps differ between the twins: compare the
        // header and that processes are listed
        expect({ args, code: nb.code, head: nb.stdout.split('\n')[0] }).toEqual({ args, code: nd.code, head: nd.stdout.split('\n')[0] });
        expect(nb.stdout.split('\n').length).toBeGreaterThan(2);
        continue;
      }
      expect({ args, ...nb }).toEqual({ args, ...nd });
      expect({ args, state: await state(b) }).toEqual({ args, state: await state(d) });
    }
  });
});
