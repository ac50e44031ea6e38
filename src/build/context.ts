// A local build context as docker 28 sends it: the context check (ValidateContextDirectory),
// then the tar stream of go-archive's TarWithOptions with ChownOpts 0:0 — the directory walked
// in byte order of names, .dockerignore applied with each directory's pattern results carried
// to its children, directories skipped unless an exception could reach inside, hard links
// as links, symlinks as links, modes, devices and whole-second mtimes as Lstat gives them.
// The tar is produced on demand into buffers the caller hands in (file data read straight
// into place), so a context of any size takes the same memory.
import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type BigIntStats, type Dirent } from 'node:fs';
import { Readable } from 'node:stream';
import { PatternMatcher, type MatchInfo } from './patternmatcher.js';
import { errnoText } from './gopath.js';
import { logrus } from './output.js';
import {
  BLOCK,
  TRAILER,
  TYPE_DIR,
  TYPE_LINK,
  TYPE_REG,
  encodeHeader,
  headerFromStat,
  padding,
  type TarHeader,
} from './tar.js';

/** docker's logrus error lines on stderr: time="…" level=error msg="…" */
export function logrusError(msg: string, now = new Date()): string {
  return logrus('error', msg, {}, now);
}

function isPermission(e: unknown): boolean {
  const c = (e as NodeJS.ErrnoException).code;
  return c === 'EACCES' || c === 'EPERM';
}

function isNotExist(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT';
}

const SLASH = Buffer.from('/');

function joinBuf(dir: Buffer, name: Buffer): Buffer {
  return dir.length === 0 ? name : Buffer.concat([dir, SLASH, name]);
}

function sortedEntries(dirPath: Buffer): Dirent<Buffer>[] {
  const ents = readdirSync(dirPath, { withFileTypes: true, encoding: 'buffer' }) as unknown as Dirent<Buffer>[];
  return ents.sort((a, b) => Buffer.compare(a.name as unknown as Buffer, b.name as unknown as Buffer));
}

/**
 * build.ValidateContextDirectory: every file that will be sent must be readable. Walks as
 * filepath.Walk does: a directory is listed before it is judged (so one that cannot be
 * listed fails even when it is ignored), and what MatchesOrParentMatches excludes is skipped.
 */
export function validateContextDirectory(root: string, excludes: string[]): void {
  const pm = new PatternMatcher(excludes);
  const noPatterns = pm.patterns.length === 0;
  const fail = (abs: Buffer, err: unknown): never => {
    const p = abs.toString();
    if (isPermission(err)) throw new Error(`can't stat '${p}'`);
    if (isNotExist(err)) throw new Error(`file ('${p}') not found or excluded by .dockerignore`);
    throw err;
  };
  /** a directory: listed first, then judged, then walked */
  const walkDir = (absDir: Buffer, relDir: Buffer): void => {
    let ents: Dirent<Buffer>[] = [];
    try {
      ents = sortedEntries(absDir);
    } catch (e) {
      fail(absDir, e);
    }
    if (relDir.length > 0 && !noPatterns && pm.matchesOrParentMatches(relDir.toString())) return;
    for (const d of ents) {
      const name = d.name as unknown as Buffer;
      const abs = Buffer.concat([absDir, SLASH, name]);
      const rel = joinBuf(relDir, name);
      if (d.isDirectory()) {
        walkDir(abs, rel);
        continue;
      }
      if (!noPatterns && pm.matchesOrParentMatches(rel.toString())) continue;
      if (d.isSymbolicLink() || d.isFIFO()) continue;
      let fd: number | undefined;
      try {
        fd = openSync(abs, 'r');
      } catch (e) {
        if (isPermission(e)) throw new Error(`no permission to read from '${abs.toString()}'`);
      }
      if (fd !== undefined) closeSync(fd);
    }
  };
  walkDir(Buffer.from(root), Buffer.alloc(0));
}

export interface ExtraDockerfile {
  /** `.dockerfile.<20 hex>`: the name the Dockerfile gets in the context */
  name: string;
  content: Buffer;
  /** when it was added (ms), for the new entries' mtimes */
  now: number;
}

export interface ContextTarOptions {
  /** the context directory, absolute and with symlinks resolved */
  root: string;
  /** .dockerignore patterns, with the exceptions for the Dockerfile and .dockerignore */
  excludes: string[];
  /** a Dockerfile from stdin or from outside the context, added as docker does */
  dockerfile?: ExtraDockerfile;
  /** where docker's logged errors go (stderr) */
  log?: (line: string) => void;
}

interface Frame {
  abs: Buffer;
  rel: Buffer;
  ents: Dirent<Buffer>[];
  i: number;
  info: MatchInfo;
}

/**
 * The build context's tar, produced on demand: fill() writes the next bytes into a buffer
 * the caller owns (so an upload can recycle a few buffers), readable() wraps it as a stream.
 * Errors docker only logs (a file that vanished, a socket) go to `log`; the walk goes on, as
 * docker's does.
 */
export class ContextTar {
  private readonly pm: PatternMatcher;
  private readonly noPatterns: boolean;
  private readonly rootBuf: Buffer;
  private readonly stack: Frame[] = [];
  private readonly seen = new Map<bigint, Buffer>();
  /** where fill() writes, and how far it got */
  private batch: Buffer = Buffer.alloc(0);
  private used = 0;
  /** bytes made but not yet handed out (what did not fit in the last buffer) */
  private pending: Buffer[] = [];
  /** the regular file being copied */
  private file?: { fd: number; left: number; pad: number; path: Buffer; size: number };
  private started = false;
  private finished = false;
  private done = false;
  /** a failed copy leaves the tar writer broken: later entries only log, as Go's do */
  private broken?: number;
  private sawDockerignore = false;
  readonly log: (line: string) => void;
  private readonly opts: ContextTarOptions;
  /** bytes handed out so far */
  bytes = 0;

  constructor(opts: ContextTarOptions) {
    this.opts = opts;
    this.pm = new PatternMatcher(opts.excludes);
    this.noPatterns = this.pm.patterns.length === 0;
    this.rootBuf = Buffer.from(opts.root);
    this.log = opts.log ?? ((line) => process.stderr.write(line));
  }

  private logError(msg: string): void {
    this.log(logrusError(msg));
  }

  private room(): number {
    return this.batch.length - this.used;
  }

  /** copies what fits, keeps the rest for the next buffer */
  private put(b: Buffer): void {
    if (this.pending.length > 0) {
      this.pending.push(b);
      return;
    }
    const n = Math.min(b.length, this.room());
    b.copy(this.batch, this.used, 0, n);
    this.used += n;
    if (n < b.length) this.pending.push(b.subarray(n));
  }

  private zeros(n: number): void {
    if (n === 0) return;
    if (this.pending.length === 0 && n <= this.room()) {
      this.batch.fill(0, this.used, this.used + n);
      this.used += n;
      return;
    }
    this.put(Buffer.alloc(n));
  }

  private drainPending(): void {
    while (this.pending.length > 0 && this.room() > 0) {
      const b = this.pending[0]!;
      const n = Math.min(b.length, this.room());
      b.copy(this.batch, this.used, 0, n);
      this.used += n;
      if (n === b.length) this.pending.shift();
      else this.pending[0] = b.subarray(n);
    }
  }

  /** Writes the next bytes of the tar into `target` from its start; 0 at the end. */
  fill(target: Buffer): number {
    this.batch = target;
    this.used = 0;
    if (!this.started) {
      this.started = true;
      this.openDir(this.rootBuf, Buffer.alloc(0), undefined);
    }
    for (;;) {
      this.drainPending();
      if (this.room() === 0 || this.pending.length > 0) break;
      if (this.file) {
        this.copyFile();
        continue;
      }
      if (this.finished) break;
      if (!this.nextEntry()) this.end();
    }
    const n = this.used;
    this.bytes += n;
    this.batch = Buffer.alloc(0);
    this.used = 0;
    if (n === 0) this.done = true;
    return n;
  }

  /** closes what is open (an upload that stopped early) */
  close(): void {
    if (this.file) {
      try {
        closeSync(this.file.fd);
      } catch {
        // already closed
      }
      this.file = undefined;
    }
    this.stack.length = 0;
  }

  /** the tar as a stream of `chunkSize` chunks (each a new buffer) */
  readable(chunkSize = 1 << 20): Readable {
    const tar = this;
    return new Readable({
      highWaterMark: chunkSize,
      read(this: Readable): void {
        try {
          const buf = Buffer.allocUnsafe(chunkSize);
          const n = tar.fill(buf);
          this.push(n === 0 ? null : buf.subarray(0, n));
        } catch (e) {
          this.destroy(e as Error);
        }
      },
      destroy(err, cb): void {
        tar.close();
        cb(err);
      },
    });
  }

  private end(): void {
    if (this.finished) return;
    this.finished = true;
    const df = this.opts.dockerfile;
    if (df && this.broken === undefined) {
      // ReplaceFileTarWrapper appends what it did not meet, then closes its pipe before its
      // tar writer: the last entry goes without its padding and the archive without its end
      const mtime = Math.round(df.now / 1000);
      const added: [TarHeader, Buffer][] = [[{ name: Buffer.from(df.name), typeflag: TYPE_REG, mode: 0o600, uid: 0, gid: 0, size: df.content.length, mtime }, df.content]];
      if (!this.sawDockerignore) {
        const content = Buffer.from(`.dockerignore\n${df.name}\n`);
        added.push([{ name: Buffer.from('.dockerignore'), typeflag: TYPE_REG, mode: 0o600, uid: 0, gid: 0, size: content.length, mtime }, content]);
      }
      added.forEach(([h, data], i) => {
        this.put(encodeHeader(h));
        this.put(data);
        if (i < added.length - 1) this.zeros(padding(data.length));
      });
    } else if (this.broken !== undefined) {
      this.logError(`Can't close tar writer: archive/tar: missed writing ${this.broken} bytes`);
    } else {
      this.put(TRAILER);
    }
  }

  private addBytes(h: TarHeader, data: Buffer): void {
    this.put(encodeHeader(h));
    this.put(data);
    this.zeros(padding(data.length));
  }

  private openDir(abs: Buffer, rel: Buffer, info: MatchInfo): void {
    let ents: Dirent<Buffer>[];
    try {
      ents = sortedEntries(abs);
    } catch (e) {
      this.logError(`Tar: Can't stat file ${this.opts.root} to tar: open ${abs.toString()}: ${errnoText(e)}`);
      return;
    }
    this.stack.push({ abs, rel, ents, i: 0, info });
  }

  /** the next entry of the walk; false at the end */
  private nextEntry(): boolean {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top) return false;
      if (top.i >= top.ents.length) {
        this.stack.pop();
        continue;
      }
      const d = top.ents[top.i++]!;
      const name = d.name as unknown as Buffer;
      const abs = Buffer.concat([top.abs, SLASH, name]);
      const rel = joinBuf(top.rel, name);
      const isDir = d.isDirectory();
      let info: MatchInfo;
      let skip = false;
      if (!this.noPatterns) {
        const relStr = rel.toString();
        [skip, info] = this.pm.matchesUsingParentResults(relStr, top.info);
        if (skip) {
          if (!isDir) continue;
          if (!this.pm.exclusions) continue;
          const dirSlash = `${relStr}/`;
          const reachable = this.pm.patterns.some((p) => p.exclusion && `${p.cleaned}/`.startsWith(dirSlash));
          if (!reachable) continue;
          // walk in without sending the directory itself
          this.openDir(abs, rel, info);
          return true;
        }
      }
      this.addFile(abs, rel);
      if (isDir) this.openDir(abs, rel, info);
      return true;
    }
  }

  /** archive's addTarFile */
  private addFile(abs: Buffer, rel: Buffer): void {
    const where = abs.toString();
    if (this.broken !== undefined) {
      this.logError(`Can't add file ${where} to tar: archive/tar: missed writing ${this.broken} bytes`);
      return;
    }
    let st: BigIntStats;
    let h: TarHeader;
    try {
      st = lstatSync(abs, { bigint: true });
      let link: Buffer | undefined;
      if (st.isSymbolicLink()) link = readlinkSync(abs, { encoding: 'buffer' });
      h = headerFromStat(rel, st, link);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.logError(`Can't add file ${where} to tar: ${code ? `lstat ${where}: ${errnoText(e)}` : (e as Error).message}`);
      return;
    }
    if (h.typeflag !== TYPE_DIR && st.nlink > 1n) {
      const first = this.seen.get(st.ino);
      if (first) {
        h.typeflag = TYPE_LINK;
        h.linkname = first;
        h.size = 0;
      } else {
        this.seen.set(st.ino, h.name);
      }
    }
    const df = this.opts.dockerfile;
    if (df && rel.length === 13 && rel.toString() === '.dockerignore') {
      // ReplaceFileTarWrapper: the Dockerfile's random name added to .dockerignore
      this.sawDockerignore = true;
      let content = Buffer.alloc(0);
      if (h.typeflag === TYPE_REG && h.size > 0) {
        try {
          const fd = openSync(abs, 'r');
          try {
            content = Buffer.allocUnsafe(h.size);
            let got = 0;
            while (got < h.size) {
              const n = readSync(fd, content, got, h.size - got, null);
              if (n === 0) break;
              got += n;
            }
            content = content.subarray(0, got);
          } finally {
            closeSync(fd);
          }
        } catch {
          content = Buffer.alloc(0);
        }
      }
      const data = Buffer.concat([content, Buffer.from(`\n${df.name}\n`)]);
      this.addBytes({ ...h, typeflag: TYPE_REG, size: data.length }, data);
      return;
    }
    this.put(encodeHeader(h));
    if (h.typeflag === TYPE_REG && h.size > 0) {
      let fd: number;
      try {
        fd = openSync(abs, 'r');
      } catch (e) {
        this.broken = h.size;
        this.logError(`Can't add file ${where} to tar: open ${where}: ${errnoText(e)}`);
        return;
      }
      this.file = { fd, left: h.size, pad: padding(h.size), path: abs, size: h.size };
    }
  }

  /** copies the current file's data into the buffer, straight from the file */
  private copyFile(): void {
    const f = this.file!;
    while (f.left > 0) {
      if (this.room() === 0) return;
      const want = Math.min(f.left, this.room());
      let n: number;
      try {
        n = readSync(f.fd, this.batch, this.used, want, null);
      } catch (e) {
        this.closeFile();
        this.broken = f.left;
        this.logError(`Can't add file ${f.path.toString()} to tar: read ${f.path.toString()}: ${errnoText(e)}`);
        return;
      }
      if (n === 0) {
        // the file shrank: Go's writer is left short of bytes
        this.closeFile();
        this.broken = f.left;
        return;
      }
      this.used += n;
      f.left -= n;
    }
    this.closeFile();
    this.zeros(f.pad);
  }

  private closeFile(): void {
    if (!this.file) return;
    try {
      closeSync(this.file.fd);
    } catch {
      // nothing to do
    }
    this.file = undefined;
  }
}
