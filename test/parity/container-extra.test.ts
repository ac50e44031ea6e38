// diff, export and container prune against docker on the same engine state.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, berth, docker, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/container-extra: skipped: ${reason}`);

/** the engine lists a container's changes in no fixed order */
const sortedLines = (r: Result): Result => ({ ...r, stdout: r.stdout.split('\n').filter(Boolean).sort().join('\n') });
const ids = (s: string): string => s.replace(/\b[0-9a-f]{64}\b/g, '<id>');

describe.skipIf(reason !== '')('diff, export and container prune match docker', () => {
  const tag = uniqueName('cx');
  const changed = `${tag}-changed`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-cx-'));

  beforeAll(async () => {
    await docker(['run', '--name', changed, 'busybox', 'sh', '-c', 'echo hi > /tmp/f; rm /etc/group; mkdir -p /new/deep; ln -s /tmp/f /new/link']);
  }, 30_000);

  afterAll(async () => {
    await docker(['rm', '-f', changed]);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const args of [['diff', changed], ['container', 'diff', changed], ['diff', 'nosuch-berth'], ['diff', ''], ['diff'], ['diff', 'a', 'b'], ['export'], ['export', 'nosuch-berth'], ['export', '-o', '/nonexistent/dir/x.tar', changed], ['container', 'prune', '--filter', 'nope'], ['container', 'prune', '-f', '--filter', 'until=soon'], ['container', 'prune', 'extra']]) {
    it(args.join(' '), async () => {
      const { docker: d, berth: b } = await both(args);
      expect(sortedLines(b)).toEqual(sortedLines(d));
    });
  }

  it('export to stdout and with -o give docker\'s bytes', async () => {
    const { docker: d, berth: b } = await both(['export', changed]);
    expect(b.code).toBe(0);
    expect(b.stdout.length).toBe(d.stdout.length);
    expect(b.stdout === d.stdout).toBe(true);
    const [fd, fb] = [path.join(dir, 'd.tar'), path.join(dir, 'b.tar')];
    expect((await docker(['export', '-o', fd, changed])).code).toBe(0);
    expect((await berth(['export', '-o', fb, changed])).code).toBe(0);
    expect(readFileSync(fb).equals(readFileSync(fd))).toBe(true);
  });

  it('export -o of a missing container leaves no file', async () => {
    const fb = path.join(dir, 'missing.tar');
    const r = await berth(['export', '-o', fb, 'nosuch-berth']);
    expect(r.code).toBe(1);
    expect(existsSync(fb)).toBe(false);
  });

  it('prune asks, and a no cancels', async () => {
    const { docker: d, berth: b } = await both(['container', 'prune', '--filter', `label=berth.cx=${tag}`], { input: 'n\n' });
    expect(b).toEqual(d);
  });

  it('prune removes the stopped containers its filter selects', async () => {
    const label = `berth.cx=${tag}-p`;
    const make = async (): Promise<void> => {
      await docker(['create', '--label', label, 'busybox', 'true']);
      await docker(['run', '--label', label, 'busybox', 'true']);
      await docker(['run', '-d', '--name', `${tag}-keep`, '--label', label, 'busybox', 'sleep', '60']);
    };
    await make();
    const d = await docker(['container', 'prune', '--filter', `label=${label}`], { input: 'y\n' });
    await docker(['rm', '-f', `${tag}-keep`]);
    await make();
    const b = await berth(['container', 'prune', '--filter', `label=${label}`], { input: 'y\n' });
    await docker(['rm', '-f', `${tag}-keep`]);
    expect(d.stdout).toMatch(/Deleted Containers:\n[0-9a-f]{64}\n[0-9a-f]{64}\n\nTotal reclaimed space: /);
    expect({ code: b.code, stdout: ids(b.stdout).split('\n').sort(), stderr: b.stderr }).toEqual({ code: d.code, stdout: ids(d.stdout).split('\n').sort(), stderr: d.stderr });
  }, 60_000);
});
