// Differential tests of `swarm` (init, join, join-token, leave, update, unlock, unlock-key, ca)
// against the reference docker CLI. Help and bad input run on the plain engine (no swarm);
// read-only verbs on the suite's shared swarm (bothOn). Init, join, leave and CA rotation
// change membership or the cluster's CA, so each CLI runs the same flow on nodes of its own
// (privateNodes), and the two transcripts are compared with what is inherently random (node
// IDs, join tokens, unlock keys, certificate digests and PEM text) replaced by placeholders.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asBerth, berth, both, docker, HOST, type Result, type RunOptions } from './harness.js';
import { execFileSync } from 'node:child_process';
import { bothOn, privateNodes, SWARM_DIR, SWARM_NS, swarmSkipReason } from './swarm-harness.js';
import { ROOT } from './harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/swarm: skipped: ${reason}`);

const CONFIG = mkdtempSync(join(tmpdir(), 'berth-swarm-cfg-'));
const env = { DOCKER_CONFIG: CONFIG };
const PLAIN: RunOptions = { env: { ...env, DOCKER_HOST: HOST } };
afterAll(() => rmSync(CONFIG, { recursive: true, force: true }));

/** docker's text as berth prints it: the program's name where docker's output names itself */
function named(s: string): string {
  return asBerth(s)
    .replace(/^ {4}docker swarm join /gm, '    berth swarm join ')
    .replace(/run the `docker swarm unlock`/g, 'run the `berth swarm unlock`');
}

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

async function same(args: string[], o: RunOptions = PLAIN, node?: number): Promise<void> {
  const r = node === undefined ? await both(args, o) : await bothOn(args, node, o);
  const d = { ...plain(r.docker), stdout: named(r.docker.stdout) };
  expect({ args, ...plain(r.berth) }).toEqual({ args, ...d });
}

/** IDs, tokens, keys, digests and certificates: random per swarm, so masked in flows */
function mask(s: string): string {
  return s
    .replace(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g, '<cert>')
    .replace(/SWMTKN-1-[0-9a-z-]+/g, '<token>')
    .replace(/SWMKEY-1-[A-Za-z0-9+/=]+/g, '<key>')
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')
    .replace(/\([0-9a-z]{25}\)/g, '(<node>)');
}

/** consecutive repeated lines (ca's progress repeats the digest line every 200 ms) as one */
function collapse(s: string): string {
  return s
    .split('\n')
    .filter((l, i, a) => i === 0 || l !== a[i - 1])
    .join('\n');
}

describe.skipIf(reason !== '')('swarm help and bad input', () => {
  it('help of the group and of every verb', async () => {
    await Promise.all(
      [[], ['init'], ['join'], ['join-token'], ['leave'], ['update'], ['unlock'], ['unlock-key'], ['ca']].map((v) => same(['swarm', ...v, '--help'])),
    );
    await same(['swarm']);
    await same(['swarm', 'bogus']);
    // update with no flag shows its help
    await same(['swarm', 'update']);
  });

  it('flag and argument errors', async () => {
    writeFileSync(join(CONFIG, 'notpem'), 'not a certificate\n');
    const cases = [
      ['init', '--bogus'],
      ['init', '--listen-addr', 'foo://x'],
      ['init', '--listen-addr', 'x:abc'],
      ['init', '--listen-addr', '[::1'],
      ['init', '--default-addr-pool', 'x'],
      ['init', '--default-addr-pool', '10.0.0.1/8,zz'],
      ['init', '--data-path-port', 'x'],
      ['init', '--data-path-port', '99999999999'],
      ['init', '--task-history-limit', '1.5'],
      ['init', '--max-snapshots', '-1'],
      ['init', '--dispatcher-heartbeat', '5'],
      ['init', '--cert-expiry', 'xx'],
      ['init', '--external-ca', 'foo'],
      ['init', '--external-ca', 'protocol=x'],
      ['init', '--external-ca', 'url=x'],
      ['init', '--external-ca', 'protocol=cfssl'],
      ['init', '--external-ca', 'protocol=cfssl,url=x,cacert=/nonexistent'],
      ['init', '--external-ca', `protocol=cfssl,url=x,cacert=${join(CONFIG, 'notpem')}`],
      ['init', '--availability', 'foo'],
      ['init', 'extra'],
      ['join'],
      ['join', 'a', 'b'],
      ['join', '--availability', 'x', '198.18.0.9:2377'],
      ['join-token'],
      ['join-token', 'foo'],
      ['leave', 'x'],
      ['unlock', 'x'],
      ['unlock-key', '--bogus'],
      ['update', '--snapshot-interval', 'x'],
      ['ca', '--cert-expiry', 'xx'],
      ['ca', '--ca-cert', '/nonexistent'],
      ['ca', '--ca-key', join(CONFIG, 'notpem')],
      ['ca', '-q', 'x'],
    ];
    await Promise.all(cases.map((c) => same(['swarm', ...c])));
  });

  it('verbs on an engine that is in no swarm', async () => {
    const cases = [
      ['join-token', 'worker'],
      ['join-token', '-q', '--rotate', 'manager'],
      ['leave'],
      ['update', '--autolock'],
      ['unlock'],
      ['unlock-key'],
      ['unlock-key', '--rotate'],
      ['ca'],
      ['ca', '--cert-expiry', '5h'],
      ['ca', '--rotate', '-d'],
    ];
    await Promise.all(cases.map((c) => same(['swarm', ...c])));
  });
});

describe.skipIf(reason !== '')('swarm on the shared swarm (read-only, or restored)', () => {
  const o: RunOptions = { env };
  it('join-token, unlock-key, ca, and what a manager refuses', async () => {
    const cases = [
      ['join-token', 'worker'],
      ['join-token', 'manager'],
      ['join-token', '-q', 'worker'],
      ['join-token', '--quiet', 'manager'],
      ['unlock-key'],
      ['unlock-key', '-q', '--rotate'],
      ['unlock'],
      ['ca'],
      ['ca', '--ca-cert', '/etc/hostname'],
      ['ca', '--rotate', '--external-ca', 'protocol=cfssl,url=https://ca.invalid'],
      ['init'],
      ['join', '198.18.0.2:2377'],
      ['leave'],
    ];
    await Promise.all(cases.map((c) => same(['swarm', ...c], o, 1)));
  });

  it('what a worker refuses', async () => {
    const cases = [['join-token', 'worker'], ['unlock'], ['unlock-key'], ['ca'], ['update', '--task-history-limit', '3'], ['init']];
    await Promise.all(cases.map((c) => same(['swarm', ...c], o, 2)));
  });

  it('update changes only the flags given (values restored after)', async () => {
    const inspect = async (): Promise<string> => (await docker(['info', '--format', '{{json .Swarm.Cluster.Spec}}'], { env: { ...env, DOCKER_HOST: process.env.BERTH_SWARM_NODE1 ?? '' } })).stdout;
    const before = await inspect();
    try {
      for (const args of [
        ['--task-history-limit', '7'],
        ['--dispatcher-heartbeat', '7s', '--snapshot-interval', '12000'],
        ['--cert-expiry', '1000h', '--max-snapshots', '2'],
      ]) {
        const node1 = { env: { ...env, DOCKER_HOST: process.env.BERTH_SWARM_NODE1 } };
        const d = await docker(['swarm', 'update', ...args], node1);
        const afterDocker = await inspect();
        // back, so that berth starts from the same spec
        await docker(['swarm', 'update', '--task-history-limit', '5', '--dispatcher-heartbeat', '5s', '--snapshot-interval', '10000', '--cert-expiry', '2160h', '--max-snapshots', '0'], node1);
        const b = await berth(['swarm', 'update', ...args], node1);
        const afterBerth = await inspect();
        expect({ args, ...plain(b) }).toEqual({ args, ...plain(d), stdout: named(d.stdout) });
        expect(afterBerth).toEqual(afterDocker);
        await docker(['swarm', 'update', '--task-history-limit', '5', '--dispatcher-heartbeat', '5s', '--snapshot-interval', '10000', '--cert-expiry', '2160h', '--max-snapshots', '0'], node1);
      }
    } finally {
      expect(await inspect()).toEqual(before);
    }
  });
});

/** runs `cli` with DOCKER_HOST set to `host` */
function on(cli: 'docker' | 'berth', host: string, args: string[], input?: string): Promise<Result> {
  const o: RunOptions = { env: { ...env, DOCKER_HOST: host }, timeoutMs: 90_000, input };
  return cli === 'docker' ? docker(args, o) : berth(args, o);
}

/** init, join-token, join, autolock, ca rotation, leave: one CLI's transcript on its own two nodes */
async function flow(cli: 'docker' | 'berth', hosts: string[]): Promise<string[]> {
  const [n1, n2] = hosts as [string, string];
  const out: string[] = [];
  const step = async (host: string, args: string[], input?: string): Promise<Result> => {
    const r = await on(cli, host, args, input);
    const text = (s: string): string => (cli === 'docker' ? named(s) : s);
    out.push(`$ ${mask(args.join(' '))}\nexit ${r.code}\n${mask(collapse(text(r.stdout)))}--\n${mask(text(r.stderr))}`);
    return r;
  };
  await step(n1, ['swarm', 'init', '--advertise-addr', '198.18.0.1', '--autolock', '--task-history-limit', '3', '--default-addr-pool', '10.20.0.0/16', '--default-addr-pool-mask-length', '26']);
  await step(n1, ['swarm', 'init', '--advertise-addr', '198.18.0.1']);
  await step(n1, ['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Nodes}} {{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}} {{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}']);
  const token = (await on(cli, n1, ['swarm', 'join-token', '-q', 'worker'])).stdout.trim();
  await step(n1, ['swarm', 'unlock-key', '--rotate']);
  await step(n1, ['swarm', 'update', '--autolock=false']);
  await step(n1, ['swarm', 'unlock-key']);
  await step(n1, ['swarm', 'update', '--autolock']);
  await step(n2, ['swarm', 'join', '--token', 'SWMTKN-1-bogus', '198.18.0.1:2377']);
  await step(n2, ['swarm', 'join', '--token', token, '--advertise-addr', '198.18.0.2', '--availability', 'Active', '198.18.0.1:2377']);
  await step(n2, ['swarm', 'unlock'], 'whatever\n');
  await step(n1, ['swarm', 'join-token', '--rotate', 'worker']);
  await step(n1, ['swarm', 'ca', '--rotate']);
  await step(n1, ['swarm', 'ca', '--rotate', '-q']);
  await step(n1, ['swarm', 'ca', '--rotate', '--detach']);
  await step(n2, ['swarm', 'leave']);
  await step(n2, ['swarm', 'leave']);
  await step(n1, ['swarm', 'leave']);
  await step(n1, ['swarm', 'leave', '--force']);
  await step(n1, ['info', '--format', '{{.Swarm.LocalNodeState}}']);
  return out;
}

describe.skipIf(reason !== '')('swarm init, join, leave and ca --rotate on nodes of their own', () => {
  it('docker and berth run the same flow on two node sets', async () => {
    const sets = [privateNodes('d', 2), privateNodes('b', 2)];
    try {
      const [d, b] = await Promise.all([flow('docker', sets[0]!.hosts), flow('berth', sets[1]!.hosts)]);
      expect(b).toEqual(d);
      // the flow did what it is meant to (not only failed the same way)
      const all = d.join('\n');
      for (const text of ['Swarm initialized: current node (<node>) is now a manager.', 'This node joined a swarm as a worker.', 'desired root digest: sha256:<digest>', 'Successfully rotated worker join token.', 'Node left the swarm.', 'To unlock a swarm manager']) {
        expect(all).toContain(text);
      }
    } finally {
      for (const s of sets) s.down();
    }
  }, 240_000);
});

/** restarts a private node's dockerd (an autolocked manager comes back locked) */
function restart(tag: string, i: number): void {
  const e = { ...process.env, BERTH_SWARM_DIR: `${SWARM_DIR}-${tag}`, BERTH_SWARM_NS: `${SWARM_NS}${tag}`, BERTH_SWARM_NODES: '1' };
  for (const verb of ['stop', 'start']) execFileSync('bash', [join(ROOT, 'scripts', 'swarm.sh'), verb, String(i)], { env: e, stdio: 'ignore', timeout: 120_000 });
}

describe.skipIf(reason !== '')('swarm unlock of a locked manager', () => {
  it('reads the key from stdin: a wrong key, then the right one', async () => {
    const set = privateNodes('u', 1);
    const [n1] = set.hosts as [string];
    try {
      expect((await on('docker', n1, ['swarm', 'init', '--advertise-addr', '198.18.0.1', '--autolock'])).code).toBe(0);
      const key = (await on('docker', n1, ['swarm', 'unlock-key', '-q'])).stdout.trim();
      const o: RunOptions = { env: { ...env, DOCKER_HOST: n1 } };
      for (const cli of ['docker', 'berth'] as const) {
        restart('u', 1);
        expect((await on('docker', n1, ['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout).toBe('locked\n');
        // locked: what needs the cluster fails, unlock with a wrong key fails, the right key unlocks
        await same(['swarm', 'join-token', 'worker'], o);
        await same(['swarm', 'unlock-key'], o);
        await same(['swarm', 'unlock'], { ...o, input: 'SWMKEY-1-wrongwrongwrongwrongwrongwrongwrongwrongwrong\n' });
        await same(['swarm', 'unlock'], { ...o, input: '' });
        const r = await on(cli, n1, ['swarm', 'unlock'], `  ${key}  \n`);
        expect({ cli, ...plain(r) }).toEqual({ cli, code: 0, stdout: '', stderr: '' });
        await same(['info', '--format', '{{.Swarm.LocalNodeState}}'], o);
        await same(['swarm', 'unlock'], { ...o, input: `${key}\n` });
      }
    } finally {
      set.down();
    }
  }, 180_000);
});
