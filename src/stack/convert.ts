// A loaded compose file turned into what the engine takes (docker/cli cli/compose/convert at
// v28.2.2): the stack's namespace and labels, the networks to create, the secret and config
// specs, the service specs with their mounts. Pure functions, except the secret and config
// ID lookups the services need (passed in as a Resolver).
import { readFileSync } from 'node:fs';
import { parseCPUs, parseRestartPolicy } from '../cli/opts/validators.js';
import { effectiveCaps, float32Shortest } from '../cli/service/opts.js';
import { byteCompare, parseConfigs, parseSecrets, type Resolver } from '../cli/service/spec.js';
import { goFileError } from '../cli/opts/kvfile.js';
import { StatusError } from '../cli/errors.js';
import { versionLess } from '../engine/client.js';
import type {
  ConfigReference,
  ContainerSpec,
  HealthConfig,
  NetworkAttachmentConfig,
  PortConfig,
  RestartPolicy,
  SecretReference,
  ServiceMode,
  ServiceSpec,
  TaskSpec,
  UpdateConfig,
} from '../engine/service-types.js';
import type * as C from './types.js';

export const LABEL_NAMESPACE = 'com.docker.stack.namespace';
export const LABEL_IMAGE = 'com.docker.stack.image';
const DEFAULT_NETWORK = 'default';

/** convert.Namespace: the stack name that scopes every object's name */
export class Namespace {
  constructor(readonly name: string) {}
  scope(name: string): string {
    return `${this.name}_${name}`;
  }
  descope(name: string): string {
    const p = `${this.name}_`;
    return name.startsWith(p) ? name.slice(p.length) : name;
  }
}

/** Go's encoding of a map: keys in byte order */
export function sortedMap<T>(m: Record<string, T> | undefined | null): Record<string, T> | undefined {
  if (!m) return undefined;
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort(byteCompare)) out[k] = m[k]!;
  return out;
}

/** AddStackLabel: the labels with the namespace label added */
export function stackLabels(ns: Namespace, labels: Record<string, string> | undefined | null): Record<string, string> {
  return sortedMap({ ...(labels ?? {}), [LABEL_NAMESPACE]: ns.name })!;
}

/** container.NetworkMode(name).IsUserDefined() on Linux */
export function isUserDefinedNetwork(name: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(name) && !name.startsWith('container:');
}

/** network.CreateOptions as the client sends it (the driver defaulted later) */
export interface StackNetworkCreate {
  Driver: string;
  Scope: string;
  IPAM: { Driver: string; Options: Record<string, string> | null; Config: { Subnet?: string }[] | null } | null;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigOnly: boolean;
  ConfigFrom: null;
  Options: Record<string, string> | null;
  Labels: Record<string, string>;
}

/** convert.Networks: the networks to create (by name) and the external ones to check */
export function convertNetworks(ns: Namespace, networks: Record<string, C.NetworkConfig> | undefined, used: Set<string>): { create: Map<string, StackNetworkCreate>; external: string[] } {
  const create = new Map<string, StackNetworkCreate>();
  const external: string[] = [];
  for (const internal of [...used].sort(byteCompare)) {
    const nw: C.NetworkConfig = networks?.[internal] ?? {};
    if (nw.external?.external) {
      external.push(nw.name ?? '');
      continue;
    }
    const ipamConfig = nw.ipam?.config ?? [];
    const hasIpam = (nw.ipam?.driver ?? '') !== '' || ipamConfig.length > 0;
    const opts: StackNetworkCreate = {
      Driver: nw.driver ?? '',
      Scope: '',
      IPAM: hasIpam ? { Driver: nw.ipam?.driver ?? '', Options: null, Config: ipamConfig.length > 0 ? ipamConfig.map((c) => (c?.subnet ? { Subnet: c.subnet } : {})) : null } : null,
      Internal: nw.internal ?? false,
      Attachable: nw.attachable ?? false,
      Ingress: false,
      ConfigOnly: false,
      ConfigFrom: null,
      Options: sortedMap(nw.driver_opts) ?? null,
      Labels: stackLabels(ns, nw.labels),
    };
    create.set(nw.name ? nw.name : ns.scope(internal), opts);
  }
  return { create, external };
}

/** swarm.SecretSpec / swarm.ConfigSpec, before encoding */
export interface ObjectSpec {
  Name: string;
  Labels: Record<string, string>;
  Data?: Buffer;
  Driver?: { Name: string; Options?: Record<string, string> };
  Templating?: { Name: string };
}

function readObjectFile(file: string | undefined): Buffer {
  try {
    return readFileSync(file ?? '');
  } catch (e) {
    throw new Error(goFileError(e, file ?? ''));
  }
}

function objectName(ns: Namespace, key: string, obj: C.FileObjectConfig): string {
  return obj.name ? obj.name : ns.scope(key);
}

/** convert.Secrets: the stack's own secrets (external ones left out), data read from their files */
export function convertSecrets(ns: Namespace, secrets: Record<string, C.FileObjectConfig> | undefined): ObjectSpec[] {
  const out: ObjectSpec[] = [];
  for (const [key, s] of Object.entries(secrets ?? {}).sort(([a], [b]) => byteCompare(a, b))) {
    if (s.external?.external) continue;
    const spec: ObjectSpec = { Name: objectName(ns, key, s), Labels: stackLabels(ns, s.labels) };
    if (s.driver) spec.Driver = { Name: s.driver, Options: sortedMap(s.driver_opts) };
    else spec.Data = readObjectFile(s.file);
    if (s.template_driver) spec.Templating = { Name: s.template_driver };
    out.push(spec);
  }
  return out;
}

/** convert.Configs */
export function convertConfigs(ns: Namespace, configs: Record<string, C.FileObjectConfig> | undefined): ObjectSpec[] {
  const out: ObjectSpec[] = [];
  for (const [key, c] of Object.entries(configs ?? {}).sort(([a], [b]) => byteCompare(a, b))) {
    if (c.external?.external) continue;
    const spec: ObjectSpec = { Name: objectName(ns, key, c), Labels: stackLabels(ns, c.labels), Data: readObjectFile(c.file) };
    if (c.template_driver) spec.Templating = { Name: c.template_driver };
    out.push(spec);
  }
  return out;
}

/** the networks the services name ("default" for a service that names none) */
export function servicesNetworks(services: C.ServiceConfig[]): Set<string> {
  const used = new Set<string>();
  for (const s of services) {
    const names = Object.keys(s.networks ?? {});
    if (names.length === 0) used.add(DEFAULT_NETWORK);
    for (const n of names) used.add(n);
  }
  return used;
}

// ---------------------------------------------------------------------------------------
// volumes

type MountOut = Record<string, unknown>;

function baseMount(v: C.ServiceVolumeConfig): MountOut {
  const m: MountOut = {};
  if (v.type) m.Type = v.type;
  if (v.source) m.Source = v.source;
  if (v.target) m.Target = v.target;
  if (v.read_only) m.ReadOnly = true;
  if (v.consistency) m.Consistency = v.consistency;
  return m;
}

type VolKind = 'image' | 'tmpfs' | 'bind' | 'cluster' | 'volume';

function incompatible(v: C.ServiceVolumeConfig, type: string, check: VolKind[]): void {
  const word: Record<string, string> = { image: 'images', tmpfs: 'tmpfs', bind: 'bind', cluster: 'cluster', volume: 'volume' };
  for (const k of check) {
    if (v[k] !== undefined && v[k] !== null) {
      // docker words the image case "images options" for type volume, "image options" elsewhere
      const w = k === 'image' && type !== 'volume' ? 'image' : word[k];
      throw new Error(`${w} options are incompatible with type ${type}`);
    }
  }
}

function volumeMount(v: C.ServiceVolumeConfig, stackVolumes: Record<string, C.VolumeConfig>, ns: Namespace): MountOut {
  const m = baseMount(v);
  incompatible(v, 'volume', ['image', 'tmpfs', 'bind', 'cluster']);
  if (!v.source) return m;
  const sv = stackVolumes[v.source];
  if (!sv) throw new Error(`undefined volume ${JSON.stringify(v.source)}`);
  m.Source = sv.name ? sv.name : ns.scope(v.source);
  const o: Record<string, unknown> = {};
  if (v.volume?.nocopy) o.NoCopy = true;
  if (v.volume?.subpath) o.Subpath = v.volume.subpath;
  m.VolumeOptions = o;
  if (sv.external?.external) return m;
  o.Labels = stackLabels(ns, sv.labels);
  if ((sv.driver ?? '') !== '' || sv.driver_opts) {
    const d: Record<string, unknown> = {};
    if (sv.driver) d.Name = sv.driver;
    if (sv.driver_opts && Object.keys(sv.driver_opts).length > 0) d.Options = sortedMap(sv.driver_opts);
    o.DriverConfig = d;
  }
  return m;
}

function sourcedMount(v: C.ServiceVolumeConfig, type: string, others: VolKind[]): MountOut {
  if (!v.source) throw new Error(`invalid ${type} source, source cannot be empty`);
  incompatible(v, type, others);
  return baseMount(v);
}

/** convertVolumeToMount */
export function convertMount(v: C.ServiceVolumeConfig, stackVolumes: Record<string, C.VolumeConfig>, ns: Namespace): MountOut {
  switch (v.type ?? '') {
    case 'volume':
    case '':
      return volumeMount(v, stackVolumes, ns);
    case 'image': {
      const m = sourcedMount(v, 'image', ['volume', 'bind', 'tmpfs', 'cluster']);
      if (v.image) m.ImageOptions = v.image.subpath ? { Subpath: v.image.subpath } : {};
      return m;
    }
    case 'bind': {
      const m = sourcedMount(v, 'bind', ['volume', 'image', 'tmpfs', 'cluster']);
      if (v.bind) m.BindOptions = v.bind.propagation ? { Propagation: v.bind.propagation } : {};
      return m;
    }
    case 'tmpfs': {
      if (v.source) throw new Error('invalid tmpfs source, source must be empty');
      incompatible(v, 'tmpfs', ['bind', 'volume', 'image', 'cluster']);
      const m = baseMount(v);
      if (v.tmpfs) m.TmpfsOptions = v.tmpfs.size ? { SizeBytes: v.tmpfs.size } : {};
      return m;
    }
    case 'npipe': {
      const m = sourcedMount(v, 'npipe', ['volume', 'image', 'tmpfs']);
      if (v.bind) m.BindOptions = v.bind.propagation ? { Propagation: v.bind.propagation } : {};
      return m;
    }
    case 'cluster': {
      if (!v.source) throw new Error('invalid cluster source, source cannot be empty');
      incompatible(v, 'cluster', ['tmpfs', 'bind', 'volume']);
      const m = baseMount(v);
      m.ClusterOptions = {};
      if (!v.source.startsWith('group:')) {
        const sv = stackVolumes[v.source];
        if (!sv) throw new Error(`undefined volume ${JSON.stringify(v.source)}`);
        m.Source = sv.name ? sv.name : ns.scope(v.source);
      }
      return m;
    }
  }
  throw new Error('volume type must be volume, bind, tmpfs, npipe, or cluster');
}

// ---------------------------------------------------------------------------------------
// services

function convertEndpoint(mode: string | undefined, ports: C.ServicePortConfig[] | undefined): NonNullable<ServiceSpec['EndpointSpec']> {
  const out: PortConfig[] = (ports ?? []).map((p) => {
    const pc: PortConfig = {};
    if (p.protocol) pc.Protocol = p.protocol;
    if (p.target) pc.TargetPort = p.target;
    if (p.published) pc.PublishedPort = p.published;
    if (p.mode) pc.PublishMode = p.mode;
    return pc;
  });
  // sort.Slice by published port (stable enough here: JS sort is stable)
  out.sort((a, b) => (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0));
  const e: NonNullable<ServiceSpec['EndpointSpec']> = {};
  if (mode) e.Mode = mode.toLowerCase();
  if (out.length > 0) e.Ports = out;
  return e;
}

function convertMode(mode: string | undefined, replicas: number | undefined | null): ServiceMode {
  const has = replicas !== undefined && replicas !== null;
  switch (mode ?? '') {
    case 'global-job':
      if (has) throw new Error('replicas can only be used with replicated or replicated-job mode');
      return { GlobalJob: {} };
    case 'global':
      if (has) throw new Error('replicas can only be used with replicated or replicated-job mode');
      return { Global: {} };
    case 'replicated-job':
      return { ReplicatedJob: has ? { MaxConcurrent: replicas!, TotalCompletions: replicas! } : {} };
    case 'replicated':
    case '':
      return { Replicated: has ? { Replicas: replicas! } : {} };
  }
  throw new Error(`Unknown mode: ${mode}`);
}

function convertResources(r: C.Resources | undefined): NonNullable<TaskSpec['Resources']> {
  const out: NonNullable<TaskSpec['Resources']> = {};
  const cpus = (v: string | undefined): number => (v ? parseCPUs(v) : 0);
  if (r?.limits) {
    const l: Record<string, number> = {};
    const n = cpus(r.limits.cpus);
    if (n) l.NanoCPUs = n;
    if (r.limits.memory) l.MemoryBytes = r.limits.memory;
    if (r.limits.pids) l.Pids = r.limits.pids;
    out.Limits = l;
  }
  if (r?.reservations) {
    const s: NonNullable<NonNullable<TaskSpec['Resources']>['Reservations']> = {};
    const n = cpus(r.reservations.cpus);
    if (n) s.NanoCPUs = n;
    if (r.reservations.memory) s.MemoryBytes = r.reservations.memory;
    const generic = (r.reservations.generic_resources ?? []).map((g) => (g.discrete_resource_spec ? { DiscreteResourceSpec: { Kind: g.discrete_resource_spec.kind, Value: g.discrete_resource_spec.value } } : {}));
    if (generic.length > 0) s.GenericResources = generic;
    out.Reservations = s;
  }
  return out;
}

function convertRestart(restart: string | undefined, source: C.RestartPolicy | undefined | null): RestartPolicy | undefined {
  if (!source) {
    const p = parseRestartPolicy(restart ?? '');
    switch (p.Name) {
      case '':
      case 'no':
        return undefined;
      case 'always':
      case 'unless-stopped':
        return { Condition: 'any' };
      case 'on-failure':
        return { Condition: 'on-failure', MaxAttempts: p.MaximumRetryCount };
    }
    throw new Error(`unknown restart policy: ${restart}`);
  }
  const out: RestartPolicy = {};
  if (source.condition) out.Condition = source.condition;
  if (source.delay !== undefined && source.delay !== null) out.Delay = source.delay;
  if (source.max_attempts !== undefined && source.max_attempts !== null) out.MaxAttempts = source.max_attempts;
  if (source.window !== undefined && source.window !== null) out.Window = source.window;
  return out;
}

function convertUpdate(u: C.UpdateConfig | undefined | null): UpdateConfig | undefined {
  if (!u) return undefined;
  const out: UpdateConfig = { Parallelism: u.parallelism ?? 1, MaxFailureRatio: float32Shortest(u.max_failure_ratio ?? 0), Order: u.order ?? '' };
  if (u.delay) out.Delay = u.delay;
  if (u.failure_action) out.FailureAction = u.failure_action;
  if (u.monitor) out.Monitor = u.monitor;
  return { Parallelism: out.Parallelism, Delay: out.Delay, FailureAction: out.FailureAction, Monitor: out.Monitor, MaxFailureRatio: out.MaxFailureRatio, Order: out.Order };
}

function convertHealthcheck(h: C.HealthCheckConfig | undefined | null): HealthConfig | undefined {
  if (!h) return undefined;
  if (h.disable) {
    if ((h.test ?? []).length !== 0) throw new Error("test and disable can't be set at the same time");
    return { Test: ['NONE'] };
  }
  const out: HealthConfig = {};
  if (h.test && h.test.length > 0) out.Test = h.test;
  if (h.interval) out.Interval = h.interval;
  if (h.timeout) out.Timeout = h.timeout;
  if (h.start_period) out.StartPeriod = h.start_period;
  if (h.start_interval) out.StartInterval = h.start_interval;
  if (h.retries) out.Retries = h.retries;
  return out;
}

function convertServiceNetworks(nets: Record<string, C.ServiceNetworkConfig | null> | undefined, configs: Record<string, C.NetworkConfig> | undefined, ns: Namespace, name: string): NetworkAttachmentConfig[] {
  const given = nets && Object.keys(nets).length > 0 ? nets : { [DEFAULT_NETWORK]: null };
  const out: NetworkAttachmentConfig[] = [];
  for (const [netName, n] of Object.entries(given)) {
    const cfg = configs?.[netName];
    if (!cfg && netName !== DEFAULT_NETWORK) throw new Error(`undefined network ${JSON.stringify(netName)}`);
    const target = cfg?.name ? cfg.name : ns.scope(netName);
    const a: NetworkAttachmentConfig = { Target: target };
    const aliases = [...(n?.aliases ?? [])];
    if (isUserDefinedNetwork(target)) aliases.push(name);
    if (aliases.length > 0) a.Aliases = aliases;
    if (n?.driver_opts && Object.keys(n.driver_opts).length > 0) a.DriverOpts = sortedMap(n.driver_opts);
    out.push(a);
  }
  return out.sort((a, b) => byteCompare(a.Target!, b.Target!));
}

interface RefTarget {
  Name: string;
  UID: string;
  GID: string;
  Mode: number;
}

function fileReference(ns: Namespace, ref: C.FileReferenceConfig, objects: Record<string, C.FileObjectConfig> | undefined, kind: string): { name: string; file: RefTarget } {
  const obj = objects?.[ref.source ?? ''];
  if (!obj) throw new Error(`undefined ${kind} ${JSON.stringify(ref.source ?? '')}`);
  return {
    name: obj.name ? obj.name : ns.scope(ref.source ?? ''),
    file: { Name: ref.target ? ref.target : (ref.source ?? ''), UID: ref.uid ? ref.uid : '0', GID: ref.gid ? ref.gid : '0', Mode: ref.mode ?? 0o444 },
  };
}

async function convertServiceSecrets(ns: Namespace, refs: C.FileReferenceConfig[] | undefined, secrets: Record<string, C.FileObjectConfig> | undefined, res: Resolver): Promise<SecretReference[]> {
  const requested: SecretReference[] = (refs ?? []).map((r) => {
    const f = fileReference(ns, r, secrets, 'secret');
    return { File: f.file, SecretID: '', SecretName: f.name };
  });
  const out = await parseSecrets(requested, res);
  return out.sort((a, b) => byteCompare(a.SecretName, b.SecretName));
}

async function convertServiceConfigs(ns: Namespace, service: C.ServiceConfig, configs: Record<string, C.FileObjectConfig> | undefined, res: Resolver): Promise<ConfigReference[]> {
  const requested: ConfigReference[] = (service.configs ?? []).map((r) => {
    const f = fileReference(ns, r, configs, 'config');
    return { File: f.file, ConfigID: '', ConfigName: f.name };
  });
  const credConfig = service.credential_spec?.config ?? '';
  if (credConfig !== '') {
    const obj = configs?.[credConfig];
    if (!obj) throw new Error(`undefined config ${JSON.stringify(credConfig)}`);
    requested.push({ ConfigName: obj.name ? obj.name : ns.scope(credConfig), Runtime: {}, ConfigID: '' });
  }
  const out = await parseConfigs(requested, res);
  return out.sort((a, b) => byteCompare(a.ConfigName, b.ConfigName));
}

function convertCredentialSpec(ns: Namespace, spec: C.CredentialSpecConfig | undefined, refs: ConfigReference[]): { Config: string; File: string; Registry: string } | null {
  const set: string[] = [];
  if (spec?.config) set.push('"Config"');
  if (spec?.file) set.push('"File"');
  if (spec?.registry) set.push('"Registry"');
  if (set.length === 0) return null;
  if (set.length === 2) throw new Error(`invalid credential spec: cannot specify both ${set[0]} and ${set[1]}`);
  if (set.length > 2) throw new Error(`invalid credential spec: cannot specify both ${set.slice(0, -1).join(', ')}, and ${set[set.length - 1]}`);
  const out = { Config: spec!.config ?? '', File: spec!.file ?? '', Registry: spec!.registry ?? '' };
  if (out.Config !== '') {
    const match = refs.find((r) => r.ConfigName === out.Config) ?? refs.find((r) => r.ConfigName === ns.scope(out.Config));
    if (!match) throw new Error(`invalid credential spec: spec specifies config ${out.Config}, but no such config can be found`);
    out.Config = match.ConfigID;
  }
  return out;
}

function convertUlimits(u: Record<string, C.UlimitsConfig> | undefined): { Name: string; Hard: number; Soft: number }[] {
  return Object.entries(u ?? {})
    .map(([name, v]) => (v.single ? { Name: name, Hard: v.single, Soft: v.single } : { Name: name, Hard: v.hard ?? 0, Soft: v.soft ?? 0 }))
    .sort((a, b) => byteCompare(a.Name, b.Name));
}

function convertEnvironment(env: Record<string, string | null> | undefined): string[] {
  return Object.entries(env ?? {})
    .map(([k, v]) => (v === null || v === undefined ? k : `${k}=${v}`))
    .sort(byteCompare);
}

function convertExtraHosts(hosts: string[] | undefined): string[] {
  const out: string[] = [];
  for (const h of hosts ?? []) {
    const i = h.indexOf(':');
    if (i >= 0) out.push(`${h.slice(i + 1)} ${h.slice(0, i)}`);
  }
  return out;
}

const nonEmpty = <T>(a: T[] | undefined | null): T[] | undefined => (a && a.length > 0 ? a : undefined);

/** convert.Service: one service's spec (secrets and configs already resolved) */
export function convertService(apiVersion: string, ns: Namespace, s: C.ServiceConfig, cfg: C.ComposeConfig, secrets: SecretReference[], configs: ConfigReference[]): ServiceSpec {
  const d = s.deploy ?? {};
  const endpoint = convertEndpoint(d.endpoint_mode, s.ports);
  const mode = convertMode(d.mode, d.replicas);
  const mounts = (s.volumes ?? []).map((v) => convertMount(v, cfg.volumes ?? {}, ns));
  const resources = convertResources(d.resources);
  const restart = convertRestart(s.restart, d.restart_policy);
  const healthcheck = convertHealthcheck(s.healthcheck);
  const networks = convertServiceNetworks(s.networks, cfg.networks, ns, s.name);
  const dns = s.dns !== undefined || s.dns_search !== undefined ? { Nameservers: nonEmpty(s.dns), Search: nonEmpty(s.dns_search) } : undefined;
  const credentialSpec = convertCredentialSpec(ns, s.credential_spec, configs);
  const caps = effectiveCaps(s.cap_add ?? [], s.cap_drop ?? []);
  const cs: ContainerSpec = {
    Image: s.image,
    Labels: stackLabels(ns, s.labels),
    Command: nonEmpty(s.entrypoint),
    Args: nonEmpty(s.command),
    Hostname: s.hostname || undefined,
    Env: nonEmpty(convertEnvironment(s.environment)),
    Dir: s.working_dir || undefined,
    User: s.user || undefined,
    Privileges: { CredentialSpec: credentialSpec, SELinuxContext: null },
    Init: s.init ?? undefined,
    StopSignal: s.stop_signal || undefined,
    TTY: s.tty || undefined,
    OpenStdin: s.stdin_open || undefined,
    ReadOnly: s.read_only || undefined,
    Mounts: nonEmpty(mounts) as ContainerSpec['Mounts'],
    StopGracePeriod: s.stop_grace_period ?? undefined,
    Healthcheck: healthcheck,
    Hosts: nonEmpty(convertExtraHosts(s.extra_hosts)),
    DNSConfig: dns,
    Secrets: nonEmpty(secrets),
    Configs: nonEmpty(configs),
    Isolation: s.isolation || undefined,
    Sysctls: s.sysctls && Object.keys(s.sysctls).length > 0 ? sortedMap(s.sysctls) : undefined,
    CapabilityAdd: caps.add,
    CapabilityDrop: caps.drop,
    Ulimits: nonEmpty(convertUlimits(s.ulimits)),
    OomScoreAdj: s.oom_score_adj || undefined,
  };
  for (const k of Object.keys(cs)) if (cs[k] === undefined) delete cs[k];
  const placement: NonNullable<TaskSpec['Placement']> = {};
  const p = d.placement;
  if (p?.constraints && p.constraints.length > 0) placement.Constraints = p.constraints;
  const prefs = (p?.preferences ?? []).map((x) => ({ Spread: { SpreadDescriptor: x.spread ?? '' } }));
  if (prefs.length > 0) placement.Preferences = prefs;
  if (p?.max_replicas_per_node) placement.MaxReplicas = p.max_replicas_per_node;
  const task: TaskSpec = { ContainerSpec: cs, Resources: resources, ForceUpdate: 0 };
  if (restart) task.RestartPolicy = restart;
  task.Placement = placement;
  if (!versionLess(apiVersion, '1.29') && networks.length > 0) task.Networks = networks;
  if (s.logging) {
    const ld: NonNullable<TaskSpec['LogDriver']> = {};
    if (s.logging.driver) ld.Name = s.logging.driver;
    if (s.logging.options && Object.keys(s.logging.options).length > 0) ld.Options = sortedMap(s.logging.options);
    task.LogDriver = ld;
  }
  const labels = stackLabels(ns, { ...(d.labels ?? {}), [LABEL_IMAGE]: s.image ?? '' });
  const spec: ServiceSpec = { Name: ns.scope(s.name), Labels: labels, TaskTemplate: task, Mode: mode };
  const update = convertUpdate(d.update_config);
  if (update) spec.UpdateConfig = update;
  const rollback = convertUpdate(d.rollback_config);
  if (rollback) spec.RollbackConfig = rollback;
  if (versionLess(apiVersion, '1.29') && networks.length > 0) spec.Networks = networks;
  spec.EndpointSpec = endpoint;
  return spec;
}

/** convert.Services: every service's spec by its name in the file; errors name the service */
export async function convertServices(apiVersion: string, ns: Namespace, cfg: C.ComposeConfig, res: Resolver): Promise<Map<string, ServiceSpec>> {
  const out = new Map<string, ServiceSpec>();
  for (const s of cfg.services ?? []) {
    try {
      const secrets = await convertServiceSecrets(ns, s.secrets, cfg.secrets, res);
      const configs = await convertServiceConfigs(ns, s, cfg.configs, res);
      out.set(s.name, convertService(apiVersion, ns, s, cfg, secrets, configs));
    } catch (e) {
      // errors.Wrapf(err, "service %s"): the engine's errors with their "Error response from daemon: "
      const text = (e as { daemonMessage?: string }).daemonMessage ?? (e as Error).message;
      throw new StatusError(`service ${s.name}: ${text}`, 1);
    }
  }
  return out;
}
