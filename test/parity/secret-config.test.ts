// Differential tests of `secret` and `config` (create, ls, inspect, rm) and of their ID
// completion against the reference docker CLI, on the swarm of scripts/swarm.sh (node1, the
// manager). Listings keep to this run's objects (a label unique to it). Creations run once
// with each CLI under names of their own, and what each made is compared.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, HOST, settled, uniqueName, type Result, type RunOptions } from './harness.js';
import { dockerOn, onNode, swarmSkipReason } from './swarm-harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/secret-config: skipped: ${reason}`);

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });
const renamed = (r: Result): Result => ({ code: r.code, stdout: asBerth(r.stdout), stderr: asBerth(r.stderr) });

async function same(args: string[], o: RunOptions = {}, node = 1): Promise<void> {
  const { docker: d, berth: b } = await settled(args, onNode(node, o));
  expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

/** on the plain engine, which is no swarm manager */
async function sameOnPlain(args: string[]): Promise<void> {
  const { docker: d, berth: b } = await settled(args, { env: { DOCKER_HOST: HOST } });
  expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

const TAG = uniqueName('bsc');
const LABEL = `berth.test=${TAG}`;

for (const kind of ['secret', 'config'] as const) {
  describe.skipIf(reason !== '')(`${kind} verbs match docker`, () => {
    const A = `${TAG}-${kind}-a`;
    const B = `${TAG}-${kind}-b`;
    const ids: Record<string, string> = {};
    let dir = '';
    let cfgDir = '';
    const made: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `berth-${kind}-`));
      writeFileSync(join(dir, 'data'), 'line one\nline two\n');
      writeFileSync(join(dir, 'empty'), '');
      writeFileSync(join(dir, 'big'), Buffer.alloc(1100 * 1024, 'x'));
      mkdirSync(join(dir, 'sub'));
      cfgDir = join(dir, 'cfg');
      mkdirSync(cfgDir);
      const key = kind === 'secret' ? 'secretFormat' : 'configFormat';
      writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ [key]: 'table {{.Name}}\t{{.Label "tier"}}\t{{.ID}}' }));
      ids[A] = (await dockerOn([kind, 'create', '-l', LABEL, '-l', 'tier=web', A, join(dir, 'data')])).stdout.trim();
      ids[B] = (await dockerOn([kind, 'create', '--label', LABEL, B, '-'], 1, { input: 'from stdin' })).stdout.trim();
      made.push(A, B);
    }, 60_000);

    afterAll(async () => {
      await docker([kind, 'rm', ...made], onNode(1));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('ls: tables, formats, filters, config.json', async () => {
      const f = ['-f', `label=${LABEL}`];
      const cases: string[][] = [
        [kind, 'ls', ...f],
        [kind, 'list', ...f],
        [kind, 'ls', ...f, '-q'],
        [kind, 'ls', ...f, '--format', 'json'],
        [kind, 'ls', ...f, '--format', 'table {{.ID}}\t{{.Name}}\t{{.Label "tier"}}\t{{.CreatedAt}}'],
        [kind, 'ls', ...f, '--format', '{{.Name}} {{.Driver}}'],
        [kind, 'ls', ...f, '--format', '{{.Nope}}'],
        [kind, 'ls', ...f, '--format', '{{.}}'],
        [kind, 'ls', ...f, '-q', '--format', '{{.Name}}'],
        [kind, 'ls', ...f, '-f', 'label=tier=web'],
        [kind, 'ls', ...f, '-f', `name=${A}`],
        [kind, 'ls', ...f, '-f', `id=${ids[B]!.slice(0, 8)}`],
        [kind, 'ls', '-f', `name=${TAG}-nosuch`],
        [kind, 'ls', '-f', 'nosuch=1'],
        [kind, 'ls', '-f', 'noequals'],
        [kind, 'ls', 'extra'],
        [kind, 'ls', '--nope'],
      ];
      await Promise.all(cases.map((args) => same(args)));
      const env = { DOCKER_CONFIG: cfgDir };
      await Promise.all([[kind, 'ls', ...f], [kind, 'ls', ...f, '-q'], [kind, 'ls', ...f, '--format', '{{.Name}}']].map((args) => same(args, { env })));
      // an API older than the group's: refused before anything (the canonical name, for the alias too)
      const old = { DOCKER_API_VERSION: kind === 'secret' ? '1.24' : '1.29' };
      await Promise.all(
        [[kind, 'ls'], [kind, 'list', '--nope'], [kind, 'inspect'], [kind, 'create', 'x', '-']].map(async (args) => {
          const { docker: d, berth: b } = await settled(args, onNode(1, { env: old }));
          // (the harness renames docker's own words, not this line's leading program name)
          expect({ args, ...plain(b) }).toEqual({ args, ...plain(d), stderr: d.stderr.replace(/^docker /, 'berth ') });
          expect(d.stderr).toContain('requires API version');
        }),
      );
    });

    it('inspect: JSON, templates, --pretty, errors', async () => {
      const cases: string[][] = [
        [kind, 'inspect', A],
        [kind, 'inspect', A, ids[B]!],
        [kind, 'inspect', '--format', 'json', A, B],
        [kind, 'inspect', '-f', '{{.ID}} {{.Spec.Name}} {{.Spec.Labels}} {{.Version}} {{.CreatedAt}} {{.UpdatedAt}}', A, B],
        [kind, 'inspect', '-f', '{{.Spec.Data}} {{json .Spec.Data}} {{.Spec.Templating}}', A],
        [kind, 'inspect', '-f', '{{json .Spec}}', B],
        [kind, 'inspect', '-f', '{{.Nope}}', A],
        [kind, 'inspect', '-f', '{{.ID', A],
        [kind, 'inspect', '--pretty', A],
        [kind, 'inspect', '--pretty', A, B],
        [kind, 'inspect', '--pretty', A, 'nosuch'],
        [kind, 'inspect', '-f', 'prettyx', A],
        [kind, 'inspect', 'nosuch'],
        [kind, 'inspect', A, 'nosuch', B, '-f', '{{.Spec.Name}}'],
        [kind, 'inspect', ''],
        [kind, 'inspect'],
      ];
      await Promise.all(cases.map((args) => same(args)));
    });

    it('create: from a file, from stdin, labels, template driver (each CLI under its own name)', async () => {
      const variants: { args: (name: string) => string[]; input?: string }[] = [
        { args: (n) => [kind, 'create', '-l', LABEL, '-l', 'bare', n, join(dir, 'data')] },
        { args: (n) => [kind, 'create', '--label', LABEL, '--template-driver', 'golang', n, '-'], input: 'x={{ .Service.Name }}\n' },
      ];
      const tmpl = '{{.Spec.Name}}|{{.Spec.Labels}}|{{json .Spec.Data}}|{{.Spec.Templating}}';
      for (const v of variants) {
        const dn = uniqueName(`${TAG}-d`);
        const bn = uniqueName(`${TAG}-b`);
        const d = await docker(v.args(dn), onNode(1, { input: v.input }));
        const b = await berth(v.args(bn), onNode(1, { input: v.input }));
        made.push(dn, bn);
        expect(d.code).toBe(0);
        expect({ code: b.code, stderr: b.stderr, id: /^[a-z0-9]{25}\n$/.test(b.stdout) }).toEqual({ code: 0, stderr: '', id: true });
        const [di, bi] = await Promise.all([dockerOn([kind, 'inspect', '-f', tmpl, dn]), dockerOn([kind, 'inspect', '-f', tmpl, bn])]);
        expect(bi.stdout.replace(bn, 'NAME')).toBe(di.stdout.replace(dn, 'NAME'));
        expect(b.stdout.trim()).toBe((await dockerOn([kind, 'inspect', '-f', '{{.ID}}', bn])).stdout.trim());
      }
    });

    it('create: errors', async () => {
      const cases: { args: string[]; input?: string }[] = [
        { args: [kind, 'create', `${TAG}-x`, join(dir, 'nosuch')] },
        { args: [kind, 'create', `${TAG}-x`, join(dir, 'sub')] },
        { args: [kind, 'create', `${TAG}-x`, join(dir, 'empty')] },
        { args: [kind, 'create', `${TAG}-x`, '-'], input: '' },
        { args: [kind, 'create', `${TAG}-x`, join(dir, 'big')] },
        { args: [kind, 'create', A, join(dir, 'data')] },
        { args: [kind, 'create', 'bad name!', join(dir, 'data')] },
        { args: [kind, 'create', '-l', '=x', `${TAG}-x`, join(dir, 'data')] },
        { args: [kind, 'create', `${TAG}-x`] },
        { args: [kind, 'create'] },
        { args: [kind, 'create', `${TAG}-x`, join(dir, 'data'), 'extra'] },
        { args: [kind, 'create', '--nope', `${TAG}-x`, join(dir, 'data')] },
        ...(kind === 'secret'
          ? [{ args: [kind, 'create', '-d', 'nosuchdriver', `${TAG}-x`, join(dir, 'data')] }, { args: [kind, 'create', '--driver', 'nosuchdriver', `${TAG}-x`] }]
          : [{ args: [kind, 'create', '-d', 'x', `${TAG}-x`, join(dir, 'data')] }]),
      ];
      await Promise.all(cases.map((c) => same(c.args, { input: c.input })));
      // (none of them made anything)
      expect((await dockerOn([kind, 'ls', '-q', '-f', `name=${TAG}-x`])).stdout).toBe('');
    });

    it('rm: each CLI removes its own; unknown names', async () => {
      const dn = uniqueName(`${TAG}-rmd`);
      const bn = uniqueName(`${TAG}-rmb`);
      await Promise.all([dn, bn].map((n) => dockerOn([kind, 'create', n, join(dir, 'data')])));
      const d = renamed(await docker([kind, 'rm', dn, 'nosuch'], onNode(1)));
      const b = plain(await berth([kind, 'rm', bn, 'nosuch'], onNode(1)));
      expect({ ...b, stdout: b.stdout.replace(bn, 'NAME') }).toEqual({ ...d, stdout: d.stdout.replace(dn, 'NAME') });
      expect(d.stdout).toBe(`${dn}\n`);
      await Promise.all([[kind, 'rm', 'nosuch1', 'nosuch2'], [kind, 'remove', ''], [kind, 'rm']].map((args) => same(args)));
    });

    it('on a worker and on an engine that is no swarm manager', async () => {
      const cases: string[][] = [
        [kind, 'ls'],
        [kind, 'inspect', A],
        [kind, 'inspect', '--pretty', A],
        [kind, 'rm', A],
        [kind, 'create', `${TAG}-x`, join(dir, 'data')],
      ];
      await Promise.all([...cases.map((args) => same(args, {}, 2)), ...cases.map(sameOnPlain)]);
    });

    it('help', async () => {
      await Promise.all([[kind, '--help'], [kind, 'ls', '--help'], [kind, 'create', '--help'], [kind, 'inspect', '--help'], [kind, 'rm', '-h'], [kind, 'remove', '--help']].map((args) => same(args)));
    });

    it('completion of IDs', async () => {
      const mineOnly = (r: Result): Result => ({ ...plain(r), stdout: r.stdout.split('\n').filter((l) => Object.values(ids).includes(l) || l.startsWith(':')).join('\n') });
      const verbs = kind === 'secret' ? ['inspect', 'rm', 'ls', 'create'] : ['inspect', 'rm', 'ls', 'create'];
      await Promise.all(
        [...verbs.map((v) => ['__complete', kind, v, '']), ['__complete', kind, 'inspect', A, ''], ['__complete', kind, 'inspect', '-f', ''], ['__complete', kind, 'create', '-l', ''], ['__complete', kind, 'ls', '--filter', ''], ['__complete', kind, 'ls', '--format=']].map(async (args) => {
          const { docker: d, berth: b } = await settled(args, onNode(1));
          expect({ args, ...mineOnly(b) }).toEqual({ args, ...mineOnly(d) });
        }),
      );
      // the IDs are there
      const { docker: d } = await settled(['__complete', kind, 'inspect', ''], onNode(1));
      expect(d.stdout).toContain(ids[A]!);
      await sameOnPlain(['__complete', kind, 'inspect', '']);
    });
  });
}
