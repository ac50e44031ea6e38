// Differential tests of `node` (ls, inspect, update, promote, demote, rm) and node-name
// completion against the reference docker CLI, on the three-node swarm of scripts/swarm.sh
// (node1 the leader, node2 and node3 workers). Read-only cases run both CLIs side by side;
// changes run first with one CLI, then with the other from the same starting state, and
// what they left is compared. Every change is undone before its case ends (labels removed,
// availability active, node3 a worker again, node3's engine running and Ready).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, settled, type Result, type RunOptions } from './harness.js';
import { dockerOn, onNode, swarmScript, swarmSkipReason } from './swarm-harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/node: skipped: ${reason}`);

const PLAIN_ENGINE = process.env.DOCKER_HOST ?? 'unix:///tmp/berth-engine/docker.sock';

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });
const renamed = (r: Result): Result => ({ code: r.code, stdout: asBerth(r.stdout), stderr: asBerth(r.stderr) });

/** both CLIs on node i (the leader unless told), retried while only the clock differs */
async function same(args: string[], i = 1, o: RunOptions = {}): Promise<void> {
  const { docker: d, berth: b } = await settled(args, onNode(i, o));
  expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** polls docker on the leader until `test` holds of `args`' output */
async function until(args: string[], test: (out: string) => boolean, what: string, timeoutMs = 90_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    const r = await docker(args, onNode(1));
    last = r.stdout + r.stderr;
    if (r.code === 0 && test(r.stdout)) return r.stdout;
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${what}: ${last}`);
}

/** docker on node i, its output (or error) */
const on = async (i: number, args: string[]): Promise<string> => {
  const r = await docker(args, onNode(i));
  return r.code === 0 ? r.stdout.trim() : `error: ${r.stderr.trim()}`;
};

/**
 * the raft holds exactly `managers` members (node1, and node3 when 2), as node1 and node3
 * both see it, and stays so for three polls in a row: a promoted node joins the raft, and a
 * demoted one leaves it, some time after its role reads so, and stopping node3 while it is
 * still a member would leave the swarm without a quorum
 */
async function raftOf(managers: 1 | 2): Promise<void> {
  const want = `${managers} ${managers}`;
  const control = managers === 2 ? 'true' : 'false';
  const end = Date.now() + 120_000;
  let stable = 0;
  let last = '';
  while (Date.now() < end) {
    const [m, c] = await Promise.all([on(1, ['info', '-f', '{{.Swarm.Managers}} {{len .Swarm.RemoteManagers}}']), on(3, ['info', '-f', '{{.Swarm.ControlAvailable}}'])]);
    last = `${m} / ${c}`;
    stable = m === want && c === control ? stable + 1 : 0;
    if (stable >= 3) return;
    await sleep(500);
  }
  throw new Error(`timed out waiting for a raft of ${managers}: ${last}`);
}
const raftOfOne = (): Promise<void> => raftOf(1);

const fmt = (node: string, tmpl: string): Promise<string> => dockerOn(['node', 'inspect', '-f', tmpl, node]).then((r) => r.stdout);

/** a worker (node2, node3) active, with no labels, Ready: the state every case leaves it in */
async function restoreWorker(node: string): Promise<void> {
  const role = await docker(['node', 'inspect', '-f', '{{.Spec.Role}}', node], onNode(1));
  if (role.stdout.trim() === 'manager') {
    await until(['node', 'inspect', '-f', '{{.ManagerStatus.Reachability}}', node], (o) => o.trim() === 'reachable', `${node} reachable`);
    // a manager just promoted may not be demotable until the raft settles
    const end = Date.now() + 60_000;
    while ((await docker(['node', 'demote', node], onNode(1))).code !== 0 && Date.now() < end) await sleep(500);
  }
  await raftOfOne();
  const spec = await fmt(node, '{{.Spec.Availability}}|{{range $k, $v := .Spec.Labels}}{{printf "%q" $k}} {{end}}');
  const [availability, labels] = spec.trim().split('|') as [string, string];
  const rm = labels === '' ? [] : labels.trim().split(' ').flatMap((k) => ['--label-rm', JSON.parse(k) as string]);
  if (availability !== 'active' || rm.length > 0) await docker(['node', 'update', '--availability', 'active', ...rm, node], onNode(1));
  await until(['node', 'inspect', '-f', '{{.Spec.Role}} {{.Status.State}} {{if .ManagerStatus}}m{{end}}', node], (o) => o.trim() === 'worker ready', `${node} a ready worker`);
}

const restoreNode3 = (): Promise<void> => restoreWorker('node3');

describe.skipIf(reason !== '')('node verbs match docker', () => {
  let ids: Record<string, string> = {};
  let cfgDir = '';

  beforeAll(async () => {
    const out = (await dockerOn(['node', 'ls', '--format', '{{.Hostname}} {{.ID}}'])).stdout.trim().split('\n');
    ids = Object.fromEntries(out.map((l) => l.split(' ') as [string, string]));
    cfgDir = mkdtempSync(join(tmpdir(), 'berth-node-cfg-'));
    writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ nodesFormat: 'table {{.Hostname}}\t{{.ManagerStatus}}\t{{.Self}}' }));
  }, 60_000);

  afterAll(async () => {
    if (cfgDir) rmSync(cfgDir, { recursive: true, force: true });
    await restoreWorker('node2');
    await restoreNode3();
  }, 180_000);

  it('node ls: tables, formats, filters, errors', async () => {
    const cases: string[][] = [
      ['node', 'ls'],
      ['node', 'list'],
      ['node', 'ls', '-q'],
      ['node', 'ls', '--quiet', '--format', '{{.Hostname}}'],
      ['node', 'ls', '--format', 'json'],
      ['node', 'ls', '--format', 'raw'],
      ['node', 'ls', '-q', '--format', 'raw'],
      ['node', 'ls', '--format', 'table {{.ID}}\t{{.Self}}\t{{.TLSStatus}}\t{{.EngineVersion}}'],
      ['node', 'ls', '--format', '{{json .}}'],
      ['node', 'ls', '--format', '{{.Hostname}}: {{.Status}} {{.Availability}} [{{.ManagerStatus}}]'],
      ['node', 'ls', '--format', '{{.Nope}}'],
      ['node', 'ls', '--format', '{{.Hostname'],
      ['node', 'ls', '-f', 'role=manager'],
      ['node', 'ls', '-f', 'role=worker'],
      ['node', 'ls', '-f', 'role=bogus'],
      ['node', 'ls', '-f', 'membership=accepted'],
      ['node', 'ls', '-f', 'membership=pending'],
      ['node', 'ls', '-f', 'name=node2'],
      ['node', 'ls', '-f', 'name=node', '-f', 'role=worker'],
      ['node', 'ls', '-f', `id=${ids.node3!.slice(0, 6)}`],
      ['node', 'ls', '-f', 'label=nosuch'],
      ['node', 'ls', '-f', 'node.label=nosuch'],
      ['node', 'ls', '-f', 'nosuch=1'],
      ['node', 'ls', '-f', 'noequals'],
      ['node', 'ls', '-f'],
      ['node', 'ls', 'extra'],
      ['node', 'ls', '--nope'],
    ];
    await Promise.all(cases.map((args) => same(args)));
    // an API older than the group's 1.24: refused before anything
    await Promise.all(
      [['node', 'list'], ['node', 'rm', '--nope']].map(async (args) => {
        const { docker: d, berth: b } = await settled(args, onNode(1, { env: { DOCKER_API_VERSION: '1.23' } }));
        // (the harness renames docker's own words, not this line's leading program name)
        expect({ args, ...plain(b) }).toEqual({ args, ...plain(d), stderr: d.stderr.replace(/^docker /, 'berth ') });
        expect(d.stderr).toContain('requires API version 1.24');
      }),
    );
  });

  it('node ls: config.json nodesFormat (and -q and --format over it)', async () => {
    const env = { DOCKER_CONFIG: cfgDir };
    await Promise.all([['node', 'ls'], ['node', 'ls', '-q'], ['node', 'ls', '--format', '{{.ID}}']].map((args) => same(args, 1, { env })));
  });

  it('node inspect: JSON, templates, --pretty, self, errors', async () => {
    const cases: string[][] = [
      ['node', 'inspect', 'self'],
      ['node', 'inspect', 'node2'],
      ['node', 'inspect', 'node1', ids.node3!],
      ['node', 'inspect', '--format', 'json', 'node1', 'node3'],
      ['node', 'inspect', '-f', '{{.ID}} {{.Spec}} {{.Version}} {{.CreatedAt}} {{.ManagerStatus}}', 'self', 'node2'],
      ['node', 'inspect', '-f', '{{.Description.TLSInfo}} {{json .Description.TLSInfo.CertIssuerSubject}} {{.Description.Resources.NanoCPUs}}', 'node2'],
      ['node', 'inspect', '-f', '{{json .Spec}} {{.Status.State}} {{.Description.Engine.Plugins}}', 'node1'],
      ['node', 'inspect', '-f', '{{.Nope}}', 'node1'],
      ['node', 'inspect', '-f', '{{.ID', 'node1'],
      ['node', 'inspect', '--pretty', 'node2'],
      ['node', 'inspect', '--pretty', 'self', 'node3'],
      ['node', 'inspect', '--pretty', '-f', '{{.ID}}', 'node1'],
      ['node', 'inspect', '--pretty', 'node2', 'nosuch'],
      ['node', 'inspect', '-f', 'pretty', 'node2'],
      ['node', 'inspect', '-f', 'prettyx', 'node2'],
      ['node', 'inspect', 'nosuch'],
      ['node', 'inspect', 'self', 'nosuch', 'node2', '-f', '{{.ID}}'],
      ['node', 'inspect', ''],
      ['node', 'inspect'],
      ['node', 'inspect', '--nope', 'node1'],
    ];
    await Promise.all(cases.map((args) => same(args)));
  });

  it('node update: labels and availability, then undone (each CLI from the same state)', async () => {
    const steps: string[][] = [
      ['node', 'update', '--label-add', 'tier=edge', '--label-add', 'bare', '--label-add', 'z=1=2', 'node3'],
      ['node', 'update', '--label-add', 'tier=core', '--label-rm', 'bare', ids.node3!],
      ['node', 'update', '--availability', 'drain', 'node3'],
      ['node', 'update', '--availability', 'pause', '--label-rm', 'z', 'node3'],
      ['node', 'update', '--availability', 'active', '--label-rm', 'tier', 'node3'],
      ['node', 'update', '--role', 'worker', '--label-add', '', 'node3'],
      ['node', 'update', '--label-rm', '', 'node3'],
    ];
    const state = (): Promise<string> => fmt('node3', '{{json .Spec}}');
    try {
      const seen: { cli: string; results: Result[]; states: string[] }[] = [];
      for (const [cli, runIt] of [
        ['docker', (a: string[]) => docker(a, onNode(1)).then(renamed)],
        ['berth', (a: string[]) => berth(a, onNode(1)).then(plain)],
      ] as const) {
        const results: Result[] = [];
        const states: string[] = [];
        for (const args of steps) {
          results.push(await runIt(args));
          states.push(await state());
          // and the CLI's own view of it (labels in --pretty)
          results.push(await runIt(['node', 'inspect', '--pretty', '-f', '', 'node3']));
        }
        seen.push({ cli, results, states });
      }
      expect(seen[1]!.results).toEqual(seen[0]!.results);
      expect(seen[1]!.states).toEqual(seen[0]!.states);
      // the steps did change the node, and left it as it was
      expect(seen[0]!.states[0]).toContain('"tier":"edge"');
      expect(seen[0]!.states[6]).toBe('{"Labels":{},"Role":"worker","Availability":"active"}\n');
    } finally {
      await restoreNode3();
    }
  }, 120_000);

  it('node update: errors', async () => {
    const cases: string[][] = [
      ['node', 'update', '--label-rm', 'nosuch', 'node2'],
      ['node', 'update', '--role', 'bogus', 'node2'],
      ['node', 'update', '--availability', 'bogus', 'node2'],
      ['node', 'update', 'nosuch'],
      ['node', 'update', 'self'],
      ['node', 'update', ''],
      ['node', 'update'],
      ['node', 'update', 'node2', 'node3'],
      ['node', 'update', '--nope', 'node2'],
      ['node', 'update', '--role'],
    ];
    await Promise.all(cases.map((args) => same(args)));
    // (none of them changed anything)
    expect(await fmt('node2', '{{json .Spec}}')).toBe('{"Labels":{},"Role":"worker","Availability":"active"}\n');
  });

  it('a node going down and coming back (node3 stopped, then started)', async () => {
    // (never with node3 still in the raft: the swarm would lose its quorum)
    await restoreNode3();
    try {
      swarmScript('stop', '3');
      await until(['node', 'inspect', '-f', '{{.Status.State}}', 'node3'], (o) => o.trim() === 'down', 'node3 down');
      await Promise.all([
        same(['node', 'ls']),
        same(['node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.Availability}}']),
        same(['node', 'inspect', '--pretty', 'node3']),
        same(['node', 'inspect', '-f', '{{.Status}}', 'node3']),
      ]);
      expect((await docker(['node', 'ls', '-f', 'name=node3', '--format', '{{.Status}}'], onNode(1))).stdout).toBe('Down\n');
    } finally {
      swarmScript('start', '3');
      await until(['node', 'inspect', '-f', '{{.Status.State}}', 'node3'], (o) => o.trim() === 'ready', 'node3 ready', 120_000);
    }
    await same(['node', 'ls']);
  }, 240_000);

  it('node promote and demote: each CLI promotes node3 and the other demotes it', async () => {
    // nothing to change: both at once
    await Promise.all([
      same(['node', 'promote', 'node1']),
      same(['node', 'demote', 'node2', 'node3']),
      same(['node', 'demote', 'node1']),
      same(['node', 'promote', 'nosuch', 'node2']),
      same(['node', 'demote', 'self']),
      same(['node', 'promote']),
      same(['node', 'demote', '--nope', 'node1']),
    ]);
    const reachable = async (): Promise<void> => {
      await until(['node', 'inspect', '-f', '{{.ManagerStatus.Reachability}}', 'node3'], (o) => o.trim() === 'reachable', 'node3 reachable');
      await raftOf(2);
    };
    const worker = async (): Promise<void> => {
      await until(['node', 'inspect', '-f', '{{.Spec.Role}}', 'node3'], (o) => o.trim() === 'worker', 'node3 a worker');
      await raftOfOne();
    };
    /** demote, retried while a manager just promoted cannot leave the raft yet */
    const demote = async (run: (a: string[]) => Promise<Result>, args: string[]): Promise<Result> => {
      const end = Date.now() + 60_000;
      for (;;) {
        const r = await run(args);
        if (r.code === 0 || Date.now() > end || !/rpc error/.test(r.stderr)) return r;
        await sleep(500);
      }
    };
    const d = (a: string[]): Promise<Result> => docker(a, onNode(1)).then(renamed);
    const b = (a: string[]): Promise<Result> => berth(a, onNode(1)).then(plain);
    try {
      const dPromote = await d(['node', 'promote', 'node3', 'node1']);
      await reachable();
      const bDemote = await demote(b, ['node', 'demote', 'node2', 'node3']);
      await worker();
      const bPromote = await b(['node', 'promote', 'node3', 'node1']);
      await reachable();
      const dDemote = await demote(d, ['node', 'demote', 'node2', 'node3']);
      await worker();
      expect(bPromote).toEqual(dPromote);
      expect(bDemote).toEqual(dDemote);
      expect(dPromote.stdout).toContain('Node node3 promoted to a manager in the swarm.');
      // (a demote the engine refused with an rpc error may still have taken: its retry then
      // finds node3 a worker already, and says so, as each CLI does)
      expect(dDemote.stdout).toMatch(/Manager node3 demoted in the swarm\.|Node \w+ is already a worker\.\n$/);
    } finally {
      await restoreNode3();
    }
  }, 240_000);

  it('node rm: managers, nodes that are up, unknown nodes', async () => {
    const cases: string[][] = [
      ['node', 'rm', 'node1'],
      ['node', 'rm', 'self'],
      ['node', 'rm', 'node2'],
      ['node', 'remove', 'node2', 'nosuch', 'node1'],
      ['node', 'rm', '--force', 'nosuch'],
      ['node', 'rm', '-f', ''],
      ['node', 'rm'],
      ['node', 'rm', '--nope', 'node2'],
    ];
    await Promise.all(cases.map((args) => same(args)));
  });

  it('on a worker and on an engine that is no swarm manager', async () => {
    const onPlain = async (args: string[]): Promise<void> => {
      const { docker: d, berth: b } = await settled(args, { env: { DOCKER_HOST: PLAIN_ENGINE } });
      expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
    };
    const cases: string[][] = [
      ['node', 'ls'],
      ['node', 'ls', '-q'],
      ['node', 'inspect', 'self'],
      ['node', 'inspect', '--pretty', 'self'],
      ['node', 'update', '--availability', 'drain', 'node2'],
      ['node', 'promote', 'node2'],
      ['node', 'rm', 'node2'],
    ];
    await Promise.all([...cases.map((args) => same(args, 2)), ...cases.map(onPlain)]);
  });

  it('help', async () => {
    await Promise.all(
      [
        ['node', 'ls', '--help'],
        ['node', 'inspect', '--help'],
        ['node', 'update', '--help'],
        ['node', 'promote', '--help'],
        ['node', 'demote', '-h'],
        ['node', 'rm', '--help'],
        ['node', 'list', '--help'],
        ['node', 'remove', '--help'],
      ].map((args) => same(args)),
    );
    // and without an engine to ask for its API version
    for (const args of [['node', 'ls', '--help'], ['node', 'update', '--help']]) {
      const { docker: d, berth: b } = await settled(args, { env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
      expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
    }
  });

  it('completion of node names and of update flag values', async () => {
    const cases: string[][] = [
      ['__complete', 'node', 'inspect', ''],
      ['__complete', 'node', 'inspect', 'node1', 'x'],
      ['__complete', 'node', 'update', ''],
      ['__complete', 'node', 'update', '--role', ''],
      ['__complete', 'node', 'update', '--role=m'],
      ['__complete', 'node', 'update', '--availability', ''],
      ['__complete', 'node', 'update', '--label-add', ''],
      ['__complete', 'node', 'update', '--role', 'worker', ''],
      ['__complete', 'node', 'promote', ''],
      ['__complete', 'node', 'demote', ''],
      ['__complete', 'node', 'rm', '-f', ''],
      ['__complete', 'node', 'ls', ''],
      ['__complete', 'node', 'ls', '--filter', ''],
      ['__complete', 'node', 'inspect', '--format', ''],
      ['__complete', 'node', 'inspect', '--'],
    ];
    await Promise.all(cases.map((args) => same(args)));
    await Promise.all([
      same(['__complete', 'node', 'rm', ''], 1, { env: { DOCKER_COMPLETION_SHOW_NODE_IDS: 'yes' } }),
      same(['__complete', 'node', 'inspect', ''], 2),
      settled(['__complete', 'node', 'inspect', ''], { env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } }).then(({ docker: d, berth: b }) => expect(plain(b)).toEqual(plain(d))),
    ]);
  });
});
