// The multi-node swarm the swarm suites run on (scripts/swarm.sh, started by npm test):
// three dockerds in network namespaces of their own, node1 the manager (leader), node2 and
// node3 workers, busybox:latest on each. Differential cases run both CLIs against a node.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { both, docker, hasBuild, hasOracle, ROOT, DOCKER, type Result, type RunOptions } from './harness.js';

export const SWARM_DIR = process.env.BERTH_SWARM_DIR ?? '/tmp/berth-swarm';
export const SWARM_NS = process.env.BERTH_SWARM_NS ?? 'berth-sw';

/** node i's DOCKER_HOST (1-based) */
export function nodeHost(i: number): string {
  return process.env[`BERTH_SWARM_NODE${i}`] ?? `unix://${SWARM_DIR}/node${i}/docker.sock`;
}

export const NODE1 = nodeHost(1);
export const NODE2 = nodeHost(2);
export const NODE3 = nodeHost(3);

/** run options that point a CLI at node i */
export function onNode(i: number, o: RunOptions = {}): RunOptions {
  return { ...o, env: { ...o.env, DOCKER_HOST: nodeHost(i) } };
}

/** both CLIs on node i (the manager unless told) */
export function bothOn(args: string[], i = 1, o: RunOptions = {}): Promise<{ docker: Result; berth: Result }> {
  return both(args, onNode(i, o));
}

/** the reference CLI on node i, for setting state up (throws when it fails) */
export async function dockerOn(args: string[], i = 1, o: RunOptions = {}): Promise<Result> {
  const r = await docker(args, onNode(i, { timeoutMs: 120_000, ...o }));
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} on node${i}: exit ${r.code}: ${r.stderr}`);
  return r;
}

/** why the swarm suites cannot run here, or '' */
export function swarmSkipReason(): string {
  let why = '';
  if (!hasOracle()) why = `no reference docker CLI at ${DOCKER}`;
  else if (!hasBuild()) why = 'berth is not built (npm run build)';
  else if (![1, 2, 3].every((i) => existsSync(nodeHost(i).replace(/^unix:\/\//, '')))) why = `no swarm at ${SWARM_DIR} (bash scripts/swarm.sh up)`;
  if (why && process.env.BERTH_EXPECT_ENGINE === '1' && existsSync('/usr/local/bin/docker')) throw new Error(`swarm suite cannot run: ${why}`);
  return why;
}

/** scripts/swarm.sh with the suite's swarm settings: `stop 3`, `start 3`, `reset` */
export function swarmScript(...args: string[]): string {
  return execFileSync('bash', [join(ROOT, 'scripts', 'swarm.sh'), ...args], {
    env: { ...process.env, BERTH_SWARM_DIR: SWARM_DIR, BERTH_SWARM_NS: SWARM_NS },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/**
 * Nodes of their own, for suites that init, join and leave (swarm init/join/leave/ca):
 * `nodes` dockerds under a directory and namespace prefix of their own, that form no swarm
 * (or, with `form`, one as scripts/swarm.sh up forms it). Returns the nodes' hosts and a
 * function that removes everything.
 */
export function privateNodes(tag: string, nodes = 2, form = false): { hosts: string[]; down: () => void } {
  const env = { ...process.env, BERTH_SWARM_DIR: `${SWARM_DIR}-${tag}`, BERTH_SWARM_NS: `${SWARM_NS}${tag}`, BERTH_SWARM_NODES: String(nodes) };
  const script = join(ROOT, 'scripts', 'swarm.sh');
  execFileSync('bash', [script, form ? 'up' : 'nodes'], { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  const hosts = Array.from({ length: nodes }, (_, k) => `unix://${env.BERTH_SWARM_DIR}/node${k + 1}/docker.sock`);
  return { hosts, down: () => execFileSync('bash', [script, 'down'], { env, stdio: 'ignore', timeout: 120_000 }) };
}
