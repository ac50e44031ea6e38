// `stack deploy` and `stack rm` against docker's on the three-node swarm: each compose file of
// a corpus deployed by docker under one stack name and by berth under another, through a
// recording proxy in front of the manager. Compared, with the stack names masked: exit code,
// stdout (its lines sorted: docker walks Go maps, so its "Creating ..." lines come in no fixed
// order), stderr; the bodies of every create and update request (services, networks,
// secrets, configs); the services as stored (`service inspect`). Then a redeploy (updates),
// --prune, bad files and flags, and `stack rm` by each, which must leave nothing labelled.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, uniqueName, type Result, type RunOptions } from './harness.js';
import { EngineProxy, type Seen } from './engine-proxy.js';
import { dockerOn, NODE1, nodeHost, onNode, swarmSkipReason } from './swarm-harness.js';
import { inspect, type Json } from './service-twins.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/stack-deploy: skipped: ${reason}`);

const TAG = uniqueName('sk').replace(/[^a-z0-9]/g, '').slice(-8);
const TMP = mkdtempSync(join(tmpdir(), 'berth-stack-'));
const LABEL = 'com.docker.stack.namespace';
/** published ports of this run (ingress ports are swarm-wide) */
const PORT = 21000 + (process.pid % 4000) * 2;
const EXTNET = `${TAG}-ext`;

const proxy = new EngineProxy(NODE1.replace(/^unix:\/\//, ''));
const via = (o: RunOptions = {}): RunOptions => ({ timeoutMs: 120_000, ...o, env: { ...o.env, DOCKER_HOST: proxy.host } });
const stacks = new Set<string>();

function file(name: string, text: string): string {
  const p = join(TMP, name);
  writeFileSync(p, text);
  return p;
}

/** the corpus: name -> compose text */
const CORPUS: Record<string, string> = {
  basic: `version: "3.8"
services:
  web:
    image: busybox
    command: ["sleep", "600"]
    environment:
      A: "1"
      B: two
    labels:
      x: y
    deploy:
      replicas: 2
      labels:
        d: e
    networks:
      - front
    secrets:
      - source: s1
        target: /run/s1
    configs:
      - c1
  worker:
    image: busybox:latest
    command: sleep 600
    environment:
      - C=3
      - D
networks:
  front:
    driver: overlay
    labels:
      n: m
secrets:
  s1:
    file: ./secret.txt
configs:
  c1:
    file: ./conf.txt
`,
  deploy: `version: "3.9"
services:
  app:
    image: busybox
    entrypoint: ["sh", "-c"]
    command: ["sleep 600"]
    working_dir: /tmp
    user: "0:0"
    hostname: app-host
    stop_grace_period: 5s
    stop_signal: SIGINT
    init: true
    read_only: true
    tty: true
    extra_hosts:
      - "somehost:10.0.0.1"
    dns: 10.0.0.53
    dns_search: example.com
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    sysctls:
      net.core.somaxconn: 1024
    ulimits:
      nofile:
        soft: 1000
        hard: 2000
      nproc: 500
    healthcheck:
      test: ["CMD", "true"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 2s
    logging:
      driver: json-file
      options:
        max-size: 1m
    deploy:
      mode: replicated
      replicas: 1
      endpoint_mode: dnsrr
      placement:
        constraints: [node.role == manager]
        preferences:
          - spread: node.id
        max_replicas_per_node: 2
      update_config:
        parallelism: 2
        delay: 1s
        failure_action: rollback
        monitor: 10s
        max_failure_ratio: 0.5
        order: start-first
      rollback_config:
        parallelism: 1
        order: stop-first
      restart_policy:
        condition: on-failure
        delay: 2s
        max_attempts: 3
        window: 30s
      resources:
        limits:
          cpus: "0.5"
          memory: 64M
          pids: 100
        reservations:
          cpus: "0.1"
          memory: 16M
  glob:
    image: busybox
    command: sleep 600
    healthcheck:
      disable: true
    deploy:
      mode: global
`,
  volumes: `version: "3.8"
services:
  vol:
    image: busybox
    command: sleep 600
    volumes:
      - data:/data
      - /tmp:/host:ro
      - type: tmpfs
        target: /scratch
        tmpfs:
          size: 1000000
      - type: volume
        source: named
        target: /named
        volume:
          nocopy: true
      - type: bind
        source: /tmp
        target: /bind
        bind:
          propagation: rprivate
volumes:
  data:
    labels:
      v: w
  named:
    name: ${TAG}-named
    driver: local
    driver_opts:
      type: tmpfs
      device: tmpfs
`,
  networks: `version: "3.8"
services:
  a:
    image: busybox
    command: sleep 600
    networks:
      back:
        aliases: [alias-a]
      ext: {}
  b:
    image: busybox
    command: sleep 600
networks:
  back:
    driver: overlay
    attachable: true
    internal: true
    driver_opts:
      com.docker.network.driver.mtu: "1400"
  ext:
    external: true
    name: ${EXTNET}
`,
  jobs: `version: "3.9"
services:
  once:
    image: busybox
    command: "true"
    deploy:
      mode: replicated-job
      replicas: 2
  everywhere:
    image: busybox
    command: "true"
    deploy:
      mode: global-job
  gpu:
    image: busybox
    command: sleep 600
    stdin_open: true
    oom_score_adj: 100
    isolation: default
    labels: [a=b, c]
    deploy:
      replicas: 0
      resources:
        reservations:
          generic_resources:
            - discrete_resource_spec:
                kind: gpu
                value: 2
`,
  secrets: `version: "3.8"
services:
  s:
    image: busybox
    command: sleep 600
    secrets:
      - s1
      - source: s2
        target: other
        uid: "1"
        gid: "2"
        mode: 0400
      - xs
    credential_spec:
      config: c1
    configs:
      - source: c1
        target: /etc/c1
        mode: 0440
      - source: c2
      - xc
secrets:
  s1:
    file: ./secret.txt
    labels:
      k: v
  s2:
    file: ./secret2.txt
  xs:
    external: true
    name: ${TAG}-xs
configs:
  c1:
    file: ./conf.txt
  c2:
    file: ./conf.txt
    template_driver: golang
  xc:
    external: true
    name: ${TAG}-xc
`,
};

/**
 * a file that publishes ports and gives its network a subnet: deployed by one CLI at a time
 * (ingress ports are swarm-wide, and a subnet can be allocated once)
 */
const PORTS = `version: "3.8"
services:
  p:
    image: busybox
    command: sleep 600
    networks: [sub]
    ports:
      - "${PORT}:80"
      - target: 81
        published: ${PORT + 1}
        protocol: udp
        mode: host
      - "90"
networks:
  sub:
    ipam:
      driver: default
      config:
        - subnet: 10.${20 + (process.pid % 200)}.0.0/24
`;

/** an object tree with the stack name masked and every 25-character swarm ID made <ID> */
function maskJson(v: unknown, stack: string): unknown {
  if (typeof v === 'string') {
    if (/^[a-z0-9]{25}$/.test(v)) return '<ID>';
    return v.split(stack).join('<STACK>');
  }
  if (Array.isArray(v)) return v.map((x) => maskJson(x, stack));
  if (v && typeof v === 'object') {
    const o: Json = {};
    for (const [k, x] of Object.entries(v)) o[k.split(stack).join('<STACK>')] = maskJson(x, stack);
    return o;
  }
  return v;
}

function maskResult(r: Result, stack: string, isDocker: boolean): { code: number | null; stdout: string[]; stderr: string } {
  const m = (s: string): string => s.split(stack).join('<STACK>').replace(/\(id: [a-z0-9]{25}\)/g, '(id: <ID>)').replace(/ [a-z0-9]{25}: /g, ' <ID>: ').replace(/^time="[^"]*"/gm, 'time="<TIME>"');
  const out = isDocker ? asBerth(r.stdout) : r.stdout;
  const err = isDocker ? asBerth(r.stderr) : r.stderr;
  return { code: r.code, stdout: m(out).split('\n').sort(), stderr: m(err) };
}

const KINDS = ['services/create', 'services/update', 'networks/create', 'secrets/create', 'configs/create', 'secrets/update', 'configs/update'];

/** the create and update requests a CLI sent, masked, by kind and object name */
function requests(seen: Seen[], stack: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const s of seen) {
    if (s.method !== 'POST') continue;
    const path = new URL(s.url, 'http://x').pathname.replace(/^\/v[0-9.]+/, '');
    const k2 = /^\/(services|secrets|configs)\/[^/]+\/update$/.test(path) ? `${path.split('/')[1]}/update` : path.slice(1);
    if (!KINDS.includes(k2)) continue;
    const body = JSON.parse(s.body || 'null') as Json;
    if (!JSON.stringify(body).includes(stack)) continue;
    const q = Object.fromEntries(new URL(s.url, 'http://x').searchParams);
    delete q.version;
    out[`${k2} ${String(body?.Name ?? '').split(stack).join('<STACK>')}`] = { query: q, auth: s.registryAuth, body: maskJson(body, stack) };
  }
  return out;
}

async function stackServices(stack: string): Promise<string[]> {
  const r = await docker(['service', 'ls', '-q', '--filter', `label=${LABEL}=${stack}`, '--format', '{{.Name}}'], { env: { DOCKER_HOST: NODE1 } });
  return r.stdout.split('\n').filter(Boolean).sort();
}

/**
 * a service as stored once swarmkit's allocator has filled its Endpoint (virtual IPs on its
 * networks, published ports): a moment after the create or update returns
 */
async function settledInspect(name: string): Promise<Json> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const s = await inspect(name);
    const want = s.Spec?.EndpointSpec ?? {};
    // (a dnsrr service without ports keeps an empty Endpoint for good)
    const allocated = (want.Mode === 'dnsrr' && !(want.Ports?.length > 0)) || JSON.stringify(s.Endpoint?.Spec ?? {}) === JSON.stringify(want);
    if (allocated || Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** every service of the stack as stored, masked, by name */
async function stored(stack: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of await stackServices(stack)) {
    const s = structuredClone(await settledInspect(name)) as Json;
    s.CreatedAt = s.UpdatedAt = '<TIME>';
    s.Version = '<VERSION>';
    delete s.UpdateStatus;
    for (const v of s.Endpoint?.VirtualIPs ?? []) v.Addr = '<ADDR>';
    // ingress ports the engine picked (none given in the file): each service gets its own
    for (const p of s.Endpoint?.Ports ?? []) if (p.PublishMode === 'ingress' && p.PublishedPort >= 30000) p.PublishedPort = '<PORT>';
    out[name.split(stack).join('<STACK>')] = maskJson(s, stack);
  }
  return out;
}

/** what is left with the stack's label (services, networks, secrets, configs), once the swarm has removed what it was told to */
async function leftovers(stack: string, waitMs = 20_000): Promise<string> {
  const host = { env: { DOCKER_HOST: NODE1 } };
  const f = ['--filter', `label=${LABEL}=${stack}`, '-q'];
  const deadline = Date.now() + waitMs;
  for (;;) {
    const rs = await Promise.all([docker(['service', 'ls', ...f], host), docker(['network', 'ls', ...f], host), docker(['secret', 'ls', ...f], host), docker(['config', 'ls', ...f], host)]);
    const left = rs.map((r) => r.stdout.trim()).join('');
    if (left === '' || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Pair {
  d: string;
  b: string;
}

let n = 0;
function pair(): Pair {
  n++;
  const p = { d: `${TAG}d${n}`, b: `${TAG}b${n}` };
  stacks.add(p.d);
  stacks.add(p.b);
  return p;
}

/** the same deploy by both CLIs, one stack name each; outputs, requests and stored services compared */
async function deployBoth(p: Pair, args: string[], o: { sequential?: boolean; run?: RunOptions; skipStored?: boolean } = {}): Promise<{ docker: Result; berth: Result; dockerRm?: Result }> {
  proxy.take();
  let dr: Result;
  let br: Result;
  let dStored: Record<string, unknown> | undefined;
  let dockerRm: Result | undefined;
  if (o.sequential) {
    dr = await docker(['stack', 'deploy', ...args, p.d], via(o.run));
    if (dr.code === 0 && !o.skipStored) dStored = await stored(p.d);
    dockerRm = await docker(['stack', 'rm', p.d], via());
    expect(await leftovers(p.d)).toBe('');
    br = await berth(['stack', 'deploy', ...args, p.b], via(o.run));
  } else {
    [dr, br] = await Promise.all([docker(['stack', 'deploy', ...args, p.d], via(o.run)), berth(['stack', 'deploy', ...args, p.b], via(o.run))]);
  }
  const seen = proxy.take();
  expect({ args, ...maskResult(br, p.b, false) }).toEqual({ args, ...maskResult(dr, p.d, true) });
  expect(requests(seen, p.b)).toEqual(requests(seen, p.d));
  if (dr.code === 0 && br.code === 0 && !o.skipStored) {
    dStored ??= await stored(p.d);
    expect(Object.keys(dStored).length).toBeGreaterThan(0);
    expect(await stored(p.b)).toEqual(dStored);
  }
  return { docker: dr, berth: br, dockerRm };
}

/** `stack rm` by each (or by berth only, against docker's rm made before): the same output, nothing left */
async function rmBoth(p: Pair, dockerRm?: Result, flags: string[] = []): Promise<void> {
  const [dr, br] = await Promise.all([dockerRm ?? docker(['stack', 'rm', ...flags, p.d], via()), berth(['stack', 'rm', ...flags, p.b], via())]);
  expect(maskResult(br, p.b, false)).toEqual(maskResult(dr, p.d, true));
  // docker's order: services, secrets, configs, networks
  const kinds = br.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[1]);
  const rank = ['service', 'secret', 'config', 'network'];
  expect([...kinds].sort((a, b) => rank.indexOf(a!) - rank.indexOf(b!))).toEqual(kinds);
  expect(await leftovers(p.b)).toBe('');
  expect(await leftovers(p.d)).toBe('');
}

describe.skipIf(reason !== '')('stack deploy / rm match docker', () => {
  beforeAll(async () => {
    await proxy.start();
    file('secret.txt', 's3cret\n');
    file('secret2.txt', 'other\n');
    file('conf.txt', 'conf\n');
    for (const [k, v] of Object.entries(CORPUS)) file(`${k}.yml`, v);
    file('ports.yml', PORTS);
    await dockerOn(['network', 'create', '-d', 'overlay', EXTNET]);
    await dockerOn(['network', 'create', '-d', 'bridge', `${TAG}-local`]);
    await dockerOn(['secret', 'create', `${TAG}-xs`, '-'], 1, { input: 'external' });
    await dockerOn(['config', 'create', `${TAG}-xc`, '-'], 1, { input: 'external' });
  }, 60_000);

  afterAll(async () => {
    const host = { env: { DOCKER_HOST: NODE1 } };
    if (stacks.size > 0) await docker(['stack', 'rm', ...stacks], host);
    await new Promise((r) => setTimeout(r, 1000));
    await docker(['network', 'rm', EXTNET, `${TAG}-local`], host);
    await docker(['secret', 'rm', `${TAG}-xs`], host);
    await docker(['config', 'rm', `${TAG}-xc`], host);
    // the volumes the stacks' tasks made, on whichever node they ran (stack rm leaves volumes)
    for (let i = 1; i <= 3; i++) {
      const on = { env: { DOCKER_HOST: nodeHost(i) } };
      for (let tries = 0; tries < 10; tries++) {
        const vols = (await docker(['volume', 'ls', '-q', '--filter', `name=${TAG}`], on)).stdout.split('\n').filter(Boolean);
        if (vols.length === 0) break;
        await docker(['volume', 'rm', ...vols], on);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await proxy.stop();
    rmSync(TMP, { recursive: true, force: true });
  }, 60_000);

  for (const name of Object.keys(CORPUS)) {
    it(`deploys ${name}.yml, redeploys it (updates), and removes it`, async () => {
      const p = pair();
      const f = join(TMP, `${name}.yml`);
      await deployBoth(p, ['-c', f]);
      await deployBoth(p, ['-c', f, '--resolve-image', 'changed']);
      await rmBoth(p);
    }, 90_000);
  }

  it('deploys published ports (short and long syntax) and a subnet, one CLI after the other', async () => {
    const p = pair();
    const r = await deployBoth(p, ['-c', join(TMP, 'ports.yml')], { sequential: true });
    await rmBoth(p, r.dockerRm);
  }, 90_000);

  it('--prune removes the services no longer in the file; --resolve-image never; -q -d=false waits; rm -d=false', async () => {
    const p = pair();
    await deployBoth(p, ['-c', join(TMP, 'basic.yml')]);
    const smaller = file(
      'smaller.yml',
      `version: "3.8"
services:
  web:
    image: busybox
    command: ["sleep", "601"]
`,
    );
    await deployBoth(p, ['-c', smaller, '--prune', '--resolve-image', 'never']);
    expect((await stackServices(p.b)).length).toBe(1);
    await deployBoth(p, ['-c', smaller, '-d=false', '-q'], { skipStored: true });
    await rmBoth(p, undefined, ['-d=false']);
  }, 120_000);

  it('a file from stdin, and several files (with --with-registry-auth)', async () => {
    const p = pair();
    const over = file(
      'over.yml',
      `version: "3.8"
services:
  worker:
    image: busybox
    command: sleep 700
    deploy:
      replicas: 0
`,
    );
    await deployBoth(p, ['-c', '-'], { run: { input: CORPUS.deploy } });
    await deployBoth(p, ['-c', join(TMP, 'basic.yml'), '-c', over, '--with-registry-auth']);
    await rmBoth(p);
  }, 120_000);

  const bad: Record<string, string> = {
    'undefined-network': 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    networks: [nope]\n',
    'undefined-secret': 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    secrets: [nope]\n',
    'undefined-volume': 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    volumes: ["nope:/x"]\n',
    'local-external': `version: "3.8"\nservices:\n  a:\n    image: busybox\nnetworks:\n  default:\n    external: true\n    name: ${TAG}-local\n`,
    'missing-external': `version: "3.8"\nservices:\n  a:\n    image: busybox\nnetworks:\n  default:\n    external: true\n    name: ${TAG}-none\n`,
    'no-image': 'version: "3.8"\nservices:\n  a:\n    command: sleep 1\n',
    'bad-image': 'version: "3.8"\nservices:\n  a:\n    image: "UPPER:case"\n',
    'missing-secret-file': 'version: "3.8"\nservices:\n  a:\n    image: busybox\nsecrets:\n  s:\n    file: ./does-not-exist\n',
    'replicas-global': 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    deploy:\n      mode: global\n      replicas: 2\n',
    'missing-external-secret': `version: "3.8"\nservices:\n  a:\n    image: busybox\n    secrets: [x]\n    configs: [y]\nsecrets:\n  x:\n    external: true\n    name: ${TAG}-nosecret\nconfigs:\n  y:\n    external: true\n`,
    'duplicate-target': 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    secrets: [{source: s, target: t}, {source: s2, target: t}]\nsecrets:\n  s:\n    file: ./secret.txt\n  s2:\n    file: ./secret2.txt\n',
    forbidden: 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    mem_limit: 10m\n    cpuset: "0"\n',
    unsupported: 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    command: sleep 600\n    privileged: true\n    restart: always\n    container_name: foo\n',
  };
  for (const [name, text] of Object.entries(bad)) {
    it(`bad file: ${name}`, async () => {
      const p = pair();
      await deployBoth(p, ['-c', file(`bad-${name}.yml`, text)], { skipStored: true });
      // nothing half-made beyond what docker leaves
      const [ld, lb] = await Promise.all([leftovers(p.d, 0), leftovers(p.b, 0)]);
      expect(lb.split('\n').filter(Boolean).length).toBe(ld.split('\n').filter(Boolean).length);
    }, 60_000);
  }

  it('the loader\'s warnings (logrus lines) on a file using external.name', async () => {
    const p = pair();
    const f = file('warn.yml', `version: "3.8"\nservices:\n  a:\n    image: busybox\n    command: sleep 600\nnetworks:\n  default:\n    external:\n      name: ${EXTNET}\n`);
    const r = await deployBoth(p, ['-c', f]);
    expect(r.docker.stderr).toContain('level=warning');
    await rmBoth(p);
  }, 90_000);

  it('rm of a stack whose network is in use: the failure reported, exit 1', async () => {
    const p = pair();
    const f = file('att.yml', 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    command: sleep 600\n    networks: [att]\nnetworks:\n  att:\n    attachable: true\n');
    await deployBoth(p, ['-c', f]);
    const host = { env: { DOCKER_HOST: NODE1 } };
    await Promise.all([p.d, p.b].map((st) => dockerOn(['run', '-d', '--name', `${st}-c`, '--network', `${st}_att`, 'busybox', 'sleep', '600'])));
    try {
      const [dr, br] = await Promise.all([docker(['stack', 'rm', p.d], via()), berth(['stack', 'rm', p.b], via())]);
      const ids = (r: Result, st: string, isDocker: boolean): Json => {
        const m = maskResult(r, st, isDocker);
        return { ...m, stderr: m.stderr.replace(/[a-z0-9]{25}/g, '<ID>') };
      };
      expect(ids(br, p.b, false)).toEqual(ids(dr, p.d, true));
      expect(br.code).toBe(1);
    } finally {
      await docker(['rm', '-f', `${p.d}-c`, `${p.b}-c`], host);
    }
    // the network frees once the engine has let the container's attachment go
    for (let i = 0; i < 20 && ((await leftovers(p.d, 0)) !== '' || (await leftovers(p.b, 0)) !== ''); i++) {
      await docker(['stack', 'rm', p.d, p.b], host);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await leftovers(p.d)) + (await leftovers(p.b))).toBe('');
  }, 90_000);

  it('a redeploy that changes a secret\'s data: the engine refuses the update', async () => {
    const p = pair();
    const text = (data: string): string => {
      writeFileSync(join(TMP, 'changing.txt'), data);
      return file('changing.yml', 'version: "3.8"\nservices:\n  a:\n    image: busybox\n    command: sleep 600\n    secrets: [ch]\nsecrets:\n  ch:\n    file: ./changing.txt\n');
    };
    await deployBoth(p, ['-c', text('one')]);
    await deployBoth(p, ['-c', text('two')], { skipStored: true });
    await rmBoth(p);
  }, 90_000);

  it('flag and argument errors', async () => {
    const f = join(TMP, 'basic.yml');
    const cases = [
      ['stack', 'deploy', 'x'],
      ['stack', 'deploy', '-c', f, '--resolve-image', 'sometimes', `${TAG}x`],
      ['stack', 'deploy', '-c', f, ' "" '],
      ['stack', 'deploy', '-c', f],
      ['stack', 'deploy', '-c', join(TMP, 'nope.yml'), 'x'],
      ['stack', 'up', '-c', f, 'a', 'b'],
      ['stack', 'rm'],
      ['stack', 'rm', `${TAG}-none`, `${TAG}-none2`],
      ['stack', 'down', "'"],
    ];
    for (const args of cases) {
      const [d, b] = await Promise.all([docker(args, via()), berth(args, via())]);
      expect({ args, code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ args, code: d.code, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) });
    }
    // the API versions the flags need ("version" annotations; the group's own 1.25 is the stack group's
    // check, test/parity/stack-list.test.ts); help shows every flag
    const versioned: [string, string[]][] = [
      ['1.26', ['stack', 'deploy', '-c', f, '--prune', `${TAG}x`]],
      ['1.29', ['stack', 'deploy', '-c', f, '--prune', '--resolve-image', 'never', `${TAG}x`]],
      ['1.26', ['stack', 'deploy', '--help']],
    ];
    for (const [v, args] of versioned) {
      const o = via({ env: { DOCKER_API_VERSION: v } });
      const [d, b] = await Promise.all([docker(args, o), berth(args, o)]);
      // (the program names itself in this one: "docker stack deploy requires API version ...")
      const stderr = asBerth(d.stderr).replace(/^docker stack (\w+) requires API version/, 'berth stack $1 requires API version');
      expect({ v, args, code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ v, args, code: d.code, stdout: asBerth(d.stdout), stderr });
    }
  }, 60_000);

  it('not a swarm manager (on a worker)', async () => {
    const args = ['stack', 'deploy', '-c', join(TMP, 'basic.yml'), `${TAG}w`];
    const [d, b] = await Promise.all([docker(args, onNode(2)), berth(args, onNode(2))]);
    expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) });
  }, 30_000);

  it('several stacks in one rm', async () => {
    const p = pair();
    const q = pair();
    const f = join(TMP, 'basic.yml');
    await Promise.all([docker(['stack', 'deploy', '-c', f, p.d], via()), docker(['stack', 'deploy', '-c', f, q.d], via())]);
    await Promise.all([docker(['stack', 'deploy', '-c', f, p.b], via()), docker(['stack', 'deploy', '-c', f, q.b], via())]);
    const [dr, br] = await Promise.all([docker(['stack', 'rm', p.d, `${TAG}-none`, q.d], via()), berth(['stack', 'rm', p.b, `${TAG}-none`, q.b], via())]);
    const m = (r: Result, a: string, b: string, isDocker: boolean): Json => {
      const x = maskResult(r, a, isDocker);
      return { ...x, stdout: x.stdout.map((l) => l.split(b).join('<STACK2>')).sort(), stderr: x.stderr.split(b).join('<STACK2>') };
    };
    expect(m(br, p.b, q.b, false)).toEqual(m(dr, p.d, q.d, true));
    for (const s of [p.b, q.b, p.d, q.d]) expect(await leftovers(s)).toBe('');
  }, 120_000);
});
