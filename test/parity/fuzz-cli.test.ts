// Fuzzing at the command line (issue 15): generated argument lists for a spread of commands,
// run by docker and by berth with no engine answering (so nothing can change state, and every
// check docker makes before its first request is reached), comparing exit code, stdout and
// stderr. Also: berth never prints a JavaScript stack trace. CI runs a fixed seed (a red CI
// must be replayable); BERTH_FUZZ_SEED=N BERTH_FUZZ_RUNS=M explore further.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { both, skipReason } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/fuzz-cli: skipped: ${reason}`);

const COMMANDS = [
  ['run'], ['create'], ['ps'], ['images'], ['logs'], ['exec'], ['stop'], ['restart'], ['rm'], ['inspect'], ['events'],
  ['pull'], ['tag'], ['cp'], ['update'], ['stats'], ['image', 'prune'], ['system', 'df'], ['network', 'create'],
  ['volume', 'create'], ['service', 'create'], ['service', 'update'], ['build'], ['container', 'prune'], ['kill'],
];
const WORDS = [
  '-a', '-q', '--format', '{{.ID}}', '{{json .}}', '--filter', 'name=x', 'label=a', 'until=10m', '-f', '-t', '5', '-1', 'x',
  'busybox', 'Busybox', 'a:B/c', '--name', '--rm', '-p', '80:80', '80:80/bogus', '-e', 'A=1', '--memory', '1g', '-m', '--cpus',
  '1.5', '--since', '10m', '2024-13-01', '--until', '0', '--tail', 'all', '--no-trunc', '--', '-', '--help', '--bogus', '-Z',
  '--mount', 'type=bind', 'type=volume,src=a,dst=/b', '--replicas', '2', '--mode', 'global', '-d', '--driver', 'overlay',
  '--subnet', '10.0.0.0/24', '--label', 'k=v', '-v', '/a:/b', '--restart', 'always', 'on-failure:x', '--network', 'host',
  '--env-file', '/nonexistent/env', '--platform', 'linux/amd64', 'bogus/os', '--time', '--timeout', '=', '', 'a:b', '/',
  '--signal', 'SIGBOGUS', '--ulimit', 'nofile=1:2', '--log-opt', 'max-size=1m', '--health-cmd', 'true', '--publish',
];

const seed = Number(process.env.BERTH_FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.BERTH_FUZZ_RUNS ?? 200);

describe.skipIf(reason !== '')('fuzzed command lines match docker with no engine answering', () => {
  it(`${RUNS} generated command lines (seed ${seed})`, async () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-fuzz-'));
    const env = { DOCKER_HOST: 'unix:///nonexistent/berth-fuzz.sock', HOME: home, DOCKER_CONFIG: join(home, '.docker') };
    const cases = fc.sample(fc.tuple(fc.constantFrom(...COMMANDS), fc.array(fc.constantFrom(...WORDS), { maxLength: 7 })), { seed, numRuns: RUNS });
    const failures: unknown[] = [];
    // a few at a time: each case is two short-lived processes
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async ([cmd, words]) => {
          const args = [...cmd, ...words];
          const { docker: d, berth: b } = await both(args, { env, input: '' });
          if (/\n\s+at .+:\d+:\d+\)?\n|node:internal/.test(b.stderr)) failures.push({ args, stackTrace: b.stderr });
          else if (d.code !== b.code || d.stdout !== b.stdout || d.stderr !== b.stderr) failures.push({ args, docker: d, berth: b });
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
