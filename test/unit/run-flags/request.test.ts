// buildCreateRequest without the oracle: API-version rules, error classes, context inputs.
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../src/cli/flags.js';
import { StatusError } from '../../../src/cli/errors.js';
import {
  PlainCreateError,
  buildCreateRequest,
  createFlags,
  flagsForEngine,
  formatWithHelp,
  runFlags,
  type CreateContext,
  type CreateRequest,
} from '../../../commands/container/run-flags.js';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(argv: string[], ctx: Partial<CreateContext> = {}, cmd: 'create' | 'run' = 'create'): CreateRequest {
  const p = parseFlags(argv, cmd === 'run' ? runFlags : createFlags, false);
  return buildCreateRequest(p.opts, p.changed, p.args, {
    apiVersion: '1.41',
    env: {},
    readFile: () => {
      throw Object.assign(new Error('no'), { code: 'ENOENT' });
    },
    stdinIsTty: false,
    ...ctx,
  });
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('request basics', () => {
  it('takes image and command from args and the query fields from flags', () => {
    const r = build(['--name', 'x', '--pull', 'always', '-q', '--cidfile', '/tmp/cid', '--platform', 'arm64', 'busybox', 'echo', '-n', 'hi']);
    expect(r).toMatchObject({ name: 'x', pull: 'always', quiet: true, cidfile: '/tmp/cid', platform: 'linux/arm64' });
    expect(r.body.Image).toBe('busybox');
    expect(r.body.Cmd).toEqual(['echo', '-n', 'hi']);
    expect((r.body.HostConfig as Body).ContainerIDFile).toBe('/tmp/cid');
  });
  it('defaults: no name, pull missing, default network endpoint', () => {
    const r = build(['busybox']);
    expect(r.name).toBeUndefined();
    expect(r.pull).toBe('missing');
    expect(r.platform).toBeUndefined();
    expect(Object.keys((r.body.NetworkingConfig as Body).EndpointsConfig)).toEqual(['default']);
    expect((r.body.HostConfig as Body).RestartPolicy).toEqual({ Name: 'no', MaximumRetryCount: 0 });
  });
  it('looks bare -e KEY up in ctx.env, not process.env', () => {
    const r = build(['-e', 'K', '-e', 'PATH', '-e', 'K2=v', 'busybox'], { env: { K: 'v1' } });
    expect(r.body.Env).toEqual(['K=v1', 'PATH', 'K2=v']);
  });
  it('adds the config file proxies unless set with -e', () => {
    const r = build(['-e', 'HTTP_PROXY=mine', 'busybox'], { proxies: { httpProxy: 'http://p', noProxy: 'localhost' } });
    expect(r.body.Env).toEqual(['HTTP_PROXY=mine', 'http_proxy=http://p', 'NO_PROXY=localhost', 'no_proxy=localhost']);
  });
  it("adds docker's localhost DNS warning", () => {
    expect(build(['--dns', '8.8.8.8', '--dns', '127.0.0.2', '--dns', '::1', 'busybox']).warnings).toEqual(['Localhost DNS (127.0.0.2) may fail in containers.']);
    expect(build(['--dns', '::0001', 'busybox']).warnings).toEqual(['Localhost DNS (::1) may fail in containers.']);
    expect(build(['--dns', '8.8.8.8', 'busybox']).warnings).toBeUndefined();
  });
  it('sets the console size when given', () => {
    expect((build(['busybox'], { consoleSize: [24, 80] }).body.HostConfig as Body).ConsoleSize).toEqual([24, 80]);
  });
});

describe('run and create attach rules', () => {
  it('create -i attaches stdin and closes it after', () => {
    expect(build(['-i', 'busybox']).body).toMatchObject({ AttachStdin: true, AttachStdout: true, AttachStderr: true, OpenStdin: true, StdinOnce: true });
  });
  it('run -d attaches nothing', () => {
    expect(build(['-di', 'busybox'], {}, 'run').body).toMatchObject({ AttachStdin: false, AttachStdout: false, AttachStderr: false, OpenStdin: true, StdinOnce: false });
  });
  it('run -it needs a terminal on stdin', () => {
    const e = thrown(() => build(['-it', 'busybox'], {}, 'run'));
    expect(e).toBeInstanceOf(PlainCreateError);
    expect(e.message).toBe('the input device is not a TTY');
    expect(build(['-it', 'busybox'], { stdinIsTty: true }, 'run').body).toMatchObject({ Tty: true, AttachStdin: true });
    // create does not check the terminal
    expect(build(['-it', 'busybox']).body).toMatchObject({ Tty: true });
  });
  it('run -d -a conflicts', () => {
    const e = thrown(() => build(['-d', '-a', 'stdout', 'busybox'], {}, 'run'));
    expect(e).toBeInstanceOf(PlainCreateError);
    expect(e.message).toBe('conflicting options: cannot specify both --attach and --detach');
  });
  it('the command can be forced through ctx.command', () => {
    const p = parseFlags(['-d', 'busybox'], runFlags, false);
    const r = buildCreateRequest(p.opts, p.changed, p.args, { apiVersion: '1.41', env: {}, readFile: () => '', stdinIsTty: false, command: 'create' });
    expect(r.body.AttachStdout).toBe(true);
  });
});

describe('error shapes', () => {
  it('post-parse validation errors are StatusError(reason, 125) for the caller to wrap', () => {
    const e = thrown(() => build(['-p', 'abc', 'busybox']));
    expect(e).toBeInstanceOf(StatusError);
    expect((e as StatusError).status).toBe(125);
    expect(e.message).toBe('invalid containerPort: abc');
    expect(formatWithHelp(e.message, 'create')).toBe("berth: invalid containerPort: abc\n\nRun 'berth create --help' for more information");
  });
  it('pull option errors come first', () => {
    expect(thrown(() => build(['--pull', 'x', '-p', 'abc', 'busybox'])).message).toBe(`invalid pull option: 'x': must be one of "always", "missing" or "never"`);
  });
  it('flags the engine cannot take are PlainCreateErrors, all of them, sorted', () => {
    const e = thrown(() => build(['--health-start-interval', '1s', '--annotation', 'a=b', '--cpu-count', '2', 'busybox']));
    expect(e).toBeInstanceOf(PlainCreateError);
    expect(e.message).toBe(
      [
        '"--annotation" requires API version 1.43, but the Docker daemon API version is 1.41',
        '"--cpu-count" is only supported on a Docker daemon running on windows, but the Docker daemon is running on linux',
        '"--health-start-interval" requires API version 1.44, but the Docker daemon API version is 1.41',
      ].join('\n'),
    );
  });
  it('client-side API checks: plain for create, wrapped (125) for run', () => {
    const c = thrown(() => build(['--mac-address', '02:42:ac:11:00:02', 'busybox']));
    expect(c).toBeInstanceOf(PlainCreateError);
    expect(c.message).toBe('"specify mac-address per network" requires API version 1.44, but the Docker daemon API version is 1.41');
    const r = thrown(() => build(['--mac-address', '02:42:ac:11:00:02', 'busybox'], {}, 'run'));
    expect(r).toBeInstanceOf(StatusError);
    expect((r as StatusError).status).toBe(125);
  });
  it('rejects --use-api-socket', () => {
    expect(thrown(() => build(['--use-api-socket', 'busybox'])).message).toBe('flag --use-api-socket is not supported by berth');
  });
});

describe('API versions', () => {
  it('1.44: MAC addresses per endpoint, start intervals and annotations', () => {
    const r = build(['--mac-address', '02:42:ac:11:00:02', '--health-start-interval', '2s', '--annotation', 'a=b', 'busybox'], { apiVersion: '1.44' });
    const body = r.body as Body;
    expect(body.MacAddress).toBeUndefined();
    expect(body.NetworkingConfig.EndpointsConfig.default.MacAddress).toBe('02:42:ac:11:00:02');
    expect(body.Healthcheck).toEqual({ StartInterval: 2e9 });
    expect(body.HostConfig.Annotations).toEqual({ a: 'b' });
  });
  it('kernel memory is only sent to API 1.40 and 1.41', () => {
    expect((build(['--kernel-memory', '10m', 'busybox']).body.HostConfig as Body).KernelMemory).toBe(10485760);
    expect((build(['--kernel-memory', '10m', 'busybox'], { apiVersion: '1.42' }).body.HostConfig as Body).KernelMemory).toBeUndefined();
    expect((build(['--kernel-memory', '10m', 'busybox'], { apiVersion: '1.39' }).body.HostConfig as Body).KernelMemory).toBeUndefined();
  });
  it('the platform is only sent from API 1.41', () => {
    expect(build(['--platform', 'linux/amd64', 'busybox'], { apiVersion: '1.40' }).platform).toBeUndefined();
  });
  it('old engines: no --cgroupns before 1.41, no AutoRemove before 1.25', () => {
    expect(thrown(() => build(['--cgroupns', 'host', 'busybox'], { apiVersion: '1.40' })).message).toBe(
      '"--cgroupns" requires API version 1.41, but the Docker daemon API version is 1.40',
    );
    expect((build(['--rm', 'busybox'], { apiVersion: '1.24' }).body.HostConfig as Body).AutoRemove).toBe(false);
  });
  it('bind-recursive=readonly needs 1.44', () => {
    const argv = ['--mount', 'type=bind,src=/a,dst=/b,ro,bind-recursive=readonly,bind-propagation=rprivate', 'busybox'];
    expect(thrown(() => build(argv)).message).toBe('bind-recursive=readonly requires API v1.44 or later');
    expect((build(argv, { apiVersion: '1.44' }).body.HostConfig as Body).Mounts[0].BindOptions).toEqual({ Propagation: 'rprivate', ReadOnlyForceRecursive: true });
  });
  it('Windows engines take the Windows-only flags and devices as they are', () => {
    const r = build(['--cpu-count', '2', '--io-maxiops', '10', '--device', 'class/xyz', 'busybox'], { osType: 'windows' });
    const hc = r.body.HostConfig as Body;
    expect(hc.CpuCount).toBe(2);
    expect(hc.IOMaximumIOps).toBe(10);
    expect(hc.Devices).toEqual([{ PathOnHost: 'class/xyz', PathInContainer: '', CgroupPermissions: '' }]);
  });
});

describe('flagsForEngine', () => {
  it('shows the flags a newer engine supports and hides the aliases', () => {
    const f = flagsForEngine(createFlags, { apiVersion: '1.50', osType: 'linux' });
    const hidden = f.filter((x) => x.hidden).map((x) => x.name);
    expect(hidden.sort()).toEqual(['cpu-count', 'cpu-percent', 'dns-opt', 'io-maxbandwidth', 'io-maxiops', 'net', 'net-alias']);
    const all = flagsForEngine(createFlags, {});
    expect(all.filter((x) => x.hidden).map((x) => x.name).sort()).toEqual(['dns-opt', 'net', 'net-alias']);
  });
});
