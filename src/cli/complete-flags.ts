// Completion of the container, image and system verbs' flag values, as docker's completion
// functions answer (cli/command/container/completion.go, cli/command/completion/functions.go,
// cli/command/system/completion.go): fixed lists (capabilities, signals, platforms, restart
// policies...), lists shaped by the word typed so far (--ipc, --pid, --security-opt,
// events --filter), and lists read from the engine (containers, log and volume drivers).
import { Cli, type GlobalOptions } from './cli.js';
import { listContainers } from '../engine/containers.js';
import type { ObjectCompletion } from './complete-objects.js';

const NO_SPACE = 2;
const NO_FILE = 4;
const ERROR = 1;

/** docker's allLinuxCapabilities: "ALL", then capability.ListKnown() as CAP_ names */
export const CAPABILITIES = [
  'ALL',
  ...[
    'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP',
    'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER',
    'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE',
    'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP',
    'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF',
    'CHECKPOINT_RESTORE',
  ].map((c) => `CAP_${c}`),
];

/**
 * moby/sys/signal's SignalMap keys on Linux (docker walks a Go map: its order differs from one
 * run to the next; this is one of them)
 */
export const SIGNALS = [
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL',
  'PROF', 'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1',
  'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ', 'RTMIN',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${14 - i}`),
  'RTMAX',
];

/** completion.Platforms: docker's commonPlatforms */
export const PLATFORMS = [
  'linux/386', 'linux/amd64', 'linux/arm', 'linux/arm/v5', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64',
  'linux/arm64/v8', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64', 'wasip1/wasm',
];

/** docker's restartPolicies */
export const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'];

/** docker's logDriverOptions: each built-in logging driver's options */
const LOG_DRIVER_OPTIONS: Record<string, string[]> = {
  awslogs: ['max-buffer-size', 'mode', 'awslogs-create-group', 'awslogs-credentials-endpoint', 'awslogs-datetime-format', 'awslogs-group', 'awslogs-multiline-pattern', 'awslogs-region', 'awslogs-stream', 'tag'],
  fluentd: ['max-buffer-size', 'mode', 'env', 'env-regex', 'labels', 'fluentd-address', 'fluentd-async', 'fluentd-buffer-limit', 'fluentd-request-ack', 'fluentd-retry-wait', 'fluentd-max-retries', 'fluentd-sub-second-precision', 'fluentd-write-timeout', 'tag'],
  gcplogs: ['max-buffer-size', 'mode', 'env', 'env-regex', 'labels', 'gcp-log-cmd', 'gcp-meta-id', 'gcp-meta-name', 'gcp-meta-zone', 'gcp-project'],
  gelf: ['max-buffer-size', 'mode', 'env', 'env-regex', 'labels', 'gelf-address', 'gelf-compression-level', 'gelf-compression-type', 'gelf-tcp-max-reconnect', 'gelf-tcp-reconnect-delay', 'tag'],
  journald: ['max-buffer-size', 'mode', 'env', 'env-regex', 'labels', 'tag'],
  'json-file': ['max-buffer-size', 'mode', 'env', 'env-regex', 'labels', 'compress', 'max-file', 'max-size'],
  local: ['max-buffer-size', 'mode', 'compress', 'max-file', 'max-size'],
  none: [],
  splunk: ['max-buffer-size', 'mode', 'env', 'env-regex', 'labels', 'splunk-caname', 'splunk-capath', 'splunk-format', 'splunk-gzip', 'splunk-gzip-level', 'splunk-index', 'splunk-insecureskipverify', 'splunk-source', 'splunk-sourcetype', 'splunk-token', 'splunk-url', 'splunk-verify-connection', 'tag'],
  syslog: ['max-buffer-size', 'mode', 'env', 'env-regex', 'labels', 'syslog-address', 'syslog-facility', 'syslog-format', 'syslog-tls-ca-cert', 'syslog-tls-cert', 'syslog-tls-key', 'syslog-tls-skip-verify', 'tag'],
};

const ULIMITS = ['as', 'chroot', 'core', 'cpu', 'data', 'fsize', 'locks', 'maxlogins', 'maxsyslogins', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'priority', 'rss', 'rtprio', 'sigpending', 'stack'];

const EVENT_FILTERS = ['container', 'daemon', 'event', 'image', 'label', 'network', 'node', 'scope', 'type', 'volume'];
const EVENT_TYPES = ['builder', 'config', 'container', 'daemon', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'volume'];
/** docker's eventActions, those with a space in them left out (validEventNames) */
const EVENT_ACTIONS = [
  'create', 'start', 'restart', 'stop', 'checkpoint', 'pause', 'unpause', 'attach', 'detach', 'resize', 'update',
  'rename', 'kill', 'die', 'oom', 'destroy', 'remove', 'commit', 'top', 'copy', 'archive-path', 'extract-to-dir',
  'export', 'import', 'save', 'load', 'tag', 'untag', 'push', 'pull', 'prune', 'delete', 'enable', 'disable',
  'connect', 'disconnect', 'reload', 'mount', 'unmount', 'exec_create', 'exec_start', 'exec_die', 'exec_detach',
  'health_status',
];

/** what a completion function sees: the word typed so far and the flags parsed from the words before it */
export interface FlagContext {
  value: string;
  opts: Record<string, unknown>;
}

/** runs `fn` with an engine client; undefined when the engine does not answer */
async function engine<T>(globals: GlobalOptions, fn: (api: ReturnType<Cli['api']>) => Promise<T>): Promise<T | undefined> {
  const cli = new Cli(globals);
  try {
    return await fn(cli.api());
  } catch {
    return undefined;
  } finally {
    cli.close();
  }
}

/** completion.ContainerNames(cli, true): every container's names (IDs first with DOCKER_COMPLETION_SHOW_CONTAINER_IDS=yes); undefined on error */
function containerNames(globals: GlobalOptions): Promise<string[] | undefined> {
  const showIds = process.env.DOCKER_COMPLETION_SHOW_CONTAINER_IDS === 'yes';
  return engine(globals, async (api) =>
    (await listContainers(api, { all: true })).flatMap((c) => [...(showIds ? [c.Id] : []), ...c.Names.map((n) => n.replace(/^\//, ''))]),
  );
}

type Info = { Name?: string; ID?: string; Plugins?: { Log?: string[] | null; Volume?: string[] | null } };
async function info(globals: GlobalOptions): Promise<Info | undefined> {
  return engine(globals, async (api) => {
    const { engineInfo } = await import('../engine/system.js');
    return (await engineInfo(api)) as Info;
  });
}

const prefixed = (p: string, l: string[]): string[] => l.map((v) => p + v);
const postfixed = (p: string, l: string[]): string[] => l.map((v) => v + p);

/** completeIpc / completePid: "container:" alone for a partial "container", container names after it */
async function containerMode(ctx: FlagContext, globals: GlobalOptions, modes: string[]): Promise<ObjectCompletion> {
  if (ctx.value.length > 0 && 'container'.startsWith(ctx.value)) return { out: ['container:'], directive: NO_SPACE };
  if (ctx.value.startsWith('container:')) return { out: prefixed('container:', (await containerNames(globals)) ?? []), directive: NO_FILE };
  return { out: modes, directive: NO_FILE };
}

function securityOpt(v: string): ObjectCompletion {
  if (v.length > 0 && 'apparmor='.startsWith(v)) return { out: ['apparmor='], directive: NO_SPACE };
  if (v.length > 0 && 'label'.startsWith(v)) return { out: ['label='], directive: NO_SPACE };
  if (v.startsWith('label=')) {
    if (v.startsWith('label=d')) return { out: ['label=disable'], directive: NO_FILE };
    return { out: prefixed('label=', ['disable', 'level:', 'role:', 'type:', 'user:']), directive: NO_SPACE | NO_FILE };
  }
  // (a lone "s" falls through: it could be "systempaths" as well)
  if (v.length > 1 && 'seccomp'.startsWith(v)) return { out: ['seccomp='], directive: NO_SPACE };
  if (v.startsWith('seccomp=')) return { out: ['seccomp=unconfined'], directive: NO_FILE };
  return { out: ['apparmor=', 'label=', 'no-new-privileges', 'seccomp=', 'systempaths=unconfined'], directive: NO_FILE };
}

function logOpts(ctx: FlagContext): ObjectCompletion {
  const driver = typeof ctx.opts['log-driver'] === 'string' ? (ctx.opts['log-driver'] as string) : '';
  const options = Object.prototype.hasOwnProperty.call(LOG_DRIVER_OPTIONS, driver) ? LOG_DRIVER_OPTIONS[driver] : undefined;
  if (options) return { out: postfixed('=', options), directive: NO_SPACE | NO_FILE };
  return { out: postfixed('=', [...new Set(Object.values(LOG_DRIVER_OPTIONS).flat())]), directive: NO_SPACE };
}

/** completeEventFilters: the filter keys, then each key's values */
async function eventFilters(ctx: FlagContext, globals: GlobalOptions): Promise<ObjectCompletion> {
  const eq = ctx.value.indexOf('=');
  if (eq < 0) return { out: postfixed('=', EVENT_FILTERS), directive: NO_SPACE };
  const key = ctx.value.slice(0, eq);
  const done = (values: string[]): ObjectCompletion => ({ out: prefixed(`${key}=`, values), directive: NO_FILE });
  switch (key) {
    case 'container':
      return done((await containerNames(globals)) ?? []);
    case 'daemon': {
      const i = await info(globals);
      return done(i ? [i.Name ?? '', i.ID ?? ''] : []);
    }
    case 'event':
      return done(EVENT_ACTIONS);
    case 'image':
      return done(
        (await engine(globals, async (api) => {
          const { listImages } = await import('../engine/images.js');
          return (await listImages(api)).flatMap((i) => i.RepoTags ?? []);
        })) ?? [],
      );
    case 'label':
      return { out: [], directive: NO_FILE };
    case 'network':
      return done(
        (await engine(globals, async (api) => {
          const { listNetworks } = await import('../engine/networks.js');
          return (await listNetworks(api)).map((n) => n.Name);
        })) ?? [],
      );
    case 'node':
      return done(
        (await engine(globals, async (api) => {
          const { listNodes } = await import('../engine/nodes.js');
          return (await listNodes(api)).map((n) => n.Description?.Hostname ?? '');
        })) ?? [],
      );
    case 'scope':
      return done(['local', 'swarm']);
    case 'type':
      return done(EVENT_TYPES);
    case 'volume':
      return done(
        (await engine(globals, async (api) => {
          const { listVolumes } = await import('../engine/volumes.js');
          return ((await listVolumes(api)).Volumes ?? []).map((v) => v.Name);
        })) ?? [],
      );
    default:
      return { out: postfixed('=', EVENT_FILTERS), directive: NO_SPACE | NO_FILE };
  }
}

/** the sources this module answers for (spec.flagValues' "<…>" entries), undefined for others */
export async function completeVerbFlag(source: string, ctx: FlagContext, globals: GlobalOptions): Promise<ObjectCompletion | undefined> {
  switch (source) {
    case '<detach-keys>':
      return { out: ['ctrl-'], directive: NO_SPACE };
    case '<ipc>':
      return containerMode(ctx, globals, ['container:', 'host', 'none', 'private', 'shareable']);
    case '<pid>':
      return containerMode(ctx, globals, ['container:', 'host']);
    case '<link>':
      return { out: postfixed(':', (await containerNames(globals)) ?? []), directive: NO_SPACE };
    case '<containers>': {
      const names = await containerNames(globals);
      return names ? { out: names, directive: NO_FILE } : { out: [], directive: ERROR };
    }
    case '<log-drivers>': {
      // the engine's logging plugins; its built-in drivers when it does not answer
      const i = await info(globals);
      return { out: i ? (i.Plugins?.Log ?? []) : Object.keys(LOG_DRIVER_OPTIONS), directive: NO_FILE };
    }
    case '<log-opts>':
      return logOpts(ctx);
    case '<volume-drivers>': {
      const i = await info(globals);
      return { out: i ? (i.Plugins?.Volume ?? []) : ['local'], directive: NO_FILE };
    }
    case '<security-opt>':
      return securityOpt(ctx.value);
    case '<storage-opt>':
      return { out: ['size='], directive: NO_SPACE };
    case '<ulimits>':
      return { out: postfixed('=', ULIMITS), directive: NO_SPACE };
    case '<event-filters>':
      return eventFilters(ctx, globals);
    default:
      return undefined;
  }
}

/** run and create's flag completions (docker's addCompletions); NoComplete for every other flag */
export const RUN_CREATE_FLAG_VALUES: Record<string, string[]> = {
  attach: ['stderr', 'stdin', 'stdout'],
  'cap-add': CAPABILITIES,
  'cap-drop': CAPABILITIES,
  cgroupns: ['host', 'private'],
  env: ['<envvars>'],
  'env-file': ['<files>'],
  ipc: ['<ipc>'],
  link: ['<link>'],
  'log-driver': ['<log-drivers>'],
  'log-opt': ['<log-opts>'],
  network: ['<networks>'],
  pid: ['<pid>'],
  platform: PLATFORMS,
  pull: ['always', 'missing', 'never'],
  restart: RESTART_POLICIES,
  'security-opt': ['<security-opt>'],
  'stop-signal': SIGNALS,
  'storage-opt': ['<storage-opt>'],
  ulimit: ['<ulimits>'],
  userns: ['host'],
  uts: ['host'],
  'volume-driver': ['<volume-drivers>'],
  'volumes-from': ['<containers>'],
  '*': [],
};
