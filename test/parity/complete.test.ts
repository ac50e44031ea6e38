// Shell completion: `__complete` speaks cobra's protocol as docker does (candidates with
// descriptions, the directive line, its name on stderr).
import { describe, expect, it } from 'vitest';
import { both, skipReason } from './harness.js';
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
