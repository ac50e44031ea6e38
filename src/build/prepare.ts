// The build context as docker 28's runBuild finds it: stdin ("-": a tar, compressed or not,
// or a lone Dockerfile), a local directory, a git repository (cloned with git, as docker's
// CLI does) or an http(s) URL (a tarball or a Dockerfile, downloaded by the client). The
// Dockerfile: -f relative to the working directory, "-" for stdin, outside the context or
// from stdin added under a random name. Errors carry docker's texts.
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, readlinkSync, rmSync, statSync, lstatSync } from 'node:fs';
import type http from 'node:http';
import type https from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import * as gopath from './gopath.js';
import { keepBuildFiles, readIgnoreFile } from './patternmatcher.js';
import { lookPath } from '../config/credentials.js';
import { ContextTar, validateContextDirectory, type ExtraDockerfile } from './context.js';
import { addDockerfileToTar, encodeHeader, looksLikeTar, padding, TRAILER, TYPE_REG } from './tar.js';
import { progressLine } from './output.js';

export const DEFAULT_DOCKERFILE = 'Dockerfile';

const requireBuiltin = createRequire(import.meta.url);

export interface PrepareOptions {
  /** the PATH | URL | - argument */
  context: string;
  /** -f, as given ('' when not) */
  dockerfileName: string;
  stdin: NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
  /** where a URL download's progress goes (docker's progBuff) */
  progress?: (s: string) => void;
  /** docker's logged errors (stderr) */
  log?: (line: string) => void;
}

export interface PreparedContext {
  /** a local directory's context, produced on demand */
  tar?: ContextTar;
  /** any other context, as a stream (stdin, a download) */
  stream?: Readable;
  /** the dockerfile query parameter ('' leaves the daemon's default) */
  relDockerfile: string;
  /** removes temporary directories */
  cleanup(): void;
}

/** a plain error docker prints as is (exit 1) */
export class ContextError extends Error {}

/** urlutil.IsURL */
export function isURL(s: string): boolean {
  return s.startsWith('https://') || s.startsWith('http://');
}

/** urlutil.IsGitURL */
export function isGitURL(s: string): boolean {
  if (isURL(s) && /\.git(?:#.+)?$/.test(s)) return true;
  return ['git://', 'github.com/', 'git@'].some((p) => s.startsWith(p));
}

function isLocalDir(c: string): boolean {
  try {
    statSync(c);
    return true;
  } catch {
    return false;
  }
}

/** ResolveAndValidateContextPath */
function resolveContextPath(given: string, env?: NodeJS.ProcessEnv): string {
  let abs = gopath.abs(given, env);
  try {
    abs = gopath.evalSymlinks(abs);
  } catch (e) {
    throw new ContextError(`unable to evaluate symlinks in context path: ${(e as Error).message}`);
  }
  let st;
  try {
    st = lstatSync(abs);
  } catch (e) {
    throw new ContextError(`unable to stat context directory "${abs}": ${gopath.pathError('lstat', abs, e).message}`);
  }
  if (!st.isDirectory()) throw new ContextError(`context must be a directory: ${abs}`);
  return abs;
}

/** getDockerfileRelPath */
function dockerfileRelPath(absContextDir: string, given: string): string {
  if (given === '-') return given;
  let absDockerfile = given;
  if (absDockerfile === '') {
    absDockerfile = gopath.join(absContextDir, DEFAULT_DOCKERFILE);
    let missing = false;
    try {
      lstatSync(absDockerfile);
    } catch (e) {
      missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    }
    if (missing) {
      const alt = gopath.join(absContextDir, DEFAULT_DOCKERFILE.toLowerCase());
      try {
        lstatSync(alt);
        absDockerfile = alt;
      } catch {
        // keep Dockerfile
      }
    }
  }
  if (!gopath.isAbs(absDockerfile)) absDockerfile = gopath.join(absContextDir, absDockerfile);
  try {
    absDockerfile = gopath.evalSymlinks(absDockerfile);
  } catch (e) {
    throw new ContextError(`unable to evaluate symlinks in Dockerfile path: ${(e as Error).message}`);
  }
  try {
    lstatSync(absDockerfile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ContextError(`Cannot locate Dockerfile: "${absDockerfile}"`);
    throw new ContextError(`unable to stat Dockerfile: ${gopath.pathError('lstat', absDockerfile, e).message}`);
  }
  return gopath.rel(absContextDir, absDockerfile);
}

/** GetContextFromLocalDir: [absolute context dir, Dockerfile relative to it] */
function contextFromLocalDir(localDir: string, dockerfileName: string, env?: NodeJS.ProcessEnv): [string, string] {
  const dir = resolveContextPath(localDir, env);
  if (dockerfileName !== '' && dockerfileName !== '-') dockerfileName = gopath.abs(dockerfileName, env);
  return [dir, dockerfileRelPath(dir, dockerfileName)];
}

/** stringid.GenerateRandomID()[:20] */
function randomId20(): string {
  return randomBytes(32).toString('hex').slice(0, 20);
}

async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

/** the first `n` bytes of a stream (fewer at its end) and a stream of all of it */
async function peek(src: NodeJS.ReadableStream, n: number): Promise<{ head: Buffer; all: Readable }> {
  const it = (src as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    chunks.push(b);
    have += b.length;
  }
  const head = Buffer.concat(chunks);
  const all = Readable.from(
    (async function* () {
      if (head.length > 0) yield head;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      }
    })(),
    { objectMode: false },
  );
  return { head: head.subarray(0, n), all };
}

/** compression.Detect */
function isCompressed(b: Buffer): boolean {
  if (b.subarray(0, 3).equals(Buffer.from([0x42, 0x5a, 0x68]))) return true;
  if (b.subarray(0, 3).equals(Buffer.from([0x1f, 0x8b, 0x08]))) return true;
  if (b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return true;
  if (b.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return true;
  if (b.length >= 8 && (b.readUInt32LE(0) & 0xfffffff0) >>> 0 === 0x184d2a50) return true;
  return false;
}

/** build.IsArchive */
export function isArchive(head: Buffer): boolean {
  return isCompressed(head) || looksLikeTar(head);
}

/** archive.Tar of a temporary directory holding only the Dockerfile (owner and mode as created) */
function lonelyDockerfileTar(content: Buffer): Readable {
  const umask = process.umask();
  const now = Date.now();
  const h = encodeHeader({
    name: Buffer.from(DEFAULT_DOCKERFILE),
    typeflag: TYPE_REG,
    mode: 0o666 & ~umask,
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    size: content.length,
    mtime: Math.floor(now / 1000),
  });
  return Readable.from([Buffer.concat([h, content, Buffer.alloc(padding(content.length)), TRAILER])]);
}

/** GetContextFromReader */
async function contextFromReader(src: NodeJS.ReadableStream, dockerfileName: string): Promise<[Readable, string]> {
  const { head, all } = await peek(src, 1024);
  if (isArchive(head)) return [all, dockerfileName];
  if (dockerfileName === '-') throw new ContextError('build context is not an archive');
  if (dockerfileName !== '') throw new ContextError('ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles');
  return [lonelyDockerfileTar(await readAll(all)), DEFAULT_DOCKERFILE];
}

function git(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; out: string; err?: Error }> {
  return new Promise((resolve) => {
    execFile('git', ['-c', 'protocol.file.allow=never', ...args], { cwd: dir, env: { ...env, GIT_PROTOCOL_FROM_USER: '0' }, encoding: 'buffer', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const out = Buffer.concat([stdout as Buffer, stderr as Buffer]).toString();
      resolve({ ok: !err, out, err: err ?? undefined });
    });
  });
}

function exitText(err: Error | undefined): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? `exit status ${code}` : (err?.message ?? 'error');
}

/** git's remote and fragment (ref:subdir) as docker's parseRemoteURL reads them */
function parseGitRemote(remoteURL: string): { remote: string; ref: string; subdir: string } {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(remoteURL)?.[1]?.toLowerCase() ?? '';
  if (!remoteURL.startsWith('git@') && !['git', 'http', 'https', 'ssh'].includes(scheme)) remoteURL = `https://${remoteURL}`;
  const hash = remoteURL.indexOf('#');
  const remote = hash < 0 ? remoteURL : remoteURL.slice(0, hash);
  const fragment = hash < 0 ? '' : remoteURL.slice(hash + 1);
  const colon = fragment.indexOf(':');
  let ref = colon < 0 ? fragment : fragment.slice(0, colon);
  const subdir = colon < 0 ? '' : fragment.slice(colon + 1);
  if (ref === '') ref = 'master';
  if (ref.startsWith('-')) throw new Error(`invalid refspec: ${ref}`);
  return { remote, ref, subdir };
}

async function supportsShallowClone(remote: string): Promise<boolean> {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(remote)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return true;
  const url = `${remote}/info/refs?service=git-upload-pack`;
  const get = async (method: string): Promise<{ status: number; type: string } | undefined> => {
    try {
      const res = await fetchFollowing(url, method);
      res.body.resume();
      return { status: res.status, type: String(res.headers['content-type'] ?? '') };
    } catch {
      return undefined;
    }
  };
  let r = await get('HEAD');
  if (!r || r.status !== 200) {
    r = await get('GET');
    if (!r || r.status !== 200) return false;
  }
  return r.type === 'application/x-git-upload-pack-advertisement';
}

/** os.MkdirTemp: the prefix and a random number */
function goMkdirTemp(prefix: string): string {
  for (let i = 0; ; i++) {
    const dir = `${tmpdir()}/${prefix}${randomBytes(4).readUInt32LE(0)}`;
    try {
      mkdirSync(dir, 0o700);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw e;
    }
  }
}

/**
 * symlink.FollowSymlinkInScope: `path` with its symlinks resolved as if `root` were "/", so
 * nothing leads out of it; components that do not exist are kept as they are.
 */
export function followSymlinkInScope(path: string, root: string): string {
  root = gopath.clean(root);
  path = gopath.clean(path);
  if (path === root) return path;
  if (!path.startsWith(`${root}/`)) throw new Error(`${path} is not in ${root}`);
  let unresolved = path.slice(root.length + 1);
  let resolved = '';
  let links = 0;
  while (unresolved !== '') {
    const slash = unresolved.indexOf('/');
    const part = slash < 0 ? unresolved : unresolved.slice(0, slash);
    unresolved = slash < 0 ? '' : unresolved.slice(slash + 1);
    if (part === '' || part === '.') continue;
    if (part === '..') {
      resolved = gopath.dir(`/${resolved}`).slice(1);
      continue;
    }
    const candidate = resolved === '' ? part : `${resolved}/${part}`;
    let st;
    try {
      st = lstatSync(`${root}/${candidate}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        resolved = candidate;
        continue;
      }
      throw e;
    }
    if (!st.isSymbolicLink()) {
      resolved = candidate;
      continue;
    }
    if (++links > 255) throw new Error(`too many links in ${path}`);
    const link = readlinkSync(`${root}/${candidate}`);
    if (link.startsWith('/')) resolved = '';
    unresolved = unresolved === '' ? link : `${link}/${unresolved}`;
  }
  return resolved === '' ? root : `${root}/${gopath.clean(resolved)}`;
}

/** git.Clone into a docker-build-git temporary directory; returns [checkout dir, root to remove] */
async function gitClone(remoteURL: string, env: NodeJS.ProcessEnv): Promise<[string, string]> {
  const repo = parseGitRemote(remoteURL);
  const fetch = ['fetch', ...((await supportsShallowClone(repo.remote)) ? ['--depth', '1'] : []), 'origin', '--', repo.ref];
  const root = goMkdirTemp('docker-build-git');
  try {
    let r = await git(root, ['init'], env);
    if (!r.ok) throw new Error(`failed to init repo at ${root}: ${r.out}: ${exitText(r.err)}`);
    r = await git(root, ['remote', 'add', 'origin', repo.remote], env);
    if (!r.ok) throw new Error(`failed add origin repo at ${repo.remote}: ${r.out}: ${exitText(r.err)}`);
    r = await git(root, fetch, env);
    if (!r.ok) throw new Error(`error fetching: ${r.out}: ${exitText(r.err)}`);
    const co = await git(root, ['checkout', repo.ref], env);
    if (!co.ok) {
      const head = await git(root, ['checkout', 'FETCH_HEAD'], env);
      if (!head.ok) throw new Error(`error checking out ${repo.ref}: ${co.out}: ${exitText(co.err)}`);
    }
    let dir = root;
    if (repo.subdir !== '') {
      let target: string;
      try {
        target = followSymlinkInScope(gopath.join(root, repo.subdir), root);
      } catch (e) {
        throw new Error(`error setting git context, "${repo.subdir}" not within git root: ${(e as Error).message}`);
      }
      let st;
      try {
        st = statSync(target);
      } catch (e) {
        throw gopath.pathError('stat', target, e);
      }
      if (!st.isDirectory()) throw new Error(`error setting git context, not a directory: ${target}`);
      dir = target;
    }
    const sub = await new Promise<{ ok: boolean; out: string; err?: Error }>((resolve) => {
      execFile('git', ['submodule', 'update', '--init', '--recursive', '--depth=1'], { cwd: root, env, encoding: 'buffer' }, (err, so, se) =>
        resolve({ ok: !err, out: Buffer.concat([so as Buffer, se as Buffer]).toString(), err: err ?? undefined }),
      );
    });
    if (!sub.ok) throw new Error(`error initializing submodules: ${sub.out}: ${exitText(sub.err)}`);
    return [dir, root];
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

/** http.Get with Go's redirect policy (up to 10) */
async function fetchFollowing(url: string, method = 'GET'): Promise<HttpResponse> {
  for (let i = 0; ; i++) {
    // node:http(s) only for URL contexts (https brings tls, ~10 ms to load)
    const mod = (url.startsWith('https:') ? requireBuiltin('node:https') : requireBuiltin('node:http')) as typeof http | typeof https;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = mod.request(url, { method, headers: { 'User-Agent': 'Go-http-client/1.1' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    const status = res.statusCode ?? 0;
    const loc = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && loc) {
      res.resume();
      if (i >= 9) throw new Error(`Get "${url}": stopped after 10 redirects`);
      url = new URL(loc, url).toString();
      continue;
    }
    return { status, statusText: res.statusMessage ?? '', headers: res.headers, body: res };
  }
}

/**
 * The download, read as docker reads it (a first read of 4 KiB, bufio's, then reads of up to
 * 32 KiB), with its progress lines on every update: each 1% (at most 512 kB) at most every
 * 100 ms, always when complete, and at the end with a new line.
 */
function progressReader(body: Readable, size: number, action: string, write: (s: string) => void): Readable {
  let current = 0;
  let lastUpdate = 0;
  let lastAllowed = -Infinity;
  const updateEvery = size > 0 ? Math.min(512 * 1024, Math.trunc(0.01 * size)) : 512 * 1024;
  const update = (last: boolean): void => {
    let show = last || current === size;
    if (!show) {
      const now = Date.now();
      if (now - lastAllowed >= 100) {
        lastAllowed = now;
        show = true;
      }
    }
    if (show) write(progressLine(action, current, size, last));
  };
  const read = (n: number): void => {
    current += n;
    if (current - lastUpdate > updateEvery) {
      update(false);
      lastUpdate = current;
    }
  };
  return Readable.from(
    (async function* () {
      let first = true;
      for await (const chunk of body) {
        let b = chunk as Buffer;
        while (b.length > 0) {
          const n = Math.min(b.length, first ? 4096 : 32768);
          first = false;
          read(n);
          yield b.subarray(0, n);
          b = b.subarray(n);
        }
      }
      update(true);
    })(),
    { objectMode: false },
  );
}

/** net/http's text for a failed connection, for the common cases */
function dialError(url: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  if (err.code === 'ECONNREFUSED' && err.address) {
    const host = err.address.includes(':') ? `[${err.address}]` : err.address;
    return `dial tcp ${host}:${err.port}: connect: connection refused`;
  }
  if (err.code === 'ENOTFOUND') {
    const u = new URL(url);
    return `dial tcp: lookup ${u.hostname}: no such host`;
  }
  return err.message;
}

/** GetContextFromURL */
async function contextFromURL(url: string, dockerfileName: string, write: (s: string) => void): Promise<[Readable, string]> {
  let res: HttpResponse;
  try {
    res = await fetchFollowing(url);
  } catch (e) {
    throw new Error(`unable to download remote context ${url}: Get "${url}": ${dialError(url, e)}`);
  }
  if (res.status >= 400) {
    const text = (await readAll(res.body)).toString().trim();
    throw new Error(`unable to download remote context ${url}: failed to GET ${url} with status ${res.status} ${res.statusText}: ${text}`);
  }
  const size = Number(res.headers['content-length'] ?? -1);
  const reader = progressReader(res.body, Number.isFinite(size) ? size : -1, `Downloading build context from remote url: ${url}`, write);
  return contextFromReader(reader, dockerfileName);
}

export async function prepareContext(o: PrepareOptions): Promise<PreparedContext> {
  const env = o.env ?? process.env;
  const temps: string[] = [];
  const cleanup = (): void => {
    for (const t of temps) rmSync(t, { recursive: true, force: true });
  };
  let dockerfileFromStdin = false;
  let dockerfileSource: (() => Promise<Buffer>) | undefined;
  if (o.dockerfileName === '-') {
    if (o.context === '-') throw new ContextError("invalid argument: can't use stdin for both build context and dockerfile");
    dockerfileFromStdin = true;
    dockerfileSource = () => readAll(o.stdin);
  }
  let body: Readable | undefined;
  let tar: ContextTar | undefined;
  let contextDir = '';
  let relDockerfile = '';
  try {
    try {
      if (o.context === '-') {
        [body, relDockerfile] = await contextFromReader(o.stdin, o.dockerfileName);
      } else if (isLocalDir(o.context)) {
        [contextDir, relDockerfile] = contextFromLocalDir(o.context, o.dockerfileName, env);
        if (relDockerfile.startsWith('../')) {
          // the Dockerfile is outside the context: sent inside it under a random name
          const file = o.dockerfileName;
          let fd: number;
          try {
            fd = openSync(file, 'r');
          } catch (e) {
            throw new ContextError(`unable to open Dockerfile: ${gopath.pathError('open', file, e).message}`);
          }
          closeSync(fd);
          dockerfileSource = async () => readFileSync(file);
        }
      } else if (isGitURL(o.context)) {
        let root: string;
        if (lookPath('git', env) === undefined) throw new Error(`unable to find 'git': exec: "git": executable file not found in $PATH`);
        try {
          [contextDir, root] = await gitClone(o.context, env);
        } catch (e) {
          throw new Error(`unable to 'git clone' to temporary context directory: ${(e as Error).message}`);
        }
        temps.push(root);
        contextDir = resolveContextPath(contextDir, env);
        relDockerfile = dockerfileRelPath(contextDir, o.dockerfileName);
        if (relDockerfile.startsWith('../')) throw new ContextError(`the Dockerfile (${o.dockerfileName}) must be within the build context`);
      } else if (isURL(o.context)) {
        [body, relDockerfile] = await contextFromURL(o.context, o.dockerfileName, o.progress ?? (() => undefined));
      } else {
        throw new ContextError(`unable to prepare context: path "${o.context}" not found`);
      }
    } catch (e) {
      if (e instanceof ContextError && e.message.startsWith('unable to prepare context: path')) throw e;
      if (e instanceof ContextError && e.message.startsWith('unable to open Dockerfile')) throw e;
      throw new PrepareError(`unable to prepare context: ${(e as Error).message}`);
    }

    let extra: ExtraDockerfile | undefined;
    if (body === undefined) {
      let excludes: string[] = [];
      const ignoreFile = `${contextDir}/.dockerignore`;
      let data: Buffer | undefined;
      try {
        data = readFileSync(ignoreFile);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EISDIR') throw new ContextError(`error reading .dockerignore: read ${ignoreFile}: is a directory`);
        if (code !== 'ENOENT') throw gopath.pathError('open', ignoreFile, e);
      }
      if (data) excludes = readIgnoreFile(data);
      try {
        validateContextDirectory(contextDir, excludes);
      } catch (e) {
        throw new ContextError(`error checking context: ${(e as Error).message}`);
      }
      excludes = keepBuildFiles(excludes, relDockerfile, dockerfileFromStdin);
      if (dockerfileSource) {
        const name = `.dockerfile.${randomId20()}`;
        extra = { name, content: await dockerfileSource(), now: Date.now() };
        relDockerfile = name;
      }
      tar = new ContextTar({ root: contextDir, excludes, dockerfile: extra, log: o.log });
    } else if (dockerfileSource) {
      // a downloaded context with the Dockerfile from stdin: added into its tar
      const name = `.dockerfile.${randomId20()}`;
      const content = await dockerfileSource();
      body = Readable.from(addDockerfileToTar(body as AsyncIterable<Buffer>, { name, content, now: Date.now() }), { objectMode: false });
      relDockerfile = name;
    }
    return { tar, stream: body, relDockerfile, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** "unable to prepare context: …" (docker prints a URL download's progress first when quiet) */
export class PrepareError extends ContextError {}

/** the context as one stream, whatever its source */
export function contextStream(p: PreparedContext): Readable {
  return p.stream ?? p.tar!.readable();
}
