// Differential tests of the container verbs against the reference docker CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled as both, docker, skipReason, uniqueName } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/container: skipped: ${reason}`);

describe.skipIf(reason !== '')('container verbs match docker', () => {
  const running = uniqueName('run');
  const created = uniqueName('created');
  const labelled = uniqueName('lab');

  beforeAll(async () => {
    await docker(['run', '-d', '--name', running, '-p', '127.0.0.1:18080:80', '-l', 'a=b', '-l', 'com.example.x=y', '-v', '/tmp:/data', 'busybox', 'sleep', '600']);
    await docker(['create', '--name', created, 'busybox', 'echo', 'hello world with a long command line']);
    await docker(['run', '--name', labelled, '-l', 'tier=db', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
  });

  afterAll(async () => {
    await docker(['rm', '-f', running, created, labelled]);
  });

  const cases: string[][] = [
    ['ps'],
    ['ps', '-a'],
    ['ps', '-q'],
    ['ps', '-aq'],
    ['ps', '-a', '--no-trunc'],
    ['ps', '-s'],
    ['ps', '-n', '2'],
    ['ps', '-n=1'],
    ['ps', '-l'],
    ['ps', '-a', '--filter', 'status=exited'],
    ['ps', '-a', '-f', 'label=tier=db', '--format', '{{.Names}} {{.Status}}'],
    ['ps', '--format', '{{.ID}}|{{.Image}}|{{.Command}}|{{.Ports}}|{{.Labels}}|{{.Mounts}}|{{.Networks}}|{{.State}}'],
    ['ps', '--format', 'table {{.ID}}\t{{.Label "com.example.x"}}\t{{.Names}}'],
    ['ps', '--format', 'json'],
    ['ps', '--format', '{{json .}}'],
    ['ps', '-a', '--format', 'table {{.Names}}\t{{.Status}}'],
    ['ps', '--format', 'raw'],
    ['ps', '-q', '--format', '{{.Names}}'],
    ['ps', '--format', '{{.Foo}}'],
    ['ps', '--format', '{{.Names'],
    ['ps', '--foo'],
    ['ps', '-x'],
    ['ps', '-ax'],
    ['ps', '--format'],
    ['ps', 'extra'],
    ['ps', '-f', 'foo'],
    ['ps', '-f', 'foo=bar'],
    ['ps', '-n', 'x'],
    ['ps', '--all=maybe'],
    ['ps', '---x'],
    ['container', 'ls', '--foo'],
    ['container', 'frob'],
    ['frob'],
    ['rm'],
    ['rm', 'nosuch-berth-1', 'nosuch-berth-2'],
    ['start', 'nosuch-berth'],
    ['stop', 'nosuch-berth'],
    ['restart', 'nosuch-berth'],
    ['kill', 'nosuch-berth'],
    ['pause', 'nosuch-berth'],
    ['unpause', 'nosuch-berth'],
    ['wait', 'nosuch-berth'],
    ['logs', 'nosuch-berth'],
    ['logs'],
    ['top'],
    ['top', 'nosuch-berth'],
    ['port'],
    ['port', 'a', 'b', 'c'],
    ['rename', 'a'],
    ['rename', 'nosuch-berth', 'x'],
    ['stop', '-t', 'x', 'a'],
    ['kill', '-s'],
    ['version', 'extra'],
    ['-H'],
    ['--config'],
  ];

  for (const args of cases) {
    it(`berth ${args.join(' ')}`, async () => {
      const { docker: d, berth: b } = await both(args);
      expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: d.stdout, stderr: d.stderr });
    });
  }

  const namedCases = (): string[][] => [
    ['logs', labelled],
    ['logs', '--tail', '1', labelled],
    ['logs', '-n', '0', labelled],
    ['port', running],
    ['port', running, '80'],
    ['port', running, '80/tcp'],
    ['port', running, '81'],
    ['port', created, '80'],
    ['kill', created],
    ['unpause', running],
    ['top', created],
    ['rm', running],
    ['rename', running, created],
    ['wait', labelled],
    ['wait', 'nosuch-berth', labelled],
  ];
  it('commands on named containers', async () => {
    for (const args of namedCases()) {
      const { docker: d, berth: b } = await both(args);
      expect({ args, code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ args, code: d.code, stdout: d.stdout, stderr: d.stderr });
    }
  });
});
