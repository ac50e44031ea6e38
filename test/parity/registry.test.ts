// Differential tests of the registry verbs (login, logout, pull, push, search) against the
// reference docker CLI, on the engine's own registries (scripts/engine.sh starts them in the
// engine's network namespace: 127.0.0.1:5000 with htpasswd auth, 127.0.0.1:5001 open).
//
// Each case runs docker, then berth, one after the other, each from the same starting state:
// the same config directory with the same config.json, the same local images, the same
// registry contents (a test repository is deleted from the registry's storage between runs
// when the case pushes). Then stdout, stderr, the exit code, the config.json written (bytes
// and mode) and the requests the engine received (through a recording proxy, X-Registry-Auth
// included) must all be equal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { asBerth, berth, docker, HOST, ROOT, skipReason, type Result, type RunOptions } from './harness.js';
import { EngineProxy, type Seen } from './engine-proxy.js';
import { pullStream, pushStream, recorded, toJsonLines } from '../unit/ui/streams.js';

const engineDir = process.env.BERTH_ENGINE_DIR ?? (HOST.startsWith('unix://') ? dirname(HOST.slice('unix://'.length)) : '/tmp/berth-engine');
const regDir = process.env.BERTH_REGISTRY_DIR ?? join(engineDir, 'registry');
const AUTH = process.env.BERTH_REGISTRY ?? '127.0.0.1:5000';
const OPEN = process.env.BERTH_REGISTRY_OPEN ?? '127.0.0.1:5001';

function registryReason(): string {
  for (const name of ['auth', 'open']) {
    const pidFile = join(regDir, name, 'registry.pid');
    if (!existsSync(pidFile)) return `no ${name} registry (${pidFile}): run scripts/engine.sh up`;
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
    } catch {
      return `the ${name} registry is not running: run scripts/engine.sh up`;
    }
  }
  return '';
}

let reason = skipReason();
if (!reason) {
  reason = registryReason();
  if (reason && process.env.BERTH_EXPECT_ENGINE === '1') throw new Error(`suite cannot run: ${reason}`);
}
if (reason) console.warn(`parity/registry: skipped: ${reason}`);

const USER = reason ? '' : readFileSync(join(regDir, 'username'), 'utf8').trim();
const PASSWORD = reason ? '' : readFileSync(join(regDir, 'password'), 'utf8').trim();
const b64 = (s: string): string => Buffer.from(s).toString('base64');

interface Side {
  result: Result;
  /** config.json after the run, and its mode */
  config?: string;
  mode?: number;
  /** the config directory's files after the run */
  files: string[];
  /** the requests the engine received, minus pings */
  requests: string[];
  /** the credential helper's calls */
  helperCalls?: string;
  helperStore?: string;
}

interface CaseOptions {
  /** config.json before the run (undefined: no file) */
  config?: string;
  stdin?: string;
  env?: Record<string, string>;
  /** brings the engine and registries to the case's starting state */
  before?: () => Promise<void>;
  /** a credential helper on PATH, with a fresh store (optionally with entries) */
  helper?: Record<string, { Username: string; Secret: string }>;
}

describe.skipIf(reason !== '')('registries and credentials match docker', () => {
  const prefix = `bt-reg-${process.pid}`;
  const label = `berth.test.registry=${process.pid}`;
  const one = `${OPEN}/${prefix}/one`;
  const priv = `${AUTH}/${prefix}/priv`;
  const multi = `${OPEN}/${prefix}/multi`;
  let work: string;
  let cfgDir: string;
  let helperDir: string;
  let binDir: string;
  let proxy: EngineProxy;
  let digest = '';

  async function sh(args: string[], o: RunOptions = {}): Promise<Result> {
    const r = await docker(args, { ...o, env: { DOCKER_CONFIG: join(work, 'setup-config'), ...o.env } });
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
    return r;
  }

  /** deletes a test repository from a registry's storage: the next push uploads every layer again */
  function dropRepo(registry: string, repo: string): void {
    const name = registry === AUTH ? 'auth' : 'open';
    rmSync(join(regDir, name, 'data', 'docker', 'registry', 'v2', 'repositories', repo), { recursive: true, force: true });
  }

  async function rmiQuiet(...refs: string[]): Promise<void> {
    await docker(['rmi', '-f', ...refs], { env: { DOCKER_CONFIG: join(work, 'setup-config') } });
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'berth-registry-'));
    cfgDir = join(work, 'config');
    helperDir = join(work, 'helper');
    binDir = join(work, 'bin');
    mkdirSync(join(work, 'setup-config'));
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'docker-credential-berthtest'), readFileSync(join(ROOT, 'test', 'parity', 'fixtures', 'docker-credential-berthtest')));
    chmodSync(join(binDir, 'docker-credential-berthtest'), 0o755);
    proxy = new EngineProxy(HOST.slice('unix://'.length));
    await proxy.start();
    // one image with a layer of its own on busybox, one with three
    const ctx = join(work, 'ctx');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), `FROM busybox\nLABEL ${label}\nRUN echo ${prefix} > /one && head -c 200000 /dev/urandom > /blob\n`);
    await sh(['build', '-q', '-t', `${one}:v1`, ctx], { timeoutMs: 120_000 });
    writeFileSync(join(ctx, 'Dockerfile'), `FROM busybox\nLABEL ${label}\nRUN head -c 300000 /dev/urandom > /a\nRUN head -c 100000 /dev/urandom > /b\nRUN echo ${prefix} > /c\n`);
    await sh(['build', '-q', '-t', `${multi}:v1`, ctx], { timeoutMs: 120_000 });
    const pushed = await sh(['push', `${one}:v1`]);
    digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.stdout)![1]!;
    await sh(['tag', `${one}:v1`, `${priv}:v1`]);
    await sh(['login', '-u', USER, '--password-stdin', AUTH], { input: PASSWORD });
    await sh(['push', `${priv}:v1`]);
    await sh(['push', `${multi}:v1`]);
  }, 300_000);

  afterAll(async () => {
    if (!work) return;
    await proxy?.stop();
    const ids = (await docker(['images', '-q', '--filter', `label=${label}`])).stdout.split('\n').filter(Boolean);
    const refs = (await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `label=${label}`])).stdout.split('\n').filter((r) => r.includes(prefix));
    if (refs.length > 0) await docker(['rmi', '-f', ...refs]);
    if (ids.length > 0) await docker(['rmi', '-f', ...new Set(ids)]);
    for (const r of [AUTH, OPEN]) dropRepo(r, prefix);
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  function requestsOf(seen: Seen[]): string[] {
    return seen
      .filter((s) => !s.url.endsWith('/_ping'))
      .map((s) => {
        const u = new URL(s.url, 'http://engine');
        const q = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
        // a new container's ID differs from run to run
        const path = u.pathname.replace(/^\/v[\d.]+\//, '/').replace(/\/containers\/[0-9a-f]{64}\//, '/containers/<new container>/');
        const line = `${s.method} ${path} ${q.join('&')} auth=${s.registryAuth === undefined ? '-' : Buffer.from(s.registryAuth, 'base64').toString('utf8')} ${s.method === 'POST' && s.url.includes('/auth') ? s.body : ''}`;
        // the test registry's password stays out of failure reports
        return line.trimEnd().replaceAll(PASSWORD, '<password>').replaceAll(b64(`${USER}:${PASSWORD}`), '<auth>');
      });
  }

  async function runSide(bin: 'docker' | 'berth', args: string[], o: CaseOptions): Promise<Side> {
    rmSync(cfgDir, { recursive: true, force: true });
    mkdirSync(cfgDir, { mode: 0o700 });
    if (o.config !== undefined) writeFileSync(join(cfgDir, 'config.json'), o.config, { mode: 0o600 });
    rmSync(helperDir, { recursive: true, force: true });
    mkdirSync(helperDir);
    if (o.helper) writeFileSync(join(helperDir, 'store.json'), JSON.stringify(o.helper, null, 1));
    await o.before?.();
    proxy.take();
    const env: Record<string, string> = { DOCKER_HOST: proxy.host, DOCKER_CONFIG: cfgDir, BERTHTEST_CREDS_DIR: helperDir, PATH: `${binDir}:${process.env.PATH}`, ...o.env };
    const result = await (bin === 'docker' ? docker : berth)(args, { env, input: o.stdin, timeoutMs: 60_000 });
    const file = join(cfgDir, 'config.json');
    const side: Side = { result, files: readdirSync(cfgDir).sort(), requests: requestsOf(proxy.take()) };
    if (existsSync(file)) {
      side.config = readFileSync(file, 'utf8');
      side.mode = statSync(file).mode & 0o777;
    }
    if (existsSync(join(helperDir, 'calls.log'))) side.helperCalls = readFileSync(join(helperDir, 'calls.log'), 'utf8');
    if (existsSync(join(helperDir, 'store.json'))) side.helperStore = readFileSync(join(helperDir, 'store.json'), 'utf8');
    return side;
  }

  /** docker, then berth, from the same starting state */
  async function pair(args: string[], o: CaseOptions = {}): Promise<{ docker: Side; berth: Side }> {
    const d = await runSide('docker', args, o);
    d.result = { code: d.result.code, stdout: asBerth(d.result.stdout), stderr: asBerth(d.result.stderr) };
    const b = await runSide('berth', args, o);
    return { docker: d, berth: b };
  }

  /**
   * A pull's or push's lines with the layers' lines grouped by layer: the engine works on
   * layers concurrently, so which layer's line comes first varies from run to run (docker's
   * own runs differ), and whether it reports the passing states of a fast layer (Waiting,
   * Verifying Checksum, Download complete) depends on its timing: the engine's transfer
   * watchers are handed only the latest progress of a layer, so a state can be skipped under
   * load (a CI run lost "Download complete" of a one-file layer in berth's pull). Each layer's milestones and every other
   * line's place must not vary. (The display of whole recorded streams is checked in
   * test/unit/ui.)
   */
  function byLayer(s: string): { lines: string[]; layers: Record<string, string[]> } {
    const lines: string[] = [];
    const layers: Record<string, string[]> = {};
    for (const line of s.split('\n')) {
      const m = /^([0-9a-f]{12}): (.*)$/.exec(line);
      if (m) {
        if (!/^(Waiting|Verifying Checksum|Download complete)$/.test(m[2]!)) (layers[m[1]!] ??= []).push(m[2]!);
      }
      else lines.push(line);
    }
    return { lines, layers };
  }

  /** Go's map order: the lines after a header line, in any order */
  const sortedAfterFirst = (s: string): string => {
    const [first, ...rest] = s.split('\n');
    return [first, ...rest.sort()].join('\n');
  };

  function expectSame(r: { docker: Side; berth: Side }, o: { layers?: boolean; unorderedStderr?: boolean } = {}): void {
    if (o.unorderedStderr) expect(sortedAfterFirst(r.berth.result.stderr)).toBe(sortedAfterFirst(r.docker.result.stderr));
    else if (o.layers) expect(byLayer(r.berth.result.stderr)).toEqual(byLayer(r.docker.result.stderr));
    else expect(r.berth.result.stderr).toBe(r.docker.result.stderr);
    if (o.layers) expect(byLayer(r.berth.result.stdout)).toEqual(byLayer(r.docker.result.stdout));
    else expect(r.berth.result.stdout).toBe(r.docker.result.stdout);
    expect(r.berth.result.code).toBe(r.docker.result.code);
    expect(r.berth.config).toBe(r.docker.config);
    expect(r.berth.mode?.toString(8)).toBe(r.docker.mode?.toString(8));
    expect(r.berth.files).toEqual(r.docker.files);
    expect(r.berth.requests).toEqual(r.docker.requests);
    expect(r.berth.helperCalls).toBe(r.docker.helperCalls);
    expect(r.berth.helperStore).toBe(r.docker.helperStore);
  }

  const stored = (user: string, password: string, server = AUTH): string => JSON.stringify({ auths: { [server]: { auth: b64(`${user}:${password}`) } } });

  describe('login', () => {
    it('right password with -p (warning, stored unencrypted)', async () => {
      expectSame(await pair(['login', '-u', USER, '-p', PASSWORD, AUTH]));
    });
    it('wrong password', async () => {
      const r = await pair(['login', '-u', USER, '-p', 'wrong-password', AUTH]);
      expect(r.docker.result.code).toBe(1);
      expectSame(r);
    });
    it('--password-stdin (CRLF trimmed), into a config with other settings', async () => {
      const config = '{\n  "psFormat": "table {{.ID}}\\t<{{.Names}}>",\n  "auths": {"other.example": {"auth": "' + b64('a:b') + '", "email": "x@y"}},\n  "detachKeys": "ctrl-a"\n}';
      expectSame(await pair(['login', '-u', USER, '--password-stdin', AUTH], { stdin: `${PASSWORD}\r\n`, config }));
    });
    it('an unchanged login leaves config.json alone', async () => {
      expectSame(await pair(['login', '-u', USER, '--password-stdin', AUTH], { stdin: PASSWORD, config: stored(USER, PASSWORD) }));
    });
    it('stored credentials, good and bad', async () => {
      expectSame(await pair(['login', AUTH], { config: stored(USER, PASSWORD) }));
      expectSame(await pair(['login', `http://${AUTH}/some/path`], { config: stored(USER, 'stale') }));
    });
    it('an open registry accepts anyone', async () => {
      expectSame(await pair(['login', '-u', 'anyone', '-p', 'anything', OPEN]));
    });
    it('localhost is a registry of its own', async () => {
      expectSame(await pair(['login', '-u', USER, '--password-stdin', AUTH.replace('127.0.0.1', 'localhost')], { stdin: PASSWORD }));
    });
    const usage: [string, string[], string?][] = [
      ['no TTY to prompt on', ['login', AUTH]],
      ['username only', ['login', '-u', USER, AUTH]],
      ['--password-stdin and -p', ['login', '-u', USER, '-p', 'x', '--password-stdin', AUTH], 'x'],
      ['--password-stdin without -u', ['login', '--password-stdin', AUTH], 'x'],
      ['empty -u', ['login', '-u', '', '-p', 'x', AUTH]],
      ['empty -p', ['login', '-u', USER, '-p', '', AUTH]],
      ['empty stdin', ['login', '-u', USER, '--password-stdin', AUTH], ''],
      ['a blank password and no TTY', ['login', '-u', USER, '-p', ' ', AUTH]],
      ['two servers', ['login', 'a', 'b']],
      ['an unreachable registry', ['login', '-u', 'x', '-p', 'y', '127.0.0.1:5999']],
      ['Docker Hub, offline', ['login', '-u', 'x', '-p', 'y']],
    ];
    for (const [name, args, stdin] of usage) {
      it(name, async () => {
        expectSame(await pair(args, { stdin }));
      });
    }
    it('a config docker cannot parse is reported and kept going', async () => {
      for (const config of [
        '{"auths": {"x": {"auth": "!!"}}}',
        '{"auths": {"x": {"auth": "' + b64('nocolon') + '"}}}',
        '{"psFormat": 3, "auths": {}}',
        '{"auths": {"x": {"email": 1}}}',
        '{"proxies": {"p": {"httpProxy": true}}}',
        '{"credHelpers": []}',
        '{"auths": ',
        '{"a" 1}',
        '{"a": 1,}',
        '{"a": tru}',
        '{"a": "\\q"}',
        '{"a": -}',
        '{"a": 1.}',
        '[1]',
        '{"auths": {}} trailing garbage is never read',
        '   ',
        '',
      ]) {
        expectSame(await pair(['login', '-u', USER, '-p', PASSWORD, AUTH], { config }));
      }
    });
    it("config.json rewritten in docker's field order, tabs, HTML escaped, mode kept", async () => {
      const config = JSON.stringify({
        features: { b: '1', a: '2' },
        aliases: { builder: 'buildx' },
        plugins: { p: { k: 'v' }, q: {}, r: null },
        cliPluginsExtraDirs: ['/x', '/y'],
        currentContext: 'default',
        experimental: 'enabled',
        proxies: { default: { noProxy: 'n', httpProxy: 'h', allProxy: 'a' } },
        pruneFilters: ['label=a'],
        nodesFormat: 'n',
        configFormat: 'c',
        secretFormat: 's',
        tasksFormat: 't',
        servicesFormat: 's',
        serviceInspectFormat: 'x',
        credHelpers: { 'b.example': 'x', 'a.example': 'y' },
        credsStore: '',
        detachKeys: 'ctrl-a',
        statsFormat: 'table {{.Name}}\t<&>',
        volumesFormat: 'v',
        pluginsFormat: 'p',
        networksFormat: 'n',
        imagesFormat: 'i',
        psFormat: 'ps é \u2028',
        HttpHeaders: { 'X-B': '1', 'User-Agent': 'u' },
        auths: { zz: { auth: b64('u:p'), email: 'e@x', identitytoken: 'tok', registrytoken: 'rt', serveraddress: 'ignored' }, aa: {}, [AUTH]: { auth: b64('old:old') } },
        PSFORMAT: 'case-insensitive keys win as docker reads them',
      });
      const d = await runSide('docker', ['logout', AUTH], { config, before: async () => chmodSync(join(cfgDir, 'config.json'), 0o640) });
      const b = await runSide('berth', ['logout', AUTH], { config, before: async () => chmodSync(join(cfgDir, 'config.json'), 0o640) });
      expect(b.config).toBe(d.config);
      expect(b.mode?.toString(8)).toBe('640');
      expect(d.mode?.toString(8)).toBe('640');
    });
  });

  describe('logout', () => {
    const config = JSON.stringify({ auths: { [AUTH]: { auth: b64('u:p') }, [`https://${OPEN}`]: { auth: b64('v:q') }, 'https://index.docker.io/v1/': { auth: b64('w:r') } }, credHelpers: { 'helped.example': 'berthtest' } });
    const cases: string[][] = [['logout', AUTH], ['logout', `http://${OPEN}/v2/`], ['logout'], ['logout', 'not-logged-in.example'], ['logout', 'docker.io'], ['logout', 'a', 'b']];
    for (const args of cases) {
      it(args.join(' '), async () => {
        expectSame(await pair(args, { config }));
      });
    }
    it('without a config file', async () => {
      expectSame(await pair(['logout', AUTH]));
    });
  });

  describe('push and pull', () => {
    it('push a new image (every layer uploaded)', async () => {
      expectSame(await pair(['push', `${one}:v1`], { before: async () => dropRepo(OPEN, `${prefix}/one`) }), { layers: true });
    });
    it('push again (layers already there)', async () => {
      expectSame(await pair(['push', `${one}:v1`]), { layers: true });
    });
    it('push -q', async () => {
      expectSame(await pair(['push', '-q', `${one}:v1`]), { layers: true });
    });
    it('push to the registry with auth, logged in and not', async () => {
      expectSame(await pair(['push', `${priv}:v1`], { config: stored(USER, PASSWORD) }), { layers: true });
      expectSame(await pair(['push', `${priv}:v1`]), { layers: true });
      expectSame(await pair(['image', 'push', `${priv}:v1`], { config: stored(USER, 'wrong') }), { layers: true });
    });
    it('remove locally, pull back', async () => {
      expectSame(await pair(['pull', `${one}:v1`], { before: () => rmiQuiet(`${one}:v1`, `${priv}:v1`) }), { layers: true });
    });
    it('pull what is there already, and -q', async () => {
      expectSame(await pair(['pull', `${one}:v1`]), { layers: true });
      expectSame(await pair(['pull', '-q', `${one}:v1`], { before: () => rmiQuiet(`${one}:v1`) }), { layers: true });
    });
    it('pull by digest', async () => {
      expectSame(await pair(['pull', `${one}@${digest}`], { before: () => rmiQuiet(`${one}:v1`, `${one}@${digest}`) }), { layers: true });
    });
    it('pull from the registry with auth', async () => {
      expectSame(await pair(['image', 'pull', `${priv}:v1`], { config: stored(USER, PASSWORD), before: () => rmiQuiet(`${priv}:v1`) }), { layers: true });
      expectSame(await pair(['pull', `${priv}:v1`]), { layers: true });
    });
    it('run pulls a missing image with the stored credentials (progress on stderr)', async () => {
      expectSame(await pair(['run', '--rm', `${priv}:v1`, 'cat', '/one'], { config: stored(USER, PASSWORD), before: () => rmiQuiet(`${priv}:v1`) }), { layers: true });
      expectSame(await pair(['create', '-q', `${priv}:v2-missing`], { config: stored(USER, PASSWORD) }));
    });
    it('push -a, pull -a', async () => {
      await sh(['pull', `${one}:v1`]);
      await sh(['tag', `${one}:v1`, `${one}:v2`]);
      expectSame(await pair(['push', '-a', one]), { layers: true });
      expectSame(await pair(['pull', '-a', one], { before: () => rmiQuiet(`${one}:v1`, `${one}:v2`) }), { layers: true });
    });
    it('pull a many-layer image', async () => {
      expectSame(await pair(['pull', `${multi}:v1`], { before: () => rmiQuiet(`${multi}:v1`) }), { layers: true });
    });
    const errors: string[][] = [
      ['pull', `${one}:nosuchtag`],
      ['pull', `${OPEN}/${prefix}/nosuchrepo`],
      ['pull', '-q', `${OPEN}/${prefix}/nosuchrepo:v1`],
      ['pull', '-a', `${one}:v1`],
      ['pull', 'UPPER/case'],
      ['pull', `${one}@sha256:bad`],
      ['pull', '--platform', 'bogus/x/y/z', `${one}:v1`],
      ['pull'],
      ['push', `${OPEN}/${prefix}/nosuchrepo:v1`],
      ['push', `${OPEN}/${prefix}/nosuchrepo`],
      ['push', '-a', `${one}:v1`],
      ['push', `${one}@${'sha256:'.padEnd(71, '0')}`],
      ['push', '--platform', 'linux/amd64', `${one}:v1`],
      ['push', '127.0.0.1:5999/x:v1'],
      ['push'],
    ];
    for (const args of errors) {
      it(args.join(' '), async () => {
        expectSame(await pair(args));
      });
    }
    it('--disable-content-trust', async () => {
      expectSame(await pair(['pull', '--disable-content-trust', `${one}:v1`], { before: async () => void (await sh(['pull', `${one}:v1`])) }), { layers: true });
    });
    it('DOCKER_CONTENT_TRUST: the notary server cannot be reached', async () => {
      expectSame(await pair(['pull', `${one}:v1`], { env: { DOCKER_CONTENT_TRUST: '1' } }), { layers: true });
      expectSame(await pair(['push', `${one}:v1`], { env: { DOCKER_CONTENT_TRUST: '1' } }), { layers: true });
    });
    it('an engine that answers 401: "Login prior to ...", the prompts, one more try', async () => {
      let refused = 0;
      proxy.fake = (req) => (/\/images\/(create|search|.*\/push)/.test(req.url ?? '') && refused++ === 0 ? { status: 401, body: '{"message":"unauthorized: authentication required"}' } : undefined);
      const before = async (): Promise<void> => void (refused = 0);
      const config = JSON.stringify({ auths: { [OPEN]: { auth: b64('stored:pw') }, 'https://index.docker.io/v1/': { auth: b64('hubuser:pw') } } });
      try {
        for (const args of [['pull', `${one}:v1`], ['push', `${one}:v1`], ['search', `${OPEN}/x`], ['pull', 'busybox'], ['search', 'x']]) {
          expectSame(await pair(args, { before, config, stdin: 'someone\n', env: { DOCKER_CLI_HINTS: undefined as unknown as string } }));
        }
        expectSame(await pair(['pull', `${one}:v1`], { before, stdin: 'someone\n' }));
      } finally {
        proxy.fake = undefined;
      }
    });
  });

  describe('progress of recorded and synthetic streams (the engine faked by the proxy)', () => {
    const streams: [string, 'pull' | 'push', string][] = [
      ['a recorded pull', 'pull', toJsonLines(recorded('pull-real'))],
      ['a recorded push', 'push', toJsonLines(recorded('push-real'))],
      ['a pull of 40 layers with retries', 'pull', toJsonLines(pullStream({ layers: 40, existing: 5, retry: [7, 12] }))],
      ['a pull that fails midway', 'pull', toJsonLines(pullStream({ layers: 6, error: 'failed to register layer: no space left on device' }))],
      ['a push of 30 layers', 'push', toJsonLines(pushStream({ layers: 30, existing: 3, mounted: 2 }))],
      ['a push that fails', 'push', toJsonLines(pushStream({ layers: 8, error: 'received unexpected HTTP status: 502 Bad Gateway' }))],
      ['an error with a code', 'pull', '{"status":"Pulling from x/y","id":"1"}\n{"errorDetail":{"code":3,"message":"coded"},"error":"coded"}\n'],
      ['an error without a message', 'push', '{"errorDetail":{}}\n'],
      ['stream and time fields', 'pull', '{"stream":"a partial"}{"stream":" line\\n"}{"status":"s","time":1700000000}{"status":"x","id":"abc","progressDetail":{"current":5,"units":"files"}}\n'],
    ];
    for (const [name, verb, body] of streams) {
      it(name, async () => {
        proxy.fake = (req) => (req.method === 'POST' && /\/images\/(create|.*\/push)/.test(req.url ?? '') ? { status: 200, body } : undefined);
        try {
          const ref = `${OPEN}/${prefix}/faked:v1`;
          expectSame(await pair([verb, ref], { env: { TZ: 'UTC' } }));
          expectSame(await pair([verb, '-q', ref]));
        } finally {
          proxy.fake = undefined;
        }
      });
    }
  });

  describe('search', () => {
    const cases: string[][] = [['search', 'busybox'], ['search', `${OPEN}/x`], ['search', '--limit', '101', 'x'], ['search', '-f', 'foo=bar', 'x'], ['search', '-f', 'is-official=maybe', 'x'], ['search', '-f', 'is-automated=true', 'x'], ['search'], ['search', '--limit', 'x', 'y']];
    for (const args of cases) {
      it(args.join(' '), async () => {
        expectSame(await pair(args, { config: stored(USER, PASSWORD, 'https://index.docker.io/v1/') }));
      });
    }
    it('results, formatted (the engine faked by the proxy)', async () => {
      const results = [
        { star_count: 12345, is_official: true, name: 'busybox', is_automated: false, description: 'Busybox base image.' },
        { star_count: 3, is_official: false, name: 'someone/a-very-long-name-for-an-image', is_automated: true, description: 'A description that is longer than forty-five characters,\nwith a newline & <html>' },
        { star_count: 0, is_official: false, name: 'x/y', is_automated: false, description: '' },
      ];
      proxy.fake = (req) => (req.url?.includes('/images/search') ? { status: 200, body: JSON.stringify(results) } : undefined);
      try {
        for (const args of [
          ['search', 'busybox'],
          ['search', '--no-trunc', 'busybox'],
          ['search', '--format', '{{.Name}}: {{.StarCount}} {{.IsOfficial}} {{.IsAutomated}}', 'busybox'],
          ['search', '--format', 'table {{.Name}}\t{{.IsAutomated}}\t{{.Description}}', '--limit', '2', 'busybox'],
          ['search', '--format', '{{json .}}', 'busybox'],
          ['search', '--format', 'json', '--no-trunc', 'busybox'],
          ['search', '--format', '{{.Nope}}', 'busybox'],
          ['search', '-f', 'stars=3', '-f', 'is-official=true', `${AUTH}/busybox`],
        ]) {
          expectSame(await pair(args, { config: stored(USER, PASSWORD) }));
        }
      } finally {
        proxy.fake = undefined;
      }
    });
  });

  describe('a credential helper (docker-credential-berthtest on PATH)', () => {
    const helperConfig = JSON.stringify({ credsStore: 'berthtest' });
    it('login stores through it; config.json keeps only the key', async () => {
      expectSame(await pair(['login', '-u', USER, '--password-stdin', AUTH], { stdin: PASSWORD, config: helperConfig }));
    });
    it('push gets the credentials from it', async () => {
      const helper = { [AUTH]: { Username: USER, Secret: PASSWORD } };
      expectSame(await pair(['push', `${priv}:v1`], { config: JSON.stringify({ auths: { [AUTH]: {} }, credsStore: 'berthtest' }), helper }), { layers: true });
    });
    it('stored credentials from the helper, then logout erases them', async () => {
      const helper = { [AUTH]: { Username: USER, Secret: PASSWORD } };
      const config = JSON.stringify({ auths: { [AUTH]: {} }, credsStore: 'berthtest' });
      expectSame(await pair(['login', AUTH], { config, helper }));
      expectSame(await pair(['logout', AUTH], { config, helper }));
      expectSame(await pair(['logout', `${AUTH}/x`], { config }), { unorderedStderr: true });
    });
    it('credHelpers for one registry, the file for the others', async () => {
      const config = JSON.stringify({ credHelpers: { [AUTH]: 'berthtest' } });
      expectSame(await pair(['login', '-u', USER, '--password-stdin', AUTH], { stdin: PASSWORD, config }));
      expectSame(await pair(['login', '-u', 'x', '-p', 'y', OPEN], { config }));
    });
    it('a helper that is not installed', async () => {
      const config = JSON.stringify({ credsStore: 'nosuchhelper' });
      expectSame(await pair(['login', '-u', USER, '--password-stdin', AUTH], { stdin: PASSWORD, config }));
      expectSame(await pair(['push', `${priv}:v1`], { config }), { layers: true });
      expectSame(await pair(['pull', `${priv}:v1`], { config }), { layers: true });
      expectSame(await pair(['logout', AUTH], { config }), { unorderedStderr: true });
    });
    it('the platform default helper is picked up when config.json has no credentials', async () => {
      const bin2 = join(work, 'bin2');
      mkdirSync(bin2, { recursive: true });
      writeFileSync(join(bin2, 'docker-credential-secretservice'), readFileSync(join(binDir, 'docker-credential-berthtest')));
      chmodSync(join(bin2, 'docker-credential-secretservice'), 0o755);
      expectSame(await pair(['login', '-u', USER, '--password-stdin', AUTH], { stdin: PASSWORD, env: { PATH: `${bin2}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin` } }));
    });
  });
});
