// A sweep of every registered command, under every path that reaches it, through the error
// paths that need no engine state: an unknown flag, a missing argument where one is required,
// an extra argument where none is taken. Exit code, stdout and stderr must be docker's.
import { describe, expect, it } from 'vitest';
import { both, skipReason } from './harness.js';
import { allPaths, commands } from '../../src/cli/registry.js';
import type { ArgRule } from '../../src/cli/spec.js';

const reason = skipReason();
if (reason) console.warn(`parity/sweep: skipped: ${reason}`);

function requiresArgs(r: ArgRule): boolean {
  return (r.kind === 'exact' || r.kind === 'min') ? r.n > 0 : r.kind === 'range' ? r.min > 0 : false;
}

describe.skipIf(reason !== '')('error paths of every command match docker', () => {
  for (const entry of commands) {
    for (const path of allPaths(entry)) {
      const name = path.join(' ');
      it(`berth ${name} --nope`, async () => {
        const { docker: d, berth: b } = await both([...path, '--nope']);
        expect(b).toEqual(d);
      });
      it(`berth ${name} -Z (unknown shorthand)`, async () => {
        const { docker: d, berth: b } = await both([...path, '-Z']);
        expect(b).toEqual(d);
      });
      it(`berth ${name}: argument count`, async () => {
        const spec = (await entry.load()).spec;
        if (requiresArgs(spec.args)) {
          const { docker: d, berth: b } = await both(path);
          expect(b).toEqual(d);
        } else if (spec.args.kind === 'none') {
          const { docker: d, berth: b } = await both([...path, 'berth-sweep-extra']);
          expect(b).toEqual(d);
        }
      });
    }
  }
});
