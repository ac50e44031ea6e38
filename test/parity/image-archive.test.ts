// Differential tests of save, load and import: archives byte for byte, docker's messages
// and errors, round trips between the two CLIs, and what each does on a terminal (run
// under script(1) for a pseudo-terminal).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, BERTH, docker, DOCKER, HOST, settled, skipReason, type Result } from './harness.js';
import { imageArchive, rootfsArchive, type FixtureImage } from './image-fixtures.js';

const reason = skipReason();
if (reason) console.warn(`parity/image-archive: skipped: ${reason}`);

const RUN = `${process.pid}-${Date.now()}`;
const LABEL = `berth.test.imgarc=${RUN}`;
const REPO = `bt-imgarc-${RUN}`;

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });
const docked = (r: Result): Result => ({ code: r.code, stdout: asBerth(r.stdout), stderr: asBerth(r.stderr) });

function fixture(name: string, created: string, size: number): FixtureImage {
  return {
    repoTags: [`${REPO}/${name}:1`],
    created,
    labels: { 'berth.test.imgarc': RUN },
    history: [
      { created, created_by: `ADD ${name} /` },
      { created, created_by: 'ADD second /', comment: 'two layers' },
    ],
    layers: [[{ name, content: `${name} ${RUN} ${'x'.repeat(size)}` }], [{ name: `${name}-2`, content: `second ${RUN}` }]],
  };
}

/** a command under a pseudo-terminal (script -qec), stdout and stderr merged as a terminal shows them */
function onTerminal(bin: string, args: string[], stdin = '', cols = 0): { code: number | null; out: string } {
  const q = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
  const cmd = [bin, ...args].map(q).join(' ');
  const r = spawnSync('script', ['-qec', cols > 0 ? `stty cols ${cols}; ${cmd}` : cmd, '/dev/null'], {
    env: { ...process.env, DOCKER_HOST: HOST, DOCKER_CLI_HINTS: 'false' },
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout };
}

/** an archive's entries: name -> sha256 of the content (manifest.json's list sorted) */
async function entries(archive: Buffer): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const ex = tar.extract();
  ex.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      let body = Buffer.concat(chunks);
      if (h.name === 'manifest.json') {
        const list = JSON.parse(body.toString()) as { Config: string }[];
        body = Buffer.from(JSON.stringify(list.sort((x, y) => (x.Config < y.Config ? -1 : 1))));
      }
      out[h.name] = sha(body);
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', () => resolve());
    ex.on('error', reject);
    ex.end(archive);
  });
  return out;
}

async function rmi(...refs: string[]): Promise<void> {
  await docker(['rmi', '-f', ...refs]);
}

describe.skipIf(reason !== '')('save, load and import match docker', () => {
  let dir = '';
  let small: Buffer;
  let big: Buffer;
  let multi: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-imgarc-'));
    small = await imageArchive([fixture('small', '2020-01-02T03:04:05Z', 10)]);
    big = await imageArchive([fixture('big', '2020-02-03T04:05:06Z', 3_000_000)]);
    multi = await imageArchive([fixture('multi-a', '2020-03-04T05:06:07Z', 100), fixture('multi-b', '2020-04-05T06:07:08Z', 200)]);
    for (const [name, b] of [['small.tar', small], ['big.tar', big], ['multi.tar', multi]] as const) writeFileSync(join(dir, name), b);
    const r = await docker(['load', '-i', join(dir, 'small.tar')]);
    if (r.code !== 0) throw new Error(r.stderr);
  }, 120_000);

  afterAll(async () => {
    const ids = await docker(['images', '-aq', '--no-trunc', '--filter', `label=${LABEL}`]);
    const tagged = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${REPO}/*`]);
    const names = tagged.stdout.split('\n').filter((l) => l && !l.includes('<none>'));
    if (names.length > 0) await docker(['rmi', '-f', ...names]);
    const unique = [...new Set(ids.stdout.split('\n').filter(Boolean))];
    if (unique.length > 0) await docker(['rmi', '-f', ...unique]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  describe('save (differential)', () => {
    it('stdout: the same archive, byte for byte', async () => {
      const args = ['save', `${REPO}/small:1`];
      const d = spawnSync(DOCKER, args, { env: { ...process.env, DOCKER_HOST: HOST }, maxBuffer: 1 << 30 });
      const b = spawnSync(BERTH, args, { env: { ...process.env, DOCKER_HOST: HOST }, maxBuffer: 1 << 30 });
      expect(b.status).toBe(0);
      expect(d.status).toBe(0);
      expect(b.stderr.toString()).toBe(d.stderr.toString());
      expect(b.stdout.length).toBeGreaterThan(1024);
      expect(sha(b.stdout)).toBe(sha(d.stdout));
    });

    it('stdout, several images: the same entries (the engine writes them in no fixed order)', async () => {
      const args = ['image', 'save', `${REPO}/small:1`, 'busybox'];
      const d = spawnSync(DOCKER, args, { env: { ...process.env, DOCKER_HOST: HOST }, maxBuffer: 1 << 30 });
      const b = spawnSync(BERTH, args, { env: { ...process.env, DOCKER_HOST: HOST }, maxBuffer: 1 << 30 });
      expect(b.status).toBe(0);
      expect(d.status).toBe(0);
      expect(b.stdout.length).toBe(d.stdout.length);
      expect(await entries(b.stdout)).toEqual(await entries(d.stdout));
    });

    it('-o: the same file, mode 0600, no temporary file left', async () => {
      const out = join(dir, 'out');
      mkdirSync(out);
      const d = await docker(['save', '-o', join(out, 'd.tar'), `${REPO}/small:1`]);
      const b = await berth(['save', '--output', join(out, 'b.tar'), `${REPO}/small:1`]);
      expect(plain(b)).toEqual(docked(d));
      expect(sha(readFileSync(join(out, 'b.tar')))).toBe(sha(readFileSync(join(out, 'd.tar'))));
      expect(statSync(join(out, 'b.tar')).mode & 0o777).toBe(statSync(join(out, 'd.tar')).mode & 0o777);
      // overwriting an existing file
      const b2 = await berth(['save', '-o', join(out, 'b.tar'), `${REPO}/small:1`]);
      expect(b2.code).toBe(0);
      expect(sha(readFileSync(join(out, 'b.tar')))).toBe(sha(readFileSync(join(out, 'd.tar'))));
      expect(readdirSync(out).sort()).toEqual(['b.tar', 'd.tar']);
    });

    it('errors leave nothing behind', async () => {
      const out = join(dir, 'errs');
      mkdirSync(out);
      const cases: string[][] = [
        ['save', '-o', join(out, 'x.tar'), `${REPO}/nosuch`],
        ['save', '-o', join(out, 'x.tar'), `${REPO}/small:1`, `${REPO}/nosuch`],
        ['save', '-o', join(out, 'nodir', 'x.tar'), `${REPO}/small:1`],
        ['save', '-o', out, `${REPO}/small:1`],
        ['save', '-o', `${out}/`, `${REPO}/small:1`],
        ['save', '-o', '/dev/null', `${REPO}/small:1`],
        ['save', '-o', '', `${REPO}/small:1`],
      ];
      for (const args of cases) {
        const r = await settled(args);
        expect({ args, ...plain(r.berth) }).toEqual({ args, ...r.docker });
        expect(readdirSync(out)).toEqual([]);
      }
    });

    const errors: string[][] = [
      ['save'],
      ['save', `${REPO}/nosuch`],
      ['image', 'save', `${REPO}/small:1`, `${REPO}/nosuch`],
      ['save', '--platform', 'linux/amd64', `${REPO}/small:1`],
      ['save', '-o'],
      ['save', '--frob', 'x'],
    ];
    for (const args of errors) {
      it(`berth ${args.join(' ')} (to a pipe)`, async () => {
        const r = await settled(args);
        expect(plain(r.berth)).toEqual(r.docker);
      });
    }

    it('a stdout that takes no more (/dev/full): the failed write as Go reports it', async () => {
      const o = { wrap: ['sh', '-c', '"$0" "$@" > /dev/full'] };
      for (const args of [['save', `${REPO}/small:1`], ['save', 'busybox']]) {
        const d = await docker(args, o);
        const b = await berth(args, o);
        expect(plain(b)).toEqual(docked(d));
        expect(b.stderr).toBe('write /dev/stdout: no space left on device\n');
      }
    });

    it('refuses to write to a terminal', () => {
      for (const args of [['save', `${REPO}/small:1`], ['image', 'save', 'busybox']]) {
        const d = onTerminal(DOCKER, args);
        const b = onTerminal(BERTH, args);
        expect(b).toEqual({ code: d.code, out: asBerth(d.out) });
        expect(b.out).toContain('cowardly refusing to save to a terminal. Use the -o flag or redirect');
      }
    });
  });

  describe('load (differential, each from the same starting state)', () => {
    const gone = async (): Promise<void> => rmi(`${REPO}/big:1`, `${REPO}/multi-a:1`, `${REPO}/multi-b:1`);
    // stdin: a socket (node's child stdin), a regular file (`< file`), a pipe (`cat file |`)
    const cases: [string, string[], 'file' | 'stdin' | 'stdin-file' | 'stdin-pipe'][] = [
      ['-i file', ['load', '-i', 'big.tar'], 'file'],
      ['--input file -q', ['load', '--input', 'big.tar', '-q'], 'file'],
      ['stdin', ['load'], 'stdin'],
      ['stdin, two images', ['image', 'load'], 'stdin'],
      ['stdin a regular file', ['load'], 'stdin-file'],
      ['stdin a pipe, two images', ['load', '-q'], 'stdin-pipe'],
      ['already loaded', ['load', '-i', 'small.tar'], 'file'],
    ];
    for (const [name, args, how] of cases) {
      it(`berth ${args.join(' ')} (${name})`, async () => {
        const input = name.includes('two') ? multi : big;
        const file = join(dir, name.includes('two') ? 'multi.tar' : 'big.tar');
        const abs = args.map((a) => (a.endsWith('.tar') ? join(dir, a) : a));
        const o = {
          input: how === 'stdin' ? input : undefined,
          stdinFile: how === 'stdin-file' ? file : undefined,
          wrap: how === 'stdin-pipe' ? ['sh', '-c', 'cat "$0" | "$1" load -q', file] : undefined,
          timeoutMs: 60_000,
        };
        if (how === 'stdin-pipe') abs.length = 0;
        await gone();
        const d = await docker(abs, o);
        const idD = await docker(['images', '--no-trunc', '-q', '--filter', `label=${LABEL}`]);
        await gone();
        const b = await berth(abs, o);
        const idB = await docker(['images', '--no-trunc', '-q', '--filter', `label=${LABEL}`]);
        expect(plain(b)).toEqual(docked(d));
        expect(b.stdout).toMatch(/Loaded image: /);
        expect(idB.stdout).toBe(idD.stdout);
      });
    }

    const errors: [string[], string | undefined][] = [
      [['load', '-i', '/nonexistent/berth.tar'], undefined],
      // reading the upload fails: Go's client names the request
      [['load', '-i', '/'], undefined],
      [['image', 'load', '-q', '--input', '/tmp'], undefined],
      [['load', '-i', ''], ''],
      [['load'], 'this is not a tar archive\n'],
      [['load'], ''],
      [['load', '-q'], 'garbage'],
      [['load', 'extra'], undefined],
      [['load', '--platform', 'linux/amd64'], ''],
      [['image', 'load', '--frob'], undefined],
    ];
    for (const [args, input] of errors) {
      it(`berth ${args.join(' ')} <<< ${JSON.stringify(input)}`, async () => {
        const r = await settled(args, { input });
        // the engine names a temporary directory of its own in some errors
        const tmp = (x: Result): Result => ({ ...x, stderr: x.stderr.replace(/docker-import-\d+/g, 'docker-import-N') });
        expect(tmp(plain(r.berth))).toEqual(tmp(r.docker));
      });
    }

    it('refuses to read an archive from a terminal', () => {
      const d = onTerminal(DOCKER, ['load']);
      const b = onTerminal(BERTH, ['load']);
      expect(b).toEqual({ code: d.code, out: asBerth(d.out) });
      expect(b.out).toContain('requested load from stdin, but stdin is empty');
    });

    it('on a terminal: the engine\'s progress, drawn as docker draws it', async () => {
      for (const cols of [0, 80, 150]) {
        // how many progress messages the engine sends depends on its timing: a few tries
        let d = { code: 0 as number | null, out: '' };
        let b = { code: 1 as number | null, out: '' };
        for (let i = 0; i < 8 && (b.code !== d.code || b.out !== d.out); i++) {
          await gone();
          d = onTerminal(DOCKER, ['load', '-i', join(dir, 'big.tar')], '', cols);
          await gone();
          b = onTerminal(BERTH, ['load', '-i', join(dir, 'big.tar')], '', cols);
        }
        expect({ cols, ...b }).toEqual({ cols, ...d });
        expect(b.out).toContain('Loading layer');
        if (cols === 150) expect(b.out).toContain('>]');
      }
      const q = onTerminal(BERTH, ['load', '-q', '-i', join(dir, 'big.tar')]);
      const dq = onTerminal(DOCKER, ['load', '-q', '-i', join(dir, 'big.tar')]);
      expect(q).toEqual(dq);
    });
  });

  describe('round trips', () => {
    it('berth save | docker load, docker save | berth load: same image IDs', async () => {
      const ref = `${REPO}/small:1`;
      const id = (await docker(['image', 'inspect', '-f', '{{.Id}}', ref])).stdout;
      const saved = spawnSync(BERTH, ['save', ref], { env: { ...process.env, DOCKER_HOST: HOST }, maxBuffer: 1 << 30 });
      expect(saved.status).toBe(0);
      await rmi(ref);
      const l1 = await docker(['load'], { input: saved.stdout });
      expect(l1.stdout).toBe(`Loaded image: ${ref}\n`);
      expect((await docker(['image', 'inspect', '-f', '{{.Id}}', ref])).stdout).toBe(id);

      const file = join(dir, 'rt.tar');
      expect((await docker(['save', '-o', file, ref])).code).toBe(0);
      await rmi(ref);
      const l2 = await berth(['load', '-i', file]);
      expect(l2).toEqual({ code: 0, stdout: `Loaded image: ${ref}\n`, stderr: '' });
      expect((await docker(['image', 'inspect', '-f', '{{.Id}}', ref])).stdout).toBe(id);

      const file2 = join(dir, 'rt2.tar');
      expect((await berth(['save', '-o', file2, ref])).code).toBe(0);
      await rmi(ref);
      expect((await berth(['load', '-i', file2])).stdout).toBe(`Loaded image: ${ref}\n`);
      expect((await docker(['image', 'inspect', '-f', '{{.Id}}', ref])).stdout).toBe(id);
    });
  });

  describe('import (differential)', () => {
    let rootfs = '';
    beforeAll(async () => {
      rootfs = join(dir, 'rootfs.tar');
      writeFileSync(rootfs, await rootfsArchive([{ name: 'etc/hello', content: `hello ${RUN}\n` }, { name: 'bin/x', content: '#!/bin/sh\n' }]));
    });
    const describeImage = async (ref: string): Promise<string> =>
      (await docker(['image', 'inspect', '-f', '{{json .Config}}|{{.Comment}}|{{.Os}}/{{.Architecture}}|{{json .RootFS}}|{{.Size}}', ref])).stdout;
    const cases: ((w: string) => string[])[] = [
      (w) => ['import', '-c', `LABEL ${LABEL}`, '@rootfs', `${REPO}/imported-${w}`],
      (w) => ['image', 'import', '--change', `LABEL ${LABEL}`, '-c', 'CMD ["/bin/x"]', '-c', 'ENV A=b', '-m', 'a message', '@rootfs', `${REPO}/imported-${w}:v2`],
      (w) => ['import', '-c', `LABEL ${LABEL}`, '--message=from stdin', '-', `${REPO}/imported-${w}:stdin`],
      (w) => ['import', '-c', `LABEL ${LABEL}`, '--platform', 'linux/amd64', '@rootfs', `${REPO}/imported-${w}:p`],
      (w) => ['import', '-c', `LABEL ${LABEL}-${w}`, '@rootfs'],
    ];
    for (const args of cases) {
      it(`berth ${args('X').join(' ')}`, async () => {
        const sub = (w: string): string[] => args(w).map((a) => (a === '@rootfs' ? rootfs : a));
        const input = args('X').includes('-') ? readFileSync(rootfs) : undefined;
        const d = await docker(sub('docker'), { input });
        const b = await berth(sub('berth'), { input });
        expect(b.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
        expect({ code: b.code, stderr: b.stderr, stdout: b.stdout.replace(/[0-9a-f]{64}/, 'ID') }).toEqual({ code: d.code, stderr: d.stderr, stdout: d.stdout.replace(/[0-9a-f]{64}/, 'ID') });
        const strip = (s: string): string => s.replace(/-(docker|berth)/g, '');
        expect(strip(await describeImage(b.stdout.trim()))).toBe(strip(await describeImage(d.stdout.trim())));
        // an untagged import carries a label of its own: removed here
        if (!args('X').some((a) => a.startsWith(`${REPO}/`))) await rmi(b.stdout.trim(), d.stdout.trim());
      });
    }
    const errors: string[][] = [
      ['import'],
      ['import', '/nonexistent/berth.tar'],
      ['import', '/nonexistent/berth.tar', 'Bad Ref'],
      ['import', '/'],
      ['import', '-m', 'a message: 100% *yes*', '-c', 'ENV A=b', '/tmp/'],
      ['import', '@rootfs', 'Bad Ref'],
      ['import', '@rootfs', `${REPO}/x@sha256:${'a'.repeat(64)}`],
      ['import', '-c', 'BOGUS x', '@rootfs'],
      ['import', '--platform', 'nosuchos/arch', '@rootfs'],
      ['import', 'http://127.0.0.1:1/x.tar'],
      ['import', '-c'],
      ['import', '--frob', '@rootfs'],
    ];
    for (const args of errors) {
      it(`berth ${args.join(' ')}`, async () => {
        const r = await settled(args.map((a) => (a === '@rootfs' ? rootfs : a)));
        expect(plain(r.berth)).toEqual(r.docker);
      });
    }
    it('leaves no file behind', () => {
      expect(existsSync(join(dir, 'x.tar'))).toBe(false);
    });
  });
});
