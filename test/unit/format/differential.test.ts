// Differential fuzzing against the real docker CLI (opt-in):
//   BERTH_REFERENCE_DOCKER=/usr/local/bin/docker DOCKER_HOST=unix:///tmp/berth-engine/docker.sock \
//     npx vitest run test/unit/format/differential.test.ts
// Random templates run through `docker version --format` (struct data, template "version") and
// `docker image inspect busybox --format` (raw map data, missingkey=error) and through berth's
// engine; output and error text must be identical. FUZZ_SEED / FUZZ_RUNS tune the run.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parseTemplate, TemplateError, goStruct, goJsonValue } from '../../../src/format/template/index.js';
import { dockerFuncs } from '../../../src/format/funcs.js';
import { TabWriter } from '../../../src/format/tabwriter.js';

const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '';
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
// the engine the reference CLI asks (docker version, image inspect), taken once at load: a
// test sharing this process that changes DOCKER_HOST must not send docker to the default socket
const HOST = process.env.DOCKER_HOST;

function docker(args: string[]): { out: string; err: string } {
  const r = spawnSync(DOCKER, args, { encoding: 'utf8', env: { ...process.env, ...(HOST ? { DOCKER_HOST: HOST } : {}) } });
  return { out: r.stdout, err: r.stderr.replace(/\n$/, '') };
}

class Rand {
  constructor(private seed: number) {}
  n(k: number): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed % k;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.n(a.length)]!;
  }
}

const LIT = ['1', '-2', '0', '3', '1.5', '-0.25', '1e3', '0x10', "'x'", '"a"', '""', '"abc"', '"a,b"', '"<&>"', 'true', 'false', 'nil',
  '.Client.Version', '.Client.Os', '1+2i', '0.1', '1e21', '1e-7', '123456789.0', '-0.0', '2.5', '0.125', '255', '-255', '"héllo"', '"日本"', '`raw`'];
const FMT = ['"%v"', '"%d"', '"%s"', '"%q"', '"%x"', '"%5.2f"', '"%-4s|"', '"%t"', '"%T"', '"%e"', '"%g"', '"%c"', '"%U"', '"%08.3f"', '"%+d"',
  '"%[2]v %[1]v"', '"%*d"', '"%v %v"', '"%#v"', '"%.3s"', '"%X"', '"%o"', '"%b"', '"%5t"', '"%!"', '"%%"', '"%6.2v"', '"%-8.3e|"', '"%+.0f"',
  '"% x"', '"%#x"', '"%#o"', '"%#U"', '"%+q"', '"%#q"', '"%010.4g"', '"%.0g"', '"%.20f"', '"%5.1s|"', '"%-05d|"', '"%[3]d"', '"%.*f"', '"%w"'];
const FN: Record<string, [number, number]> = { and: [1, 3], or: [1, 3], not: [1, 1], len: [1, 1], index: [1, 3], slice: [1, 3], eq: [1, 3],
  ne: [2, 2], lt: [2, 2], le: [2, 2], gt: [2, 2], ge: [2, 2], print: [0, 3], println: [0, 3], html: [0, 2], js: [1, 2], urlquery: [1, 2],
  json: [1, 1], split: [2, 2], join: [2, 2], title: [1, 1], lower: [1, 1], upper: [1, 1], pad: [3, 3], truncate: [2, 2] };
const NOISE = ['{{', '}}', '(', ')', '|', '$x', ':=', '=', '.', 'end', 'else', 'if', '"', "'", ',', '-}}', '{{-', '/*', '*/', 'range', 'break'];

function expr(r: Rand, d: number): string {
  const k = r.n(10);
  if (d > 2 || k < 4) return r.pick(LIT);
  if (k < 6) return `(printf ${r.pick(FMT)} ${Array.from({ length: r.n(3) }, () => expr(r, d + 1)).join(' ')})`;
  const name = r.pick(Object.keys(FN));
  const [lo, hi] = FN[name]!;
  return `(${name} ${Array.from({ length: lo + r.n(hi - lo + 2) }, () => expr(r, d + 1)).join(' ')})`;
}

function versionTemplate(r: Rand): string {
  const parts: string[] = [];
  const useVar = r.n(4) === 0;
  if (useVar) parts.push(`{{$x := ${expr(r, 1).replace(/^\((.*)\)$/, '$1')}}}`);
  for (let i = 0, k = 1 + r.n(3); i < k; i++) {
    const c = r.n(14) - (r.n(2) ? 0 : 3);
    let e = expr(r, 0).replace(/^\((.*)\)$/, '$1');
    if (useVar && r.n(3) === 0) e = '$x';
    if (c < 3) parts.push(`{{printf ${r.pick(FMT)} ${Array.from({ length: r.n(4) }, () => r.pick(LIT)).join(' ')}}}`);
    else if (c < 5) parts.push(`{{${e}}}`);
    else if (c < 6) parts.push(`{{if ${e}}}T{{else if ${expr(r, 1)}}}E{{else}}F{{end}}`);
    else if (c < 7) parts.push(`{{with ${e}}}[{{.}}]{{else with ${expr(r, 1)}}}W{{end}}`);
    else if (c < 8) parts.push(`{{range $i, $e := ${e}}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}{{$i}}:{{$e}};{{else}}E{{end}}`);
    else if (c < 9) parts.push(`{{define "t${i}"}}<{{.}}>{{end}}{{template "t${i}" ${e}}}`);
    else if (c < 10) parts.push(`{{block "b${i}" ${e}}}({{printf "%v" .}}){{end}}`);
    else if (c < 11) parts.push(`{{- ${e} -}}`);
    else if (c < 12) parts.push(`{{/* c */}}{{range ${e}}}{{.}}{{end}}`);
    else if (c < 13) parts.push(`{{${e}}}${r.pick(NOISE)}${r.pick(NOISE)}`);
    else parts.push(`{{${e} | ${r.pick(['len', 'upper', 'print', 'printf "%v"', 'json', 'not', 'printf "%d"', 'and 1', 'or 0', 'index "abc"'])}}}`);
    parts.push(r.pick([' ', '|', '', '\n', '  \n ']));
  }
  return parts.join('');
}

const PATHS = ['.Id', '.RepoTags', '.RepoDigests', '.Size', '.Config', '.Config.Cmd', '.Config.Env', '.Config.Labels', '.ContainerConfig.Cmd',
  '.ContainerConfig', '.RootFS.Layers', '.RootFS.Type', '.RootFS', '.Architecture', '.GraphDriver', '.Nope', '.Config.Nope', '.Config.Tty',
  '.ContainerConfig.Cmd.X', '.Size.X', '$', '.Config.Env.X', '.RepoTags.X'];
const MAP_LIT = ['0', '1', '-1', '"sh"', '""', '"Cmd"', 'nil', 'true', '1.5', '"busybox:latest"'];
const MAP_FN = ['len', 'index', 'slice', 'eq', 'ne', 'lt', 'json', 'join', 'upper', 'print', 'printf "%v"', 'printf "%T"', 'printf "%q"',
  'printf "%d"', 'printf "%s"', 'not', 'and', 'or', 'split', 'html', 'js', 'urlquery', 'pad', 'truncate', 'title'];

function mapTemplate(r: Rand): string {
  const arg = (): string => (r.n(3) ? r.pick(PATHS) : r.pick(MAP_LIT));
  const action = (): string => {
    const c = r.n(10);
    if (c < 3) return `{{${r.pick(PATHS)}}}`;
    if (c < 7) return `{{${r.pick(MAP_FN)} ${Array.from({ length: 1 + r.n(2) }, arg).join(' ')}}}`;
    if (c < 8) return `{{range $k, $v := ${r.pick(PATHS)}}}{{$k}}={{$v}};{{else}}E{{end}}`;
    if (c < 9) return `{{with ${r.pick(PATHS)}}}[{{.}}]{{else}}W{{end}}`;
    return `{{if ${r.pick(MAP_FN)} ${arg()}}}T{{else}}F{{end}}`;
  };
  // .Id is not a field of docker's typed image struct: forces its raw-map fallback
  return '{{if .Id}}{{end}}' + Array.from({ length: 1 + r.n(3) }, action).join('|');
}

describe.skipIf(DOCKER === '')('differential fuzzing against docker', () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100000);

  it(`docker version --format (seed ${seed})`, () => {
    const version = goStruct(
      { Client: goStruct({ Version: docker(['version', '--format', '{{.Client.Version}}']).out.trim(), Os: 'linux' }, 'system.clientVersion') },
      'system.versionInfo',
    );
    const r = new Rand(seed);
    for (let i = 0; i < RUNS; i++) {
      const t = versionTemplate(r);
      let mine: { out: string; err: string };
      try {
        mine = { out: parseTemplate(t, { name: 'version', funcs: dockerFuncs }).execute(version) + '\n', err: '' };
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        const exec = e.message.includes(': executing "');
        mine = { out: exec ? e.partial + '\n' : '', err: (exec ? '' : 'template parsing error: ') + e.message };
      }
      expect(mine, t).toEqual(docker(['version', '--format', t]));
    }
  });

  it(`docker image inspect --format, raw map data (seed ${seed})`, () => {
    const raw = docker(['image', 'inspect', 'busybox']).out.trim().replace(/^\[\s*/, '').replace(/\s*\]$/, '');
    const data = goJsonValue(raw, 'map');
    const r = new Rand(seed);
    for (let i = 0; i < RUNS; i++) {
      const t = mapTemplate(r);
      let mine: { out: string; err: string };
      try {
        mine = { out: parseTemplate(t, { name: '', funcs: dockerFuncs, missingKey: 'error' }).execute(data) + '\n', err: '' };
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        mine = { out: '\n', err: 'template parsing error: ' + e.message };
      }
      expect(mine, t).toEqual(docker(['image', 'inspect', 'busybox', '--format', t]));
    }
  });

  it(`docker tables through the tabwriter (seed ${seed})`, () => {
    const r = new Rand(seed);
    const CELLS = ['', 'a', 'bb', 'name', 'a-much-longer-cell', '日本語', '😀x', 'é', '\u0301z', '  sp  ', 'x'.repeat(12)];
    for (let i = 0; i < Math.min(RUNS, 80); i++) {
      const lines = Array.from({ length: 1 + r.n(4) }, () => Array.from({ length: 1 + r.n(4) }, () => r.pick(CELLS)).join('\t'));
      const text = lines.join('\n') + (r.n(3) === 0 ? '\t' : '');
      // one image listed: the text is rendered for the header row and for the row
      const goLit = JSON.stringify(text).replace(/\\t/g, '\\x09').replace(/\\n/g, '\\x0a');
      const ref = docker(['images', '--format', `table {{${goLit}}}`, 'busybox']);
      const w = new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
      w.write(text + '\n');
      w.write(text + '\n');
      expect({ out: w.flush(), err: '' }, JSON.stringify(text)).toEqual(ref);
    }
  });
});
