// `service update` against docker's on the swarm: two services made alike by docker, one
// updated by docker and its twin by berth with the same flags (service-twins.ts): the same
// output (names masked), the same spec and previous spec stored, the same request sent. Then
// the errors docker reports, on shared services, compared directly (exit code, stdout, stderr).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, uniqueName, type RunOptions, HOST } from './harness.js';
import { bothOn, dockerOn, swarmSkipReason } from './swarm-harness.js';
import { Twins, updateTwins, type Unordered } from './service-twins.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/service-update: skipped: ${reason}`);

const TAG = uniqueName('svu').replace(/[^a-zA-Z0-9-]/g, '');
const SEC1 = `${TAG}-s1`;
const SEC2 = `${TAG}-s2`;
const CFG1 = `${TAG}-c1`;
const CFG2 = `${TAG}-c2`;
const NET1 = `${TAG}-n1`;
const NET2 = `${TAG}-n2`;
/** shared services the error cases run on (errors change nothing) */
const SVC = `${TAG}-svc`;
const GLOBAL = `${TAG}-glob`;
const TMP = mkdtempSync(join(tmpdir(), 'berth-svu-'));
// the plain engine beside the swarm: the suites' own (DOCKER_HOST), never a fixed dev path
const PLAIN_ENGINE = HOST;

const t = new Twins();
/** no tasks: nothing to schedule, nothing to converge */
const R0 = ['--replicas', '0'];

describe.skipIf(reason !== '')('service update matches docker', () => {
  beforeAll(async () => {
    await t.start();
    await Promise.all([
      dockerOn(['secret', 'create', SEC1, '-'], 1, { input: 'one' }),
      dockerOn(['secret', 'create', SEC2, '-'], 1, { input: 'two' }),
      dockerOn(['config', 'create', CFG1, '-'], 1, { input: 'c1' }),
      dockerOn(['config', 'create', CFG2, '-'], 1, { input: 'c2' }),
      dockerOn(['network', 'create', '-d', 'overlay', NET1]),
      dockerOn(['network', 'create', '-d', 'overlay', NET2]),
    ]);
    await Promise.all([
      dockerOn(['service', 'create', '-d', '-q', '--name', SVC, ...R0, '--network', NET1, '--generic-resource', 'gpu=1', 'busybox', 'sleep', '600']),
      dockerOn(['service', 'create', '-d', '-q', '--name', GLOBAL, '--mode', 'global', '--constraint', 'node.labels.berth-none==1', 'busybox', 'sleep', '600']),
    ]);
    t.remember(SVC, GLOBAL);
  }, 120_000);

  afterAll(async () => {
    await t.stop();
    await dockerOn(['secret', 'rm', SEC1, SEC2]).catch(() => undefined);
    await dockerOn(['config', 'rm', CFG1, CFG2]).catch(() => undefined);
    await dockerOn(['network', 'rm', NET1, NET2]).catch(() => undefined);
    rmSync(TMP, { recursive: true, force: true });
  }, 120_000);

  // [tag, base flags of create, update flags, options]
  type Case = [string, string[], string[], { u?: Unordered; pre?: string[][]; tail?: string[]; run?: RunOptions }?];
  const cases = (): Case[] => [
    ['nothing', R0, ['-d']],
    ['env', [...R0, '-e', 'A=1', '-e', 'B=2', '-e', 'D'], ['-d', '--env-add', 'C=3', '--env-add', 'A=9', '--env-rm', 'B', '--env-rm', 'D'], { u: { env: true } }],
    ['env-rm', [...R0, '-e', 'A=1', '-e', 'B=2'], ['-d', '--env-rm', 'A']],
    ['labels', [...R0, '-l', 'a=1', '-l', 'b=2', '--container-label', 'c=3'], ['-d', '--label-add', 'z=1', '--label-rm', 'a', '--container-label-add', 'd=4', '--container-label-rm', 'c', '--container-label-rm', 'nope']],
    ['labels-new', R0, ['-d', '--container-label-add', 'k', '--label-rm', 'x']],
    ['image', R0, ['-d', '--image', 'busybox:latest']],
    ['image-noresolve', R0, ['-d', '--image', 'busybox', '--no-resolve-image']],
    ['image-digest', R0, ['-d', '--image', `busybox@sha256:${'12'.repeat(32)}`]],
    ['args', R0, ['-d', '--args', 'sleep "3 00"']],
    ['args-empty', R0, ['-d', '--args', '']],
    ['entrypoint', R0, ['-d', '--entrypoint', 'sh -c']],
    ['misc', R0, ['-d', '--workdir', '/tmp', '--user', 'nobody', '--hostname', 'h', '--init', '--isolation', 'default', '--tty', '--read-only', '--stop-signal', 'SIGINT', '--stop-grace-period', '3s']],
    ['misc-off', [...R0, '--init', '-t', '--read-only', '-w', '/x', '--hostname', 'h'], ['-d', '--init=false', '--tty=false', '--read-only=false', '--workdir', '', '--hostname', '']],
    ['mounts', [...R0, '--mount', 'type=volume,dst=/a', '--mount', 'type=tmpfs,dst=/b', '--mount', 'type=bind,src=/tmp,dst=/z'], ['-d', '--mount-add', 'type=bind,src=/tmp,dst=/c', '--mount-add', 'type=volume,src=v,dst=/a', '--mount-rm', '/b']],
    ['resources', R0, ['-d', '--limit-cpu', '1', '--limit-memory', '32m', '--limit-pids', '10', '--reserve-cpu', '0.1', '--reserve-memory', '1m']],
    ['resources-reset', [...R0, '--limit-cpu', '1', '--reserve-memory', '8m'], ['-d', '--limit-cpu', '0', '--reserve-memory', '0']],
    ['generic', [...R0, '--generic-resource', 'gpu=1', '--generic-resource', 'fpga=2'], ['-d', '--generic-resource-add', 'tpu=3', '--generic-resource-rm', 'fpga'], { u: { generic: true } }],
    ['restart', R0, ['-d', '--restart-condition', 'none', '--restart-delay', '1s', '--restart-max-attempts', '3', '--restart-window', '10s']],
    ['restart-one', [...R0, '--restart-condition', 'on-failure'], ['-d', '--restart-max-attempts', '1']],
    ['placement', [...R0, '--constraint', 'node.role==worker', '--constraint', 'node.labels.b==1', '--placement-pref', 'spread=node.id'], ['-d', '--constraint-add', 'node.labels.a==b', '--constraint-rm', 'node.role==worker', '--placement-pref-add', 'spread=node.labels.x', '--placement-pref-rm', 'spread=node.id', '--replicas-max-per-node', '2']],
    ['replicas', ['--replicas', '1', '--constraint', 'node.labels.berth-none==1'], ['-d', '--replicas', '0x3', '--replicas-max-per-node', '0']],
    ['update-cfg', R0, ['-d', '--update-parallelism', '3', '--update-delay', '2s', '--update-monitor', '1s', '--update-failure-action', 'continue', '--update-max-failure-ratio', '0.3', '--update-order', 'start-first']],
    ['update-cfg2', [...R0, '--update-delay', '5s'], ['-d', '--update-parallelism', '0']],
    ['rollback-cfg', [...R0, '--rollback-delay', '1s'], ['-d', '--rollback-parallelism', '0', '--rollback-monitor', '2s', '--rollback-max-failure-ratio', '0.7', '--rollback-failure-action', 'continue', '--rollback-order', 'start-first']],
    ['endpoint', R0, ['-d', '--endpoint-mode', 'dnsrr']],
    ['groups', [...R0, '--group', 'b', '--group', 'a'], ['-d', '--group-add', 'c', '--group-add', 'a', '--group-rm', 'b']],
    ['publish', [...R0, '-p', 'mode=host,published=8080,target=80', '-p', 'mode=host,published=8081,target=81'], ['-d', '--publish-add', 'mode=host,published=9090,target=90/udp', '--publish-rm', '80', '--publish-rm', 'target=81,mode=host', '--publish-add', 'mode=host,target=82,protocol=udp']],
    ['publish-auto', R0, ['-d', '--publish-add', '83', '--publish-add', 'target=84,protocol=sctp']],
    ['dns', [...R0, '--dns', '1.1.1.1', '--dns-search', 'a.com', '--dns-option', 'ndots:1', '--host', 'a:1.2.3.4', '--host', 'c:1.2.3.4'], ['-d', '--dns-add', '8.8.8.8', '--dns-add', '1.1.1.1', '--dns-rm', '9.9.9.9', '--dns-search-add', 'b.com', '--dns-option-add', 'debug', '--dns-option-rm', 'ndots:1', '--host-add', 'b:5.6.7.8', '--host-rm', 'a', '--host-rm', 'c:9.9.9.9']],
    ['dns-rm-all', [...R0, '--dns', '1.1.1.1'], ['-d', '--dns-rm', '1.1.1.1']],
    ['logs', R0, ['-d', '--log-driver', 'json-file', '--log-opt', 'max-size=1m']],
    ['logs-opt-only', [...R0, '--log-driver', 'json-file'], ['-d', '--log-opt', 'max-size=1m']],
    ['health', R0, ['-d', '--health-cmd', 'true', '--health-interval', '2s', '--health-retries', '2', '--health-timeout', '1s', '--health-start-period', '1s']],
    ['no-health', [...R0, '--health-cmd', 'true'], ['-d', '--no-healthcheck']],
    ['health-after-none', [...R0, '--no-healthcheck'], ['-d', '--health-retries', '3']],
    ['health-cmd-empty', [...R0, '--health-cmd', 'true', '--health-retries', '1'], ['-d', '--health-cmd', '']],
    ['caps', [...R0, '--cap-add', 'NET_ADMIN', '--cap-drop', 'CHOWN'], ['-d', '--cap-add', 'chown', '--cap-drop', 'net_admin', '--cap-add', 'sys_time']],
    ['caps-reset', [...R0, '--cap-add', 'NET_ADMIN', '--cap-drop', 'CHOWN'], ['-d', '--cap-add', 'RESET', '--cap-drop', 'reset', '--cap-drop', 'all']],
    ['sysctl-ulimit', [...R0, '--sysctl', 'a.b=1', '--ulimit', 'nofile=10:20'], ['-d', '--sysctl-add', 'c.d=2', '--sysctl-rm', 'a.b', '--ulimit-add', 'nproc=5', '--ulimit-rm', 'nofile']],
    ['secrets', [...R0, '--secret', SEC1], ['-d', '--secret-add', `src=${SEC2},target=t2`, '--secret-rm', SEC1]],
    ['secrets-keep', [...R0, '--secret', SEC1], ['-d', '--secret-add', SEC2], { u: { secrets: true } }],
    ['configs', [...R0, '--config', CFG1], ['-d', '--config-add', CFG2, '--config-rm', CFG1]],
    ['networks', [...R0, '--network', NET1], ['-d', '--network-add', `name=${NET2},alias=x`, '--network-rm', NET1]],
    ['networks-add', R0, ['-d', '--network-add', NET1, '--network-add', NET2]],
    ['cred-spec', R0, ['-d', '--credential-spec', `config://${CFG1}`]],
    ['cred-spec-keep', [...R0, '--credential-spec', `config://${CFG1}`], ['-d', '--config-add', CFG2], { u: { configs: true } }],
    ['cred-spec-same', [...R0, '--credential-spec', `config://${CFG1}`], ['-d', '--credential-spec', `config://${CFG1}`]],
    ['cred-none', [...R0, '--credential-spec', `config://${CFG1}`], ['-d', '--credential-spec', '']],
    ['cred-reg', R0, ['-d', '--credential-spec', 'registry://r']],
    ['force', R0, ['-d', '--force']],
    ['force-twice', R0, ['-d', '--force'], { pre: [['--force']] }],
    ['quiet', R0, ['-d', '-q', '--force']],
    ['rollback', R0, ['-d', '--rollback'], { pre: [['--env-add', 'X=1', '--label-add', 'l=1']] }],
    ['rollback-quiet', R0, ['--rollback', '-q', '--detach'], { pre: [['--args', 'sleep 5']] }],
    ['job', ['--mode', 'replicated-job', '--replicas', '0'], ['-d', '--max-concurrent', '2', '--env-add', 'J=1'], { tail: ['busybox', 'true'] }],
    ['odd-values', R0, ['-d', '--replicas', '0b0', '--update-delay', '1.5h', '--stop-grace-period', '-1s', '--entrypoint', '#', '--placement-pref-add', 'spread=', '--generic-resource-add', '=1', '--mount-add', 'type=tmpfs,src=/a,dst=/y', '--publish-add', '0:80', '--restart-window', '0s']],
    ['odd-removals', [...R0, '-e', 'A=1', '-l', 'x=1'], ['-d', '--env-rm', 'A=1', '--label-rm', 'x=1', '--mount-rm', '', '--secret-rm', 'nope', '--config-rm', 'nope', '--constraint-rm', 'x', '--sysctl-rm', 'x=y', '--ulimit-rm', 'nofile=1']],
    // below API 1.28 the client rolls back itself (the previous spec, registryAuthFrom=previous-spec); below 1.29 it does not wait
    ['rollback-client', R0, ['--rollback'], { pre: [['--env-add', 'X=1']], run: { env: { DOCKER_API_VERSION: '1.27' } } }],
    ['old-api', R0, ['--env-add', 'Y=2', '--publish-add', 'mode=host,target=85'], { run: { env: { DOCKER_API_VERSION: '1.25' } } }],
  ];

  it('updates services as docker does', async () => {
    const list = cases();
    const failures: unknown[] = [];
    for (let i = 0; i < list.length; i += 8) {
      const settled = await Promise.allSettled(list.slice(i, i + 8).map(([tag, base, flags, o]) => updateTwins(t, tag, base, flags, { u: o?.u, pre: o?.pre, tail: o?.tail, run: o?.run })));
      for (const r of settled) if (r.status === 'rejected') failures.push(r.reason);
    }
    // every differing case reported, not only the first
    if (failures.length > 0) throw new AggregateError(failures, failures.map((f) => String((f as Error).message)).join('\n\n'));
  }, 240_000);

  it('--with-registry-auth sends the credentials of the service\'s image', async () => {
    const cfg = mkdtempSync(join(TMP, 'cfg-'));
    const auth = Buffer.from('someone:secret').toString('base64');
    writeFileSync(join(cfg, 'config.json'), JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth }, 'localhost:5000': { auth: Buffer.from('u2:p2').toString('base64') } } }));
    const run = { env: { DOCKER_CONFIG: cfg } };
    await Promise.all([
      updateTwins(t, 'auth', R0, ['-d', '--with-registry-auth', '--force'], { run }),
      updateTwins(t, 'auth2', R0, ['-d', '--with-registry-auth', '--image', 'localhost:5000/x/y:1'], { run }),
    ]);
  });

  it('pins a new image to the digest the registry answers', async () => {
    const digest = `sha256:${'ef'.repeat(32)}`;
    t.proxy.fake = (req) => {
      if (!/\/distribution\/[^/]+\/json/.test(req.url ?? '')) return undefined;
      return { status: 200, body: JSON.stringify({ Descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', digest, size: 1 }, Platforms: [{ architecture: 'amd64', os: 'linux' }, { architecture: 'arm', os: 'linux', variant: 'v6' }] }) };
    };
    try {
      await Promise.all([updateTwins(t, 'pin', R0, ['-d', '--image', 'busybox']), updateTwins(t, 'pin2', R0, ['-d', '--env-add', 'NOIMAGE=1'])]);
    } finally {
      t.proxy.fake = undefined;
    }
  });

  describe('errors', () => {
    // [flags, service]
    const errorCases = (): [string[], string][] => [
      [['--replicas', '2'], GLOBAL],
      [['--rollback', '--force'], SVC],
      [['--rollback', '--env-add', 'A=1', '-d'], SVC],
      [['--rollback', '-d'], SVC],
      [['--network-add', `${TAG}-nonet`], SVC],
      [['--network-rm', `${TAG}-nonet`], SVC],
      [['--network-add', NET1], SVC],
      [['--network-add', `name=${NET1},alias=a`], SVC],
      [['--secret-add', `${TAG}-nope`], SVC],
      [['--secret-add', SEC1, '--secret-add', `src=${SEC2},target=${SEC1}`], SVC],
      [['--config-add', `${TAG}-nope`], SVC],
      [['--credential-spec', `config://${TAG}-nope`], SVC],
      [['--mount-add', 'type=tmpfs,dst=/a', '--mount-add', 'type=volume,dst=/a'], SVC],
      [['--generic-resource-rm', 'fpga'], SVC],
      [['--generic-resource-add', 'gpu'], SVC],
      [['--generic-resource-add', 'gpu=x'], SVC],
      [['--no-healthcheck', '--health-cmd', 'x'], SVC],
      [['--health-interval', '-1s'], SVC],
      [['--update-delay', 'x'], SVC],
      [['--replicas', 'x'], SVC],
      [['--replicas', '-1'], SVC],
      [['--update-max-failure-ratio', 'z'], SVC],
      [['--publish-add', 'x'], SVC],
      [['--publish-rm', 'target=80,mode=bogus'], SVC],
      [['--mount-add', 'type=bind'], SVC],
      [['--mount-add', 'foo=bar,dst=/a'], SVC],
      [['--placement-pref-add', 'zone=x'], SVC],
      [['--placement-pref-rm', 'x'], SVC],
      [['--args', "'sh"], SVC],
      [['--entrypoint', 'sh\\'], SVC],
      [['--credential-spec', 'bogus'], SVC],
      [['--host-add', 'bad'], SVC],
      [['--dns-add', 'x'], SVC],
      [['--dns-search-add', '-x-'], SVC],
      [['--env-add', '=x'], SVC],
      [['--label-add', '=x'], SVC],
      [['--ulimit-add', 'nofile=2:1'], SVC],
      [['--limit-memory', 'x'], SVC],
      [['--oom-score-adj', '1'], SVC],
      [['--health-start-interval', '1s'], SVC],
      [['--label-rm'], SVC],
      [['--bogus'], SVC],
      [[], `${TAG}-nosuch`],
      [['--force'], `${TAG}-nosuch`],
    ];

    it('client-side validations and engine errors', async () => {
      const list = errorCases();
      for (let i = 0; i < list.length; i += 10) {
        await Promise.all(
          list.slice(i, i + 10).map(async ([flags, svc]) => {
            const { docker: d, berth: b } = await bothOn(['service', 'update', '-d', ...flags, svc]);
            expect({ flags, ...b }).toEqual({ flags, ...d });
          }),
        );
      }
    }, 120_000);

    it('content trust: a new image is resolved through notary (which fails here as docker\'s does)', async () => {
      const cfg = mkdtempSync(join(TMP, 'trust-'));
      for (const flags of [['--image', 'busybox'], ['--image', 'busybox:latest', '--env-add', 'T=1']]) {
        const { docker: d, berth: b } = await bothOn(['service', 'update', '-d', ...flags, SVC], 1, { env: { DOCKER_CONTENT_TRUST: '1', DOCKER_CONFIG: cfg } });
        expect({ flags, ...b }).toEqual({ flags, ...d });
      }
    });

    it('argument counts, help, and an engine that is not a swarm manager', async () => {
      const cases: [string[], string?][] = [
        [['service', 'update']],
        [['service', 'update', '-d']],
        [['service', 'update', 'a', 'b']],
        [['service', 'update', '--help']],
        [['service', 'update', '-d', 'x'], PLAIN_ENGINE],
        [['service', 'update', '--rollback', 'x'], PLAIN_ENGINE],
        [['service', 'update', '--help'], PLAIN_ENGINE],
        [['service', 'create', '--help'], PLAIN_ENGINE],
      ];
      for (const [args, host] of cases) {
        const { docker: d, berth: b } = host ? await both(args, { env: { DOCKER_HOST: host } }) : await bothOn(args);
        expect({ args, ...b }).toEqual({ args, ...d });
      }
    });

    it('an older API version refuses newer flags and hides them in help', async () => {
      const cases: string[][] = [
        ['--init', SVC],
        ['--network-add', 'x', '--config-rm', 'y', SVC],
        ['-d', '--rollback', SVC],
        ['--help'],
      ];
      for (const flags of cases) {
        const { docker: d, berth: b } = await bothOn(['service', 'update', ...flags], 1, { env: { DOCKER_API_VERSION: '1.24' } });
        expect({ flags, ...b }).toEqual({ flags, ...d });
      }
      const { docker: d, berth: b } = await bothOn(['service', 'create', '--help'], 1, { env: { DOCKER_API_VERSION: '1.24' } });
      expect(b).toEqual(d);
    });
  });
});
