// docker cp's path rules (go-archive copy.go, docker's splitCpArg): table-driven.
import { describe, expect, it } from 'vitest';
import {
  assertsDirectory,
  CopyError,
  getRebaseName,
  linkTargetPath,
  prepareArchiveCopy,
  preserveTrailingDotOrSeparator,
  rebaseName,
  splitCpArg,
  splitPathDirEntry,
  type CopyInfo,
} from '../../../src/cli/cp/paths.js';

const info = (path: string, exists: boolean, isDir: boolean, rebase = ''): CopyInfo => ({ path, exists, isDir, rebaseName: rebase });

describe('splitCpArg', () => {
  it.each([
    ['c:/x', 'c', '/x'],
    ['c:x', 'c', 'x'],
    ['c:', 'c', ''],
    [':/x', '', '/x'],
    ['/abs:x', '', '/abs:x'],
    ['./f:name', '', './f:name'],
    ['.c:x', '', '.c:x'],
    ['plain', '', 'plain'],
    ['-', '', '-'],
    ['host/c:/p:q', 'host/c', '/p:q'],
  ])('%s', (arg, container, path) => {
    expect(splitCpArg(arg)).toEqual({ container, path });
  });
});

describe('trailing "/" and "/."', () => {
  it.each([
    ['/a/b', 'a/b', '/a/b'],
    ['/a/b', 'a/b/', '/a/b/'],
    ['/a/b', 'a/b/.', '/a/b/.'],
    ['/', '/.', '/.'],
    ['/a/b', 'a/b/./', '/a/b/./'],
  ])('preserve(%s, %s)', (cleaned, original, want) => {
    expect(preserveTrailingDotOrSeparator(cleaned, original)).toBe(want);
  });
  it.each([
    ['/a/b', { dir: '/a', base: 'b' }],
    ['/a/b/', { dir: '/a', base: 'b' }],
    ['/a/b/.', { dir: '/a/b', base: '.' }],
    ['b', { dir: '.', base: 'b' }],
    ['/', { dir: '/', base: '/' }],
  ])('splitPathDirEntry(%s)', (p, want) => {
    expect(splitPathDirEntry(p)).toEqual(want);
  });
  it('assertsDirectory', () => {
    expect(assertsDirectory('/a/')).toBe(true);
    expect(assertsDirectory('/a/.')).toBe(true);
    expect(assertsDirectory('/a')).toBe(false);
  });
});

describe('links', () => {
  it('relative targets join the link directory', () => {
    expect(linkTargetPath('/data/fl', 'dir/f')).toBe('/data/dir/f');
    expect(linkTargetPath('/data/fl', '/etc/x')).toBe('/etc/x');
  });
  it('getRebaseName keeps the trailing forms and names the rebase', () => {
    expect(getRebaseName('/data/dl/', '/data/dir')).toEqual({ resolved: '/data/dir/', rebaseName: 'dl' });
    expect(getRebaseName('/data/dl/.', '/data/dir')).toEqual({ resolved: '/data/dir/.', rebaseName: '' });
    expect(getRebaseName('/data/fl', '/data/dir/f')).toEqual({ resolved: '/data/dir/f', rebaseName: 'fl' });
    expect(getRebaseName('/data/f', '/data/f')).toEqual({ resolved: '/data/f', rebaseName: '' });
  });
});

describe('prepareArchiveCopy', () => {
  it('an existing directory takes the archive as it is', () => {
    expect(prepareArchiveCopy(info('/s/d', true, true), info('/t', true, true))).toEqual({ dstDir: '/t' });
  });
  it('a directory cannot replace a file', () => {
    expect(() => prepareArchiveCopy(info('/s/d', true, true), info('/t/f', true, false))).toThrow(new CopyError('cannot copy directory'));
  });
  it('a file replaces a file under its name', () => {
    expect(prepareArchiveCopy(info('/s/a', true, false), info('/t/f', true, false))).toEqual({ dstDir: '/t', rebase: { from: 'a', to: 'f' } });
  });
  it('a directory to a new name', () => {
    expect(prepareArchiveCopy(info('/s/d/.', true, true), info('/t/new', false, false))).toEqual({ dstDir: '/t', rebase: { from: '.', to: 'new' } });
  });
  it('a file to a missing directory', () => {
    expect(() => prepareArchiveCopy(info('/s/a', true, false), info('/t/none/', false, false))).toThrow(new CopyError('no such directory'));
  });
  it('a followed link is renamed from its rebase name', () => {
    expect(prepareArchiveCopy(info('/s/real', true, false, 'ln'), info('/t/x', false, false))).toEqual({ dstDir: '/t', rebase: { from: 'ln', to: 'x' } });
  });
});

describe('rebaseName', () => {
  it('replaces the first occurrence only', () => {
    expect(rebaseName('d/sub/d', { from: 'd', to: 'x' })).toBe('x/sub/d');
    expect(rebaseName('./a.txt', { from: '.', to: 'new' })).toBe('new/a.txt');
    expect(rebaseName('etc/x', { from: '/', to: 'root' })).toBe('rootetc/x');
  });
});
