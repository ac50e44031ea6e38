// The path rules of `docker cp` (go-archive's copy.go and docker's cp command, Linux flavour):
// which argument names a container, how trailing "/" and "/." survive cleaning, how a source
// and a destination decide the directory an archive is extracted into and how its entries
// are renamed on the way. Pure functions: the command and the archive code share them.
import { clean, dir, join } from '../../build/gopath.js';

/** a copy endpoint as go-archive's CopyInfo */
export interface CopyInfo {
  path: string;
  exists: boolean;
  isDir: boolean;
  /** the name the resource's first path element takes in the archive ("" for none) */
  rebaseName: string;
}

/**
 * splitCpArg: `CONTAINER:PATH`, or a local path. A local path with a ":" must be made
 * explicit (absolute, or starting with "."); the container part may be empty (then local).
 */
export function splitCpArg(arg: string): { container: string; path: string } {
  if (arg.startsWith('/')) return { container: '', path: arg };
  const i = arg.indexOf(':');
  if (i < 0) return { container: '', path: arg };
  const container = arg.slice(0, i);
  if (container.startsWith('.')) return { container: '', path: arg };
  return { container, path: arg.slice(i + 1) };
}

/** filepath.Base */
export function base(p: string): string {
  if (p === '') return '.';
  let s = p;
  while (s.length > 0 && s.endsWith('/')) s = s.slice(0, -1);
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

export function hasTrailingPathSeparator(p: string): boolean {
  return p.length > 0 && p.endsWith('/');
}

/** the last path element is "." */
export function specifiesCurrentDir(p: string): boolean {
  return base(p) === '.';
}

/** the path claims to be a directory: a trailing "/" or "/." */
export function assertsDirectory(p: string): boolean {
  return hasTrailingPathSeparator(p) || specifiesCurrentDir(p);
}

/** a cleaned path given back the trailing "/." or "/" its original had */
export function preserveTrailingDotOrSeparator(cleaned: string, original: string): string {
  let out = cleaned;
  if (!specifiesCurrentDir(out) && specifiesCurrentDir(original)) {
    if (!hasTrailingPathSeparator(out)) out += '/';
    out += '.';
  }
  if (!hasTrailingPathSeparator(out) && hasTrailingPathSeparator(original)) out += '/';
  return out;
}

/** directory and last element, cleaned, keeping a final "." */
export function splitPathDirEntry(p: string): { dir: string; base: string } {
  let cleaned = clean(p);
  if (specifiesCurrentDir(p)) cleaned += '/.';
  return { dir: dir(cleaned), base: base(cleaned) };
}

/** a link's resolved path given the original's trailing "/." or "/", and the name to rebase to */
export function getRebaseName(path: string, resolved: string): { resolved: string; rebaseName: string } {
  let r = resolved;
  if (specifiesCurrentDir(path) && !specifiesCurrentDir(r)) r += '/.';
  if (hasTrailingPathSeparator(path) && !hasTrailingPathSeparator(r)) r += '/';
  return { resolved: r, rebaseName: base(path) !== base(r) ? base(path) : '' };
}

/** a symlink's target joined to the link's directory when relative */
export function linkTargetPath(linkPath: string, target: string): string {
  if (target.startsWith('/')) return target;
  return join(splitPathDirEntry(linkPath).dir, target);
}

/** a renaming of archive entries: the first occurrence of `from` becomes `to` (strings.Replace n=1) */
export interface Rebase {
  from: string;
  to: string;
}

/** RebaseArchiveEntries' renaming of one name ("/" as the old base means the root: "") */
export function rebaseName(name: string, r: Rebase): string {
  const from = r.from === '/' ? '' : r.from;
  const i = name.indexOf(from);
  if (i < 0) return name;
  return name.slice(0, i) + r.to + name.slice(i + from.length);
}

export class CopyError extends Error {}

/** go-archive's errors */
export const ERR_CANNOT_COPY_DIR = 'cannot copy directory';
export const ERR_DIR_NOT_EXISTS = 'no such directory';
export const ERR_NOT_DIRECTORY = 'not a directory';

/**
 * PrepareArchiveCopy's decision: the directory to extract into, and how the entries of the
 * source's archive are renamed (none when the destination is an existing directory).
 */
export function prepareArchiveCopy(src: CopyInfo, dst: CopyInfo): { dstDir: string; rebase?: Rebase } {
  const d = splitPathDirEntry(dst.path);
  let srcBase = splitPathDirEntry(src.path).base;
  if (dst.exists && dst.isDir) return { dstDir: dst.path };
  if (dst.exists && src.isDir) throw new CopyError(ERR_CANNOT_COPY_DIR);
  if (!dst.exists && !src.isDir && assertsDirectory(dst.path)) throw new CopyError(ERR_DIR_NOT_EXISTS);
  if (src.rebaseName !== '') srcBase = src.rebaseName;
  return { dstDir: d.dir, rebase: { from: srcBase, to: d.base } };
}
