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
