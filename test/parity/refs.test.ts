// Odd object references against docker: empty and blank names (docker's client trims them
// and refuses an empty one before any request), names that a URL path cleans away ('..',
// '.', 'a/b', '../x'), and characters a path must escape ('#', '?', '%', ' ').
import { describe, expect, it } from 'vitest';
import { both, skipReason } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/refs: skipped: ${reason}`);

const REFS = ['', ' ', ' nosuch-ref ', '..', '.', '../x', 'a/b', 'a#b', 'a?b', '%2e%2e', 'a b', 'ü'];

const COMMANDS: ((ref: string) => string[])[] = [
  (r) => ['start', r],
  (r) => ['stop', '-t', '0', r],
  (r) => ['restart', '-t', '0', r],
  (r) => ['kill', r],
  (r) => ['pause', r],
  (r) => ['unpause', r],
  (r) => ['rm', r],
  (r) => ['wait', r],
  (r) => ['logs', r],
  (r) => ['top', r],
  (r) => ['port', r],
  (r) => ['rename', r, 'berth-refs-new'],
  (r) => ['exec', r, 'true'],
  (r) => ['attach', r],
  (r) => ['inspect', r],
  (r) => ['container', 'inspect', r],
  (r) => ['inspect', '--type', 'image', r],
  (r) => ['inspect', '--type', 'network', r],
  (r) => ['inspect', '--type', 'volume', r],
  (r) => ['image', 'inspect', r],
  (r) => ['stats', '--no-stream', r],
];

describe.skipIf(reason !== '')('odd references match docker', () => {
  for (const cmd of COMMANDS) {
    const name = cmd('REF').join(' ');
    it(name, async () => {
      for (const ref of REFS) {
        const { docker: d, berth: b } = await both(cmd(ref));
        expect({ ref, ...b }).toEqual({ ref, ...d });
      }
    });
  }
});
