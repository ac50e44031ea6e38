// build / image build against `DOCKER_BUILDKIT=0 docker build`, on the same engine. Builds
// are run one after the other (never at once: the first fills the cache the second uses):
// once with docker to fill the cache, then docker and berth, whose whole output must then be
// the same bytes, image IDs included. Builds that cannot use the cache (--no-cache, failing
// steps) are compared with their random container and image IDs masked, and the files of
// the images they make are compared from inside. Every image carries a label unique to the
// run, and only what has it is removed at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { asBerth, berth, docker, skipReason, uniqueName, type Result, type RunOptions } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/build: skipped: ${reason}`);

const RUN_LABEL = `berth.test.build=${process.pid}`;
const tags: string[] = [];
let root = '';

function tag(): string {
  const t = `${uniqueName('berth-build')}:t`;
  tags.push(t);
  return t;
}

/** a context directory from { path: content } (a Dockerfile first line FROM busybox + the run's label) */
function context(files: Record<string, string>, dockerfile?: string): string {
  const dir = mkdtempSync(path.join(root, 'ctx-'));
  if (dockerfile !== undefined) files = { Dockerfile: dockerfile, ...files };
  for (const [p, content] of Object.entries(files)) {
    const f = path.join(dir, p);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, content);
  }
  return dir;
}

/** FROM busybox, the run's label, then `lines` */
function df(...lines: string[]): string {
  return ['FROM busybox', `LABEL ${RUN_LABEL}`, ...lines].join('\n') + '\n';
}

/** docker, then berth, one after the other */
async function inTurn(args: string[], o?: RunOptions): Promise<{ docker: Result; berth: Result }> {
  const d = await docker(args, o);
  const b = await berth(args, o);
  return { docker: { code: d.code, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) }, berth: b };
}

/** docker once to fill the cache, then both: the same bytes */
async function cached(args: string[], o?: RunOptions, mustSucceed = true): Promise<{ docker: Result; berth: Result }> {
  const warm = await docker(args, o);
  if (mustSucceed) expect(warm.code, warm.stderr).toBe(0);
  return inTurn(args, o);
}

/** the IDs a build makes afresh */
function mask(s: string): string {
  return s
    .replace(/(Running in |Removing intermediate container | ---> |Successfully built )[0-9a-f]{12}/g, '$1<id>')
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<id>');
}

function same(r: { docker: Result; berth: Result }, masked = false): void {
  const f = masked ? mask : (s: string) => s;
  expect({ code: r.berth.code, stdout: f(r.berth.stdout), stderr: f(r.berth.stderr) }).toEqual({ code: r.docker.code, stdout: f(r.docker.stdout), stderr: f(r.docker.stderr) });
}

describe.skipIf(reason !== '')('build matches DOCKER_BUILDKIT=0 docker build', () => {
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'berth-build-'));
  });
  afterAll(async () => {
    for (const t of tags) await docker(['image', 'rm', '-f', t]);
    await docker(['image', 'prune', '-f', '--filter', `label=${RUN_LABEL}`]);
    if (root) rmSync(root, { recursive: true, force: true });
    // docker leaves the clone of a git context with a sub-directory behind (it removes the
    // sub-directory only): those of this run's repository go
    for (const d of readdirSync(os.tmpdir())) {
      if (!d.startsWith('docker-build-git')) continue;
      const dir = path.join(os.tmpdir(), d);
      try {
        if (readFileSync(path.join(dir, 'Dockerfile'), 'utf8').includes(RUN_LABEL)) rmSync(dir, { recursive: true, force: true });
      } catch {
        // not one of ours
      }
    }
  });

  it('a cached build: the whole output, image IDs included', async () => {
    const dir = context({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n' }, df('COPY . /ctx/', 'ENV X=1', 'WORKDIR /ctx', 'RUN ls > /list'));
    same(await cached(['build', '-t', tag(), '-t', tag(), dir]));
  });

  it('--compress: the same build (the compressed size is zlib\'s, not Go\'s)', async () => {
    const dir = context({ 'a.txt': 'a\n'.repeat(1000) }, df('COPY a.txt /'));
    const r = await cached(['build', '--compress', dir]);
    const size = (s: string): string => s.replace(/^(Sending build context to Docker daemon) +\S+/, '$1 <size>');
    same({ docker: { ...r.docker, stdout: size(r.docker.stdout) }, berth: { ...r.berth, stdout: size(r.berth.stdout) } });
  });

  it('image build, -q and --iidfile', async () => {
    const dir = context({ 'a.txt': 'a\n' }, df('COPY a.txt /'));
    same(await cached(['image', 'build', '-q', dir]));
    const di = path.join(root, 'docker.iid');
    const bi = path.join(root, 'berth.iid');
    const d = await docker(['build', '-q', '--iidfile', di, dir]);
    const b = await berth(['build', '-q', '--iidfile', bi, dir]);
    expect(b.stdout).toBe(d.stdout);
    expect(readFileSync(bi, 'utf8')).toBe(readFileSync(di, 'utf8'));
    await docker(['build', '--iidfile', di, dir]);
    await berth(['build', '--iidfile', bi, dir]);
    expect(readFileSync(bi, 'utf8')).toBe(readFileSync(di, 'utf8'));
  });

  it('build args (given and from the environment), labels, target of a multi-stage build', async () => {
    const dir = context(
      {},
      [
        'FROM busybox AS base',
        `LABEL ${RUN_LABEL}`,
        'ARG A',
        'ARG FROM_ENV',
        'RUN echo "$A $FROM_ENV" > /args',
        'FROM base AS second',
        'RUN cat /args',
        'FROM busybox',
        'RUN false',
      ].join('\n'),
    );
    same(await cached(['build', '--build-arg', 'A=1', '--build-arg', 'FROM_ENV', '--label', 'x=y', '--label', 'z', '--target', 'second', dir], { env: { FROM_ENV: 'env value' } }));
  });

  it('the resource and network flags', async () => {
    const dir = context({}, df('RUN true'));
    same(
      await cached([
        'build', '-m', '64m', '--memory-swap', '-1', '--shm-size', '16m', '-c', '512', '--cpu-period', '100000', '--cpu-quota', '50000',
        '--cpuset-cpus', '0', '--ulimit', 'nofile=1024:2048', '--add-host', 'h:10.0.0.1', '--network', 'host',
        '--isolation', 'default', '--platform', 'Linux/AMD64', '--pull=false', '--rm', '--force-rm', dir,
      ]),
    );
  });

  it('--no-cache: output equal once IDs are masked; the images hold the same files', async () => {
    const dir = context({ 'a b/c.txt': 'c\n', 'ünï/fïle': 'u\n', 'x.sh': '#!/bin/sh\n', 'deep/1/2/3/4/5/leaf': 'l\n' }, df('COPY . /ctx/'));
    chmodSync(path.join(dir, 'x.sh'), 0o755);
    chmodSync(path.join(dir, 'a b'), 0o750);
    symlinkSync('x.sh', path.join(dir, 'link'));
    linkSync(path.join(dir, 'x.sh'), path.join(dir, 'hard'));
    mkdirSync(path.join(dir, 'empty'));
    const old = new Date('2001-02-03T04:05:06Z');
    utimesSync(path.join(dir, 'a b', 'c.txt'), old, old);
    writeFileSync(path.join(dir, '.dockerignore'), 'deep/**\n!deep/1/2/3/4/5/leaf\n');
    const td = tag();
    const tb = tag();
    const d = await docker(['build', '--no-cache', '-t', td, dir]);
    const b = await berth(['build', '--no-cache', '-t', tb, dir]);
    same({ docker: { ...d, stdout: d.stdout.replace(td, tb) }, berth: b }, true);
    const list = ['run', '--rm', '--entrypoint', 'sh'];
    // directories the context holds no entry for are made at the time of the build: no mtime
    const script = 'cd /ctx && find . | sort | while read f; do if [ -d "$f" ]; then stat -c "%n %A %u:%g" "$f"; else stat -c "%n %A %u:%g %s %h %Y %N" "$f"; fi; done';
    const fd = await docker([...list, td, '-c', script]);
    const fb = await docker([...list, tb, '-c', script]);
    expect(fd.code).toBe(0);
    expect(fb.stdout).toBe(fd.stdout);
    expect(fd.stdout).toContain('./deep/1/2/3/4/5/leaf');
  });

  it('--cache-from: only those images are cache candidates', async () => {
    const dir = context({}, df('RUN true'));
    same(await inTurn(['build', '--cache-from', 'busybox,nonexistent', '--cache-from', 'other', dir]), true);
  });

  it('a failing step: its message and exit code', async () => {
    // one stream each: the daemon may interleave a step's stdout and stderr either way
    const out = context({}, df('RUN echo out; exit 3'));
    same(await cached(['build', '--force-rm', out], undefined, false), true);
    const err = context({}, df('RUN echo err >&2; exit 4'));
    same(await cached(['build', '--force-rm', err], undefined, false), true);
  });

  it('a missing file to COPY', async () => {
    const dir = context({ '.dockerignore': 'secret' , secret: 's' }, df('COPY secret /'));
    same(await cached(['build', dir], undefined, false));
  });

  it('--pull from a registry: the pull statuses among the steps', async (t) => {
    // the test engine's open registry (scripts/engine.sh); one fixed name, pushed again each run
    const base = 'localhost:5001/berth-build-test/base:1';
    await docker(['tag', 'busybox', base]);
    tags.push(base);
    const pushed = await docker(['push', base]);
    if (pushed.code !== 0) t.skip();
    const dir = context({ 'a.txt': 'a' }, [`FROM ${base}`, `LABEL ${RUN_LABEL}`, 'COPY a.txt /'].join('\n'));
    same(await cached(['build', '--pull', dir]));
  });

  it('a base image that cannot be pulled', async () => {
    const dir = context({}, `FROM ${uniqueName('berth-nonexistent')}:1\n`);
    same(await inTurn(['build', dir]));
  });

  it('Dockerfile errors from the daemon', async () => {
    const dir = context({ 'Dockerfile.empty': '', 'Dockerfile.bad': 'FROM busybox\nNOPE x\n' });
    same(await inTurn(['build', '-f', path.join(dir, 'Dockerfile.empty'), dir]));
    same(await inTurn(['build', '-f', path.join(dir, 'Dockerfile.bad'), dir]));
    // -q: what was held back is shown with the error
    same(await inTurn(['build', '-q', '-f', path.join(dir, 'Dockerfile.empty'), dir]));
  });

  it('-q: a failing step shows the output held back, then the error', async () => {
    const dir = context({}, df('RUN echo out; exit 5'));
    same(await cached(['build', '-q', '--force-rm', dir], undefined, false), true);
  });

  it('contexts and Dockerfiles that are not there', async () => {
    const dir = context({ 'a.txt': 'a' });
    same(await inTurn(['build', path.join(root, 'nonexistent')]));
    same(await inTurn(['build', path.join(dir, 'a.txt')]));
    same(await inTurn(['build', dir]));
    same(await inTurn(['build', '-f', 'nope', dir]));
    same(await inTurn(['build', '-f', path.join(dir, 'nodir', 'Dockerfile'), dir]));
    same(await inTurn(['build']));
    same(await inTurn(['build', dir, dir]));
  });

  it('a lowercase dockerfile is found; an ignored Dockerfile is still sent', async () => {
    const lower = context({ dockerfile: df('COPY a /'), a: 'a' });
    same(await cached(['build', lower]));
    const ignored = context({ a: 'a', '.dockerignore': 'Dockerfile\n.dockerignore\n' }, df('COPY . /c/'));
    same(await cached(['build', ignored]));
  });

  it('-f outside the context, and -f - with a context directory', async () => {
    // with a .dockerignore, docker appends the Dockerfile alone (two entries come in random order)
    const dir = context({ 'a.txt': 'a', '.dockerignore': 'b' });
    const outside = path.join(root, 'Outside.Dockerfile');
    writeFileSync(outside, df('COPY a.txt /'));
    same(await cached(['build', '-f', outside, dir]));
    same(await cached(['build', '-f', '-', dir], { input: df('COPY a.txt /x') }));
  });

  it('stdin: a tar, a gzipped tar, a lone Dockerfile; and what stdin cannot be', async () => {
    const dir = context({ 'a.txt': 'a' }, df('COPY a.txt /'));
    const tar = execFileSync('tar', ['-C', dir, '-c', '.']);
    same(await cached(['build', '-'], { input: tar }));
    same(await cached(['build', '-'], { input: gzipSync(tar) }));
    same(await cached(['build', '-'], { input: df('RUN true') }));
    same(await inTurn(['build', '-f', '-', '-'], { input: 'x' }));
    same(await inTurn(['build', '-f', 'Dockerfile', '-'], { input: df() }));
  });

  it('the builder notices: DOCKER_BUILDKIT unset, 1, not a boolean', async () => {
    const dir = context({}, df());
    same(await cached(['build', dir], { env: { DOCKER_BUILDKIT: undefined } }));
    same(await inTurn(['build', dir], { env: { DOCKER_BUILDKIT: '1' } }));
    same(await inTurn(['build', dir], { env: { DOCKER_BUILDKIT: 'maybe' } }));
    // before flags are parsed: --help too; but not the help command
    same(await inTurn(['build', '--help'], { env: { DOCKER_BUILDKIT: '1' } }));
    same(await inTurn(['image', 'build', '--bogus'], { env: { DOCKER_BUILDKIT: undefined } }));
    same(await inTurn(['help', 'build']));
  });

  it('flags the engine cannot take, bad flag values', async () => {
    const dir = context({}, df());
    same(await inTurn(['build', '--squash', dir]));
    same(await inTurn(['build', '--security-opt', 'no-new-privileges', dir]));
    same(await inTurn(['build', '--isolation', 'hyperv', dir]));
    same(await inTurn(['build', '--platform', 'bogus', dir]));
    same(await inTurn(['build', '--network', 'host', '--platform', 'linux', dir], { env: { DOCKER_API_VERSION: '1.24' } }));
    same(await inTurn(['build', '-t', 'Bad', dir]));
    same(await inTurn(['build', '--ulimit', 'nofile', dir]));
    same(await inTurn(['build', '-m', 'lots', dir]));
    same(await inTurn(['build', '--build-arg', '=x', dir]));
    same(await inTurn(['build', '--progress', 'plain', dir]));
  });

  describe('remote contexts', () => {
    let server: http.Server | undefined;
    let base = '';
    const www = (): string => path.join(root, 'www');
    beforeAll(async () => {
      mkdirSync(www(), { recursive: true });
      // a static file server (what a git "dumb" server is too)
      server = http.createServer((req, res) => {
        const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!);
        const file = path.join(www(), rel);
        let data: Buffer;
        try {
          data = readFileSync(file);
        } catch {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not here\n');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
        res.end(req.method === 'HEAD' ? undefined : data);
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server!.address() as { port: number }).port}`;
    });
    afterAll(() => server?.close());

    /** docker's own upload and download lines depend on when the engine stops reading: set aside */
    const noProgress = (r: { docker: Result; berth: Result }): { docker: Result; berth: Result } => {
      const strip = (s: string): string => s.replace(/(Downloading build context from remote url:|Sending build context to Docker daemon) [^\r\n]*\r(\r\n)?/g, '');
      return { docker: { ...r.docker, stdout: strip(r.docker.stdout), stderr: strip(r.docker.stderr) }, berth: { ...r.berth, stdout: strip(r.berth.stdout), stderr: strip(r.berth.stderr) } };
    };

    it('a tarball, a gzipped tarball, a Dockerfile; 404 and refused connections', async () => {
      const dir = context({ 'a.txt': 'a' }, df('COPY a.txt /'));
      const tar = execFileSync('tar', ['-C', dir, '-c', '.']);
      writeFileSync(path.join(www(), 'ctx.tar'), tar);
      writeFileSync(path.join(www(), 'ctx.tar.gz'), gzipSync(tar));
      writeFileSync(path.join(www(), 'Dockerfile'), df('RUN true'));
      same(noProgress(await cached(['build', `${base}/ctx.tar`])));
      same(noProgress(await cached(['build', `${base}/ctx.tar.gz`])));
      same(noProgress(await cached(['build', `${base}/Dockerfile`])));
      same(await cached(['build', '-q', `${base}/Dockerfile`]));
      // the Dockerfile from stdin goes into the downloaded tar; a gzipped one cannot take it
      same(noProgress(await cached(['build', '-f', '-', `${base}/ctx.tar`], { input: df('COPY a.txt /y') })));
      const random = (r: { docker: Result; berth: Result }): { docker: Result; berth: Result } => {
        const m = (s: string): string => s.replace(/\.dockerfile\.[0-9a-f]{20}/g, '.dockerfile.R');
        return { docker: { ...r.docker, stderr: m(r.docker.stderr) }, berth: { ...r.berth, stderr: m(r.berth.stderr) } };
      };
      same(random(noProgress(await inTurn(['build', '-f', '-', `${base}/ctx.tar.gz`], { input: df() }))));
      same(noProgress(await inTurn(['build', `${base}/nothing`])));
      same(await inTurn(['build', 'http://127.0.0.1:1/ctx.tar']));
    });

    it('git repositories: a branch, a tag, a sub-directory, what is not there', async () => {
      const src = path.join(root, 'gitsrc');
      mkdirSync(path.join(src, 'sub'), { recursive: true });
      writeFileSync(path.join(src, 'Dockerfile'), df('COPY Dockerfile /'));
      writeFileSync(path.join(src, 'sub', 'Dockerfile'), df('COPY x /'));
      writeFileSync(path.join(src, 'sub', 'x'), 'x\n');
      const git = (...args: string[]): void => void execFileSync('git', ['-c', 'user.email=b@e', '-c', 'user.name=berth', ...args], { cwd: src, stdio: 'ignore' });
      git('init', '-q', '-b', 'master');
      git('add', '.');
      git('commit', '-qm', 'one');
      git('tag', 'v1');
      git('checkout', '-qb', 'other');
      writeFileSync(path.join(src, 'Dockerfile'), df('COPY sub/x /'));
      git('commit', '-qam', 'two');
      execFileSync('git', ['clone', '-q', '--bare', src, path.join(www(), 'repo.git')], { stdio: 'ignore' });
      execFileSync('git', ['update-server-info'], { cwd: path.join(www(), 'repo.git') });
      const repo = `${base}/repo.git`;
      const tmp = (r: { docker: Result; berth: Result }): { docker: Result; berth: Result } => {
        const m = (s: string): string => s.replace(/docker-build-git[0-9]+/g, 'docker-build-gitN');
        return { docker: { ...r.docker, stderr: m(r.docker.stderr) }, berth: { ...r.berth, stderr: m(r.berth.stderr) } };
      };
      same(await cached(['build', '-q', `${repo}#v1:sub`]));
      same(await cached(['build', '-q', `${repo}#other`]));
      // -f is inside the checkout (its COPY then fails: x is in sub/)
      same(await cached(['build', '-q', '-f', 'sub/Dockerfile', `${repo}#v1`], undefined, false));
      same(tmp(await inTurn(['build', '-q', `${repo}#nope`])));
      same(tmp(await inTurn(['build', '-q', `${repo}#master:nodir`])));
      same(tmp(await inTurn(['build', '-q', `${repo}#-bad`])));
    });
  });

  it('content trust: FROM images are looked up in Notary (unreachable here), scratch needs none', async () => {
    const dir = context({ 'a.txt': 'a' }, df('COPY a.txt /'));
    const r = await inTurn(['build', dir], { env: { DOCKER_CONTENT_TRUST: '1' } });
    // Go names the resolver it asked, node does not; docker's tar writer may log that its
    // pipe was closed under it, depending on where it was
    // (both sides: whether Go names it varies from run to run here, and berth names it)
    r.docker.stderr = r.docker.stderr.replace(/(lookup \S+) on [^:]+:53:/, '$1:').replace(/^time=.*level=error.*\n/gm, '');
    r.berth.stderr = r.berth.stderr.replace(/(lookup \S+) on [^:]+:53:/, '$1:');
    same(r);
    const scratch = context({ 'a.txt': 'a' }, `FROM scratch\r\nLABEL ${RUN_LABEL}\r\nCOPY a.txt /`);
    same(await cached(['build', scratch], { env: { DOCKER_CONTENT_TRUST: '1' } }));
  });

  it('completion of the context argument: directories', async () => {
    same(await inTurn(['__complete', 'build', '']));
    same(await inTurn(['__complete', 'image', 'build', '--no-cache', '']));
  });

  it('build --help without an engine', async () => {
    same(await inTurn(['build', '--help'], { env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } }));
  });

  it('no engine', async () => {
    const dir = context({}, df());
    const r = await inTurn(['build', dir], { env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
    // docker may also log that its tar writer met a closed pipe, depending on timing
    r.docker.stderr = r.docker.stderr.replace(/^time=.*level=error.*\n/gm, '');
    same(r);
  });
});
