// A second differential suite of the secret and config verbs, written apart from
// secret-config.test.ts (other fixtures, other cases): both must hold.
// Differential tests of `secret` and `config` (create, ls, inspect, rm) against the reference
// docker CLI on the suite's swarm (node1, the manager). Objects are made by docker and by
// berth with the same arguments, then both CLIs' inspect and ls are compared on them;
// listings are filtered by a label unique to this run. Failures run on the manager, on a
// worker and on the plain engine (not in a swarm).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, HOST, settled, uniqueName, type Result, type RunOptions } from './harness.js';
import { dockerOn, onNode, swarmSkipReason } from './swarm-harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/secret-config: skipped: ${reason}`);

const TAG = uniqueName('bsc');
const LABEL = `berth.test=${TAG}`;
const DIR = reason ? '' : mkdtempSync(join(tmpdir(), 'berth-seccfg-'));
/** a DOCKER_CONFIG of the suite's own (no config.json), and one with secretFormat/configFormat */
const CFG = join(DIR, 'cfg');
const CFG_FMT = join(DIR, 'cfg-fmt');
const DATA = join(DIR, 'data.txt');
const EMPTY = join(DIR, 'empty');
const MISSING = join(DIR, 'missing');

/** fixtures docker makes: A (two labels), B (no extra label), T (templated) */
const SEC_A = `${TAG}-sa`;
const SEC_B = `${TAG}-sb`;
const SEC_T = `${TAG}-st`;
const CFG_A = `${TAG}-ca`;
const CFG_B = `${TAG}-cb`;
const CFG_T = `${TAG}-ct`;
const SVC = `${TAG}-svc`;

const env = (o: RunOptions = {}, config = CFG): RunOptions => ({ ...o, env: { ...o.env, DOCKER_CONFIG: config } });
const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

/** both CLIs on the manager (or `host`), retried while relative times straddle a second */
async function same(args: string[], o: { input?: string; host?: string; config?: string } = {}): Promise<void> {
  const base = o.host ? { env: { DOCKER_HOST: o.host } } : onNode(1);
  const { docker: d, berth: b } = await settled(args, env({ ...base, input: o.input }, o.config));
  expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

const all = (cases: string[][], o?: Parameters<typeof same>[1]): Promise<void[]> => Promise.all(cases.map((args) => same(args, o)));

/** what docker's and berth's own object of a pair show, with the pair's names made one */
async function samePair(kind: 'secret' | 'config', dname: string, bname: string): Promise<void> {
  const tmpl = '{{json .Spec}} {{.Spec.Name}} {{len .ID}}';
  for (const args of [
    [kind, 'inspect', '-f', tmpl],
    [kind, 'inspect', '--pretty'],
    [kind, 'ls', '-f', `name=${dname}`, '--format', '{{.Name}} {{.Label "tier"}} {{.Label "flag"}} {{len .ID}}'],
  ]) {
    const onD = args.includes('ls') ? args : [...args, dname];
    const onB = args.includes('ls') ? args.map((a) => a.replace(dname, bname)) : [...args, bname];
    const clean = (r: Result, name: string): Result => ({
      code: r.code,
      stdout: r.stdout
        .replaceAll(name, 'NAME')
        .replace(/^ID:\s+\S+$/m, 'ID')
        .replace(/^(Created|Updated) at: +.*$/gm, '$1'),
      stderr: r.stderr,
    });
    const [d1, b1, d2, b2] = await Promise.all([
      docker(onD, env(onNode(1))),
      berth(onD, env(onNode(1))),
      docker(onB, env(onNode(1))),
      berth(onB, env(onNode(1))),
    ]);
    // each CLI reads each object as the other does
    expect({ args, ...plain(b1) }).toEqual({ args, ...plain(d1) });
    expect({ args, ...plain(b2) }).toEqual({ args, ...plain(d2) });
    // and berth's object is docker's, but for its name, ID and times
    expect(clean(d2, bname)).toEqual(clean(d1, dname));
  }
}

/** creates with both CLIs (names -d and -b), checks the output, and compares the objects */
async function createPair(kind: 'secret' | 'config', name: string, args: string[], input?: string): Promise<void> {
  const dname = `${name}-d`;
  const bname = `${name}-b`;
  made.push({ kind, name: dname }, { kind, name: bname });
  const sub = (n: string): string[] => args.map((a) => (a === 'NAME' ? n : a));
  const [d, b] = await Promise.all([docker([kind, 'create', ...sub(dname)], env(onNode(1, { input }))), berth([kind, 'create', ...sub(bname)], env(onNode(1, { input })))]);
  expect({ args, code: b.code, stderr: b.stderr }).toEqual({ args, code: d.code, stderr: asBerth(d.stderr) });
  expect(d.stdout).toMatch(/^[a-z0-9]{25}\n$/);
  expect(b.stdout).toMatch(/^[a-z0-9]{25}\n$/);
  await samePair(kind, dname, bname);
}

/** what the suite made (or may have made), removed at the end */
const made: { kind: 'secret' | 'config'; name: string }[] = [];

describe.skipIf(reason !== '')('secret and config verbs match docker', () => {

  beforeAll(async () => {
    mkdirSync(CFG);
    mkdirSync(CFG_FMT);
    writeFileSync(join(CFG_FMT, 'config.json'), JSON.stringify({ secretFormat: 'table {{.Name}}\t{{.Label "tier"}}', configFormat: '{{.Name}}: {{.CreatedAt}}' }));
    writeFileSync(DATA, 'top secret\nsecond line: héllo\n');
    writeFileSync(EMPTY, '');
    const o = env();
    await Promise.all([
      dockerOn(['secret', 'create', '-l', LABEL, '-l', 'tier=gold', SEC_A, DATA], 1, o),
      dockerOn(['secret', 'create', '-l', LABEL, SEC_B, '-'], 1, { ...o, input: 'from stdin' }),
      dockerOn(['secret', 'create', '-l', LABEL, '--template-driver', 'golang', SEC_T, DATA], 1, o),
      dockerOn(['config', 'create', '-l', LABEL, '-l', 'tier=gold', CFG_A, DATA], 1, o),
      dockerOn(['config', 'create', '-l', LABEL, CFG_B, '-'], 1, { ...o, input: 'no newline at the end' }),
      dockerOn(['config', 'create', '-l', LABEL, '--template-driver', 'golang', CFG_T, DATA], 1, o),
    ]);
    made.push(
      ...[SEC_A, SEC_B, SEC_T].map((name) => ({ kind: 'secret' as const, name })),
      ...[CFG_A, CFG_B, CFG_T].map((name) => ({ kind: 'config' as const, name })),
    );
  }, 120_000);

  afterAll(async () => {
    if (reason) return;
    await docker(['service', 'rm', SVC], env(onNode(1)));
    // a service's removal frees its secrets once its tasks are gone: retry a while
    for (let i = 0; i < 20 && made.length > 0; i++) {
      for (const kind of ['secret', 'config'] as const) {
        const names = made.filter((m) => m.kind === kind).map((m) => m.name);
        if (names.length === 0) continue;
        await docker([kind, 'rm', ...names], env(onNode(1)));
      }
      const left = await Promise.all(
        (['secret', 'config'] as const).map(async (kind) => ((await docker([kind, 'ls', '-q', '-f', `label=${LABEL}`], env(onNode(1)))).stdout.trim() ? kind : '')),
      );
      if (left.every((k) => k === '')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    rmSync(DIR, { recursive: true, force: true });
  }, 120_000);

  describe('secret', () => {
    it('create: from a file, from stdin, labels, template driver', async () => {
      await Promise.all([
        createPair('secret', `${TAG}-s1`, ['-l', LABEL, '--label', 'tier=silver', '-l', 'flag', 'NAME', DATA]),
        createPair('secret', `${TAG}-s2`, ['--label', LABEL, 'NAME', '-'], 'piped\x00bytes\n'),
        createPair('secret', `${TAG}-s3`, ['-l', LABEL, '--template-driver', 'golang', 'NAME', DATA]),
        createPair('secret', `${TAG}-s4`, ['--label=' + LABEL, 'NAME', '--', '-'], 'after --'),
      ]);
    });

    it('ls: table, quiet, filters, formats', async () => {
      const f = ['-f', `label=${LABEL}`];
      await all([
        ['secret', 'ls', ...f],
        ['secret', 'list', ...f],
        ['secret', 'ls', ...f, '-q'],
        ['secret', 'ls', ...f, '--quiet', '--format', '{{.Name}}'],
        // (Labels of several labels come in Go's random map order: objects with one label)
        ['secret', 'ls', ...f, '-f', `name=${SEC_B}`, '--format', 'json'],
        ['secret', 'ls', ...f, '--format', 'table'],
        ['secret', 'ls', ...f, '--format', ''],
        ['secret', 'ls', ...f, '--format', 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Label "tier"}}'],
        ['secret', 'ls', ...f, '-f', 'label=tier=gold', '--format', '{{.}}'],
        ['secret', 'ls', ...f, '-f', `name=${SEC_B}`, '--format', '{{.Name}}|{{.CreatedAt}}|{{.UpdatedAt}}|{{.Labels}}|{{json .}}'],
        ['secret', 'ls', ...f, '--format', '{{.Name}}|{{.CreatedAt}}|{{.UpdatedAt}}'],
        ['secret', 'ls', ...f, '-f', `name=${SEC_A}`],
        ['secret', 'ls', ...f, '-f', `id=nonexistentid`],
        ['secret', 'ls', '-f', 'label=berth.test=nothing-has-this'],
        ['secret', 'ls', '-f', 'label=berth.test=nothing-has-this', '--format', 'json'],
        ['secret', 'ls', ...f, '-f', 'label=tier'],
      ]);
    });

    it('ls: secretFormat from config.json, not with --quiet or --format', async () => {
      const f = ['-f', `label=${LABEL}`];
      await all([['secret', 'ls', ...f], ['secret', 'ls', ...f, '-q'], ['secret', 'ls', ...f, '--format', '{{.Name}}']], { config: CFG_FMT });
    });

    it('inspect: JSON, templates, --pretty', async () => {
      await all([
        ['secret', 'inspect', SEC_A],
        ['secret', 'inspect', SEC_A, SEC_B, SEC_T],
        ['secret', 'inspect', '-f', 'json', SEC_A, SEC_T],
        ['secret', 'inspect', '--format', '{{.ID}} {{.Spec.Name}} {{.Spec.Labels}} {{.Version.Index}} {{.CreatedAt}} {{.Spec.Templating}}', SEC_B],
        ['secret', 'inspect', '-f', '{{.Spec.Templating.Name}} {{json .Spec.Templating}} {{.Spec.Data}} {{.Spec.Driver}}', SEC_T],
        ['secret', 'inspect', '-f', '{{.CreatedAt.IsZero}} {{.Meta.Version}} {{.UpdatedAt.Unix}}', SEC_A],
        ['secret', 'inspect', '-f', '{{.Nope}}', SEC_A],
        ['secret', 'inspect', '-f', '{{.Spec.Nope}}', SEC_A],
        ['secret', 'inspect', '-f', '{{', SEC_A],
        ['secret', 'inspect', '--pretty', SEC_A],
        ['secret', 'inspect', '--pretty', SEC_A, SEC_B, SEC_T],
        ['secret', 'inspect', '--format', 'pretty', SEC_B],
        ['secret', 'inspect', '--pretty', '-f', '{{.ID}}', SEC_B],
        ['secret', 'inspect', '--format', 'pretty {{.ID}}', SEC_B],
      ]);
    });

    it('inspect and rm of what does not exist', async () => {
      await all([
        ['secret', 'inspect', `${TAG}-none`],
        ['secret', 'inspect', SEC_A, `${TAG}-none`, SEC_B],
        ['secret', 'inspect', '-f', '{{.ID}}', `${TAG}-none`, SEC_B],
        ['secret', 'inspect', '--pretty', SEC_A, `${TAG}-none`],
        ['secret', 'inspect', ''],
        ['secret', 'inspect', ' '],
        ['secret', 'rm', `${TAG}-none`],
        ['secret', 'rm', `${TAG}-none`, `${TAG}-none2`],
        ['secret', 'rm', ''],
      ]);
    });

    it('create: no data, unreadable files, bad names, duplicates, drivers, bad flags', async () => {
      await all([
        ['secret', 'create', `${TAG}-x`],
        ['secret', 'create', `${TAG}-x`, MISSING],
        ['secret', 'create', `${TAG}-x`, EMPTY],
        ['secret', 'create', `${TAG}-x`, DIR],
        ['secret', 'create', `${TAG}-x`, '-'],
        ['secret', 'create', 'bad name!', DATA],
        ['secret', 'create', `-${TAG}`, DATA],
        ['secret', 'create', `${'x'.repeat(65)}`, DATA],
        ['secret', 'create', '', DATA],
        ['secret', 'create', SEC_A, DATA],
        ['secret', 'create', '-d', 'nosuchdriver', `${TAG}-x`, DATA],
        ['secret', 'create', '--driver', 'nosuchdriver', `${TAG}-x`],
        ['secret', 'create', '--bogus', `${TAG}-x`, DATA],
        ['secret', 'create', '-l', '=v', `${TAG}-x`, DATA],
        ['secret', 'create', '-l', '', `${TAG}-x`, DATA],
        ['secret', 'create'],
        ['secret', 'create', 'a', 'b', 'c'],
        ['secret', 'ls', 'extra'],
        ['secret', 'ls', '--filter', 'nonsense'],
        ['secret', 'ls', '--filter', 'bogus=1'],
        ['secret', 'ls', '--format', '{{.Nope}}'],
        ['secret', 'ls', '--format', '{{'],
        ['secret', 'ls', '--bogus'],
        ['secret', 'inspect'],
        ['secret', 'inspect', '--bogus', SEC_A],
        ['secret', 'rm'],
        ['secret', 'rm', '--force', SEC_A],
        ['secret', 'bogus'],
        ['secret'],
      ]);
    });

    it('help', async () => {
      await all([['secret', '--help'], ['secret', 'create', '--help'], ['secret', 'ls', '--help'], ['secret', 'list', '--help'], ['secret', 'inspect', '--help'], ['secret', 'rm', '--help'], ['secret', 'remove', '-h'], ['help', 'secret', 'rm']]);
    });
  });

  describe('config', () => {
    it('create: from a file, from stdin, labels, template driver', async () => {
      await Promise.all([
        createPair('config', `${TAG}-c1`, ['-l', LABEL, '--label', 'tier=silver', '-l', 'flag', 'NAME', DATA]),
        createPair('config', `${TAG}-c2`, ['--label', LABEL, 'NAME', '-'], 'piped text\nwith two lines, no newline at the end'),
        createPair('config', `${TAG}-c3`, ['-l', LABEL, '--template-driver', 'golang', 'NAME', DATA]),
      ]);
    });

    it('ls: table, quiet, filters, formats', async () => {
      const f = ['-f', `label=${LABEL}`];
      await all([
        ['config', 'ls', ...f],
        ['config', 'list', ...f],
        ['config', 'ls', ...f, '-q'],
        ['config', 'ls', ...f, '--quiet', '--format', '{{.Name}}'],
        // (Labels of several labels come in Go's random map order: objects with one label)
        ['config', 'ls', ...f, '-f', `name=${CFG_B}`, '--format', 'json'],
        ['config', 'ls', ...f, '--format', 'table {{.ID}}\t{{.Name}}\t{{.Label "tier"}}'],
        ['config', 'ls', ...f, '-f', 'label=tier=gold', '--format', '{{.}}'],
        ['config', 'ls', ...f, '-f', `name=${CFG_B}`, '--format', '{{.Name}}|{{.CreatedAt}}|{{.UpdatedAt}}|{{.Labels}}|{{json .}}'],
        ['config', 'ls', ...f, '--format', '{{.Name}}|{{.CreatedAt}}|{{.UpdatedAt}}'],
        ['config', 'ls', ...f, '-f', `name=${CFG_A}`],
        ['config', 'ls', '-f', 'label=berth.test=nothing-has-this'],
        ['config', 'ls', ...f, '-f', 'label=tier'],
      ]);
    });

    it('ls: configFormat from config.json, not with --quiet', async () => {
      const f = ['-f', `label=${LABEL}`];
      await all([['config', 'ls', ...f], ['config', 'ls', ...f, '-q']], { config: CFG_FMT });
    });

    it('inspect: JSON, templates, --pretty with the data', async () => {
      await all([
        ['config', 'inspect', CFG_A],
        ['config', 'inspect', CFG_A, CFG_B, CFG_T],
        ['config', 'inspect', '-f', 'json', CFG_B],
        ['config', 'inspect', '--format', '{{.ID}} {{.Spec.Name}} {{.Spec.Labels}} {{.Version.Index}} {{.CreatedAt}}', CFG_B],
        ['config', 'inspect', '-f', '{{.Spec.Data}}', CFG_A],
        ['config', 'inspect', '-f', '{{printf "%s" .Spec.Data}} {{json .Spec.Data}} {{.Spec.Templating.Name}}', CFG_T],
        ['config', 'inspect', '-f', '{{.Nope}}', CFG_A],
        ['config', 'inspect', '--pretty', CFG_A],
        ['config', 'inspect', '--pretty', CFG_A, CFG_B, CFG_T],
        ['config', 'inspect', '--format', 'pretty', CFG_B],
        ['config', 'inspect', '--format', 'prettyx', CFG_B],
      ]);
    });

    it('inspect and rm of what does not exist', async () => {
      await all([
        ['config', 'inspect', `${TAG}-none`],
        ['config', 'inspect', CFG_A, `${TAG}-none`],
        ['config', 'inspect', '--pretty', CFG_A, `${TAG}-none`],
        ['config', 'inspect', ''],
        ['config', 'rm', `${TAG}-none`],
        ['config', 'rm', `${TAG}-none`, ''],
      ]);
    });

    it('create: missing data, unreadable files, bad names, duplicates, bad flags', async () => {
      await all([
        ['config', 'create', `${TAG}-x`],
        ['config', 'create', `${TAG}-x`, ''],
        ['config', 'create', `${TAG}-x`, MISSING],
        ['config', 'create', `${TAG}-x`, EMPTY],
        ['config', 'create', `${TAG}-x`, DIR],
        ['config', 'create', `${TAG}-x`, '-'],
        ['config', 'create', 'bad name!', DATA],
        ['config', 'create', CFG_A, DATA],
        ['config', 'create', '-d', 'x', `${TAG}-x`, DATA],
        ['config', 'create', '-l', '=v', `${TAG}-x`, DATA],
        ['config', 'create', 'a', 'b', 'c'],
        ['config', 'ls', '--filter', 'nonsense'],
        ['config', 'ls', '--format', '{{.Driver}}'],
        ['config', 'inspect'],
        ['config', 'rm'],
        ['config'],
      ]);
    });

    it('help', async () => {
      await all([['config', '--help'], ['config', 'create', '--help'], ['config', 'ls', '--help'], ['config', 'inspect', '--help'], ['config', 'rm', '--help'], ['config', 'remove', '-h']]);
    });
  });

  it('rm: each CLI removes its own objects, and what a service uses stays', async () => {
    const o = env();
    for (const k of ['rs', 'rc']) for (const s of ['d', 'b']) made.push({ kind: k === 'rs' ? 'secret' : 'config', name: `${TAG}-${k}-${s}` });
    await Promise.all([
      dockerOn(['secret', 'create', `${TAG}-rs-d`, DATA], 1, o),
      dockerOn(['secret', 'create', `${TAG}-rs-b`, DATA], 1, o),
      dockerOn(['config', 'create', `${TAG}-rc-d`, DATA], 1, o),
      dockerOn(['config', 'create', `${TAG}-rc-b`, DATA], 1, o),
    ]);
    for (const kind of ['secret', 'config'] as const) {
      const k = kind === 'secret' ? 'rs' : 'rc';
      const [d, b] = await Promise.all([
        docker([kind, 'rm', `${TAG}-${k}-d`, `${TAG}-none`], env(onNode(1))),
        berth([kind, 'rm', `${TAG}-${k}-b`, `${TAG}-none`], env(onNode(1))),
      ]);
      expect(b.code).toBe(d.code);
      expect(b.stdout).toBe(d.stdout.replace(`${TAG}-${k}-d`, `${TAG}-${k}-b`));
      expect(b.stderr).toBe(asBerth(d.stderr));
      await same([kind, 'ls', '-q', '-f', `name=${TAG}-${k}-`]);
    }
    // in use by a service: the engine refuses, naming it
    await dockerOn(['service', 'create', '-d', '--name', SVC, '--secret', SEC_A, '--config', CFG_A, 'busybox', 'sleep', '600'], 1, o);
    await all([
      ['secret', 'rm', SEC_A],
      ['secret', 'rm', SEC_A, `${TAG}-none`],
      ['config', 'rm', CFG_A],
      ['secret', 'inspect', '--pretty', SEC_A],
    ]);
  });

  it('not a swarm manager: a worker, and an engine in no swarm', async () => {
    made.push({ kind: 'secret', name: `${TAG}-x` }, { kind: 'config', name: `${TAG}-x` });
    const worker = onNode(2).env!.DOCKER_HOST!;
    // the plain engine is the harness's; never one of the swarm's nodes
    const plainEngine = [1, 2, 3].some((i) => onNode(i).env!.DOCKER_HOST === HOST) ? [] : [HOST];
    for (const host of [worker, ...plainEngine]) {
      await all(
        [
          ['secret', 'ls'],
          ['secret', 'create', `${TAG}-x`, DATA],
          ['secret', 'inspect', SEC_A],
          ['secret', 'inspect', '--pretty', SEC_A],
          ['secret', 'rm', SEC_A],
          ['config', 'ls', '-q'],
          ['config', 'create', `${TAG}-x`, '-'],
          ['config', 'inspect', CFG_A, CFG_B],
          ['config', 'rm', CFG_A],
          ['secret', 'create', `${TAG}-x`, MISSING],
        ],
        { host, input: 'data' },
      );
    }
  });
});
