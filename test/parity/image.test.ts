// Differential tests of the local image verbs (images, history, tag, rmi, image inspect,
// image prune, commit) against the reference docker CLI on the same engine. Verbs that
// change the engine's state run one after the other on the same starting state (set up
// again in between); the rest run side by side.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, settled, skipReason, type Result } from './harness.js';
import { formatFixtures, imageArchive, type FixtureImage } from './image-fixtures.js';

const reason = skipReason();
if (reason) console.warn(`parity/image: skipped: ${reason}`);

const RUN = `${process.pid}-${Date.now()}`;
const LABEL = `berth.test.img=${RUN}`;
const REPO = `bt-img-${RUN}`;
const MAIN = `${REPO}/alpha:v1`;
const CTR = `${REPO}-ctr`;
const SRC = `${REPO}-src`;

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

/** docker's result in berth's words (the ambiguity hint quotes the command) */
const asBerthResult = (r: Result): Result => ({
  code: r.code,
  stdout: asBerth(r.stdout).replace(/"docker image /g, '"berth image '),
  stderr: asBerth(r.stderr).replace(/"docker image /g, '"berth image '),
});

function oneImage(run: string, repoTags: string[], labels: Record<string, string>, seed: string): FixtureImage {
  return {
    repoTags,
    created: '2020-10-11T12:13:14Z',
    labels,
    history: [{ created: '2020-10-11T12:13:14Z', created_by: `ADD ${seed} /`, comment: seed }],
    layers: [[{ name: seed, content: `${seed} ${run}\n` }]],
  };
}

async function load(archive: Buffer): Promise<void> {
  const r = await docker(['load'], { input: archive, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`docker load failed: ${r.stderr}`);
}

/**
 * Runs `args` with docker, then (after `setup` restored the starting state) with berth, and
 * returns both results; `normalize` maps what legitimately differs (new IDs, names).
 */
async function sequential(setup: () => Promise<void>, args: (who: 'docker' | 'berth') => string[], o: { input?: string | Buffer; normalize?: (s: string) => string } = {}): Promise<{ docker: Result; berth: Result }> {
  const norm = o.normalize ?? ((s: string) => s);
  await setup();
  const d = await docker(args('docker'), { input: o.input });
  await setup();
  const b = await berth(args('berth'), { input: o.input });
  const dn = asBerthResult(d);
  return { docker: { code: dn.code, stdout: norm(dn.stdout), stderr: norm(dn.stderr) }, berth: { code: b.code, stdout: norm(b.stdout), stderr: norm(b.stderr) } };
}

const SHA = /sha256:[0-9a-f]{64}/g;

let multiId = '';
let mainId = '';
/** IDs known only once the fixtures are loaded */
const withIds = (args: string[]): string[] =>
  args.map((a) => {
    switch (a) {
      case '@multi':
        return multiId;
      case '@multi8':
        return multiId.slice(0, 8);
      case '@full':
        return mainId;
      case '@hex':
        return mainId.slice(7);
      case '@short':
        return mainId.slice(7, 19);
      default:
        return a;
    }
  });

describe.skipIf(reason !== '')('image verbs match docker', () => {
  const rmiArchive = imageArchive([oneImage(RUN, [`${REPO}/rmi:1`, `${REPO}/rmi:2`], { 'berth.test.img': RUN, kind: 'rmi' }, 'rmi')]);
  const multiArchive = imageArchive([oneImage(RUN, [`${REPO}/one:x`, `${REPO}/two:y`], { 'berth.test.img': RUN, kind: 'multi' }, 'multi')]);

  beforeAll(async () => {
    await load(await imageArchive(formatFixtures(RUN, LABEL, REPO)));
    await load(await multiArchive);
    multiId = (await docker(['images', '-q', `${REPO}/one:x`])).stdout.trim();
    mainId = (await docker(['image', 'inspect', '-f', '{{.Id}}', MAIN])).stdout.trim();
    // a container using the main image, and one whose changes get committed
    await docker(['create', '--name', CTR, '--label', LABEL, MAIN, 'true']);
    await docker(['run', '--name', SRC, '--label', LABEL, 'busybox', 'sh', '-c', 'echo committed > /committed']);
  }, 120_000);

  afterAll(async () => {
    await docker(['rm', '-f', CTR, SRC]);
    const ids = await docker(['images', '-aq', '--no-trunc', '--filter', `label=${LABEL}`]);
    const more = await docker(['images', '-aq', '--no-trunc', '--filter', `label=berth.test.img=${RUN}`]);
    const tagged = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${REPO}*/*`]);
    const unique = [...new Set([...ids.stdout.split('\n'), ...more.stdout.split('\n')].filter(Boolean))];
    const names = tagged.stdout.split('\n').filter((l) => l && !l.includes('<none>'));
    if (names.length > 0) await docker(['rmi', '-f', ...names]);
    if (unique.length > 0) await docker(['rmi', '-f', ...unique]);
  }, 60_000);

  const scoped = ['--filter', `label=${LABEL}`];

  describe('images / image ls (differential)', () => {
    const cases = (): string[][] => [
      ['images', ...scoped],
      ['image', 'ls', ...scoped],
      ['image', 'list', ...scoped],
      ['images', '-a', ...scoped],
      ['images', '-q', ...scoped],
      ['images', '-aq', ...scoped],
      ['images', '--no-trunc', ...scoped],
      ['images', '-q', '--no-trunc', ...scoped],
      ['images', '--digests', ...scoped],
      ['images', '--digests', '-q', ...scoped],
      ['images', ...scoped, '--filter', 'dangling=true'],
      ['images', ...scoped, '--filter', 'dangling=false'],
      ['images', ...scoped, '-f', 'label=com.example.tier=db'],
      ['images', ...scoped, '-f', 'label=com.example.tier'],
      ['images', ...scoped, '-f', 'label!=com.example.tier=db'],
      ['images', ...scoped, '-f', `reference=${REPO}/*`],
      ['images', ...scoped, '-f', `reference=${REPO}/alpha:*`],
      ['images', ...scoped, '-f', `before=${REPO}/gamma:1.0`],
      ['images', ...scoped, '-f', `since=${REPO}/alpha:v1`],
      ['images', ...scoped, '-f', 'until=2021-01-01'],
      ['images', ...scoped, '-f', 'until=2021-01-01T00:00:00Z', '-f', 'dangling=false'],
      ['images', ...scoped, `${REPO}/alpha`],
      ['images', ...scoped, `${REPO}/alpha:v2`],
      ['images', ...scoped, `${REPO}/nosuch`],
      ['image', 'ls', ...scoped, `${REPO}/*`],
      ['images', '-f', 'reference=ls', 'ls'],
      ['images', '-f', 'reference=rm', 'rm'],
      ['image', 'ls', '-f', 'reference=ls', 'ls'],
      ['images', '-f', 'reference=frob', 'frob'],
      ['images', 'a', 'b'],
      ['images', '--filter', 'foo'],
      ['images', '--filter', 'foo=bar'],
      ['images', '--filter', 'dangling=maybe'],
      ['images', '--filter', `before=${REPO}/nosuch`],
      ['images', '--filter', 'until=xyz'],
      ['images', '--tree'],
      ['images', '--tree', '-q'],
      ['images', '--frob'],
      ['images', '-x'],
      ['images', '--all=maybe'],
      ['images', '--format'],
      ['image', 'frob'],
    ];
    for (const args of cases()) {
      it(`berth ${args.join(' ')}`, async () => {
        const r = await settled(withIds(args));
        expect(plain(r.berth)).toEqual(asBerthResult(r.docker));
      });
    }
  });

  describe('history / image history (differential)', () => {
    const cases = (): string[][] => [
      ['history', MAIN],
      ['image', 'history', MAIN],
      ['history', '-H=false', MAIN],
      ['history', '--human=false', '--no-trunc', MAIN],
      ['history', '--no-trunc', MAIN],
      ['history', '-q', MAIN],
      ['history', '-q', '--no-trunc', MAIN],
      ['history', `${REPO}/gamma:1.0`],
      ['history', '@multi'],
      ['history'],
      ['history', 'a', 'b'],
      ['history', `${REPO}/nosuch`],
      ['history', ''],
      ['history', '-H=maybe', MAIN],
      ['history', '--platform', 'linux/amd64', MAIN],
      ['history', '--platform', 'bad/bad/bad/bad', MAIN],
      ['history', '--frob', MAIN],
    ];
    for (const args of cases()) {
      it(`berth ${args.join(' ')}`, async () => {
        const r = await settled(withIds(args));
        expect(plain(r.berth)).toEqual(asBerthResult(r.docker));
      });
    }
  });

  describe('image inspect (differential)', () => {
    const cases = (): string[][] => [
      ['image', 'inspect', MAIN],
      ['image', 'inspect', MAIN, `${REPO}/beta`],
      ['image', 'inspect', '-f', '{{.Id}} {{.Config.Labels}}', MAIN],
      ['image', 'inspect', '--format', '{{json .RootFS}}', MAIN],
      ['image', 'inspect', '-f', 'json', MAIN],
      ['image', 'inspect', '-f', '{{.Author}}|{{.Comment}}|{{.Created}}|{{.Size}}|{{.Os}}/{{.Architecture}}', MAIN],
      ['image', 'inspect', '-f', '{{index .RepoTags 0}}', MAIN],
      ['image', 'inspect', '-f', '{{range .RepoTags}}[{{.}}]{{end}}', MAIN, `${REPO}/beta`],
      ['image', 'inspect', '-f', '{{.Nope}}', MAIN],
      ['image', 'inspect', '-f', '{{.Id', MAIN],
      ['image', 'inspect', `${REPO}/nosuch`],
      ['image', 'inspect', `${REPO}/nosuch`, MAIN],
      ['image', 'inspect', '-f', '{{.Id}}', `${REPO}/nosuch`, MAIN],
      ['image', 'inspect'],
      ['image', 'inspect', '--platform', 'linux', MAIN],
      ['image', 'inspect', '@multi8'],
    ];
    for (const args of cases()) {
      it(`berth ${args.join(' ')}`, async () => {
        const r = await settled(withIds(args));
        expect(plain(r.berth)).toEqual(asBerthResult(r.docker));
      });
    }
  });

  describe('errors that change nothing (differential)', () => {
    const cases = (): string[][] => [
      // tag
      ['tag'],
      ['tag', MAIN],
      ['tag', MAIN, 'a', 'b'],
      ['tag', `${REPO}/nosuch`, `${REPO}/x`],
      ['tag', `${REPO}/alpha:nosuchtag`, `${REPO}/x`],
      ['tag', MAIN, 'Bad'],
      ['tag', MAIN, 'bad ref'],
      ['tag', MAIN, `${REPO}/x@sha256:${'a'.repeat(64)}`],
      ['tag', 'bad ref', `${REPO}/x`],
      ['tag', MAIN, '--frob'],
      ['tag', MAIN, `${REPO}/x`, '--help'],
      ['image', 'tag', MAIN],
      // rmi
      ['rmi'],
      ['rmi', `${REPO}/nosuch`],
      ['rmi', `${REPO}/nosuch`, `${REPO}/nosuch2`],
      ['rmi', '-f', `${REPO}/nosuch`],
      ['rmi', '-f', `${REPO}/nosuch`, `${REPO}/nosuch2`],
      ['rmi', ''],
      ['rmi', MAIN],
      ['rmi', '@multi'],
      ['image', 'rm', '@multi'],
      ['image', 'remove', `${REPO}/nosuch`],
      ['rmi', '--platform', 'linux/amd64', MAIN],
      ['rmi', '--frob'],
      // prune
      // every prune carries a label filter of this run, even those that fail
      ['image', 'prune', '--filter', `label=${LABEL}-none`, 'x'],
      ['image', 'prune', '-f', '--filter', `label=${LABEL}-none`, '--filter', 'foo'],
      ['image', 'prune', '-f', '--filter', `label=${LABEL}-none`, '--filter', 'foo=bar'],
      ['image', 'prune', '-f', '--filter', `label=${LABEL}-none`, '--filter', 'until=xyz'],
      ['image', 'prune', '-f', '--filter', `label=${LABEL}-none`],
      ['image', 'prune', '-a', '-f', '--filter', `label=${LABEL}-none`],
      // commit
      ['commit'],
      ['commit', 'a', 'b', 'c'],
      ['commit', `${REPO}-nosuch`],
      ['commit', ''],
      ['commit', ' '],
      ['commit', SRC, 'Bad'],
      ['commit', SRC, `${REPO}/x@sha256:${'a'.repeat(64)}`],
      ['commit', '-c', 'BOGUS x', SRC],
      ['commit', '-c', 'BOGUS x', `${REPO}-nosuch`],
      ['commit', '-p=maybe', SRC],
      ['container', 'commit'],
      ['commit', SRC, '-m', 'x', 'y'],
    ];
    for (const args of cases()) {
      it(`berth ${args.join(' ')}`, async () => {
        const r = await settled(withIds(args));
        expect(plain(r.berth)).toEqual(asBerthResult(r.docker));
      });
    }
  });

  describe('help without an engine: flags needing a newer API shown (differential)', () => {
    for (const path of [['images'], ['image', 'ls'], ['history'], ['save'], ['load'], ['image', 'inspect'], ['rmi'], ['import'], ['commit']]) {
      it(`berth ${path.join(' ')} --help`, async () => {
        const r = await settled([...path, '--help'], { env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
        expect(plain(r.berth)).toEqual(r.docker);
      });
    }
  });

  describe('completion of arguments (differential)', () => {
    const cases: string[][] = [
      ['rmi', 'bu'],
      ['image', 'rm', ''],
      ['history', ''],
      ['history', MAIN, ''],
      ['tag', ''],
      ['tag', MAIN, ''],
      ['tag', MAIN, 'x', ''],
      ['image', 'inspect', MAIN, ''],
      ['save', '-o', 'x.tar', ''],
      ['images', ''],
      ['image', 'ls', ''],
      ['import', ''],
      ['load', ''],
      ['image', 'prune', ''],
      ['commit', ''],
    ];
    for (const words of cases) {
      it(`berth __complete ${words.join(' ')}`, async () => {
        const r = await settled(['__complete', ...words]);
        expect(plain(r.berth)).toEqual(r.docker);
      });
    }
  });

  describe('tag (side by side, one target each)', () => {
    const targets: ((who: string) => string)[] = [
      (w) => `${REPO}/tagged-${w}`,
      (w) => `${REPO}/tagged-${w}:t`,
      (w) => `localhost:5999/${REPO}/tagged-${w}:x`,
      (w) => `${REPO}/tagged-${w}:${'t'.repeat(128)}`,
    ];
    const sources = (): string[] => [MAIN, '@full', '@short', '@hex', `${REPO}/alpha`];
    for (const target of targets) {
      for (const src of sources()) {
        it(`berth tag ${src} ${target('X')}`, async () => {
          const [s] = withIds([src]);
          const [d, b] = await Promise.all([docker(['tag', s!, target('docker')]), berth(['tag', s!, target('berth')])]);
          expect(plain(b)).toEqual(asBerthResult(d));
          const idOf = async (ref: string): Promise<string> => (await docker(['image', 'inspect', '-f', '{{.Id}}', ref])).stdout;
          const [idd, idb] = await Promise.all([idOf(target('docker')), idOf(target('berth'))]);
          expect(idb).toBe(idd);
          await docker(['rmi', target('docker'), target('berth')]);
        });
      }
    }
  });

  describe('rmi / image rm (sequential)', () => {
    const setup = async (): Promise<void> => load(await rmiArchive);
    const cases: string[][] = [
      ['rmi', `${REPO}/rmi:1`],
      ['rmi', `${REPO}/rmi:1`, `${REPO}/rmi:2`],
      ['rmi', `${REPO}/rmi:2`, `${REPO}/rmi:nosuch`, `${REPO}/rmi:1`],
      ['rmi', '--no-prune', `${REPO}/rmi:1`, `${REPO}/rmi:2`],
      ['image', 'rm', '-f', `${REPO}/rmi:1`],
      ['image', 'remove', `${REPO}/rmi:1`, `${REPO}/rmi:1`],
      ['rmi', '-f', `${REPO}/rmi:nosuch`, `${REPO}/rmi:1`],
    ];
    for (const args of cases) {
      it(`berth ${args.join(' ')}`, async () => {
        const r = await sequential(setup, () => args);
        expect(r.berth).toEqual(r.docker);
      });
    }
    it('berth rmi -f by ID (all tags)', async () => {
      await setup();
      const id = (await docker(['images', '-q', `${REPO}/rmi:1`])).stdout.trim();
      const r = await sequential(setup, () => ['rmi', '-f', id]);
      expect(r.berth).toEqual(r.docker);
      expect(r.berth.stdout).toContain('Deleted: sha256:');
    });
  });

  describe('image prune (sequential, label-filtered)', () => {
    const pruneLabel = `berth.test.prune=${RUN}`;
    const archive = imageArchive([
      oneImage(RUN, [], { 'berth.test.img': RUN, 'berth.test.prune': RUN }, 'prune-dangling'),
      oneImage(RUN, [`${REPO}/prune:1`], { 'berth.test.img': RUN, 'berth.test.prune': RUN }, 'prune-tagged'),
    ]);
    const setup = async (): Promise<void> => load(await archive);
    const cases: [string[], string | undefined][] = [
      [['image', 'prune', '-f', '--filter', `label=${pruneLabel}`], undefined],
      [['image', 'prune', '--force', '--all', '--filter', `label=${pruneLabel}`], undefined],
      [['image', 'prune', '--filter', `label=${pruneLabel}`], 'y\n'],
      [['image', 'prune', '--filter', `label=${pruneLabel}`], 'Y'],
      [['image', 'prune', '--filter', `label=${pruneLabel}`], ' y \nmore\n'],
      [['image', 'prune', '--filter', `label=${pruneLabel}`], 'n\n'],
      [['image', 'prune', '--filter', `label=${pruneLabel}`], 'yes\n'],
      [['image', 'prune', '--filter', `label=${pruneLabel}`], ''],
      [['image', 'prune', '-a', '--filter', `label=${pruneLabel}`], 'y\n'],
      [['image', 'prune', '-a', '--filter', `label=${pruneLabel}`], 'no\n'],
      [['image', 'prune', '-f', '--filter', `label=${pruneLabel}`, '--filter', 'until=2030-01-01'], undefined],
      [['image', 'prune', '-f', '--filter', `label=${pruneLabel}`, '--filter', 'until=2001-01-01'], undefined],
    ];
    // pruneFilters from config.json, merged as docker merges them (label= entries only when label! has them)
    const configs: unknown[][] = [['label!=berth.nomatch', 'until=2030-01-01'], ['label=berth.nomatch'], ['until=2001-01-01'], ['bogus']];
    for (const pf of configs) {
      it(`berth image prune -f with pruneFilters ${JSON.stringify(pf)}`, async () => {
        const cfg = mkdtempSync(join(tmpdir(), 'berth-img-prune-'));
        try {
          writeFileSync(join(cfg, 'config.json'), JSON.stringify({ pruneFilters: pf }));
          const r = await sequential(setup, () => ['--config', cfg, 'image', 'prune', '-f', '--filter', `label=${pruneLabel}`]);
          expect(r.berth).toEqual(r.docker);
        } finally {
          rmSync(cfg, { recursive: true, force: true });
        }
      });
    }
    for (const [args, input] of cases) {
      it(`berth ${args.join(' ')}${input !== undefined ? ` <<< ${JSON.stringify(input)}` : ''}`, async () => {
        // with -a the engine deletes the images in no fixed order (a Go map): lines compared as sets
        const all = args.includes('-a') || args.includes('--all');
        const r = await sequential(setup, () => args, { input, normalize: all ? (t) => t.split('\n').sort().join('\n') : undefined });
        expect(r.berth).toEqual(r.docker);
      });
    }
  });

  describe('commit (differential on the resulting images)', () => {
    const describeImage = async (ref: string): Promise<string> =>
      (await docker(['image', 'inspect', '-f', '{{json .Config}}|{{.Author}}|{{.Comment}}|{{.Parent}}|{{json .RootFS}}|{{.Os}}', ref])).stdout;
    const cases: ((w: string) => string[])[] = [
      (w) => ['commit', '-c', `LABEL ${LABEL}`, SRC, `${REPO}/commit-${w}`],
      (w) => ['commit', '-c', `LABEL ${LABEL}`, '-c', 'CMD ["cat", "/committed"]', '-c', 'ENV A=1 B=2', '-m', 'a message', '-a', 'Jane <jane@example.com>', SRC, `${REPO}/commit-${w}:v2`],
      (w) => ['container', 'commit', '--change', `LABEL ${LABEL}`, '--pause=false', '--message=m', SRC, `${REPO}/commit-${w}:v3`],
      (w) => ['commit', '-p', '-c', `LABEL ${LABEL}`, '-c', 'WORKDIR /tmp', '-c', 'EXPOSE 80/tcp', '-c', 'USER 1000', SRC, `localhost:5999/${REPO}/commit-${w}`],
    ];
    for (const args of cases) {
      it(`berth ${args('X').join(' ')}`, async () => {
        const d = await docker(args('docker'));
        const b = await berth(args('berth'));
        expect(b.stderr).toBe(d.stderr);
        expect(b.code).toBe(d.code);
        expect(b.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
        expect(d.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
        const target = (w: string): string => args(w)[args(w).length - 1]!;
        expect(await describeImage(target('berth'))).toBe(await describeImage(target('docker')));
        expect((await describeImage(b.stdout.trim())).length).toBeGreaterThan(10);
      });
    }
    it('berth commit without a repository makes an untagged image', async () => {
      const d = await docker(['commit', '-c', `LABEL ${LABEL}`, SRC]);
      const b = await berth(['commit', '-c', `LABEL ${LABEL}`, SRC]);
      expect(b.stdout.replace(SHA, 'ID')).toBe(d.stdout.replace(SHA, 'ID'));
      expect(await describeImage(b.stdout.trim())).toBe(await describeImage(d.stdout.trim()));
      const listed = await docker(['images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}', '--filter', `label=${LABEL}`, '--filter', 'dangling=true']);
      expect(listed.stdout).toContain(`${b.stdout.trim()} <none>:<none>`);
    });
  });
});
