// A config.json docker cannot read entirely: docker warns and carries on with what it could
// read (nothing, for a file that does not parse). berth must print the same and go on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, skipReason } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/config: skipped: ${reason}`);

describe.skipIf(reason !== '')('config.json as docker reads it', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const cases: [string, string][] = [
    ['a format of the wrong type', '{"psFormat": 3}'],
    ['a file cut short', '{"psFormat": "{{.Names}}", '],
    ['not JSON at all', 'hello'],
    ['auths of the wrong type', '{"auths": 3, "psFormat": "table {{.ID}}"}'],
    ['a good psFormat beside a bad field', '{"psFormat": "table {{.ID}}", "detachKeys": 5}'],
    ['an empty file', ''],
    ['null', 'null'],
  ];
  for (const [name, text] of cases) {
    it(name, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-cfg-'));
      dirs.push(dir);
      writeFileSync(path.join(dir, 'config.json'), text);
      const { docker: d, berth: b } = await both(['ps', '--filter', 'label=berth.config.none=1'], { env: { DOCKER_CONFIG: dir } });
      expect(b).toEqual({ ...d, stderr: d.stderr.replaceAll(dir, dir) });
    });
  }
});

describe.skipIf(reason !== '')('a config.json docker cannot read, whatever the command', () => {
  // docker loads config.json before anything runs: help, --version's absence of it, a flag
  // error, completion, a group without a verb each print its warning first (once)
  const root = reason ? '' : mkdtempSync(path.join(os.tmpdir(), 'berth-cfgw-'));
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  const dirs = (): Record<string, string> => {
    const bad = path.join(root, 'bad');
    const file = path.join(root, 'file');
    const isDir = path.join(root, 'isdir');
    mkdirSync(bad, { recursive: true });
    writeFileSync(path.join(bad, 'config.json'), '{');
    writeFileSync(file, 'not a directory');
    mkdirSync(path.join(isDir, 'config.json'), { recursive: true });
    return { bad, file, isDir };
  };
  const commands: string[][] = [
    ['system', '--help'], ['help', 'ps'], ['ps', '--help'], ['network'], ['bogus'], ['--bogus'], ['ps', '--bogus'],
    ['__complete', 'ps', ''], ['ps', '-q', '--filter', 'label=berth.config.none=1'], ['context', 'ls', '-q'],
  ];
  it('each command on each unreadable config', async () => {
    const all = dirs();
    for (const [kind, dir] of Object.entries(all)) {
      for (const args of commands) {
        const { docker: d, berth: b } = await both(args, { env: { DOCKER_CONFIG: dir } });
        expect({ kind, args, ...b }).toEqual({ kind, args, ...d });
      }
      // --config given on the command line, after another global flag with a value
      const { docker: d, berth: b } = await both(['-l', 'info', '--config', dir, 'ps', '-q', '--filter', 'label=berth.config.none=1']);
      expect({ kind, ...b }).toEqual({ kind, ...d });
    }
  }, 120_000);
});
