// save -o's file handling: atomicwriter's destination checks with their texts, and a file
// that appears only complete.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFile, goBase, validateDestination } from '../../../src/cli/images.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('filepath.Base', () => {
  it('as Go has it', () => {
    expect([goBase('x.tar'), goBase('/tmp/x.tar'), goBase('a/b/'), goBase('/'), goBase('')]).toEqual(['x.tar', 'x.tar', 'b', '/', '.']);
  });
});

describe('validateDestination', () => {
  it('refuses what docker refuses', () => {
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'f'), '');
    symlinkSync(join(dir, 'f'), join(dir, 'l'));
    const err = (p: string): string => {
      try {
        validateDestination(p);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(err('')).toBe('file name is empty');
    expect(err(join(dir, 'nodir', 'x'))).toBe(`invalid output path: stat ${join(dir, 'nodir')}: no such file or directory`);
    expect(err(join(dir, 'f', 'x'))).toBe(`invalid output path: stat ${join(dir, 'f')}: not a directory`);
    expect(err(join(dir, 'd'))).toBe('cannot write to a directory');
    expect(err(join(dir, 'l'))).toBe('cannot write to a symbolic link directly');
    expect(err('/dev/null')).toBe('cannot write to a character device file');
    expect(err(join(dir, 'f'))).toBe('');
    expect(err(join(dir, 'new'))).toBe('');
  });
});

describe('AtomicFile', () => {
  it('the name appears only on commit, mode 0600; abort leaves nothing', async () => {
    const sub = join(dir, 'w');
    mkdirSync(sub);
    const target = join(sub, 'out.tar');
    const f = new AtomicFile(target);
    expect(readdirSync(sub)).toEqual([`.tmp-out.tar${f.tmp.slice(f.tmp.lastIndexOf('out.tar') + 7)}`]);
    await f.writeAll(Readable.from([Buffer.from('hello '), 'world']));
    expect(readdirSync(sub)).not.toContain('out.tar');
    f.commit();
    expect(readFileSync(target, 'utf8')).toBe('hello world');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(sub)).toEqual(['out.tar']);

    const g = new AtomicFile(target);
    await g.writeAll(Readable.from([Buffer.from('partial')]));
    g.abort();
    expect(readdirSync(sub)).toEqual(['out.tar']);
    expect(readFileSync(target, 'utf8')).toBe('hello world');
  });
});
