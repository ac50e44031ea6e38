// Loads compose files the way `docker stack deploy -c` / `docker stack config -c` do
// (docker/cli v28.2.2: cli/command/stack/loader + cli/compose/loader): each file is parsed,
// checked for forbidden properties, interpolated with the process environment (docker 28
// reads no .env file), validated against the schema of the first file's version, turned into
// the typed config (normalised: short port and volume syntax, lists vs mappings, durations,
// sizes, env_file merged into environment, relative paths made absolute against the first
// file's directory), and the files are merged in order.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { interpolateConfig } from './interpolate.js';
import { parsePortRange, parsePortSpec } from './ports.js';
import { goSprint, validateSchema, versionOf } from './schema.js';
import { parseGoDuration, ramInBytes } from './units.js';
import { containsNonStringKeys, hasNonStringKeys, parseYaml, YamlError } from './yaml.js';
import { mergeConfigs } from './merge.js';
import { parseEnvFile } from './envfile.js';
import {
  DEPRECATED_PROPERTIES, FORBIDDEN_PROPERTIES, UNSUPPORTED_PROPERTIES,
  type ComposeConfig, type ServiceConfig, type ServiceVolumeConfig, type ServicePortConfig,
  type External, type NetworkConfig, type VolumeConfig, type FileObjectConfig, type UpdateConfig,
  type MappingWithEquals,
} from './types.js';

/** A compose file could not be loaded; the message is docker's text. */
export class ComposeLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComposeLoadError';
  }
}

export interface LoadComposeOptions {
  /** The -c values in order; "-" reads stdin. */
  files: string[];
  stdin?: () => Promise<string>;
  /** The environment used for interpolation (docker: the process environment only). */
  env: Record<string, string | undefined>;
  /** The process working directory (relative paths and "-" resolve from it). */
  cwd: string;
  /** `stack config --skip-interpolation` */
  skipInterpolation?: boolean;
  /** Called with each warning docker logs while loading (logrus warnings), without a newline. */
  warn?: (message: string) => void;
}

type Dict = Record<string, unknown>;

/** One file as read: its name and its top-level mapping. */
export interface ComposeFile {
  filename: string;
  config: Dict;
}

/** Reads and parses the -c files (docker's GetConfigDetails). */
export async function readComposeFiles(o: LoadComposeOptions): Promise<{ files: ComposeFile[]; workingDir: string }> {
  if (o.files.length === 0) throw new ComposeLoadError('Specify a Compose file (with --compose-file)');
  const workingDir = o.files[0] === '-' && o.files.length === 1 ? o.cwd : dirname(resolve(o.cwd, o.files[0]!));
  const files: ComposeFile[] = [];
  for (const f of o.files) {
    let text: string;
    if (f === '-') text = o.stdin ? await o.stdin() : '';
    else {
      try {
        text = await readFile(resolve(o.cwd, f), 'utf8');
      } catch (e) {
        throw new ComposeLoadError(fsMessage(e as NodeJS.ErrnoException, f));
      }
    }
    let parsed: unknown;
    try {
      parsed = parseYaml(text);
    } catch (e) {
      if (e instanceof YamlError) throw new ComposeLoadError(e.message);
      throw e;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || hasNonStringKeys(parsed)) {
      throw new ComposeLoadError('top-level object must be a mapping');
    }
    files.push({ filename: f, config: parsed as Dict });
  }
  return { files, workingDir };
}

function fsMessage(e: NodeJS.ErrnoException, path: string): string {
  switch (e.code) {
    case 'ENOENT': return `open ${path}: no such file or directory`;
    case 'EISDIR': return `read ${path}: is a directory`;
    case 'EACCES': return `open ${path}: permission denied`;
    default: return `open ${path}: ${e.message}`;
  }
}

export async function loadCompose(o: LoadComposeOptions): Promise<ComposeConfig> {
  const { files, workingDir } = await readComposeFiles(o);
  return loadComposeFiles(files, { ...o, workingDir });
}

/** docker's loader.Load over files already read. */
export function loadComposeFiles(files: ComposeFile[], o: { env: Record<string, string | undefined>; workingDir: string; skipInterpolation?: boolean; warn?: (m: string) => void }): ComposeConfig {
  const lookup = (k: string) => (Object.hasOwn(o.env, k) ? o.env[k] : undefined);
  const version = versionOf(files[0]!.config);
  const ctx: Ctx = { workingDir: o.workingDir, lookup, version, warn: o.warn ?? (() => {}) };
  const configs: ComposeConfig[] = [];
  try {
    for (const file of files) {
      let dict = file.config;
      const v = versionOf(dict);
      if (v !== version) throw new Error(`version mismatched between two composefiles : ${version} and ${v}`);
      checkForbidden(dict);
      const unencodable = containsNonStringKeys(dict);
      if (!o.skipInterpolation) dict = interpolateConfig(dict, lookup);
      if (unencodable) throw new Error('json: unsupported type: map[interface {}]interface {}');
      validateSchema(dict, version);
      const cfg = loadSections(dict, ctx);
      cfg.filename = file.filename;
      configs.push(cfg);
    }
    return mergeConfigs(configs);
  } catch (e) {
    if (e instanceof ComposeLoadError) throw e;
    throw new ComposeLoadError((e as Error).message);
  }
}

/** Raised for forbidden service properties (stack deploy prints them, stack config does not). */
export class ForbiddenPropertiesError extends ComposeLoadError {
  constructor(readonly properties: Record<string, string>) {
    super('Configuration contains forbidden properties');
  }
}

function servicesOf(dict: Dict): Dict {
  const s = dict.services;
  return s !== null && typeof s === 'object' && !Array.isArray(s) ? (s as Dict) : {};
}

function propertiesIn(services: Dict, table: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const svc of Object.values(services)) {
    if (svc === null || typeof svc !== 'object' || Array.isArray(svc)) continue;
    for (const [p, d] of Object.entries(table)) if (Object.hasOwn(svc, p)) out[p] = d;
  }
  return out;
}

function checkForbidden(dict: Dict): void {
  const f = propertiesIn(servicesOf(dict), FORBIDDEN_PROPERTIES);
  if (Object.keys(f).length > 0) throw new ForbiddenPropertiesError(f);
}

/** The unsupported service properties the files use (stack deploy's "Ignoring unsupported options"). */
export function unsupportedProperties(files: ComposeFile[]): string[] {
  const set = new Set<string>();
  for (const f of files) {
    for (const svc of Object.values(servicesOf(f.config))) {
      if (svc === null || typeof svc !== 'object') continue;
      for (const p of UNSUPPORTED_PROPERTIES) if (Object.hasOwn(svc, p)) set.add(p);
    }
  }
  return [...set].sort();
}

/** The deprecated service properties the files use, with docker's description. */
export function deprecatedProperties(files: ComposeFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) Object.assign(out, propertiesIn(servicesOf(f.config), DEPRECATED_PROPERTIES));
  return out;
}

/** docker's propertyWarnings: "name: description" lines, sorted, a blank line between */
export function propertyWarnings(props: Record<string, string>): string {
  return Object.entries(props).map(([k, v]) => `${k}: ${v}`).sort().join('\n\n');
}

/**
 * What `stack deploy` prints for the files (docker's LoadComposefile), for h/stack-deploy:
 * the error text for forbidden properties, and the stderr warnings for unsupported and
 * deprecated ones (stack config prints none of these).
 */
export function forbiddenMessage(e: ForbiddenPropertiesError): string {
  return `Compose file contains unsupported options:\n\n${propertyWarnings(e.properties)}\n`;
}

export function deployWarnings(files: ComposeFile[]): string {
  let out = '';
  const unsupported = unsupportedProperties(files);
  if (unsupported.length > 0) out += `Ignoring unsupported options: ${unsupported.join(', ')}\n\n`;
  const deprecated = deprecatedProperties(files);
  if (Object.keys(deprecated).length > 0) out += `Ignoring deprecated options:\n\n${propertyWarnings(deprecated)}\n\n`;
  return out;
}

interface Ctx {
  workingDir: string;
  lookup: (k: string) => string | undefined;
  version: string;
  warn: (m: string) => void;
}

function getExtras(dict: Dict): Dict | undefined {
  const out: Dict = {};
  for (const [k, v] of Object.entries(dict)) if (k.startsWith('x-')) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

function section(dict: Dict, key: string): Dict {
  const v = dict[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {};
}

function loadSections(dict: Dict, ctx: Ctx): ComposeConfig {
  const cfg: ComposeConfig = { version: versionOf(dict), services: [] };
  for (const [name, def] of Object.entries(section(dict, 'services'))) {
    cfg.services.push(loadService(name, (def ?? {}) as Dict, ctx));
  }
  cfg.services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  cfg.networks = loadNetworks(section(dict, 'networks'), ctx);
  cfg.volumes = loadVolumes(section(dict, 'volumes'), ctx);
  cfg.secrets = loadFileObjects(section(dict, 'secrets'), 'secret', ctx);
  cfg.configs = loadFileObjects(section(dict, 'configs'), 'config', ctx);
  const extras = getExtras(dict);
  if (extras) cfg.extras = extras;
  return cfg;
}

// ---- value transforms (docker's mapstructure hooks) ----

/** mapstructure's error, as docker prints it; `field` is the Go path (field or mapstructure name) */
class DecodeError extends Error {
  constructor(inner: string) {
    super(`decoding failed due to the following error(s):\n\n${inner}`);
  }
}

function at<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`error decoding '${field}': ${(e as Error).message}`);
  }
}

/** an unsigned Go field: mapstructure refuses negative numbers */
function uint(v: unknown, field: string): number | undefined {
  if (typeof v !== 'number') return undefined;
  if (v < 0) throw new DecodeError(`cannot parse '${field}', ${Number.isInteger(v) ? v : v.toFixed(6)} overflows uint`);
  return Math.trunc(v);
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

function stringList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.map((x) => goSprint(x));
  throw new Error(`invalid type ${goType(v)} for string list`);
}

function goType(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return '[]interface {}';
  if (v === null) return '<nil>';
  return 'map[string]interface {}';
}

/** list or mapping -> mapping; allowNil keeps `KEY` (no `=`) as null */
function mappingOrList(v: unknown, sep: string, allowNil: boolean): Record<string, string | null> | undefined {
  if (v === undefined || v === null) return undefined;
  const out: Record<string, string | null> = {};
  if (isDict(v)) {
    for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? (allowNil ? null : '') : goSprint(x);
    return out;
  }
  if (Array.isArray(v)) {
    for (const e of v) {
      const s = String(e);
      const i = s.indexOf(sep);
      if (i < 0) out[s] = allowNil ? null : '';
      else out[s.slice(0, i)] = s.slice(i + sep.length);
    }
    return out;
  }
  return undefined;
}

function mapStringString(v: unknown): Record<string, string> | undefined {
  if (!isDict(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? '' : goSprint(x);
  return out;
}

function hostsList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  let entries: string[];
  if (isDict(v)) {
    entries = Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => `${k}:${goSprint(x)}`).sort();
  } else if (Array.isArray(v)) {
    entries = [];
    for (const e of v) {
      const s = goSprint(e);
      const eq = s.indexOf('=');
      if (eq >= 0) entries.push(`${s.slice(0, eq)}:${s.slice(eq + 1)}`);
      else {
        const c = s.indexOf(':');
        if (c >= 0) entries.push(`${s.slice(0, c)}:${s.slice(c + 1)}`);
      }
    }
  } else return undefined;
  return entries.map((hip) => {
    const c = hip.indexOf(':');
    const host = c < 0 ? hip : hip.slice(0, c);
    let ip = c < 0 ? '' : hip.slice(c + 1);
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    return `${host}:${ip}`;
  });
}

/** github.com/google/shlex Split */
export function shlexSplit(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) { out.push(cur); cur = ''; inWord = false; }
      i++;
    } else if (ch === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('EOF found when expecting closing quote');
        const c = s[i]!;
        if (c === '"') { i++; break; }
        if (c === '\\' && i + 1 < s.length) {
          const n = s[i + 1]!;
          if (n === '"' || n === '\\' || n === '$' || n === '`' || n === '\n') { if (n !== '\n') cur += n; i += 2; continue; }
        }
        cur += c;
        i++;
      }
    } else if (ch === "'") {
      inWord = true;
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('EOF found when expecting closing quote');
        const c = s[i]!;
        if (c === "'") { i++; break; }
        cur += c;
        i++;
      }
    } else if (ch === '\\') {
      inWord = true;
      if (i + 1 >= s.length) throw new Error('EOF found after escape character');
      if (s[i + 1] !== '\n') cur += s[i + 1];
      i += 2;
    } else if (ch === '#' && !inWord) {
      while (i < s.length && s[i] !== '\n') i++;
    } else {
      inWord = true;
      cur += ch;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

function shellCommand(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return shlexSplit(v);
  if (Array.isArray(v)) return v.map((x) => String(x));
  return undefined;
}

function duration(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`invalid type ${goType(v)} for duration`);
  return parseGoDuration(v);
}

function size(v: unknown, field = ''): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Math.trunc(v);
  return at(field, () => ramInBytes(String(v)));
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function external(v: unknown): External | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return { external: v };
  if (isDict(v)) return { external: true, name: str(v.name) ?? '' };
  throw new Error(`invalid type ${goType(v)} for external`);
}

/** sets only defined values, so that absent = Go's zero value */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function servicePorts(v: unknown, warn: (m: string) => void): ServicePortConfig[] | undefined {
  let i = -1;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Error(`invalid type ${goType(v)} for port`);
  const out: ServicePortConfig[] = [];
  for (const e of v) {
    if (typeof e === 'number' || typeof e === 'string') out.push(...at('Ports', () => shortPorts(String(e), warn)));
    else if (isDict(e)) {
      i = out.length;
      out.push(compact({ mode: str(e.mode), target: uint(e.target, `Ports[${i}].Target`), published: uint(e.published, `Ports[${i}].Published`), protocol: str(e.protocol) }));
    }
    else throw new Error(`invalid type ${goType(e)} for port`);
  }
  return out;
}

function shortPorts(spec: string, warn: (m: string) => void): ServicePortConfig[] {
  const mappings = parsePortSpec(spec);
  const byKey = new Map<string, typeof mappings>();
  for (const m of mappings) {
    const key = `${m.containerPort}/${m.proto}`;
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const out: ServicePortConfig[] = [];
  for (const key of [...byKey.keys()].sort()) {
    for (const b of byKey.get(key)!) {
      if (b.hostIp !== '' && isIP(b.hostIp) !== 0 && !/^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)$/.test(b.hostIp)) {
        const hp = b.hostIp.includes(':') ? `[${b.hostIp}]:${b.hostPort}` : `${b.hostIp}:${b.hostPort}`;
        warn(`ignoring IP-address (${hp}:${key}) service will listen on '0.0.0.0'`);
      }
      let start = 0, end = 0;
      if (b.hostPort !== '') {
        try {
          [start, end] = parsePortRange(b.hostPort);
        } catch {
          throw new Error(`invalid hostport binding (${b.hostPort}) for port (${b.containerPort})`);
        }
      }
      for (let p = start; p <= end; p++) out.push(compact({ mode: 'ingress', target: b.containerPort, published: p || undefined, protocol: b.proto }));
    }
  }
  return out;
}

const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];

function isWindowsDrive(buf: string, ch: string): boolean {
  return ch === ':' && buf.length === 1 && /\p{L}/u.test(buf);
}

/** docker's loader.ParseVolume (short volume syntax) */
export function parseVolume(spec: string): ServiceVolumeConfig {
  const vol: ServiceVolumeConfig = {};
  const chars = Array.from(spec);
  if (spec.length === 0) throw new Error('invalid empty volume spec');
  if (spec.length <= 2) return { type: 'volume', target: spec };
  let buf = '';
  const populateType = () => {
    if (!vol.source) vol.type = 'volume';
    else if (isFilePath(vol.source)) vol.type = 'bind';
    else vol.type = 'volume';
  };
  for (const ch of [...chars, '\0']) {
    if (isWindowsDrive(buf, ch)) buf += ch;
    else if (ch === ':' || ch === '\0') {
      let err: string | undefined;
      if (buf.length === 0) err = 'empty section between colons';
      else if (!vol.source && ch === '\0') vol.target = buf;
      else if (!vol.source) vol.source = buf;
      else if (!vol.target) vol.target = buf;
      else if (ch === ':') err = 'too many colons';
      else {
        for (const opt of buf.split(',')) {
          if (opt === 'ro') vol.read_only = true;
          else if (opt === 'rw') vol.read_only = false;
          else if (opt === 'nocopy') vol.volume = { nocopy: true };
          else if (PROPAGATIONS.includes(opt)) vol.bind = { propagation: opt };
        }
      }
      if (err) throw new Error(`invalid spec: ${spec}: ${err}`);
      buf = '';
    } else buf += ch;
  }
  populateType();
  if (vol.read_only === false) delete vol.read_only;
  return orderVolume(vol);
}

function orderVolume(v: ServiceVolumeConfig): ServiceVolumeConfig {
  return compact({ type: v.type, source: v.source, target: v.target, read_only: v.read_only, consistency: v.consistency, bind: v.bind, volume: v.volume, image: v.image, tmpfs: v.tmpfs, cluster: v.cluster });
}

function isFilePath(source: string): boolean {
  if ('./~'.includes(source[0]!)) return true;
  const r = Array.from(source);
  if (r.length === 1) return false;
  if (source.startsWith('\\\\')) return true;
  return isWindowsDrive(r[0]!, r[1]!);
}

function serviceVolume(v: unknown): ServiceVolumeConfig {
  if (typeof v === 'string') return parseVolume(v);
  if (!isDict(v)) throw new Error(`invalid type ${goType(v)} for service volume`);
  const bind = isDict(v.bind) ? compact({ propagation: str(v.bind.propagation) }) : undefined;
  const volume = isDict(v.volume) ? compact({ nocopy: bool(v.volume.nocopy), subpath: str(v.volume.subpath) }) : undefined;
  const image = isDict(v.image) ? compact({ subpath: str(v.image.subpath) }) : undefined;
  const tmpfs = isDict(v.tmpfs) ? compact({ size: size(v.tmpfs.size) }) : undefined;
  const cluster = isDict(v.cluster) ? {} : undefined;
  return orderVolume({ type: str(v.type), source: str(v.source), target: str(v.target), read_only: bool(v.read_only), consistency: str(v.consistency), bind, volume, image, tmpfs, cluster });
}

function fileRef(v: unknown, field: string): { source?: string; target?: string; uid?: string; gid?: string; mode?: number } {
  if (typeof v === 'string') return { source: v };
  if (!isDict(v)) throw new Error(`invalid type ${goType(v)} for secret`);
  return compact({ source: str(v.source), target: str(v.target), uid: str(v.uid), gid: str(v.gid), mode: uint(v.mode, `${field}.Mode`) });
}

function updateConfig(v: unknown, field: string): UpdateConfig | undefined {
  if (!isDict(v)) return undefined;
  const ratio = num(v.max_failure_ratio);
  return compact({
    parallelism: uint(v.parallelism, `${field}.Parallelism`),
    delay: duration(v.delay),
    failure_action: str(v.failure_action),
    monitor: duration(v.monitor),
    max_failure_ratio: ratio === undefined ? undefined : Math.fround(ratio),
    order: str(v.order),
  });
}

function expandUser(p: string, ctx: Ctx): string {
  if (p.startsWith('~')) {
    const home = ctx.lookup('HOME');
    if (home === undefined) {
      ctx.warn("cannot expand '~', because the environment lacks HOME");
      return p;
    }
    return p.replace('~', home);
  }
  return p;
}

function absPath(workingDir: string, p: string): string {
  return isAbsolute(p) ? p : join(workingDir, p);
}

/** Go's filepath.IsAbs on Windows: a drive letter or a \\\\host\\share volume, then a slash */
function isWindowsAbs(p: string): boolean {
  if (/^[a-zA-Z]:[\\/]/.test(p)) return true;
  const unc = /^[\\/]{2}[^\\/.][^\\/]*[\\/]+[^\\/]+/.exec(p);
  return unc !== null && /^[\\/]/.test(p.slice(unc[0].length));
}

function loadService(name: string, d: Dict, ctx: Ctx): ServiceConfig {
  const s: ServiceConfig = { name };
  if (d.build !== undefined && d.build !== null) {
    const b = typeof d.build === 'string' ? { context: d.build } : (d.build as Dict);
    s.build = compact({
      context: str(b.context), dockerfile: str(b.dockerfile), args: mappingOrList(b.args, '=', true), labels: mappingOrList(b.labels, '=', false) as Record<string, string> | undefined,
      cache_from: stringList(b.cache_from), extra_hosts: hostsList(b.extra_hosts), network: str(b.network), target: str(b.target),
    });
  }
  s.cap_add = stringList(d.cap_add);
  s.cap_drop = stringList(d.cap_drop);
  s.cgroupns_mode = str(d.cgroupns_mode);
  s.cgroup_parent = str(d.cgroup_parent);
  s.command = at('Command', () => shellCommand(d.command));
  if (Array.isArray(d.configs)) s.configs = d.configs.map((c, i) => fileRef(c, `Configs[${i}]`));
  s.container_name = str(d.container_name);
  if (isDict(d.credential_spec)) s.credential_spec = compact({ config: str(d.credential_spec.config), file: str(d.credential_spec.file), registry: str(d.credential_spec.registry) });
  s.depends_on = stringList(d.depends_on);
  if (isDict(d.deploy)) {
    const dp = d.deploy;
    const res = isDict(dp.resources) ? dp.resources : undefined;
    const lim = res && isDict(res.limits) ? res.limits : undefined;
    const rsv = res && isDict(res.reservations) ? res.reservations : undefined;
    const rp = isDict(dp.restart_policy) ? dp.restart_policy : undefined;
    const pl = isDict(dp.placement) ? dp.placement : undefined;
    s.deploy = compact({
      mode: str(dp.mode),
      replicas: uint(dp.replicas, 'Deploy.Replicas'),
      labels: mappingOrList(dp.labels, '=', false) as Record<string, string> | undefined,
      update_config: updateConfig(dp.update_config, 'Deploy.update_config'),
      rollback_config: updateConfig(dp.rollback_config, 'Deploy.rollback_config'),
      resources: res ? compact({
        limits: lim ? compact({ cpus: str(lim.cpus), memory: size(lim.memory, 'Deploy.Resources.Limits.memory'), pids: num(lim.pids) }) : undefined,
        reservations: rsv ? compact({
          cpus: str(rsv.cpus), memory: size(rsv.memory, 'Deploy.Resources.Reservations.memory'),
          generic_resources: Array.isArray(rsv.generic_resources) ? rsv.generic_resources.map((g) => {
            const spec = isDict(g) && isDict(g.discrete_resource_spec) ? g.discrete_resource_spec : undefined;
            return compact({ discrete_resource_spec: spec ? { kind: str(spec.kind) ?? '', value: num(spec.value) ?? 0 } : undefined });
          }) : undefined,
        }) : undefined,
      }) : undefined,
      restart_policy: rp ? compact({ condition: str(rp.condition), delay: duration(rp.delay), max_attempts: uint(rp.max_attempts, 'Deploy.restart_policy.max_attempts'), window: duration(rp.window) }) : undefined,
      placement: pl ? compact({
        constraints: stringList(pl.constraints),
        preferences: Array.isArray(pl.preferences) ? pl.preferences.map((p) => compact({ spread: isDict(p) ? str(p.spread) : undefined })) : undefined,
        max_replicas_per_node: uint(pl.max_replicas_per_node, 'Deploy.Placement.max_replicas_per_node'),
      }) : undefined,
      endpoint_mode: str(dp.endpoint_mode),
    });
  }
  s.devices = stringList(d.devices);
  s.dns = stringList(d.dns);
  s.dns_search = stringList(d.dns_search);
  s.domainname = str(d.domainname);
  s.entrypoint = at('Entrypoint', () => shellCommand(d.entrypoint));
  s.environment = mappingOrList(d.environment, '=', true);
  s.env_file = stringList(d.env_file);
  if (Array.isArray(d.expose)) s.expose = d.expose.map(goSprint);
  s.external_links = stringList(d.external_links);
  s.extra_hosts = hostsList(d.extra_hosts);
  s.hostname = str(d.hostname);
  if (isDict(d.healthcheck)) {
    const h = d.healthcheck;
    let test: string[] | undefined;
    if (typeof h.test === 'string') test = ['CMD-SHELL', h.test];
    else if (Array.isArray(h.test)) test = h.test.map(String);
    s.healthcheck = compact({ test, timeout: duration(h.timeout), interval: duration(h.interval), retries: uint(h.retries, 'HealthCheck.Retries'), start_period: duration(h.start_period), start_interval: duration(h.start_interval), disable: bool(h.disable) });
  }
  s.image = str(d.image);
  s.init = bool(d.init);
  s.ipc = str(d.ipc);
  s.isolation = str(d.isolation);
  s.labels = mappingOrList(d.labels, '=', false) as Record<string, string> | undefined;
  s.links = stringList(d.links);
  if (isDict(d.logging)) s.logging = compact({ driver: str(d.logging.driver), options: mapStringString(d.logging.options) });
  s.mac_address = str(d.mac_address);
  s.network_mode = str(d.network_mode);
  if (Array.isArray(d.networks)) s.networks = Object.fromEntries(d.networks.map((n) => [String(n), null]));
  else if (isDict(d.networks)) {
    s.networks = {};
    for (const [n, c] of Object.entries(d.networks)) {
      s.networks[n] = isDict(c) ? compact({ aliases: stringList(c.aliases), driver_opts: mapStringString(c.driver_opts), ipv4_address: str(c.ipv4_address), ipv6_address: str(c.ipv6_address) }) : null;
    }
  }
  s.pid = str(d.pid);
  s.ports = servicePorts(d.ports, ctx.warn);
  s.privileged = bool(d.privileged);
  s.read_only = bool(d.read_only);
  s.restart = str(d.restart);
  if (Array.isArray(d.secrets)) s.secrets = d.secrets.map((c, i) => fileRef(c, `Secrets[${i}]`));
  s.security_opt = stringList(d.security_opt);
  s.shm_size = str(d.shm_size);
  s.stdin_open = bool(d.stdin_open);
  s.stop_grace_period = at('stop_grace_period', () => duration(d.stop_grace_period));
  s.stop_signal = str(d.stop_signal);
  s.sysctls = mappingOrList(d.sysctls, '=', false) as Record<string, string> | undefined;
  s.tmpfs = stringList(d.tmpfs);
  s.tty = bool(d.tty);
  if (isDict(d.ulimits)) {
    s.ulimits = {};
    for (const [k, u] of Object.entries(d.ulimits)) {
      if (typeof u === 'number') s.ulimits[k] = { single: u };
      else if (isDict(u)) s.ulimits[k] = { soft: num(u.soft) ?? 0, hard: num(u.hard) ?? 0 };
      else throw new Error(`invalid type ${goType(u)} for ulimits`);
    }
  }
  s.user = str(d.user);
  // oom_score_adj: docker's struct field has no mapstructure name, so it is never loaded (nor printed)
  s.userns_mode = str(d.userns_mode);
  if (Array.isArray(d.volumes)) s.volumes = d.volumes.map((v, i) => at(`Volumes[${i}]`, () => serviceVolume(v)));
  s.working_dir = str(d.working_dir);
  compact(s);

  resolveEnvironment(s, ctx);
  for (const v of s.volumes ?? []) {
    if (v.type !== 'bind') continue;
    if (!v.source) throw new Error('invalid mount config for type "bind": field Source must not be empty');
    let p = expandUser(v.source, ctx);
    if (!p.startsWith('/') && !isWindowsAbs(p)) p = absPath(ctx.workingDir, p);
    v.source = p;
  }
  const extras = getExtras(d);
  if (extras) s.extras = extras;
  return s;
}

function resolveEnvironment(s: ServiceConfig, ctx: Ctx): void {
  const env: MappingWithEquals = {};
  const update = (vars: MappingWithEquals) => {
    for (const [k, v] of Object.entries(vars)) {
      const looked = ctx.lookup(k);
      env[k] = (v === null || v === '') && looked !== undefined ? looked : v;
    }
  };
  if (s.env_file && s.env_file.length > 0) {
    const lines: string[] = [];
    for (const f of s.env_file) lines.push(...parseEnvFile(absPath(ctx.workingDir, f), ctx.lookup));
    const vars: MappingWithEquals = {};
    for (const l of lines) {
      const i = l.indexOf('=');
      if (i < 0) vars[l] = null;
      else vars[l.slice(0, i)] = l.slice(i + 1);
    }
    update(vars);
  }
  update(s.environment ?? {});
  // docker always sets the (possibly empty) map; an empty one is not printed
  if (Object.keys(env).length > 0) s.environment = env;
  else delete s.environment;
}

function loadNetworks(src: Dict, ctx: Ctx): Record<string, NetworkConfig> | undefined {
  const out: Record<string, NetworkConfig> = {};
  for (const [name, raw] of Object.entries(src)) {
    const d = isDict(raw) ? raw : {};
    const ipam = isDict(d.ipam) ? compact({ driver: str(d.ipam.driver), config: Array.isArray(d.ipam.config) ? d.ipam.config.map((c) => compact({ subnet: isDict(c) ? str(c.subnet) : undefined })) : undefined }) : undefined;
    const n: NetworkConfig = compact({
      name: str(d.name), driver: str(d.driver), driver_opts: mapStringString(d.driver_opts), ipam,
      external: external(d.external), internal: bool(d.internal), attachable: bool(d.attachable),
      labels: mappingOrList(d.labels, '=', false) as Record<string, string> | undefined,
    });
    if (n.external?.external) {
      if (n.external.name) {
        if (n.name) throw new Error(`network ${name}: network.external.name and network.name conflict; only use network.name`);
        if (versionGte(ctx.version, '3.5')) ctx.warn(`network ${name}: network.external.name is deprecated in favor of network.name`);
        n.name = n.external.name;
        delete n.external.name;
      } else if (!n.name) n.name = name;
      delete n.external.name;
      const extras = getExtras(d);
      if (extras) n.extras = extras;
      // keep Go's field order: name first
      out[name] = compact({ name: n.name, driver: n.driver, driver_opts: n.driver_opts, ipam: n.ipam, external: n.external, internal: n.internal, attachable: n.attachable, labels: n.labels, extras: n.extras });
    } else {
      if (n.external) delete n.external.name;
      out[name] = n;
    }
  }
  return Object.keys(out).length > 0 ? out : {};
}

function versionGte(a: string, b: string): boolean {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0, y = pb[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

function loadVolumes(src: Dict, ctx: Ctx): Record<string, VolumeConfig> {
  const out: Record<string, VolumeConfig> = {};
  for (const [name, raw] of Object.entries(src)) {
    const d = isDict(raw) ? raw : {};
    const v: VolumeConfig = compact({
      name: str(d.name), driver: str(d.driver), driver_opts: mapStringString(d.driver_opts), external: external(d.external),
      labels: mappingOrList(d.labels, '=', false) as Record<string, string> | undefined,
      'x-cluster-spec': isDict(d['x-cluster-spec']) ? clusterSpec(d['x-cluster-spec']) : undefined,
    });
    if (v.external?.external) {
      const conflict = (key: string) => new Error(`conflicting parameters "external" and ${JSON.stringify(key)} specified for volume ${JSON.stringify(name)}`);
      if (v.driver) throw conflict('driver');
      if (v.driver_opts && Object.keys(v.driver_opts).length > 0) throw conflict('driver_opts');
      if (v.labels && Object.keys(v.labels).length > 0) throw conflict('labels');
      if (v.external.name) {
        if (v.name) throw new Error(`volume ${name}: volume.external.name and volume.name conflict; only use volume.name`);
        if (versionGte(ctx.version, '3.4')) ctx.warn(`volume ${name}: volume.external.name is deprecated in favor of volume.name`);
        v.name = v.external.name;
      } else if (!v.name) v.name = name;
      delete v.external.name;
      const extras = getExtras(d);
      if (extras) v.extras = extras;
      out[name] = compact({ name: v.name, driver: v.driver, driver_opts: v.driver_opts, external: v.external, labels: v.labels, extras: v.extras, 'x-cluster-spec': v['x-cluster-spec'] });
    } else {
      if (v.external) delete v.external.name;
      out[name] = v;
    }
  }
  return out;
}

function clusterSpec(d: Dict): VolumeConfig['x-cluster-spec'] {
  const am = isDict(d.access_mode) ? d.access_mode : undefined;
  const ar = isDict(d.accessibility_requirements) ? d.accessibility_requirements : undefined;
  const cr = isDict(d.capacity_range) ? d.capacity_range : undefined;
  const topo = (l: unknown) => (Array.isArray(l) ? l.map((t) => compact({ segments: isDict(t) ? mappingOrList(t.segments, '=', false) as Record<string, string> | undefined : undefined })) : undefined);
  return compact({
    group: str(d.group),
    access_mode: am ? compact({ scope: str(am.scope), sharing: str(am.sharing), mount_volume: isDict(am.mount_volume) ? compact({ fs_type: str(am.mount_volume.fs_type), mount_flags: stringList(am.mount_volume.mount_flags) }) : undefined, block_volume: isDict(am.block_volume) ? {} : undefined }) : undefined,
    accessibility_requirements: ar ? compact({ requisite: topo(ar.requisite), preferred: topo(ar.preferred) }) : undefined,
    capacity_range: cr ? compact({ required_bytes: size(cr.required_bytes), limit_bytes: size(cr.limit_bytes) }) : undefined,
    secrets: Array.isArray(d.secrets) ? d.secrets.map((s) => compact({ key: isDict(s) ? str(s.key) : undefined, secret: isDict(s) ? str(s.secret) : undefined })) : undefined,
    availability: str(d.availability),
  });
}

function loadFileObjects(src: Dict, kind: 'secret' | 'config', ctx: Ctx): Record<string, FileObjectConfig> {
  const out: Record<string, FileObjectConfig> = {};
  for (const [name, raw] of Object.entries(src)) {
    const d = isDict(raw) ? raw : {};
    const o: FileObjectConfig = compact({
      name: str(d.name), file: str(d.file), external: external(d.external),
      labels: mappingOrList(d.labels, '=', false) as Record<string, string> | undefined,
      driver: str(d.driver), driver_opts: mapStringString(d.driver_opts), template_driver: str(d.template_driver),
    });
    if (o.external?.external) {
      if (o.external.name) {
        if (o.name) throw new Error(`${kind} ${name}: ${kind}.external.name and ${kind}.name conflict; only use ${kind}.name`);
        if (versionGte(ctx.version, '3.5')) ctx.warn(`${kind} ${name}: ${kind}.external.name is deprecated in favor of ${kind}.name`);
        o.name = o.external.name;
      } else if (!o.name) o.name = name;
      delete o.external.name;
    } else if (o.driver) {
      if (o.file) throw new Error(`${kind} ${name}: ${kind}.driver and ${kind}.file conflict; only use ${kind}.driver`);
      if (o.external) delete o.external.name;
    } else {
      o.file = absPath(ctx.workingDir, o.file ?? '');
      if (o.external) delete o.external.name;
    }
    const extras = getExtras(d);
    if (extras) o.extras = extras;
    out[name] = compact({ name: o.name, file: o.file, external: o.external, labels: o.labels, extras: o.extras, driver: o.driver, driver_opts: o.driver_opts, template_driver: o.template_driver });
  }
  return out;
}

