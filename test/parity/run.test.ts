// Differential tests of create/run/start/logs: foreground streaming, exit codes, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, docker, settled as both, skipReason, uniqueName } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/run: skipped: ${reason}`);

const same = async (args: string[], input?: string): Promise<void> => {
  const { docker: d, berth: b } = await both(args, input === undefined ? undefined : { input });
  expect({ args, code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ args, code: d.code, stdout: d.stdout, stderr: d.stderr });
};

describe.skipIf(reason !== '')('run and create match docker', () => {
  const taken = uniqueName('taken');
  const ttyBox = uniqueName('tty');
  const made: string[] = [taken, ttyBox];

  beforeAll(async () => {
    await docker(['create', '--name', taken, 'busybox']);
    await docker(['run', '-t', '--name', ttyBox, 'busybox', 'sh', '-c', 'echo tty-out; echo tty-err >&2']);
  });
  afterAll(async () => {
    await docker(['rm', '-f', ...made]);
  });

  const cases: [string[], string?][] = [
    [['run', '--rm', 'busybox', 'echo', 'hello']],
    [['run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']],
    [['container', 'run', '--rm', 'busybox', 'sh', '-c', 'exit 42']],
    [['run', '--rm', 'busybox', 'nosuchcmd']],
    [['run', '--rm', 'busybox', '/etc/passwd']],
    [['run', '--rm', 'busybox', '/etc']],
    [['run', '--rm', '-i', 'busybox', 'wc', '-l'], 'a\nb\n'],
    [['run', '--rm', '-i', 'busybox', 'cat'], 'piped input\n'],
    [['run', '--rm', 'busybox', 'cat'], 'not attached\n'],
    [['run', '--rm', '-e', 'A=1', '-e', 'B', '-w', '/tmp', '-u', 'nobody', '-h', 'boxhost', 'busybox', 'sh', '-c', 'echo $A $B; pwd; id; hostname']],
    [['run', '--rm', '--entrypoint', 'echo', 'busybox', 'from', 'entrypoint']],
    [['run', '--rm', '-a', 'stderr', 'busybox', 'sh', '-c', 'echo out; echo err >&2']],
    [['run', '--rm', '-a', 'stdout', 'busybox', 'sh', '-c', 'echo out; echo err >&2']],
    [['run', '--rm', '--pull', 'never', 'berth-no-such-image']],
    [['run', '--rm', '--pull', 'never', 'Bad/Name']],
    [['run', '--rm', '--pull', 'sometimes', 'busybox']],
    [['run', '--rm', '-p', 'abc', 'busybox']],
    [['run', '--rm', '-m', 'abc', 'busybox']],
    [['run', '--rm', '--restart', 'bogus', 'busybox']],
    [['run', '-it', '--rm', 'busybox', 'true']],
    [['run', '-d', '-a', 'stdout', 'busybox']],
    [['run', '--name', taken, 'busybox']],
    [['create', '--name', taken, 'busybox']],
    [['create', '--pull', 'never', 'berth-no-such-image']],
    [['create']],
    [['run']],
    [['start', '-a', ttyBox]],
    [['logs', ttyBox]],
    [['logs', '-t', ttyBox]],
    [['logs', '--details', ttyBox]],
    [['logs', '-f', ttyBox]],
    [['logs', '--since', '1h', '--until', '2099-01-01T00:00:00Z', ttyBox]],
    [['logs', '--since', 'yesterday', ttyBox]],
    [['logs', '--tail', 'x', ttyBox]],
    [['logs', '-n', '1', taken]],
    [['run', '--rm', 'busybox', 'sh', '-c', 'seq 1 2000']],
  ];
  for (const [args, input] of cases) {
    it(`berth ${args.join(' ')}${input ? ' <input' : ''}`, () => same(args, input));
  }

  it('run -d prints the new container id', async () => {
    const [d, b] = await Promise.all([docker(['run', '-d', 'busybox', 'true']), berth(['run', '-d', 'busybox', 'true'])]);
    expect(b.code).toBe(d.code);
    expect(b.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(b.stderr).toBe(d.stderr);
    made.push(d.stdout.trim(), b.stdout.trim());
  });

  it('create then start -a gives the output and status', async () => {
    const dn = uniqueName('sa');
    const bn = uniqueName('sa');
    made.push(dn, bn);
    const [dc, bc] = await Promise.all([
      docker(['create', '--name', dn, 'busybox', 'sh', '-c', 'echo started; exit 5']),
      berth(['create', '--name', bn, 'busybox', 'sh', '-c', 'echo started; exit 5']),
    ]);
    expect(bc.code).toBe(dc.code);
    expect(bc.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const [ds, bs] = await Promise.all([docker(['start', '-a', dn]), berth(['start', '-a', bn])]);
    expect({ code: bs.code, stdout: bs.stdout, stderr: bs.stderr }).toEqual({ code: ds.code, stdout: ds.stdout, stderr: ds.stderr });
    // stop/rename/wait on those containers
    const [dw, bw] = await Promise.all([docker(['wait', dn]), berth(['wait', bn])]);
    expect(bw).toEqual(dw);
  });
});
