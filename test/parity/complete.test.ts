// Shell completion: `__complete` speaks cobra's protocol as docker does (candidates with
// descriptions, the directive line, its name on stderr).
import { describe, expect, it } from 'vitest';
import { both, HOST, skipReason } from './harness.js';
import { allPaths, commands } from '../../src/cli/registry.js';

const reason = skipReason();
if (reason) console.warn(`parity/complete: skipped: ${reason}`);

describe.skipIf(reason !== '')('completion matches docker', () => {
  // a case per command path: ~300 runs of each CLI would not fit one test's time on a busy machine
  for (const entry of commands) {
    for (const path of allPaths(entry)) {
      it(`flags of ${path.join(' ')}, long and short`, async () => {
        for (const word of ['--', '-']) {
          const { docker: d, berth: b } = await both(['__complete', ...path, word]);
          expect({ path, word, ...b }).toEqual({ path, word, ...d });
        }
      });
    }
  }
  // global flags before the command: their values skipped (or completed), -H used for lists
  const globalCases: string[][] = [
    ['--context', 'default', 'ps', '--'],
    ['-H', HOST, 'ps', '--f'],
    [`--host=${HOST}`, 'images', '--q'],
    ['--log-level', 'debug', 'image', ''],
    ['-D', 'ps', '--no'],
    ['--config', '/nonexistent', 'ps', '--fo'],
    ['--tlsverify=false', 'ps', '--l'],
    ['-c', 'default', 'ps', '--la'],
    ['--log-level', ''],
    ['--log-level=d'],
    ['-l=i'],
    ['-Dl=x'],
    ['-ld'],
    ['--context=d'],
    ['-c', ''],
    ['-H', ''],
    ['--tlscacert', ''],
    ['--config', '/nonexistent', 'context', 'use', ''],
    ['-H', 'unix:///nonexistent/docker.sock', 'start', ''],
    ['--', 'ps', ''],
    ['-', ''],
  ];
  for (const words of globalCases) {
    it(`after global flags: __complete ${words.map((w) => (w === '' ? "''" : w)).join(' ')}`, async () => {
      const { docker: d, berth: b } = await both(['__complete', ...words]);
      expect(b).toEqual(d);
    });
  }

  it('command names: each candidate berth offers is docker\'s', async () => {
    for (const words of [['c'], ['r'], ['container', ''], ['container', 'st'], ['system', 'i']]) {
      const { docker: d, berth: b } = await both(['__complete', ...words]);
      const lines = b.stdout.split('\n').filter((l) => l !== '' && !l.startsWith(':'));
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(d.stdout.split('\n')).toContain(l);
      expect(b.stdout.split('\n').slice(-2)).toEqual(d.stdout.split('\n').slice(-2));
      expect(b.stderr).toBe(d.stderr);
    }
  });
});

describe.skipIf(reason !== '')('completion of flag values, and words cobra cannot parse', () => {
  // a value flag with no completion function: the shell's default; NoComplete where docker
  // registers it; docker's lists and its network, image and environment names; a flag cobra
  // does not know (or a bad value) among the typed words: its parse error and the default
  const cases: string[][] = [
    ['ps', '--format', ''], ['ps', '-an', ''], ['ps', '-an', '3', ''], ['ps', '--format=', ''],
    ['logs', '--since', ''], ['network', 'create', '--driver', ''], ['image', 'ls', '--format='],
    ['context', 'create', '--docker', ''], ['volume', 'rm', '-f', ''],
    ['container', 'ls', '--bogus', ''], ['container', 'ls', '-a', '--bogus=3', 'x', ''], ['ps', '-qZ', ''],
    ['ps', '-qZn', ''], ['ps', '-n', 'abc', ''], ['ps', '--help', ''], ['ps', '--', '--bogus', ''],
    ['run', '--bogus', 'busybox', ''], ['ps', '--log-level', 'debug', ''], ['container', 'ls', '--bogus'],
    ['inspect', '--type', ''], ['inspect', '--type=', ''], ['inspect', '-f', ''], ['inspect', '-s', ''],
    ['service', 'create', '--mode', ''], ['service', 'create', '--network', ''], ['service', 'create', '-e', ''],
    ['service', 'create', '--env-file', ''], ['service', 'create', '--restart-condition', ''],
    ['service', 'create', '--update-failure-action', ''], ['service', 'create', '--rollback-order', ''],
    ['service', 'create', '--name', ''], ['service', 'create', 'busybox', '--bogus', ''],
    ['service', 'update', '--image', ''], ['service', 'update', '--network-add', ''], ['service', 'update', '--env-add', ''],
    ['service', 'update', '--mode', ''], ['service', 'update', '--rollback-failure-action', ''], ['service', 'update', '--env-rm', ''],
    ['service', 'logs', '-fn', ''], ['service', 'logs', '-nf', ''], ['node', 'ps', '-qf', ''],
    ['swarm', 'join-token', ''], ['swarm', 'join', ''], ['swarm', 'init', ''], ['swarm', 'init', '--availability', ''],
    ['swarm', 'ca', '--ca-cert', ''], ['swarm', 'join', '--token', ''], ['swarm', 'update', '--autolock', ''],
    ['secret', 'create', '-l', ''], ['config', 'create', '--template-driver', ''], ['node', 'update', '--role', ''],
  ];
  // the engine lists networks in no fixed order (a Go map's): those candidates compared as sets
  const sorted = (r: { stdout: string }, words: string[]): string =>
    /network/.test(words[words.length - 2] ?? '') ? r.stdout.split('\n').sort().join('\n') : r.stdout;
  it('each case as docker answers it', async () => {
    for (const words of cases) {
      const { docker: d, berth: b } = await both(['__complete', ...words]);
      expect({ words, ...b, stdout: sorted(b, words) }).toEqual({ words, ...d, stdout: sorted(d, words) });
    }
  }, 120_000);
});
