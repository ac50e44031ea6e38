// Differential tests of the swarm read verbs: `service ls`, `service ps`, `service inspect`
// (JSON, templates, --pretty), `service rm` and `node ps`, against the reference docker CLI on
// the three-node test swarm (scripts/swarm.sh). The services are created by the oracle with
// labels and names unique to this run, and cover what the listings and --pretty template
// print: replicated with a per-node maximum, global, both job modes, published ports (ingress
// ranges and host mode), mounts, secrets, configs, an overlay network, healthchecks, update
// and rollback configs, resources, a failing task. A last part stops node3 and compares the
// task history while the swarm reschedules, then starts it again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, both, docker, settled, uniqueName, HOST, type Result } from './harness.js';
import { dockerOn, onNode, swarmScript, swarmSkipReason } from './swarm-harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/service-read: skipped: ${reason}`);

const TAG = uniqueName('bsr');
const LABEL = `berth.test=${TAG}`;
const WEB = `${TAG}-web`;
const GLOB = `${TAG}-glob`;
const SEC = `${TAG}-sec`;
const JOB = `${TAG}-job`;
const GJOB = `${TAG}-gjob`;
const FAIL = `${TAG}-fail`;
/** a service no node can take: its task stays pending, with no node and a scheduling error */
const PEND = `${TAG}-pend`;
const SECRET = `${TAG}-secret`;
const CONFIG = `${TAG}-config`;
const NET = `${TAG}-net`;
const VOL = `${TAG}-vol`;
const SERVICES = [WEB, GLOB, SEC, JOB, GJOB, FAIL, PEND];
// published ports of this run (ingress ports are swarm-wide)
const PORT = 20000 + (process.pid % 2000) * 4;

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

/** the task table's short relative times, lower-cased ("running about a minute ago"), which settled() does not mask */
const TASK_DURATION = /\b(less than a second|\d+ seconds?|about a minute)\b/g;
const maskTimes = (r: Result): Result => {
  const m = (t: string): string => (t.search(TASK_DURATION) >= 0 ? t.replace(TASK_DURATION, '<seconds>').replace(/ {2,}/g, '  ') : t);
  return { code: r.code, stdout: m(r.stdout), stderr: m(r.stderr) };
};

/**
 * both CLIs on a node, retried while times straddle a second; the three streams compared
 * (when they still differ, with the task table's short durations masked on both sides)
 */
async function same(args: string[], node = 1, env?: Record<string, string>): Promise<void> {
  let { docker: d, berth: b } = await settled(args, onNode(node, { env }));
  if (JSON.stringify(plain(d)) !== JSON.stringify(plain(b))) [d, b] = [maskTimes(d), maskTimes(b)];
  expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

/** the cases a few at a time: more at once slow both CLIs enough that times straddle seconds */
async function allSame(cases: string[][], node = 1, env?: Record<string, string>): Promise<void> {
  const queue = [...cases];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) await same(c, node, env);
  };
  await Promise.all([worker(), worker(), worker()]);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** polls the oracle's output until `ok` holds (throws after `ms`) */
async function until(args: string[], ok: (out: string) => boolean, what: string, ms = 90_000, node = 1): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    const r = await docker(args, onNode(node));
    last = r.stdout + r.stderr;
    if (r.code === 0 && ok(r.stdout)) return r.stdout;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}: ${last}`);
}

function converged(out: string): boolean {
  const lines = out.split('\n');
  const want = [`${WEB} 3/3 (max 2 per node)`, `${GLOB} 3/3`, `${SEC} 1/1`, `${FAIL} 0/1`, `${PEND} 0/1`];
  // a job's desired count may stay at its total once it has completed
  return want.every((w) => lines.includes(w)) && lines.some((l) => l.startsWith(`${JOB} 0/`) && l.endsWith('(2/2 completed)')) && lines.includes(`${GJOB} 0/0 (3/3 completed)`);
}

let webId = '';
const nodeIds: Record<string, string> = {};
let cfgDir = '';

describe.skipIf(reason !== '')('swarm read verbs match docker', () => {
  beforeAll(async () => {
    await dockerOn(['network', 'create', '-d', 'overlay', '--label', LABEL, NET]);
    await dockerOn(['secret', 'create', '--label', LABEL, SECRET, '-'], 1, { input: 's3cr3t' });
    await dockerOn(['config', 'create', '--label', LABEL, CONFIG, '-'], 1, { input: 'cfg' });
    const common = ['service', 'create', '-d', '-q', '--label', LABEL, '--stop-grace-period', '1s'];
    await Promise.all([
      dockerOn([
        ...common, '--name', WEB, '--replicas', '3', '--replicas-max-per-node', '2',
        '-p', `${PORT}:80`, '-p', `${PORT + 1}-${PORT + 2}:9000-9001/udp`,
        '--label', 'tier=front', '--label', 'empty=', '--env', 'FOO=bar', '--env', 'A=b<c',
        '--mount', `type=volume,source=${VOL},target=/data`, '--mount', 'type=tmpfs,target=/tmp/t,readonly',
        '--health-cmd', 'true', '--health-interval', '1s', '--health-retries', '2',
        '--update-delay', '3s', '--update-parallelism', '2', '--update-failure-action', 'continue', '--update-max-failure-ratio', '0.25',
        '--rollback-monitor', '2s', '--rollback-order', 'start-first',
        '--limit-cpu', '0.5', '--limit-memory', '64m', '--limit-pids', '100', '--reserve-memory', '10m',
        '--constraint', 'node.role!=nothing', '--placement-pref', 'spread=node.labels.zone',
        '--workdir', '/tmp', '--user', 'root', '--cap-add', 'NET_ADMIN', '--sysctl', 'net.core.somaxconn=1024',
        '--ulimit', 'nofile=1024:2048', '--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--init',
        'busybox', 'sleep', '1d',
      ]),
      dockerOn([...common, '--name', GLOB, '--mode', 'global', 'busybox', 'sleep', '1d']),
      dockerOn([
        ...common, '--name', SEC, '--secret', SECRET, '--config', `source=${CONFIG},target=/cfg`, '--network', NET,
        '--cap-drop', 'CHOWN', '--reserve-cpu', '0.25', '--restart-condition', 'on-failure', '--restart-max-attempts', '3',
        '--publish', `mode=host,target=81,published=${PORT + 3}`, '--dns', '1.1.1.1', '--hostname', 'h', '--no-healthcheck',
        '--endpoint-mode', 'dnsrr', 'busybox', 'sleep', '1d',
      ]),
      dockerOn([...common, '--name', JOB, '--mode', 'replicated-job', '--replicas', '2', 'busybox', 'true']),
      dockerOn([...common, '--name', GJOB, '--mode', 'global-job', 'busybox', 'true']),
      dockerOn([...common, '--name', PEND, '--constraint', `node.labels.${TAG}==none`, 'busybox', 'sleep', '1d']),
      dockerOn([...common, '--name', FAIL, '--restart-condition', 'none', 'busybox', 'sh', '-c', 'echo failing; exit 3']),
    ]);
    await until(['service', 'ls', '-f', `label=${LABEL}`, '--format', '{{.Name}} {{.Replicas}}'], converged, 'the services to converge', 120_000);
    // the failed task's state is final once it is Failed
    await until(['service', 'ps', '--format', '{{.CurrentState}}', FAIL], (o) => o.startsWith('Failed'), 'the failing task');
    await until(['service', 'ps', '--format', '{{.Error}}', PEND], (o) => o.trim() !== '', 'the scheduling error');
    webId = (await dockerOn(['service', 'inspect', '-f', '{{.ID}}', WEB])).stdout.trim();
    for (const n of ['node1', 'node2', 'node3']) nodeIds[n] = (await dockerOn(['node', 'inspect', '-f', '{{.ID}}', n])).stdout.trim();
    cfgDir = mkdtempSync(join(tmpdir(), 'bsr-cfg-'));
  }, 240_000);

  afterAll(async () => {
    await docker(['service', 'rm', ...SERVICES], onNode(1));
    // the network goes once the tasks are gone
    for (let i = 0; i < 40; i++) {
      if ((await docker(['network', 'rm', NET], onNode(1))).code === 0) break;
      await sleep(500);
    }
    await docker(['secret', 'rm', SECRET], onNode(1));
    await docker(['config', 'rm', CONFIG], onNode(1));
    // and the volume once the task containers are gone from each node
    await Promise.all(
      [1, 2, 3].map(async (n) => {
        for (let i = 0; i < 60; i++) {
          const r = await docker(['volume', 'rm', '-f', VOL], onNode(n));
          if (r.code === 0 && (await docker(['volume', 'ls', '-q', '-f', `name=${VOL}`], onNode(n))).stdout === '') break;
          await sleep(500);
        }
      }),
    );
    if (cfgDir) rmSync(cfgDir, { recursive: true, force: true });
  }, 120_000);

  /** a DOCKER_CONFIG directory holding this config.json */
  function configEnv(name: string, cfg: Record<string, string>): Record<string, string> {
    const d = mkdtempSync(join(cfgDir, `${name}-`));
    writeFileSync(join(d, 'config.json'), JSON.stringify(cfg));
    return { DOCKER_CONFIG: d };
  }

  it('service ls: tables, quiet, json, raw, templates, filters', async () => {
    const f = ['-f', `label=${LABEL}`];
    await allSame([
      ['service', 'ls', ...f],
      ['service', 'list', ...f],
      ['service', 'ls', ...f, '-q'],
      ['service', 'ls', ...f, '--format', 'json'],
      ['service', 'ls', ...f, '--format', 'raw'],
      ['service', 'ls', ...f, '-q', '--format', 'raw'],
      ['service', 'ls', ...f, '--format', 'table {{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Ports}}'],
      ['service', 'ls', ...f, '--format', '{{.ID}} {{.Image}} {{json .}}'],
      ['service', 'ls', ...f, '-f', 'mode=replicated'],
      ['service', 'ls', ...f, '-f', 'mode=global'],
      ['service', 'ls', ...f, '-f', `name=${TAG}-g`],
      ['service', 'ls', ...f, '-f', 'label=tier=front'],
      ['service', 'ls', '-f', `id=${webId.slice(0, 6)}`],
      ['service', 'ls', ...f, '-f', 'bogus=1'],
      ['service', 'ls', ...f, '-f', 'mode=nope'],
      ['service', 'ls', ...f, '--format', '{{.Nope}}'],
      ['service', 'ls', ...f, '--format', '{{'],
      ['service', 'ls', 'extra'],
      ['service', 'ls', '--bogus'],
    ]);
  });

  it('service ls at API 1.40: no ServiceStatus from the engine, counted from the tasks and nodes', async () => {
    await allSame(
      [
        ['service', 'ls', '-f', `label=${LABEL}`],
        ['service', 'ls', '-f', `label=${LABEL}`, '--format', 'json'],
        ['service', 'ps', WEB, GLOB],
      ],
      1,
      { DOCKER_API_VERSION: '1.40' },
    );
  });

  it('service ls: servicesFormat from config.json, not for -q', async () => {
    const env = configEnv('services', { servicesFormat: 'table {{.Name}}\t{{.Replicas}}' });
    await allSame(
      [
        ['service', 'ls', '-f', `label=${LABEL}`],
        ['service', 'ls', '-f', `label=${LABEL}`, '-q'],
      ],
      1,
      env,
    );
  });

  it('service ps: one and several services, by name, ID and prefix, and unknown ones', async () => {
    await allSame([
      ['service', 'ps', WEB],
      ['service', 'ps', WEB, GLOB, SEC],
      ['service', 'ps', JOB, GJOB],
      ['service', 'ps', FAIL],
      ['service', 'ps', webId],
      ['service', 'ps', webId.slice(0, 5)],
      ['service', 'ps', WEB, `${TAG}-nope`],
      ['service', 'ps', `${TAG}-nope`, WEB, `${TAG}-nope2`],
      ['service', 'ps', `${TAG}-nope`],
      ['service', 'ps', `${TAG}-nope`, `${TAG}-nope2`],
      ['service', 'ps'],
    ]);
  });

  it('service ps: flags, formats and filters', async () => {
    await allSame([
      ['service', 'ps', '--no-trunc', WEB, FAIL],
      ['service', 'ps', PEND],
      ['service', 'ps', '--no-trunc', '--format', 'json', PEND],
      ['service', 'ps', '--no-resolve', WEB, GLOB],
      ['service', 'ps', '-q', WEB, GLOB],
      ['service', 'ps', '-q', '--no-trunc', WEB],
      ['service', 'ps', '--format', 'json', WEB],
      ['service', 'ps', '--format', 'raw', FAIL],
      ['service', 'ps', '-q', '--format', 'raw', WEB],
      ['service', 'ps', '--format', '{{.Name}} {{.Node}} {{.DesiredState}} {{.Error}} {{.Ports}}', GLOB, FAIL, SEC],
      ['service', 'ps', '--format', 'table {{.ID}}\t{{.Name}}\t{{.Image}}', '--no-trunc', WEB],
      ['service', 'ps', '-f', 'desired-state=running', WEB, JOB],
      ['service', 'ps', '-f', 'desired-state=shutdown', JOB, FAIL],
      ['service', 'ps', '-f', 'desired-state=bogus', WEB],
      ['service', 'ps', '-f', 'node=self', GLOB],
      ['service', 'ps', '-f', 'node=node2', '-f', 'node=node3', GLOB],
      ['service', 'ps', '-f', `node=${TAG}-nonode`, GLOB],
      ['service', 'ps', '-f', `name=${WEB}.2`, WEB],
      ['service', 'ps', '-f', 'bogus=1', WEB],
      ['service', 'ps', '--format', '{{.Nope}}', WEB],
      // the row context has an Error method: fmt prints it as an error
      ['service', 'ps', '--format', '{{.}}|{{printf "%v" .}}', FAIL, GLOB],
    ]);
  });

  it('service ps: tasksFormat from config.json, not for -q', async () => {
    const env = configEnv('tasks', { tasksFormat: 'table {{.Name}}\t{{.Node}}\t{{.CurrentState}}' });
    await allSame(
      [
        ['service', 'ps', WEB],
        ['service', 'ps', '-q', WEB],
      ],
      1,
      env,
    );
  });

  it('node ps: self by default, several nodes (docker keeps adding to one filter), unknown nodes', async () => {
    const mine = ['-f', `name=${TAG}`];
    await allSame([
      ['node', 'ps', ...mine],
      ['node', 'ps', ...mine, 'self'],
      ['node', 'ps', ...mine, 'node2'],
      ['node', 'ps', ...mine, 'node2', 'self'],
      ['node', 'ps', ...mine, 'node3', 'node2', 'node1'],
      ['node', 'ps', ...mine, nodeIds.node3!],
      ['node', 'ps', ...mine, `${TAG}-nonode`],
      ['node', 'ps', ...mine, `${TAG}-nonode`, 'node3'],
      ['node', 'ps', ...mine, '--no-trunc', 'node2'],
      ['node', 'ps', ...mine, '--no-resolve', 'node2'],
      ['node', 'ps', ...mine, '-q', 'node1'],
      ['node', 'ps', ...mine, '--format', '{{.Name}}\t{{.Image}}\t{{.Node}}', 'node1'],
      ['node', 'ps', ...mine, '--format', 'json', 'node3'],
      ['node', 'ps', ...mine, '-f', 'desired-state=running', 'node1'],
      ['node', 'ps', '-f', 'bogus=x'],
      ['node', 'ps', '--bogus'],
      ['node', 'ps'],
    ]);
  });

  it('node ps and service verbs on a worker and off a swarm: the engine errors', async () => {
    await allSame(
      [
        ['node', 'ps'],
        ['node', 'ps', 'node1'],
        ['service', 'ls'],
        ['service', 'ps', WEB],
        ['service', 'inspect', WEB],
        ['service', 'inspect', '--pretty', WEB],
        ['service', 'rm', WEB],
      ],
      2,
    );
    const plainEngine = async (args: string[]): Promise<void> => {
      const { docker: d, berth: b } = await both(args, { env: { DOCKER_HOST: HOST } });
      expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
    };
    await Promise.all([['node', 'ps'], ['service', 'ls'], ['service', 'ps', 'x']].map(plainEngine));
  });

  it('service inspect: JSON and templates on the typed swarm.Service', async () => {
    await allSame([
      ['service', 'inspect', WEB],
      ['service', 'inspect', WEB, GLOB, SEC, JOB, GJOB, FAIL],
      ['service', 'inspect', '-f', 'json', WEB, SEC],
      ['service', 'inspect', webId],
      ['service', 'inspect', '-f', '{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}} {{.Version.Index}} {{.CreatedAt}}', WEB, GLOB],
      ['service', 'inspect', '-f', '{{json .Spec.TaskTemplate}}', WEB],
      ['service', 'inspect', '-f', '{{.Spec.TaskTemplate.ContainerSpec.Healthcheck.Interval}} {{.Spec.UpdateConfig}} {{.Endpoint.Ports}}', WEB],
      // (not a slice of pointers: Go prints their addresses)
      ['service', 'inspect', '-f', '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{.File}} {{.File.Mode}}{{end}} {{range .Spec.TaskTemplate.ContainerSpec.Configs}}{{.File.Name}}{{end}}', SEC],
      ['service', 'inspect', '-f', '{{.Spec.Mode.ReplicatedJob.TotalCompletions}} {{.JobStatus}}', JOB],
      ['service', 'inspect', '-f', '{{.ServiceStatus}} {{.UpdateStatus}} {{.PreviousSpec}}', WEB],
      ['service', 'inspect', '-f', '{{.Nope}}', WEB],
      ['service', 'inspect', '-f', '{{', WEB],
      ['service', 'inspect', `${TAG}-nope`],
      ['service', 'inspect', `${TAG}-nope`, WEB, `${TAG}-nope2`],
      ['service', 'inspect', '-f', '{{.ID}}', `${TAG}-nope`, WEB],
      ['service', 'inspect', ''],
      ['service', 'inspect'],
    ]);
  });

  it('inspect (system) of a service: the defaults filled in, templates on swarm.Service then the raw map', async () => {
    await allSame([
      ['inspect', WEB, SEC],
      ['inspect', '--type', 'service', GLOB],
      ['inspect', '-f', '{{.Spec.UpdateConfig.Monitor}} {{.Spec.TaskTemplate.RestartPolicy.Delay}} {{.Version}} {{.CreatedAt}}', WEB, JOB],
      ['inspect', '-f', '{{json .Spec.TaskTemplate.ContainerSpec}}', SEC],
      ['inspect', '-f', '{{.Nope}}', WEB],
    ]);
  });

  it('service inspect --pretty: every service, and its errors', async () => {
    await allSame([
      ...SERVICES.map((s) => ['service', 'inspect', '--pretty', s]),
      ['service', 'inspect', '--pretty', WEB, SEC],
      ['service', 'inspect', '--pretty', WEB, `${TAG}-nope`, SEC],
      ['service', 'inspect', '--pretty', '-f', '{{.ID}}', WEB],
      ['service', 'inspect', '-f', 'pretty', GLOB],
      ['service', 'inspect', '-f', 'prettyx', GLOB],
      ['service', 'inspect', '-f', 'raw', GLOB],
      ['service', 'inspect', '-f', 'rawjson', GLOB],
    ]);
  });

  it('service inspect: serviceInspectFormat from config.json', async () => {
    await allSame([['service', 'inspect', SEC]], 1, configEnv('inspect-pretty', { serviceInspectFormat: 'pretty' }));
    await allSame([['service', 'inspect', GLOB]], 1, configEnv('inspect-tmpl', { serviceInspectFormat: '{{.Spec.Name}}' }));
    await allSame([['service', 'inspect', GLOB]], 1, configEnv('inspect-bad', { serviceInspectFormat: 'pretty1' }));
  });

  it('completion: service names, node hostnames and self, nothing for flag values', async () => {
    const cases = [
      ['__complete', 'service', 'ps', ''],
      ['__complete', 'service', 'inspect', WEB, ''],
      ['__complete', 'service', 'rm', 'x'],
      ['__complete', 'service', 'ps', '--format', ''],
      ['__complete', 'service', 'inspect', '-f', ''],
      ['__complete', 'service', 'ls', ''],
      ['__complete', 'node', 'ps', ''],
      ['__complete', 'node', 'ps', '-qf', ''],
    ];
    await allSame(cases);
    await allSame([['__complete', 'node', 'ps', ''], ['__complete', 'service', 'ps', '']], 1, { DOCKER_COMPLETION_SHOW_NODE_IDS: 'yes', DOCKER_COMPLETION_SHOW_SERVICE_IDS: 'yes' });
    // off a manager: cobra's error directive
    await allSame([['__complete', 'service', 'rm', ''], ['__complete', 'node', 'ps', '']], 2);
  });

  it('service rm: several, unknown ones reported after the others, the same exit code', async () => {
    const a = `${TAG}-rm-a`;
    const b = `${TAG}-rm-b`;
    const make = () => Promise.all([a, b].map((n) => dockerOn(['service', 'create', '-d', '-q', '--label', LABEL, '--name', n, 'busybox', 'sleep', '1d'])));
    const args = ['service', 'rm', a, `${TAG}-nope`, b, ''];
    await make();
    const d = await docker(args, onNode(1));
    expect((await docker(['service', 'ls', '-q', '-f', `name=${TAG}-rm`], onNode(1))).stdout).toBe('');
    await make();
    const r = await berth(args, onNode(1));
    expect((await docker(['service', 'ls', '-q', '-f', `name=${TAG}-rm`], onNode(1))).stdout).toBe('');
    expect(plain(r)).toEqual(plain(d));
    await allSame([
      ['service', 'rm'],
      ['service', 'remove', `${TAG}-nope`],
    ]);
  }, 60_000);

  it('an updated and a rolled back service: UpdateStatus, PreviousSpec, older tasks indented', async () => {
    const upd = `${TAG}-upd`;
    await dockerOn(['service', 'create', '-d', '-q', '--label', LABEL, '--name', upd, '--update-delay', '0s', '--update-monitor', '1s', '--rollback-monitor', '1s', '--stop-grace-period', '1s', 'busybox', 'sleep', '1d']);
    try {
      const state = ['service', 'inspect', '-f', '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}} {{.ServiceStatus}}', upd];
      await until(['service', 'ls', '-f', `name=${upd}`, '--format', '{{.Replicas}}'], (o) => o.trim() === '1/1', 'the service to run');
      await dockerOn(['service', 'update', '-d', '-q', '--env-add', 'X=1', upd]);
      await until(state, (o) => o.startsWith('completed '), 'the update to complete');
      await until(['service', 'ps', '-f', 'desired-state=running', '--format', '{{.CurrentState}}', upd], (o) => o.startsWith('Running'), 'the new task');
      const cases = [
        ['service', 'inspect', '--pretty', upd],
        ['service', 'inspect', upd],
        ['service', 'inspect', '-f', '{{.UpdateStatus.State}} {{.UpdateStatus.Message}} {{.PreviousSpec.TaskTemplate.ContainerSpec.Env}}', upd],
        ['service', 'ps', upd],
        ['service', 'ps', '--format', 'raw', upd],
        ['service', 'ps', '--format', 'table {{.Name}}\t{{.DesiredState}}', upd],
        ['service', 'ps', '--format', '{{.Name}} {{.DesiredState}}', upd],
      ];
      await allSame(cases);
      await dockerOn(['service', 'rollback', '-d', '-q', upd]);
      await until(state, (o) => o.startsWith('rollback_completed '), 'the rollback to complete');
      await allSame(cases);
    } finally {
      await docker(['service', 'rm', upd], onNode(1));
    }
  }, 120_000);

  it('service ps: an ID prefix two services share is refused', async () => {
    const ids = (await dockerOn(['service', 'inspect', '-f', '{{.ID}}', ...SERVICES])).stdout.trim().split('\n');
    let prefix = '';
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        let i = 0;
        while (a[i] === b[i]) i++;
        if (i > prefix.length) prefix = a.slice(0, i);
      }
    }
    // with six services two IDs share at least a first character often, not always
    const cases = [['service', 'ps', ids[0]!.slice(0, 3), `${TAG}-nope`]];
    if (prefix !== '') cases.push(['service', 'ps', prefix], ['service', 'ps', WEB, prefix]);
    await allSame(cases);
  });

  describe('a node goes down and comes back', () => {
    afterAll(() => {
      // never leave node3 stopped
      swarmScript('start', '3');
    }, 120_000);

    it('service ps and node ps while node3 is down, and once it is back', async () => {
      swarmScript('stop', '3');
      await until(['node', 'inspect', '-f', '{{.Status.State}}', 'node3'], (o) => o.trim() === 'down', 'node3 down', 90_000);
      // its tasks are rescheduled on node1 and node2 (two per node at most)
      await until(['service', 'ps', '-f', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}', WEB], (o) => {
        const lines = o.trim().split('\n');
        return lines.length === 3 && lines.every((l) => !l.startsWith('node3') && l.includes('Running'));
      }, 'web rescheduled', 90_000);
      await allSame([
        ['service', 'ps', WEB],
        ['service', 'ps', '--no-trunc', WEB, GLOB],
        ['service', 'ls', '-f', `label=${LABEL}`],
        ['node', 'ps', '-f', `name=${TAG}`, 'node3'],
      ]);
      swarmScript('start', '3');
      await until(['node', 'inspect', '-f', '{{.Status.State}}', 'node3'], (o) => o.trim() === 'ready', 'node3 ready', 90_000);
      await until(['node', 'ps', '-f', `name=${TAG}`, '-f', 'desired-state=running', '--format', '{{.Name}} {{.CurrentState}}', 'node3'], (o) =>
        o.split('\n').some((l) => l.startsWith(`${GLOB}.`) && l.includes('Running')), 'the global task back on node3', 90_000);
      await allSame([
        ['service', 'ps', WEB, GLOB],
        ['node', 'ps', '-f', `name=${TAG}`, 'node3'],
        ['service', 'ls', '-f', `label=${LABEL}`],
      ]);
    }, 300_000);
  });
});
