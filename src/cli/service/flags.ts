// The flags of `service create` and `service update` (docker's addServiceFlags and each
// command's own), in pflag's sorted order, with the API versions docker annotates them with:
// help hides the newer ones for an older engine and setting one fails (checkFlagVersions).
import type { FlagSpec } from '../flags.js';
import { parseMount } from '../opts/mount.js';
import { parseCPUs, parseNetwork, parseUlimit, validateDNSSearch, validateExtraHost, validateIPAddress, validateLabel } from '../opts/validators.js';
import { ramInBytes } from '../opts/units.js';
import {
  parseConfigRef,
  parseCredentialSpec,
  parseDuration,
  parseFloat32,
  parseInt64,
  parsePlacementPref,
  parsePortConfig,
  parsePositiveDuration,
  parseSecretRef,
  parseShlex,
  parseUint64,
  validateEnvLookup,
  validateGenericResource,
} from './opts.js';

const list = (name: string, usage: string, parse?: (raw: string) => unknown, short?: string): FlagSpec => ({ name, short, kind: 'list', type: 'list', usage, parse });
const typed = (name: string, type: string, usage: string, parse: (raw: string) => unknown, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, kind: 'list', type, usage, parse, ...extra });
const value = (name: string, type: string, usage: string, parse?: (raw: string) => unknown, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, kind: 'value', type, usage, parse, ...extra });
const bool = (name: string, usage: string, short?: string): FlagSpec => ({ name, short, kind: 'bool', usage });

/** docker's version annotations of the service flags (create and update) */
export const SERVICE_FLAG_VERSIONS: Record<string, string> = {
  detach: '1.29',
  'credential-spec': '1.29',
  hostname: '1.25',
  'cap-add': '1.41',
  'cap-drop': '1.41',
  'limit-pids': '1.41',
  'max-concurrent': '1.41',
  'replicas-max-per-node': '1.40',
  'update-monitor': '1.25',
  'update-max-failure-ratio': '1.25',
  'update-order': '1.29',
  'rollback-parallelism': '1.28',
  'rollback-delay': '1.28',
  'rollback-monitor': '1.28',
  'rollback-failure-action': '1.28',
  'rollback-max-failure-ratio': '1.28',
  'rollback-order': '1.29',
  'no-resolve-image': '1.30',
  'health-cmd': '1.25',
  'health-interval': '1.25',
  'health-timeout': '1.25',
  'health-retries': '1.25',
  'health-start-period': '1.29',
  'health-start-interval': '1.44',
  'no-healthcheck': '1.25',
  tty: '1.25',
  'read-only': '1.28',
  'stop-signal': '1.28',
  isolation: '1.35',
  init: '1.37',
  'oom-score-adj': '1.46',
};

export const CREATE_FLAG_VERSIONS: Record<string, string> = {
  ...SERVICE_FLAG_VERSIONS,
  'placement-pref': '1.28',
  secret: '1.25',
  config: '1.30',
  group: '1.25',
  dns: '1.25',
  'dns-option': '1.25',
  'dns-search': '1.25',
  host: '1.25',
  sysctl: '1.40',
  ulimit: '1.41',
  // (docker sets --host-add's annotation where it meant --generic-resource's; create has no --host-add)
};

export const UPDATE_FLAG_VERSIONS: Record<string, string> = {
  ...SERVICE_FLAG_VERSIONS,
  rollback: '1.25',
  force: '1.25',
  'group-rm': '1.25',
  'dns-rm': '1.25',
  'dns-option-rm': '1.25',
  'dns-search-rm': '1.25',
  'secret-rm': '1.25',
  'secret-add': '1.25',
  'config-rm': '1.30',
  'config-add': '1.30',
  'placement-pref-add': '1.28',
  'placement-pref-rm': '1.28',
  'network-add': '1.29',
  'network-rm': '1.29',
  'group-add': '1.25',
  'dns-add': '1.25',
  'dns-option-add': '1.25',
  'dns-search-add': '1.25',
  // docker annotates --host-add three times; the last, 1.32, stands
  'host-add': '1.32',
  'host-rm': '1.25',
  'sysctl-add': '1.40',
  'sysctl-rm': '1.40',
  'ulimit-add': '1.41',
  'ulimit-rm': '1.41',
};

const env = (raw: string): string => validateEnvLookup(raw);

/**
 * addServiceFlags: what create and update share. Create passes docker's defaults (shown in
 * the usage texts, and as pflag defaults where docker makes them flag defaults); update none.
 */
function commonFlags(create: boolean): FlagSpec[] {
  const d = (usage: string, def: string): string => (create ? `${usage} (default ${def})` : usage);
  return [
    bool('detach', 'Exit immediately instead of waiting for the service to converge', 'd'),
    bool('quiet', 'Suppress progress output', 'q'),
    value('workdir', 'string', 'Working directory inside the container', undefined, { short: 'w' }),
    value('user', 'string', 'Username or UID (format: <name|uid>[:<group|gid>])', undefined, { short: 'u' }),
    value('credential-spec', 'credential-spec', 'Credential spec for managed service account (Windows only)', parseCredentialSpec),
    value('hostname', 'string', 'Container hostname'),
    value('entrypoint', 'command', 'Overwrite the default ENTRYPOINT of the image', parseShlex),
    list('cap-add', 'Add Linux capabilities'),
    list('cap-drop', 'Drop Linux capabilities'),
    value('limit-cpu', 'decimal', 'Limit CPUs', parseCPUs),
    value('limit-memory', 'bytes', 'Limit Memory', ramInBytes),
    value('reserve-cpu', 'decimal', 'Reserve CPUs', parseCPUs),
    value('reserve-memory', 'bytes', 'Reserve Memory', ramInBytes),
    value('limit-pids', 'int', 'Limit maximum number of processes (default 0 = unlimited)', parseInt64, { default: 0 }),
    value('stop-grace-period', 'duration', d('Time to wait before force killing a container (ns|us|ms|s|m|h)', '10s'), parseDuration),
    value('replicas', 'uint', 'Number of tasks', parseUint64),
    value('max-concurrent', 'uint', 'Number of job tasks to run concurrently (default equal to --replicas)', parseUint64),
    value('replicas-max-per-node', 'uint', 'Maximum number of tasks per node (default 0 = unlimited)', parseUint64, { default: 0 }),
    value('restart-condition', 'string', d('Restart when condition is met ("none", "on-failure", "any")', '"any"')),
    value('restart-delay', 'duration', d('Delay between restart attempts (ns|us|ms|s|m|h)', '5s'), parseDuration),
    value('restart-max-attempts', 'uint', 'Maximum number of restarts before giving up', parseUint64),
    value('restart-window', 'duration', 'Window used to evaluate the restart policy (ns|us|ms|s|m|h)', parseDuration),
    value('update-parallelism', 'uint', 'Maximum number of tasks updated simultaneously (0 to update all at once)', parseUint64, { default: create ? 1 : 0 }),
    value('update-delay', 'duration', d('Delay between updates (ns|us|ms|s|m|h)', '0s'), parseDuration, { default: 0 }),
    value('update-monitor', 'duration', d('Duration after each task update to monitor for failure (ns|us|ms|s|m|h)', '5s'), parseDuration, { default: 0 }),
    value('update-failure-action', 'string', d('Action on update failure ("pause", "continue", "rollback")', '"pause"')),
    value('update-max-failure-ratio', 'float', d('Failure rate to tolerate during an update', '0'), parseFloat32),
    value('update-order', 'string', d('Update order ("start-first", "stop-first")', '"stop-first"')),
    value('rollback-parallelism', 'uint', 'Maximum number of tasks rolled back simultaneously (0 to roll back all at once)', parseUint64, { default: create ? 1 : 0 }),
    value('rollback-delay', 'duration', d('Delay between task rollbacks (ns|us|ms|s|m|h)', '0s'), parseDuration, { default: 0 }),
    value('rollback-monitor', 'duration', d('Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)', '5s'), parseDuration, { default: 0 }),
    value('rollback-failure-action', 'string', d('Action on rollback failure ("pause", "continue")', '"pause"')),
    value('rollback-max-failure-ratio', 'float', d('Failure rate to tolerate during a rollback', '0'), parseFloat32),
    value('rollback-order', 'string', d('Rollback order ("start-first", "stop-first")', '"stop-first"')),
    value('endpoint-mode', 'string', 'Endpoint mode (vip or dnsrr)', undefined, create ? { default: 'vip' } : {}),
    bool('with-registry-auth', 'Send registry authentication details to swarm agents'),
    bool('no-resolve-image', 'Do not query the registry to resolve image digest and supported platforms'),
    value('log-driver', 'string', 'Logging driver for service'),
    list('log-opt', 'Logging driver options', env),
    value('health-cmd', 'string', 'Command to run to check health'),
    value('health-interval', 'duration', 'Time between running the check (ms|s|m|h)', parsePositiveDuration),
    value('health-timeout', 'duration', 'Maximum time to allow one check to run (ms|s|m|h)', parsePositiveDuration),
    value('health-retries', 'int', 'Consecutive failures needed to report unhealthy', parseInt64, { default: 0 }),
    value('health-start-period', 'duration', 'Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)', parsePositiveDuration),
    value('health-start-interval', 'duration', 'Time between running the check during the start period (ms|s|m|h)', parsePositiveDuration),
    bool('no-healthcheck', 'Disable any container-specified HEALTHCHECK'),
    bool('tty', 'Allocate a pseudo-TTY', 't'),
    bool('read-only', "Mount the container's root filesystem as read only"),
    value('stop-signal', 'string', 'Signal to stop the container'),
    value('isolation', 'string', 'Service container isolation mode'),
    bool('init', 'Use an init inside each service container to forward signals and reap processes'),
    value('oom-score-adj', 'int', "Tune host's OOM preferences (-1000 to 1000) ", parseInt64, { default: 0 }),
  ];
}

const byName = (a: FlagSpec, b: FlagSpec): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function createFlags(): FlagSpec[] {
  return [
    ...commonFlags(true),
    value('mode', 'string', 'Service mode ("replicated", "global", "replicated-job", "global-job")', undefined, { default: 'replicated' }),
    value('name', 'string', 'Service name'),
    list('label', 'Service labels', validateLabel, 'l'),
    list('container-label', 'Container labels', validateLabel),
    list('env', 'Set environment variables', env, 'e'),
    list('env-file', 'Read in a file of environment variables'),
    typed('mount', 'mount', 'Attach a filesystem mount to the service', (raw) => parseMount(raw)),
    list('constraint', 'Placement constraints'),
    typed('placement-pref', 'pref', 'Add a placement preference', parsePlacementPref),
    typed('network', 'network', 'Network attachments', parseNetwork),
    typed('secret', 'secret', 'Specify secrets to expose to the service', parseSecretRef),
    typed('config', 'config', 'Specify configurations to expose to the service', parseConfigRef),
    typed('publish', 'port', 'Publish a port as a node port', parsePortConfig, { short: 'p' }),
    list('group', 'Set one or more supplementary user groups for the container'),
    list('dns', 'Set custom DNS servers', validateIPAddress),
    list('dns-option', 'Set DNS options'),
    list('dns-search', 'Set custom DNS search domains', validateDNSSearch),
    list('host', 'Set one or more custom host-to-IP mappings (host:ip)', validateExtraHost),
    list('sysctl', 'Sysctl options'),
    typed('ulimit', 'ulimit', 'Ulimit options', parseUlimit, { defaultText: '[]' }),
    list('generic-resource', 'User defined resources', validateGenericResource),
  ].sort(byName);
}

export function updateFlags(): FlagSpec[] {
  return [
    ...commonFlags(false),
    value('image', 'string', 'Service image tag'),
    value('args', 'command', 'Service command args', parseShlex),
    bool('rollback', 'Rollback to previous specification'),
    bool('force', 'Force update even if no changes require it'),
    list('env-rm', 'Remove an environment variable'),
    list('group-rm', 'Remove a previously added supplementary user group from the container'),
    list('label-rm', 'Remove a label by its key'),
    list('container-label-rm', 'Remove a container label by its key'),
    list('mount-rm', 'Remove a mount by its target path'),
    typed('publish-rm', 'port', 'Remove a published port by its target port', parsePortConfig),
    list('constraint-rm', 'Remove a constraint'),
    list('dns-rm', 'Remove a custom DNS server'),
    list('dns-option-rm', 'Remove a DNS option'),
    list('dns-search-rm', 'Remove a DNS search domain'),
    list('host-rm', 'Remove a custom host-to-IP mapping ("host:ip")'),
    list('label-add', 'Add or update a service label', validateLabel),
    list('container-label-add', 'Add or update a container label', validateLabel),
    list('env-add', 'Add or update an environment variable', env),
    list('secret-rm', 'Remove a secret'),
    typed('secret-add', 'secret', 'Add or update a secret on a service', parseSecretRef),
    list('config-rm', 'Remove a configuration file'),
    typed('config-add', 'config', 'Add or update a config file on a service', parseConfigRef),
    typed('mount-add', 'mount', 'Add or update a mount on a service', (raw) => parseMount(raw)),
    list('constraint-add', 'Add or update a placement constraint'),
    typed('placement-pref-add', 'pref', 'Add a placement preference', parsePlacementPref),
    typed('placement-pref-rm', 'pref', 'Remove a placement preference', parsePlacementPref),
    typed('network-add', 'network', 'Add a network', parseNetwork),
    list('network-rm', 'Remove a network'),
    typed('publish-add', 'port', 'Add or update a published port', parsePortConfig),
    list('group-add', 'Add an additional supplementary user group to the container'),
    list('dns-add', 'Add or update a custom DNS server', validateIPAddress),
    list('dns-option-add', 'Add or update a DNS option'),
    list('dns-search-add', 'Add or update a custom DNS search domain', validateDNSSearch),
    list('host-add', 'Add a custom host-to-IP mapping ("host:ip")', validateExtraHost),
    list('sysctl-add', 'Add or update a Sysctl option'),
    list('sysctl-rm', 'Remove a Sysctl option'),
    typed('ulimit-add', 'ulimit', 'Add or update a ulimit option', parseUlimit, { defaultText: '[]' }),
    list('ulimit-rm', 'Remove a ulimit option'),
    list('generic-resource-rm', 'Remove a Generic resource'),
    list('generic-resource-add', 'Add a Generic resource', validateGenericResource),
  ].sort(byName);
}

/** the flag values docker completes for both create and update (FromList); every other flag NoComplete */
export const POLICY_FLAG_VALUES: Record<string, string[]> = {
  'restart-condition': ['none', 'on-failure', 'any'],
  'rollback-order': ['start-first', 'stop-first'],
  'rollback-failure-action': ['pause', 'continue'],
  'update-order': ['start-first', 'stop-first'],
  'update-failure-action': ['pause', 'continue', 'rollback'],
  '*': [],
};
