// Differential tests of `version` and `info` / `system info` against the reference docker
// CLI, on the same engine: exit code, stdout and stderr must match.
//
// What legitimately differs because the client is berth and not docker 28 is masked on
// both sides before comparing, and only that:
//   - the client's own version facts: the Version, Go version, Git commit and Built values
//     of `version`'s Client: section, the Version value of `info`'s Client: section, and the
//     same fields (Version, GoVersion, GitCommit, BuildTime) of the Client / ClientInfo part
//     of the JSON. Everything else on the client side (API version and its downgrade note,
//     OS/Arch, Context, Debug Mode) and the whole Server part is compared byte for byte.
//   - docker prints Runtimes in Go's random map order; berth sorts them: that line is
//     compared as a set.
//   - figures that change between two requests to the engine (SystemTime, NFd, NGoroutines,
//     NEventsListener) in the JSON and in the debug lines of `-D info`.
import { describe, expect, it } from 'vitest';
import { both, HOST, skipReason, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/system: skipped: ${reason}`);

const NO_ENGINE = 'unix:///tmp/berth-no-engine-here.sock';

/** the Client: section's lines whose values are the client's own build facts */
function maskVersionClient(s: string): string {
  const cut = s.indexOf('\nServer:');
  const client = cut < 0 ? s : s.slice(0, cut);
  const rest = cut < 0 ? '' : s.slice(cut);
  return client.replace(/^( (?:Version|Go version|Git commit|Built):\s+).*$/gm, '$1<client>') + rest;
}

function maskInfoClient(s: string): string {
  const cut = s.indexOf('\nServer:');
  const client = cut < 0 ? s : s.slice(0, cut);
  const rest = cut < 0 ? '' : s.slice(cut);
  return client.replace(/^( Version: +).*$/m, '$1<client>') + rest;
}

const CLIENT_JSON_FIELDS = /"(Version|GoVersion|GitCommit|BuildTime)":"[^"]*"/g;

/** version's JSON: the client's facts inside "Client":{...} (which comes first) */
function maskVersionJson(s: string): string {
  const cut = s.indexOf(',"Server":');
  if (cut < 0) return s.replace(CLIENT_JSON_FIELDS, '"$1":"<client>"');
  return s.slice(0, cut).replace(CLIENT_JSON_FIELDS, '"$1":"<client>"') + s.slice(cut);
}

const VOLATILE_JSON = /"(SystemTime|NFd|NGoroutines|NEventsListener)":("[^"]*"|\d+)/g;

/** info's JSON: "ClientInfo":{...} (which comes last), and the figures that move */
function maskInfoJson(s: string): string {
  let out = s.replace(VOLATILE_JSON, '"$1":"<volatile>"');
  const cut = out.indexOf('"ClientInfo":');
  if (cut >= 0) out = out.slice(0, cut) + out.slice(cut).replace(CLIENT_JSON_FIELDS, '"$1":"<client>"');
  else out = out.replace(CLIENT_JSON_FIELDS, '"$1":"<client>"');
  return out;
}

function sortRuntimes(s: string): string {
  return s.replace(/^( Runtimes: )(.*)$/m, (_m, label: string, names: string) => label + names.split(' ').sort().join(' '));
}

function maskDebugLines(s: string): string {
  return s.replace(/^( {2}(?:File Descriptors|Goroutines|System Time|EventsListeners):).*$/gm, '$1 <volatile>');
}

type Mask = (s: string) => string;

interface Case {
  args: string[];
  env?: Record<string, string>;
  /** applied to both stdouts before comparing */
  mask?: Mask;
  /** the exit code docker is expected to give: guards against comparing two failures */
  code?: number;
}

async function compare(c: Case): Promise<void> {
  const r = await both(c.args, { env: c.env });
  const norm = (x: Result): Result => ({ code: x.code, stdout: c.mask ? c.mask(x.stdout) : x.stdout, stderr: x.stderr });
  const d = norm(r.docker);
  const b = norm(r.berth);
  if (c.code !== undefined) expect(d.code, `docker's exit code for ${c.args.join(' ')}`).toBe(c.code);
  expect(b).toEqual(d);
}

const versionCases: Case[] = [
  { args: ['version'], mask: maskVersionClient, code: 0 },
  { args: ['version', '--format', '{{.Server.Version}}'], code: 0 },
  { args: ['version', '-f', '{{.Server.APIVersion}} {{.Server.MinAPIVersion}}'], code: 0 },
  { args: ['version', '-f', '{{.Server.Os}}/{{.Server.Arch}} {{.Server.KernelVersion}}'], code: 0 },
  { args: ['version', '-f', '{{.Server.Experimental}} {{.Server.BuildTime}}'], code: 0 },
  { args: ['version', '-f', '{{.Server.GitCommit}} {{.Server.GoVersion}}'], code: 0 },
  { args: ['version', '-f', '{{.Server.Platform.Name}}|{{.Server.Platform}}'], code: 0 },
  { args: ['version', '-f', '{{.Server.Components}}'], code: 0 },
  { args: ['version', '-f', '{{range .Server.Components}}{{.Name}}={{.Version}};{{end}}'], code: 0 },
  { args: ['version', '-f', '{{range .Server.Components}}{{.Name}} {{.Details}}{{"\\n"}}{{end}}'], code: 0 },
  { args: ['version', '-f', '{{json .Server}}'], code: 0 },
  { args: ['version', '-f', '{{json .Server.Components}}'], code: 0 },
  { args: ['version', '-f', '{{(index .Server.Components 0).Details.BuildTime}}'], code: 0 },
  { args: ['version', '-f', '{{index (index .Server.Components 0).Details "ApiVersion"}}'], code: 0 },
  { args: ['version', '-f', '{{range .Server.Components}}{{getDetailsOrder .}}{{end}}'], code: 0 },
  { args: ['version', '-f', '{{.Server}}'], code: 0 },
  { args: ['version', '-f', '{{.Client.APIVersion}} {{.Client.DefaultAPIVersion}} {{.Client.Context}} {{.Client.Os}}'], code: 0 },
  { args: ['version', '-f', '{{.Client.Platform}}'], code: 0 },
  { args: ['version', '-f', 'a\tb\t{{.Server.Version}}\nlonger cell text\tc\td'], code: 0 },
  { args: ['version', '-f', '{{upper .Server.Os}} {{title .Server.Arch}} {{split .Server.Version "+"}} {{join (split .Server.Version ".") "-"}}'], code: 0 },
  { args: ['version', '-f', '{{pad .Server.Version 2 2}}|{{truncate .Server.Version 5}}|{{lower "ABC"}}'], code: 0 },
  { args: ['version', '-f', '{{with .Server}}{{.Version}}{{end}} {{if eq .Server.Os "linux"}}yes{{else}}no{{end}} {{len .Server.Components}}'], code: 0 },
  { args: ['version', '-f', '{{printf "%s-%v" .Server.Version .Server.Experimental}}'], code: 0 },
  { args: ['version', '-f', 'json'], mask: maskVersionJson, code: 0 },
  { args: ['version', '-f', '{{json .}}'], mask: maskVersionJson, code: 0 },
  { args: ['version', '-f', '{{.Foo}}'], code: 1 },
  { args: ['version', '-f', 'abc{{.Foo}}'], code: 1 },
  { args: ['version', '-f', '{{.Client.Foo}}'], code: 1 },
  { args: ['version', '-f', '{{.Server.Foo}}'], code: 1 },
  { args: ['version', '-f', '{{'], code: 64 },
  { args: ['version', '-f', '{{.Server.Version'], code: 64 },
  { args: ['version', '-f', '{{nofunc .}}'], code: 64 },
  { args: ['version', 'extra'], code: 1 },
  { args: ['version', '--format'], code: 125 },
];

const infoCases: Case[] = [
  { args: ['info'], mask: (s) => sortRuntimes(maskInfoClient(s)), code: 0 },
  { args: ['system', 'info'], mask: (s) => sortRuntimes(maskInfoClient(s)), code: 0 },
  { args: ['-D', 'info'], mask: (s) => maskDebugLines(sortRuntimes(maskInfoClient(s))), code: 0 },
  { args: ['info', '--format', '{{.ServerVersion}}'], code: 0 },
  { args: ['system', 'info', '-f', '{{.Name}}'], code: 0 },
  { args: ['info', '-f', '{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}} {{.Images}}'], code: 0 },
  { args: ['info', '-f', '{{.Driver}} {{.DriverStatus}}'], code: 0 },
  { args: ['info', '-f', '{{range .DriverStatus}}{{index . 0}}={{index . 1}};{{end}}'], code: 0 },
  { args: ['info', '-f', '{{.Plugins}}'], code: 0 },
  { args: ['info', '-f', '{{json .Plugins}}'], code: 0 },
  { args: ['info', '-f', '{{.Plugins.Volume}} {{.Plugins.Authorization}} {{len .Plugins.Log}}'], code: 0 },
  { args: ['info', '-f', '{{.RegistryConfig.InsecureRegistryCIDRs}} {{.RegistryConfig.Mirrors}}'], code: 0 },
  { args: ['info', '-f', '{{json .RegistryConfig}}'], code: 0 },
  { args: ['info', '-f', '{{index .RegistryConfig.IndexConfigs "docker.io"}}'], code: 0 },
  { args: ['info', '-f', '{{.Swarm}}'], code: 0 },
  { args: ['info', '-f', '{{json .Swarm}} {{.Swarm.LocalNodeState}}'], code: 0 },
  { args: ['info', '-f', '{{.Runtimes}}'], code: 0 },
  { args: ['info', '-f', '{{json .Runtimes}}'], code: 0 },
  { args: ['info', '-f', '{{range $k, $v := .Runtimes}}{{$k}}={{$v.Path}};{{end}}'], code: 0 },
  {
    args: ['info', '-f', '{{.SecurityOptions}} {{.MemTotal}} {{.NCPU}} {{.Labels}} {{.Warnings}} {{.ServerErrors}} {{.GenericResources}} {{.CDISpecDirs}} {{.DefaultAddressPools}} {{.FirewallBackend}} {{.Containerd}} {{.Isolation}}'],
    code: 0,
  },
  { args: ['info', '-f', '{{.ContainerdCommit}} {{.RuncCommit.ID}} {{.InitCommit}} {{json .InitCommit}}'], code: 0 },
  { args: ['info', '-f', '{{.KernelVersion}}|{{.OperatingSystem}}|{{.OSVersion}}|{{.OSType}}|{{.Architecture}}|{{.ID}}|{{.DockerRootDir}}'], code: 0 },
  { args: ['info', '-f', '{{.CPUCfsPeriod}} {{.CPUCfsQuota}} {{.HTTPProxy}}|{{.KernelMemory}} {{.CgroupVersion}} {{.SystemStatus}} {{.ProductLicense}}'], code: 0 },
  { args: ['info', '-f', '{{.ClientInfo.Debug}} {{.ClientInfo.Context}} {{.ClientInfo.Plugins}} {{.ClientErrors}} {{.ClientInfo.Warnings}} {{.ClientInfo.APIVersion}}'], code: 0 },
  { args: ['info', '-f', '{{.Info.ServerVersion}} {{.UserName}}'], code: 0 },
  { args: ['info', '-f', 'plain'], code: 0 },
  { args: ['info', '-f', 'json'], mask: maskInfoJson, code: 0 },
  { args: ['info', '-f', '{{json .}}'], mask: maskInfoJson, code: 0 },
  { args: ['info', '-f', '{{json .ClientInfo}}'], mask: maskInfoJson, code: 0 },
  { args: ['info', '-f', '{{.Foo}}'], code: 1 },
  { args: ['info', '-f', 'abc{{.Foo}}'], code: 1 },
  { args: ['info', '-f', '{{.ClientInfo.Foo}}'], code: 1 },
  { args: ['info', '-f', '{{.Swarm.Foo}}'], code: 1 },
  { args: ['info', '-f', '{{'], code: 64 },
  { args: ['info', '-f', '{{.Name}'], code: 64 },
  { args: ['info', 'extra'], code: 1 },
];

const noEngine = { DOCKER_HOST: NO_ENGINE };
const unreachableCases: Case[] = [
  { args: ['version'], env: noEngine, mask: maskVersionClient, code: 1 },
  { args: ['version', '-f', '{{.Server.Version}}'], env: noEngine, code: 1 },
  { args: ['version', '-f', '{{.Client.APIVersion}} {{.Client.Context}}'], env: noEngine, code: 1 },
  { args: ['version', '-f', 'json'], env: noEngine, mask: maskVersionJson, code: 1 },
  { args: ['version', '-f', '{{.Foo}}'], env: noEngine, code: 1 },
  { args: ['version', '-f', '{{'], env: noEngine, code: 64 },
  { args: ['info'], env: noEngine, mask: maskInfoClient, code: 1 },
  { args: ['info', '-f', '{{.ServerVersion}}'], env: noEngine, code: 1 },
  { args: ['info', '-f', '{{.ClientInfo.Context}} {{.ClientInfo.Debug}}'], env: noEngine, code: 0 },
  { args: ['info', '-f', '{{.Foo}}'], env: noEngine, code: 1 },
  { args: ['info', '-f', '{{.ClientInfo.Foo}}'], env: noEngine, code: 1 },
  { args: ['info', '-f', '{{'], env: noEngine, code: 64 },
  { args: ['info', '-f', 'plain'], env: noEngine, code: 1 },
  { args: ['info', '-f', 'json'], env: noEngine, mask: maskInfoJson, code: 1 },
  { args: ['version'], env: { DOCKER_HOST: 'tcp://127.0.0.1:1' }, mask: maskVersionClient, code: 1 },
  { args: ['info'], env: { DOCKER_HOST: 'tcp://127.0.0.1:1' }, mask: maskInfoClient, code: 1 },
  // a host the client cannot even set up: nothing printed but the error, unless no engine is needed
  { args: ['version'], env: { DOCKER_HOST: 'foo://x' }, code: 1 },
  { args: ['info'], env: { DOCKER_HOST: 'foo://x' }, code: 1 },
  { args: ['info', '-f', '{{.ClientInfo.Context}}'], env: { DOCKER_HOST: 'foo://x' }, code: 0 },
];

// a pinned API version: no negotiation; one the engine refuses makes /version and /info fail
const pinnedCases: Case[] = [
  { args: ['version'], env: { DOCKER_API_VERSION: '1.40' }, mask: maskVersionClient, code: 0 },
  { args: ['version', '-f', '{{.Client.APIVersion}} {{.Client.DefaultAPIVersion}} {{.Server.APIVersion}}'], env: { DOCKER_API_VERSION: '1.40' }, code: 0 },
  { args: ['version'], env: { DOCKER_API_VERSION: '1.99' }, mask: maskVersionClient, code: 1 },
  { args: ['info'], env: { DOCKER_API_VERSION: '1.99' }, mask: maskInfoClient, code: 1 },
  { args: ['info', '-f', '{{.ServerVersion}}|{{.ServerErrors}}'], env: { DOCKER_API_VERSION: '1.99' }, code: 0 },
  { args: ['info', '-f', '{{json .ServerErrors}}'], env: { DOCKER_API_VERSION: '1.99' }, code: 0 },
  { args: ['-H', HOST, 'version', '-f', '{{.Client.Context}} {{.Server.Version}}'], code: 0 },
];

describe.skipIf(reason !== '')('version matches docker', () => {
  it.each(versionCases.map((c) => [c.args.join(' '), c] as const))('%s', async (_name, c) => {
    await compare(c);
  });
});

describe.skipIf(reason !== '')('info matches docker', () => {
  it.each(infoCases.map((c) => [c.args.join(' '), c] as const))('%s', async (_name, c) => {
    await compare(c);
  });
});

describe.skipIf(reason !== '')('version and info without an engine match docker', () => {
  it.each(unreachableCases.map((c) => [c.args.join(' '), c] as const))('%s', async (_name, c) => {
    await compare(c);
  });
});

describe.skipIf(reason !== '')('version and info with a pinned API version match docker', () => {
  it.each(pinnedCases.map((c) => [`${JSON.stringify(c.env ?? {})} ${c.args.join(' ')}`, c] as const))('%s', async (_name, c) => {
    await compare(c);
  });
});

describe.skipIf(reason !== '')('the client part is berth', () => {
  it('version reports berth, its runtime and its API negotiation', async () => {
    const r = await both(['version']);
    expect(r.berth.code).toBe(0);
    expect(r.berth.stdout).toMatch(/^Client:\n Version: {11}0\.1\.0\n/);
    expect(r.berth.stdout).toMatch(/^ Go version: {8}node\d+\.\d+\.\d+$/m);
    // the same negotiation as docker's: the engine's API version, downgraded from 1.50
    const api = (s: string): string | undefined => /^ API version:.*$/m.exec(s)?.[0];
    expect(api(r.berth.stdout)).toBe(api(r.docker.stdout));
  });

  it('info reports berth', async () => {
    const r = await both(['info', '-f', '{{.ClientInfo.Version}}']);
    expect(r.berth).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });
});
