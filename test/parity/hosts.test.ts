// -H, DOCKER_HOST and context endpoints, differential: docker and berth parse the same broad
// table of addresses and fail (or connect) the same way: exit code, stdout and stderr
// compared. No case reaches a daemon: the names are unresolvable (.invalid, RFC 6761) or not
// names at all, the ports are closed ones on 127.0.0.1 (checked before use), and the one
// server contacted is this suite's own fake engine, which records the paths it is asked for
// (the base path of `tcp://host:port/base` must prefix every request: plain, streaming and
// hijacked).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, hasBuild, hasOracle, type Result, type RunOptions } from './harness.js';

const reason = !hasOracle() ? 'no reference docker CLI' : !hasBuild() ? 'berth is not built (npm run build)' : '';
if (reason) console.warn(`parity/hosts: skipped: ${reason}`);

const root = mkdtempSync(path.join(os.tmpdir(), 'berth-hosts-'));

/** a port on 127.0.0.1 that nothing listens on (bound, then released) */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** whether something answers a connection on 127.0.0.1:port */
function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

let seq = 0;
/** both CLIs, each with a config directory of its own (no user context, no DOCKER_HOST unless given) */
async function both(args: string[], env: Record<string, string | undefined> = {}): Promise<{ docker: Result; berth: Result }> {
  seq += 1;
  const base: RunOptions['env'] = { DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_TLS_VERIFY: undefined, DOCKER_CERT_PATH: undefined, DOCKER_API_VERSION: undefined };
  const [d, b] = await Promise.all([
    docker(args, { env: { ...base, DOCKER_CONFIG: path.join(root, `d${seq}`), ...env } }),
    berth(args, { env: { ...base, DOCKER_CONFIG: path.join(root, `b${seq}`), ...env } }),
  ]);
  return { docker: { code: d.code, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) }, berth: b };
}

function same(r: { docker: Result; berth: Result }): void {
  expect(r.berth.stderr).toBe(r.docker.stderr);
  expect(r.berth.stdout).toBe(r.docker.stdout);
  expect(r.berth.code).toBe(r.docker.code);
}

/** addresses docker refuses before any connection (ParseHost, url.Parse, ParseHostURL) */
const REFUSED = [
  'tcp://a b',
  'tcp://a:b',
  'tcp://h:-1',
  'tcp://[::1',
  'tcp://[::1]',
  'tcp://%zz',
  'tcp://a%20b',
  'tcp://a%41',
  'tcp://a%2',
  'tcp://[fe80::1%eth0]:2375',
  // url.Parse's second pass (ParseHostURL) sees the %25 unescaped
  'tcp://[fe80::1%25eth0]:2375',
  'tcp://a.invalid/%zz',
  'tcp://u%zz@a.invalid',
  'tcp://é@a.invalid',
  'tcp://a\x01',
  'tcp://a.invalid#%zz',
  'tcp://a[::1]:80',
  'tcp://a]',
  'http://h.invalid',
  'https://h.invalid',
  'TCP://a.invalid',
  '://x',
  'foo://x',
  'unix://a://b',
  'tcp://a:b://c',
];

/** addresses docker takes, whose dial fails with Go's words (lookups of names that cannot exist) */
const UNRESOLVED = [
  'tcp://a.invalid:1',
  'a.invalid:2375',
  'a.invalid',
  'tcp://a_b.invalid',
  'tcp://user@h.invalid',
  'tcp://u:p@h.invalid',
  'tcp://a.invalid#f',
  'tcp://a.invalid?x=1',
  'tcp://a.invalid?',
  'tcp://a.invalid:080',
  'tcp://a.invalid:',
  'tcp://a.invalid:0',
  'tcp://A.INVALID',
  'tcp://a.invalid.',
  'tcp://a.invalid:2375/path',
  'tcp://a.invalid:1/x y',
  'tcp://a.invalid:1/p%2Fq',
  'tcp://a.invalid/%2525zz',
  'tcp://a.invalid/../b/./c/',
  'tcp://u/x@a.invalid',
  'tcp://%c3%a9.invalid',
  'tcp://é.invalid',
  'tcp://tcp://x.invalid',
  ' tcp://a.invalid ',
  'tcp://host.invalid:99999',
  'tcp://a.invalid:99999999999999999999',
  'tcp://[xyz.invalid]:1',
  // not domain names: Go's resolver refuses them without asking
  'tcp://a:2375:3',
  'tcp://a<b',
  'tcp://foo..bar',
  'tcp://-a',
  'tcp://1.2.3',
  'tcp://01.2.3.4:1',
  'tcp://123',
];

/** ssh/fd/npipe are other work: berth's answer is kept, and must be no stack trace */
const OTHERS = ['fd://', 'npipe://x'];

describe.skipIf(!!reason)('-H and DOCKER_HOST: parsed and refused as docker does', () => {
  let closed = 0;
  let defaultPortFree = false;
  beforeAll(async () => {
    closed = await closedPort();
    // tcp:// means localhost:2375: compared only when nothing listens there
    defaultPortFree = !(await listening(2375)) && !(await listening(2375, '::1').catch(() => false));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const closedHosts = (): string[] => [`tcp://127.0.0.1:${closed}`, `tcp://127.0.0.1:${closed}/p/q`, `127.0.0.1:${closed}`, `tcp://[::1]:${closed}`, `tcp://localhost:${closed}`];
  const defaults = ['tcp://', ':', 'tcp://:2375', 'tcp://[::1]:', 'tcp://tcp://'];

  for (const h of [...REFUSED, ...UNRESOLVED]) {
    it(`-H ${JSON.stringify(h)} version`, async () => same(await both(['-H', h, 'version', '--format', 'x'])));
    it(`DOCKER_HOST=${JSON.stringify(h)} version`, async () => same(await both(['version', '--format', 'x'], { DOCKER_HOST: h })));
  }
  it('closed ports on 127.0.0.1, -H and DOCKER_HOST', async () => {
    for (const h of closedHosts()) {
      same(await both(['-H', h, 'version', '--format', 'x']));
      same(await both(['version', '--format', 'x'], { DOCKER_HOST: h }));
    }
  });
  it('the default tcp address (localhost:2375) when nothing listens there', async (ctx) => {
    if (!defaultPortFree) ctx.skip();
    for (const h of defaults) same(await both(['-H', h, 'version', '--format', 'x']));
  });
  it('other commands meet the same errors: ps, info, images, context ls/inspect; help and completion do not', async () => {
    const hosts = ['tcp://a b', 'tcp://[::1]', 'http://h.invalid', 'tcp://[fe80::1%25eth0]:2375', 'tcp://a.invalid:2375/path', 'tcp://a:2375:3', 'tcp://host.invalid:99999', `tcp://127.0.0.1:${closed}/p`];
    const cmds = [['ps'], ['info', '--format', '{{json .ServerErrors}}'], ['images', '-q'], ['context', 'ls'], ['context', 'inspect', 'default'], ['ps', '--help'], ['__complete', 'ps', '']];
    for (const h of hosts) {
      for (const c of cmds) {
        same(await both(['-H', h, ...c]));
        same(await both(c, { DOCKER_HOST: h }));
      }
      // help never builds the client (its text, plugins and all, is help.test.ts's business)
      const r = await both(['-H', h, 'help']);
      expect([r.docker.code, r.berth.code, r.berth.stderr]).toEqual([0, 0, '']);
    }
  });
  it('calls that negotiate first report the ping (Head .../_ping); the others their own request', async () => {
    const hosts = ['tcp://a.invalid:2375/path', 'tcp://%c3%a9.invalid', `tcp://127.0.0.1:${closed}/p`];
    const cmds = [
      ['images', '-q'],
      ['create', 'busybox'],
      ['exec', 'c1', 'true'],
      ['network', 'create', 'n'],
      ['volume', 'rm', '-f', 'v'],
      ['volume', 'rm', 'v'],
      ['stop', '-s', 'KILL', 'c'],
      ['stop', 'c'],
      ['wait', 'c'],
      ['logs', 'c'],
      ['attach', 'c'],
      ['service', 'create', 'busybox'],
      ['pull', 'busybox'],
      ['save', 'busybox'],
      ['system', 'df'],
      ['events', '--until', '1'],
      ['image', 'inspect', 'x'],
    ];
    for (const h of hosts) for (const c of cmds) same(await both(['-H', h, ...c]));
  });
  it('the API version in the URL: DOCKER_API_VERSION, else the default when negotiation failed', async () => {
    for (const h of ['tcp://a.invalid:2375/p', 'tcp://host.invalid:99999']) {
      same(await both(['-H', h, 'version', '--format', 'x'], { DOCKER_API_VERSION: '1.41' }));
      same(await both(['-H', h, 'images'], { DOCKER_API_VERSION: '1.41' }));
    }
  });
  it('TLS: https in the URL, the same errors', async (ctx) => {
    const dir = path.join(root, 'pki');
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=berth-hosts', '-days', '1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'ca.pem')], { stdio: 'ignore' });
    } catch {
      ctx.skip();
    }
    const tls = ['--tlsverify', '--tlscacert', path.join(dir, 'ca.pem'), '--tlscert', path.join(dir, 'ca.pem'), '--tlskey', path.join(dir, 'key.pem')];
    for (const h of ['tcp://a.invalid:2375/p', 'tcp://host.invalid:99999', `tcp://127.0.0.1:${closed}`, 'tcp://a b']) {
      same(await both([...tls, '-H', h, 'version', '--format', 'x']));
      same(await both([...tls, '-H', h, 'images']));
    }
  });
  it('resolvers that do not answer (no nameserver, a closed one): a private mount namespace', async (ctx) => {
    const canUnshare = (() => {
      try {
        execFileSync('unshare', ['-m', 'true'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    if (!canUnshare) ctx.skip();
    const confs = { none: 'search invalid\n', closed: `nameserver 127.0.0.1\n` };
    for (const [name, text] of Object.entries(confs)) {
      const file = path.join(root, `resolv-${name}`);
      writeFileSync(file, text);
      const wrap = ['unshare', '-m', 'sh', '-c', `mount --bind ${file} /etc/resolv.conf && exec "$0" "$@"`];
      const env = { DOCKER_HOST: undefined, DOCKER_CONFIG: path.join(root, `resolv-cfg-${name}`) };
      for (const h of ['tcp://a.invalid:1', 'tcp://a.invalid:2375/p']) {
        const [d, b] = await Promise.all([docker(['-H', h, 'version', '--format', 'x'], { env, wrap }), berth(['-H', h, 'version', '--format', 'x'], { env, wrap })]);
        same({ docker: { ...d, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) }, berth: b });
      }
    }
  });
  it('ssh, fd and npipe keep berth\'s answer, with no stack trace', async () => {
    for (const h of OTHERS) {
      const r = await berth(['-H', h, 'version', '--format', 'x'], { env: { DOCKER_CONFIG: path.join(root, 'others') } });
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(1);
    }
  });
});

describe.skipIf(!!reason)('context endpoints: validated at create, used as stored', () => {
  const hosts = [
    'tcp://a b',
    'tcp://a%20b',
    'tcp://a:b',
    'tcp://[::1',
    'tcp://',
    ':',
    'h.invalid:2375',
    'tcp://u%zz@a.invalid',
    'tcp://é@a.invalid',
    'tcp://a.invalid#%zz',
    'tcp://a.invalid/%zz',
    'unix://a b',
    'http://[::1',
    'http://h.invalid',
    'https://h.invalid',
    'unix://a://b',
    'tcp://a.invalid:2375/path',
    'tcp://a:2375:3',
    'tcp://%c3%a9.invalid',
    'tcp://host.invalid:99999',
    'foo://x.invalid',
    'unix:///nonexistent/berth-hosts.sock',
  ];
  for (const h of hosts) {
    it(`context create --docker host=${JSON.stringify(h)}, then --context`, async () => {
      seq += 1;
      const name = `c${seq}`;
      const dirs = { d: path.join(root, `ctx-d${seq}`), b: path.join(root, `ctx-b${seq}`) };
      const env = (dir: string): RunOptions => ({ env: { DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_CONFIG: dir } });
      const norm = (r: Result, dir: string): Result => ({ ...r, stdout: asBerth(r.stdout.split(dir).join('<cfg>')), stderr: asBerth(r.stderr.split(dir).join('<cfg>')) });
      const nb = (r: Result, dir: string): Result => ({ ...r, stdout: r.stdout.split(dir).join('<cfg>'), stderr: r.stderr.split(dir).join('<cfg>') });
      const create = ['context', 'create', name, '--docker', `host=${h}`];
      const [dc, bc] = await Promise.all([docker(create, env(dirs.d)), berth(create, env(dirs.b))]);
      same({ docker: norm(dc, dirs.d), berth: nb(bc, dirs.b) });
      const use = ['--context', name, 'version', '--format', 'x'];
      const [du, bu] = await Promise.all([docker(use, env(dirs.d)), berth(use, env(dirs.b))]);
      same({ docker: norm(du, dirs.d), berth: nb(bu, dirs.b) });
    });
  }
});

/** a fake engine: answers _ping with an API version, c1's inspect, exec create with an id, 404 otherwise */
function fakeEngine(): { server: http.Server; paths: Set<string>; reset(): Set<string> } {
  let paths = new Set<string>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    paths.add(url.replace(/\?.*$/, ''));
    req.resume();
    if (/\/_ping$/.test(url.replace(/\?.*$/, ''))) {
      res.writeHead(200, { 'API-Version': '1.45', 'OSType': 'linux', 'Content-Type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : 'OK');
      return;
    }
    // c1 is a running container: exec, attach and logs go on to their hijacked or streamed request
    if (/\/containers\/c1\/json$/.test(url)) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ Id: 'c1', Name: '/c1', State: { Status: 'running', Running: true, Paused: false, Restarting: false }, Config: { Tty: false, OpenStdin: false }, HostConfig: {} }));
      return;
    }
    if (req.method === 'POST' && /\/containers\/c1\/exec$/.test(url)) {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end('{"Id":"e1"}');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"no such thing"}');
  });
  server.on('upgrade', (req, socket) => {
    paths.add((req.url ?? '').replace(/\?.*$/, ''));
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{"message":"no such thing"}');
  });
  return {
    server,
    get paths() {
      return paths;
    },
    reset() {
      const p = paths;
      paths = new Set();
      return p;
    },
  };
}

describe.skipIf(!!reason)('a base path (tcp://host:port/base) prefixes every request', () => {
  const fake = fakeEngine();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    port = (fake.server.address() as net.AddressInfo).port;
  });
  afterAll(() => {
    // (streaming answers the fake holds open would keep close() waiting)
    fake.server.closeAllConnections();
    return new Promise<void>((r) => fake.server.close(() => r()));
  });

  const cases: [string, string[]][] = [
    ['plain', ['ps']],
    ['plain, a name in the path', ['inspect', '--type', 'container', 'x y']],
    ['streaming', ['logs', '-f', 'c1']],
    ['streaming events', ['events', '--since', '0', '--until', '1']],
    ['hijacked (exec)', ['exec', 'c1', 'true']],
    ['hijacked (attach)', ['attach', 'c1']],
    ['bulk (save)', ['save', 'busybox']],
  ];
  for (const base of ['/base', '/a b/c', '/x/../y/']) {
    for (const [what, args] of cases) {
      it(`${what}: ${args.join(' ')} under ${JSON.stringify(base)}`, async () => {
        const host = `tcp://127.0.0.1:${port}${base}`;
        fake.reset();
        const d = await docker(['-H', host, ...args], { env: { DOCKER_HOST: undefined, DOCKER_CONFIG: path.join(root, 'fake-d') } });
        const dPaths = fake.reset();
        const b = await berth(['-H', host, ...args], { env: { DOCKER_HOST: undefined, DOCKER_CONFIG: path.join(root, 'fake-b') } });
        const bPaths = fake.reset();
        same({ docker: { code: d.code, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) }, berth: b });
        expect([...bPaths].sort()).toEqual([...dPaths].sort());
        // (the comparison above is only worth something when the base path was used)
        expect(dPaths.size).toBeGreaterThan(1);
        if (what.startsWith('hijacked')) expect([...dPaths].some((p) => /\/(start|attach)$/.test(p))).toBe(true);
        if (what === 'streaming') expect([...dPaths].some((p) => p.endsWith('/logs'))).toBe(true);
        for (const p of dPaths) expect(p.startsWith(encodeURI(path.posix.normalize(base)).replace(/\/$/, ''))).toBe(true);
      });
    }
  }
});
