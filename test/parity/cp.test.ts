// Differential tests of `cp` against the reference docker CLI: each case runs docker and
// berth from the same starting state into destinations of their own (local directories, or
// two containers made alike), then compares exit code, stdout, stderr and the tree each
// produced (names, types, modes, owners, sizes, contents, link targets, mtimes).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, utimesSync, writeFileSync, chmodSync, lutimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, DOCKER, asBerth, berth, docker, run, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/cp: skipped: ${reason}`);

/** a fixed past time for everything the tests make, so mtimes can be compared */
const PAST = new Date('2021-02-03T04:05:06Z');
const PAST_TOUCH = '2021-02-03 04:05:06';
/** mtimes from the test run itself (directories that received entries) are masked */
const START = Math.floor(Date.now() / 1000) - 5;

/** a local tree as lines: path, type, mode, size, content hash or link target, mtime, links */
function localTree(root: string): string[] {
  const out: string[] = [];
  const walk = (p: string, rel: string): void => {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      out.push(`${rel} <missing>`);
      return;
    }
    const mtime = Math.floor(st.mtimeMs / 1000) >= START ? 'now' : String(Math.floor(st.mtimeMs / 1000));
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out.push(`${rel} link ${readlinkSync(p)} ${mtime}`);
    else if (st.isFIFO() || st.isCharacterDevice() || st.isBlockDevice()) out.push(`${rel} special ${st.mode.toString(8)} ${st.rdev} ${mtime}`);
    else if (st.isDirectory()) {
      out.push(`${rel} dir ${mode} ${st.uid}:${st.gid} ${mtime}`);
      for (const n of readdirSync(p).sort()) walk(join(p, n), `${rel}/${n}`);
    } else {
      const hash = createHash('sha1').update(readFileSync(p)).digest('hex').slice(0, 12);
      out.push(`${rel} file ${mode} ${st.uid}:${st.gid} ${st.size} ${hash} ${mtime} n${st.nlink}`);
    }
  };
  walk(root, '.');
  return out;
}

/** a tree in a container, with the same columns (busybox stat and sha1sum) */
async function containerTree(c: string, root: string): Promise<string[]> {
  const script = `cd ${root} 2>/dev/null || { echo '<missing>'; exit 0; }; find . | sort | while read -r f; do
    if [ -L "$f" ]; then echo "$f link $(readlink "$f") $(stat -c %Y "$f")";
    elif [ -d "$f" ]; then echo "$f dir $(stat -c '%a %u:%g %Y' "$f")";
    else echo "$f file $(stat -c '%a %u:%g %s' "$f") $(sha1sum < "$f" | cut -c1-12) $(stat -c '%Y n%h' "$f")"; fi; done`;
  const r = await docker(['exec', c, 'sh', '-c', script]);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => l.replace(/ (\d{9,})( n\d+)?$/, (m, t: string, n?: string) => ` ${Number(t) >= START ? 'now' : t}${n ?? ''}`));
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

const norm = (r: Result, subs: [string, string][]): Outcome => {
  const f = (s: string): string => subs.reduce((acc, [a, b]) => acc.split(a).join(b), s);
  return { code: r.code, stdout: f(r.stdout), stderr: f(r.stderr) };
};

describe.skipIf(reason !== '')('cp matches docker', () => {
  const base = mkdtempSync(join(tmpdir(), 'berth-cp-'));
  const src = join(base, 'src');
  const srcC = uniqueName('bcp-src');
  const dstD = uniqueName('bcp-dd');
  const dstB = uniqueName('bcp-db');
  let n = 0;

  beforeAll(async () => {
    // the local source tree
    mkdirSync(join(src, 'dir', 'sub'), { recursive: true });
    writeFileSync(join(src, 'dir', 'a.txt'), 'alpha\n');
    writeFileSync(join(src, 'dir', 'sub', 'b'), 'bravo\n');
    writeFileSync(join(src, 'file'), 'a file\n');
    writeFileSync(join(src, 'owned'), 'owned\n');
    writeFileSync(join(src, 'exec'), '#!/bin/sh\n');
    chmodSync(join(src, 'exec'), 0o4755);
    chmodSync(join(src, 'dir', 'sub'), 0o750);
    chownSync(join(src, 'owned'), 1234, 5678);
    linkSync(join(src, 'dir', 'a.txt'), join(src, 'dir', 'hard'));
    symlinkSync('a.txt', join(src, 'dir', 'lnk'));
    symlinkSync('file', join(src, 'flink'));
    symlinkSync('dir', join(src, 'dlink'));
    writeFileSync(join(src, 'with:colon'), 'colon\n');
    for (const p of ['dir/a.txt', 'dir/sub/b', 'file', 'owned', 'exec', 'with:colon', 'dir/sub', 'dir', '.']) utimesSync(join(src, p), PAST, PAST);
    for (const p of ['dir/lnk', 'flink', 'dlink']) lutimesSync(join(src, p), PAST, PAST);
    // the container source tree
    const make = `mkdir -p /data/dir/sub /data/empty && echo one > /data/dir/f && echo two > /data/dir/sub/g &&
      ln /data/dir/f /data/dir/hard && mkfifo -m 640 /data/dir/fifo && ln -s f /data/dir/ln && ln -s /data/dir /data/dl && ln -s dir/f /data/fl &&
      echo x > /data/file && chmod 640 /data/file && chmod 2751 /data/dir/sub && chown 1000:1000 /data/dir/f &&
      echo rel > /rootfile &&
      find /data /rootfile -exec touch -h -d '${PAST_TOUCH}' {} + && sleep 600`;
    // a WORKDIR of its own: relative container paths are taken from /, not from it
    await docker(['run', '-d', '--name', srcC, '-w', '/data/dir', 'busybox', 'sh', '-c', make]);
    const dstMake = `mkdir -p /dst/d /dst/ed && echo old > /dst/f && ln -s d /dst/dl && touch -d '${PAST_TOUCH}' /dst/f /dst/d /dst/ed && sleep 600`;
    await Promise.all([docker(['run', '-d', '--name', dstD, '-w', '/dst/d', 'busybox', 'sh', '-c', dstMake]), docker(['run', '-d', '--name', dstB, '-w', '/dst/d', 'busybox', 'sh', '-c', dstMake])]);
    // until the scripts have run (their last step dates the files)
    const past = String(Math.floor(PAST.getTime() / 1000));
    for (let i = 0; i < 100; i++) {
      const r = await Promise.all([
        docker(['exec', srcC, 'sh', '-c', `test "$(stat -c %Y /rootfile)" = ${past}`]),
        ...[dstD, dstB].map((c) => docker(['exec', c, 'sh', '-c', `test "$(stat -c %Y /dst/ed)" = ${past}`])),
      ]);
      if (r.every((x) => x.code === 0)) break;
      await new Promise((res) => setTimeout(res, 100));
    }
  }, 30_000);

  afterAll(async () => {
    await docker(['rm', '-f', srcC, dstD, dstB]);
    rmSync(base, { recursive: true, force: true });
  });

  /** from the container: each side copies into a local directory of its own, prepared alike */
  const fromCases: { name: string; args: (d: string) => string[]; prep?: (d: string) => void }[] = [
    { name: 'dir to a new name', args: (d) => ['cp', `${srcC}:/data/dir`, `${d}/new`] },
    { name: 'dir into an existing dir', args: (d) => ['cp', `${srcC}:/data/dir`, d] },
    { name: 'dir contents (/.) into an existing dir', args: (d) => ['cp', `${srcC}:/data/dir/.`, `${d}/`] },
    { name: 'dir contents (/.) to a new name', args: (d) => ['cp', `${srcC}:/data/dir/.`, `${d}/fresh`] },
    { name: 'file into a dir', args: (d) => ['cp', `${srcC}:/data/file`, d] },
    { name: 'file to a new name', args: (d) => ['cp', `${srcC}:/data/file`, `${d}/renamed`] },
    { name: 'file over a file', args: (d) => ['cp', `${srcC}:/data/file`, `${d}/existing`], prep: (d) => writeFileSync(join(d, 'existing'), 'old contents\n') },
    { name: 'file with trailing slash', args: (d) => ['cp', `${srcC}:/data/file/`, d] },
    { name: 'file to a missing dir/', args: (d) => ['cp', `${srcC}:/data/file`, `${d}/nodir/`] },
    { name: 'file below a missing dir', args: (d) => ['cp', `${srcC}:/data/file`, `${d}/nodir/x`] },
    { name: 'dir over a file', args: (d) => ['cp', `${srcC}:/data/dir`, `${d}/existing`], prep: (d) => writeFileSync(join(d, 'existing'), 'old\n') },
    { name: 'dir over a dir with a file of the same name', args: (d) => ['cp', `${srcC}:/data/dir/.`, d], prep: (d) => mkdirSync(join(d, 'f')) },
    { name: 'symlink without -L', args: (d) => ['cp', `${srcC}:/data/fl`, d] },
    { name: 'symlink with -L', args: (d) => ['cp', '-L', `${srcC}:/data/fl`, d] },
    { name: 'dir symlink with -L to a new name', args: (d) => ['cp', '-L', `${srcC}:/data/dl`, `${d}/x`] },
    { name: 'dir symlink/ with -L', args: (d) => ['cp', '-L', `${srcC}:/data/dl/`, d] },
    { name: 'to a local symlink to a dir', args: (d) => ['cp', `${srcC}:/data/file`, `${d}/ld`], prep: (d) => (mkdirSync(join(d, 'real')), symlinkSync('real', join(d, 'ld'))) },
    { name: 'relative container path (from /)', args: (d) => ['cp', `${srcC}:rootfile`, d] },
    { name: 'relative container path naming a WORKDIR entry', args: (d) => ['cp', `${srcC}:f`, d] },
    { name: 'empty dir', args: (d) => ['cp', `${srcC}:/data/empty`, d] },
    { name: 'quiet', args: (d) => ['cp', '-q', `${srcC}:/data/file`, d] },
    { name: 'no such path', args: (d) => ['cp', `${srcC}:/nonexistent`, d] },
    { name: 'empty path', args: (d) => ['cp', `${srcC}:`, d] },
    { name: 'no such container', args: (d) => ['cp', 'bcp-nosuch-container:/x', d] },
  ];

  for (const c of fromCases) {
    it(`from container: ${c.name}`, async () => {
      n++;
      const dd = join(base, `d${n}`);
      const bd = join(base, `b${n}`);
      mkdirSync(dd);
      mkdirSync(bd);
      c.prep?.(dd);
      c.prep?.(bd);
      utimesSync(dd, PAST, PAST);
      utimesSync(bd, PAST, PAST);
      const [d, b] = await Promise.all([docker(c.args(dd)), berth(c.args(bd))]);
      expect(norm(b, [[bd, '<D>']])).toEqual(norm({ ...d, stderr: asBerth(d.stderr) }, [[dd, '<D>']]));
      expect(localTree(bd)).toEqual(localTree(dd));
    });
  }

  it('from container: to stdout (-)', async () => {
    const args = ['cp', `${srcC}:/data/dir`, '-'];
    const [d, b] = await Promise.all([docker(args), berth(args)]);
    expect(b.code).toBe(d.code);
    expect(b.stderr).toBe(d.stderr);
    expect(b.stdout.length).toBeGreaterThan(1024);
    expect(b.stdout).toBe(d.stdout);
  });

  it('from container: to stdout (-) that fails (/dev/full)', async () => {
    const cmd = (bin: string): string[] => ['-c', `${bin} cp ${srcC}:/data/dir - >/dev/full`];
    const [d, b] = await Promise.all([run('bash', cmd(DOCKER)), run('bash', cmd(BERTH))]);
    expect(b).toEqual({ ...d, stderr: asBerth(d.stderr) });
  });

  /** to the container: each side copies into a container of its own, made alike */
  const toCases: { name: string; args: (c: string) => string[]; input?: () => Buffer; stdinFile?: () => string }[] = [
    { name: 'file into a dir', args: (c) => ['cp', join(src, 'file'), `${c}:/dst/d`] },
    { name: 'file to a new name', args: (c) => ['cp', join(src, 'file'), `${c}:/dst/d/renamed`] },
    { name: 'file over a file', args: (c) => ['cp', join(src, 'exec'), `${c}:/dst/f`] },
    { name: 'file to a missing dir/', args: (c) => ['cp', join(src, 'file'), `${c}:/dst/nodir/`] },
    { name: 'file below a missing dir', args: (c) => ['cp', join(src, 'file'), `${c}:/dst/nodir/x`] },
    { name: 'file with trailing slash', args: (c) => ['cp', `${join(src, 'file')}/`, `${c}:/dst/d`] },
    { name: 'dir into a dir', args: (c) => ['cp', join(src, 'dir'), `${c}:/dst/d`] },
    { name: 'dir to a new name', args: (c) => ['cp', join(src, 'dir'), `${c}:/dst/newdir`] },
    { name: 'dir contents (/.) into a dir', args: (c) => ['cp', `${join(src, 'dir')}/.`, `${c}:/dst/ed`] },
    { name: 'dir over a file', args: (c) => ['cp', join(src, 'dir'), `${c}:/dst/f`] },
    { name: 'into a symlink to a dir', args: (c) => ['cp', join(src, 'file'), `${c}:/dst/dl`] },
    { name: 'symlink without -L', args: (c) => ['cp', join(src, 'flink'), `${c}:/dst/d`] },
    { name: 'symlink with -L', args: (c) => ['cp', '-L', join(src, 'flink'), `${c}:/dst/d`] },
    { name: 'dir symlink/ with -L', args: (c) => ['cp', '-L', `${join(src, 'dlink')}/`, `${c}:/dst/ed`] },
    { name: 'owner without -a', args: (c) => ['cp', join(src, 'owned'), `${c}:/dst/d`] },
    { name: 'owner with -a', args: (c) => ['cp', '-a', join(src, 'owned'), `${c}:/dst/ed`] },
    { name: 'a name with a colon (made explicit)', args: (c) => ['cp', join(src, 'with:colon'), `${c}:/dst/d`] },
    { name: 'relative container path (from /)', args: (c) => ['cp', join(src, 'file'), `${c}:dst/ed/rel`] },
    { name: 'local source missing', args: (c) => ['cp', join(src, 'nothing'), `${c}:/dst/d`] },
    { name: 'no such container', args: () => ['cp', join(src, 'file'), 'bcp-nosuch-container:/tmp'] },
    { name: 'tar from stdin into a dir', args: (c) => ['cp', '-', `${c}:/dst/ed`], input: () => execFileSync('tar', ['cf', '-', '-C', join(src, 'dir'), '.']) },
    { name: 'tar from stdin onto a file', args: (c) => ['cp', '-', `${c}:/dst/f`], input: () => execFileSync('tar', ['cf', '-', '-C', join(src, 'dir'), '.']) },
    {
      name: 'tar from a file on stdin (< file)',
      args: (c) => ['cp', '-', `${c}:/dst/ed`],
      stdinFile: () => {
        const f = join(base, 'in.tar');
        execFileSync('tar', ['cf', f, '-C', src, 'file', 'exec']);
        return f;
      },
    },
    { name: 'tar from stdin to a missing path', args: (c) => ['cp', '-', `${c}:/dst/none`], input: () => Buffer.from('') },
  ];

  for (const c of toCases) {
    it(`to container: ${c.name}`, async () => {
      const input = c.input?.();
      const stdinFile = c.stdinFile?.();
      const [d, b] = await Promise.all([docker(c.args(dstD), { input, stdinFile }), berth(c.args(dstB), { input, stdinFile })]);
      // docker's tar writer races its own exit when the copy fails before the upload: most
      // runs log the closed pipe, some exit first; berth logs it always
      const closedPipe = /^time="[^"]*" level=error msg="Can't (add file .* to tar|close tar writer): io: read\/write on closed pipe"\n/gm;
      if (d.stderr.search(closedPipe) >= 0) expect(b.stderr.match(closedPipe)?.length).toBe(2);
      b.stderr = b.stderr.replace(closedPipe, '');
      d.stderr = d.stderr.replace(closedPipe, '');
      const times: [string, string] = [/time="[^"]*"/.exec(d.stderr)?.[0] ?? 'time=""', 'time=""'];
      const btimes: [string, string] = [/time="[^"]*"/.exec(b.stderr)?.[0] ?? 'time=""', 'time=""'];
      expect(norm(b, [[dstB, '<C>'], btimes])).toEqual(norm({ ...d, stderr: asBerth(d.stderr) }, [[dstD, '<C>'], times]));
      const [td, tb] = await Promise.all([containerTree(dstD, '/dst'), containerTree(dstB, '/dst')]);
      expect(tb).toEqual(td);
    });
  }

  const errorCases: string[][] = [
    ['cp', 'a', 'b'],
    ['cp', 'x:/a', 'y:/b'],
    ['cp', ':/x', 'out'],
    ['cp', './x:y', 'out'],
    ['cp', '', 'x:/y'],
    ['cp', 'x:/y', ''],
    ['cp', 'onlyone'],
    ['container', 'cp', '--nope', 'a', 'b'],
    ['__complete', 'cp', ''],
    ['__complete', 'container', 'cp', '--'],
  ];
  for (const args of errorCases) {
    it(`errors: ${JSON.stringify(args)}`, async () => {
      const [d, b] = await Promise.all([docker(args), berth(args)]);
      expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) });
    });
  }

  /** the summary line: written (to stderr) only when stdout is a terminal */
  const ttyCases: { name: string; cmd: (bin: string, side: string) => string }[] = [
    { name: 'from container', cmd: (bin, side) => `${bin} cp ${srcC}:/data/dir ${join(base, `tty-${side}`)}` },
    { name: 'to container', cmd: (bin, side) => `${bin} cp ${join(src, 'dir')} ${side === 'd' ? dstD : dstB}:/dst/ed/tty` },
    { name: 'to container, failing', cmd: (bin, side) => `${bin} cp ${join(src, 'file')} ${side === 'd' ? dstD : dstB}:/dst/nodir/x` },
    { name: 'from container, dir over a file', cmd: (bin, side) => `${bin} cp ${srcC}:/data/dir ${join(src, 'file')}` },
    { name: 'quiet', cmd: (bin, side) => `${bin} cp -q ${srcC}:/data/file ${join(base, `ttyq-${side}`)}` },
    { name: 'stderr not a terminal', cmd: (bin, side) => `${bin} cp ${srcC}:/data/file ${join(base, `ttye-${side}`)} 2>/dev/null; echo rc=$?` },
  ];
  for (const c of ttyCases) {
    it(`terminal: ${c.name}`, async () => {
      const [d, b] = await Promise.all([run('script', ['-qec', c.cmd(DOCKER, 'd'), '/dev/null']), run('script', ['-qec', c.cmd(BERTH, 'b'), '/dev/null'])]);
      const subs: [string, string][] = [
        [join(base, 'tty-d'), '<T>'],
        [join(base, 'tty-b'), '<T>'],
        [join(base, 'ttyq-d'), '<T>'],
        [join(base, 'ttyq-b'), '<T>'],
        [dstD, '<C>'],
        [dstB, '<C>'],
      ];
      expect(norm(b, subs)).toEqual(norm(d, subs));
    });
  }
});
