// Differential tests of `volume` (ls, create, rm, inspect, prune) against the reference
// docker CLI on the same engine. Listings are filtered by a label unique to this run, so
// suites running beside it cannot change what is listed. Verbs that change the engine's state
// run one after the other (docker first, then berth on the same starting state); read-only
// ones and failures that change nothing run side by side.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { asBerth, berth, both, docker, settled, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/volume: skipped: ${reason}`);

const TAG = uniqueName('bvol');
const LABEL = `berth.test=${TAG}`;
/** two labels, driver options, and in use by CTR */
const VOL_A = `${TAG}-a`;
const VOL_B = `${TAG}-b`;
const VOL_C = `${TAG}-c`;
const CTR = `${TAG}-ctr`;

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });
const asBerthResult = (r: Result): Result => ({ code: r.code, stdout: asBerth(r.stdout), stderr: asBerth(r.stderr) });

async function same(args: string[], o?: { input?: string }, exp: ExpectStatic = expect): Promise<void> {
  const { docker: d, berth: b } = await settled(args, o);
  exp({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

function ok(r: Result, what: string): Result {
  if (r.code !== 0) throw new Error(`fixture ${what}: ${r.stderr}`);
  return r;
}

describe.skipIf(reason !== '')('volume verbs match docker', () => {
  beforeAll(async () => {
    ok(await docker(['volume', 'create', '--label', LABEL, '--label', 'tier=data', '-o', 'type=tmpfs', '-o', 'device=tmpfs', '-o', 'o=size=1m', VOL_A]), VOL_A);
    ok(await docker(['volume', 'create', '--label', LABEL, VOL_B]), VOL_B);
    ok(await docker(['volume', 'create', '--label', LABEL, '-d', 'local', VOL_C]), VOL_C);
    ok(await docker(['run', '-d', '--name', CTR, '-v', `${VOL_A}:/data`, 'busybox', 'sleep', '600']), CTR);
  }, 120_000);

  afterAll(async () => {
    await docker(['rm', '-f', CTR]);
    await docker(['volume', 'rm', VOL_A, VOL_B, VOL_C]);
  });

  describe('volume ls', () => {
    it('listings, filters and errors', async () => {
      for (const args of [
        ['volume', 'ls', '-f', `label=${LABEL}`],
        ['volume', 'list', '-f', `label=${LABEL}`],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-q'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-q', '--format', '{{.Driver}} {{.Name}}'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '--format', ''],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', 'label=tier=data'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', 'label=tier'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', 'dangling=true'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', 'dangling=false'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', 'dangling=1'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', 'driver=local'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', 'driver=other'],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', `name=${VOL_B}`],
        ['volume', 'ls', '-f', `label=${LABEL}`, '-f', `name=${VOL_B}`, '-f', `name=${VOL_C}`],
        ['volume', 'ls', '-f', `name=${TAG}-nosuch`],
        ['volume', 'ls', '-f', `name=${TAG}-nosuch`, '--format', 'table {{.Name}}\t{{.Label "tier"}}\t{{.Nope}}'],
        ['volume', 'ls', '-f', `name=${TAG}-nosuch`, '-q'],
        ['volume', 'ls', '-f', 'dangling=maybe'],
        ['volume', 'ls', '-f', 'label!=x'],
        ['volume', 'ls', '-f', 'nosuch=1'],
        ['volume', 'ls', '-f', 'noequals'],
        ['volume', 'ls', '-f'],
        ['volume', 'ls', '--format'],
        ['volume', 'ls', 'extra'],
        ['volume', 'ls', '--nope'],
        ['volume', 'ls', '--cluster'],
        ['volume', 'ls', '--cluster', '-q'],
        ['volume', 'ls', '--quiet=maybe'],
      ]) {
        await same(args);
      }
    });
    it('config.json volumesFormat (and -q or --format over it)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'berth-vol-cfg-'));
      try {
        writeFileSync(join(dir, 'config.json'), JSON.stringify({ volumesFormat: 'table {{.Name}}\t{{.Scope}}\t{{.Label "tier"}}' }));
        for (const extra of [[], ['-q'], ['--format', '{{.Name}}'], ['--format', 'table']]) {
          await same(['--config', dir, 'volume', 'ls', '-f', `label=${LABEL}`, ...extra]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  /** `volume ls --format F` over this run's volumes; `single` keeps to the one-label volumes */
  const lsFormats: { f: string; single?: boolean }[] = [
    { f: '{{.Name}}' },
    { f: '{{.Driver}}' },
    { f: '{{.Scope}}' },
    { f: '{{.Mountpoint}}' },
    { f: '{{.Labels}}', single: true },
    { f: '{{.Label "tier"}}' },
    { f: '{{.Label "nope"}}|{{.Label ""}}' },
    { f: '{{.Links}} {{.Size}}' },
    { f: '{{.Group}} {{.Availability}} {{.Status}}' },
    { f: '{{json .}}', single: true },
    { f: 'json', single: true },
    { f: ' json', single: true },
    { f: 'table' },
    { f: 'table {{.Name}}\t{{.Driver}}' },
    { f: 'table {{.Name}}\t{{.Mountpoint}}\t{{.Labels}}', single: true },
    { f: 'table {{.Links}}\t{{.Size}}\t{{.Group}}\t{{.Availability}}\t{{.Status}}\t{{.Scope}}' },
    { f: 'table {{.Label "tier"}}\t{{.Label "com.example.a-b_c"}}\t{{.Name}}' },
    { f: 'table {{.Name | lower}}\t{{upper .Driver}}\t{{json .Scope}}' },
    { f: 'table {{.}}', single: true },
    { f: 'raw' },
    { f: '{{.}}', single: true },
    { f: '{{printf "%v" .}}', single: true },
    { f: '{{.Name | upper}}' },
    { f: '{{title .Driver}}' },
    { f: '{{truncate .Name 4}}' },
    { f: '{{pad .Name 1 1}}|' },
    { f: '{{join (split .Name "-") "+"}}' },
    { f: '{{printf "%q|%s" .Name .Driver}}' },
    { f: '{{len .Mountpoint | printf "%T"}}' },
    { f: '{{if eq .Links "N/A"}}no usage{{else}}{{.Links}}{{end}}' },
    { f: '{{json .Name}}' },
    { f: '{{.Header}}|{{.FullHeader}}' },
    { f: '{{with .Label "tier"}}{{.}}{{else}}-{{end}}' },
    { f: '  {{.Name}}  ' },
    { f: '{{.Name}}\\t{{.Driver}}' },
    { f: '{{$x := .Name}}{{$x}}{{$x}}' },
    { f: '{{.Name | printf "%-25s"}}|{{.Driver | printf "%5.3s"}}' },
    { f: '{{.Name | js}} {{html .Scope}} {{urlquery .Name}}' },
    // errors: volumeContext has no ID, though its header does
    { f: '{{.ID}}' },
    { f: 'table {{.ID}}\t{{.Name}}' },
    { f: '{{.Nope}}' },
    { f: '{{.Label}}' },
    { f: '{{.Label 1}}' },
    { f: '{{.Name' },
    { f: '{{.v}}' },
    { f: '{{index . "Name"}}' },
    { f: '{{.Name.X}}' },
    { f: '{{nosuch}}' },
  ];

  // read-only: these run a few at a time
  describe.concurrent(`volume ls --format (${lsFormats.length} format strings)`, () => {
    for (const { f, single } of lsFormats) {
      it(JSON.stringify(f), async ({ expect: exp }) => {
        const filters = single ? ['-f', `label=${LABEL}`, '-f', `name=${VOL_B}`, '-f', `name=${VOL_C}`] : ['-f', `label=${LABEL}`];
        await same(['volume', 'ls', ...filters, '--format', f], undefined, exp);
      });
    }
  });

  const inspectFormats = [
    '{{.Name}}',
    '{{.Driver}} {{.Scope}}',
    '{{.Mountpoint}}',
    '{{.CreatedAt}}',
    '{{json .Labels}}',
    '{{index .Labels "tier"}}',
    '{{.Labels.tier}}',
    '{{json .Options}}',
    '{{.Options.type}} {{.Options.device}}',
    '{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}',
    '{{.Status}} {{.UsageData}} {{.ClusterVolume}}',
    '{{.Name | upper}} {{len .Labels}}',
    '{{printf "%v" .}}',
    '{{.}}',
    'json',
    '{{json .}}',
    '{{.Nope}}',
    '{{.Labels.nope}}',
    '{{.UsageData.Size}}',
    '{{',
  ];

  describe.concurrent(`volume inspect (${inspectFormats.length} format strings)`, () => {
    for (const f of inspectFormats) {
      it(JSON.stringify(f), async ({ expect: exp }) => {
        await same(['volume', 'inspect', '-f', f, VOL_A, VOL_B], undefined, exp);
      });
    }
    it('default, several, missing', async ({ expect: exp }) => {
      for (const args of [
        ['volume', 'inspect', VOL_A],
        ['volume', 'inspect', VOL_C, VOL_B],
        ['volume', 'inspect', `${TAG}-nosuch`],
        ['volume', 'inspect', VOL_B, `${TAG}-nosuch`, VOL_C],
        ['volume', 'inspect', '-f', '{{.Name}}', `${TAG}-nosuch`, VOL_C],
        ['volume', 'inspect', '-f', '{{.Nope}}', VOL_B, `${TAG}-nosuch`, VOL_C],
        ['volume', 'inspect', '', ' ', `${TAG}-a/b`, `${TAG} x`, `${TAG}?x`],
        ['volume', 'inspect', ` ${VOL_B} `, '-f', '{{.Name}}'],
        ['volume', 'inspect'],
        ['volume', 'inspect', '-f'],
        ['volume', 'inspect', '-v', VOL_B],
      ]) {
        await same(args, undefined, exp);
      }
    });
  });

  describe('volume create', () => {
    const VIEW = '{{.Driver}}|{{json .Labels}}|{{json .Options}}|{{.Scope}}';

    /** docker creates (and removes) its volume, then berth creates (and removes) its own */
    async function createPair(args: string[], named = true): Promise<void> {
      const results: Record<string, { run: Result; view: string }> = {};
      for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
        const name = `${TAG}-new`;
        const r = await run(['volume', 'create', ...args.map((a) => (a === 'NAME' ? name : a))]);
        let view = '';
        if (r.code === 0) {
          const created = r.stdout.trim();
          view = (await docker(['volume', 'inspect', '-f', VIEW, created])).stdout;
          await docker(['volume', 'rm', created]);
        }
        const res = who === 'docker' ? asBerthResult(r) : plain(r);
        results[who] = { run: { ...res, stdout: named ? res.stdout : res.stdout.replace(/^[0-9a-f]{64}\n$/, '<anonymous>\n') }, view };
      }
      expect({ args, ...results.berth }).toEqual({ args, ...results.docker });
    }

    it('creates', async () => {
      await createPair(['NAME']);
      await createPair(['--label', LABEL, '--label', 'x=y', '--label', 'bare', '--label', 'x=z', 'NAME']);
      await createPair(['-o', 'type=tmpfs', '-o', 'device=tmpfs', '-o', 'o=size=1m,uid=1000', '-d', 'local', 'NAME']);
      await createPair(['--driver=local', '--opt=novalue', 'NAME']);
      await createPair(['--name', 'NAME']);
      await createPair([], false);
      await createPair(['--label', LABEL], false);
    });

    it('existing names and failures', async () => {
      for (const args of [
        ['volume', 'create', VOL_B],
        ['volume', 'create', '--label', LABEL, VOL_B],
        ['volume', 'create', '--name', 'a', 'b'],
        ['volume', 'create', 'a', 'b'],
        ['volume', 'create', 'a'],
        ['volume', 'create', `${TAG}/x`],
        ['volume', 'create', '--label', ' a b=c', `${TAG}-x`],
        ['volume', 'create', '--label', '', `${TAG}-x`],
        ['volume', 'create', '--scope', 'multi', `${TAG}-x`],
        ['volume', 'create', '--group', 'g', '--type', 'mount', '--secret', 'a=b', `${TAG}-x`],
        ['volume', 'create', '--limit-bytes', 'x', `${TAG}-x`],
        ['volume', 'create', '--limit-bytes', '1g', `${TAG}-x`],
        ['volume', 'create', '-o'],
        ['volume', 'create', '--nope'],
      ]) {
        await same(args);
      }
    });
  });

  describe('volume rm', () => {
    /** runs `args` (NAME standing for fresh volumes) with docker, then with berth */
    async function rmPair(args: string[], fresh = 1): Promise<void> {
      const out: Record<string, Result> = {};
      for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
        const names = Array.from({ length: fresh }, (_, i) => `${TAG}-rm${i}`);
        for (const n of names) ok(await docker(['volume', 'create', '--label', LABEL, n]), n);
        const r = await run(args.flatMap((a) => (a === 'NAME' ? names : [a])));
        await docker(['volume', 'rm', '-f', ...names]);
        out[who] = who === 'docker' ? asBerthResult(r) : plain(r);
      }
      expect({ args, ...out.berth }).toEqual({ args, ...out.docker });
    }
    it('removes', async () => {
      await rmPair(['volume', 'rm', 'NAME']);
      await rmPair(['volume', 'remove', 'NAME'], 2);
      await rmPair(['volume', 'rm', 'NAME', `${TAG}-nosuch`]);
      await rmPair(['volume', 'rm', `${TAG}-nosuch`, 'NAME', '', VOL_A], 2);
      await rmPair(['volume', 'rm', '-f', `${TAG}-nosuch`, 'NAME']);
    });
    it('failures', async () => {
      for (const args of [
        ['volume', 'rm'],
        ['volume', 'rm', `${TAG}-nosuch`],
        ['volume', 'rm', `${TAG}-nosuch1`, `${TAG}-nosuch2`],
        ['volume', 'rm', '-f', `${TAG}-nosuch`],
        ['volume', 'rm', '-f', ''],
        ['volume', 'rm', ' ', `${TAG}-a/b`],
        ['volume', 'rm', VOL_A],
        ['volume', 'rm', '-f', VOL_A],
        ['volume', 'rm', '--force=nope', 'x'],
      ]) {
        await same(args);
      }
    });
  });

  it('completion of volume names', async () => {
    // other suites' volumes come and go: both must offer this run's
    for (const words of [['volume', 'rm', ''], ['volume', 'remove', VOL_B, ''], ['volume', 'inspect', '-f', '{{.Name}}', '']]) {
      // the lists differ whenever other suites' objects come and go: no retries
      const { docker: d, berth: b } = await both(['__complete', ...words]);
      for (const r of [d, b]) expect({ words, has: r.stdout.split('\n').includes(VOL_C) }).toEqual({ words, has: true });
      expect({ words, tail: b.stdout.split('\n').slice(-2), stderr: b.stderr }).toEqual({ words, tail: d.stdout.split('\n').slice(-2), stderr: d.stderr });
    }
    for (const words of [['volume', 'ls', ''], ['volume', 'create', ''], ['volume', 'prune', '']]) await same(['__complete', ...words]);
  });

  describe('volume prune', () => {
    const PRUNE = `berth.test.prune=${TAG}`;
    /** fresh unused volumes (one holding 10,000 bytes) pruned by docker, then by berth */
    async function prunePair(args: string[], input?: string, configDir?: string): Promise<void> {
      const out: Record<string, Result> = {};
      for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
        const names = [`${TAG}-p1-${who}`, `${TAG}-p2-${who}`];
        for (const n of names) ok(await docker(['volume', 'create', '--label', PRUNE, n]), n);
        ok(await docker(['run', '--rm', '-v', `${names[0]}:/d`, 'busybox', 'sh', '-c', 'head -c 10000 /dev/zero > /d/f']), 'fill');
        const r = await run([...(configDir ? ['--config', configDir] : []), 'volume', 'prune', ...args], { input });
        const left = (await docker(['volume', 'ls', '-q', '-f', `label=${PRUNE}`])).stdout;
        await docker(['volume', 'rm', '-f', ...names]);
        // the order of the deleted volumes is the engine's
        const res = who === 'docker' ? asBerthResult(r) : plain(r);
        const norm = (s: string): string => s.replaceAll(`-${who}`, '-WHO').split('\n').sort().join('\n');
        out[who] = { code: res.code, stdout: norm(res.stdout), stderr: norm(res.stderr) + (left === '' ? '' : `[left: ${norm(left)}]`) };
      }
      expect({ args, input, ...out.berth }).toEqual({ args, input, ...out.docker });
    }
    it('prunes', async () => {
      await prunePair(['-f', '--filter', `label=${PRUNE}`]);
      await prunePair(['--filter', `label=${PRUNE}`], 'y\n');
    });
    it('config.json pruneFilters are merged', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'berth-vol-prune-'));
      try {
        writeFileSync(join(dir, 'config.json'), JSON.stringify({ pruneFilters: [`label!=${PRUNE}`, 'label=nobody', 'bogus'] }));
        await prunePair(['-f', '--filter', `label=${PRUNE}`], undefined, dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it('prompts (nothing to prune) and failures', async () => {
      const nothing = `berth.test.none=${TAG}`;
      for (const input of ['y\n', ' Y \n', 'n\n', 'yes\n', '', 'y']) {
        await same(['volume', 'prune', '--filter', `label=${nothing}`], { input });
      }
      for (const args of [
        ['volume', 'prune', '-f', '--filter', `label=${nothing}`, '--filter', `label!=${nothing}`],
        ['volume', 'prune', '-f', '--filter', `label=${nothing}`, '--filter', 'all=1'],
        ['volume', 'prune', '-a'],
        ['volume', 'prune', '--all', '-f', '--filter', 'all=1'],
        // always restricted to nothing: an engine that took these filters must prune nothing of others'
        ['volume', 'prune', '-f', '--filter', `label=${nothing}`, '--filter', 'nosuch=1'],
        ['volume', 'prune', '-f', '--filter', `label=${nothing}`, '--filter', 'until=1h'],
        ['volume', 'prune', '-f', '--filter', 'noequals'],
        ['volume', 'prune', 'extra'],
      ]) {
        await same(args);
      }
    });
  });
});
