// Go's path/filepath helpers as docker's build context code relies on them (Linux flavour):
// Clean, Dir, Rel, Abs (with os.Getwd's $PWD preference), EvalSymlinks with its error texts,
// Match (only its error detection is needed: patterns are validated with Match(p, ".")),
// strings.TrimSpace, and the messages of Go's syscall errors.
import { lstatSync, readlinkSync, statSync } from 'node:fs';

export { goCleanPath as clean } from '../cli/opts/goparse.js';
import { goCleanPath as clean } from '../cli/opts/goparse.js';

/** unicode.IsSpace: what strings.TrimSpace removes */
function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** strings.TrimSpace */
export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** filepath.Dir */
export function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(p.slice(0, i + 1));
}

/** filepath.Join */
export function join(...parts: string[]): string {
  const nonEmpty = parts.filter((x) => x !== '');
  return nonEmpty.length === 0 ? '' : clean(nonEmpty.join('/'));
}

/** filepath.IsAbs */
export function isAbs(p: string): boolean {
  return p.startsWith('/');
}

/** os.Getwd: $PWD when it names the working directory, as Go's does */
export function getwd(env: NodeJS.ProcessEnv = process.env): string {
  const pwd = env.PWD;
  const real = process.cwd();
  if (pwd && pwd.startsWith('/')) {
    try {
      const a = statSync(pwd);
      const b = statSync('.');
      if (a.ino === b.ino && a.dev === b.dev) return pwd;
    } catch {
      // fall through
    }
  }
  return real;
}

/** filepath.Abs */
export function abs(p: string, env?: NodeJS.ProcessEnv): string {
  if (isAbs(p)) return clean(p);
  return join(getwd(env), p);
}

/** filepath.Rel (both paths absolute here) */
export function rel(basepath: string, targpath: string): string {
  const base = clean(basepath);
  const targ = clean(targpath);
  if (targ === base) return '.';
  const b = base === '/' ? [] : base.slice(1).split('/');
  const t = targ === '/' ? [] : targ.slice(1).split('/');
  let i = 0;
  while (i < b.length && i < t.length && b[i] === t[i]) i++;
  const up = b.slice(i).map(() => '..');
  return [...up, ...t.slice(i)].join('/') || '.';
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EBUSY: 'device or resource busy',
  EINVAL: 'invalid argument',
  EEXIST: 'file exists',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
};

/** Go's text for a syscall error (syscall.Errno.Error) */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return ERRNO_TEXT[code] ?? (e as Error).message;
}

/** a *fs.PathError's text: `lstat /x: no such file or directory` */
export function pathError(op: string, p: string, e: unknown): Error {
  const err = new Error(`${op} ${p}: ${errnoText(e)}`);
  (err as NodeJS.ErrnoException).code = (e as NodeJS.ErrnoException).code;
  return err;
}

/** filepath.EvalSymlinks, with Go's errors (`lstat /a/b: no such file or directory`) */
export function evalSymlinks(path: string): string {
  let volLen = 0;
  if (volLen < path.length && path[volLen] === '/') volLen++;
  let vol = path.slice(0, volLen);
  let dest = vol;
  let linksWalked = 0;
  let end = volLen;
  for (let start = volLen; start < path.length; start = end) {
    while (start < path.length && path[start] === '/') start++;
    end = start;
    while (end < path.length && path[end] !== '/') end++;
    if (end === start) break;
    const part = path.slice(start, end);
    if (part === '.') continue;
    if (part === '..') {
      let r = dest.length - 1;
      while (r >= volLen && dest[r] !== '/') r--;
      if (r < volLen || dest.slice(r + 1) === '..') {
        if (dest.length > volLen) dest += '/';
        dest += '..';
      } else {
        dest = dest.slice(0, r);
      }
      continue;
    }
    if (dest.length > 0 && dest[dest.length - 1] !== '/') dest += '/';
    dest += part;
    let st;
    try {
      st = lstatSync(dest);
    } catch (e) {
      throw pathError('lstat', dest, e);
    }
    if (!st.isSymbolicLink()) {
      if (!st.isDirectory() && end < path.length) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      continue;
    }
    linksWalked++;
    if (linksWalked > 255) throw new Error('EvalSymlinks: too many links');
    let link: string;
    try {
      link = readlinkSync(dest);
    } catch (e) {
      throw pathError('readlink', dest, e);
    }
    path = link + path.slice(end);
    if (link.length > 0 && link[0] === '/') {
      dest = link.slice(0, 1);
      end = 1;
      vol = link.slice(0, 1);
      volLen = 1;
    } else {
      let r = dest.length - 1;
      while (r >= volLen && dest[r] !== '/') r--;
      dest = r < volLen ? vol : dest.slice(0, r);
      end = 0;
    }
  }
  return clean(dest);
}

// ------------------------------------------------------------------------------------
// filepath.Match, for its error: ErrBadPattern

export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

function scanChunk(pattern: string): [boolean, string, string] {
  let star = false;
  while (pattern.length > 0 && pattern[0] === '*') {
    pattern = pattern.slice(1);
    star = true;
  }
  let inrange = false;
  let i = 0;
  scan: for (i = 0; i < pattern.length; i++) {
    switch (pattern[i]) {
      case '\\':
        if (i + 1 < pattern.length) i++;
        break;
      case '[':
        inrange = true;
        break;
      case ']':
        inrange = false;
        break;
      case '*':
        if (!inrange) break scan;
        break;
    }
  }
  return [star, pattern.slice(0, i), pattern.slice(i)];
}

function cpLen(s: string): number {
  const c = s.codePointAt(0)!;
  return c > 0xffff ? 2 : 1;
}

function getEsc(chunk: string): [number, string] {
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') throw new BadPatternError();
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (chunk.length === 0) throw new BadPatternError();
  }
  const r = chunk.codePointAt(0)!;
  const n = cpLen(chunk);
  const nchunk = chunk.slice(n);
  if (nchunk.length === 0) throw new BadPatternError();
  return [r, nchunk];
}

function matchChunk(chunk: string, s: string): [string, boolean] {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case '[': {
        let r = -1;
        if (!failed) {
          r = s.codePointAt(0)!;
          s = s.slice(cpLen(s));
        }
        chunk = chunk.slice(1);
        let negated = false;
        if (chunk.length > 0 && chunk[0] === '^') {
          negated = true;
          chunk = chunk.slice(1);
        }
        let match = false;
        let nrange = 0;
        for (;;) {
          if (chunk.length > 0 && chunk[0] === ']' && nrange > 0) {
            chunk = chunk.slice(1);
            break;
          }
          let lo: number;
          let hi: number;
          [lo, chunk] = getEsc(chunk);
          hi = lo;
          if (chunk[0] === '-') [hi, chunk] = getEsc(chunk.slice(1));
          if (lo <= r && r <= hi) match = true;
          nrange++;
        }
        if (match === negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] === '/') failed = true;
          s = s.slice(cpLen(s));
        }
        chunk = chunk.slice(1);
        break;
      default:
        if (chunk[0] === '\\') {
          chunk = chunk.slice(1);
          if (chunk.length === 0) throw new BadPatternError();
        }
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
    }
  }
  if (failed) return ['', false];
  return [s, true];
}

/** filepath.Match; throws BadPatternError as Go returns ErrBadPattern */
export function match(pattern: string, name: string): boolean {
  outer: while (pattern.length > 0) {
    let star: boolean;
    let chunk: string;
    [star, chunk, pattern] = scanChunk(pattern);
    if (star && chunk === '') return !name.includes('/');
    let t: string;
    let ok: boolean;
    let err: unknown;
    try {
      [t, ok] = matchChunk(chunk, name);
    } catch (e) {
      [t, ok, err] = ['', false, e];
    }
    if (ok && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (err) throw err;
    if (star) {
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const [t2, ok2] = matchChunk(chunk, name.slice(i + 1));
        if (ok2) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    while (pattern.length > 0) {
      [, chunk, pattern] = scanChunk(pattern);
      matchChunk(chunk, '');
    }
    return false;
  }
  return name.length === 0;
}
