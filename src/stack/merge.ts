// Merging of several -c files, as docker's loader.merge (mergo with override and appended
// slices, plus docker's special cases) does it: later files override scalar fields they set,
// lists are appended (ports, secrets, configs and volumes merged by published port / source /
// target; command and entrypoint replaced), mappings merged key by key, and top-level
// networks/volumes/secrets/configs replaced per name.
import type { ComposeConfig, ServiceConfig } from './types.js';

type Any = Record<string, unknown>;

const isObj = (v: unknown): v is Any => v !== null && typeof v === 'object' && !Array.isArray(v);

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

// docker's mergeUint64: a *uint64 the later file sets wins, even when 0
const UINT64_POINTERS = new Set(['replicas', 'parallelism', 'max_attempts', 'retries']);

/** mergo.Merge(dst, src, WithOverride, WithAppendSlice) for plain structs */
function mergeStruct(dst: Any, src: Any): Any {
  const out: Any = { ...dst };
  for (const [k, sv] of Object.entries(src)) {
    const dv = out[k];
    if (sv === undefined) continue;
    if (dv === undefined) out[k] = sv;
    else if (Array.isArray(sv)) out[k] = Array.isArray(dv) ? [...dv, ...sv] : sv;
    else if (isObj(sv) && isObj(dv)) out[k] = mergeStruct(dv, sv);
    else if (UINT64_POINTERS.has(k) || !isEmpty(sv)) out[k] = sv;
  }
  return out;
}

/** mergo on map[string]any (x- extras): nested mappings merged, other values replaced */
function mergeAnyMap(dst: Any, src: Any): Any {
  const out: Any = { ...dst };
  for (const [k, sv] of Object.entries(src)) {
    const dv = out[k];
    if (isObj(sv) && isObj(dv)) out[k] = mergeAnyMap(dv, sv);
    else if (sv !== null && sv !== undefined) out[k] = sv;
    else if (!(k in out)) out[k] = sv;
  }
  return out;
}

function mergeByKey<T extends Any>(dst: T[] | undefined, src: T[] | undefined, key: (t: T) => string | number, cmp: (a: T, b: T) => number): T[] | undefined {
  // docker's transformer runs when the first file has the list: deduplicated and sorted;
  // without one, the later list is taken as it is
  if (!dst) return src;
  const m = new Map<string | number, T>();
  for (const d of dst ?? []) m.set(key(d), d);
  for (const s of src ?? []) m.set(key(s), s);
  return [...m.values()].sort(cmp);
}

const byStr = (f: (x: Any) => string) => (a: Any, b: Any) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0);

function mergeService(base: ServiceConfig, over: ServiceConfig): ServiceConfig {
  const b = base as unknown as Any;
  const o = over as unknown as Any;
  const special = new Set(['ports', 'secrets', 'configs', 'volumes', 'command', 'entrypoint', 'logging', 'ulimits', 'networks', 'deploy', 'healthcheck', 'extras', 'environment']);
  const plainB: Any = {}, plainO: Any = {};
  for (const [k, v] of Object.entries(b)) if (!special.has(k)) plainB[k] = v;
  for (const [k, v] of Object.entries(o)) if (!special.has(k)) plainO[k] = v;
  const out = mergeStruct(plainB, plainO) as unknown as ServiceConfig;
  out.ports = mergeByKey(base.ports as Any[] | undefined, over.ports as Any[] | undefined, (p) => Number(p.published ?? 0), (a, c) => Number(a.published ?? 0) - Number(c.published ?? 0)) as ServiceConfig['ports'];
  out.secrets = mergeByKey(base.secrets as Any[] | undefined, over.secrets as Any[] | undefined, (p) => String(p.source ?? ''), byStr((x) => String(x.source ?? ''))) as ServiceConfig['secrets'];
  out.configs = mergeByKey(base.configs as Any[] | undefined, over.configs as Any[] | undefined, (p) => String(p.source ?? ''), byStr((x) => String(x.source ?? ''))) as ServiceConfig['configs'];
  out.volumes = mergeByKey(base.volumes as Any[] | undefined, over.volumes as Any[] | undefined, (p) => String(p.target ?? ''), byStr((x) => String(x.target ?? ''))) as ServiceConfig['volumes'];
  out.command = over.command && over.command.length > 0 ? over.command : base.command;
  out.entrypoint = over.entrypoint && over.entrypoint.length > 0 ? over.entrypoint : base.entrypoint;
  // logging: same (or unset) driver -> options merged; another driver replaces
  if (!over.logging) out.logging = base.logging;
  else if (!base.logging) out.logging = over.logging;
  else {
    const bd = base.logging.driver ?? '', od = over.logging.driver ?? '';
    if (bd === od || bd === '' || od === '') {
      out.logging = { driver: bd || od || undefined, options: base.logging.options || over.logging.options ? { ...base.logging.options, ...over.logging.options } : undefined };
      if (!out.logging.driver) delete out.logging.driver;
      if (!out.logging.options) delete out.logging.options;
    } else out.logging = over.logging;
  }
  out.ulimits = base.ulimits || over.ulimits ? { ...base.ulimits, ...over.ulimits } : undefined;
  if (base.networks || over.networks) {
    const n: NonNullable<ServiceConfig['networks']> = { ...base.networks };
    for (const [k, v] of Object.entries(over.networks ?? {})) {
      const cur = n[k];
      if (cur === undefined || cur === null) { n[k] = v; continue; }
      if (v) {
        const merged = { ...cur, aliases: v.aliases };
        if (!v.aliases) delete merged.aliases;
        if (v.ipv4_address) merged.ipv4_address = v.ipv4_address;
        if (v.ipv6_address) merged.ipv6_address = v.ipv6_address;
        n[k] = merged;
      }
    }
    out.networks = n;
  }
  if (base.deploy || over.deploy) {
    const d = mergeStruct((base.deploy ?? {}) as Any, (over.deploy ?? {}) as Any);
    out.deploy = d as ServiceConfig['deploy'];
  }
  if (base.healthcheck || over.healthcheck) out.healthcheck = mergeStruct((base.healthcheck ?? {}) as Any, (over.healthcheck ?? {}) as Any) as ServiceConfig['healthcheck'];
  if (base.environment || over.environment) {
    // a *string: a later nil (KEY without a value) does not replace a value
    const env = { ...base.environment };
    for (const [k, v] of Object.entries(over.environment ?? {})) if (v !== null || !(k in env)) env[k] = v;
    out.environment = env;
  }
  if (base.extras || over.extras) out.extras = mergeAnyMap((base.extras ?? {}) as Any, (over.extras ?? {}) as Any);
  for (const k of Object.keys(out) as (keyof ServiceConfig)[]) if (out[k] === undefined) delete out[k];
  out.name = base.name;
  return out;
}

export function mergeConfigs(configs: ComposeConfig[]): ComposeConfig {
  const base = configs[0]!;
  for (const over of configs.slice(1)) {
    const byName = new Map(base.services.map((s) => [s.name, s]));
    for (const s of over.services) {
      const b = byName.get(s.name);
      byName.set(s.name, b ? mergeService(b, s) : s);
    }
    base.services = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const k of ['volumes', 'networks', 'secrets', 'configs'] as const) {
      if (over[k]) base[k] = { ...base[k], ...over[k] } as never;
    }
  }
  return base;
}
