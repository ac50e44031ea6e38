// .dockerignore against docker itself: one tree of awkward names (spaces, dots, regexp
// characters, NFC and NFD unicode, emoji, deep nesting, exceptions under ignored folders),
// many ignore files. For each, docker's CLI sends its context to a stand-in engine that
// records it; berth builds its context in-process; the two tars must be the same bytes (the
// same files, in the same order, with the same headers). Ignore files docker refuses are
// compared through the CLI: same message, same exit code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BuildCapture, DOCKER, haveDocker, listTar } from './capture.js';
import { contextStream, prepareContext } from '../../../src/build/prepare.js';
import { asBerth, BERTH, hasBuild } from '../../parity/harness.js';

const FILES = [
  'Dockerfile',
  'README.md',
  'readme.txt',
  'notes.md',
  'a b/c d/e f.txt',
  'a b/plain',
  'a+b',
  '(x)',
  '[y]',
  '{z}',
  '$dollar',
  '^caret',
  '#hash',
  '!bang',
  'back\\slash',
  'q?mark',
  'star*name',
  '.hidden/.inner',
  '.hidden/visible',
  '..dots',
  'a.b.c',
  'ünï/fïle.txt',
  'u\u0308n/nfd.txt',
  '😀/😀.txt',
  '日本/語.txt',
  'deep/a/b/c/d/e/f/g/leaf.txt',
  'deep/a/b/c/keep.txt',
  'deep/a/b/other.txt',
  'deep/a/top.txt',
  'x/1/y',
  'x/y',
  'x/2/3/y',
  'ign/sub/file',
  'ign/sub/other',
  'ign/top',
  'src/main.go',
  'src/lib/util.go',
  'src/lib/util_test.go',
  'z.tmp',
  'dir.tmp/inside',
  'spaced name.txt',
  ' leading space',
  'trailing space ',
  '.git/config',
  'sub/.git/HEAD',
  'sub/Dockerfile',
  'keep',
  'keepme/file',
  'node_modules/pkg/index.js',
  'node_modules/.bin/tool',
];

const IGNORES: [string, string][] = [
  ['none', ''],
  ['everything', '*'],
  ['everything but keep', '*\n!keep'],
  ['double star suffix', '**/*.txt'],
  ['exception deep under an ignored folder (/**)', 'deep/**\n!deep/a/b/c/keep.txt'],
  ['exception deep under an ignored folder', 'deep\n!deep/a/b/c/keep.txt'],
  ['exception under an ignored folder, not a prefix', 'ign\n!**/file'],
  ['exception then its folder re-ignored', 'deep/a\n!deep/a/b\ndeep/a/b/c'],
  ['star in the middle', 'deep/*/b'],
  ['markdown but README', '*.md\n!README.md'],
  ['comments, blanks, spaces', '# comment\n\n   spaced name.txt   \n  # indented comment is a pattern\n'],
  ['leading slash and dot', '/x/y\n./z.tmp\n/deep/a/top.txt'],
  ['a folder with a space', 'a b'],
  ['unicode NFC', 'ünï*'],
  ['unicode NFD', 'u\u0308n'],
  ['emoji and CJK', '😀*\n日本/*.txt'],
  ['git folders anywhere', '**/.git'],
  ['everything but go sources', '**\n!**/*.go'],
  ['exception first', '!**/keep*\nkeep*'],
  ['star star in the middle', 'x/**/y'],
  ['classes', '[a-c]*\n[!a]*'],
  ['negated class', '[^a-z]*'],
  ['question marks', '?\n??.md\nq?mark'],
  ['escapes', '\\*\nstar\\*name\nback\\\\slash\n\\#hash'],
  ['trailing slash cleaned', 'src/lib/\nnode_modules/'],
  ['dot dot cleaned', 'dir/../x\nsrc/./lib/../main.go'],
  ['Dockerfile and .dockerignore ignored', 'Dockerfile\n.dockerignore'],
  ['Dockerfile ignored by a glob', '*file\n*ignore'],
  ['double star twice', '**/**/y'],
  ['regexp characters', 'a+b\n(x)\n{z}\n$dollar\n^caret\n!bang'],
  ['ignored then re-included by the same glob', '*.tmp\n!*.tmp'],
  ['spaced exception', 'deep\n  !  deep/a/top.txt  '],
  ['prefix folder with exception', 'deep/a/b/c/**\n!deep/a/b/c/d'],
  ['case differs', 'README*\nREADME.MD'],
  ['CRLF lines', 'notes.md\r\nx\r\n'],
  ['a BOM', '\ufeffnotes.md\n'],
  ['hidden files', '.*\n!.dockerignore'],
  ['dots and double dots', '..dots\n.hidden/.*'],
  ['node_modules but one', 'node_modules\n!node_modules/pkg'],
  ['trailing star star', 'deep/a/**'],
  ['leading and trailing spaces in names', ' leading space\ntrailing space '],
  ['a name that is only a directory prefix', 'dee'],
  ['exclusion of a folder that was never ignored', '!x\nx/1'],
  ['star alone in a sub folder', 'sub/*'],
];

const BAD: [string, string][] = [
  ['unclosed class', '['],
  ['bang alone', '!'],
  ['trailing backslash in a class', 'a[\\'],
];

let root = '';
let ctx = '';
let sockServer: net.Server | undefined;
const cap = new BuildCapture();

function makeTree(dir: string): void {
  for (const f of FILES) {
    const p = path.join(dir, f);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f === 'Dockerfile' || f === 'sub/Dockerfile' ? 'FROM busybox\n' : `${f}\n`);
  }
  mkdirSync(path.join(dir, 'empty dir'));
  // a named pipe goes as one (the socket beforeAll made is only logged about)
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  symlinkSync('deep/a', path.join(dir, 'link-to-dir'));
  symlinkSync('nowhere', path.join(dir, 'dangling'));
  linkSync(path.join(dir, 'a.b.c'), path.join(dir, 'hardlink'));
  // fixed times, so both tars agree whatever the clock does between the runs
  const t = new Date('2024-05-06T07:08:09Z');
  const walk = (d: string): void => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, f.name);
      if (f.isDirectory()) walk(p);
      if (!f.isSymbolicLink()) utimesSync(p, t, t);
    }
  };
  walk(dir);
  utimesSync(dir, t, t);
}

async function berthTar(dir: string): Promise<Buffer> {
  const prepared = await prepareContext({ context: dir, dockerfileName: '', stdin: process.stdin, log: () => undefined });
  const chunks: Buffer[] = [];
  for await (const c of contextStream(prepared)) chunks.push(c as Buffer);
  prepared.cleanup();
  return Buffer.concat(chunks);
}

describe.skipIf(!haveDocker)('.dockerignore corpus: the context berth sends is the one docker sends', () => {
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'berth-ignore-'));
    ctx = path.join(root, 'ctx');
    mkdirSync(ctx);
    sockServer = net.createServer();
    await new Promise<void>((resolve) => sockServer!.listen(path.join(ctx, 'sock'), resolve));
    makeTree(ctx);
    await cap.start();
  });
  afterAll(async () => {
    await cap.stop();
    sockServer?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  for (const [name, ignore] of IGNORES) {
    it(name, async () => {
      const file = path.join(ctx, '.dockerignore');
      if (ignore === '') rmSync(file, { force: true });
      else {
        writeFileSync(file, ignore);
        const t = new Date('2024-05-06T07:08:09Z');
        utimesSync(file, t, t);
      }
      const d = await cap.run(DOCKER, ['build', ctx]);
      expect(d.build, d.stderr).toBeDefined();
      const b = await berthTar(ctx);
      // the same entries first (a readable diff), then the same bytes
      expect(listTar(b).map((e) => e.name)).toEqual(listTar(d.build!.body).map((e) => e.name));
      expect(b.equals(d.build!.body)).toBe(true);
    });
  }

  // -f: the Dockerfile's exception (TrimBuildFilesFromExcludes) is decided by the deprecated
  // one-parent Matches
  const NESTED: string[] = ['sub', '*', 'sub/*', '**/Dockerfile', 'sub\n!sub/Dockerfile', 's*/D*', 'sub/**'];
  for (const ignore of NESTED) {
    it(`-f sub/Dockerfile with ${JSON.stringify(ignore)}`, async () => {
      writeFileSync(path.join(ctx, '.dockerignore'), ignore);
      const t = new Date('2024-05-06T07:08:09Z');
      utimesSync(path.join(ctx, '.dockerignore'), t, t);
      const df = path.join(ctx, 'sub', 'Dockerfile');
      const d = await cap.run(DOCKER, ['build', '-f', df, ctx]);
      expect(d.build, d.stderr).toBeDefined();
      const prepared = await prepareContext({ context: ctx, dockerfileName: df, stdin: process.stdin, log: () => undefined });
      const chunks: Buffer[] = [];
      for await (const c of contextStream(prepared)) chunks.push(c as Buffer);
      const b = Buffer.concat(chunks);
      expect(listTar(b).map((e) => e.name)).toEqual(listTar(d.build!.body).map((e) => e.name));
      expect(b.equals(d.build!.body)).toBe(true);
      expect(new URL(`http://x${d.build!.url}`).searchParams.get('dockerfile')).toBe(prepared.relDockerfile);
    });
  }

  // a Dockerfile from outside the context: added under a random name, .dockerignore extended
  it('-f outside the context', async () => {
    writeFileSync(path.join(ctx, '.dockerignore'), 'ign\n*.md');
    const outside = path.join(root, 'Outside.Dockerfile');
    writeFileSync(outside, 'FROM busybox\nRUN true\n');
    const d = await cap.run(DOCKER, ['build', '-f', outside, ctx]);
    expect(d.build, d.stderr).toBeDefined();
    const prepared = await prepareContext({ context: ctx, dockerfileName: outside, stdin: process.stdin, log: () => undefined });
    const chunks: Buffer[] = [];
    for await (const c of contextStream(prepared)) chunks.push(c as Buffer);
    const b = Buffer.concat(chunks);
    const dName = new URL(`http://x${d.build!.url}`).searchParams.get('dockerfile')!;
    expect(dName).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    expect(prepared.relDockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    // the same bytes once the random name is the same and the appended Dockerfile's header
    // (its mtime is the time of the build, so its checksum too) is set aside
    const same = `.dockerfile.${'R'.repeat(20)}`;
    const norm = (buf: Buffer, random: string): Buffer => Buffer.from(buf.toString('latin1').replaceAll(random, same), 'latin1');
    const nb = norm(b, prepared.relDockerfile);
    const nd = norm(d.build!.body, dName);
    expect(nb.length).toBe(nd.length);
    const at = nd.lastIndexOf(`${same}\0`);
    expect(at % 512).toBe(0);
    expect(nb.subarray(0, at).equals(nd.subarray(0, at))).toBe(true);
    const strip = (h: Buffer): Buffer => Buffer.concat([h.subarray(at, at + 136), h.subarray(at + 156, at + 512)]);
    expect(strip(nb).equals(strip(nd))).toBe(true);
    expect(nb.subarray(at + 512).equals(nd.subarray(at + 512))).toBe(true);
  });

  for (const [name, ignore] of BAD) {
    it.skipIf(!hasBuild())(`refused: ${name}`, async () => {
      writeFileSync(path.join(ctx, '.dockerignore'), ignore);
      const d = await cap.run(DOCKER, ['build', ctx]);
      const b = await cap.run(BERTH, ['build', ctx]);
      expect(b.code).toBe(d.code);
      expect(b.stdout).toBe(d.stdout);
      expect(b.stderr).toBe(asBerth(d.stderr));
    });
  }
});

// What an unprivileged user cannot read: docker checks the whole context first (an ignored
// file is not checked, an ignored directory is listed all the same) and refuses with its
// message. Both clients run as nobody.
const asNobody = existsSync('/usr/bin/setpriv') && process.getuid?.() === 0 ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined;

describe.skipIf(!haveDocker || !hasBuild() || !asNobody)('unreadable files, as an unprivileged user', () => {
  const capture = new BuildCapture();
  let base = '';
  beforeAll(async () => {
    base = mkdtempSync(path.join(os.tmpdir(), 'berth-perm-'));
    chmodSync(base, 0o755);
    await capture.start();
  });
  afterAll(async () => {
    await capture.stop();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  const cases: [string, Record<string, string>, string[], string?][] = [
    ['a file it cannot read', { 'ok.txt': 'ok', secret: 's' }, ['secret']],
    ['a file it cannot read, ignored', { 'ok.txt': 'ok', secret: 's', '.dockerignore': 'secret' }, ['secret']],
    ['a directory it cannot list', { 'ok.txt': 'ok', 'locked/f': 'f' }, ['locked']],
    ['a directory it cannot list, ignored', { 'ok.txt': 'ok', 'locked/f': 'f', '.dockerignore': 'locked' }, ['locked']],
    ['a directory it cannot enter, ignored with an exception inside', { 'ok.txt': 'ok', 'locked/f': 'f', '.dockerignore': 'locked\n!locked/f' }, ['locked']],
    ['a .dockerignore it cannot read', { 'ok.txt': 'ok', '.dockerignore': 'x' }, ['.dockerignore']],
    ['a Dockerfile it cannot read', { 'ok.txt': 'ok' }, ['Dockerfile']],
  ];
  for (const [name, files, locked] of cases) {
    it(name, async () => {
      const dir = mkdtempSync(path.join(base, 'ctx-'));
      chmodSync(dir, 0o755);
      for (const [f, content] of Object.entries({ Dockerfile: 'FROM busybox\n', ...files })) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        writeFileSync(path.join(dir, f), content);
      }
      for (const l of locked) chmodSync(path.join(dir, l), 0);
      const d = await capture.run(DOCKER, ['build', dir], { wrap: asNobody, cwd: base });
      const b = await capture.run(BERTH, ['build', dir], { wrap: asNobody, cwd: base });
      expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: d.stdout, stderr: asBerth(d.stderr) });
      expect(b.build?.body.equals(d.build!.body) ?? d.build === undefined).toBe(true);
    });
  }
});
