// The loaded config written back as `docker stack config` prints it: yaml.v3 marshalling of
// docker's structs (fields in struct order, omitempty, maps with yaml.v3's key order, inline
// `x-` extras after the fields, durations as Go's Duration.String(), byte sizes as quoted
// decimals, External as a bool or {name}).
import type { ComposeConfig } from './types.js';
import { formatGoDuration } from './units.js';
import { Float32, stringifyYaml } from './yaml.js';

type D =
  | 'scalar' | 'duration' | 'bytes' | 'float32' | 'any' | 'external' | 'ulimit' | 'nullable'
  | { struct: [string, D, 'ptr'?][]; inline?: boolean }
  | { map: D }
  | { list: D };

const S = 'scalar' as const;
const L = (of: D): D => ({ list: of });
const M = (of: D): D => ({ map: of });
const st = (fields: [string, D, 'ptr'?][]): D => ({ struct: fields, inline: true });

const updateConfig = st([['parallelism', S, 'ptr'], ['delay', 'duration'], ['failure_action', S], ['monitor', 'duration'], ['max_failure_ratio', 'float32'], ['order', S]]);
const fileRef = st([['source', S], ['target', S], ['uid', S], ['gid', S], ['mode', S, 'ptr']]);
const fileObj = st([['name', S], ['file', S], ['external', 'external'], ['labels', M(S)], ['driver', S], ['driver_opts', M(S)], ['template_driver', S]]);
const topology = st([['segments', M(S)]]);

const service = st([
  ['build', st([['context', S], ['dockerfile', S], ['args', M('nullable')], ['labels', M(S)], ['cache_from', L(S)], ['extra_hosts', L(S)], ['network', S], ['target', S]])],
  ['cap_add', L(S)], ['cap_drop', L(S)], ['cgroupns_mode', S], ['cgroup_parent', S], ['command', L(S)],
  ['configs', L(fileRef)], ['container_name', S],
  ['credential_spec', st([['config', S], ['file', S], ['registry', S]])],
  ['depends_on', L(S)],
  ['deploy', st([
    ['mode', S], ['replicas', S, 'ptr'], ['labels', M(S)], ['update_config', updateConfig, 'ptr'], ['rollback_config', updateConfig, 'ptr'],
    ['resources', st([
      ['limits', st([['cpus', S], ['memory', 'bytes'], ['pids', S]]), 'ptr'],
      ['reservations', st([['cpus', S], ['memory', 'bytes'], ['generic_resources', L(st([['discrete_resource_spec', { struct: [['kind', S, 'ptr'], ['value', S, 'ptr']] }, 'ptr']]))]]), 'ptr'],
    ])],
    ['restart_policy', st([['condition', S], ['delay', 'duration', 'ptr'], ['max_attempts', S, 'ptr'], ['window', 'duration', 'ptr']]), 'ptr'],
    ['placement', st([['constraints', L(S)], ['preferences', L(st([['spread', S]]))], ['max_replicas_per_node', S]])],
    ['endpoint_mode', S],
  ])],
  ['devices', L(S)], ['dns', L(S)], ['dns_search', L(S)], ['domainname', S], ['entrypoint', L(S)],
  ['environment', M('nullable')], ['env_file', L(S)], ['expose', L(S)], ['external_links', L(S)], ['extra_hosts', L(S)],
  ['hostname', S],
  ['healthcheck', st([['test', L(S)], ['timeout', 'duration', 'ptr'], ['interval', 'duration', 'ptr'], ['retries', S, 'ptr'], ['start_period', 'duration', 'ptr'], ['start_interval', 'duration', 'ptr'], ['disable', S]]), 'ptr'],
  ['image', S], ['init', S, 'ptr'], ['ipc', S], ['isolation', S], ['labels', M(S)], ['links', L(S)],
  ['logging', st([['driver', S], ['options', M(S)]]), 'ptr'],
  ['mac_address', S], ['network_mode', S],
  ['networks', M({ struct: [['aliases', L(S)], ['driver_opts', M(S)], ['ipv4_address', S], ['ipv6_address', S]] })],
  ['pid', S],
  ['ports', L(st([['mode', S], ['target', S], ['published', S], ['protocol', S]]))],
  ['privileged', S], ['read_only', S], ['restart', S], ['secrets', L(fileRef)], ['security_opt', L(S)], ['shm_size', S],
  ['stdin_open', S], ['stop_grace_period', 'duration', 'ptr'], ['stop_signal', S], ['sysctls', M(S)], ['tmpfs', L(S)], ['tty', S],
  ['ulimits', M('ulimit')], ['user', S], ['oom_score_adj', S], ['userns_mode', S],
  ['volumes', L(st([
    ['type', S], ['source', S], ['target', S], ['read_only', S], ['consistency', S],
    ['bind', st([['propagation', S]]), 'ptr'], ['volume', st([['nocopy', S], ['subpath', S]]), 'ptr'],
    ['image', st([['subpath', S]]), 'ptr'], ['tmpfs', st([['size', S]]), 'ptr'], ['cluster', st([]), 'ptr'],
  ]))],
  ['working_dir', S],
]);

const network = st([['name', S], ['driver', S], ['driver_opts', M(S)], ['ipam', st([['driver', S], ['config', L({ struct: [['subnet', S]] })]])], ['external', 'external'], ['internal', S], ['attachable', S], ['labels', M(S)]]);
const volume = st([
  ['name', S], ['driver', S], ['driver_opts', M(S)], ['external', 'external'], ['labels', M(S)],
  ['x-cluster-spec', st([
    ['group', S],
    ['access_mode', st([['scope', S], ['sharing', S], ['mount_volume', st([['fs_type', S], ['mount_flags', L(S)]]), 'ptr'], ['block_volume', st([]), 'ptr']]), 'ptr'],
    ['accessibility_requirements', st([['requisite', L(topology)], ['preferred', L(topology)]]), 'ptr'],
    ['capacity_range', st([['required_bytes', 'bytes'], ['limit_bytes', 'bytes']]), 'ptr'],
    ['secrets', L(st([['key', S], ['secret', S]]))],
    ['availability', S],
  ]), 'ptr'],
]);

/** yaml.v3's key order (keyList.Less): digit runs compare as numbers, letters before others */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a), br = Array.from(b);
  const isDigit = (c: string) => c >= '0' && c <= '9';
  const isLetter = (c: string) => /\p{L}/u.test(c);
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) { digits = isDigit(ar[i]!); continue; }
    const al = isLetter(ar[i]!), bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return digits ? al : bl;
    let an = 0, bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) if (ar[j] !== '0') { an = 1; bn = 1; break; }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

function sortAny(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortAny);
  if (v !== null && typeof v === 'object' && !(v instanceof Float32)) {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of sortedKeys(o)) out[k] = sortAny(o[k]);
    return out;
  }
  return v;
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** undefined = omitted (omitempty) */
function conv(v: unknown, d: D, ptr: boolean): unknown {
  if (v === undefined) return undefined;
  if (d === 'scalar' || d === 'nullable') {
    if (!ptr && isZero(v) && d === 'scalar') return undefined;
    return v;
  }
  if (d === 'duration') return !ptr && !v ? undefined : formatGoDuration(v as number);
  if (d === 'bytes') return v ? String(v) : undefined;
  if (d === 'float32') return v ? new Float32(v as number) : undefined;
  if (d === 'any') return sortAny(v);
  if (d === 'external') {
    const e = v as { name?: string; external?: boolean };
    if (!e.name && !e.external) return undefined;
    return e.name ? { name: e.name } : e.external;
  }
  if (d === 'ulimit') {
    const u = v as { single?: number; soft?: number; hard?: number };
    if (u.single) return u.single;
    const out: Record<string, unknown> = {};
    if (u.soft) out.soft = u.soft;
    if (u.hard) out.hard = u.hard;
    return out;
  }
  if ('list' in d) {
    const l = v as unknown[];
    if (l.length === 0) return undefined;
    return l.map((x) => conv(x, d.list, true) ?? (d.list === 'scalar' ? x : {}));
  }
  if ('map' in d) {
    const m = v as Record<string, unknown>;
    if (Object.keys(m).length === 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const k of sortedKeys(m)) {
      const x = m[k];
      if (x === null) out[k] = null;
      else {
        const c = conv(x, d.map, true);
        out[k] = c === undefined ? (d.map === 'scalar' || d.map === 'nullable' ? x : {}) : c;
      }
    }
    return out;
  }
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, fd, p] of d.struct) {
    const c = conv(o[name], fd, p === 'ptr');
    if (c !== undefined) out[name] = c;
  }
  if (d.inline && o.extras && typeof o.extras === 'object') {
    for (const k of sortedKeys(o.extras as Record<string, unknown>)) out[k] = sortAny((o.extras as Record<string, unknown>)[k]);
  }
  if (Object.keys(out).length === 0 && !ptr) return undefined;
  return out;
}

function convMapOf(m: Record<string, unknown> | undefined, d: D): Record<string, unknown> | undefined {
  if (!m || Object.keys(m).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of sortedKeys(m)) out[k] = conv(m[k], d, true) ?? {};
  return out;
}

/** The YAML `docker stack config` prints for a loaded config. */
export function composeToYaml(cfg: ComposeConfig): string {
  const doc: Record<string, unknown> = { version: cfg.version };
  const services: Record<string, unknown> = {};
  for (const s of cfg.services) services[s.name] = s;
  doc.services = convMapOf(services, service) ?? {};
  const parts: [string, Record<string, unknown> | undefined, D][] = [
    ['networks', cfg.networks as Record<string, unknown> | undefined, network],
    ['volumes', cfg.volumes as Record<string, unknown> | undefined, volume],
    ['secrets', cfg.secrets as Record<string, unknown> | undefined, fileObj],
    ['configs', cfg.configs as Record<string, unknown> | undefined, fileObj],
  ];
  for (const [k, m, d] of parts) {
    const c = convMapOf(m, d);
    if (c) doc[k] = c;
  }
  if (cfg.extras) for (const k of sortedKeys(cfg.extras)) doc[k] = sortAny(cfg.extras[k]);
  return stringifyYaml(doc);
}
