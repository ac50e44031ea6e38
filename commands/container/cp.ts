import '../../src/cli/core.js';
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { isatty } from 'node:tty';
import { Readable } from 'node:stream';
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { StatusError } from '../../src/cli/errors.js';
import { abs, evalSymlinks, clean, pathError } from '../../src/build/gopath.js';
import { logrus } from '../../src/build/output.js';
import { archiveFromContainer, archiveToContainer, hasMode, MODE_DEVICE, MODE_DIR, MODE_IRREGULAR, MODE_SYMLINK, statContainerPath } from '../../src/engine/archive.js';
import type { UploadSource } from '../../src/engine/bulk.js';
import { copyToStdout } from '../../src/cli/stdout-copy.js';
import { humanSizeWithPrecision } from '../../src/util/units.js';
import {
  CopyError,
  ERR_NOT_DIRECTORY,
  getRebaseName,
  hasTrailingPathSeparator,
  linkTargetPath,
  prepareArchiveCopy,
  preserveTrailingDotOrSeparator,
  splitCpArg,
  splitPathDirEntry,
  type CopyInfo,
  type Rebase,
} from '../../src/cli/cp/paths.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
  short: 'Copy files/folders between a container and the local filesystem',
  long: `Copy files/folders between a container and the local filesystem

Use '-' as the source to read a tar archive from stdin
and extract it to a directory destination in a container.
Use '-' as the destination to stream a tar archive of a
container source to stdout.`,
  args: { kind: 'exact', n: 2 },
  noArgsCompletion: true,
  flags: [
    { name: 'archive', short: 'a', kind: 'bool', usage: 'Archive mode (copy all uid/gid information)' },
    { name: 'follow-link', short: 'L', kind: 'bool', usage: 'Always follow symbol link in SRC_PATH' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
  ],
};

const GATHER = 64 * 1024;

interface CpConfig {
  followLink: boolean;
  copyUIDGID: boolean;
  quiet: boolean;
  sourcePath: string;
  destPath: string;
  container: string;
}

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  if (args[0] === '') throw new StatusError('source can not be empty', 1);
  if (args[1] === '') throw new StatusError('destination can not be empty', 1);
  const src = splitCpArg(args[0]!);
  const dst = splitCpArg(args[1]!);
  const cfg: CpConfig = {
    followLink: !!opts['follow-link'],
    copyUIDGID: !!opts.archive,
    quiet: changed.has('quiet') ? !!opts.quiet : !cli.out.isTTY,
    sourcePath: src.path,
    destPath: dst.path,
    container: dst.container || src.container,
  };
  if (src.container !== '' && dst.container !== '') throw new StatusError('copying between containers is not supported', 1);
  if (src.container !== '') return copyFromContainer(cli, cfg);
  if (dst.container !== '') return copyToContainer(cli, cfg);
  throw new StatusError('must specify at least one container source', 1);
};

/** filepath.Abs keeping the trailing "/" or "/." */
function resolveLocalPath(p: string): string {
  return preserveTrailingDotOrSeparator(abs(p), p);
}

const fail = (msg: string): StatusError => new StatusError(msg, 1);

function summary(cli: Cli, size: number, dest: string): void {
  cli.err.write(`Successfully copied ${humanSizeWithPrecision(size, 3)} to ${dest}\n`);
}

/** command.ValidateOutputPath */
function validateOutputPath(path: string): void {
  const d = splitDir(clean(path));
  if (d !== '' && d !== '.') {
    try {
      statSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw fail(`invalid output path: directory ${JSON.stringify(d)} does not exist`);
    }
  }
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fail(pathError('stat', path, e).message);
  }
  if (st.isDirectory() || st.isFile()) return;
  const why = st.isBlockDevice() || st.isCharacterDevice() ? 'got a device' : 'got an irregular file';
  throw fail(`invalid output path: ${JSON.stringify(path)} must be a directory or a regular file: ${why}`);
}

function splitDir(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return clean(p.slice(0, i + 1));
}

/** go-archive's CopyInfoDestinationPath (local) */
function copyInfoDestinationPath(path: string): CopyInfo {
  const original = path;
  let st;
  let err: unknown;
  try {
    st = lstatSync(path);
  } catch (e) {
    err = e;
  }
  if (st && !st.isSymbolicLink()) return { path, exists: true, isDir: st.isDirectory(), rebaseName: '' };
  for (let n = 0; st && st.isSymbolicLink(); n++) {
    if (n > 10) throw fail(`too many symlinks in ${original}`);
    let target: string;
    try {
      target = readlinkSync(path);
    } catch (e) {
      throw fail(pathError('readlink', path, e).message);
    }
    path = linkTargetPath(path, target);
    st = undefined;
    try {
      st = lstatSync(path);
    } catch (e) {
      err = e;
    }
  }
  if (!st) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(pathError('lstat', path, err).message);
    const parent = splitPathDirEntry(path).dir;
    let pst;
    try {
      pst = statSync(parent);
    } catch (e) {
      throw fail(pathError('stat', parent, e).message);
    }
    if (!pst.isDirectory()) throw fail(ERR_NOT_DIRECTORY);
    return { path, exists: false, isDir: false, rebaseName: '' };
  }
  return { path, exists: true, isDir: st.isDirectory(), rebaseName: '' };
}

async function copyFromContainer(cli: Cli, cfg: CpConfig): Promise<void> {
  let dstPath = cfg.destPath;
  let srcPath = cfg.sourcePath;
  if (dstPath !== '-') dstPath = resolveLocalPath(dstPath);
  validateOutputPath(dstPath);
  const api = cli.api();
  let rebaseName = '';
  if (cfg.followLink) {
    try {
      const st = await statContainerPath(api, cfg.container, srcPath);
      if (hasMode(st.mode, MODE_SYMLINK)) {
        const r = getRebaseName(srcPath, linkTargetPath(srcPath, st.linkTarget));
        srcPath = r.resolved;
        rebaseName = r.rebaseName;
      }
    } catch {
      // as docker: an error here is met again by the copy itself
    }
  }
  const { res, stat } = await archiveFromContainer(api, cfg.container, srcPath);
  if (dstPath === '-') {
    await copyToStdout(res.body, cli.out);
    return;
  }
  const srcInfo: CopyInfo = { path: srcPath, exists: true, isDir: hasMode(stat.mode, MODE_DIR), rebaseName };
  let copied = 0;
  const { untar } = await import('../../src/cli/cp/archive.js');
  let err: unknown;
  try {
    const dstInfo = copyInfoDestinationPath(dstPath);
    const prepared = prepareArchiveCopy(srcInfo, dstInfo);
    const renames: Rebase[] = [];
    if (rebaseName !== '') renames.push({ from: splitPathDirEntry(srcPath).base, to: rebaseName });
    if (prepared.rebase) renames.push(prepared.rebase);
    const tarStream = await import('tar-stream');
    const extract = tarStream.extract();
    const feeding = res.body
      .drain((chunk) => {
        copied += chunk.length;
        if (extract.write(chunk)) return undefined;
        return new Promise<void>((r) => extract.once('drain', () => r()));
      })
      .then(
        () => void extract.end(undefined as never),
        (e: unknown) => void extract.destroy(e as Error),
      );
    try {
      await untar(extract as never, prepared.dstDir, renames);
    } catch (e) {
      res.body.destroy(e as Error);
      throw e;
    }
    await feeding;
  } catch (e) {
    res.body.destroy(e as Error);
    err = e;
  }
  if (!cfg.quiet) summary(cli, copied, dstPath);
  if (err !== undefined) throw err instanceof CopyError ? fail(err.message) : err;
}

async function copyToContainer(cli: Cli, cfg: CpConfig): Promise<void> {
  let srcPath = cfg.sourcePath;
  const dstPath = cfg.destPath;
  if (srcPath !== '-') srcPath = resolveLocalPath(srcPath);
  const api = cli.api();
  const dstInfo: CopyInfo = { path: dstPath, exists: false, isDir: false, rebaseName: '' };
  try {
    let st = await statContainerPath(api, cfg.container, dstPath);
    let ok = true;
    if (hasMode(st.mode, MODE_SYMLINK)) {
      const target = linkTargetPath(dstPath, st.linkTarget);
      dstInfo.path = target;
      try {
        st = await statContainerPath(api, cfg.container, target);
      } catch {
        ok = false;
      }
    }
    if (ok) {
      if (hasMode(st.mode, MODE_DEVICE)) throw fail(`destination "${cfg.container}:${dstPath}" must be a directory or a regular file: got a device`);
      if (hasMode(st.mode, MODE_IRREGULAR)) throw fail(`destination "${cfg.container}:${dstPath}" must be a directory or a regular file: got an irregular file`);
      dstInfo.exists = true;
      dstInfo.isDir = hasMode(st.mode, MODE_DIR);
    }
  } catch (e) {
    if (e instanceof StatusError) throw e;
    // as docker: the extraction meets any real problem
  }

  let content: UploadSource;
  let resolvedDstPath: string;
  let copied = 0;
  if (srcPath === '-') {
    resolvedDstPath = dstInfo.path;
    if (!dstInfo.isDir) throw fail(`destination "${cfg.container}:${dstPath}" must be a directory`);
    content = { fd: 0, name: '/dev/stdin', fallback: () => cli.in };
    if (isatty(0)) content = cli.in;
  } else {
    const srcInfo = copyInfoSourcePath(srcPath, cfg.followLink);
    // TarResource: the source must exist (a trailing "/" on a file fails here)
    try {
      lstatSync(srcInfo.path);
    } catch (e) {
      throw fail(pathError('lstat', srcInfo.path, e).message);
    }
    const { dir: srcDir, base: srcBase } = splitPathDirEntry(srcInfo.path);
    let prepared;
    try {
      prepared = prepareArchiveCopy(srcInfo, dstInfo);
    } catch (e) {
      if (!(e instanceof CopyError)) throw e;
      // docker's tar writer had started on its pipe: closing it fails the first entry, which
      // docker logs (most runs; the process may also exit before the writer gets there)
      const log = (msg: string): boolean => cli.err.write(logrus('error', msg, {}));
      log(`Can't add file ${srcDir.replace(/\/$/, '')}/${srcBase} to tar: io: read/write on closed pipe`);
      log("Can't close tar writer: io: read/write on closed pipe");
      throw fail(e.message);
    }
    resolvedDstPath = prepared.dstDir;
    const renames: Rebase[] = [];
    if (srcInfo.rebaseName !== '') renames.push({ from: srcBase, to: srcInfo.rebaseName });
    if (prepared.rebase) renames.push(prepared.rebase);
    const { localTar } = await import('../../src/cli/cp/archive.js');
    const gen = localTar({ srcDir, include: srcBase, renames, log: (msg) => cli.err.write(logrus('error', msg, {})) });
    // small entries gathered into pieces of 64 KiB: fewer chunks on the wire, and a small
    // archive goes whole before an early answer of the engine stops the upload, as docker's does
    const counted = (async function* () {
      let held: Buffer[] = [];
      let heldBytes = 0;
      const flush = (): Buffer => {
        const out = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
        held = [];
        heldBytes = 0;
        copied += out.length;
        return out;
      };
      for await (const b of gen) {
        if (b.length >= GATHER) {
          if (heldBytes > 0) yield flush();
          copied += b.length;
          yield b;
          continue;
        }
        held.push(b);
        heldBytes += b.length;
        if (heldBytes >= GATHER) yield flush();
      }
      if (heldBytes > 0) yield flush();
    })();
    // the first piece made before the request: docker's transport has it read by the time
    // an early answer comes
    const first = await counted.next();
    content = Readable.from(
      (async function* () {
        if (!first.done) yield first.value;
        yield* counted;
      })(),
      { objectMode: false },
    );
  }
  let err: unknown;
  try {
    const res = await archiveToContainer(api, cfg.container, resolvedDstPath, content, { copyUIDGID: cfg.copyUIDGID });
    await res.body.drain(() => undefined);
    if (res.status !== 200) err = new Error(`unexpected status code from daemon: ${res.status}`);
  } catch (e) {
    err = e;
  }
  if (!cfg.quiet) summary(cli, copied, `${cfg.container}:${dstInfo.path}`);
  if (err !== undefined) throw err;
}

/** go-archive's CopyInfoSourcePath (ResolveHostSourcePath, then an Lstat) */
function copyInfoSourcePath(path: string, followLink: boolean): CopyInfo {
  let resolved: string;
  let rebaseName = '';
  try {
    if (followLink) {
      const r = getRebaseName(path, evalSymlinks(path));
      resolved = r.resolved;
      rebaseName = r.rebaseName;
    } else {
      const i = path.lastIndexOf('/');
      const dirPart = path.slice(0, i + 1);
      const basePart = path.slice(i + 1);
      const resolvedDir = evalSymlinks(dirPart);
      resolved = `${resolvedDir === '/' ? '' : resolvedDir}/${basePart}`;
      if (hasTrailingPathSeparator(path) && baseOf(path) !== baseOf(resolved)) rebaseName = baseOf(path);
    }
  } catch (e) {
    throw fail((e as Error).message);
  }
  let st;
  try {
    st = lstatSync(resolved);
  } catch (e) {
    throw fail(pathError('lstat', resolved, e).message);
  }
  return { path: resolved, exists: true, isDir: st.isDirectory(), rebaseName };
}

function baseOf(p: string): string {
  return splitPathDirEntry(p).base;
}
