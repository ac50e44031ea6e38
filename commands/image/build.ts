import '../../src/cli/core.js';
// docker build / docker image build with the classic builder (POST /build): the flags of
// docker 28's `DOCKER_BUILDKIT=0 docker build`, docker's checks, then src/build/run.ts.
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import type { FlagSpec } from '../../src/cli/flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { versionLess } from '../../src/engine/client.js';
import { goParseInt } from '../../src/cli/opts/goparse.js';
import { ramInBytes } from '../../src/cli/opts/units.js';
import { readCsvRecord } from '../../src/cli/opts/csv.js';
import { parseUlimit, validateExtraHost, validateLabel } from '../../src/cli/opts/validators.js';
import { parseNormalizedNamed } from '../../src/util/reference.js';
import { selectClassicBuilder } from '../../src/build/builder.js';
import { trustDisabledByDefault } from '../../src/cli/trust.js';
import { runBuild, type BuildOptions } from '../../src/build/run.js';
import type { Cli } from '../../src/cli/cli.js';

const int = (raw: string): number => goParseInt(raw, 0);
const bytes = (raw: string): number => ramInBytes(raw);
const swapBytes = (raw: string): number => (raw === '-1' ? -1 : ramInBytes(raw));
/** pflag's stringSlice: one CSV record per value */
const stringSlice = (raw: string): string[] => (raw === '' ? [] : readCsvRecord(raw));

/** opts.ValidateEnv as docker 28's build-arg uses it: a bare KEY takes its value from the environment */
function validateBuildArg(val: string): string {
  const eq = val.indexOf('=');
  const k = eq < 0 ? val : val.slice(0, eq);
  if (k === '') throw new Error(`invalid environment variable: ${val}`);
  if (eq >= 0) return val;
  if (Object.prototype.hasOwnProperty.call(process.env, k)) return `${k}=${process.env[k]}`;
  return val;
}

/** validateTag: the name must parse as an image reference */
function validateTag(raw: string): string {
  parseNormalizedNamed(raw);
  return raw;
}

/** flags docker annotates with the API version they need */
const flagVersions: Record<string, string> = { network: '1.25', platform: '1.38', squash: '1.25' };
/** flags that need an experimental daemon */
const experimentalFlags = new Set(['squash']);

const allFlags: FlagSpec[] = [
  { name: 'add-host', kind: 'list', type: 'list', usage: 'Add a custom host-to-IP mapping ("host:ip")', parse: validateExtraHost },
  { name: 'build-arg', kind: 'list', type: 'list', usage: 'Set build-time variables', parse: validateBuildArg },
  { name: 'cache-from', kind: 'list', type: 'strings', usage: 'Images to consider as cache sources', parse: stringSlice },
  { name: 'cgroup-parent', kind: 'value', type: 'string', usage: 'Set the parent cgroup for the "RUN" instructions during build' },
  { name: 'compress', kind: 'bool', usage: 'Compress the build context using gzip' },
  { name: 'cpu-period', kind: 'value', type: 'int', usage: 'Limit the CPU CFS (Completely Fair Scheduler) period', default: 0, parse: int },
  { name: 'cpu-quota', kind: 'value', type: 'int', usage: 'Limit the CPU CFS (Completely Fair Scheduler) quota', default: 0, parse: int },
  { name: 'cpu-shares', short: 'c', kind: 'value', type: 'int', usage: 'CPU shares (relative weight)', default: 0, parse: int },
  { name: 'cpuset-cpus', kind: 'value', type: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
  { name: 'cpuset-mems', kind: 'value', type: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
  { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', default: trustDisabledByDefault(process.env) },
  { name: 'file', short: 'f', kind: 'value', type: 'string', usage: 'Name of the Dockerfile (Default is "PATH/Dockerfile")' },
  { name: 'force-rm', kind: 'bool', usage: 'Always remove intermediate containers' },
  { name: 'iidfile', kind: 'value', type: 'string', usage: 'Write the image ID to the file' },
  { name: 'isolation', kind: 'value', type: 'string', usage: 'Container isolation technology' },
  { name: 'label', kind: 'list', type: 'list', usage: 'Set metadata for an image', parse: validateLabel },
  { name: 'memory', short: 'm', kind: 'value', type: 'bytes', usage: 'Memory limit', parse: bytes },
  { name: 'memory-swap', kind: 'value', type: 'bytes', usage: 'Swap limit equal to memory plus swap: -1 to enable unlimited swap', parse: swapBytes },
  { name: 'network', kind: 'value', type: 'string', usage: 'Set the networking mode for the RUN instructions during build', default: 'default' },
  { name: 'no-cache', kind: 'bool', usage: 'Do not use cache when building the image' },
  {
    name: 'platform',
    kind: 'value',
    type: 'string',
    usage: 'Set platform if server is multi-platform capable',
    ...(process.env.DOCKER_DEFAULT_PLATFORM ? { default: process.env.DOCKER_DEFAULT_PLATFORM } : {}),
  },
  { name: 'pull', kind: 'bool', usage: 'Always attempt to pull a newer version of the image' },
  { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress the build output and print image ID on success' },
  { name: 'rm', kind: 'bool', usage: 'Remove intermediate containers after a successful build', default: true },
  { name: 'security-opt', kind: 'list', type: 'strings', usage: 'Security options', parse: stringSlice },
  { name: 'shm-size', kind: 'value', type: 'bytes', usage: 'Size of "/dev/shm"', parse: bytes },
  { name: 'squash', kind: 'bool', usage: 'Squash newly built layers into a single new layer' },
  { name: 'tag', short: 't', kind: 'list', type: 'list', usage: 'Name and optionally a tag in the "name:tag" format', parse: validateTag },
  { name: 'target', kind: 'value', type: 'string', usage: 'Set the target build stage to build.' },
  { name: 'ulimit', kind: 'list', type: 'ulimit', usage: 'Ulimit options', defaultText: '[]', parse: parseUlimit },
];

/** what help shows for this engine: flags it can't use are hidden, as docker hides them */
function flagsFor(engine: { apiVersion?: string; experimental?: boolean }): FlagSpec[] {
  return allFlags.map((f) => {
    const v = flagVersions[f.name];
    const old = v !== undefined && engine.apiVersion !== undefined && versionLess(engine.apiVersion, v);
    const noExperimental = experimentalFlags.has(f.name) && engine.experimental === false;
    return old || noExperimental ? { ...f, hidden: true } : f;
  });
}

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] PATH | URL | -',
  short: 'Build an image from a Dockerfile',
  args: { kind: 'exact', n: 1 },
  flags: allFlags,
  dirArgsCompletion: true,
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsFor(engine);

export const beforeParse: CommandModule['beforeParse'] = (cli) => selectClassicBuilder(cli);

/** areFlagsSupported: every flag set that this engine can't take, one line each */
async function checkFlagsSupported(cli: Cli, changed: Set<string>): Promise<void> {
  const names = [...changed].filter((n) => flagVersions[n] !== undefined || experimentalFlags.has(n)).sort();
  if (names.length === 0) return;
  let version: string | undefined;
  let experimental = true;
  try {
    version = await cli.api().apiVersion();
    experimental = (await cli.api().ping()).experimental ?? true;
  } catch {
    // no engine: docker assumes its own API version and an experimental daemon
  }
  const errors: string[] = [];
  for (const n of names) {
    const v = flagVersions[n];
    if (v !== undefined && version !== undefined && versionLess(version, v)) {
      errors.push(`"--${n}" requires API version ${v}, but the Docker daemon API version is ${version}`);
      continue;
    }
    if (experimentalFlags.has(n) && !experimental) errors.push(`"--${n}" is only supported on a Docker daemon with experimental features enabled`);
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
}

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  await checkFlagsSupported(cli, changed);
  const list = <T>(n: string): T[] => (Array.isArray(opts[n]) ? (opts[n] as T[]) : []);
  const str = (n: string): string => (typeof opts[n] === 'string' ? (opts[n] as string) : '');
  const num = (n: string): number => (typeof opts[n] === 'number' ? (opts[n] as number) : 0);
  // --ulimit: one per name, the last one wins (a map in docker)
  const ulimits = new Map<string, { Name: string; Hard: number; Soft: number }>();
  for (const u of list<{ Name: string; Hard: number; Soft: number }>('ulimit')) ulimits.set(u.Name, u);
  const o: BuildOptions = {
    context: args[0]!,
    dockerfileName: str('file'),
    tags: list<string>('tag'),
    labels: list<string>('label'),
    buildArgs: list<string>('build-arg'),
    extraHosts: list<string>('add-host'),
    ulimits: [...ulimits.values()],
    memory: num('memory'),
    memorySwap: num('memory-swap'),
    shmSize: num('shm-size'),
    cpuShares: num('cpu-shares'),
    cpuPeriod: num('cpu-period'),
    cpuQuota: num('cpu-quota'),
    cpuSetCpus: str('cpuset-cpus'),
    cpuSetMems: str('cpuset-mems'),
    cgroupParent: str('cgroup-parent'),
    isolation: str('isolation'),
    quiet: opts.quiet === true,
    noCache: opts['no-cache'] === true,
    rm: opts.rm !== false,
    forceRm: opts['force-rm'] === true,
    pull: opts.pull === true,
    cacheFrom: list<string[]>('cache-from').flat(),
    compress: opts.compress === true,
    securityOpt: list<string[]>('security-opt').flat(),
    networkMode: str('network'),
    squash: opts.squash === true,
    target: str('target'),
    imageIDFile: str('iidfile'),
    platform: str('platform'),
    untrusted: opts['disable-content-trust'] !== false,
  };
  return runBuild(cli, o);
};
