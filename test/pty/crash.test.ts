// berth crashing while the terminal is raw (an uncaught exception, an unhandled rejection, a
// process.exit from anywhere): the terminal must come back as it was. (What no program can
// catch — SIGKILL, a native abort — is out of reach.) The raw-mode
// code is bundled into a small program that fails on the first key typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../parity/harness.js';
import { TmuxSession, hasTmux } from './tmux.js';

const reason = hasTmux() ? '' : 'tmux is not installed';
if (reason) console.warn(`pty/crash: skipped: ${reason}`);

describe.skipIf(reason !== '')('a crash leaves the terminal as it was', () => {
  let dir: string;
  let program: string;
  let s: TmuxSession;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-crash-'));
    program = join(dir, 'crash.mjs');
    await build({ entryPoints: [join(ROOT, 'test/pty/fixtures/crash.ts')], bundle: true, platform: 'node', format: 'esm', outfile: program, logLevel: 'silent' });
    s = await new TmuxSession({ cwd: ROOT }).ready();
  });

  afterAll(() => {
    s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, number][] = [
    ['throw', 1],
    ['reject', 1],
    ['exit', 3],
  ];
  for (const [mode, code] of cases) {
    it(`${mode}: exit ${code}, terminal restored`, async () => {
      s.line(`clear; sh -c 'stty -g > ${s.path(`b-${mode}`)}; ${process.execPath} ${program} ${mode} 2>/dev/null; echo "rc-${mode}=$?"; stty -g > ${s.path(`a-${mode}`)}'`);
      await s.waitRaw();
      s.type('x');
      expect(await s.exitCode(mode)).toBe(code);
      const deadline = Date.now() + 5000;
      while (s.file(`a-${mode}`) === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(s.file(`a-${mode}`)).toBe(s.file(`b-${mode}`));
    });
  }
});
