// Small pieces the local image verbs share: the OCI platform JSON of their --platform
// queries and docker's reference checks for the names they create.
import { chmodSync, closeSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { parsePlatform, type Platform } from './opts/platform.js';
import { dir as goDir, errnoText } from '../build/gopath.js';
import { parseNormalizedNamed, familiarName, ReferenceError, type ImageRef } from '../util/reference.js';
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import { BulkBody } from '../engine/bulk.js';

/** the client's encodePlatform: an ocispec.Platform as JSON (omitempty fields dropped) */
export function ociPlatformJson(p: Platform): string {
  const o: Record<string, string> = { architecture: p.architecture, os: p.os };
  if (p.osVersion) o['os.version'] = p.osVersion;
  if (p.variant) o.variant = p.variant;
  return JSON.stringify(o);
}

/** platforms.Parse, with docker's "invalid platform" wrapping when `wrap` */
export function platformQuery(raw: string, wrap: boolean): string | undefined {
  if (raw === '') return undefined;
  try {
    return ociPlatformJson(parsePlatform(raw));
  } catch (e) {
    throw new Error(wrap ? `invalid platform: ${(e as Error).message}` : (e as Error).message);
  }
}

/** reference.TagNameOnly + Name(): the repository (fully qualified) and tag docker sends */
export function repoAndTag(ref: ImageRef): { repo: string; tag: string } {
  return { repo: `${ref.domain}/${ref.path}`, tag: ref.tag ?? 'latest' };
}

/** a new name: docker refuses digests there */
export function parseTarget(s: string): ImageRef {
  const ref = parseNormalizedNamed(s);
  if (ref.digest !== undefined) throw new Error('refusing to create a tag with a digest reference');
  return ref;
}

export { familiarName };

/**
 * pull's and push's reference: parsed (docker's error text, status 1), refused with a tag
 * under --all-tags, else given the default tag, said on stdout unless quiet
 */
export function transferRef(cli: Cli, raw: string, all: boolean, quiet: boolean): ImageRef {
  let ref;
  try {
    ref = parseNormalizedNamed(raw);
  } catch (e) {
    if (e instanceof ReferenceError) throw new StatusError(e.message, 1);
    throw e;
  }
  const nameOnly = !ref.tag && !ref.digest;
  if (all && !nameOnly) throw new StatusError("tag can't be used with --all-tags/-a", 1);
  if (!all && nameOnly) {
    ref = { ...ref, tag: 'latest' };
    if (!quiet) cli.out.write('Using default tag: latest\n');
  }
  return ref;
}

/**
 * `save -o` / `export -o`: the archive `open` answers with goes to a temporary file renamed
 * onto `output` only once complete; a failure or SIGINT/SIGTERM leaves no file behind
 */
export async function saveToFile(output: string, failure: string, open: (signal: AbortSignal) => Promise<{ body: AsyncIterable<Buffer | Uint8Array | string> }>): Promise<void> {
  let file: AtomicFile;
  try {
    file = new AtomicFile(output);
  } catch (e) {
    throw new StatusError(`${failure}: ${(e as Error).message}`, 1);
  }
  const abort = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    file.abort();
    abort.abort();
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const res = await open(abort.signal);
    await file.writeAll(res.body);
    file.commit();
  } catch (e) {
    file.abort();
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

// ---------------------------------------------------------------------------------------------
// files: Go's error texts, and the atomic writer of `save -o`

/** os.PathError's text: "open /x: no such file or directory" */
export function goPathError(op: string, path: string, e: unknown): string {
  return `${op} ${path}: ${errnoText(e)}`;
}

/** filepath.Base */
export function goBase(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

/** atomicwriter's validateDestination: the checks `save -o` makes before writing */
export function validateDestination(fileName: string): void {
  if (fileName === '') throw new Error('file name is empty');
  const dir = goDir(fileName);
  if (dir !== '' && dir !== '.' && dir !== '..') {
    let st;
    try {
      st = statSync(dir);
    } catch (e) {
      throw new Error(`invalid output path: ${goPathError('stat', dir, e)}`);
    }
    if (!st.isDirectory()) throw new Error(`invalid output path: stat ${dir}: not a directory`);
  }
  let st;
  try {
    st = lstatSync(fileName);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new Error(`failed to stat output path: ${goPathError('lstat', fileName, e)}`);
  }
  if (st.isFile()) {
    const mode = st.mode;
    if (mode & 0o4000) throw new Error('cannot write to a setuid file');
    if (mode & 0o2000) throw new Error('cannot write to a setgid file');
    if (mode & 0o1000) throw new Error('cannot write to a sticky bit file');
    return;
  }
  if (st.isDirectory()) throw new Error('cannot write to a directory');
  if (st.isSymbolicLink()) throw new Error('cannot write to a symbolic link directly');
  if (st.isFIFO()) throw new Error('cannot write to a named pipe (FIFO)');
  if (st.isSocket()) throw new Error('cannot write to a socket');
  if (st.isCharacterDevice()) throw new Error('cannot write to a character device file');
  if (st.isBlockDevice()) throw new Error('cannot write to a block device file');
  throw new Error(`unknown file mode: ${st.mode.toString(8)}`);
}

/**
 * A file written through a temporary sibling (".tmp-NAME123456", mode 0600) that takes the
 * final name only once everything was written and synced: an error or an interruption
 * leaves nothing behind, never a half-written archive.
 */
export class AtomicFile {
  readonly path: string;
  readonly tmp: string;
  private fd: number;
  private done = false;

  constructor(fileName: string) {
    validateDestination(fileName);
    this.path = resolvePath(fileName);
    const dir = goDir(this.path);
    let fd = -1;
    let tmp = '';
    for (let i = 0; i < 10000 && fd < 0; i++) {
      tmp = `${dir === '/' ? '' : dir}/.tmp-${goBase(fileName)}${randomBytes(4).readUInt32BE(0)}`;
      try {
        fd = openSync(tmp, 'wx', 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(goPathError('open', tmp, e));
      }
    }
    this.fd = fd;
    this.tmp = tmp;
  }

  /**
   * Writes everything `src` yields, synchronously, chunk after chunk: the source is read
   * only as fast as the disk takes it (no queue grows), without a thread-pool round trip
   * per chunk.
   */
  async writeAll(src: AsyncIterable<Buffer | Uint8Array | string>): Promise<void> {
    if (src instanceof BulkBody) {
      // a bulk transfer's body: each piece written as it arrives, synchronously
      await src.drain((buf, release) => {
        let off = 0;
        while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
        release();
        return undefined;
      });
      return;
    }
    const stream = src as unknown as NodeJS.ReadableStream & { destroyed?: boolean };
    if (typeof stream.on === 'function' && typeof stream.resume === 'function') {
      // a stream: each chunk written as it arrives, with no async iteration (a promise and a
      // buffer concatenation per chunk cost as much CPU as the copy itself)
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer | string) => {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          try {
            let off = 0;
            while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
          } catch (e) {
            (stream as unknown as { destroy(err?: Error): void }).destroy(e as Error);
          }
        });
        stream.once('end', resolve);
        stream.once('error', reject);
        stream.once('close', () => (stream as unknown as { readableEnded?: boolean }).readableEnded ? resolve() : reject(new Error('unexpected EOF')));
      });
      return;
    }
    for await (const chunk of src) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    }
  }

  /** fsync, close, rename onto the final name */
  commit(): void {
    if (this.done) return;
    this.done = true;
    fsyncSync(this.fd);
    closeSync(this.fd);
    chmodSync(this.tmp, 0o600);
    renameSync(this.tmp, this.path);
  }

  /** drops the temporary file */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, { force: true });
  }
}
