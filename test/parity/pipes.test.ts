// A closed stdout (`berth logs x | head -1`): docker dies of SIGPIPE (the shell sees 141),
// except where its signal proxy catches every signal (run, start -a), where the write fails:
// "write /dev/stdout: broken pipe" and status 1. berth must end the same way.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, DOCKER, HOST, docker, skipReason, uniqueName } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/pipes: skipped: ${reason}`);

/** runs `bin args | head -0` in bash; the program's status and stderr */
function piped(bin: string, args: string[]): Promise<{ status: string; stderr: string }> {
  const quoted = [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${quoted} 2>"$ERRFILE" | head -c 0; echo "\${PIPESTATUS[0]}"; cat "$ERRFILE"; rm -f "$ERRFILE"`], {
      env: { ...process.env, DOCKER_HOST: HOST, ERRFILE: `/tmp/berth-pipes-${process.pid}-${Math.random().toString(36).slice(2)}` },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const [status, ...rest] = out.split('\n');
      resolve({ status: status ?? '', stderr: rest.join('\n') });
    });
  });
}

describe.skipIf(reason !== '')('a closed stdout ends berth as it ends docker', () => {
  const big = uniqueName('pipe');
  beforeAll(async () => {
    await docker(['run', '--name', big, 'busybox', 'seq', '1', '200000']);
  }, 60_000);
  afterAll(async () => {
    await docker(['rm', '-f', big]);
  });

  const cases: string[][] = [
    ['logs', '__BIG__'],
    ['run', '--rm', 'busybox', 'seq', '1', '200000'],
    ['run', '--rm', '--sig-proxy=false', 'busybox', 'seq', '1', '200000'],
    ['start', '-a', '__BIG__'],
  ];
  for (const c of cases) {
    it(c.join(' '), async () => {
      const args = c.map((a) => (a === '__BIG__' ? big : a));
      const [d, b] = await Promise.all([piped(DOCKER, args), piped(BERTH, args)]);
      expect(b).toEqual(d);
    }, 60_000);
  }
});
