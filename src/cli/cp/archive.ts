// The local side of `docker cp`: the tar of a local resource as go-archive's TarWithOptions
// makes it for one included name (the walk in byte order of names, hard links as links,
// symlinks not followed, the owner's uid/gid, whole-second mtimes), and the extraction of
// a container's tar as its Untar does with NoLchown and NoOverwriteDirNonDir (files owned by
// whoever runs berth, modes and mtimes as archived, directories' mtimes set last). Both
// stream: an entry's data passes in pieces, never the whole archive.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, linkSync, lstatSync, lutimesSync, mkdirSync, openSync, readSync, readdirSync, readlinkSync, rmSync, symlinkSync, utimesSync, writevSync, type BigIntStats } from 'node:fs';
import { errnoText, join, pathError, rel } from '../../build/gopath.js';
import { encodeHeader, headerFromStat, padding, TRAILER, TYPE_DIR, TYPE_LINK, TYPE_REG, type TarHeader } from '../../build/tar.js';
import { rebaseName, type Rebase } from './paths.js';

const PIECE = 1 << 20;

export interface LocalTarOptions {
  /** the directory the included name is relative to */
  srcDir: string;
  /** the one name archived (a file, a directory, or "." for the directory's contents) */
  include: string;
  /** renamings applied to every name, in order (the -L rebase, then PrepareArchiveCopy's) */
  renames: Rebase[];
  /** docker logs what it cannot add and goes on */
  log: (msg: string) => void;
}

/**
 * TarWithOptions(srcDir, {IncludeFiles: [include], IncludeSourceDir: true, RebaseNames}) with
 * PrepareArchiveCopy's renaming folded in: the archive as pieces, read at the consumer's pace.
 */
export function* localTar(o: LocalTarOptions): Generator<Buffer> {
  const seen = new Map<string, string>();
  const rename = (n: string): string => o.renames.reduce((acc, r) => rebaseName(acc, r), n);
  /** one entry, its data read in pieces (synchronous reads: most entries are small); true for a directory */
  function* add(abs: string, relName: string): Generator<Buffer, boolean> {
    let st: BigIntStats;
    let h: TarHeader;
    try {
      st = lstatSync(abs, { bigint: true });
      const target = st.isSymbolicLink() ? readlinkSync(abs) : undefined;
      h = headerFromStat(Buffer.from(relName), st, target === undefined ? undefined : Buffer.from(target), true);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      o.log(`Can't add file ${abs} to tar: ${code ? `lstat ${abs}: ${errnoText(e)}` : (e as Error).message}`);
      return false;
    }
    if (h.typeflag !== TYPE_DIR && st.nlink > 1n) {
      const key = `${st.dev}:${st.ino}`;
      const first = seen.get(key);
      if (first !== undefined) {
        h.typeflag = TYPE_LINK;
        h.linkname = Buffer.from(first);
        h.size = 0;
      } else {
        seen.set(key, relName);
      }
    }
    if (h.typeflag !== TYPE_REG || h.size === 0) {
      yield encodeHeader(h);
      return h.typeflag === TYPE_DIR;
    }
    let fd: number;
    try {
      fd = openSync(abs, 'r');
    } catch (e) {
      o.log(`Can't add file ${abs} to tar: open ${abs}: ${errnoText(e)}`);
      return false;
    }
    try {
      const pad = padding(h.size);
      let left = h.size;
      // the header and a small file's data go as one piece
      let head: Buffer | undefined = encodeHeader(h);
      while (left > 0) {
        const off = head ? head.length : 0;
        const want = Math.min(PIECE, left);
        const buf = Buffer.allocUnsafe(off + Math.min(PIECE, left + pad));
        if (head) head.copy(buf, 0);
        head = undefined;
        let n = 0;
        while (n < want) {
          const got = readSync(fd, buf, off + n, want - n, null);
          if (got === 0) break;
          n += got;
        }
        if (n < want) {
          // the file shrank: zeros keep the archive whole
          buf.fill(0, off + n);
          yield buf;
          const rest = left + pad - (buf.length - off);
          if (rest > 0) yield Buffer.alloc(rest);
          return false;
        }
        left -= n;
        if (left === 0) {
          buf.fill(0, off + n, off + n + pad);
          yield buf.subarray(0, off + n + pad);
        } else {
          yield buf.subarray(0, off + n);
        }
      }
    } finally {
      closeSync(fd);
    }
    return false;
  }

  const nameOf = (relPath: string): string => {
    // with IncludeSourceDir and ".", the names are "." and "./x"
    let n = relPath;
    if (o.include === '.' && n !== '.') n = `./${n}`;
    return rename(n);
  };
  // filepath.WalkDir's order (names sorted, a directory before its contents), without recursion
  const stack = [join(o.srcDir, o.include)];
  while (stack.length > 0) {
    const abs = stack.pop()!;
    if (!(yield* add(abs, nameOf(rel(o.srcDir, abs))))) continue;
    let names: string[];
    try {
      names = (readdirSync(abs, { encoding: 'buffer' }) as Buffer[]).sort(Buffer.compare).map((b) => b.toString());
    } catch (e) {
      o.log(`Tar: Can't stat file ${o.srcDir} to tar: open ${abs}: ${errnoText(e)}`);
      continue;
    }
    const prefix = abs === '/' ? '' : abs;
    for (let i = names.length - 1; i >= 0; i--) stack.push(`${prefix}/${names[i]}`);
  }
  yield TRAILER;
}

/** Go's %q for plain paths */
const q = (s: string): string => JSON.stringify(s);

export interface UntarEntry {
  name: string;
  type: string;
  mode: number;
  mtime: Date;
  linkname: string | null;
  devmajor?: number;
  devminor?: number;
}

/**
 * Untar of a tar stream into `dest` (go-archive's Unpack with NoLchown and
 * NoOverwriteDirNonDir), entries renamed by `renames` first.
 */
export async function untar(entries: AsyncIterable<{ header: UntarEntry } & AsyncIterable<Buffer>>, dest: string, renames: Rebase[] = []): Promise<void> {
  const rename = (n: string): string => renames.reduce((acc, r) => rebaseName(acc, r), n);
  const dirs: { path: string; mtime: Date }[] = [];
  // synchronous file system calls: an entry is a few small operations, and a trip to the
  // thread pool for each made many small files four times slower; the socket waits meanwhile
  for await (const entry of entries) {
    const hdr = entry.header;
    if (hdr.type === 'pax-global-header') {
      for await (const _ of entry);
      continue;
    }
    const name = cleanName(rename(hdr.name));
    if (name !== '.' && name !== '/') {
      const parent = join(dest, dirOf(name));
      try {
        lstatSync(parent);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') sys('mkdir', parent, () => mkdirSync(parent, { recursive: true, mode: 0o755 }));
      }
    }
    const path = join(dest, name);
    const r = rel(dest, path);
    if (r === '..' || r.startsWith('../')) throw new Error(`${q(name)} is outside of ${q(dest)}`);
    const isDirEntry = hdr.type === 'directory';
    let existing;
    try {
      existing = lstatSync(path);
    } catch {
      existing = undefined;
    }
    if (existing) {
      if (existing.isDirectory() && !isDirEntry) throw new Error(`cannot overwrite directory ${q(path)} with non-directory ${q(dest)}`);
      if (!existing.isDirectory() && isDirEntry) throw new Error(`cannot overwrite non-directory ${q(path)} with directory ${q(dest)}`);
      if (existing.isDirectory() && name === '.') {
        for await (const _ of entry);
        continue;
      }
      if (!(existing.isDirectory() && isDirEntry)) sys('unlinkat', path, () => rmSync(path, { recursive: true, force: true }));
    }
    const mode = hdr.mode & 0o7777;
    const mtime = hdr.mtime;
    switch (hdr.type) {
      case 'directory':
        if (!existing || !existing.isDirectory()) sys('mkdir', path, () => mkdirSync(path, { mode }));
        break;
      case 'file':
      case 'contiguous-file': {
        const fd = sys('open', path, () => openSync(path, constants.O_CREAT | constants.O_WRONLY, mode));
        // a stream that breaks off mid-file leaves no half-written file behind (docker's does)
        let complete = false;
        try {
          // pieces gathered up to 1 MiB a write
          let held: Buffer[] = [];
          let heldBytes = 0;
          const flush = (): void => {
            let bufs = held;
            while (bufs.length > 0) {
              let n = sys('write', path, () => writevSync(fd, bufs));
              while (bufs.length > 0 && n >= bufs[0]!.length) n -= bufs.shift()!.length;
              if (n > 0) bufs[0] = bufs[0]!.subarray(n);
            }
            held = [];
            heldBytes = 0;
          };
          for await (const chunk of entry) {
            held.push(chunk);
            heldBytes += chunk.length;
            if (heldBytes >= PIECE) flush();
          }
          if (heldBytes > 0) flush();
          complete = true;
        } finally {
          closeSync(fd);
          if (!complete) rmSync(path, { force: true });
        }
        break;
      }
      case 'link': {
        const target = join(dest, cleanName(rename(hdr.linkname ?? '')));
        const tr = rel(dest, target);
        if (tr === '..' || tr.startsWith('../')) throw new Error(`invalid hardlink ${q(target)} -> ${q(name)}`);
        sys('link', `${target} ${path}`, () => linkSync(target, path));
        break;
      }
      case 'symlink':
        sys('symlink', `${hdr.linkname ?? ''} ${path}`, () => symlinkSync(hdr.linkname ?? '', path));
        break;
      case 'character-device':
      case 'block-device':
      case 'fifo': {
        // node has no mknod(2): the mknod tool makes them (devices only for root, as docker's)
        const kind = hdr.type === 'fifo' ? ['p'] : [hdr.type === 'block-device' ? 'b' : 'c', String(hdr.devmajor ?? 0), String(hdr.devminor ?? 0)];
        try {
          execFileSync('mknod', ['-m', (mode & 0o777).toString(8), path, ...kind], { stdio: ['ignore', 'ignore', 'pipe'] });
        } catch (e) {
          const text = String((e as { stderr?: Buffer }).stderr ?? '').trim();
          throw new Error(`mknod ${path}: ${/Operation not permitted/i.test(text) ? 'operation not permitted' : text || (e as Error).message}`);
        }
        break;
      }
      default:
        throw new Error(`unhandled tar header type ${hdr.type}`);
    }
    for await (const _ of entry);
    if (hdr.type === 'symlink') {
      try {
        lutimesSync(path, mtime, mtime);
      } catch {
        // as docker: best effort for links
      }
    } else if (hdr.type !== 'link') {
      sys('chmod', path, () => chmodSync(path, mode));
      sys('utimes', path, () => utimesSync(path, mtime, mtime));
    }
    if (isDirEntry) dirs.push({ path, mtime });
  }
  for (const d of dirs) sys('utimes', d.path, () => utimesSync(d.path, d.mtime, d.mtime));
}

/** a file system call whose failure reads as Go's *PathError */
function sys<T>(op: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw pathError(op, path, e);
    throw e;
  }
}

function cleanName(n: string): string {
  return join(n) || '.';
}

function dirOf(n: string): string {
  const i = n.lastIndexOf('/');
  return i < 0 ? '.' : n.slice(0, i) || '/';
}
