// Differential tests of `system prune` and the `builder` group (prune, build) against the
// reference docker CLI on the same engine. Every prune that can remove anything is restricted
// by a label unique to this run; prompts that could prune unfiltered are answered on a
// client pointed at no engine, so a wrong "yes" reaches nothing. Removals run docker first,
// then berth, each over its own identical set of objects (same recipe, its own label).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, both, docker, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/prune-system: skipped: ${reason}`);

const TAG = uniqueName('bsp');
/** matches nothing on the engine: prunes that fail or must remove nothing */
const NONE = `berth.test.none=${TAG}`;
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/berth-prune.sock' };

let dir = '';
let cfgDir = '';

/**
 * The engine's build cache (/build/prune) ignores label filters: a labelled system or builder
 * prune still removes every unused cache record. The classic builder keeps none there, so this
 * engine's cache is empty; if some day it is not, the removing tests don't run.
 */
async function buildCacheEmpty(): Promise<boolean> {
  const r = await docker(['system', 'df', '--format', '{{.Type}}={{.TotalCount}}']);
  return r.code === 0 && r.stdout.split('\n').includes('Build Cache=0');
}
const cacheEmpty = reason === '' ? await buildCacheEmpty() : false;
if (reason === '' && !cacheEmpty) console.warn('parity/prune-system: the engine has build cache: removing prunes skipped');

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

async function same(args: string[], o?: { input?: string; env?: Record<string, string | undefined> }): Promise<void> {
  const { docker: d, berth: b } = await both(args, o);
  expect({ args, env: o?.env, ...plain(b) }).toEqual({ args, env: o?.env, ...plain(d) });
}

function ok(r: Result, what: string): Result {
  if (r.code !== 0) throw new Error(`fixture ${what}: ${r.stderr}`);
  return r;
}

interface Fixture {
  label: string;
  /** what the prune prints for each object, mapped to a name common to both sets */
  names: Map<string, string>;
  cleanup: () => Promise<void>;
}

/** a stopped container, an unused network and volume, a dangling image and a tagged one, all labelled for `who` */
async function makeSet(who: string, n: number): Promise<Fixture> {
  const label = `berth.test.sysprune=${TAG}-${n}-${who}`;
  const base = `${TAG}-${n}-${who}`;
  const names = new Map<string, string>();
  const ctr = ok(await docker(['create', '--label', label, '--name', `${base}-c`, 'busybox', 'true']), 'container').stdout.trim();
  names.set(ctr, '<container>');
  ok(await docker(['network', 'create', '--label', label, `${base}-n`]), 'network');
  names.set(`${base}-n`, '<network>');
  ok(await docker(['volume', 'create', '--label', label, `${base}-v`]), 'volume');
  names.set(`${base}-v`, '<volume>');
  // LABEL alone: one image, no intermediate ones, nothing another build could share
  writeFileSync(join(dir, `Dockerfile.${base}`), `FROM busybox\nLABEL ${label}\n`);
  const dangling = ok(await docker(['build', '-q', '-f', join(dir, `Dockerfile.${base}`), dir]), 'dangling image').stdout.trim();
  names.set(dangling, '<dangling>');
  writeFileSync(join(dir, `Dockerfile.${base}.t`), `FROM busybox\nLABEL ${label}\nLABEL tagged=1\n`);
  const tagged = ok(await docker(['build', '-q', '-t', `${base}-i:1`, '-f', join(dir, `Dockerfile.${base}.t`), dir]), 'tagged image').stdout.trim();
  names.set(tagged, '<tagged>');
  names.set(`${base}-i:1`, '<tag>');
  const cleanup = async (): Promise<void> => {
    await docker(['rm', '-f', ctr]);
    await docker(['network', 'rm', `${base}-n`]);
    await docker(['volume', 'rm', `${base}-v`]);
    await docker(['rmi', '-f', tagged, dangling]);
  };
  return { label, names, cleanup };
}

/** what is left of a set: objects still carrying its label */
async function leftOf(label: string): Promise<string> {
  const f = `label=${label}`;
  const parts = await Promise.all([
    docker(['ps', '-aq', '-f', f]),
    docker(['network', 'ls', '-q', '-f', f]),
    docker(['volume', 'ls', '-q', '-f', f]),
    docker(['images', '-q', '-f', f]),
  ]);
  return ['containers', 'networks', 'volumes', 'images'].map((k, i) => `${k}: ${parts[i]!.stdout.trim().split('\n').filter(Boolean).length}`).join(', ');
}

/** the same prune over two identical sets, docker's then berth's; outputs compared with the objects named alike */
async function prunePair(n: number, args: (label: string) => string[], input?: string): Promise<void> {
  const out: Record<string, unknown> = {};
  for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
    const set = await makeSet(who, n);
    try {
      const r = await run(args(set.label), { input });
      const left = await leftOf(set.label);
      const norm = (s: string): string => {
        let t = s;
        for (const [k, v] of set.names) t = t.replaceAll(k, v);
        return t.replaceAll(set.label, '<label>');
      };
      const res = who === 'docker' ? { code: r.code, stdout: asBerth(r.stdout), stderr: asBerth(r.stderr) } : plain(r);
      out[who] = { code: res.code, stdout: norm(res.stdout), stderr: norm(res.stderr), left };
    } finally {
      await set.cleanup();
    }
  }
  expect({ args: args('<label>'), input, ...(out.berth as object) }).toEqual({ args: args('<label>'), input, ...(out.docker as object) });
}

describe.skipIf(reason !== '')('system prune and builder match docker', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-sysprune-'));
    cfgDir = mkdtempSync(join(tmpdir(), 'berth-sysprune-cfg-'));
    writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ pruneFilters: [`label=${NONE}`, 'until=24h', 'label!=zz=1'] }));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (cfgDir) rmSync(cfgDir, { recursive: true, force: true });
  });

  it('prompts: declined or unanswered, nothing removed (no engine behind them)', async () => {
    const variants = [[], ['-a'], ['--volumes'], ['-a', '--volumes'], ['--filter', 'label=a10', '--filter', 'label=a9', '--filter', 'label!=b', '--filter', 'until=1h', '--filter', 'foo=x'], ['--filter', 'label=a', '--filter', 'label=a', '--filter', 'label!=a']];
    for (const v of variants) {
      for (const input of ['n\n', '']) await same(['system', 'prune', ...v], { input, env: NO_ENGINE });
    }
    for (const v of [[], ['-a'], ['-a', '--keep-storage', '1g', '--filter', 'until=24h']]) await same(['builder', 'prune', ...v], { input: 'n\n', env: NO_ENGINE });
    // answered yes: the prune itself fails (no engine)
    await same(['system', 'prune', '-a', '--volumes'], { input: 'y\n', env: NO_ENGINE });
    await same(['builder', 'prune'], { input: 'y\n', env: NO_ENGINE });
  });

  it('prompts with config.json pruneFilters and the engine (declined)', async () => {
    await same(['--config', cfgDir, 'system', 'prune', '--filter', `label=${NONE}`], { input: 'n\n' });
    await same(['--config', cfgDir, 'system', 'prune', '-a', '--volumes', '--filter', 'label=x'], { input: 'n\n' });
    await same(['--config', cfgDir, 'builder', 'prune', '-a'], { input: 'n\n' });
  });

  it('errors', async () => {
    const cases = [
      ['system', 'prune', '--bogus'],
      ['system', 'prune', 'x'],
      ['system', 'prune', '--filter', 'label'],
      ['system', 'prune', '-f', '--volumes', '--filter', `label=${NONE}`, '--filter', 'until=1h'],
      // the engine refuses these at the first prune (containers): nothing removed
      ['system', 'prune', '-f', '--filter', `label=${NONE}`, '--filter', 'foo=bar'],
      ['system', 'prune', '-f', '--filter', `label=${NONE}`, '--filter', 'dangling=true'],
      ['system', 'prune', '-f', '--filter', `label=${NONE}`, '--filter', 'until=xyz'],
      ['builder', 'prune', '--bogus'],
      ['builder', 'prune', 'x'],
      ['builder', 'prune', '--keep-storage', 'xx'],
      ['builder', 'prune', '--filter', 'nope'],
      // the build cache validates its filters before it removes anything
      ['builder', 'prune', '-f', '--filter', 'foo=bar'],
    ];
    for (const args of cases) await same(args);
  });

  it('the builder group and its notices (DOCKER_BUILDKIT unset, 0, 1, invalid)', async () => {
    for (const value of [undefined, '0', '1', 'x']) {
      const env = { DOCKER_BUILDKIT: value };
      for (const args of [['builder'], ['builder', '--help'], ['builder', 'foo'], ['builder', 'help', 'prune'], ['builder', 'prune', '--help'], ['builder', 'build', '--help'], ['help', 'builder'], ['help', 'builder', 'prune']]) {
        await same(args, { env });
      }
    }
    await same(['builder', 'build', 'x', 'y']);
  });

  it('completion', async () => {
    for (const words of [['builder', ''], ['builder', 'p'], ['system', ''], ['system', 'prune', ''], ['system', 'prune', '--'], ['builder', 'prune', ''], ['builder', 'prune', '--']]) {
      await same(['__complete', ...words]);
    }
  });

  it.skipIf(!cacheEmpty)('removes what docker removes (-f, label filter)', async () => {
    await prunePair(1, (l) => ['system', 'prune', '-f', '--filter', `label=${l}`]);
    await prunePair(2, (l) => ['system', 'prune', '-f', '-a', '--volumes', '--filter', `label=${l}`]);
    await prunePair(3, (l) => ['system', 'prune', '-a', '--filter', `label=${l}`], 'y\n');
  }, 60_000);

  it.skipIf(!cacheEmpty)('builder prune -f (empty build cache)', async () => {
    await same(['builder', 'prune', '-f', '--filter', `label=${NONE}`]);
    await same(['builder', 'prune', '-f', '-a', '--keep-storage', '10m', '--filter', `label=${NONE}`]);
  });

  it('builder build builds as build does', async () => {
    writeFileSync(join(dir, 'Dockerfile.bb'), 'FROM busybox\n');
    const { docker: d, berth: b } = await both(['builder', 'build', '-q', '-f', join(dir, 'Dockerfile.bb'), dir]);
    expect({ code: b.code, stderr: b.stderr }).toEqual({ code: d.code, stderr: d.stderr });
    // FROM alone: the base image itself, whoever builds it
    expect(b.stdout).toBe(d.stdout);
  });
});
