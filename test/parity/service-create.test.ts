// `service create` against docker's on the swarm: for each group of flags a service made by
// docker and its twin made by berth (service-twins.ts): the same output (the ID masked), the
// same spec stored and the same request sent. Then every client-side validation docker makes,
// compared directly (exit code, stdout, stderr).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, uniqueName, HOST } from './harness.js';
import { bothOn, dockerOn, swarmSkipReason } from './swarm-harness.js';
import { createTwins, Twins, type Unordered } from './service-twins.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/service-create: skipped: ${reason}`);

const TAG = uniqueName('svc').replace(/[^a-zA-Z0-9-]/g, '');
const SEC1 = `${TAG}-s1`;
const SEC2 = `${TAG}-s2`;
const CFG1 = `${TAG}-c1`;
const CFG2 = `${TAG}-c2`;
const NET1 = `${TAG}-n1`;
const NET2 = `${TAG}-n2`;
const TMP = mkdtempSync(join(tmpdir(), 'berth-svc-'));
const ENV_FILE = join(TMP, 'env');
// the plain engine beside the swarm: the suites' own (DOCKER_HOST), never a fixed dev path
const PLAIN_ENGINE = HOST;
/** published ports of this run (ingress ports are swarm-wide) */
const PORT = 20000 + (process.pid % 5000) * 2;

const t = new Twins();
const IMG = ['busybox', 'sleep', '600'];

describe.skipIf(reason !== '')('service create matches docker', () => {
  beforeAll(async () => {
    await t.start();
    writeFileSync(ENV_FILE, '# comment\nFROMFILE=1\nA=from-file\nBERTH_SVC_FROM_ENV\nBERTH_SVC_UNSET\n');
    await Promise.all([
      dockerOn(['secret', 'create', SEC1, '-'], 1, { input: 'one' }),
      dockerOn(['secret', 'create', SEC2, '-'], 1, { input: 'two' }),
      dockerOn(['config', 'create', CFG1, '-'], 1, { input: 'c1' }),
      dockerOn(['config', 'create', CFG2, '-'], 1, { input: 'c2' }),
      dockerOn(['network', 'create', '-d', 'overlay', NET1]),
      dockerOn(['network', 'create', '-d', 'overlay', NET2]),
    ]);
  }, 120_000);

  afterAll(async () => {
    await t.stop();
    await dockerOn(['secret', 'rm', SEC1, SEC2]).catch(() => undefined);
    await dockerOn(['config', 'rm', CFG1, CFG2]).catch(() => undefined);
    await dockerOn(['network', 'rm', NET1, NET2]).catch(() => undefined);
    rmSync(TMP, { recursive: true, force: true });
  }, 120_000);

  // [tag, flags, image and args, options]
  type Case = [string, string[], string[]?, { u?: Unordered; sequential?: boolean; env?: Record<string, string>; ownPorts?: boolean }?];
  const R0 = ['-d', '--replicas', '0'];
  const cases = (): Case[] => [
    ['default', ['-d'], IMG],
    ['quiet', ['-d', '-q', '--replicas', '0'], IMG],
    ['bare', ['--detach=true', '--replicas', '0'], ['busybox']],
    ['global', ['-d', '--mode', 'global'], IMG],
    ['rjob', ['-d', '--mode', 'replicated-job', '--replicas', '2', '--max-concurrent', '1'], ['busybox', 'true']],
    ['rjob2', ['-d', '--mode', 'replicated-job', '--replicas', '0'], ['busybox', 'true']],
    ['gjob', ['-d', '--mode', 'global-job'], ['busybox', 'true']],
    ['replicas', ['-d', '--replicas', '0x2', '--replicas-max-per-node', '1'], IMG],
    ['mount-vol', [...R0, '--mount', 'type=volume,src=vol1,dst=/v,volume-driver=local,volume-opt=type=tmpfs,volume-opt=device=tmpfs,volume-label=a=b,volume-nocopy', '--mount', 'dst=/anon'], IMG],
    ['mount-bind', [...R0, '--mount', 'type=bind,source=/tmp,target=/h,readonly,bind-propagation=rslave', '--mount', 'type=bind,src=.,dst=/rel,ro=true'], IMG],
    ['mount-tmpfs', [...R0, '--mount', 'type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1777', '--mount', 'type=npipe,src=pipe,dst=/p'], IMG],
    ['mount-recursive', [...R0, '--mount', 'type=bind,src=/tmp,dst=/r1,bind-recursive=disabled', '--mount', 'type=bind,src=/tmp,dst=/r2,readonly,bind-recursive=readonly', '--mount', 'type=bind,src=/tmp,dst=/r3,bind-nonrecursive', '--mount', 'type=bind,src=/tmp,dst=/r4,bind-recursive=writable'], IMG],
    ['mount-more', [...R0, '--mount', 'type=volume,src=v,dst=/s,volume-subpath=x', '--mount', 'type=bind,src=/tmp,dst=/c,consistency=cached', '--mount', 'type=bind,src=/tmp/x,dst=/m,bind-create-mountpoint', '--mount', 'type=volume,dst=/nc,volume-nocopy=false,ro=0'], IMG],
    ['secret', [...R0, '--secret', SEC1], IMG],
    ['secret-long', [...R0, '--secret', `source=${SEC2},target=/x/y,uid=1,gid=2,mode=0400`], IMG],
    ['secrets', [...R0, '--secret', SEC1, '--secret', `src=${SEC2},target=two`], IMG, { u: { secrets: true } }],
    ['config', [...R0, '--config', CFG1, '--config', `src=${CFG2},target=/etc/c2,mode=0644,uid=5`], IMG, { u: { configs: true } }],
    ['cred-config', [...R0, '--credential-spec', `config://${CFG1}`], IMG],
    ['cred-config2', [...R0, '--credential-spec', `config://${CFG1}`, '--config', CFG1], IMG, { u: { configs: true } }],
    ['cred-reg', [...R0, '--credential-spec', 'registry://x'], IMG],
    ['cred-file', [...R0, '--credential-spec', 'file://y.json'], IMG],
    ['cred-none', [...R0, '--credential-spec', ''], IMG],
    ['network', [...R0, '--network', NET1], IMG],
    ['network-long', [...R0, '--network', `name=${NET1},alias=a1,alias=A2,driver-opt=k=v`, '--network', NET2], IMG],
    ['publish', [...R0, '-p', `${PORT}:80`, '--publish', `published=${PORT + 1},target=81,protocol=udp`], IMG, { sequential: true, ownPorts: true }],
    ['publish-auto', [...R0, '-p', '80', '-p', 'target=82,protocol=sctp'], IMG],
    ['publish-host', [...R0, '-p', 'published=8080,target=80,mode=host', '-p', 'mode=host,target=81'], IMG],
    ['publish-range', [...R0, '-p', `${PORT + 2}-${PORT + 3}:90-91/udp`], IMG, { sequential: true, ownPorts: true, u: { ports: true } }],
    ['placement', [...R0, '--constraint', 'node.role==manager', '--constraint', 'node.labels.x!=y', '--placement-pref', 'spread=node.labels.dc', '--placement-pref', 'spread=node.id'], IMG],
    ['update-cfg', [...R0, '--update-parallelism', '2', '--update-delay', '10s', '--update-monitor', '1m', '--update-failure-action', 'rollback', '--update-max-failure-ratio', '0.25', '--update-order', 'start-first'], IMG],
    ['update-one', [...R0, '--update-delay', '1s'], IMG],
    ['rollback-cfg', [...R0, '--rollback-parallelism', '0', '--rollback-delay', '1ms', '--rollback-monitor', '1h', '--rollback-failure-action', 'continue', '--rollback-max-failure-ratio', '.1', '--rollback-order', 'start-first'], IMG],
    ['rollback-one', [...R0, '--rollback-order', 'stop-first'], IMG],
    ['health', [...R0, '--health-cmd', 'true', '--health-interval', '5s', '--health-timeout', '2s', '--health-retries', '3', '--health-start-period', '1s'], IMG],
    ['health-retries', [...R0, '--health-retries', '2'], IMG],
    ['health-zero', [...R0, '--health-interval', '0s'], IMG],
    ['no-health', [...R0, '--no-healthcheck'], IMG],
    ['resources', [...R0, '--limit-cpu', '0.5', '--limit-memory', '64m', '--limit-pids', '100', '--reserve-cpu', '1/4', '--reserve-memory', '32MiB'], IMG],
    ['generic', [...R0, '--generic-resource', 'gpu=2', '--generic-resource', 'fpga = 1'], IMG, { u: { generic: true } }],
    ['restart', [...R0, '--restart-condition', 'on-failure', '--restart-delay', '3s', '--restart-max-attempts', '4', '--restart-window', '1m'], IMG],
    ['restart-one', [...R0, '--restart-max-attempts', '2'], IMG],
    ['restart-cond', [...R0, '--restart-condition', 'none'], IMG],
    ['env', [...R0, '-e', 'A=1', '-e', 'BERTH_SVC_FROM_ENV', '-e', 'BERTH_SVC_UNSET', '-e', 'A=2', '--env', 'B=', '--env-file', ENV_FILE, '-e', 'B='], IMG, { env: { BERTH_SVC_FROM_ENV: 'hello' } }],
    ['labels', [...R0, '-l', 'a=b', '-l', 'c', '--label', 'a=z', '--container-label', 'x=y', '--container-label', 'w'], IMG],
    ['dns', [...R0, '--dns', '8.8.8.8', '--dns', '::1', '--dns-option', 'ndots:2', '--dns-search', 'example.com', '--host', 'h1:10.0.0.1', '--host', 'h2=10.0.0.2', '--host', 'h6:[::1]', '--hostname', 'hn'], IMG],
    ['misc', [...R0, '--init', '--isolation', 'default', '--read-only', '--stop-grace-period', '20s', '--stop-signal', 'SIGINT', '--sysctl', 'net.core.somaxconn=1024', '-t', '-u', 'nobody', '-w', '/tmp', '--group', '100', '--group', 'wheel'], IMG],
    ['logs', [...R0, '--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--log-opt', 'BERTH_SVC_FROM_ENV'], IMG, { env: { BERTH_SVC_FROM_ENV: 'x' } }],
    ['log-opt-only', [...R0, '--log-opt', 'max-size=1m'], IMG],
    ['caps', [...R0, '--cap-add', 'net_admin', '--cap-add', 'CAP_SYS_TIME', '--cap-drop', 'chown', '--cap-drop', 'NET_ADMIN', '--cap-add', 'RESET'], IMG],
    ['caps-all', [...R0, '--cap-add', 'ALL', '--cap-add', 'x', '--cap-drop', 'all'], IMG],
    ['ulimit', [...R0, '--ulimit', 'nofile=100:200', '--ulimit', 'nproc=10', '--ulimit', 'nofile=50'], IMG],
    ['entrypoint', [...R0, '--entrypoint', 'sh -c "echo a" \'b c\' d\\ e #x'], ['busybox', 'x', 'y']],
    ['entrypoint-empty', [...R0, '--entrypoint', ''], IMG],
    ['endpoint', [...R0, '--endpoint-mode', 'DNSRR'], IMG],
    ['endpoint-empty', [...R0, '--endpoint-mode', ''], IMG],
    ['no-resolve', [...R0, '--no-resolve-image'], IMG],
    ['tagged', R0, ['busybox:latest']],
    ['digest', R0, ['busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111']],
    ['registry', R0, ['localhost:5000/some/image']],
    ['badref', R0, ['Busybox']],
    ['isolation', [...R0, '--isolation', 'hyperv'], IMG],
    ['interspersed', R0, ['busybox', '-d', '--replicas', '3']],
    // odd values docker takes
    ['odd-mounts', [...R0, '--mount', 'type=volume,src=a,dst=/b,volume-opt=x', '--mount', 'type=bind,src=,dst=/x', '--mount', 'type=tmpfs,src=/a,dst=/y'], IMG],
    ['odd-values', ['-d', '--replicas', '0b0', '--placement-pref', 'spread=', '--generic-resource', '=1', '--entrypoint', '#', '--update-delay', '1.5h', '--reserve-cpu', '1e-3', '--restart-max-attempts', '0x10', '--stop-grace-period', '-1s'], IMG],
    ['publish-zero', [...R0, '-p', '0:80'], IMG],
    // values only the engine judges (refused, or taken as they are)
    ['bad-action', [...R0, '--update-failure-action', 'bogus'], IMG],
    ['bad-order', [...R0, '--rollback-order', 'bogus'], IMG],
    ['bad-restart', [...R0, '--restart-condition', 'bogus'], IMG],
    ['bad-endpoint', [...R0, '--endpoint-mode', 'bogus'], IMG],
    ['bad-isolation', [...R0, '--isolation', 'bogus'], IMG],
    ['small-memory', [...R0, '--reserve-memory', '1k', '--limit-memory', '1k'], IMG],
    ['dnsrr-ingress', [...R0, '--endpoint-mode', 'dnsrr', '-p', '80'], IMG],
    ['bad-constraint', [...R0, '--constraint', 'bogus'], IMG],
    ['job-max-per-node', ['-d', '--mode', 'replicated-job', '--replicas-max-per-node', '2', '--replicas', '0'], ['busybox', 'true']],
  ];

  it('creates services as docker does', async () => {
    const list = cases();
    const failures: unknown[] = [];
    for (let i = 0; i < list.length; i += 8) {
      const settled = await Promise.allSettled(
        list.slice(i, i + 8).map(([tag, flags, tail, o]) => createTwins(t, tag, flags, tail ?? IMG, { u: o?.u, sequential: o?.sequential, ownPorts: o?.ownPorts, run: o?.env ? { env: o.env } : undefined })),
      );
      for (const r of settled) if (r.status === 'rejected') failures.push(r.reason);
    }
    // every differing case reported, not only the first
    if (failures.length > 0) throw new AggregateError(failures, failures.map((f) => String((f as Error).message)).join('\n\n'));
  }, 240_000);

  it('--with-registry-auth sends the credentials docker sends', async () => {
    const cfg = mkdtempSync(join(TMP, 'cfg-'));
    const auth = Buffer.from('someone:secret').toString('base64');
    writeFileSync(join(cfg, 'config.json'), JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth }, 'localhost:5000': { auth: Buffer.from('u2:p2').toString('base64') } } }));
    const run = { env: { DOCKER_CONFIG: cfg } };
    await Promise.all([
      createTwins(t, 'auth', [...R0, '--with-registry-auth'], IMG, { run }),
      createTwins(t, 'auth2', [...R0, '--with-registry-auth'], ['localhost:5000/x/y:1'], { run }),
      createTwins(t, 'auth3', [...R0, '--with-registry-auth', '--no-resolve-image'], IMG, { run }),
    ]);
  });

  it('pins the image to the digest the registry answers, with its platforms', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    t.proxy.fake = (req) => {
      if (!/\/distribution\/[^/]+\/json/.test(req.url ?? '')) return undefined;
      if (req.url!.includes('nopl')) return { status: 200, body: JSON.stringify({ Descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', digest, size: 1 }, Platforms: [] }) };
      return { status: 200, body: JSON.stringify({ Descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', digest, size: 1 }, Platforms: [{ architecture: 'amd64', os: 'linux' }, { architecture: 'ARM', os: 'linux', variant: 'v7' }] }) };
    };
    try {
      await Promise.all([
        createTwins(t, 'pin', R0, IMG),
        createTwins(t, 'pin2', R0, ['localhost:5000/nopl:2']),
        createTwins(t, 'pin3', R0, [`busybox@sha256:${'cd'.repeat(32)}`]),
      ]);
    } finally {
      t.proxy.fake = undefined;
    }
  });

  describe('errors', () => {
    const errorCases: string[][] = [
      // modes
      ['--mode', 'bogus'],
      ['--mode', 'global', '--replicas', '2'],
      ['--mode', 'global', '--replicas-max-per-node', '2'],
      ['--mode', 'global', '--max-concurrent', '2'],
      ['--mode', 'global-job', '--replicas', '2'],
      ['--mode', 'global-job', '--replicas-max-per-node', '1'],
      ['--mode', 'global-job', '--max-concurrent', '1'],
      ['--max-concurrent', '2'],
      ['--mode', 'replicated-job', '--update-delay', '1s'],
      ['--mode', 'global-job', '--rollback-order', 'start-first'],
      ['--mode', 'Global'],
      // healthcheck
      ['--no-healthcheck', '--health-cmd', 'true'],
      ['--no-healthcheck', '--health-retries', '1'],
      ['--health-interval', '-1s'],
      ['--health-timeout', 'x'],
      // mounts
      ['--mount', 'type=bind'],
      ['--mount', 'src=/a'],
      ['--mount', 'type=volume,volume-nocopy=maybe,dst=/a'],
      ['--mount', 'type=tmpfs,tmpfs-size=x,dst=/a'],
      ['--mount', 'type=tmpfs,tmpfs-mode=9,dst=/a'],
      ['--mount', 'foo=bar,dst=/a'],
      ['--mount', 'readonly=maybe,dst=/a'],
      ['--mount', 'type=bind,volume-driver=x,dst=/a,src=/b'],
      ['--mount', 'type=volume,bind-propagation=shared,dst=/a'],
      ['--mount', 'type=tmpfs,dst=/a,"x'],
      ['--mount', 'bogus,dst=/a'],
      ['--mount', ''],
      // ports
      ['-p', '127.0.0.1:80:80'],
      ['-p', 'x'],
      ['-p', '80-79'],
      ['-p', '80:80:80:80'],
      ['-p', '8080-8081:80-82'],
      ['-p', '80/icmp'],
      ['-p', 'target=x'],
      ['-p', 'target=99999'],
      ['-p', 'published=80'],
      ['-p', 'target=80,published=x'],
      ['-p', 'target=80,mode=foo'],
      ['-p', 'target=80,protocol=icmp'],
      ['-p', 'target=80,foo=bar'],
      ['-p', 'target=80,x'],
      ['--publish', 'target=80,"'],
      // durations and numbers
      ['--update-delay', 'x'],
      ['--stop-grace-period', '5'],
      ['--restart-delay', '1q'],
      ['--restart-window', ''],
      ['--rollback-monitor', '-'],
      ['--replicas', 'x'],
      ['--replicas', '-1'],
      ['--replicas', '18446744073709551616'],
      ['--max-concurrent', '1.5'],
      ['--replicas-max-per-node', 'y'],
      ['--restart-max-attempts', 'z'],
      ['--update-parallelism', '-2'],
      ['--limit-pids', 'x'],
      ['--health-retries', '1.5'],
      ['--update-max-failure-ratio', 'x'],
      ['--update-max-failure-ratio', '1e39'],
      ['--rollback-max-failure-ratio', '1e400'],
      ['--limit-cpu', 'x'],
      ['--reserve-cpu', '0.0000000001'],
      ['--limit-memory', '1q'],
      ['--reserve-memory', '-1'],
      // secrets, configs
      ['--secret', 'source='],
      ['--secret', 'foo=bar'],
      ['--secret', 'src=a,mode=x'],
      ['--secret', 'src=a,x'],
      ['--secret', '=a'],
      ['--secret', ''],
      ['--secret', `${TAG}-nope`],
      ['--secret', SEC1, '--secret', `src=${SEC2},target=${SEC1}`],
      ['--secret', SEC1, '--secret', `${TAG}-nope2`],
      ['--config', 'target=x'],
      ['--config', 'foo=bar'],
      ['--config', 'src=a,mode=0x1ffffffff'],
      ['--config', `${TAG}-nope`],
      ['--config', CFG1, '--config', `src=${CFG2},target=${CFG1}`],
      ['--credential-spec', `config://${TAG}-nope`],
      ['--credential-spec', 'bogus://x'],
      // networks
      ['--network', `${TAG}-nonet`],
      ['--network', 'name='],
      ['--network', 'foo=bar'],
      ['--network', 'name=x,alias'],
      ['--network', NET1, '--network', `${TAG}-nonet2`],
      // placement
      ['--placement-pref', 'foo'],
      ['--placement-pref', 'zone=x'],
      ['--placement-pref', '=x'],
      // generic resources
      ['--generic-resource', 'gpu'],
      ['--generic-resource', 'gpu=x'],
      ['--generic-resource', 'a=b=c'],
      ['--generic-resource', 'gpu=-1'],
      ['--generic-resource', 'gpu=1', '--generic-resource', 'gpu=2'],
      ['--generic-resource', 'gpu=1', '--generic-resource', 'gpu=x'],
      // env, labels, dns, hosts, ulimits, entrypoint
      ['-e', '=x'],
      ['--env-file', join(TMP, 'nope')],
      ['--env-file', TMP],
      ['--log-opt', '=x'],
      ['-l', ' a b=c'],
      ['--container-label', '=x'],
      ['--dns', 'x'],
      ['--dns-search', '-bad-'],
      ['--host', 'x'],
      ['--host', 'h:notip'],
      ['--ulimit', 'nofile'],
      ['--ulimit', 'bogus=1'],
      ['--ulimit', 'nofile=2:1'],
      ['--entrypoint', "'sh"],
      ['--entrypoint', 'sh\\'],
      // flags the engine's API is too old for
      ['--oom-score-adj', '10'],
      ['--health-start-interval', '1s'],
      ['--oom-score-adj', '1', '--health-start-interval', '1s'],
      // flag syntax
      ['--replicas'],
      ['--mode=', '--replicas', '1'],
    ];
    it('client-side validations', async () => {
      const names: string[] = [];
      const runCase = async (flags: string[]): Promise<void> => {
        const name = `${TAG}-e${names.length}`;
        names.push(name);
        const { docker: d, berth: b } = await bothOn(['service', 'create', '-d', '--name', name, ...flags, 'busybox']);
        expect({ flags, ...b }).toEqual({ flags, ...d });
      };
      try {
        for (let i = 0; i < errorCases.length; i += 12) await Promise.all(errorCases.slice(i, i + 12).map(runCase));
      } finally {
        t.remember(...names);
      }
    }, 180_000);

    it('without an image, and flags after the image', async () => {
      for (const args of [['service', 'create'], ['service', 'create', '-d'], ['service', 'create', '--help', 'x'], ['service', 'create', '-d', '--name', `${TAG}-x`, '--bogus', 'busybox']]) {
        const { docker: d, berth: b } = await bothOn(args);
        expect({ args, ...b }).toEqual({ args, ...d });
      }
    });

    it('on an engine that is not a swarm manager', async () => {
      const cases: [string[], number | string][] = [
        [['service', 'create', '-d', 'busybox'], 2],
        [['service', 'create', '-d', '--secret', 'x', 'busybox'], 3],
        [['service', 'create', '-d', '--network', 'x', 'busybox'], 2],
        [['service', 'create', 'busybox'], PLAIN_ENGINE],
        [['service', 'create', '-d', '--mode', 'bogus', 'busybox'], PLAIN_ENGINE],
        // no engine at all: the flags' version check passes, the bad input is still reported first
        [['service', 'create', '-d', '--mode', 'bogus', 'busybox'], 'unix:///nonexistent/berth.sock'],
        [['service', 'create', '-d', 'busybox'], 'unix:///nonexistent/berth.sock'],
        [['service', 'update', '-d', '--replicas', 'x', 's'], 'unix:///nonexistent/berth.sock'],
      ];
      for (const [args, where] of cases) {
        const { docker: d, berth: b } = typeof where === 'number' ? await bothOn(args, where) : await both(args, { env: { DOCKER_HOST: where } });
        expect({ args, ...b }).toEqual({ args, ...d });
      }
    });

    it('an older API version refuses newer flags', async () => {
      const cases: string[][] = [
        ['-d', '--mount', 'type=bind,src=/tmp,dst=/r1,bind-recursive=disabled'],
        ['--mount', 'type=bind,src=/tmp,dst=/r2,readonly,bind-recursive=readonly'],
        ['--init'],
        ['--cap-add', 'x', '--isolation', 'default'],
        ['--replicas-max-per-node', '1', '--no-resolve-image', '--config', 'x'],
        ['-d', '--rollback-order', 'start-first'],
      ];
      for (const flags of cases) {
        const { docker: d, berth: b } = await bothOn(['service', 'create', ...flags, 'busybox'], 1, { env: { DOCKER_API_VERSION: '1.24' } });
        expect({ flags, ...b }).toEqual({ flags, ...d });
      }
    });

    it('content trust: the notary lookup fails as docker\'s does', async () => {
      const cfg = mkdtempSync(join(TMP, 'trust-'));
      const { docker: d, berth: b } = await bothOn(['service', 'create', '-d', '--name', `${TAG}-trust`, 'busybox'], 1, { env: { DOCKER_CONTENT_TRUST: '1', DOCKER_CONFIG: cfg } });
      expect(b).toEqual(d);
      t.remember(`${TAG}-trust`);
    });
  });
});
