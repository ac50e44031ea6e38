// What `service create` sends (docker's serviceOptions.ToService, ParseSecrets, setConfigs)
// and what `service update` makes of the service's current spec (updateService,
// getUpdatedSecrets, getUpdatedConfigs, updateCredSpecConfig): pure functions of the parsed
// flags, with the lookups they need (network, secret and config IDs) passed in.
import { readFileSync } from 'node:fs';
import type { Mount } from '../opts/mount.js';
import { parseKeyValueFile } from '../opts/kvfile.js';
import type { NetworkAttachment, Ulimit } from '../opts/validators.js';
import { StatusError } from '../errors.js';
import { effectiveCaps, normalizeCapability, parseGenericResources, type parseCredentialSpec } from './opts.js';
import type {
  ConfigReference,
  ContainerSpec,
  GenericResource,
  HealthConfig,
  MountSpec,
  NetworkAttachmentConfig,
  Placement,
  PlacementPreference,
  PortConfig,
  RestartPolicy,
  SecretReference,
  ServiceMode,
  ServiceSpec,
  TaskSpec,
  UpdateConfig,
} from '../../engine/service-types.js';

/** the lookups docker makes while it builds a spec */
export interface Resolver {
  /** NetworkInspect(name, scope=swarm).ID; throws the engine's error */
  networkID(nameOrID: string): Promise<string>;
  /** SecretList(filters name=...): name -> ID of the secrets found */
  secretIDs(names: string[]): Promise<Map<string, string>>;
  /** ConfigList(filters name=...): name -> ID */
  configIDs(names: string[]): Promise<Map<string, string>>;
}

/** the parsed command line */
export interface Flags {
  opts: Record<string, unknown>;
  changed: Set<string>;
}

const fail = (msg: string): StatusError => new StatusError(msg, 1);

/** swarmkit's defaults (api/defaults) that docker fills in */
const DEFAULT_UPDATE: UpdateConfig = { Parallelism: 1, FailureAction: 'pause', Monitor: 5_000_000_000, MaxFailureRatio: 0, Order: 'stop-first' };
const DEFAULT_ROLLBACK: UpdateConfig = { Parallelism: 1, FailureAction: 'pause', Monitor: 5_000_000_000, MaxFailureRatio: 0, Order: 'stop-first' };
const defaultRestartPolicy = (): RestartPolicy => ({ Condition: 'any', Delay: 5_000_000_000, MaxAttempts: 0 });

/** Go's sort.Strings order (bytes) */
export function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** opts.ConvertKVStringsToMap */
function kvMap(values: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    m[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1);
  }
  return m;
}

function sortedMap(m: Record<string, string>): Record<string, string> | undefined {
  const keys = Object.keys(m).sort(byteCompare);
  if (keys.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = m[k]!;
  return out;
}

const nonEmpty = <T>(a: T[] | undefined | null): T[] | undefined => (a && a.length > 0 ? a : undefined);

class FlagReader {
  constructor(private readonly f: Flags) {}
  has(name: string): boolean {
    return this.f.changed.has(name);
  }
  any(...names: string[]): boolean {
    return names.some((n) => this.f.changed.has(n));
  }
  str(name: string): string {
    return (this.f.opts[name] as string | undefined) ?? '';
  }
  num(name: string): number {
    return (this.f.opts[name] as number | undefined) ?? 0;
  }
  bool(name: string): boolean {
    return this.f.opts[name] === true;
  }
  list<T = string>(name: string): T[] {
    return (this.f.opts[name] as T[] | undefined) ?? [];
  }
  /** a flag's value when it was given (docker's pointer-valued options) */
  opt<T>(name: string): T | undefined {
    return this.f.changed.has(name) ? (this.f.opts[name] as T) : undefined;
  }
}

/** the ulimits of the command line: the last value of a name wins, sorted by name */
function ulimitList(values: Ulimit[]): Ulimit[] {
  const m = new Map<string, Ulimit>();
  for (const u of values) m.set(u.Name, u);
  return [...m.keys()].sort(byteCompare).map((k) => m.get(k)!);
}

/** convertExtraHostsToSwarmHosts: "host:ip" -> "ip host" */
function swarmHosts(extraHosts: string[]): string[] {
  const out: string[] = [];
  for (const h of extraHosts) {
    const i = h.indexOf(':');
    if (i >= 0) out.push(`${h.slice(i + 1)} ${h.slice(0, i)}`);
  }
  return out;
}

function convertNetworks(nets: NetworkAttachment[]): NetworkAttachmentConfig[] {
  return nets.map((n) => ({ Target: n.target, Aliases: nonEmpty(n.aliases), DriverOpts: n.driverOpts }));
}

/** serviceOptions.makeEnv: env files, then -e, a later value of a key replacing an earlier one */
export function makeEnv(envFiles: string[], env: string[], readFile: (p: string) => string = (p) => readFileSync(p, 'utf8'), lookup: (k: string) => string | undefined = (k) => process.env[k]): string[] {
  const vars: string[] = [];
  for (const f of envFiles) {
    try {
      vars.push(...parseKeyValueFile(f, readFile, lookup));
    } catch (e) {
      throw fail((e as Error).message);
    }
  }
  vars.push(...env);
  let current: string[] = [];
  for (const v of vars) {
    const eq = v.indexOf('=');
    const k = eq < 0 ? v : v.slice(0, eq);
    current = current.filter((c) => c === v || !c.startsWith(`${k}=`));
    current.push(v);
  }
  return current;
}

/** healthCheckOptions.toHealthConfig */
function healthConfig(r: FlagReader): HealthConfig | undefined {
  const cmd = r.str('health-cmd');
  const interval = r.opt<number>('health-interval');
  const timeout = r.opt<number>('health-timeout');
  const startPeriod = r.opt<number>('health-start-period');
  const startInterval = r.opt<number>('health-start-interval');
  const retries = r.num('health-retries');
  const have = cmd !== '' || interval !== undefined || timeout !== undefined || startPeriod !== undefined || startInterval !== undefined || retries !== 0;
  if (r.bool('no-healthcheck')) {
    if (have) throw fail('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!have) return undefined;
  return {
    Test: cmd !== '' ? ['CMD-SHELL', cmd] : undefined,
    Interval: interval || undefined,
    Timeout: timeout || undefined,
    StartPeriod: startPeriod || undefined,
    StartInterval: startInterval || undefined,
    Retries: retries || undefined,
  };
}

/** serviceOptions.ToServiceMode */
export function serviceMode(mode: string, replicas: number | undefined, maxConcurrent: number | undefined, maxReplicas: number): ServiceMode {
  switch (mode) {
    case 'global':
      if (replicas !== undefined) throw fail('replicas can only be used with replicated or replicated-job mode');
      if (maxReplicas > 0) throw fail('replicas-max-per-node can only be used with replicated or replicated-job mode');
      if (maxConcurrent !== undefined) throw fail('max-concurrent can only be used with replicated-job mode');
      return { Global: {} };
    case 'replicated':
      if (maxConcurrent !== undefined) throw fail('max-concurrent can only be used with replicated-job mode');
      return { Replicated: { Replicas: replicas } };
    case 'replicated-job':
      return { ReplicatedJob: { MaxConcurrent: maxConcurrent ?? replicas, TotalCompletions: replicas } };
    case 'global-job':
      if (maxReplicas > 0) throw fail('replicas-max-per-node can only be used with replicated or replicated-job mode');
      if (maxConcurrent !== undefined) throw fail('max-concurrent can only be used with replicated-job mode');
      if (replicas !== undefined) throw fail('replicas can only be used with replicated or replicated-job mode');
      return { GlobalJob: {} };
    default:
      throw fail(`Unknown mode: ${mode}, only replicated and global supported`);
  }
}

const UPDATE_FLAGS = ['update-parallelism', 'update-delay', 'update-monitor', 'update-failure-action', 'update-max-failure-ratio', 'update-order'];
const ROLLBACK_FLAGS = ['rollback-parallelism', 'rollback-delay', 'rollback-monitor', 'rollback-failure-action', 'rollback-max-failure-ratio', 'rollback-order'];
const RESTART_FLAGS = ['restart-delay', 'restart-max-attempts', 'restart-window', 'restart-condition'];

/** fills the UpdateConfig members whose flags were given (prefix "update" or "rollback") */
function setUpdateConfig(r: FlagReader, prefix: string, c: UpdateConfig): UpdateConfig {
  if (r.has(`${prefix}-parallelism`)) c.Parallelism = r.num(`${prefix}-parallelism`);
  if (r.has(`${prefix}-delay`)) c.Delay = r.num(`${prefix}-delay`);
  if (r.has(`${prefix}-monitor`)) c.Monitor = r.num(`${prefix}-monitor`);
  if (r.has(`${prefix}-failure-action`)) c.FailureAction = r.str(`${prefix}-failure-action`);
  if (r.has(`${prefix}-max-failure-ratio`)) c.MaxFailureRatio = r.num(`${prefix}-max-failure-ratio`);
  if (r.has(`${prefix}-order`)) c.Order = r.str(`${prefix}-order`);
  return c;
}

function setRestartPolicy(r: FlagReader, p: RestartPolicy): RestartPolicy {
  if (r.has('restart-delay')) p.Delay = r.num('restart-delay');
  if (r.has('restart-condition')) p.Condition = r.str('restart-condition');
  if (r.has('restart-max-attempts')) p.MaxAttempts = r.num('restart-max-attempts');
  if (r.has('restart-window')) p.Window = r.num('restart-window');
  return p;
}

type CredSpecFlag = ReturnType<typeof parseCredentialSpec>;

/** serviceOptions.ToService: the spec of `service create IMAGE ARGS...` before secrets and configs */
export async function toServiceSpec(f: Flags, image: string, args: string[], res: Resolver, io: { readFile?: (p: string) => string } = {}): Promise<ServiceSpec> {
  const r = new FlagReader(f);
  const env = makeEnv(r.list('env-file'), r.list('env'), io.readFile);
  const health = healthConfig(r);
  const mode = serviceMode(r.str('mode'), r.opt<number>('replicas'), r.opt<number>('max-concurrent'), r.num('replicas-max-per-node'));
  const updateConfig = r.any(...UPDATE_FLAGS) ? setUpdateConfig(r, 'update', { ...DEFAULT_UPDATE }) : undefined;
  const rollbackConfig = r.any(...ROLLBACK_FLAGS) ? setUpdateConfig(r, 'rollback', { ...DEFAULT_ROLLBACK }) : undefined;
  if ((mode.ReplicatedJob || mode.GlobalJob) && (updateConfig || rollbackConfig)) throw fail('update and rollback configuration is not supported for jobs');
  const networks = convertNetworks(r.list<NetworkAttachment>('network'));
  for (const n of networks) n.Target = await res.networkID(n.Target!);
  networks.sort((a, b) => byteCompare(a.Target!, b.Target!));
  const generic = parseGenericResources(r.list('generic-resource'));
  const caps = effectiveCaps(r.list('cap-add'), r.list('cap-drop'));
  const cred = r.opt<CredSpecFlag>('credential-spec');
  const cspec: ContainerSpec = {
    Image: image || undefined,
    Labels: sortedMap(kvMap(r.list('container-label'))),
    Command: nonEmpty(r.opt<string[]>('entrypoint')),
    Args: nonEmpty(args),
    Hostname: r.str('hostname') || undefined,
    Env: nonEmpty(env),
    Dir: r.str('workdir') || undefined,
    User: r.str('user') || undefined,
    Groups: nonEmpty(r.list('group')),
    Privileges: cred && cred.source !== '' ? { CredentialSpec: { ...cred.spec }, SELinuxContext: null, NoNewPrivileges: false } : undefined,
    Init: r.bool('init'),
    StopSignal: r.str('stop-signal') || undefined,
    TTY: r.bool('tty') || undefined,
    ReadOnly: r.bool('read-only') || undefined,
    Mounts: nonEmpty(r.list<Mount>('mount')),
    StopGracePeriod: r.opt<number>('stop-grace-period'),
    Healthcheck: health,
    Hosts: nonEmpty(swarmHosts(r.list('host'))),
    DNSConfig: { Nameservers: nonEmpty(r.list('dns')), Search: nonEmpty(r.list('dns-search')), Options: nonEmpty(r.list('dns-option')) },
    Isolation: r.str('isolation') || undefined,
    Sysctls: sortedMap(kvMap(r.list('sysctl'))),
    CapabilityAdd: caps.add,
    CapabilityDrop: caps.drop,
    Ulimits: nonEmpty(ulimitList(r.list<Ulimit>('ulimit'))),
    OomScoreAdj: r.num('oom-score-adj') || undefined,
  };
  const task: TaskSpec = {
    ContainerSpec: cspec,
    Resources: {
      Limits: { NanoCPUs: r.num('limit-cpu') || undefined, MemoryBytes: r.num('limit-memory') || undefined, Pids: r.num('limit-pids') || undefined },
      Reservations: { NanoCPUs: r.num('reserve-cpu') || undefined, MemoryBytes: r.num('reserve-memory') || undefined, GenericResources: nonEmpty(generic) },
    },
    RestartPolicy: r.any(...RESTART_FLAGS) ? setRestartPolicy(r, defaultRestartPolicy()) : undefined,
    Placement: {
      Constraints: nonEmpty(r.list('constraint')),
      Preferences: nonEmpty(r.list<PlacementPreference>('placement-pref')),
      MaxReplicas: r.num('replicas-max-per-node') || undefined,
    },
    Networks: nonEmpty(networks),
    LogDriver: r.str('log-driver') !== '' ? { Name: r.str('log-driver'), Options: sortedMap(kvMap(r.list('log-opt'))) } : undefined,
    ForceUpdate: 0,
  };
  return {
    Name: r.str('name') || undefined,
    Labels: sortedMap(kvMap(r.list('label'))) ?? {},
    TaskTemplate: task,
    Mode: mode,
    UpdateConfig: updateConfig,
    RollbackConfig: rollbackConfig,
    EndpointSpec: { Mode: r.str('endpoint-mode').toLowerCase() || undefined, Ports: nonEmpty(r.list<PortConfig[]>('publish').flat()) },
  };
}

/** ParseSecrets: the references with their IDs; docker errors on a repeated target and a missing secret */
export async function parseSecrets(requested: SecretReference[], res: Resolver): Promise<SecretReference[]> {
  if (requested.length === 0) return [];
  const byTarget = new Map<string, SecretReference>();
  for (const s of requested) {
    const target = s.File?.Name ?? '';
    if (byTarget.has(target)) throw fail(`duplicate secret target for ${s.SecretName} not allowed`);
    byTarget.set(target, { ...s, File: s.File ? { ...s.File } : null });
  }
  const found = await res.secretIDs([...byTarget.values()].map((s) => s.SecretName));
  const out: SecretReference[] = [];
  for (const ref of byTarget.values()) {
    const id = found.get(ref.SecretName);
    if (id === undefined) throw fail(`secret not found: ${ref.SecretName}`);
    ref.SecretID = id;
    out.push(ref);
  }
  return out;
}

/** ParseConfigs: file targets (a repeated target is an error) and runtime targets (kept once per config) */
export async function parseConfigs(requested: ConfigReference[], res: Resolver): Promise<ConfigReference[]> {
  if (requested.length === 0) return [];
  const files = new Map<string, ConfigReference>();
  const runtimes = new Map<string, ConfigReference>();
  for (const c of requested) {
    const copy: ConfigReference = { ...c, File: c.File ? { ...c.File } : undefined, Runtime: c.Runtime ? {} : undefined };
    if (c.Runtime) {
      runtimes.set(c.ConfigName, copy);
      continue;
    }
    const target = c.File?.Name ?? '';
    if (files.has(target)) throw fail(`duplicate config target for ${c.ConfigName} not allowed`);
    files.set(target, copy);
  }
  const names = [...files.values(), ...runtimes.values()].map((c) => c.ConfigName);
  const found = await res.configIDs(names);
  const out: ConfigReference[] = [];
  for (const ref of [...files.values(), ...runtimes.values()]) {
    const id = found.get(ref.ConfigName);
    if (id === undefined) throw fail(`config not found: ${ref.ConfigName}`);
    ref.ConfigID = id;
    out.push(ref);
  }
  return out;
}

/** runCreate's secrets and setConfigs: resolves names to IDs, and the credential spec's config */
export async function addSecretsAndConfigs(spec: ServiceSpec, f: Flags, res: Resolver): Promise<void> {
  const r = new FlagReader(f);
  const cspec = spec.TaskTemplate.ContainerSpec!;
  const secrets = r.list<SecretReference>('secret');
  if (secrets.length > 0) cspec.Secrets = nonEmpty(await parseSecrets(secrets, res));
  const configs = [...r.list<ConfigReference>('config')];
  const cred = r.opt<CredSpecFlag>('credential-spec');
  const credConfig = cred?.spec.Config ?? '';
  if (credConfig !== '') configs.push({ Runtime: {}, ConfigID: '', ConfigName: credConfig });
  if (configs.length > 0) {
    const resolved = await parseConfigs(configs, res);
    cspec.Configs = nonEmpty(resolved);
    if (credConfig !== '') {
      const match = resolved.find((c) => c.ConfigName === credConfig);
      if (match && cspec.Privileges?.CredentialSpec) cspec.Privileges.CredentialSpec.Config = match.ConfigID;
    }
  }
}

// ---------------------------------------------------------------------------------------
// update

function removeSet(r: FlagReader, name: string): Set<string> {
  return r.has(name) ? new Set(r.list(name)) : new Set();
}

function envKey(v: string): string {
  const i = v.indexOf('=');
  return i < 0 ? v : v.slice(0, i);
}

/** removeDuplicates: first occurrences, in order */
function dedupe(entries: string[]): string[] {
  return [...new Set(entries)];
}

function updateMap(r: FlagReader, field: Record<string, string> | null | undefined, rmFlag: string, addFlag: string, rmByKV: boolean): Record<string, string> | null | undefined {
  let m = field;
  if (m && r.has(rmFlag)) {
    m = { ...m };
    const keys = rmByKV ? Object.keys(kvMap(r.list(rmFlag))) : r.list(rmFlag);
    for (const k of keys) delete m[k];
  }
  if (r.has(addFlag)) {
    m = { ...(m ?? {}) };
    Object.assign(m, kvMap(r.list(addFlag)));
  }
  return m;
}

/** updateEnvironment: docker rebuilds the list through a map (in no fixed order); berth keeps the current order, new keys last */
function updateEnv(r: FlagReader, env: string[] | undefined): string[] {
  const rm = removeSet(r, 'env-rm');
  let out = (env ?? []).filter((v) => !rm.has(envKey(v)));
  if (r.has('env-add')) {
    const m = new Map<string, string>();
    for (const v of out) m.set(envKey(v), v);
    for (const v of r.list('env-add')) m.set(envKey(v), v);
    out = [...m.values()];
  }
  return out;
}

function updateMounts(r: FlagReader, mounts: MountSpec[] | undefined): MountSpec[] {
  const byTarget = new Map<string, MountSpec>();
  if (r.has('mount-add')) {
    for (const m of r.list<MountSpec>('mount-add')) {
      if (byTarget.has(m.Target ?? '')) throw fail('duplicate mount target');
      byTarget.set(m.Target ?? '', m);
    }
  }
  for (const m of mounts ?? []) if (!byTarget.has(m.Target ?? '')) byTarget.set(m.Target ?? '', m);
  const rm = removeSet(r, 'mount-rm');
  const out = [...byTarget.values()].filter((m) => !rm.has(m.Target ?? ''));
  out.sort((a, b) => (a.Source ?? '') === (b.Source ?? '') ? byteCompare(a.Target ?? '', b.Target ?? '') : byteCompare(a.Source ?? '', b.Source ?? ''));
  return out;
}

function updateUlimits(r: FlagReader, ulimits: Ulimit[] | undefined): Ulimit[] | undefined {
  const m = new Map<string, Ulimit>();
  for (const u of ulimits ?? []) m.set(u.Name, u);
  if (r.has('ulimit-rm')) for (const k of Object.keys(kvMap(r.list('ulimit-rm')))) m.delete(k);
  if (r.has('ulimit-add')) for (const u of ulimitList(r.list<Ulimit>('ulimit-add'))) m.set(u.Name, u);
  if (m.size === 0) return undefined;
  return [...m.keys()].sort(byteCompare).map((k) => m.get(k)!);
}

function genericMap(list: GenericResource[] | undefined): Map<string, GenericResource> {
  const m = new Map<string, GenericResource>();
  for (const res of list ?? []) {
    if (!res.DiscreteResourceSpec) throw fail(`invalid generic-resource \`${goStruct(res)}\` for service task`);
    const kind = res.DiscreteResourceSpec.Kind ?? '';
    if (m.has(kind)) throw fail(`duplicate generic-resource \`${kind}\` for service task`);
    m.set(kind, res);
  }
  return m;
}

/** fmt's %+v of a swarm.GenericResource (its pointers print as addresses) */
function goStruct(res: GenericResource): string {
  return `{NamedResourceSpec:${res.NamedResourceSpec ? '0xc000000000' : '<nil>'} DiscreteResourceSpec:${res.DiscreteResourceSpec ? '0xc000000000' : '<nil>'}}`;
}

function updatePorts(r: FlagReader, ports: PortConfig[] | undefined): PortConfig[] {
  const key = (p: PortConfig): string => `${p.PublishedPort ?? 0}:${p.TargetPort ?? 0}/${p.Protocol ?? ''}/${p.PublishMode ?? ''}`;
  const set = new Map<string, PortConfig>();
  for (const p of ports ?? []) if (!set.has(key(p))) set.set(key(p), p);
  const eqProto = (a = '', b = ''): boolean => a === b || (a === '' && b === 'tcp') || (b === '' && a === 'tcp');
  const eqMode = (a = '', b = ''): boolean => a === b || (a === '' && b === 'ingress') || (b === '' && a === 'ingress');
  const rm = r.list<PortConfig[]>('publish-rm').flat();
  const out = [...set.values()].filter((p) => !rm.some((x) => eqProto(p.Protocol, x.Protocol) && (p.TargetPort ?? 0) === (x.TargetPort ?? 0) && eqMode(p.PublishMode, x.PublishMode)));
  if (r.has('publish-add')) for (const p of r.list<PortConfig[]>('publish-add').flat()) if (!set.has(key(p))) out.push(p);
  return out.sort((a, b) => byteCompare(key(a), key(b)));
}

function updateDNS(r: FlagReader, cfg: NonNullable<ContainerSpec['DNSConfig']>): NonNullable<ContainerSpec['DNSConfig']> {
  const part = (current: string[] | undefined, add: string, rmFlag: string): string[] | undefined => {
    let list = [...(current ?? [])];
    if (r.has(add)) list.push(...r.list(add));
    list = dedupe(list);
    const rm = removeSet(r, rmFlag);
    return nonEmpty(list.filter((x) => !rm.has(x)).sort(byteCompare));
  };
  return {
    Nameservers: part(cfg.Nameservers, 'dns-add', 'dns-rm'),
    Search: part(cfg.Search, 'dns-search-add', 'dns-search-rm'),
    Options: part(cfg.Options, 'dns-option-add', 'dns-option-rm'),
  };
}

function updateHosts(r: FlagReader, hosts: string[] | undefined): string[] {
  const rm: { ip: string; host: string }[] = [];
  if (r.has('host-rm')) {
    for (const e of r.list('host-rm')) {
      const i = e.indexOf(':');
      rm.push(i < 0 ? { host: e, ip: '' } : { host: e.slice(0, i), ip: e.slice(i + 1) });
    }
  }
  const out: string[] = [];
  for (const entry of hosts ?? []) {
    const parts = entry.split(/[\t\n\v\f\r \u0085\u00a0]+/).filter((x) => x !== '');
    if (parts.length === 0) continue;
    const ip = parts[0]!;
    let names = parts.slice(1);
    for (const x of rm) {
      if (x.ip !== '' && x.ip !== ip) continue;
      names = names.filter((h) => h !== x.host);
    }
    if (names.length > 0) out.push(`${ip} ${names.join(' ')}`);
  }
  if (r.has('host-add')) out.push(...swarmHosts(r.list('host-add')));
  return dedupe(out);
}

function updateHealthcheck(r: FlagReader, cspec: ContainerSpec): void {
  const healthFlags = ['health-cmd', 'health-interval', 'health-retries', 'health-timeout', 'health-start-period'];
  if (!r.any('no-healthcheck', ...healthFlags)) return;
  cspec.Healthcheck ??= {};
  if (r.bool('no-healthcheck')) {
    if (!r.any(...healthFlags)) {
      cspec.Healthcheck = { Test: ['NONE'] };
      return;
    }
    throw fail('--no-healthcheck conflicts with --health-* options');
  }
  const hc = cspec.Healthcheck;
  if (hc.Test && hc.Test.length > 0 && hc.Test[0] === 'NONE') delete hc.Test;
  if (r.has('health-interval')) hc.Interval = r.num('health-interval');
  if (r.has('health-timeout')) hc.Timeout = r.num('health-timeout');
  if (r.has('health-start-period')) hc.StartPeriod = r.num('health-start-period');
  if (r.has('health-retries')) hc.Retries = r.num('health-retries');
  if (r.has('health-cmd')) {
    const cmd = r.str('health-cmd');
    if (cmd !== '') hc.Test = ['CMD-SHELL', cmd];
    else delete hc.Test;
  }
}

async function updateNetworks(r: FlagReader, spec: ServiceSpec, res: Resolver): Promise<void> {
  let current = spec.TaskTemplate.Networks ?? [];
  if (current.length === 0) current = spec.Networks ?? [];
  delete spec.Networks;
  const idsToRemove = new Set<string>();
  for (const name of removeSet(r, 'network-rm')) idsToRemove.add(await res.networkID(name));
  const existing = new Set<string>();
  const out: NetworkAttachmentConfig[] = [];
  for (const n of current) {
    if (idsToRemove.has(n.Target ?? '')) continue;
    out.push(n);
    existing.add(n.Target ?? '');
  }
  if (r.has('network-add')) {
    for (const n of convertNetworks(r.list<NetworkAttachment>('network-add'))) {
      const id = await res.networkID(n.Target!);
      if (existing.has(id)) throw fail(`service is already attached to network ${n.Target}`);
      n.Target = id;
      out.push(n);
      existing.add(id);
    }
  }
  out.sort((a, b) => byteCompare(a.Target ?? '', b.Target ?? ''));
  spec.TaskTemplate.Networks = nonEmpty(out);
}

function updateCapabilities(r: FlagReader, cspec: ContainerSpec): void {
  const capsMap = (l: string[] | undefined): Set<string> => new Set((l ?? []).map(normalizeCapability));
  let capDrop = capsMap(cspec.CapabilityDrop);
  let capAdd = capsMap(cspec.CapabilityAdd);
  let toAdd = new Set<string>();
  let toDrop = new Set<string>();
  if (r.has('cap-add')) {
    toAdd = capsMap(r.list('cap-add'));
    if (toAdd.has('RESET')) {
      capAdd = new Set();
      toAdd.delete('RESET');
    }
  }
  if (r.has('cap-drop')) {
    toDrop = capsMap(r.list('cap-drop'));
    if (toDrop.has('RESET')) {
      capDrop = new Set();
      toDrop.delete('RESET');
    }
  }
  for (const c of toDrop) {
    if (toAdd.has(c)) continue;
    if (capAdd.has(c)) capAdd.delete(c);
    else capDrop.add(c);
  }
  for (const c of toAdd) {
    if (capDrop.has(c)) capDrop.delete(c);
    else capAdd.add(c);
  }
  const capsList = (s: Set<string>): string[] | undefined => (s.size === 0 ? undefined : s.has('ALL') ? ['ALL'] : [...s].sort(byteCompare));
  cspec.CapabilityDrop = capsList(capDrop);
  cspec.CapabilityAdd = capsList(capAdd);
}

/** updateService: the current spec changed where the flags say, as docker changes it */
export async function updateServiceSpec(spec: ServiceSpec, f: Flags, res: Resolver): Promise<void> {
  const r = new FlagReader(f);
  const task = spec.TaskTemplate;
  const cspec = (task.ContainerSpec ??= {});
  spec.Labels = updateMap(r, spec.Labels, 'label-rm', 'label-add', false) ?? null;
  cspec.Labels = updateMap(r, cspec.Labels, 'container-label-rm', 'container-label-add', false) ?? undefined;
  if (r.has('image')) cspec.Image = r.str('image');
  if (r.has('args')) cspec.Args = nonEmpty(r.list('args'));
  if (r.has('entrypoint')) cspec.Command = nonEmpty(r.list('entrypoint'));
  cspec.Env = nonEmpty(updateEnv(r, cspec.Env));
  if (r.has('workdir')) cspec.Dir = r.str('workdir');
  if (r.has('user')) cspec.User = r.str('user');
  if (r.has('hostname')) cspec.Hostname = r.str('hostname');
  if (r.has('init')) cspec.Init = r.bool('init');
  if (r.has('isolation')) cspec.Isolation = r.str('isolation');
  cspec.Mounts = nonEmpty(updateMounts(r, cspec.Mounts));
  if (r.any('sysctl-rm', 'sysctl-add')) cspec.Sysctls = updateMap(r, cspec.Sysctls, 'sysctl-rm', 'sysctl-add', true) ?? undefined;
  cspec.Ulimits = updateUlimits(r, cspec.Ulimits);

  const resources = (): NonNullable<TaskSpec['Resources']> => {
    task.Resources ??= {};
    task.Resources.Limits ??= {};
    task.Resources.Reservations ??= {};
    return task.Resources;
  };
  if (r.any('limit-cpu', 'limit-memory', 'limit-pids')) {
    const l = resources().Limits!;
    if (r.has('limit-cpu')) l.NanoCPUs = r.num('limit-cpu');
    if (r.has('limit-memory')) l.MemoryBytes = r.num('limit-memory');
    if (r.has('limit-pids')) l.Pids = r.num('limit-pids');
  }
  if (r.any('reserve-cpu', 'reserve-memory')) {
    const v = resources().Reservations!;
    if (r.has('reserve-cpu')) v.NanoCPUs = r.num('reserve-cpu');
    if (r.has('reserve-memory')) v.MemoryBytes = r.num('reserve-memory');
  }
  if (r.has('oom-score-adj')) cspec.OomScoreAdj = r.num('oom-score-adj');
  if (r.has('generic-resource-add')) {
    task.Resources ??= {};
    task.Resources.Reservations ??= {};
    const add = parseGenericResources(r.list('generic-resource-add')) ?? [];
    const m = genericMap(task.Resources.Reservations.GenericResources);
    for (const g of add) m.set(g.DiscreteResourceSpec!.Kind ?? '', g);
    task.Resources.Reservations.GenericResources = nonEmpty([...m.values()]);
  }
  if (r.has('generic-resource-rm')) {
    task.Resources ??= {};
    task.Resources.Reservations ??= {};
    const m = genericMap(task.Resources.Reservations.GenericResources);
    for (const k of r.list('generic-resource-rm')) {
      if (!m.has(k)) throw fail(`could not find generic-resource \`${k}\` to remove it`);
      m.delete(k);
    }
    task.Resources.Reservations.GenericResources = nonEmpty([...m.values()]);
  }
  if (r.has('stop-grace-period')) cspec.StopGracePeriod = r.num('stop-grace-period');
  if (r.any(...RESTART_FLAGS)) task.RestartPolicy = setRestartPolicy(r, task.RestartPolicy ?? defaultRestartPolicy());
  const placement = (): Placement => (task.Placement ??= {});
  if (r.any('constraint-add', 'constraint-rm')) {
    const p = placement();
    const all = [...(p.Constraints ?? []), ...(r.has('constraint-add') ? r.list('constraint-add') : [])];
    const rm = removeSet(r, 'constraint-rm');
    p.Constraints = nonEmpty(all.filter((c) => !rm.has(c)).sort(byteCompare));
  }
  if (r.any('placement-pref-add', 'placement-pref-rm')) {
    const p = placement();
    let prefs = p.Preferences ?? [];
    if (r.has('placement-pref-rm')) {
      const rm = r.list<PlacementPreference>('placement-pref-rm');
      prefs = prefs.filter((e) => !rm.some((x) => x.Spread && e.Spread && x.Spread.SpreadDescriptor === e.Spread.SpreadDescriptor));
    }
    if (r.has('placement-pref-add')) prefs = [...prefs, ...r.list<PlacementPreference>('placement-pref-add')];
    p.Preferences = nonEmpty(prefs);
  }
  if (r.any('network-add', 'network-rm')) await updateNetworks(r, spec, res);
  if (r.has('replicas')) {
    if (!spec.Mode?.Replicated) throw fail('replicas can only be used with replicated mode');
    spec.Mode.Replicated.Replicas = r.num('replicas');
  }
  if (r.has('replicas-max-per-node')) placement().MaxReplicas = r.num('replicas-max-per-node') || undefined;
  if (r.any(...UPDATE_FLAGS)) spec.UpdateConfig = setUpdateConfig(r, 'update', spec.UpdateConfig ?? { ...DEFAULT_UPDATE });
  if (r.any(...ROLLBACK_FLAGS)) spec.RollbackConfig = setUpdateConfig(r, 'rollback', spec.RollbackConfig ?? { ...DEFAULT_ROLLBACK });
  if (r.has('endpoint-mode')) {
    spec.EndpointSpec ??= {};
    spec.EndpointSpec.Mode = r.str('endpoint-mode');
  }
  if (r.any('group-add', 'group-rm')) {
    const all = [...(cspec.Groups ?? []), ...(r.has('group-add') ? r.list('group-add') : [])];
    const rm = removeSet(r, 'group-rm');
    cspec.Groups = nonEmpty(all.filter((g) => !rm.has(g)).sort(byteCompare));
  }
  if (r.any('publish-add', 'publish-rm')) {
    spec.EndpointSpec ??= {};
    spec.EndpointSpec.Ports = nonEmpty(updatePorts(r, spec.EndpointSpec.Ports));
  }
  if (r.any('dns-add', 'dns-rm', 'dns-option-add', 'dns-option-rm', 'dns-search-add', 'dns-search-rm')) cspec.DNSConfig = updateDNS(r, cspec.DNSConfig ?? {});
  if (r.any('host-add', 'host-rm')) cspec.Hosts = nonEmpty(updateHosts(r, cspec.Hosts));
  if (r.has('log-driver') && r.str('log-driver') !== '') task.LogDriver = { Name: r.str('log-driver'), Options: sortedMap(kvMap(r.list('log-opt'))) };
  if (r.bool('force')) task.ForceUpdate = (task.ForceUpdate ?? 0) + 1;
  updateHealthcheck(r, cspec);
  if (r.has('tty')) cspec.TTY = r.bool('tty');
  if (r.has('read-only')) cspec.ReadOnly = r.bool('read-only');
  if (r.has('stop-signal')) cspec.StopSignal = r.str('stop-signal');
  if (r.any('cap-add', 'cap-drop')) updateCapabilities(r, cspec);
}

/** getUpdatedSecrets */
export async function updatedSecrets(f: Flags, current: SecretReference[] | undefined, res: Resolver): Promise<SecretReference[]> {
  const r = new FlagReader(f);
  const rm = removeSet(r, 'secret-rm');
  const out = (current ?? []).filter((s) => !rm.has(s.SecretName));
  if (r.has('secret-add')) out.push(...(await parseSecrets(r.list<SecretReference>('secret-add'), res)));
  return out;
}

/** getUpdatedConfigs (with removeConfigs): a credential spec's runtime config kept while it is in use */
export async function updatedConfigs(f: Flags, cspec: ContainerSpec, res: Resolver): Promise<ConfigReference[]> {
  const r = new FlagReader(f);
  let credName = '';
  let credID = '';
  if (r.has('credential-spec')) credName = r.opt<CredSpecFlag>('credential-spec')!.spec.Config;
  else if (cspec.Privileges?.CredentialSpec?.Config) credID = cspec.Privileges.CredentialSpec.Config;
  const rm = removeSet(r, 'config-rm');
  const keep: ConfigReference[] = [];
  for (const c of cspec.Configs ?? []) {
    if (c.Runtime) {
      if (c.ConfigName === credName || c.ConfigID === credID) keep.push(c);
      continue;
    }
    if (!rm.has(c.ConfigName)) keep.push(c);
  }
  const resolve: ConfigReference[] = r.has('config-add') ? [...r.list<ConfigReference>('config-add')] : [];
  if (credName !== '') resolve.push({ Runtime: {}, ConfigID: '', ConfigName: credName });
  if (resolve.length > 0) keep.push(...(await parseConfigs(resolve, res)));
  return keep;
}

/** updateCredSpecConfig */
export function updateCredentialSpec(f: Flags, cspec: ContainerSpec): void {
  const r = new FlagReader(f);
  if (!r.has('credential-spec')) return;
  const cred = r.opt<CredSpecFlag>('credential-spec')!;
  if (cred.source === '') {
    if (cspec.Privileges) cspec.Privileges.CredentialSpec = null;
    return;
  }
  const spec = { ...cred.spec };
  if (spec.Config !== '') {
    const match = (cspec.Configs ?? []).find((c) => c.ConfigName === spec.Config);
    if (match) spec.Config = match.ConfigID;
  }
  cspec.Privileges ??= { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false };
  cspec.Privileges.CredentialSpec = spec;
}
