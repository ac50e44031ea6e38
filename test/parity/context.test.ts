// `context` commands, differential: each case gives docker and berth a fresh DOCKER_CONFIG
// each, holding identical starting files (made by docker, then copied), runs the same command
// line in both, and compares exit code, stdout, stderr and the files left behind (config.json,
// meta.json, TLS files, with their modes, and the exported archives byte for byte).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, HOST, skipReason, type Result, type RunOptions } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/context: skipped: ${reason}`);

const root = mkdtempSync(path.join(os.tmpdir(), 'berth-ctx-'));
const tlsDir = path.join(root, 'pki');

/** every file under `dir`: relative path, mode and content */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const ent of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = path.join(rel, ent.name);
      const st = statSync(path.join(dir, p));
      if (ent.isDirectory()) {
        out[`${p}/`] = (st.mode & 0o777).toString(8);
        walk(p);
      } else out[p] = `${(st.mode & 0o777).toString(8)} ${readFileSync(path.join(dir, p)).toString('base64')}`;
    }
  };
  walk('');
  return out;
}

interface Setup {
  /** commands docker runs first, in the starting directory (DOCKER_CONFIG=<dir>/cfg) */
  cmds?: string[][];
  /** config.json written before them */
  config?: string;
  /** other files, relative to the directory */
  files?: Record<string, string | Buffer>;
}

interface Outcome {
  result: Result;
  files: Record<string, string>;
}

let seq = 0;

const starts = new Map<string, Promise<string>>();

/** a starting directory, made by docker, copied for each side (made once per distinct setup) */
async function prepare(setup: Setup): Promise<[string, string]> {
  seq += 1;
  const base = path.join(root, `case${seq}`);
  const key = JSON.stringify(setup);
  if (!starts.has(key)) starts.set(key, makeStart(path.join(root, `start${seq}`), setup));
  const start = await starts.get(key)!;
  const d = path.join(base, 'd');
  const b = path.join(base, 'b');
  cpSync(start, d, { recursive: true, preserveTimestamps: true });
  cpSync(start, b, { recursive: true, preserveTimestamps: true });
  return [d, b];
}

async function makeStart(start: string, setup: Setup): Promise<string> {
  mkdirSync(path.join(start, 'cfg'), { recursive: true });
  if (setup.config !== undefined) writeFileSync(path.join(start, 'cfg', 'config.json'), setup.config);
  for (const [f, data] of Object.entries(setup.files ?? {})) {
    mkdirSync(path.dirname(path.join(start, f)), { recursive: true });
    writeFileSync(path.join(start, f), data);
  }
  for (const c of setup.cmds ?? []) {
    const r = await docker(c, { env: { DOCKER_CONFIG: path.join(start, 'cfg'), DOCKER_HOST: undefined }, wrap: ['sh', '-c', `cd '${start}' && exec "$0" "$@"`] });
    if (r.code !== 0) throw new Error(`setup ${c.join(' ')}: ${r.stderr}`);
  }
  return start;
}

async function runIn(which: 'docker' | 'berth', dir: string, args: string[], o: RunOptions): Promise<Outcome> {
  const env = { DOCKER_CONFIG: path.join(dir, 'cfg'), DOCKER_HOST: undefined, ...o.env };
  const opts: RunOptions = { ...o, env, wrap: ['sh', '-c', `cd '${dir}' && exec "$0" "$@"`] };
  let result = await (which === 'docker' ? docker : berth)(args, opts);
  const norm = (s: string): string => s.replaceAll(dir, '<DIR>');
  result = { code: result.code, stdout: norm(result.stdout), stderr: norm(result.stderr) };
  if (which === 'docker') result = { ...result, stdout: asBerth(result.stdout), stderr: asBerth(result.stderr) };
  return { result, files: tree(dir) };
}

async function compare(setup: Setup, args: string[], o: RunOptions = {}): Promise<Outcome> {
  const [d, b] = await prepare(setup);
  const [od, ob] = await Promise.all([runIn('docker', d, args, o), runIn('berth', b, args, o)]);
  expect(ob).toEqual(od);
  return od;
}

const create = (name: string, ...extra: string[]): string[] => ['context', 'create', name, ...extra];
/** two contexts, the first on the engine */
const TWO: Setup = {
  cmds: [create('ctx-a', '--docker', `host=${HOST}`, '--description', 'on <the> engine & "more"'), create('ctx-b', '--docker', 'host=tcp://203.0.113.1:2376,skip-tls-verify=true')],
};
const TWO_USED: Setup = { cmds: [...TWO.cmds!, ['context', 'use', 'ctx-a']] };
const tlsCreate = (): string[] => create('ctx-tls', '--docker', `host=tcp://203.0.113.2:2376,ca=${tlsDir}/ca.pem,cert=${tlsDir}/cert.pem,key=${tlsDir}/key.pem`, '--description', 'tls');
/** a context written by another tool: more metadata, another endpoint, no docker endpoint */
const OTHER: Setup = {
  ...TWO,
  files: { 'cfg/contexts/meta/other/meta.json': '{"Name":"ctx-z","Metadata":{"Description":"d","Other":[1,2.5,"<"]},"Endpoints":{"k8s":{"b":1,"a":"<"}}}' },
};
/** a context store holding a meta.json as given */
const storedMeta = (json: string): Setup => ({ ...TWO, files: { 'cfg/contexts/meta/bad/meta.json': json } });

/** a tar archive of one meta.json, made by tar(1) */
function metaTar(json: string): Buffer {
  const dir = mkdtempSync(path.join(root, 'tar-'));
  writeFileSync(path.join(dir, 'meta.json'), json);
  return execFileSync('tar', ['cf', '-', '-C', dir, 'meta.json']);
}

const WITH_TLS = (): Setup => ({ cmds: [tlsCreate()] });

describe.skipIf(reason !== '').concurrent('context', () => {
  beforeAll(() => {
    mkdirSync(tlsDir, { recursive: true });
    const ssl = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' });
    ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${tlsDir}/key.pem`, '-out', `${tlsDir}/cert.pem`, '-days', '2', '-subj', '/CN=berth-test']);
    ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${tlsDir}/key2.pem`, '-out', `${tlsDir}/cert2.pem`, '-days', '2', '-subj', '/CN=other']);
    cpSync(`${tlsDir}/cert.pem`, `${tlsDir}/ca.pem`);
    writeFileSync(`${tlsDir}/junk.pem`, 'not a certificate\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe('create', () => {
    const cases: [string, Setup, string[]][] = [
      ['a context on the engine', {}, create('ctx-new', '--docker', `host=${HOST}`)],
      ['with a description to escape', {}, create('ctx-new', '--docker', 'host=tcp://h:1', '--description', '<b> & "q"')],
      ['skip-tls-verify', {}, create('ctx-new', '--docker', 'host=tcp://h:1,skip-tls-verify=true')],
      ['--docker given twice', {}, create('ctx-new', '--docker', 'host=tcp://h:1', '--docker', 'skip-tls-verify=1')],
      ['a quoted csv value', {}, create('ctx-new', '--docker', '"host=tcp://a,b",skip-tls-verify=0')],
      ['an empty host', {}, create('ctx-new', '--docker', 'host=')],
      ['an ssh host', {}, create('ctx-new', '--docker', 'host=ssh://me@example.com')],
      ['from the current context (default)', {}, create('ctx-new')],
      ['--from default, a description', {}, create('ctx-new', '--from', 'default', '--description', 'copied')],
      ['--from another', TWO, create('ctx-new', '--from', 'ctx-a')],
      ['docker from=', TWO, create('ctx-new', '--docker', 'from=ctx-b')],
      ['from the current one', TWO_USED, create('ctx-new', '--description', 'd')],
      ['TLS files', {}, []],
      ['a duplicate name', TWO, create('ctx-a', '--docker', 'host=tcp://h:1')],
      ['the reserved name', {}, create('default')],
      ['an invalid name', {}, create('b@d', '--docker', 'host=tcp://h:1')],
      ['a one-letter name', {}, create('x', '--docker', 'host=tcp://h:1')],
      ['an unknown --docker key', {}, create('ctx-new', '--docker', 'host=tcp://h:1,foo=bar')],
      ['a --docker value without =', {}, create('ctx-new', '--docker', 'host')],
      ['an empty --docker value', {}, create('ctx-new', '--docker', '')],
      ['a bad skip-tls-verify', {}, create('ctx-new', '--docker', 'host=tcp://h:1,skip-tls-verify=maybe')],
      ['a host without scheme', {}, create('ctx-new', '--docker', 'host=nowhere')],
      ['a bad port', {}, create('ctx-new', '--docker', 'host=tcp://h:x')],
      ['no scheme before :', {}, create('ctx-new', '--docker', 'host=:2375')],
      ['an ssh host without name', {}, create('ctx-new', '--docker', 'host=ssh://')],
      ['npipe on linux', {}, create('ctx-new', '--docker', 'host=npipe:////./pipe/x')],
      ['--docker with --from', TWO, create('ctx-new', '--docker', 'host=tcp://h:1', '--from', 'ctx-a')],
      ['--from an unknown context', {}, create('ctx-new', '--from', 'nope')],
      ['docker from= an unknown context', {}, create('ctx-new', '--docker', 'from=nope')],
      ['a CA file that is missing', {}, create('ctx-new', '--docker', 'host=tcp://h:1,ca=/nonexistent/ca.pem')],
      ['an unknown flag', {}, ['context', 'create', '-x']],
      ['no name', {}, ['context', 'create']],
    ];
    for (const [name, setup, args] of cases) {
      if (args.length === 0) continue;
      it(name, () => compare(setup, args));
    }
    it('TLS files', () => compare({}, tlsCreate()));
    it('a CA that is not a certificate', () => compare({}, create('ctx-new', '--docker', `host=tcp://h:1,ca=${tlsDir}/junk.pem`)));
    it('a CA not checked for a socket', () => compare({}, create('ctx-new', '--docker', `host=unix:///x.sock,ca=${tlsDir}/junk.pem`)));
    it('a key that does not match', () => compare({}, create('ctx-new', '--docker', `host=tcp://h:1,cert=${tlsDir}/cert.pem,key=${tlsDir}/key2.pem`)));
    it('a key that is no key', () => compare({}, create('ctx-new', '--docker', `host=tcp://h:1,cert=${tlsDir}/cert.pem,key=${tlsDir}/junk.pem`)));
    it('a certificate given as the key', () => compare({}, create('ctx-new', '--docker', `host=tcp://h:1,cert=${tlsDir}/cert.pem,key=${tlsDir}/cert.pem`)));
    it('a key given as the certificate', () => compare({}, create('ctx-new', '--docker', `host=tcp://h:1,cert=${tlsDir}/key.pem,key=${tlsDir}/key.pem`)));
    it('ssh: a path is allowed', () => compare({}, create('ctx-new', '--docker', 'host=ssh://u@h/path')));
    it('ssh: no password', () => compare({}, create('ctx-new', '--docker', 'host=ssh://u:p@h')));
    it('ssh: no query', () => compare({}, create('ctx-new', '--docker', 'host=ssh://u@h?x=1')));
    it('--from a context with TLS files', () => compare(WITH_TLS(), create('ctx-new', '--from', 'ctx-tls')));
  });

  describe('ls', () => {
    const cases: [string, Setup, string[], RunOptions?][] = [
      ['only default', {}, ['context', 'ls']],
      ['two contexts', TWO, ['context', 'ls']],
      ['the current one marked', TWO_USED, ['context', 'list']],
      ['-q', TWO_USED, ['context', 'ls', '-q']],
      ['--format json', TWO_USED, ['context', 'ls', '--format', 'json']],
      ['--format {{json .}}', TWO, ['context', 'ls', '--format', '{{json .}}']],
      ['a table of its own', TWO_USED, ['context', 'ls', '--format', 'table {{.Name}}\t{{.Current}}\t{{.DockerEndpoint}}']],
      ['a bad template', TWO, ['context', 'ls', '--format', '{{.Nope}}']],
      ['an argument', {}, ['context', 'ls', 'x']],
      ['DOCKER_HOST overrides (warning)', TWO_USED, ['context', 'ls'], { env: { DOCKER_HOST: HOST } }],
      ['DOCKER_CONTEXT picks another', TWO_USED, ['context', 'ls'], { env: { DOCKER_CONTEXT: 'ctx-b' } }],
      ['a current context that does not exist (ERROR column)', TWO, ['context', 'ls'], { env: { DOCKER_CONTEXT: 'gone' } }],
      ['--context picks another', TWO_USED, ['--context', 'ctx-b', 'context', 'ls']],
      ['-H makes default current', TWO_USED, ['-H', 'tcp://198.51.100.1', 'context', 'ls']],
      ['TLS context', WITH_TLS(), ['context', 'ls']],
      ['-H with --context', TWO, ['-H', 'tcp://198.51.100.1', '--context', 'ctx-a', 'context', 'ls']],
      ['--tls without a CA file', TWO, ['--tls', 'context', 'ls']],
      ['DOCKER_TLS_VERIFY without a CA file', TWO, ['context', 'ls'], { env: { DOCKER_TLS_VERIFY: '1' } }],
      ['a stored context with another endpoint and metadata', OTHER, ['context', 'ls']],
      ['a meta.json that does not parse', storedMeta('{bad'), ['context', 'ls']],
      ['a meta.json with a value after it', storedMeta('{"Name":"zz"} x'), ['context', 'ls']],
      ['a meta.json with a name of the wrong type', storedMeta('{"Name":1}'), ['context', 'ls']],
      ['a meta.json with a docker endpoint of the wrong type', storedMeta('{"Name":"zz","Endpoints":{"docker":"s"}}'), ['context', 'ls']],
      ['a meta.json with a host of the wrong type', storedMeta('{"Name":"zz","Endpoints":{"docker":{"Host":5}}}'), ['context', 'ls']],
      ['a meta.json in lower case, without docker endpoint', storedMeta('{"name":"zz","endpoints":{"dockerx":{"host":"tcp://lower:1"}}}'), ['context', 'ls']],
    ];
    for (const [name, setup, args, o] of cases) it(name, () => compare(setup, args, o));
  });

  describe('use and show', () => {
    const cases: [string, Setup, string[], RunOptions?][] = [
      ['use one', TWO, ['context', 'use', 'ctx-a']],
      ['use it again', TWO_USED, ['context', 'use', 'ctx-a']],
      ['use default (currentContext dropped)', TWO_USED, ['context', 'use', 'default']],
      ['use default with no config.json', {}, ['context', 'use', 'default']],
      ['use rewrites config.json as docker does', { ...TWO, config: '{"psFormat":   "table {{.ID}}", "auths": {"example.com": {"auth": "dTpw"}}}' }, ['context', 'use', 'ctx-b']],
      ['use with DOCKER_HOST set (warning)', TWO, ['context', 'use', 'ctx-a'], { env: { DOCKER_HOST: HOST } }],
      ['use an unknown one', TWO, ['context', 'use', 'nope']],
      ['use an invalid name', {}, ['context', 'use', 'b@d']],
      ['use without argument', {}, ['context', 'use']],
      ['use with two', TWO, ['context', 'use', 'ctx-a', 'ctx-b']],
      ['show default', {}, ['context', 'show']],
      ['show the used one', TWO_USED, ['context', 'show']],
      ['show with DOCKER_CONTEXT', TWO_USED, ['context', 'show'], { env: { DOCKER_CONTEXT: 'ctx-b' } }],
      ['show with DOCKER_HOST', TWO_USED, ['context', 'show'], { env: { DOCKER_HOST: HOST } }],
      ['show with --context', {}, ['--context', 'whatever', 'context', 'show']],
      ['show with an argument', {}, ['context', 'show', 'x']],
    ];
    for (const [name, setup, args, o] of cases) it(name, () => compare(setup, args, o));

    it('use keeps the keys docker does not know (berth\'s config writer), else as docker', async () => {
      const config = '{"zzz": {"b": 1, "a": [true]}, "psFormat": "table {{.ID}}"}';
      const [d, b] = await prepare({ ...TWO, config });
      const [od, ob] = await Promise.all([runIn('docker', d, ['context', 'use', 'ctx-b'], {}), runIn('berth', b, ['context', 'use', 'ctx-b'], {})]);
      expect(ob.result).toEqual(od.result);
      const dj = JSON.parse(readFileSync(path.join(d, 'cfg', 'config.json'), 'utf8')) as Record<string, unknown>;
      const bj = JSON.parse(readFileSync(path.join(b, 'cfg', 'config.json'), 'utf8')) as Record<string, unknown>;
      expect(dj.zzz).toBeUndefined();
      expect(bj).toEqual({ ...dj, zzz: { b: 1, a: [true] } });
      expect(statSync(path.join(b, 'cfg', 'config.json')).mode & 0o777).toBe(statSync(path.join(d, 'cfg', 'config.json')).mode & 0o777);
    });
  });

  describe('rm', () => {
    const cases: [string, Setup, string[], RunOptions?][] = [
      ['two', TWO, ['context', 'rm', 'ctx-a', 'ctx-b']],
      ['remove alias', TWO, ['context', 'remove', 'ctx-b']],
      ['the current one', TWO_USED, ['context', 'rm', 'ctx-a']],
      ['the current one, forced (config.json updated)', TWO_USED, ['context', 'rm', '-f', 'ctx-a']],
      ['current through DOCKER_CONTEXT, forced', TWO, ['context', 'rm', '-f', 'ctx-b'], { env: { DOCKER_CONTEXT: 'ctx-b' } }],
      ['default', TWO, ['context', 'rm', 'default']],
      ['unknown ones among good ones', TWO, ['context', 'rm', 'nope', 'ctx-a', 'nope2']],
      ['an unknown one, forced', {}, ['context', 'rm', '-f', 'nope']],
      ['with TLS files', WITH_TLS(), ['context', 'rm', 'ctx-tls']],
      ['no argument', {}, ['context', 'rm']],
    ];
    for (const [name, setup, args, o] of cases) it(name, () => compare(setup, args, o));
  });

  describe('inspect', () => {
    const cases: [string, Setup, string[], RunOptions?][] = [
      ['default', {}, ['context', 'inspect']],
      ['default with DOCKER_HOST', {}, ['context', 'inspect', 'default'], { env: { DOCKER_HOST: 'tcp://198.51.100.7:2375/' } }],
      ['the current one', TWO_USED, ['context', 'inspect']],
      ['several', TWO, ['context', 'inspect', 'ctx-b', 'default', 'ctx-a']],
      ['an unknown one', TWO, ['context', 'inspect', 'nope']],
      ['a template, one unknown', TWO, ['context', 'inspect', '-f', '{{.Name}} {{.Endpoints.docker.Host}} {{.Storage.MetadataPath}}', 'ctx-a', 'nope']],
      ['-f json', TWO, ['context', 'inspect', '--format', 'json', 'ctx-a']],
      ['TLS material', WITH_TLS(), ['context', 'inspect', 'ctx-tls']],
      ['a context of another tool', OTHER, ['context', 'inspect', 'ctx-z']],
      ['a template on the embedded store.Metadata', TWO, ['context', 'inspect', '-f', '{{.Metadata.Description}}', 'ctx-a', 'default']],
      ['a template naming a field it lacks', TWO, ['context', 'inspect', '-f', '{{.Current}}', 'ctx-a']],
      ['a template over maps', TWO, ['context', 'inspect', '-f', '{{json .Endpoints}} {{.TLSMaterial}} {{.Storage}}', 'ctx-b', 'default']],
    ];
    for (const [name, setup, args, o] of cases) it(name, () => compare(setup, args, o));
  });

  describe('update', () => {
    const cases: [string, Setup, string[]][] = [
      ['the description', TWO, ['context', 'update', 'ctx-a', '--description', 'new']],
      ['the endpoint', TWO, ['context', 'update', 'ctx-b', '--docker', 'host=tcp://h:5']],
      ['nothing', TWO, ['context', 'update', 'ctx-b']],
      ['TLS files dropped', WITH_TLS(), ['context', 'update', 'ctx-tls', '--docker', 'host=tcp://h:5']],
      ['the description of a TLS context', WITH_TLS(), ['context', 'update', 'ctx-tls', '--description', 'x']],
      ['default', {}, ['context', 'update', 'default', '--description', 'x']],
      ['an unknown one', {}, ['context', 'update', 'nope']],
      ['a bad key', TWO, ['context', 'update', 'ctx-b', '--docker', 'host=tcp://h:5,foo=1']],
    ];
    for (const [name, setup, args] of cases) it(name, () => compare(setup, args));
  });

  describe('export and import', () => {
    const cases: [string, Setup, string[], RunOptions?][] = [
      ['export to a file', TWO, ['context', 'export', 'ctx-a', 'out.tar']],
      ['export to its default file name', TWO, ['context', 'export', 'ctx-b']],
      ['export default', {}, ['context', 'export', 'default', 'def.tar']],
      ['export TLS files', WITH_TLS(), ['context', 'export', 'ctx-tls', 'tls.tar']],
      ['export a context of another tool', OTHER, ['context', 'export', 'ctx-z', 'z.tar']],
      ['create from a context of another tool', OTHER, create('ctx-new', '--from', 'ctx-z')],
      ['update a context of another tool', OTHER, ['context', 'update', 'ctx-z', '--description', 'x']],
      ['export to a file that exists', { ...TWO, files: { 'x.tar': 'x' } }, ['context', 'export', 'ctx-a', 'x.tar']],
      ['export an unknown context (the file is left)', {}, ['context', 'export', 'nope', 'n.tar']],
      ['export an invalid name', {}, ['context', 'export', 'b@d']],
      ['export without argument', {}, ['context', 'export']],
      ['import an exported tar', { cmds: [...TWO.cmds!, ['context', 'export', 'ctx-a', 'a.tar']] }, ['context', 'import', 'ctx-new', 'a.tar']],
      ['import TLS files', { cmds: [tlsCreate(), ['context', 'export', 'ctx-tls', 't.tar']] }, ['context', 'import', 'ctx-new', 't.tar']],
      ['import over an existing name', { cmds: [...TWO.cmds!, ['context', 'export', 'ctx-a', 'a.tar']] }, ['context', 'import', 'ctx-b', 'a.tar']],
      ['import as default', { cmds: [['context', 'export', 'default', 'd.tar']] }, ['context', 'import', 'default', 'd.tar']],
      ['import a garbage file', { files: { 'g.bin': Buffer.alloc(3000, 0x5a) } }, ['context', 'import', 'ctx-new', 'g.bin']],
      ['import a short file', { files: { 's.bin': 'hello' } }, ['context', 'import', 'ctx-new', 's.bin']],
      ['import an empty file', { files: { 'e.bin': '' } }, ['context', 'import', 'ctx-new', 'e.bin']],
      ['import a missing file', {}, ['context', 'import', 'ctx-new', 'nope.tar']],
      ['import a directory', {}, ['context', 'import', 'ctx-new', '.']],
      ['import with one argument', {}, ['context', 'import', 'ctx-new']],
      ['import a meta.json that does not parse', { files: { 'm.tar': metaTar('{bad') } }, ['context', 'import', 'ctx-new', 'm.tar']],
      ['import a meta.json that is an array', { files: { 'm.tar': metaTar('[1]') } }, ['context', 'import', 'ctx-new', 'm.tar']],
      ['import a meta.json with a name of the wrong type', { files: { 'm.tar': metaTar('{"Name":1}') } }, ['context', 'import', 'ctx-new', 'm.tar']],
      ['import keeps members docker does not type', { files: { 'm.tar': metaTar('{"Name":"q","Metadata":{"Description":"<","x":[1.5e3]},"Endpoints":{"docker":{"Host":"tcp://h:1","Extra":1,"SkipTLSVerify":true}},"More":1}') } }, ['context', 'import', 'ctx-new', 'm.tar']],
    ];
    for (const [name, setup, args, o] of cases) it(name, () => compare(setup, args, o));

    it('export to stdout, byte for byte', async () => {
      const [d, b] = await prepare(WITH_TLS());
      const [od, ob] = await Promise.all([runIn('docker', d, ['context', 'export', 'ctx-tls', '-'], {}), runIn('berth', b, ['context', 'export', 'ctx-tls', '-'], {})]);
      expect(ob).toEqual(od);
    });

    it('import from stdin', async () => {
      const [d0] = await prepare({ cmds: [...TWO.cmds!, ['context', 'export', 'ctx-a', 'a.tar']] });
      const input = readFileSync(path.join(d0, 'a.tar'));
      await compare({}, ['context', 'import', 'ctx-new', '-'], { input });
    });

    it('import a zip', async () => {
      const [d0] = await prepare(WITH_TLS());
      const id = readdirSync(path.join(d0, 'cfg', 'contexts', 'meta'))[0]!;
      const work = path.join(d0, 'unz');
      mkdirSync(path.join(work, 'tls'), { recursive: true });
      cpSync(path.join(d0, 'cfg', 'contexts', 'meta', id, 'meta.json'), path.join(work, 'meta.json'));
      cpSync(path.join(d0, 'cfg', 'contexts', 'tls', id, 'docker'), path.join(work, 'tls', 'docker'), { recursive: true });
      execFileSync('zip', ['-qr', path.join(d0, 't.zip'), 'meta.json', 'tls'], { cwd: work, stdio: 'ignore' });
      await compare({ files: { 't.zip': readFileSync(path.join(d0, 't.zip')) } }, ['context', 'import', 'ctx-new', 't.zip']);
    });

    it('import a zip with a file it does not expect', async () => {
      const [d0] = await prepare({});
      writeFileSync(path.join(d0, 'other.txt'), 'x');
      execFileSync('zip', ['-q', path.join(d0, 'o.zip'), 'other.txt'], { cwd: d0, stdio: 'ignore' });
      await compare({ files: { 'o.zip': readFileSync(path.join(d0, 'o.zip')) } }, ['context', 'import', 'ctx-new', 'o.zip']);
    });
  });

  describe('completion of context names', () => {
    const cases: string[][] = [
      ['context', 'use', ''],
      ['context', 'use', 'ctx'],
      ['context', 'use', 'ctx-a', ''],
      ['context', 'rm', 'ctx-a', ''],
      ['context', 'inspect', '-f', 'x', ''],
      ['context', 'export', ''],
      ['context', 'export', 'ctx-a', ''],
      ['context', 'update', '--description', 'x', ''],
      ['context', 'import', ''],
      ['context', 'create', ''],
      ['context', 'ls', ''],
      ['--context', ''],
      ['-c', 'c'],
      ['--context='],
      ['-D', '--context', ''],
    ];
    for (const c of cases) it(c.join(' '), () => compare(TWO_USED, ['__complete', ...c]));
  });

  describe('through the engine', () => {
    it('a command through the used context', () => compare(TWO_USED, ['ps', '-q', '--filter', 'label=berth.ctx.none=1']));
    it('a command through --context', () => compare(TWO, ['--context', 'ctx-a', 'volume', 'ls', '-q', '--filter', 'label=berth.ctx.none=1']));
    it('a command through a context whose meta.json does not parse', () => {
      const id = createHash('sha256').update('ctx-bad').digest('hex');
      return compare({ files: { [`cfg/contexts/meta/${id}/meta.json`]: '{bad' } }, ['--context', 'ctx-bad', 'ps', '-q']);
    });
    it('a command through DOCKER_CONTEXT', () => compare(TWO, ['network', 'ls', '-q', '--filter', 'label=berth.ctx.none=1'], { env: { DOCKER_CONTEXT: 'ctx-a' } }));
  });
});
