// Every command's help, under every path that reaches it, against docker's: with the engine
// (docker hides flags the engine cannot use) and without one (nothing hidden).
import { describe, expect, it } from 'vitest';
import { both, skipReason } from './harness.js';
import { allPaths, commands, groups } from '../../src/cli/registry.js';

const reason = skipReason();
if (reason) console.warn(`parity/help: skipped: ${reason}`);

describe.skipIf(reason !== '')('help matches docker', () => {
  for (const entry of commands) {
    for (const path of allPaths(entry)) {
      it(`berth ${path.join(' ')} --help`, async () => {
        const { docker: d, berth: b } = await both([...path, '--help']);
        expect(b).toEqual(d);
      });
    }
  }
  for (const path of [['run'], ['create'], ['start'], ['ps']]) {
    it(`berth ${path.join(' ')} --help without an engine`, async () => {
      const { docker: d, berth: b } = await both([...path, '--help'], { env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
      expect(b).toEqual(d);
    });
  }
  it('berth ps -h (deprecated shorthand)', async () => {
    const { docker: d, berth: b } = await both(['ps', '-h']);
    expect(b).toEqual(d);
  });
  for (const g of groups) {
    it(`berth ${g.name} lists its commands`, async () => {
      const { docker: d, berth: b } = await both([g.name, '--help']);
      // docker's group lists every verb; berth lists the ones it has: each line berth prints is docker's
      const lines = b.stdout.split('\n').filter((l) => /^  \S/.test(l));
      for (const line of lines) expect(d.stdout.split('\n')).toContain(line);
      expect(b.code).toBe(d.code);
    });
  }
  // the root help: the global flags' defaults follow HOME, DOCKER_CONFIG and DOCKER_CERT_PATH
  // as docker's do. The groups berth has not built yet (issues 12, 13: plugin, manifest,
  // trust; checkpoint) are the only lines docker prints that berth may lack.
  const MISSING = /^  (plugin|manifest|trust|checkpoint) /;
  for (const env of [{}, { HOME: '/tmp/berth-help-home' }, { DOCKER_CONFIG: '/tmp/berth-help-cfg' }, { DOCKER_CERT_PATH: '/tmp/berth-help-certs' }, { DOCKER_CONFIG: '/tmp/a', DOCKER_CERT_PATH: '/tmp/b/c' }]) {
    it(`berth --help with ${JSON.stringify(env)}`, async () => {
      const { docker: d, berth: b } = await both(['--help'], { env });
      const dropMissing = (t: string): string => t.split('\n').filter((l) => !MISSING.test(l)).join('\n');
      expect(b).toEqual({ ...d, stdout: dropMissing(d.stdout) });
    });
  }
});
