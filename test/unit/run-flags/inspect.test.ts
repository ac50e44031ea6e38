// The engine's view: containers created by docker and from berth's request body read back
// with inspect must have the same Config and HostConfig.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlags } from '../../../src/cli/flags.js';
import { buildCreateRequest, createFlags } from '../../../commands/container/run-flags.js';
import { DOCKER, ENGINE_SOCK, engine, haveOracle, skipReason } from './oracle.js';

const I = 'busybox';
const cases: string[][] = [
  [I],
  [I, 'sh', '-c', 'echo hi'],
  ['-e', 'A=1', '-e', 'B=2', '--label', 'x=1', '-l', 'y', I],
  ['-p', '80', '-p', '127.0.0.1:18080:81/udp', '-p', '19000-19001:90-91', '--expose', '7000-7001/tcp', '-P', I],
  ['-v', '/tmp:/data:ro', '-v', '/anon', '--tmpfs', '/run:size=1m', '--read-only', I],
  ['--mount', 'type=bind,src=/tmp,dst=/b,readonly', '--mount', 'type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1777', I],
  ['--restart', 'on-failure:3', I],
  ['--rm', I],
  ['-m', '64m', '--memory-reservation', '32m', '--memory-swap', '-1', '--shm-size', '64m', '--pids-limit', '100', '--oom-score-adj', '100', I],
  ['--cpus', '0.5', '-c', '512', '--cpuset-cpus', '0', I],
  ['--ulimit', 'nofile=1024:2048', '--ulimit', 'core=-1', I],
  ['--device', '/dev/null:/dev/xnull:r', '--device-cgroup-rule', 'c 1:3 mr', I],
  ['-h', 'myhost', '--domainname', 'example.com', '-u', '1000:1000', '-w', '/work', I],
  ['--add-host', 'a:1.2.3.4', '--add-host', 'b=::1', '--dns', '8.8.8.8', '--dns-option', 'ndots:2', '--dns-search', 'example.com', I],
  ['--health-cmd', 'true', '--health-interval', '1m30s', '--health-timeout', '500ms', '--health-start-period', '2s', '--health-retries', '3', I],
  ['--no-healthcheck', '--stop-signal', 'SIGINT', '--stop-timeout', '5', I],
  ['--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--init', I],
  ['--cap-add', 'net_admin', '--cap-drop', 'chown', '--security-opt', 'no-new-privileges', '--security-opt', 'systempaths=unconfined', I],
  ['--sysctl', 'net.ipv4.ip_forward=1', '--entrypoint', '', I, 'sh'],
  ['--network', 'none', I],
  ['--network', 'host', '--ipc', 'host', '--pid', 'host', '--uts', 'host', I],
  ['-it', '-a', 'stdin', I],
  ['--group-add', '10', '--cgroupns', 'private', '--isolation', 'default', I],
];

function dockerCreate(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(DOCKER, ['create', ...argv], { env: { PATH: process.env.PATH, HOME: '/nonexistent', DOCKER_HOST: `unix://${ENGINE_SOCK}` } }, (err, stdout, stderr) =>
      resolve({ status: err ? 1 : 0, stdout, stderr }),
    );
  });
}

// Hostname defaults to the container's short ID; Image is the resolved ID in inspect
function comparable(inspect: Record<string, any>): { Config: unknown; HostConfig: unknown } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const config = { ...inspect.Config };
  if (config.Hostname === inspect.Id.slice(0, 12)) delete config.Hostname;
  // docker collects -e values through a Go map: their order differs from run to run
  if (Array.isArray(config.Env)) config.Env = [...config.Env].sort();
  return { Config: config, HostConfig: inspect.HostConfig };
}

describe.skipIf(!haveOracle)(`inspect of docker-created vs berth-created containers (${haveOracle ? 'oracle present' : skipReason})`, () => {
  const tag = `rf${process.pid}`;
  const created: string[] = [];
  afterAll(async () => {
    for (const id of created) await engine('DELETE', `/v1.41/containers/${id}?force=1&v=1`).catch(() => undefined);
  });

  for (const [n, argv] of cases.entries()) {
    it(`create ${argv.join(' ')}`, async () => {
      const theirs = await dockerCreate(['--name', `${tag}-docker-${n}`, ...argv]);
      expect(theirs.status, theirs.stderr).toBe(0);
      created.push(theirs.stdout.trim());

      const p = parseFlags(argv, createFlags, false);
      const req = buildCreateRequest(p.opts, p.changed, p.args, {
        apiVersion: '1.41',
        env: {},
        readFile: (f) => readFileSync(f, 'utf8'),
        stdinIsTty: false,
      });
      const res = await engine('POST', `/v1.41/containers/create?name=${tag}-berth-${n}`, req.body);
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      const id = (res.json as { Id: string }).Id;
      created.push(id);

      const a = await engine('GET', `/v1.41/containers/${theirs.stdout.trim()}/json`);
      const b = await engine('GET', `/v1.41/containers/${id}/json`);
      expect(comparable(b.json as Record<string, unknown>)).toEqual(comparable(a.json as Record<string, unknown>));
    });
  }
});
