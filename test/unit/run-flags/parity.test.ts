// buildCreateRequest against docker itself: for each command line, docker's exact
// POST /containers/create body (captured by a proxy that answers the create itself) or its
// error text and exit status, against what berth builds or throws.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlagError, parseFlags } from '../../../src/cli/flags.js';
import { StatusError } from '../../../src/cli/errors.js';
import { buildCreateRequest, createFlags, runFlags, PlainCreateError } from '../../../commands/container/run-flags.js';
import { CaptureProxy, baseEnv, haveOracle, skipReason } from './oracle.js';

const fx = mkdtempSync(path.join(os.tmpdir(), 'berth-rf-fx-'));
const f = (name: string, content: string): string => {
  const p = path.join(fx, name);
  writeFileSync(p, content);
  return p;
};
const envFile = f('env1', 'A=1\n  # comment\n\nFOO\nMISSING\nB=two words\r\nC==x\n');
const badEnvFile = f('env2', 'A=1\nbad key=1\n');
const noNameEnvFile = f('env3', '=x\n');
const labelFile = f('labels', 'l1=v1\n# c\nl2\nl3=\n');
const seccomp = f('seccomp.json', '{\n  "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": [ ]\n}\n');
const badSeccomp = f('bad-seccomp.json', '{ nope');

const extraEnv = { FOO: 'from-env', EMPTY: '' };

type Case = { cmd?: 'create' | 'run'; argv: string[]; sortEnv?: boolean };

const I = 'busybox';
const cases: Case[] = [
  // basics, command, entrypoint
  { argv: [I] },
  { argv: [I, 'echo', 'hi', '--rm'] },
  { argv: ['--entrypoint', '', I] },
  { argv: ['--entrypoint', '/bin/sh', I, '-c', 'true'] },
  { argv: ['--name', 'rf-name', '--platform', 'linux/amd64', I] },
  { argv: ['--platform', 'amd64', I] },
  { argv: ['--platform', 'linux/arm64/v8', I] },
  { argv: ['--pull', 'never', '-q', I] },
  { argv: ['--cidfile', path.join(fx, 'cid'), I] },
  // env and labels
  { argv: ['-e', 'A=1', '-e', 'FOO', '-e', 'BAR', '-e', 'A=2', '-e', 'EMPTY', I], sortEnv: true },
  { argv: ['--env-file', envFile, '-e', 'X=y', I], sortEnv: true },
  { argv: ['--label', 'a=1', '-l', 'b', '--label-file', labelFile, '-l', 'l1=override', I] },
  // ports
  { argv: ['-p', '80', '-p', '127.0.0.1:8080:81/udp', '-p', '9000-9001:90-91', '-p', '[::1]:5000:5000', '-p', ':82', I] },
  { argv: ['-p', '8000-8010:80', '-p', '80/sctp', '-p', '0.0.0.0::83/UDP', I] },
  { argv: ['-p', 'target=80,published=8080,protocol=udp', '-p', 'target=81', I] },
  { argv: ['--expose', '7000-7002/sctp', '--expose', '80', '--expose', '90/UDP', '-P', I] },
  // volumes and mounts
  { argv: ['-v', '/tmp:/data:ro', '-v', '/anon', '-v', 'named:/n', I] },
  { argv: ['-v', './rel:/rel', '-v', '/anon', '-v', '/anon', '-v', 'ab', I] },
  { argv: ['--mount', 'type=bind,src=/tmp,dst=/b,readonly,bind-propagation=rshared', I] },
  { argv: ['--mount', 'type=volume,src=v1,dst=/v,volume-opt=type=tmpfs,volume-label=a=b,volume-nocopy,volume-driver=local', I] },
  { argv: ['--mount', 'type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1777', '--mount', 'target=/anon', I] },
  { argv: ['--mount', 'type=bind,"src=/tmp",target=/q,bind-recursive=enabled', '--mount', 'type=bind,src=./x,dst=/y,ro=true', I] },
  { argv: ['--tmpfs', '/run', '--tmpfs', '/x:size=1m,rw', '--read-only', I] },
  { argv: ['--volumes-from', 'c1', '--volumes-from', 'c2:ro', '--volume-driver', 'local', I] },
  // restart
  { argv: ['--restart', 'always', I] },
  { argv: ['--restart', 'on-failure:3', I] },
  { argv: ['--restart', 'unless-stopped', I] },
  { argv: ['--restart', 'foo', I] },
  { argv: ['--rm', '--restart', 'no', I] },
  // resources
  { argv: ['-m', '1g', '--memory-reservation', '512m', '--memory-swap', '-1', '--memory-swappiness', '10', '--kernel-memory', '10m', '--shm-size', '64m', I] },
  { argv: ['-m', '1.5k', '--memory-swap', '2GB', '--shm-size', '1 MiB', I] },
  { argv: ['--cpus', '1.5', '-c', '512', '--cpu-period', '100000', '--cpu-quota', '50000', '--cpuset-cpus', '0', '--cpuset-mems', '0', '--cpu-rt-period', '1000', '--cpu-rt-runtime', '100', I] },
  { argv: ['--cpus', '3/4', I] },
  { argv: ['--blkio-weight', '300', '--blkio-weight-device', '/dev/sda:200', '--device-read-bps', '/dev/sda:1mb', '--device-write-bps', '/dev/sdb:10', '--device-read-iops', '/dev/sda:1000', '--device-write-iops', '/dev/sda:100', I] },
  { argv: ['--pids-limit', '100', '--oom-kill-disable', '--oom-score-adj', '100', I] },
  { argv: ['--ulimit', 'nofile=1024:2048', '--ulimit', 'core=-1', '--ulimit', 'nproc=10', '--ulimit', 'nofile=5', I] },
  // devices
  { argv: ['--device', '/dev/null', '--device', '/dev/zero:/dev/z:r', '--device', '/dev/null:rw', '--device', '/dev/fuse/', '--device-cgroup-rule', 'c 1:3 mr', I] },
  { argv: ['--device', 'vendor.com/class=name', '--gpus', 'all', I] },
  { argv: ['--gpus', 'count=2,driver=nvidia,capabilities=compute', I] },
  { argv: ['--gpus', '"device=0,1"', '--gpus', '"options=a=b,c=d"', I] },
  // identity, dns, hosts
  { argv: ['-h', 'myhost', '--domainname', 'example.com', '-u', '1000:1000', '-w', '/work', I] },
  { argv: ['--add-host', 'a:1.2.3.4', '--add-host', 'b=::1', '--add-host', 'c:host-gateway', '--add-host', 'd=[::2]', I] },
  { argv: ['--dns', '8.8.8.8', '--dns', '::0001', '--dns', '::ffff:1.2.3.4', '--dns-option', 'ndots:2', '--dns-opt', 'x', '--dns-search', 'example.com', '--dns-search', '.', I] },
  // health
  { argv: ['--health-cmd', 'true', '--health-interval', '1m30s', '--health-timeout', '500ms', '--health-start-period', '1.5s', '--health-retries', '3', I] },
  { argv: ['--health-interval', '1h2m3.5s', I] },
  { argv: ['--no-healthcheck', I] },
  { argv: ['--stop-signal', 'SIGINT', '--stop-timeout', '5', I] },
  { argv: ['--stop-timeout', '0', I] },
  // logging, init, security
  { argv: ['--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--log-opt', 'max-file=2', I] },
  { argv: ['--init', I] },
  { argv: ['--init=false', I] },
  { argv: ['--privileged', '--cap-add', 'net_admin', '--cap-add', 'CAP_SYS_TIME', '--cap-drop', 'all', '--cap-add', 'NET_ADMIN', I] },
  { argv: ['--security-opt', 'no-new-privileges', '--security-opt', 'label=disable', '--security-opt', 'seccomp=unconfined', '--security-opt', 'systempaths=unconfined', I] },
  { argv: ['--security-opt', 'systempaths=unconfined', I] },
  { argv: ['--security-opt', `seccomp=${seccomp}`, '--security-opt', 'apparmor:unconfined', I] },
  { argv: ['--sysctl', 'net.ipv4.ip_forward=1', '--sysctl', 'kernel.msgmax=1', '--sysctl', 'net.ipv4.ip_forward=0', I] },
  // namespaces and misc
  { argv: ['--ipc', 'host', '--pid', 'host', '--uts', 'host', '--userns', 'host', '--cgroupns', 'private', '--cgroup-parent', 'foo', I] },
  { argv: ['--pid', 'container:abc', '--ipc', 'container:abc', I] },
  { argv: ['--storage-opt', 'size=1G', '--runtime', 'runc', '--group-add', '10', '--group-add', 'audio', '--isolation', 'default', I] },
  // networks
  { argv: ['--link', 'c1:alias', I] },
  { argv: ['--network', 'none', I] },
  { argv: ['--net', 'host', I] },
  { argv: ['--network', 'bridge', '--ip', '172.17.0.9', I] },
  { argv: ['--network', 'mynet', '--network-alias', 'a', '--net-alias', 'b', '--ip', '10.0.0.2', '--ip6', '2001:db8::2', '--link-local-ip', '169.254.1.1', '--link', 'c1', I] },
  { argv: ['--network', 'name=mynet,alias=x,driver-opt=com.foo=bar', '--network', 'other', I] },
  { argv: ['--network', 'name=MyNet,gw-priority=5', I] },
  { argv: ['--network', 'name=mynet', I] },
  { argv: ['--network', 'container:abc', I] },
  // attach / stdin / tty
  { argv: ['-a', 'stdin', '-a', 'STDOUT', I] },
  { argv: ['-i', I] },
  { argv: ['-t', I] },
  { argv: ['-it', I] },
  { argv: ['-a', 'stderr', '-i', I] },
  { cmd: 'run', argv: [I] },
  { cmd: 'run', argv: ['-d', I] },
  { cmd: 'run', argv: ['-i', I] },
  { cmd: 'run', argv: ['-di', I] },
  { cmd: 'run', argv: ['-dt', I] },
  { cmd: 'run', argv: ['-t', I] },
  { cmd: 'run', argv: ['-a', 'stdout', I] },
  { cmd: 'run', argv: ['-a', 'stdin', '-i', '--rm', '--sig-proxy=false', '--detach-keys', 'ctrl-a', I] },

  // Go number and duration syntax
  { argv: ['-c', '0x10', '--cpu-period', '010', '--stop-timeout', '1_0', '--oom-score-adj', '-5', I] },
  { argv: ['-m', '1_000k', '--shm-size', '0x1p20', '--memory-reservation', '1.5e3', I] },
  { argv: ['--health-interval', '.5s', '--health-timeout', '1.5µs', '--health-start-period', '1h', I] },
  { argv: ['--cpus', '1e-3', '--blkio-weight', '0x10', I] },
  { argv: ['--memory-swap', '0', '--kernel-memory', '0', I] },
  { argv: ['-e', 'A', '-e', 'A=', '-e', 'B=x=y', I], sortEnv: true },
  { argv: ['-l', 'a=1', '-l', 'a=2', '-l', 'c=', I] },
  { argv: ['--tmpfs', '/a', '--tmpfs', '/a:size=2m', I] },
  { argv: ['-v', '/x:/y', '-v', '/x:/y', I] },
  { argv: ['--mount', 'type=image,src=img,dst=/i,image-subpath=sub', I] },
  { argv: ['--mount', 'type=bind,src=/a,dst=/b,bind-nonrecursive', '--mount', 'type=bind,src=/a,dst=/c,bind-recursive=writable,ro', I] },
  { argv: ['--mount', 'type=volume,dst=/v,volume-subpath=s,consistency=Cached', I] },
  { argv: ['--add-host', 'x=[::ffff:1.2.3.4]', '--dns', '1.1.1.1', '--dns', '127.0.0.1', I] },
  { argv: ['--network', 'mynet', '--link', 'a:b', '--link', '/c:/x/d', I] },
  { argv: ['--network', 'a', '--network', 'b', '--network-alias', 'x', I] },
  { argv: ['--network', 'name=a,ip=10.0.0.5,ip6=::5,link-local-ip=169.254.0.5', I] },
  { argv: ['--gpus', '2', '--device', 'nvidia.com/gpu=all', '--device', 'vendor.com/class=name', I] },
  { cmd: 'run', argv: ['-d', '--rm', '--name', 'rf-run', '-e', 'X=1', I, 'sleep', '1'] },
  { cmd: 'run', argv: ['-i', '-a', 'stdin', I] },
  { argv: ['--entrypoint=', I] },
  { argv: ['-h=myhost', '-P=false', '--rm=true', I] },
  // --- errors ---
  { argv: ['-p', 'abc', I] },
  { argv: ['-p', '80/foo', I] },
  { argv: ['-p', '8000-8002:80-81', I] },
  { argv: ['-p', '[::1:80:80', I] },
  { argv: ['-p', '1.2.3:80:80', I] },
  { argv: ['-p', '80:', I] },
  { argv: ['-p', '70000', I] },
  { argv: ['-p', 'x:80', I] },
  { argv: ['-p', 'target=80,published', I] },
  { argv: ['--expose', '80:80', I] },
  { argv: ['--expose', 'abc', I] },
  { argv: ['--expose', '90-80', I] },
  { argv: ['-m', 'abc', I] },
  { argv: ['-m', '-1', I] },
  { argv: ['-m', '1x', I] },
  { argv: ['-m', '1.2.3', I] },
  { argv: ['--memory-swappiness', '200', I] },
  { argv: ['--cpus', 'abc', I] },
  { argv: ['--cpus', '0.0000000001', I] },
  { argv: ['-c', 'abc', I] },
  { argv: ['--blkio-weight', '70000', I] },
  { argv: ['--restart', 'on-failure:x', I] },
  { argv: ['--restart', ':3', I] },
  { argv: ['--rm', '--restart', 'always', I] },
  { argv: ['--health-interval', '1x', I] },
  { argv: ['--health-interval', '1', I] },
  { argv: ['--health-timeout', 'abc', I] },
  { argv: ['--health-interval', '-1s', I] },
  { argv: ['--health-retries', '-1', I] },
  { argv: ['--no-healthcheck', '--health-cmd', 'x', I] },
  { argv: ['--ulimit', 'nofile=2:1', I] },
  { argv: ['--ulimit', 'foo=1', I] },
  { argv: ['--ulimit', 'nofile', I] },
  { argv: ['--ulimit', 'nofile=x', I] },
  { argv: ['--ulimit', 'nofile=1:2:3', I] },
  { argv: ['--ulimit', 'nofile=-1:5', I] },
  { argv: ['--device', 'foo', I] },
  { argv: ['--device', '/dev/a:/dev/b:x', I] },
  { argv: ['--device', 'a:b:c:d', I] },
  { argv: ['--device', ':/dev/x', I] },
  { argv: ['--device-cgroup-rule', 'foo', I] },
  { argv: ['--blkio-weight-device', 'foo', I] },
  { argv: ['--blkio-weight-device', '/dev/sda:5', I] },
  { argv: ['--device-read-bps', '/dev/sda:x', I] },
  { argv: ['--device-read-iops', 'sda:1', I] },
  { argv: ['--pull', 'foo', I] },
  { argv: ['-a', 'foo', I] },
  { argv: ['-e', '=x', I] },
  { argv: ['--env-file', '/nonexist', I] },
  { argv: ['--label-file', '/nonexist', I] },
  { argv: ['--env-file', badEnvFile, I] },
  { argv: ['--env-file', noNameEnvFile, I] },
  { argv: ['--label', ' =x', I] },
  { argv: ['--label', 'a b=x', I] },
  { argv: ['--mount', '', I] },
  { argv: ['--mount', 'type=tmpfs', I] },
  { argv: ['--mount', 'target=/x,foo=bar', I] },
  { argv: ['--mount', 'a"b', I] },
  { argv: ['--mount', 'type=bind,"src=/a', I] },
  { argv: ['--mount', 'type=bind,target=/x,volume-opt=a', I] },
  { argv: ['--mount', 'target=/x,ro=maybe', I] },
  { argv: ['--mount', 'target=/x,readonly,bogus', I] },
  { argv: ['--mount', 'type=,target=/x', I] },
  { argv: ['--mount', 'type=bind,target=/x,bind-recursive=readonly', I] },
  { argv: ['--mount', 'type=bind,target=/x,bind-recursive=readonly,ro,bind-propagation=rprivate', I] },
  { argv: ['--mount', 'type=bind,target=/x,bind-recursive=nope', I] },
  { argv: ['--mount', 'type=tmpfs,target=/x,tmpfs-size=abc', I] },
  { argv: ['-v', '/a:/b:ro:x', I] },
  { argv: ['-v', ':/b', I] },
  { argv: ['--mac-address', 'foo', I] },
  { argv: ['--mac-address', '02:42:ac:11:00:02', I] },
  { argv: ['--annotation', 'a=b', I] },
  { argv: ['--health-start-interval', '1s', '--cpu-count', '1', I] },
  { argv: ['--io-maxiops', '5', I] },
  { argv: ['--network-alias', 'x', I] },
  { argv: ['--network', 'host', '--network', 'mynet', I] },
  { argv: ['--network', 'name=a', '--network', 'name=a', I] },
  { argv: ['--network', 'name=', I] },
  { argv: ['--network', 'alias=x', I] },
  { argv: ['--network', 'name=a,foo=b', I] },
  { argv: ['--network', 'name=a,gw-priority=x', I] },
  { argv: ['--network', 'name=mynet,alias=a', '--network-alias', 'b', I] },
  { argv: ['--network', 'name=mynet,mac-address=nope', I] },
  { argv: ['--security-opt', 'foo', I] },
  { argv: ['--security-opt', 'seccomp=/nonexist', I] },
  { argv: ['--security-opt', `seccomp=${badSeccomp}`, I], },
  { argv: ['--storage-opt', 'foo', I] },
  { argv: ['--log-driver', 'none', '--log-opt', 'a=b', I] },
  { argv: ['--pid', 'foo', I] },
  { argv: ['--pid', 'container:', I] },
  { argv: ['--uts', 'foo', I] },
  { argv: ['--userns', 'foo', I] },
  { argv: ['--cgroupns', 'foo', I] },
  { argv: ['--add-host', 'foo', I] },
  { argv: ['--add-host', 'a:b', I] },
  { argv: ['--dns', 'abc', I] },
  { argv: ['--dns-search', '-x', I] },
  { argv: ['--sysctl', 'foo=1', I] },
  { argv: ['--sysctl', 'net.x', I] },
  { argv: ['--link', 'a:b:c', I] },
  { argv: ['--gpus', 'count=x', I] },
  { argv: ['--gpus', 'foo=1', I] },
  { argv: ['--gpus', 'all,count=1', I] },
  { argv: ['--platform', 'linux/*', I] },
  { argv: ['--platform', 'foo', I] },
  { argv: ['--stop-timeout', 'x', I] },
  { argv: ['--oom-kill-disable=maybe', I] },
  { argv: ['--health-timeout', '1.5.5s', I] },
  { argv: ['--health-retries', '0x', I] },
  { argv: ['-m', '1k ', I] },
  { argv: ['-m', '0x10', I] },
  { argv: ['--cpus', '1/0', I] },
  { argv: ['--expose', '', I] },
  { argv: ['--tmpfs', '', '-v', '', I] },
  { argv: ['--link', '', I] },
  { argv: ['--ip', 'abc', '--network', 'none', I] },
  { argv: ['--network', 'none', '--network-alias', 'a', I] },
  { argv: ['--network', 'name=a,link-local-ip=x', '--link-local-ip', 'y', I] },
  { argv: ['--network', 'name=a,ip=1.2.3.4', '--ip', '1.2.3.5', I] },
  { argv: ['--network', '"name=a', I] },
  { cmd: 'run', argv: ['-d', '-a', 'stdout', I] },
  { cmd: 'run', argv: ['-it', I] },
  { cmd: 'run', argv: ['--mac-address', '02:42:ac:11:00:02', I] },
  { cmd: 'run', argv: ['--platform', 'foo', I] },
  { cmd: 'run', argv: ['--rm', '--restart', 'always', I] },
  { cmd: 'run', argv: ['-p', 'abc', I] },
  { cmd: 'run', argv: ['--annotation', 'a=b', I] },
];

type Outcome = { kind: 'body'; body: Record<string, unknown>; url: string } | { kind: 'error'; status: number; stderr: string };

function usage(cmd: string): string {
  return `Usage:  docker ${cmd} [OPTIONS] IMAGE [COMMAND] [ARG...]`;
}

/** what berth does for the command line, printed as docker prints it */
function berth(cmd: 'create' | 'run', argv: string[], env: NodeJS.ProcessEnv): Outcome {
  try {
    const p = parseFlags(argv, cmd === 'run' ? runFlags : createFlags, false);
    const req = buildCreateRequest(p.opts, p.changed, p.args, {
      apiVersion: '1.41',
      env,
      readFile: (file) => readFileSync(file, 'utf8'),
      stdinIsTty: false,
    });
    const q = new URLSearchParams();
    if (req.name) q.set('name', req.name);
    if (req.platform) q.set('platform', req.platform);
    const qs = q.toString();
    return { kind: 'body', body: req.body, url: `/v1.41/containers/create${qs ? `?${qs}` : ''}` };
  } catch (e) {
    if (e instanceof FlagError) {
      return { kind: 'error', status: 125, stderr: `${e.message}\n\n${usage(cmd)}\n\nRun 'docker ${cmd} --help' for more information\n` };
    }
    if (e instanceof StatusError) {
      return { kind: 'error', status: e.status, stderr: `docker: ${e.message}\n\nRun 'docker ${cmd} --help' for more information\n` };
    }
    if (e instanceof PlainCreateError) return { kind: 'error', status: 1, stderr: `${e.message}\n` };
    throw e;
  }
}

function normalize(body: Record<string, unknown>, sortEnv: boolean): Record<string, unknown> {
  const b = JSON.parse(JSON.stringify(body)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (sortEnv && Array.isArray(b.Env)) b.Env.sort();
  // docker collects -v binds through a Go map: their order is random
  if (Array.isArray(b.HostConfig?.Binds)) b.HostConfig.Binds.sort();
  return b;
}

describe.skipIf(!haveOracle)(`create/run requests against docker (${haveOracle ? 'oracle present' : skipReason})`, () => {
  const proxy = new CaptureProxy();
  beforeAll(async () => {
    await proxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    rmSync(fx, { recursive: true, force: true });
  });

  for (const c of cases) {
    const cmd = c.cmd ?? 'create';
    it(`${cmd} ${c.argv.map((a) => JSON.stringify(a)).join(' ')}`, async () => {
      const env = { ...baseEnv(proxy.dir), ...extraEnv };
      const docker = await proxy.run([cmd, ...c.argv], extraEnv);
      const ours = berth(cmd, c.argv, env);
      if (docker.captured) {
        expect(ours.kind, `docker sent a request; berth: ${JSON.stringify(ours)}`).toBe('body');
        if (ours.kind !== 'body') return;
        expect(normalize(ours.body, !!c.sortEnv)).toEqual(normalize(docker.captured.body, !!c.sortEnv));
        expect(ours.url).toBe(docker.captured.url);
      } else {
        expect(ours).toEqual({ kind: 'error', status: docker.status, stderr: docker.stderr });
      }
    });
  }
});
