// Differential tests of `stack ls`, `stack ps`, `stack services` and the stack group (its
// hidden deprecated --orchestrator, its version annotation, its errors, completion of stack
// names) against the reference docker CLI on the three-node test swarm (scripts/swarm.sh).
// The stacks are deployed by the oracle's `stack deploy` from compose files written here,
// under names unique to this run, and removed with `stack rm` at the end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, docker, uniqueName, HOST, type Result } from './harness.js';
import { dockerOn, onNode, swarmSkipReason } from './swarm-harness.js';
import { groupVerbs } from '../../src/cli/registry.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/stack-list: skipped: ${reason}`);

const TAG = uniqueName('bsl');
// natural order: S1 < s2 < s10 (digits compared as numbers, upper case first)
const APP = `${TAG}-s10`;
const ONE = `${TAG}-s2`;
const FAILING = `${TAG}-S1`;
const STACKS = [APP, ONE, FAILING];

const APP_COMPOSE = `version: "3.8"
services:
  web:
    image: busybox:latest
    command: sleep 1d
    stop_grace_period: 1s
    labels:
      tier: front
    deploy:
      replicas: 2
      labels:
        tier: front
  db:
    image: busybox:latest
    command: sleep 1d
    stop_grace_period: 1s
    deploy:
      mode: global
  worker10:
    image: busybox:latest
    command: sleep 1d
    stop_grace_period: 1s
  worker9:
    image: busybox:latest
    command: sleep 1d
    stop_grace_period: 1s
    deploy:
      replicas: 0
`;
const ONE_COMPOSE = `version: "3.8"
services:
  only:
    image: busybox:latest
    command: sleep 1d
    stop_grace_period: 1s
`;
// a task that fails and is restarted once: the task table's history, its error column
const FAILING_COMPOSE = `version: "3.8"
services:
  bad:
    image: busybox:latest
    command: sh -c "exit 3"
    deploy:
      restart_policy:
        condition: on-failure
        max_attempts: 1
        delay: 1s
`;

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

/** the task table's short relative times, lower-cased ("running 3 seconds ago"), which settled() does not mask */
const TASK_DURATION = /\b([Ll]ess than a second|\d+ seconds?|[Aa]bout a minute)\b/g;
const maskTimes = (r: Result): Result => {
  const m = (t: string): string => (t.search(TASK_DURATION) >= 0 ? t.replace(TASK_DURATION, '<seconds>').replace(/ {2,}/g, '  ') : t);
  return { code: r.code, stdout: m(r.stdout), stderr: m(r.stderr) };
};

/** the stack verbs docker has and berth has not (yet): their lines in docker's group help and completion */
const NOT_BERTHS = ['config', 'deploy', 'rm'].filter((v) => !groupVerbs('stack').some((g) => g.name === v));
const lacking = new RegExp(`^ *(${NOT_BERTHS.join('|') || '$^'})(\t| {2,})`);
const dropLacking = (t: string): string => t.split('\n').filter((l) => !lacking.test(l)).join('\n');

/**
 * docker's results as berth's: the program's name where it names a command path
 * (`docker stack ls requires API version ...`), the verbs berth lacks dropped
 */
function asBerths(r: Result): Result {
  const name = (t: string): string => t.replace(/^docker (stack)\b/gm, 'berth $1');
  return { code: r.code, stdout: dropLacking(name(r.stdout)), stderr: dropLacking(name(r.stderr)) };
}

/**
 * both CLIs on a node (node1, the manager, unless told), retried while they differ (times
 * straddling a second); then compared, with the task table's short durations masked if
 * that is what still differs
 */
async function same(args: string[], node = 1, env?: Record<string, string>): Promise<void> {
  const differ = (x: Result, y: Result): boolean => JSON.stringify(plain(x)) !== JSON.stringify(plain(y));
  let d: Result = { code: null, stdout: '', stderr: '' };
  let b = d;
  for (let i = 0; i < 5; i++) {
    if (i > 0) await sleep(150 + Math.floor(Math.random() * 400));
    const r = await both(args, onNode(node, { env }));
    [d, b] = [asBerths(r.docker), r.berth];
    if (!differ(d, b)) break;
  }
  if (differ(d, b)) [d, b] = [maskTimes(d), maskTimes(b)];
  expect({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

/** the cases a few at a time */
async function allSame(cases: string[][], node = 1, env?: Record<string, string>): Promise<void> {
  const queue = [...cases];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) await same(c, node, env);
  };
  await Promise.all([worker(), worker(), worker()]);
}

/** completion: docker lists stack names in Go's map order, so the lines are compared sorted */
async function sameCompletion(words: string[]): Promise<void> {
  const { docker: d, berth: b } = await both(['__complete', ...words], onNode(1));
  const sorted = (r: Result): Result => ({ code: r.code, stdout: r.stdout.split('\n').sort().join('\n'), stderr: r.stderr });
  expect({ words, ...sorted(b) }).toEqual({ words, ...sorted(d) });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** polls the oracle's output until `ok` holds (throws after `ms`) */
async function until(args: string[], ok: (out: string) => boolean, what: string, ms = 90_000): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    const r = await docker(args, onNode(1));
    last = r.stdout + r.stderr;
    if (r.code === 0 && ok(r.stdout)) return r.stdout;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}: ${last}`);
}

let dir = '';

describe.skipIf(reason !== '')('stack ls, ps, services match docker', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bsl-'));
    const files: [string, string][] = [
      [APP, APP_COMPOSE],
      [ONE, ONE_COMPOSE],
      [FAILING, FAILING_COMPOSE],
    ];
    for (const [name, text] of files) writeFileSync(join(dir, `${name}.yml`), text);
    // (no registry to ask: the local busybox image as it is)
    await Promise.all(files.map(([name]) => dockerOn(['stack', 'deploy', '--resolve-image', 'never', '-c', join(dir, `${name}.yml`), name])));
    await until(
      ['stack', 'services', APP, '--format', '{{.Name}} {{.Replicas}}'],
      // (the global service on every node that is up: a suite before may have left one down)
      (o) => [`${APP}_web 2/2`, `${APP}_worker10 1/1`, `${APP}_worker9 0/0`].every((l) => o.split('\n').includes(l)) && /_db ([1-9])\/\1$/m.test(o),
      'the stack to converge',
    );
    await until(['stack', 'services', ONE, '--format', '{{.Replicas}}'], (o) => o.trim() === '1/1', 'the one-service stack');
    // the failing service: two failed tasks, then no more restarts
    await until(['stack', 'ps', FAILING, '--format', '{{.CurrentState}}'], (o) => o.split('\n').filter((l) => l.startsWith('Failed')).length === 2, 'the failed tasks');
  }, 120_000);

  afterAll(async () => {
    await docker(['stack', 'rm', ...STACKS], onNode(1));
    // stack rm returns before the services' tasks and the networks are gone
    for (let i = 0; i < 60; i++) {
      const left = await Promise.all(
        STACKS.flatMap((s) => [
          docker(['service', 'ls', '-q', '-f', `label=com.docker.stack.namespace=${s}`], onNode(1)),
          docker(['network', 'ls', '-q', '-f', `label=com.docker.stack.namespace=${s}`], onNode(1)),
        ]),
      );
      if (left.every((r) => r.code === 0 && r.stdout === '')) break;
      if (i % 10 === 9) await docker(['stack', 'rm', ...STACKS], onNode(1));
      await sleep(500);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** a DOCKER_CONFIG directory holding this config.json */
  function configEnv(name: string, cfg: Record<string, string>): Record<string, string> {
    const d = mkdtempSync(join(dir, `${name}-`));
    writeFileSync(join(d, 'config.json'), JSON.stringify(cfg));
    return { DOCKER_CONFIG: d };
  }

  it('stack ls: table, json, raw, templates, natural order', async () => {
    // (other suites' stacks may be listed too: both CLIs see the same swarm)
    await allSame([
      ['stack', 'ls'],
      ['stack', 'list'],
      ['stack', 'ls', '--format', 'table'],
      ['stack', 'ls', '--format', 'json'],
      ['stack', 'ls', '--format', 'raw'],
      ['stack', 'ls', '--format', '{{.Name}}: {{.Services}}'],
      ['stack', 'ls', '--format', 'table {{.Services}}\t{{.Name}}'],
      ['stack', 'ls', '--format', '{{json .}} {{.Name | upper}} {{.Header}} {{printf "%T" .}}'],
      ['stack', 'ls', '--format', '{{.Nope}}'],
      ['stack', 'ls', '--format', '{{.Name'],
      ['stack', 'ls', 'extra'],
      ['stack', 'ls', '-q'],
      ['stack', 'list', '--bogus'],
    ]);
    // this run's stacks, in docker's natural order
    const { docker: d } = await both(['stack', 'ls', '--format', '{{.Name}} {{.Services}}'], onNode(1));
    const mine = d.stdout.split('\n').filter((l) => l.startsWith(TAG));
    expect(mine).toEqual([`${FAILING} 1`, `${ONE} 1`, `${APP} 4`]);
  });

  it('stack ps: the task table, its flags, filters and formats', async () => {
    await allSame([
      ['stack', 'ps', APP],
      ['stack', 'ps', APP, '--no-trunc'],
      ['stack', 'ps', APP, '--no-resolve'],
      ['stack', 'ps', '-q', APP],
      ['stack', 'ps', '-q', '--no-trunc', APP],
      ['stack', 'ps', APP, '--format', 'json'],
      ['stack', 'ps', APP, '--format', 'table {{.Name}}\t{{.Node}}\t{{.DesiredState}}'],
      ['stack', 'ps', APP, '--format', '{{.ID}} {{.Image}} {{.Ports}}'],
      ['stack', 'ps', APP, '-f', 'desired-state=running'],
      ['stack', 'ps', APP, '-f', `name=${APP}_web`],
      ['stack', 'ps', APP, '-f', 'node=node2'],
      ['stack', 'ps', APP, '-f', 'node=self'],
      ['stack', 'ps', APP, '-f', 'label=tier=front'],
      ['stack', 'ps', APP, '-f', 'desired-state=shutdown'],
      ['stack', 'ps', FAILING],
      ['stack', 'ps', FAILING, '--format', '{{.Name}} {{.Error}}'],
      ['stack', 'ps', ONE, '--format', 'table'],
      ['stack', 'ps', APP, '--format', '{{.Nope}}'],
      ['stack', 'ps', APP, '--format', 'raw'],
      ['stack', 'ps', '-q', '--format', '{{.Name}}', APP],
      ['stack', 'ps', '-f', 'name=nothing', APP, '-f', `name=${APP}_db`],
      ['stack', 'ps', APP, '-f', 'desired-state=bogus'],
      ['stack', 'ps', APP, '-f', 'node=nosuch'],
    ]);
  });

  it('stack services: the service table, quiet, formats, filters', async () => {
    await allSame([
      ['stack', 'services', APP],
      ['stack', 'services', '-q', APP],
      ['stack', 'services', APP, '--format', 'json'],
      ['stack', 'services', APP, '--format', 'raw'],
      ['stack', 'services', APP, '--format', 'table {{.Name}}\t{{.Mode}}\t{{.Replicas}}'],
      ['stack', 'services', APP, '-f', `name=${APP}_w`],
      ['stack', 'services', APP, '-f', 'mode=global'],
      ['stack', 'services', APP, '-f', 'label=tier=front'],
      ['stack', 'services', FAILING],
      ['stack', 'services', ONE, '-q', '--format', 'table'],
      ['stack', 'services', APP, '--format', '{{.Nope}}'],
      ['stack', 'services', '-q', '--format', '{{.Name}}', APP],
    ]);
  });

  it('stack services at API 1.40: no ServiceStatus from the engine, counted from the tasks and nodes', async () => {
    await allSame(
      [
        ['stack', 'services', APP],
        ['stack', 'services', APP, '--format', 'json'],
      ],
      1,
      { DOCKER_API_VERSION: '1.40' },
    );
  });

  it('tasksFormat and servicesFormat from config.json (not for -q)', async () => {
    // (docker's config file has no stacksFormat: stack ls keeps its table)
    const env = configEnv('formats', { tasksFormat: 'table {{.Name}}\t{{.Node}}', servicesFormat: 'table {{.Name}}\t{{.Replicas}}', stacksFormat: '{{.Name}}' });
    await allSame(
      [
        ['stack', 'ps', APP],
        ['stack', 'ps', '-q', APP],
        ['stack', 'services', APP],
        ['stack', 'services', '-q', APP],
        // (stack ls has no such key)
        ['stack', 'ls'],
      ],
      1,
      env,
    );
  });

  it('empty and invalid stacks, bad filters and arguments', async () => {
    await allSame([
      ['stack', 'ps', `${TAG}-nosuch`],
      ['stack', 'services', `${TAG}-nosuch`],
      ['stack', 'ps', APP, '-f', 'name=nothing-matches'],
      ['stack', 'services', APP, '-f', 'name=nothing-matches'],
      ['stack', 'ps', ''],
      ['stack', 'services', ' "\t\''],
      ['stack', 'ps', APP, '-f', 'bogus=1'],
      ['stack', 'services', APP, '-f', 'bogus=1'],
      ['stack', 'ps', APP, '-f', 'bogus'],
      ['stack', 'services', APP, '-f', 'mode=nope'],
      ['stack', 'ps'],
      ['stack', 'ps', APP, ONE],
      ['stack', 'services'],
      ['stack', 'services', '--bogus', APP],
    ]);
  });

  it('on a worker and off the swarm: the engine\'s error', async () => {
    for (const args of [['stack', 'ls'], ['stack', 'ps', APP], ['stack', 'services', APP]]) {
      await same(args, 2);
      const { docker: d, berth: b } = await both(args, { env: { DOCKER_HOST: HOST } });
      expect({ args, ...b }).toEqual({ args, ...d });
    }
  });

  it('the stack group: bare, help, unknown verbs and flags, the deprecated --orchestrator', async () => {
    await allSame([
      ['stack'],
      ['stack', '-h'],
      ['stack', 'bogus'],
      ['stack', '--bogus'],
      ['stack', '--', 'ls'],
      ['stack', 'x', 'ls'],
      ['stack', 'ls', '--orchestrator', 'swarm'],
      ['stack', 'list', '--orchestrator=all', '--format', '{{.Name}}'],
      ['stack', '--orchestrator', 'swarm', 'ls'],
      ['stack', '--orchestrator', 'swarm', 'list', '--orchestrator', 'x'],
      ['stack', '--orchestrator', 'swarm', 'ps', APP, '-q'],
      ['stack', 'services', '--orchestrator', 'swarm', APP, '-q'],
      ['stack', '--orchestrator', 'swarm'],
      ['stack', '--orchestrator', 'swarm', 'bogus'],
      ['stack', '--orchestrator'],
      ['stack', 'ls', '--orchestrator'],
      ['stack', '--orchestrator', 'swarm', 'ls', '--help'],
      ['stack', 'ls', '-h'],
      ['help', 'stack', 'ps'],
      // flags before the verb are the group's own (cobra's Traverse): an error there is only its message
      ['stack', '--help', 'ls'],
      ['stack', '-h', 'services'],
      ['stack', '--format', '{{.Name}}', 'ls'],
      ['stack', '-f', 'x', 'ps', APP],
      // pflag's deprecation notices are not printed when the flags do not parse
      ['stack', '--orchestrator=x', '--bogus=1', 'ls'],
      ['stack', 'ls', '--orchestrator', 'x', '--bogus'],
      ['stack', '--orchestrator', 'x', 'ls', '--orchestrator', 'y', '-q'],
      ['stack', 'ls', '--orchestrator', 'x', '--help'],
    ]);
    // (docker's group help lists deploy, rm and config too: compared without those berth lacks)
    await allSame([['stack', '--help'], ['stack', '--orchestrator', 'x', '--help'], ['help', 'stack']]);
  });

  it('without an engine: help shows, the commands fail as docker\'s do', async () => {
    for (const args of [['stack', '--help'], ['stack'], ['stack', 'ls', '--help'], ['stack', 'ps', '--help'], ['stack', 'ls'], ['stack', 'services', APP], ['stack', 'ps', '']]) {
      const r = await both(args, { env: { DOCKER_HOST: 'unix:///nonexistent/berth-stack.sock' } });
      expect({ args, ...r.berth }).toEqual({ args, ...asBerths(r.docker) });
    }
  });

  it('an API older than the group\'s 1.25: refused, help included', async () => {
    await allSame(
      [
        ['stack'],
        ['stack', '--help'],
        ['stack', 'bogus'],
        ['stack', '--bogus'],
        ['stack', 'ls'],
        ['stack', 'list', '--help'],
        ['stack', 'ps', APP],
        ['stack', 'ps'],
        ['stack', 'services', ''],
        ['stack', 'ls', '--bogus'],
        ['stack', 'ls', '--orchestrator', 'x'],
      ],
      1,
      { DOCKER_API_VERSION: '1.24' },
    );
  });

  it('completion: stack names, verbs, flags and their values', async () => {
    for (const words of [
      ['stack', 'ps', ''],
      ['stack', 'ps', APP, ''],
      ['stack', 'services', TAG.slice(0, 3)],
      ['stack', 'list', ''],
      ['stack', 'ls', '-'],
      ['stack', 'ls', '--format', ''],
      ['stack', 'ps', '-'],
      ['stack', 'ps', '--filter', ''],
      ['stack', 'ps', '-f='],
      ['stack', 'services', '--'],
      ['stack', 'services', '--format='],
      ['stack', 'ps', '--bogus', ''],
      ['stack', '--orchestrator', ''],
      ['stack', 'ps', '--orchestrator', ''],
      ['stack', 'ps', '--orchestrator='],
      ['stack', 'l'],
      ['stack', '-'],
    ]) {
      await sameCompletion(words);
    }
    // the verbs (docker's without those berth lacks)
    const { docker: d, berth: b } = await both(['__complete', 'stack', ''], onNode(1));
    expect(b).toEqual({ ...d, stdout: dropLacking(d.stdout) });
  });
});
