import '../../src/cli/core.js';
// The flags of `docker create` / `docker run` (docker/cli cli/command/container/opts.go,
// create.go, run.go) and what docker does with them before POST /containers/create: the
// request body (Config + HostConfig + NetworkingConfig, shaped as Go marshals it), the
// query (name, platform), and docker's validation errors.
//
// Errors thrown by buildCreateRequest, and how the caller prints them:
//  - StatusError (status 125): message is docker's bare reason. Print it as docker's
//    withHelp does: `berth: MSG\n\nRun 'berth create --help' for more information`
//    (`run` for berth run), exit 125. `formatWithHelp()` builds that text.
//  - PlainCreateError (status 1): printed as is, exit 1 (a flag the engine's API version or
//    OS doesn't support, run's `the input device is not a TTY`, `conflicting options:
//    cannot specify both --attach and --detach`, and, for create, the client-side checks
//    docker's ContainerCreate makes). main's renderError already prints any non-Status
//    Error that way.
import path from 'node:path';
import type { FlagSpec } from '../../src/cli/flags.js';
import { parseGoBool } from '../../src/cli/flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { PROGRAM } from '../../src/cli/cli.js';
import { goParseDuration, goParseInt, goParseUint } from '../../src/cli/opts/goparse.js';
import { versionLess } from '../../src/engine/client.js';
import type { EndpointSettings } from '../../src/engine/networks.js';
import type { CreateRequest } from '../../src/cli/create.js';
import { ramInBytes } from '../../src/cli/opts/units.js';
import { isValidMAC, parseIP } from '../../src/cli/opts/netaddr.js';
import { parseMount, parseVolumeSpec, sortKeys, type Mount } from '../../src/cli/opts/mount.js';
import { convertToStandardNotation, newPort, parsePortRange, parsePortSpecs, splitProtoPort, type PortBinding } from '../../src/cli/opts/ports.js';
import { goFileError, parseKeyValueFile } from '../../src/cli/opts/kvfile.js';
import { formatPlatform, parsePlatform } from '../../src/cli/opts/platform.js';
import { goCompactJSON } from '../../src/cli/opts/gojson.js';
import {
  isCDIQualifiedName,
  parseCPUs,
  parseGpus,
  parseLinuxDevice,
  parseMapEntry,
  parseNetwork,
  parseRestartPolicy,
  parseSysctl,
  parseThrottleBpsDevice,
  parseThrottleIOpsDevice,
  parseUlimit,
  parseWeightDevice,
  validateAttach,
  validateDeviceCgroupRule,
  validateDNSSearch,
  validateEnv,
  validateExtraHost,
  validateIPAddress,
  validateLabel,
  validateLink,
  type DeviceMapping,
  type DeviceRequest,
  type KeyValue,
  type NetworkAttachment,
  type ThrottleDevice,
  type Ulimit,
  type WeightDevice,
} from '../../src/cli/opts/validators.js';

// ---------------------------------------------------------------------------------------
// Flags

const bytes = (raw: string): number => ramInBytes(raw);
const int = (raw: string): number => goParseInt(raw, 0);
const duration = (raw: string): number => goParseDuration(raw);

/** MemSwapBytes: -1 means unlimited */
const swapBytes = (raw: string): number => (raw === '-1' ? -1 : ramInBytes(raw));

function contentTrustEnabled(env: NodeJS.ProcessEnv): boolean {
  const e = env.DOCKER_CONTENT_TRUST;
  if (e === undefined || e === '') return false;
  try {
    return parseGoBool(e) || false;
  } catch {
    return true;
  }
}

/**
 * Flags that need a newer Engine API or another engine OS (docker hides them from help,
 * and refuses them on use, when the engine doesn't qualify).
 */
export const flagVersionAnnotations: Record<string, string> = {
  annotation: '1.43',
  cgroupns: '1.41',
  'cpu-rt-period': '1.25',
  'cpu-rt-runtime': '1.25',
  cpus: '1.25',
  gpus: '1.40',
  'health-start-interval': '1.44',
  'health-start-period': '1.29',
  init: '1.25',
  platform: '1.32',
  'stop-timeout': '1.25',
};
export const flagOSAnnotations: Record<string, string> = {
  'cpu-count': 'windows',
  'cpu-percent': 'windows',
  'io-maxbandwidth': 'windows',
  'io-maxiops': 'windows',
};

/** The engine the static flag lists are shaped for (help hides what it can't use). */
const HELP_ENGINE = { apiVersion: '1.41', osType: 'linux' };

function containerFlags(): FlagSpec[] {
  return [
    { name: 'attach', short: 'a', kind: 'list', type: 'list', usage: 'Attach to STDIN, STDOUT or STDERR', parse: validateAttach },
    { name: 'device-cgroup-rule', kind: 'list', type: 'list', usage: 'Add a rule to the cgroup allowed devices list', parse: validateDeviceCgroupRule },
    { name: 'device', kind: 'list', type: 'list', usage: 'Add a host device to the container' },
    { name: 'gpus', kind: 'list', type: 'gpu-request', usage: "GPU devices to add to the container ('all' to pass all GPUs)", parse: parseGpus },
    { name: 'env', short: 'e', kind: 'list', type: 'list', usage: 'Set environment variables', parse: validateEnv },
    { name: 'env-file', kind: 'list', type: 'list', usage: 'Read in a file of environment variables' },
    { name: 'entrypoint', kind: 'value', type: 'string', usage: 'Overwrite the default ENTRYPOINT of the image' },
    { name: 'group-add', kind: 'list', type: 'list', usage: 'Add additional groups to join' },
    { name: 'hostname', short: 'h', kind: 'value', type: 'string', usage: 'Container host name' },
    { name: 'domainname', kind: 'value', type: 'string', usage: 'Container NIS domain name' },
    { name: 'interactive', short: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
    { name: 'label', short: 'l', kind: 'list', type: 'list', usage: 'Set meta data on a container', parse: validateLabel },
    { name: 'label-file', kind: 'list', type: 'list', usage: 'Read in a line delimited file of labels' },
    { name: 'read-only', kind: 'bool', usage: "Mount the container's root filesystem as read only" },
    { name: 'restart', kind: 'value', type: 'string', usage: 'Restart policy to apply when a container exits', default: 'no' },
    { name: 'stop-signal', kind: 'value', type: 'string', usage: 'Signal to stop the container' },
    { name: 'stop-timeout', kind: 'value', type: 'int', usage: 'Timeout (in seconds) to stop a container', default: 0, parse: int },
    { name: 'sysctl', kind: 'list', type: 'map', usage: 'Sysctl options', defaultText: 'map[]', parse: parseSysctl },
    { name: 'tty', short: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
    { name: 'ulimit', kind: 'list', type: 'ulimit', usage: 'Ulimit options', defaultText: '[]', parse: parseUlimit },
    { name: 'user', short: 'u', kind: 'value', type: 'string', usage: 'Username or UID (format: <name|uid>[:<group|gid>])' },
    { name: 'workdir', short: 'w', kind: 'value', type: 'string', usage: 'Working directory inside the container' },
    { name: 'rm', kind: 'bool', usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },

    { name: 'cap-add', kind: 'list', type: 'list', usage: 'Add Linux capabilities' },
    { name: 'cap-drop', kind: 'list', type: 'list', usage: 'Drop Linux capabilities' },
    { name: 'privileged', kind: 'bool', usage: 'Give extended privileges to this container' },
    { name: 'security-opt', kind: 'list', type: 'list', usage: 'Security Options' },
    { name: 'userns', kind: 'value', type: 'string', usage: 'User namespace to use' },
    {
      name: 'cgroupns',
      kind: 'value',
      type: 'string',
      usage:
        "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)",
    },

    { name: 'add-host', kind: 'list', type: 'list', usage: 'Add a custom host-to-IP mapping (host:ip)', parse: validateExtraHost },
    { name: 'dns', kind: 'list', type: 'list', usage: 'Set custom DNS servers', parse: validateIPAddress },
    { name: 'dns-opt', kind: 'list', type: 'list', usage: 'Set DNS options', hidden: true },
    { name: 'dns-option', kind: 'list', type: 'list', usage: 'Set DNS options' },
    { name: 'dns-search', kind: 'list', type: 'list', usage: 'Set custom DNS search domains', parse: validateDNSSearch },
    { name: 'expose', kind: 'list', type: 'list', usage: 'Expose a port or a range of ports' },
    { name: 'ip', kind: 'value', type: 'string', usage: 'IPv4 address (e.g., 172.30.100.104)' },
    { name: 'ip6', kind: 'value', type: 'string', usage: 'IPv6 address (e.g., 2001:db8::33)' },
    { name: 'link', kind: 'list', type: 'list', usage: 'Add link to another container', parse: validateLink },
    { name: 'link-local-ip', kind: 'list', type: 'list', usage: 'Container IPv4/IPv6 link-local addresses' },
    { name: 'mac-address', kind: 'value', type: 'string', usage: 'Container MAC address (e.g., 92:d0:c6:0a:29:33)' },
    { name: 'publish', short: 'p', kind: 'list', type: 'list', usage: "Publish a container's port(s) to the host" },
    { name: 'publish-all', short: 'P', kind: 'bool', usage: 'Publish all exposed ports to random ports' },
    { name: 'net', kind: 'list', type: 'network', usage: 'Connect a container to a network', hidden: true, parse: parseNetwork },
    { name: 'network', kind: 'list', type: 'network', usage: 'Connect a container to a network', parse: parseNetwork },
    { name: 'net-alias', kind: 'list', type: 'list', usage: 'Add network-scoped alias for the container', hidden: true },
    { name: 'network-alias', kind: 'list', type: 'list', usage: 'Add network-scoped alias for the container' },

    { name: 'log-driver', kind: 'value', type: 'string', usage: 'Logging driver for the container' },
    { name: 'volume-driver', kind: 'value', type: 'string', usage: 'Optional volume driver for the container' },
    { name: 'log-opt', kind: 'list', type: 'list', usage: 'Log driver options' },
    { name: 'storage-opt', kind: 'list', type: 'list', usage: 'Storage driver options for the container' },
    { name: 'tmpfs', kind: 'list', type: 'list', usage: 'Mount a tmpfs directory' },
    { name: 'volumes-from', kind: 'list', type: 'list', usage: 'Mount volumes from the specified container(s)' },
    { name: 'volume', short: 'v', kind: 'list', type: 'list', usage: 'Bind mount a volume' },
    { name: 'mount', kind: 'list', type: 'mount', usage: 'Attach a filesystem mount to the container', parse: (raw) => parseMount(raw) },

    { name: 'health-cmd', kind: 'value', type: 'string', usage: 'Command to run to check health' },
    { name: 'health-interval', kind: 'value', type: 'duration', usage: 'Time between running the check (ms|s|m|h) (default 0s)', default: 0, parse: duration },
    { name: 'health-retries', kind: 'value', type: 'int', usage: 'Consecutive failures needed to report unhealthy', default: 0, parse: int },
    { name: 'health-timeout', kind: 'value', type: 'duration', usage: 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)', default: 0, parse: duration },
    {
      name: 'health-start-period',
      kind: 'value',
      type: 'duration',
      usage: 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)',
      default: 0,
      parse: duration,
    },
    {
      name: 'health-start-interval',
      kind: 'value',
      type: 'duration',
      usage: 'Time between running the check during the start period (ms|s|m|h) (default 0s)',
      default: 0,
      parse: duration,
    },
    { name: 'no-healthcheck', kind: 'bool', usage: 'Disable any container-specified HEALTHCHECK' },

    { name: 'blkio-weight', kind: 'value', type: 'uint16', usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)', default: 0, parse: (raw) => goParseUint(raw, 0, 16) },
    { name: 'blkio-weight-device', kind: 'list', type: 'list', usage: 'Block IO weight (relative device weight)', defaultText: '[]', parse: parseWeightDevice },
    { name: 'cidfile', kind: 'value', type: 'string', usage: 'Write the container ID to the file' },
    { name: 'cpuset-cpus', kind: 'value', type: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
    { name: 'cpuset-mems', kind: 'value', type: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
    { name: 'cpu-count', kind: 'value', type: 'int', usage: 'CPU count (Windows only)', default: 0, parse: int },
    { name: 'cpu-percent', kind: 'value', type: 'int', usage: 'CPU percent (Windows only)', default: 0, parse: int },
    { name: 'cpu-period', kind: 'value', type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) period', default: 0, parse: int },
    { name: 'cpu-quota', kind: 'value', type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) quota', default: 0, parse: int },
    { name: 'cpu-rt-period', kind: 'value', type: 'int', usage: 'Limit CPU real-time period in microseconds', default: 0, parse: int },
    { name: 'cpu-rt-runtime', kind: 'value', type: 'int', usage: 'Limit CPU real-time runtime in microseconds', default: 0, parse: int },
    { name: 'cpu-shares', short: 'c', kind: 'value', type: 'int', usage: 'CPU shares (relative weight)', default: 0, parse: int },
    { name: 'cpus', kind: 'value', type: 'decimal', usage: 'Number of CPUs', parse: parseCPUs },
    { name: 'device-read-bps', kind: 'list', type: 'list', usage: 'Limit read rate (bytes per second) from a device', defaultText: '[]', parse: parseThrottleBpsDevice },
    { name: 'device-read-iops', kind: 'list', type: 'list', usage: 'Limit read rate (IO per second) from a device', defaultText: '[]', parse: parseThrottleIOpsDevice },
    { name: 'device-write-bps', kind: 'list', type: 'list', usage: 'Limit write rate (bytes per second) to a device', defaultText: '[]', parse: parseThrottleBpsDevice },
    { name: 'device-write-iops', kind: 'list', type: 'list', usage: 'Limit write rate (IO per second) to a device', defaultText: '[]', parse: parseThrottleIOpsDevice },
    { name: 'io-maxbandwidth', kind: 'value', type: 'bytes', usage: 'Maximum IO bandwidth limit for the system drive (Windows only)', parse: bytes },
    { name: 'io-maxiops', kind: 'value', type: 'uint', usage: 'Maximum IOps limit for the system drive (Windows only)', default: 0, parse: (raw) => goParseUint(raw, 0, 64) },
    { name: 'kernel-memory', kind: 'value', type: 'bytes', usage: 'Kernel memory limit', parse: bytes },
    { name: 'memory', short: 'm', kind: 'value', type: 'bytes', usage: 'Memory limit', parse: bytes },
    { name: 'memory-reservation', kind: 'value', type: 'bytes', usage: 'Memory soft limit', parse: bytes },
    { name: 'memory-swap', kind: 'value', type: 'bytes', usage: "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", parse: swapBytes },
    { name: 'memory-swappiness', kind: 'value', type: 'int', usage: 'Tune container memory swappiness (0 to 100)', default: -1, parse: int },
    { name: 'oom-kill-disable', kind: 'bool', usage: 'Disable OOM Killer' },
    { name: 'oom-score-adj', kind: 'value', type: 'int', usage: "Tune host's OOM preferences (-1000 to 1000)", default: 0, parse: int },
    { name: 'pids-limit', kind: 'value', type: 'int', usage: 'Tune container pids limit (set -1 for unlimited)', default: 0, parse: int },

    { name: 'cgroup-parent', kind: 'value', type: 'string', usage: 'Optional parent cgroup for the container' },
    { name: 'ipc', kind: 'value', type: 'string', usage: 'IPC mode to use' },
    { name: 'isolation', kind: 'value', type: 'string', usage: 'Container isolation technology' },
    { name: 'pid', kind: 'value', type: 'string', usage: 'PID namespace to use' },
    { name: 'shm-size', kind: 'value', type: 'bytes', usage: 'Size of /dev/shm', parse: bytes },
    { name: 'uts', kind: 'value', type: 'string', usage: 'UTS namespace to use' },
    { name: 'runtime', kind: 'value', type: 'string', usage: 'Runtime to use for this container' },
    { name: 'init', kind: 'bool', usage: 'Run an init inside the container that forwards signals and reaps processes' },
    { name: 'annotation', kind: 'list', type: 'map', usage: 'Add an annotation to the container (passed through to the OCI runtime)', defaultText: 'map[]', parse: parseMapEntry },
  ];
}

function commonFlags(pullUsage: string, env: NodeJS.ProcessEnv): FlagSpec[] {
  const platform = env.DOCKER_DEFAULT_PLATFORM;
  return [
    { name: 'name', kind: 'value', type: 'string', usage: 'Assign a name to the container' },
    { name: 'pull', kind: 'value', type: 'string', usage: pullUsage, default: 'missing' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress the pull output' },
    { name: 'use-api-socket', kind: 'bool', usage: 'Bind mount Docker API socket and required auth' },
    { name: 'help', kind: 'bool', usage: 'Print usage' },
    { name: 'platform', kind: 'value', type: 'string', usage: 'Set platform if server is multi-platform capable', ...(platform ? { default: platform } : {}) },
    { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', default: !contentTrustEnabled(env) },
  ];
}

function sortFlags(flags: FlagSpec[]): FlagSpec[] {
  return flags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Marks hidden the flags an engine of this API version / OS can't use, as docker's help does. */
export function flagsForEngine(flags: FlagSpec[], engine: { apiVersion?: string; osType?: string }): FlagSpec[] {
  return flags.map((f) => {
    const always = f.name === 'net' || f.name === 'net-alias' || f.name === 'dns-opt';
    const v = flagVersionAnnotations[f.name];
    const os = flagOSAnnotations[f.name];
    const unsupported = (v !== undefined && engine.apiVersion !== undefined && versionLess(engine.apiVersion, v)) || (os !== undefined && !!engine.osType && engine.osType !== os);
    return { ...f, hidden: always || unsupported };
  });
}

/** every flag of `docker create`, sorted as docker prints them; help hides what a 1.41 Linux engine can't use */
/** every flag of `docker create`, none hidden for an engine yet */
export const createFlagsAll: FlagSpec[] = sortFlags([...commonFlags('Pull image before creating ("always", "|missing", "never")', process.env), ...containerFlags()]);
export const createFlags: FlagSpec[] = flagsForEngine(createFlagsAll, HELP_ENGINE);

/** every flag of `docker run` */
export const runFlagsAll: FlagSpec[] = sortFlags([
    { name: 'detach', short: 'd', kind: 'bool', usage: 'Run container in background and print container ID' },
    { name: 'sig-proxy', kind: 'bool', usage: 'Proxy received signals to the process', default: true },
    { name: 'detach-keys', kind: 'value', type: 'string', usage: 'Override the key sequence for detaching a container' },
    ...commonFlags('Pull image before running ("always", "missing", "never")', process.env),
    ...containerFlags(),
  ]);
export const runFlags: FlagSpec[] = flagsForEngine(runFlagsAll, HELP_ENGINE);

// ---------------------------------------------------------------------------------------
// Errors

/** An error docker prints as it is, with exit status 1 (not in the `Run '... --help'` form). */
export class PlainCreateError extends Error {
  readonly status = 1;
  constructor(message: string) {
    super(message);
    this.name = 'PlainCreateError';
  }
}

/** docker's withHelp: `berth: MSG\n\nRun 'berth run --help' for more information` */
export function formatWithHelp(message: string, command: 'run' | 'create'): string {
  return `${PROGRAM}: ${message}\n\nRun '${PROGRAM} ${command} --help' for more information`;
}

/** a post-parse validation error: the caller prints it with formatWithHelp, exit 125 */
function optionsError(message: string): StatusError {
  return new StatusError(message, 125);
}


// ---------------------------------------------------------------------------------------
// The request

export type { CreateRequest } from '../../src/cli/create.js';

export interface CreateContext {
  /** the negotiated Engine API version */
  apiVersion: string;
  env: NodeJS.ProcessEnv;
  readFile: (path: string) => string;
  stdinIsTty: boolean;
  /** the engine's OSType from _ping; 'linux' when not given */
  osType?: string;
  /** 'run' or 'create'; by default 'run' when opts holds run's flags (sig-proxy) */
  command?: 'run' | 'create';
  /** HostConfig.ConsoleSize: [height, width] of the output terminal, when it is one */
  consoleSize?: [number, number];
  /** the config file's proxies for this daemon host (or its "default"), added to the env as docker does */
  proxies?: { httpProxy?: string; httpsProxy?: string; noProxy?: string; ftpProxy?: string; allProxy?: string };
}


function networkModeKind(n: string): 'default' | 'bridge' | 'host' | 'none' | 'container' | 'user' {
  if (n === 'default') return 'default';
  if (n === 'bridge') return 'bridge';
  if (n === 'host') return 'host';
  if (n === 'none') return 'none';
  if (n.startsWith('container:')) return 'container';
  return 'user';
}
const isUserDefined = (n: string): boolean => networkModeKind(n) === 'user';

/** Builds what docker sends to POST /containers/create for `create`/`run` flags and args. */
export function buildCreateRequest(
  opts: Record<string, unknown>,
  changed: Set<string>,
  args: string[],
  ctx: CreateContext,
): CreateRequest {
  const isRun = ctx.command ? ctx.command === 'run' : 'sig-proxy' in opts || 'detach' in opts;
  const apiVersion = ctx.apiVersion;
  const osType = ctx.osType ?? 'linux';
  const cwd = process.cwd();
  const lookupEnv = (k: string): string | undefined => (Object.prototype.hasOwnProperty.call(ctx.env, k) ? ctx.env[k] : undefined);

  const str = (n: string): string => (typeof opts[n] === 'string' ? (opts[n] as string) : '');
  const num = (n: string, d = 0): number => (typeof opts[n] === 'number' ? (opts[n] as number) : d);
  const bool = (n: string): boolean => opts[n] === true;
  const list = <T = string>(...names: string[]): T[] => names.flatMap((n) => (Array.isArray(opts[n]) ? (opts[n] as T[]) : []));

  // docker's PersistentPreRun: flags the engine can't take
  const unsupported: string[] = [];
  for (const name of [...changed].sort()) {
    const v = flagVersionAnnotations[name];
    if (v !== undefined && versionLess(apiVersion, v)) {
      unsupported.push(`"--${name}" requires API version ${v}, but the Docker daemon API version is ${apiVersion}`);
      continue;
    }
    const os = flagOSAnnotations[name];
    if (os !== undefined && osType !== '' && osType !== os) {
      unsupported.push(`"--${name}" is only supported on a Docker daemon running on ${os}, but the Docker daemon is running on ${osType}`);
    }
  }
  if (unsupported.length > 0) throw new PlainCreateError(unsupported.join('\n'));

  const pull = str('pull');
  if (!['always', 'missing', 'never', ''].includes(pull)) {
    throw optionsError(`invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  }

  const [image = '', ...cmd] = args;

  // --- parse() ---------------------------------------------------------------------
  const attach = list('attach');
  let attachStdin = attach.includes('stdin');
  let attachStdout = attach.includes('stdout');
  let attachStderr = attach.includes('stderr');
  const macAddress = str('mac-address');
  if (macAddress !== '' && !isValidMAC(macAddress.trim())) throw optionsError(`${macAddress} is not a valid mac address`);
  const stdin = bool('interactive');
  if (stdin) attachStdin = true;
  if (attach.length === 0) {
    attachStdout = true;
    attachStderr = true;
  }

  const swappiness = num('memory-swappiness', -1);
  if (swappiness !== -1 && (swappiness < 0 || swappiness > 100)) {
    throw optionsError(`invalid value: ${swappiness}. Valid memory swappiness range is 0-100`);
  }

  // -v: binds, and the anonymous volumes left for Config.Volumes
  const binds: string[] = [];
  const volumes = new Set<string>();
  for (const spec of list('volume')) volumes.add(spec);
  for (const spec of [...volumes]) {
    let parsed;
    try {
      parsed = parseVolumeSpec(spec);
    } catch (e) {
      throw optionsError((e as Error).message);
    }
    if (parsed.source !== '') {
      let toBind = spec;
      if (parsed.type === 'bind') {
        const c = spec.indexOf(':');
        if (c >= 0) {
          let hostPart = spec.slice(0, c);
          if (!path.isAbsolute(hostPart) && hostPart.startsWith('.')) hostPart = path.resolve(cwd, hostPart);
          toBind = `${hostPart}:${spec.slice(c + 1)}`;
        }
      }
      binds.push(toBind);
      volumes.delete(spec);
    }
  }

  const tmpfs: Record<string, string> = {};
  for (const t of list('tmpfs')) {
    const c = t.indexOf(':');
    tmpfs[c < 0 ? t : t.slice(0, c)] = c < 0 ? '' : t.slice(c + 1);
  }

  let entrypoint: string[] | null = null;
  if (str('entrypoint') !== '') entrypoint = [str('entrypoint')];
  else if (changed.has('entrypoint')) entrypoint = [''];

  // ports
  let exposed: Map<string, true>;
  let bindings: Map<string, PortBinding[]>;
  try {
    ({ exposed, bindings } = parsePortSpecs(convertToStandardNotation(list('publish'))));
  } catch (e) {
    throw optionsError((e as Error).message);
  }
  for (const e of list('expose')) {
    if (e.includes(':')) throw optionsError(`invalid port format for --expose: ${e}`);
    const [proto, port] = splitProtoPort(e);
    let start: number;
    let end: number;
    try {
      [start, end] = parsePortRange(port);
    } catch (err) {
      throw optionsError(`invalid range format for --expose: ${e}, error: ${(err as Error).message}`);
    }
    for (let i = start; i <= end; i++) {
      let p: string;
      try {
        p = newPort(proto, String(i));
      } catch (err) {
        throw optionsError((err as Error).message);
      }
      exposed.set(p, true);
    }
  }

  // devices
  const devices: DeviceMapping[] = [];
  const cdiDevices: string[] = [];
  for (const device of list('device')) {
    if (isCDIQualifiedName(device)) {
      cdiDevices.push(device);
      continue;
    }
    if (osType === 'windows') {
      devices.push({ PathOnHost: device, PathInContainer: '', CgroupPermissions: '' });
      continue;
    }
    if (osType !== 'linux') throw optionsError(`unknown server OS: ${osType}`);
    try {
      devices.push(parseLinuxDevice(device));
    } catch (e) {
      throw optionsError((e as Error).message);
    }
  }

  // environment: -e (bare KEY from the environment, later values win), proxies, --env-file
  const envMap = new Map<string, string | null>();
  for (const raw of list('env')) {
    let v = raw;
    if (!raw.includes('=')) {
      const found = lookupEnv(raw);
      if (found !== undefined) v = `${raw}=${found}`;
    }
    const eq = v.indexOf('=');
    envMap.set(eq < 0 ? v : v.slice(0, eq), eq < 0 ? null : v.slice(eq + 1));
  }
  if (ctx.proxies) {
    const permitted: [string, string | undefined][] = [
      ['HTTP_PROXY', ctx.proxies.httpProxy],
      ['HTTPS_PROXY', ctx.proxies.httpsProxy],
      ['NO_PROXY', ctx.proxies.noProxy],
      ['FTP_PROXY', ctx.proxies.ftpProxy],
      ['ALL_PROXY', ctx.proxies.allProxy],
    ];
    for (const [k, v] of permitted) {
      if (!v) continue;
      if (!envMap.has(k)) envMap.set(k, v);
      if (!envMap.has(k.toLowerCase())) envMap.set(k.toLowerCase(), v);
    }
  }
  const envFromFlags = [...envMap].map(([k, v]) => (v === null ? k : `${k}=${v}`));
  const env: string[] = [];
  try {
    for (const f of list('env-file')) env.push(...parseKeyValueFile(f, ctx.readFile, lookupEnv));
  } catch (e) {
    throw optionsError((e as Error).message);
  }
  env.push(...envFromFlags);

  // labels
  const labelList: string[] = [];
  try {
    for (const f of list('label-file')) labelList.push(...parseKeyValueFile(f, ctx.readFile));
  } catch (e) {
    throw optionsError((e as Error).message);
  }
  labelList.push(...list('label'));
  const labels = kvMap(labelList);

  const pidMode = str('pid');
  if (!(pidMode === '' || pidMode === 'host' || (pidMode.startsWith('container:') && pidMode.length > 'container:'.length))) {
    throw optionsError('--pid: invalid PID mode');
  }
  const utsMode = str('uts');
  if (!(utsMode === '' || utsMode === 'host')) throw optionsError('--uts: invalid UTS mode');
  const usernsMode = str('userns');
  if (!(usernsMode === '' || usernsMode === 'host')) throw optionsError('--userns: invalid USER mode');
  const cgroupnsMode = str('cgroupns');
  if (!['', 'host', 'private'].includes(cgroupnsMode)) throw optionsError('--cgroupns: invalid CGROUP mode');

  let restartPolicy;
  try {
    restartPolicy = parseRestartPolicy(str('restart'));
  } catch (e) {
    throw optionsError((e as Error).message);
  }

  const logDriver = str('log-driver');
  const logOpts = list('log-opt');
  if (logDriver === 'none' && logOpts.length > 0) throw optionsError(`invalid logging opts for driver ${logDriver}`);
  const logConfig = kvMap(logOpts);

  // security options (a seccomp profile file is sent as its compacted JSON)
  let securityOpts: string[] | null = list('security-opt').length > 0 ? [...list('security-opt')] : null;
  let maskedPaths: string[] | null = null;
  let readonlyPaths: string[] | null = null;
  if (securityOpts) {
    for (const [i, opt] of securityOpts.entries()) {
      let sep = opt.indexOf('=');
      if (sep < 0 && opt !== 'no-new-privileges') sep = opt.indexOf(':');
      const k = sep < 0 ? opt : opt.slice(0, sep);
      const v = sep < 0 ? '' : opt.slice(sep + 1);
      if ((sep < 0 || v === '') && k !== 'no-new-privileges') throw optionsError(`Invalid --security-opt: ${JSON.stringify(opt)}`);
      if (k === 'seccomp' && v !== 'builtin' && v !== 'unconfined') {
        let content: string;
        try {
          content = ctx.readFile(v);
        } catch (e) {
          throw optionsError(`opening seccomp profile (${v}) failed: ${goFileError(e, v)}`);
        }
        let compact: string;
        try {
          compact = goCompactJSON(content);
        } catch (e) {
          throw optionsError(`compacting json for seccomp profile (${v}) failed: ${(e as Error).message}`);
        }
        securityOpts[i] = `seccomp=${compact}`;
      }
    }
    const filtered: string[] = [];
    for (const opt of securityOpts) {
      if (opt === 'systempaths=unconfined') {
        maskedPaths = [];
        readonlyPaths = [];
      } else {
        filtered.push(opt);
      }
    }
    securityOpts = filtered;
  }

  const storageOpt: Record<string, string> = {};
  for (const o of list('storage-opt')) {
    const eq = o.indexOf('=');
    if (eq < 0) throw optionsError('invalid storage option');
    storageOpt[o.slice(0, eq)] = o.slice(eq + 1);
  }

  // healthcheck
  let healthcheck: Record<string, unknown> | undefined;
  const hc = {
    cmd: str('health-cmd'),
    interval: num('health-interval'),
    timeout: num('health-timeout'),
    startPeriod: num('health-start-period'),
    startInterval: num('health-start-interval'),
    retries: num('health-retries'),
  };
  const haveHealth = hc.cmd !== '' || hc.interval !== 0 || hc.timeout !== 0 || hc.startPeriod !== 0 || hc.retries !== 0 || hc.startInterval !== 0;
  if (bool('no-healthcheck')) {
    if (haveHealth) throw optionsError('--no-healthcheck conflicts with --health-* options');
    healthcheck = { Test: ['NONE'] };
  } else if (haveHealth) {
    if (hc.interval < 0) throw optionsError('--health-interval cannot be negative');
    if (hc.timeout < 0) throw optionsError('--health-timeout cannot be negative');
    if (hc.retries < 0) throw optionsError('--health-retries cannot be negative');
    if (hc.startPeriod < 0) throw optionsError('--health-start-period cannot be negative');
    if (hc.startInterval < 0) throw optionsError('--health-start-interval cannot be negative');
    healthcheck = {};
    if (hc.cmd !== '') healthcheck.Test = ['CMD-SHELL', hc.cmd];
    if (hc.interval) healthcheck.Interval = hc.interval;
    if (hc.timeout) healthcheck.Timeout = hc.timeout;
    if (hc.startPeriod) healthcheck.StartPeriod = hc.startPeriod;
    if (hc.startInterval) healthcheck.StartInterval = hc.startInterval;
    if (hc.retries) healthcheck.Retries = hc.retries;
  }

  let deviceRequests: DeviceRequest[] | null = list<DeviceRequest>('gpus').length > 0 ? [...list<DeviceRequest>('gpus')] : null;
  if (cdiDevices.length > 0) {
    deviceRequests ??= [];
    deviceRequests.push({ Driver: 'cdi', Count: 0, DeviceIDs: cdiDevices, Capabilities: null, Options: null });
  }

  const ulimits = new Map<string, Ulimit>();
  for (const u of list<Ulimit>('ulimit')) ulimits.set(u.Name, u);
  const sysctls = Object.fromEntries(list<KeyValue>('sysctl'));
  const annotations = Object.fromEntries(list<KeyValue>('annotation'));

  const autoRemove = bool('rm');
  if (autoRemove && !(restartPolicy.Name === 'no' || restartPolicy.Name === '')) {
    throw optionsError('conflicting options: cannot specify both --restart and --rm');
  }

  // networks
  const networks = list<NetworkAttachment>('network', 'net');
  const networkMode = networks.length > 0 ? networks[0]!.target : 'default';
  let endpoints: Record<string, EndpointSettings>;
  try {
    endpoints = parseNetworkOpts(networks, {
      aliases: list('network-alias', 'net-alias'),
      links: list('link'),
      ipv4: str('ip'),
      ipv6: str('ip6'),
      mac: macAddress,
      linkLocalIPs: list('link-local-ip'),
    });
  } catch (e) {
    throw optionsError((e as Error).message);
  }
  let configMac = '';
  const mainEndpoint = endpoints[networkModeKind(networkMode) === 'user' ? networkMode : networkModeKind(networkMode)];
  if (mainEndpoint) configMac = mainEndpoint.MacAddress;

  let tty = bool('tty');
  let stdinOnce = stdin && attachStdin;

  // --- run: checks and the detached mode -------------------------------------------
  if (isRun) {
    if (!bool('detach')) {
      if (tty && attachStdin && !ctx.stdinIsTty) throw new PlainCreateError('the input device is not a TTY');
    } else {
      if (attach.length !== 0) throw new PlainCreateError('conflicting options: cannot specify both --attach and --detach');
      attachStdin = false;
      attachStdout = false;
      attachStderr = false;
      stdinOnce = false;
    }
  }

  // --- createContainer and the client's ContainerCreate -----------------------------
  const clientError = (message: string): Error => (isRun ? optionsError(message) : new PlainCreateError(message));
  if (bool('use-api-socket')) throw clientError('flag --use-api-socket is not supported by berth');
  let platform: string | undefined;
  const platformRaw = str('platform');
  if (platformRaw !== '' && !versionLess(apiVersion, '1.41')) {
    try {
      platform = formatPlatform(parsePlatform(platformRaw));
    } catch (e) {
      throw clientError(`error parsing specified platform: ${(e as Error).message}`);
    }
  }
  const versionError = (feature: string, v: string): Error =>
    clientError(`${JSON.stringify(feature)} requires API version ${v}, but the Docker daemon API version is ${apiVersion}`);
  if (changed.has('stop-timeout') && versionLess(apiVersion, '1.25')) throw versionError('stop timeout', '1.25');
  if (healthcheck?.StartInterval && versionLess(apiVersion, '1.44')) throw versionError('specify health-check start interval', '1.44');
  if (Object.values(endpoints).some((ep) => ep.MacAddress !== '') && versionLess(apiVersion, '1.44')) {
    throw versionError('specify mac-address per network', '1.44');
  }
  const mounts = list<Mount>('mount');
  if (versionLess(apiVersion, '1.44')) {
    for (const m of mounts) {
      if (m.BindOptions?.ReadOnlyForceRecursive) throw clientError('bind-recursive=readonly requires API v1.44 or later');
      if (m.BindOptions?.NonRecursive && versionLess(apiVersion, '1.40')) throw clientError('bind-recursive=disabled requires API v1.40 or later');
    }
  }
  if (!versionLess(apiVersion, '1.44')) configMac = '';
  let kernelMemory = num('kernel-memory');
  if (!versionLess(apiVersion, '1.42') || versionLess(apiVersion, '1.40')) kernelMemory = 0;

  // --- the body, as Go marshals container.CreateRequest ------------------------------
  const body: Record<string, unknown> = {
    Hostname: str('hostname'),
    Domainname: str('domainname'),
    User: str('user'),
    AttachStdin: attachStdin,
    AttachStdout: attachStdout,
    AttachStderr: attachStderr,
  };
  if (exposed.size > 0) body.ExposedPorts = Object.fromEntries([...exposed.keys()].sort().map((p) => [p, {}]));
  body.Tty = tty;
  body.OpenStdin = stdin;
  body.StdinOnce = stdinOnce;
  body.Env = env.length > 0 ? env : null;
  body.Cmd = cmd.length > 0 ? cmd : null;
  if (healthcheck) body.Healthcheck = healthcheck;
  body.Image = image;
  body.Volumes = Object.fromEntries([...volumes].sort().map((v) => [v, {}]));
  body.WorkingDir = str('workdir');
  body.Entrypoint = entrypoint;
  if (configMac !== '') body.MacAddress = configMac;
  body.OnBuild = null;
  body.Labels = labels;
  if (str('stop-signal') !== '') body.StopSignal = str('stop-signal');
  if (changed.has('stop-timeout')) body.StopTimeout = num('stop-timeout');

  const hostConfig: Record<string, unknown> = {
    Binds: binds.length > 0 ? binds : null,
    ContainerIDFile: str('cidfile'),
    LogConfig: { Type: logDriver, Config: logConfig },
    NetworkMode: networkMode,
    PortBindings: Object.fromEntries([...bindings.keys()].sort().map((p) => [p, bindings.get(p)!])),
    RestartPolicy: restartPolicy,
    AutoRemove: versionLess(apiVersion, '1.25') ? false : autoRemove,
    VolumeDriver: str('volume-driver'),
    VolumesFrom: nullIfEmpty(list('volumes-from')),
    ConsoleSize: ctx.consoleSize ? [...ctx.consoleSize] : [0, 0],
  };
  if (Object.keys(annotations).length > 0) hostConfig.Annotations = sortKeys(annotations);
  Object.assign(hostConfig, {
    CapAdd: normalizeCapabilities(list('cap-add')),
    CapDrop: normalizeCapabilities(list('cap-drop')),
    CgroupnsMode: cgroupnsMode,
    Dns: list('dns'),
    DnsOptions: list('dns-option', 'dns-opt'),
    DnsSearch: list('dns-search'),
    ExtraHosts: nullIfEmpty(list('add-host')),
    GroupAdd: nullIfEmpty(list('group-add')),
    IpcMode: str('ipc'),
    Cgroup: '',
    Links: nullIfEmpty(list('link')),
    OomScoreAdj: num('oom-score-adj'),
    PidMode: pidMode,
    Privileged: bool('privileged'),
    PublishAllPorts: bool('publish-all'),
    ReadonlyRootfs: bool('read-only'),
    SecurityOpt: securityOpts,
  });
  if (Object.keys(storageOpt).length > 0) hostConfig.StorageOpt = sortKeys(storageOpt);
  if (Object.keys(tmpfs).length > 0) hostConfig.Tmpfs = sortKeys(tmpfs);
  hostConfig.UTSMode = utsMode;
  hostConfig.UsernsMode = usernsMode;
  hostConfig.ShmSize = num('shm-size');
  if (Object.keys(sysctls).length > 0) hostConfig.Sysctls = sortKeys(sysctls);
  if (str('runtime') !== '') hostConfig.Runtime = str('runtime');
  hostConfig.Isolation = str('isolation');
  // Resources
  Object.assign(hostConfig, {
    CpuShares: num('cpu-shares'),
    Memory: num('memory'),
    NanoCpus: num('cpus'),
    CgroupParent: str('cgroup-parent'),
    BlkioWeight: num('blkio-weight'),
    BlkioWeightDevice: list<WeightDevice>('blkio-weight-device'),
    BlkioDeviceReadBps: list<ThrottleDevice>('device-read-bps'),
    BlkioDeviceWriteBps: list<ThrottleDevice>('device-write-bps'),
    BlkioDeviceReadIOps: list<ThrottleDevice>('device-read-iops'),
    BlkioDeviceWriteIOps: list<ThrottleDevice>('device-write-iops'),
    CpuPeriod: num('cpu-period'),
    CpuQuota: num('cpu-quota'),
    CpuRealtimePeriod: num('cpu-rt-period'),
    CpuRealtimeRuntime: num('cpu-rt-runtime'),
    CpusetCpus: str('cpuset-cpus'),
    CpusetMems: str('cpuset-mems'),
    Devices: devices,
    DeviceCgroupRules: nullIfEmpty(list('device-cgroup-rule')),
    DeviceRequests: deviceRequests,
  });
  if (kernelMemory !== 0) hostConfig.KernelMemory = kernelMemory;
  Object.assign(hostConfig, {
    MemoryReservation: num('memory-reservation'),
    MemorySwap: num('memory-swap'),
    MemorySwappiness: swappiness,
    OomKillDisable: bool('oom-kill-disable'),
    PidsLimit: num('pids-limit'),
    Ulimits: [...ulimits.keys()].sort().map((k) => ulimits.get(k)!),
    CpuCount: num('cpu-count'),
    CpuPercent: num('cpu-percent'),
    IOMaximumIOps: num('io-maxiops'),
    IOMaximumBandwidth: num('io-maxbandwidth'),
  });
  if (mounts.length > 0) hostConfig.Mounts = mounts;
  hostConfig.MaskedPaths = maskedPaths;
  hostConfig.ReadonlyPaths = readonlyPaths;
  if (changed.has('init')) hostConfig.Init = bool('init');

  body.HostConfig = hostConfig;
  body.NetworkingConfig = { EndpointsConfig: endpoints };

  const name = str('name');
  const cidfile = str('cidfile');
  const req: CreateRequest = {
    pull: (pull === '' ? 'missing' : pull) as CreateRequest['pull'],
    quiet: bool('quiet'),
    body,
  };
  if (name !== '') req.name = name;
  if (platform) req.platform = platform;
  if (cidfile !== '') req.cidfile = cidfile;
  // docker's localhostDNSWarning
  for (const dns of list('dns')) {
    const ip = parseIP(dns);
    if (ip && isLoopback(ip)) {
      req.warnings = [`Localhost DNS (${dns}) may fail in containers.`];
      break;
    }
  }
  return req;
}

/** netip.Addr.IsLoopback */
function isLoopback(ip: number[]): boolean {
  if (ip.length === 4) return ip[0] === 127;
  const mapped = ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
  if (mapped) return ip[12] === 127;
  return ip.slice(0, 15).every((b) => b === 0) && ip[15] === 1;
}

function nullIfEmpty<T>(l: T[]): T[] | null {
  return l.length > 0 ? [...l] : null;
}

/** opts.ConvertKVStringsToMap, keys sorted as Go's JSON has them */
function kvMap(values: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    m[eq < 0 ? v : v.slice(0, eq)] = eq < 0 ? '' : v.slice(eq + 1);
  }
  return sortKeys(m);
}

/** the client's normalizeCapabilities: upper-cased, CAP_ prefixed, deduplicated, sorted */
function normalizeCapabilities(caps: string[]): string[] | null {
  const out = new Set<string>();
  for (let c of caps) {
    c = c.toUpperCase();
    if (c !== 'ALL' && !c.startsWith('CAP_')) c = `CAP_${c}`;
    out.add(c);
  }
  return out.size > 0 ? [...out].sort() : null;
}

interface LegacyNetworkOptions {
  aliases: string[];
  links: string[];
  ipv4: string;
  ipv6: string;
  mac: string;
  linkLocalIPs: string[];
}

function emptyEndpoint(): EndpointSettings {
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    MacAddress: '',
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: null,
  };
}

function applyContainerOptions(n: NetworkAttachment, c: LegacyNetworkOptions): NetworkAttachment {
  if (n.aliases.length > 0 && c.aliases.length > 0) throw new Error('conflicting options: cannot specify both --network-alias and per-network alias');
  if (n.links.length > 0 && c.links.length > 0) throw new Error('conflicting options: cannot specify both --link and per-network links');
  if (n.ipv4Address !== '' && c.ipv4 !== '') throw new Error('conflicting options: cannot specify both --ip and per-network IPv4 address');
  if (n.ipv6Address !== '' && c.ipv6 !== '') throw new Error('conflicting options: cannot specify both --ip6 and per-network IPv6 address');
  if (n.macAddress !== '' && c.mac !== '') throw new Error('conflicting options: cannot specify both --mac-address and per-network MAC address');
  if (n.linkLocalIPs.length > 0 && c.linkLocalIPs.length > 0) {
    throw new Error('conflicting options: cannot specify both --link-local-ip and per-network link-local IP addresses');
  }
  const out = { ...n };
  if (c.aliases.length > 0) out.aliases = [...c.aliases];
  if (isUserDefined(n.target) && c.links.length > 0) out.links = [...c.links];
  if (c.ipv4 !== '') out.ipv4Address = c.ipv4;
  if (c.ipv6 !== '') out.ipv6Address = c.ipv6;
  if (c.mac !== '') out.macAddress = c.mac;
  if (c.linkLocalIPs.length > 0) out.linkLocalIPs = [...c.linkLocalIPs];
  return out;
}

function parseNetworkAttachment(ep: NetworkAttachment): EndpointSettings {
  if (ep.target.trim() === '') throw new Error('no name set for network');
  if (!isUserDefined(ep.target)) {
    if (ep.aliases.length > 0) throw new Error('network-scoped aliases are only supported for user-defined networks');
    if (ep.links.length > 0) throw new Error('links are only supported for user-defined networks');
  }
  const s = emptyEndpoint();
  s.GwPriority = ep.gwPriority;
  if (ep.aliases.length > 0) s.Aliases = [...ep.aliases];
  if (ep.driverOpts && Object.keys(ep.driverOpts).length > 0) s.DriverOpts = sortKeys(ep.driverOpts);
  if (ep.links.length > 0) s.Links = [...ep.links];
  if (ep.ipv4Address !== '' || ep.ipv6Address !== '' || ep.linkLocalIPs.length > 0) {
    const ipam: NonNullable<EndpointSettings['IPAMConfig']> = {};
    if (ep.ipv4Address !== '') ipam.IPv4Address = ep.ipv4Address;
    if (ep.ipv6Address !== '') ipam.IPv6Address = ep.ipv6Address;
    if (ep.linkLocalIPs.length > 0) ipam.LinkLocalIPs = [...ep.linkLocalIPs];
    s.IPAMConfig = ipam;
  }
  if (ep.macAddress !== '') {
    if (!isValidMAC(ep.macAddress.trim())) throw new Error(`${ep.macAddress} is not a valid mac address`);
    s.MacAddress = ep.macAddress;
  }
  return s;
}

function isEmptyEndpoint(s: EndpointSettings): boolean {
  return JSON.stringify(s) === JSON.stringify(emptyEndpoint());
}

/** docker's parseNetworkOpts: the EndpointsConfig of NetworkingConfig */
function parseNetworkOpts(networks: NetworkAttachment[], legacy: LegacyNetworkOptions): Record<string, EndpointSettings> {
  const endpoints: Record<string, EndpointSettings> = {};
  let hasUserDefined = false;
  let hasNonUserDefined = false;
  if (networks.length === 0) {
    const n = applyContainerOptions(
      { target: 'default', aliases: [], links: [], ipv4Address: '', ipv6Address: '', linkLocalIPs: [], macAddress: '', gwPriority: 0 },
      legacy,
    );
    endpoints.default = parseNetworkAttachment(n);
  }
  for (const [i, raw] of networks.entries()) {
    if (isUserDefined(raw.target)) hasUserDefined = true;
    else hasNonUserDefined = true;
    const n = i === 0 ? applyContainerOptions(raw, legacy) : raw;
    const ep = parseNetworkAttachment(n);
    if (Object.prototype.hasOwnProperty.call(endpoints, n.target)) throw new Error(`network ${JSON.stringify(n.target)} is specified multiple times`);
    if (i === 0 && networks.length === 1 && isEmptyEndpoint(ep)) continue;
    endpoints[n.target] = ep;
  }
  if (hasUserDefined && hasNonUserDefined) throw new Error('conflicting options: cannot attach both user-defined and non-user-defined network-modes');
  return endpoints;
}

