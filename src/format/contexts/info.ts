// `docker info`'s data: the engine's /info decoded into the Go structs docker 28 decodes it
// into (system.Info and what it holds: Go field names and order, zero values for what the
// engine leaves out, unknown fields dropped), the `dockerInfo` wrapper that --format
// templates run over, the JSON those structs marshal to (json tags, omitempty, embedded
// structs flattened), and the default text rendering (prettyPrintInfo).
//
// The first half is a small description of Go types (GoType) with a decoder from JSON into
// the template value model of ../values.ts and a marshaller back to Go's JSON text; the
// version context uses it as well.
import { GoNil, GoTyped, compareStrings, goInt, goMap, goSlice, goStruct, goTyped } from '../values.js';
import { bytesSize, humanDurationNs } from '../../util/units.js';
import { stringerInt, stringerIntValue } from '../inspect-types/convert.js';
import { Duration } from '../inspect-types/container.js';

// ---------------------------------------------------------------------------------------
// Go types

export type GoType =
  | { k: 'string'; name?: string }
  /** name: a Go integer type other than int (int64, uint32, time.Duration, ...) */
  | { k: 'int'; name?: string }
  | { k: 'bool' }
  | { k: 'float' }
  /** interface {}: the JSON value as it is (maps of interface {}, float64 numbers) */
  | { k: 'any' }
  | { k: 'slice'; elem: GoType }
  | { k: 'array'; n: number; elem: GoType }
  | { k: 'map'; elem: GoType }
  | { k: 'ptr'; elem: GoStruct | GoCustom }
  | GoStruct
  | GoCustom;

export interface GoStruct {
  k: 'struct';
  /** package-qualified name: system.Info */
  name: string;
  fields: GoField[];
  /** the type's MarshalJSON goes through a map: keys come out sorted (registry.ServiceConfig) */
  sortedJson?: boolean;
  /** the type's String() method */
  stringer?: (v: Record<string, unknown>) => string;
}

/** A type with its own decoding and JSON (registry.NetIPNet, time.Time). */
export interface GoCustom {
  k: 'custom';
  name: string;
  decode(raw: unknown, typeName: string): unknown;
  marshal(v: unknown): string;
  /** whether omitempty leaves the value out (never, without this) */
  isZero?(v: unknown): boolean;
}

export interface GoField {
  name: string;
  /** the name in JSON when it differs (json:"CpuCfsPeriod"); '-' never marshals */
  json?: string;
  omitempty?: boolean;
  /** an embedded struct: its fields are promoted, in templates and in JSON */
  embedded?: boolean;
  type: GoType;
}

const STRING: GoType = { k: 'string' };
const INT: GoType = { k: 'int' };
const BOOL: GoType = { k: 'bool' };
const ANY: GoType = { k: 'any' };
export const str = (name?: string): GoType => (name ? { k: 'string', name } : STRING);
export const int = (name?: string): GoType => (name ? { k: 'int', name } : INT);
export const bool = (): GoType => BOOL;
export const any = (): GoType => ANY;
export const slice = (elem: GoType): GoType => ({ k: 'slice', elem });
export const array = (n: number, elem: GoType): GoType => ({ k: 'array', n, elem });
export const map = (elem: GoType): GoType => ({ k: 'map', elem });
export const ptr = (elem: GoStruct | GoCustom): GoType => ({ k: 'ptr', elem });
export const struct = (name: string, fields: GoField[], extra: Partial<GoStruct> = {}): GoStruct => ({ k: 'struct', name, fields, ...extra });
export const f = (name: string, type: GoType, o: { json?: string; omitempty?: boolean; embedded?: boolean } = {}): GoField => ({ name, type, ...o });

/** time.Duration: printed by its String method ("2160h0m0s"), its methods callable, an integer in JSON */
const DURATION: GoCustom = {
  k: 'custom',
  name: 'time.Duration',
  decode: (raw) => stringerInt(Duration, BigInt(typeof raw === 'number' && Number.isFinite(raw) ? Math.trunc(raw) : 0)),
  marshal: (v) => String(stringerIntValue(v) ?? 0n),
  isZero: (v) => (stringerIntValue(v) ?? 0n) === 0n,
};

/** The Go type's name as reflect prints it: []string, map[string]*registry.IndexInfo, ... */
export function goTypeName(t: GoType): string {
  switch (t.k) {
    case 'string':
      return t.name ?? 'string';
    case 'int':
      return t.name ?? 'int';
    case 'bool':
      return 'bool';
    case 'float':
      return 'float64';
    case 'any':
      return 'interface {}';
    case 'slice':
      return `[]${goTypeName(t.elem)}`;
    case 'array':
      return `[${t.n}]${goTypeName(t.elem)}`;
    case 'map':
      return `map[string]${goTypeName(t.elem)}`;
    case 'ptr':
      return `*${goTypeName(t.elem)}`;
    case 'struct':
    case 'custom':
      return t.name;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** encoding/json's key matching: the exact name, else a case-insensitive one */
function lookup(raw: Record<string, unknown>, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(raw, key)) return raw[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(raw)) if (k.toLowerCase() === lower) return raw[k];
  return undefined;
}

/** the field name of an embedded struct: its type's name without the package */
function embeddedName(t: GoType): string {
  const n = goTypeName(t).replace(/^\*/, '');
  return n.slice(n.lastIndexOf('.') + 1);
}

function defineHidden(obj: object, name: string, value: unknown): void {
  Object.defineProperty(obj, name, { value, enumerable: false, configurable: true, writable: true });
}

/** Decodes JSON (as JSON.parse gives it) into the template value model as Go would hold it. */
export function decode(t: GoType, raw: unknown): unknown {
  switch (t.k) {
    case 'string': {
      const s = typeof raw === 'string' ? raw : '';
      return t.name ? goTyped(t.name, 'string', s) : s;
    }
    case 'int': {
      const n = typeof raw === 'number' && Number.isFinite(raw) ? raw : 0;
      return goInt(n, t.name ?? 'int');
    }
    case 'bool':
      return raw === true;
    case 'float':
      return typeof raw === 'number' ? raw : 0;
    case 'any':
      return raw === null ? undefined : raw;
    case 'slice': {
      const name = goTypeName(t);
      if (!Array.isArray(raw)) return new GoNil(name);
      return goSlice(
        raw.map((e) => decode(t.elem, e)),
        name,
      );
    }
    case 'array': {
      const arr = Array.isArray(raw) ? raw : [];
      return goSlice(
        Array.from({ length: t.n }, (_, i) => decode(t.elem, arr[i])),
        goTypeName(t),
      );
    }
    case 'map': {
      const name = goTypeName(t);
      if (!isObject(raw)) return new GoNil(name);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) out[k] = decode(t.elem, v);
      return goMap(out, name);
    }
    case 'ptr': {
      const name = goTypeName(t);
      if (raw === null || raw === undefined) {
        return new GoNil(name, t.elem.k === 'struct' ? t.elem.fields.map((x) => x.name) : undefined);
      }
      if (t.elem.k === 'custom') return t.elem.decode(raw, name);
      return decodeStruct(t.elem, isObject(raw) ? raw : {}, name);
    }
    case 'struct':
      return decodeStruct(t, isObject(raw) ? raw : {}, t.name);
    case 'custom':
      return t.decode(raw, t.name);
  }
}

/** A struct value: its fields as enumerable properties, promoted fields hidden, MarshalJSON. */
export function decodeStruct(t: GoStruct, raw: Record<string, unknown>, typeName = t.name): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const embedded: [string, Record<string, unknown>][] = [];
  for (const fd of t.fields) {
    if (fd.embedded) {
      const v = decode(fd.type, raw) as Record<string, unknown>;
      const name = embeddedName(fd.type);
      obj[name] = v;
      embedded.push([name, v]);
    } else {
      obj[fd.name] = decode(fd.type, lookup(raw, fd.json && fd.json !== '-' ? fd.json : fd.name));
    }
  }
  goStruct(obj, typeName);
  for (const [name, v] of embedded) promote(obj, name, v);
  defineHidden(obj, 'MarshalJSON', () => marshal(t, obj));
  if (t.stringer) {
    const s = t.stringer;
    defineHidden(obj, 'String', () => s(obj));
  }
  return obj;
}

/** Go's promotion of an embedded struct's fields (and methods) to the outer struct. */
export function promote(outer: Record<string, unknown>, via: string, inner: unknown): void {
  if (inner === null || typeof inner !== 'object' || inner instanceof GoNil) return;
  for (const key of Object.getOwnPropertyNames(inner)) {
    if (!/^[A-Z]/.test(key) || Object.prototype.hasOwnProperty.call(outer, key)) continue;
    if (key === 'MarshalJSON') continue;
    Object.defineProperty(outer, key, {
      get: () => (outer[via] as Record<string, unknown>)[key],
      enumerable: false,
      configurable: true,
    });
  }
}

// ---------------------------------------------------------------------------------------
// JSON as encoding/json writes it (docker's `json` template function: no HTML escaping)

export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      if (c === 0x0a) out += '\\n';
      else if (c === 0x0d) out += '\\r';
      else if (c === 0x09) out += '\\t';
      else if (c === 0x08) out += '\\b';
      else if (c === 0x0c) out += '\\f';
      else out += `\\u00${c.toString(16).padStart(2, '0')}`;
    } else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += '\\ufffd';
    } else out += s[i];
  }
  return `${out}"`;
}

function scalarOf(v: unknown): unknown {
  return v instanceof GoTyped ? v.value : v;
}

/** a JSON value of interface {} type: maps with sorted keys, as Go re-marshals them */
export function marshalAny(v: unknown): string {
  v = scalarOf(v);
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      break;
  }
  if (v instanceof GoNil) return 'null';
  if (Array.isArray(v)) return `[${v.map(marshalAny).join(',')}]`;
  const m = (v as Record<string, unknown>).MarshalJSON;
  if (typeof m === 'function') return String(m.call(v));
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).sort(compareStrings);
  return `{${keys.map((k) => `${jsonString(k)}:${marshalAny(obj[k])}`).join(',')}}`;
}

function isEmptyValue(t: GoType, v: unknown): boolean {
  v = scalarOf(v);
  switch (t.k) {
    case 'string':
      return v === '';
    case 'int':
      return v === 0n || v === 0;
    case 'bool':
      return v === false;
    case 'float':
      return v === 0;
    case 'any':
      return v === undefined || v === null;
    case 'slice':
    case 'array':
      return v instanceof GoNil || (Array.isArray(v) && v.length === 0);
    case 'map':
      return v instanceof GoNil || (isObject(v) && Object.keys(v).length === 0);
    case 'ptr':
      return v instanceof GoNil || v === undefined || v === null;
    case 'struct':
      return false;
    case 'custom':
      return t.isZero ? t.isZero(v) : false;
  }
}

function structEntries(t: GoStruct, v: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const fd of t.fields) {
    if (fd.json === '-') continue;
    if (fd.embedded) {
      let et = fd.type;
      const inner = v[embeddedName(fd.type)];
      if (et.k === 'ptr') {
        if (inner instanceof GoNil || inner === undefined) continue;
        et = et.elem;
      }
      if (et.k === 'struct') {
        out.push(...structEntries(et, inner as Record<string, unknown>));
        continue;
      }
    }
    const value = v[fd.name];
    if (fd.omitempty && isEmptyValue(fd.type, value)) continue;
    out.push(`${jsonString(fd.json ?? fd.name)}:${marshal(fd.type, value)}`);
  }
  return out;
}

/** A value of Go type `t` as encoding/json marshals it. */
export function marshal(t: GoType, v: unknown): string {
  switch (t.k) {
    case 'string':
      return jsonString(String(scalarOf(v) ?? ''));
    case 'int':
      return String(scalarOf(v) ?? 0);
    case 'bool':
      return scalarOf(v) === true ? 'true' : 'false';
    case 'float':
    case 'any':
      return marshalAny(v);
    case 'slice':
    case 'array':
      if (!Array.isArray(v)) return 'null';
      return `[${v.map((e) => marshal(t.elem, e)).join(',')}]`;
    case 'map': {
      if (!isObject(v) || v instanceof GoNil) return 'null';
      const keys = Object.keys(v).sort(compareStrings);
      return `{${keys.map((k) => `${jsonString(k)}:${marshal(t.elem, v[k])}`).join(',')}}`;
    }
    case 'ptr':
      if (v instanceof GoNil || v === undefined || v === null) return 'null';
      return marshal(t.elem, v);
    case 'struct': {
      const text = `{${structEntries(t, v as Record<string, unknown>).join(',')}}`;
      return t.sortedJson ? marshalAny(JSON.parse(text)) : text;
    }
    case 'custom':
      return t.marshal(v);
  }
}

// ---------------------------------------------------------------------------------------
// system.Info (github.com/docker/docker/api/types/system, as vendored by docker CLI 28.2)

/** registry.NetIPNet: a CIDR, printed and marshalled as its string */
const NetIPNet: GoCustom = {
  k: 'custom',
  name: 'registry.NetIPNet',
  decode(raw, typeName) {
    const cidr = typeof raw === 'string' ? raw : '';
    const slash = cidr.indexOf('/');
    const obj = goStruct({ IP: slash >= 0 ? cidr.slice(0, slash) : cidr, Mask: slash >= 0 ? cidr.slice(slash + 1) : '' }, typeName);
    defineHidden(obj, 'String', () => cidr);
    defineHidden(obj, 'MarshalJSON', () => jsonString(cidr));
    return obj;
  },
  marshal(v) {
    return jsonString(String((v as { String(): string }).String()));
  },
};

/** time.Time: RFC 3339 in JSON, Go's Time.String() when printed */
const Time: GoCustom = {
  k: 'custom',
  name: 'time.Time',
  decode(raw) {
    const s = typeof raw === 'string' ? raw : '0001-01-01T00:00:00Z';
    const obj = goStruct({}, 'time.Time');
    defineHidden(obj, 'String', () => goTimeText(s));
    defineHidden(obj, 'MarshalJSON', () => jsonString(s));
    return obj;
  },
  marshal(v) {
    return String((v as { MarshalJSON(): string }).MarshalJSON());
  },
};

/** Go's Time.String() for an RFC 3339 timestamp, kept in the timestamp's own zone */
function goTimeText(s: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return s;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zone = m[4] === 'Z' ? '+0000 UTC' : `${m[4]!.replace(':', '')} ${m[4]!.replace(':', '')}`;
  return `${m[1]} ${m[2]}${frac === '.' ? '' : frac} ${zone}`;
}

const Commit = struct('system.Commit', [f('ID', str()), f('Expected', str(), { omitempty: true })]);
const PluginsInfo = struct('system.PluginsInfo', [f('Volume', slice(str())), f('Network', slice(str())), f('Authorization', slice(str())), f('Log', slice(str()))]);
const IndexInfo = struct('registry.IndexInfo', [f('Name', str()), f('Mirrors', slice(str())), f('Secure', bool()), f('Official', bool())]);
const ServiceConfig = struct(
  'registry.ServiceConfig',
  [
    f('AllowNondistributableArtifactsCIDRs', slice(ptr(NetIPNet)), { omitempty: true }),
    f('AllowNondistributableArtifactsHostnames', slice(str()), { omitempty: true }),
    f('InsecureRegistryCIDRs', slice(ptr(NetIPNet))),
    f('IndexConfigs', map(ptr(IndexInfo))),
    f('Mirrors', slice(str())),
    f('ExtraFields', map(any()), { json: '-' }),
  ],
  { sortedJson: true },
);
const GenericResource = struct('swarm.GenericResource', [
  f('NamedResourceSpec', ptr(struct('swarm.NamedGenericResource', [f('Kind', str(), { omitempty: true }), f('Value', str(), { omitempty: true })])), { omitempty: true }),
  f('DiscreteResourceSpec', ptr(struct('swarm.DiscreteGenericResource', [f('Kind', str(), { omitempty: true }), f('Value', int('int64'), { omitempty: true })])), { omitempty: true }),
]);
const Runtime = struct('system.Runtime', [
  f('Path', str(), { json: 'path', omitempty: true }),
  f('Args', slice(str()), { json: 'runtimeArgs', omitempty: true }),
  f('Type', str(), { json: 'runtimeType', omitempty: true }),
  f('Options', map(any()), { json: 'options', omitempty: true }),
]);
const RuntimeWithStatus = struct('system.RuntimeWithStatus', [f('Runtime', Runtime, { embedded: true }), f('Status', map(str()), { json: 'status', omitempty: true })]);

const SwarmVersion = struct('swarm.Version', [f('Index', int('uint64'), { omitempty: true })], {
  stringer: (v) => String((v.Index as GoTyped).value),
});
const Meta = struct('swarm.Meta', [f('Version', SwarmVersion, { omitempty: true }), f('CreatedAt', Time, { omitempty: true }), f('UpdatedAt', Time, { omitempty: true })]);
const Annotations = struct('swarm.Annotations', [f('Name', str(), { omitempty: true }), f('Labels', map(str()))]);
const SwarmSpec = struct('swarm.Spec', [
  f('Annotations', Annotations, { embedded: true }),
  f('Orchestration', struct('swarm.OrchestrationConfig', [f('TaskHistoryRetentionLimit', ptr({ k: 'custom', name: 'int64', decode: (r) => goInt(typeof r === 'number' ? r : 0, 'int64'), marshal: (v) => String(scalarOf(v)) }), { omitempty: true })]), { omitempty: true }),
  f(
    'Raft',
    struct('swarm.RaftConfig', [
      f('SnapshotInterval', int('uint64'), { omitempty: true }),
      f('KeepOldSnapshots', ptr({ k: 'custom', name: 'uint64', decode: (r) => goInt(typeof r === 'number' ? r : 0, 'uint64'), marshal: (v) => String(scalarOf(v)) }), { omitempty: true }),
      f('LogEntriesForSlowFollowers', int('uint64'), { omitempty: true }),
      f('ElectionTick', int()),
      f('HeartbeatTick', int()),
    ]),
    { omitempty: true },
  ),
  f('Dispatcher', struct('swarm.DispatcherConfig', [f('HeartbeatPeriod', DURATION, { omitempty: true })]), { omitempty: true }),
  f(
    'CAConfig',
    struct('swarm.CAConfig', [
      f('NodeCertExpiry', DURATION, { omitempty: true }),
      f('ExternalCAs', slice(ptr(struct('swarm.ExternalCA', [f('Protocol', str('swarm.ExternalCAProtocol')), f('URL', str()), f('Options', map(str()), { omitempty: true }), f('CACert', str())]))), { omitempty: true }),
      f('SigningCACert', str(), { omitempty: true }),
      f('SigningCAKey', str(), { omitempty: true }),
      f('ForceRotate', int('uint64'), { omitempty: true }),
    ]),
    { omitempty: true },
  ),
  f('TaskDefaults', struct('swarm.TaskDefaults', [f('LogDriver', ptr(struct('swarm.Driver', [f('Name', str(), { omitempty: true }), f('Options', map(str()), { omitempty: true })])), { omitempty: true })]), { omitempty: true }),
  f('EncryptionConfig', struct('swarm.EncryptionConfig', [f('AutoLockManagers', bool())]), { omitempty: true }),
]);
const ClusterInfo = struct('swarm.ClusterInfo', [
  f('ID', str()),
  f('Meta', Meta, { embedded: true }),
  f('Spec', SwarmSpec),
  f('TLSInfo', struct('swarm.TLSInfo', [f('TrustRoot', str(), { omitempty: true }), f('CertIssuerSubject', any()), f('CertIssuerPublicKey', any())])),
  f('RootRotationInProgress', bool()),
  f('DefaultAddrPool', slice(str())),
  f('SubnetSize', int('uint32')),
  f('DataPathPort', int('uint32')),
]);
const SwarmInfo = struct('swarm.Info', [
  f('NodeID', str()),
  f('NodeAddr', str()),
  f('LocalNodeState', str('swarm.LocalNodeState')),
  f('ControlAvailable', bool()),
  f('Error', str()),
  f('RemoteManagers', slice(struct('swarm.Peer', [f('NodeID', str()), f('Addr', str())]))),
  f('Nodes', int(), { omitempty: true }),
  f('Managers', int(), { omitempty: true }),
  f('Cluster', ptr(ClusterInfo), { omitempty: true }),
  f('Warnings', slice(str()), { omitempty: true }),
]);

export const SystemInfo = struct('system.Info', [
  f('ID', str()),
  f('Containers', int()),
  f('ContainersRunning', int()),
  f('ContainersPaused', int()),
  f('ContainersStopped', int()),
  f('Images', int()),
  f('Driver', str()),
  f('DriverStatus', slice(array(2, str()))),
  f('SystemStatus', slice(array(2, str())), { omitempty: true }),
  f('Plugins', PluginsInfo),
  f('MemoryLimit', bool()),
  f('SwapLimit', bool()),
  f('KernelMemory', bool(), { omitempty: true }),
  f('KernelMemoryTCP', bool(), { omitempty: true }),
  f('CPUCfsPeriod', bool(), { json: 'CpuCfsPeriod' }),
  f('CPUCfsQuota', bool(), { json: 'CpuCfsQuota' }),
  f('CPUShares', bool()),
  f('CPUSet', bool()),
  f('PidsLimit', bool()),
  f('IPv4Forwarding', bool()),
  f('Debug', bool()),
  f('NFd', int()),
  f('OomKillDisable', bool()),
  f('NGoroutines', int()),
  f('SystemTime', str()),
  f('LoggingDriver', str()),
  f('CgroupDriver', str()),
  f('CgroupVersion', str(), { omitempty: true }),
  f('NEventsListener', int()),
  f('KernelVersion', str()),
  f('OperatingSystem', str()),
  f('OSVersion', str()),
  f('OSType', str()),
  f('Architecture', str()),
  f('IndexServerAddress', str()),
  f('RegistryConfig', ptr(ServiceConfig)),
  f('NCPU', int()),
  f('MemTotal', int('int64')),
  f('GenericResources', slice(GenericResource)),
  f('DockerRootDir', str()),
  f('HTTPProxy', str(), { json: 'HttpProxy' }),
  f('HTTPSProxy', str(), { json: 'HttpsProxy' }),
  f('NoProxy', str()),
  f('Name', str()),
  f('Labels', slice(str())),
  f('ExperimentalBuild', bool()),
  f('ServerVersion', str()),
  f('Runtimes', map(RuntimeWithStatus)),
  f('DefaultRuntime', str()),
  f('Swarm', SwarmInfo),
  f('LiveRestoreEnabled', bool()),
  f('Isolation', str('container.Isolation')),
  f('InitBinary', str()),
  f('ContainerdCommit', Commit),
  f('RuncCommit', Commit),
  f('InitCommit', Commit),
  f('SecurityOptions', slice(str())),
  f('ProductLicense', str(), { omitempty: true }),
  f('DefaultAddressPools', slice(struct('system.NetworkAddressPool', [f('Base', str()), f('Size', int())])), { omitempty: true }),
  f('FirewallBackend', ptr(struct('system.FirewallInfo', [f('Driver', str()), f('Info', slice(array(2, str())), { omitempty: true })])), { omitempty: true }),
  f('CDISpecDirs', slice(str())),
  f('DiscoveredDevices', slice(struct('system.DeviceInfo', [f('Source', str()), f('ID', str())])), { omitempty: true }),
  f('Containerd', ptr(struct('system.ContainerdInfo', [f('Address', str(), { omitempty: true }), f('Namespaces', struct('system.ContainerdNamespaces', [f('Containers', str()), f('Plugins', str())]))])), { omitempty: true }),
  f('Warnings', slice(str())),
]);

// ---------------------------------------------------------------------------------------
// the client's side: system.clientVersion (shared with `version`) and system.clientInfo

export const PlatformInfo = struct('system.platformInfo', [f('Name', str(), { omitempty: true })]);

export const ClientVersion = struct('system.clientVersion', [
  f('Platform', ptr(PlatformInfo), { omitempty: true }),
  f('Version', str(), { omitempty: true }),
  f('APIVersion', str(), { json: 'ApiVersion', omitempty: true }),
  f('DefaultAPIVersion', str(), { omitempty: true }),
  f('GitCommit', str(), { omitempty: true }),
  f('GoVersion', str(), { omitempty: true }),
  f('Os', str(), { omitempty: true }),
  f('Arch', str(), { omitempty: true }),
  f('BuildTime', str(), { omitempty: true }),
  f('Context', str()),
]);

/** berth has no CLI plugins; the element type is docker's */
const Plugin = struct('manager.Plugin', [f('Name', str()), f('Path', str(), { omitempty: true })]);

export const ClientInfo = struct('system.clientInfo', [
  f('Debug', bool()),
  f('clientVersion', ClientVersion, { embedded: true }),
  f('Plugins', slice(Plugin)),
  f('Warnings', slice(str())),
]);

/** What the client reports about itself, in clientVersion's JSON names. */
export interface ClientFacts {
  Version: string;
  ApiVersion?: string;
  DefaultAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  BuildTime: string;
  Context: string;
}

// ---------------------------------------------------------------------------------------
// system.dockerInfo: what `docker info --format` templates see

const DockerInfo = struct('system.dockerInfo', [
  f('Info', ptr(SystemInfo), { embedded: true, omitempty: true }),
  f('ServerErrors', slice(str()), { omitempty: true }),
  f('UserName', str(), { json: '-' }),
  f('ClientInfo', ptr(ClientInfo), { omitempty: true }),
  f('ClientErrors', slice(str()), { omitempty: true }),
]);

export interface InfoData {
  /** the engine's /info answer; null: none (docker's nil *system.Info) */
  server: Record<string, unknown> | null;
  client: ClientFacts;
  debug: boolean;
  serverErrors?: string[];
  userName?: string;
}

function stringSlice(a: string[] | undefined): unknown {
  return a && a.length ? goSlice([...a], '[]string') : new GoNil('[]string');
}

/** The dockerInfo value: Info's fields promoted (not printed by {{.}}), ClientInfo a pointer. */
export function dockerInfoContext(d: InfoData): Record<string, unknown> {
  const info = d.server === null ? new GoNil('*system.Info', SystemInfo.fields.map((x) => x.name)) : decodeStruct(SystemInfo, d.server, '*system.Info');
  const client = decodeStruct(ClientInfo, { Debug: d.debug, ...d.client, Plugins: [] }, '*system.clientInfo');
  const obj: Record<string, unknown> = {
    Info: info,
    ServerErrors: stringSlice(d.serverErrors),
    UserName: d.userName ?? '',
    ClientInfo: client,
    ClientErrors: new GoNil('[]string'),
  };
  goStruct(obj, 'system.dockerInfo');
  promote(obj, 'Info', info);
  defineHidden(obj, 'MarshalJSON', () => marshal(DockerInfo, obj));
  return obj;
}

/** The probe docker runs a template on to see whether it needs the engine at all. */
export function sparseInfoContext(d: InfoData): Record<string, unknown> {
  const client = decodeStruct(ClientInfo, { Debug: d.debug, ...d.client, Plugins: null }, '*system.clientInfo');
  return goStruct({ ClientInfo: client, ClientErrors: new GoNil('[]string') }, 'system.sparseInfo');
}

// ---------------------------------------------------------------------------------------
// the default output: prettyPrintInfo

interface Lines {
  out: string;
  err: string;
}

type V = Record<string, unknown>;

const s = (v: unknown): string => {
  v = scalarOf(v);
  if (v === undefined || v === null || v instanceof GoNil) return '';
  return String(v);
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => list(v).map(s);

/** The Client: section (prettyPrintClientInfo). berth has no CLI plugins to list. */
export function renderClientInfo(client: ClientFacts, debug: boolean): string {
  let out = 'Client:\n';
  if (client.Version !== '') out += ` Version:    ${client.Version}\n`;
  out += ` Context:    ${client.Context}\n`;
  out += ` Debug Mode: ${debug}\n`;
  return out;
}

/** security options as system.DecodeSecurityOptions reads them */
function decodeSecurityOptions(opts: string[]): { name: string; options: [string, string][] }[] {
  const out: { name: string; options: [string, string][] }[] = [];
  for (const opt of opts) {
    if (!opt.includes('=')) {
      out.push({ name: opt, options: [] });
      continue;
    }
    const so = { name: '', options: [] as [string, string][] };
    for (const part of opt.split(',')) {
      const i = part.indexOf('=');
      if (i < 0) throw new Error(`invalid security option ${JSON.stringify(part)}`);
      const k = part.slice(0, i);
      const v = part.slice(i + 1);
      if (k === '' || v === '') throw new Error('invalid empty security option');
      if (k === 'name') so.name = v;
      else so.options.push([k, v]);
    }
    out.push(so);
  }
  return out;
}

function renderSwarm(sw: V): string {
  const state = s(sw.LocalNodeState);
  if (state === 'inactive' || state === 'locked') return '';
  let o = `  NodeID: ${s(sw.NodeID)}\n`;
  if (s(sw.Error) !== '') o += `  Error: ${s(sw.Error)}\n`;
  o += `  Is Manager: ${s(sw.ControlAvailable)}\n`;
  const c = sw.Cluster;
  if (c && !(c instanceof GoNil) && sw.ControlAvailable === true && s(sw.Error) === '' && state !== 'error') {
    const cl = c as V;
    const spec = cl.Spec as V;
    o += `  ClusterID: ${s(cl.ID)}\n`;
    o += `  Managers: ${s(sw.Managers)}\n`;
    o += `  Nodes: ${s(sw.Nodes)}\n`;
    if (!(cl.DefaultAddrPool instanceof GoNil)) {
      o += `  Default Address Pool: ${strs(cl.DefaultAddrPool)
        .map((p) => `${p}  `)
        .join('')}\n`;
      o += `  SubnetSize: ${s(cl.SubnetSize)}\n`;
    }
    if (Number(scalarOf(cl.DataPathPort)) > 0) o += `  Data Path Port: ${s(cl.DataPathPort)}\n`;
    o += '  Orchestration:\n';
    const limit = (spec.Orchestration as V).TaskHistoryRetentionLimit;
    o += `   Task History Retention Limit: ${limit instanceof GoNil ? '0' : s(limit)}\n`;
    const raft = spec.Raft as V;
    o += '  Raft:\n';
    o += `   Snapshot Interval: ${s(raft.SnapshotInterval)}\n`;
    if (!(raft.KeepOldSnapshots instanceof GoNil)) o += `   Number of Old Snapshots to Retain: ${s(raft.KeepOldSnapshots)}\n`;
    o += `   Heartbeat Tick: ${s(raft.HeartbeatTick)}\n`;
    o += `   Election Tick: ${s(raft.ElectionTick)}\n`;
    o += '  Dispatcher:\n';
    o += `   Heartbeat Period: ${humanDurationNs(Number(stringerIntValue((spec.Dispatcher as V).HeartbeatPeriod) ?? 0n))}\n`;
    const ca = spec.CAConfig as V;
    o += '  CA Configuration:\n';
    o += `   Expiry Duration: ${humanDurationNs(Number(stringerIntValue(ca.NodeCertExpiry) ?? 0n))}\n`;
    o += `   Force Rotate: ${s(ca.ForceRotate)}\n`;
    const caCert = s(ca.SigningCACert).trim();
    if (caCert !== '') o += `   Signing CA Certificate: \n${caCert}\n\n`;
    const ext = list(ca.ExternalCAs);
    if (ext.length > 0) {
      o += '   External CAs:\n';
      for (const e of ext) o += `     ${s((e as V).Protocol)}: ${s((e as V).URL)}\n`;
    }
    o += `  Autolock Managers: ${s((spec.EncryptionConfig as V).AutoLockManagers)}\n`;
    o += `  Root Rotation In Progress: ${s(cl.RootRotationInProgress)}\n`;
  }
  o += `  Node Address: ${s(sw.NodeAddr)}\n`;
  const managers = list(sw.RemoteManagers)
    .map((p) => s((p as V).Addr))
    .sort(compareStrings);
  if (managers.length > 0) {
    o += '  Manager Addresses:\n';
    for (const m of managers) o += `   ${m}\n`;
  }
  return o;
}

/**
 * The Server: section's lines (prettyPrintServerInfo) for a decoded system.Info, the
 * engine's warnings for stderr, and the errors that make docker exit 1 afterwards.
 * Where docker ranges over a Go map (Runtimes, IndexConfigs) and so prints in a random
 * order, berth prints in sorted order.
 */
export function renderServerInfo(info: V, o: { clientDebug: boolean; userName?: string }): Lines & { errors: string[] } {
  const errors: string[] = [];
  let out = '';
  const line = (label: string, v: unknown): void => {
    out += `${label} ${s(v)}\n`;
  };
  const nonEmpty = (label: string, v: unknown): void => {
    if (s(v) !== '') line(label, v);
  };
  line(' Containers:', info.Containers);
  line('  Running:', info.ContainersRunning);
  line('  Paused:', info.ContainersPaused);
  line('  Stopped:', info.ContainersStopped);
  line(' Images:', info.Images);
  nonEmpty(' Server Version:', info.ServerVersion);
  nonEmpty(' Storage Driver:', info.Driver);
  for (const pair of list(info.DriverStatus)) out += `  ${s((pair as unknown[])[0])}: ${s((pair as unknown[])[1])}\n`;
  for (const pair of list(info.SystemStatus)) out += ` ${s((pair as unknown[])[0])}: ${s((pair as unknown[])[1])}\n`;
  nonEmpty(' Logging Driver:', info.LoggingDriver);
  nonEmpty(' Cgroup Driver:', info.CgroupDriver);
  nonEmpty(' Cgroup Version:', info.CgroupVersion);
  const plugins = info.Plugins as V;
  out += ' Plugins:\n';
  line('  Volume:', strs(plugins.Volume).join(' '));
  line('  Network:', strs(plugins.Network).join(' '));
  if (list(plugins.Authorization).length !== 0) line('  Authorization:', strs(plugins.Authorization).join(' '));
  line('  Log:', strs(plugins.Log).join(' '));
  const cdi = strs(info.CDISpecDirs);
  if (cdi.length > 0) {
    out += ' CDI spec directories:\n';
    for (const dir of cdi) out += `  ${dir}\n`;
  }
  const devices = list(info.DiscoveredDevices);
  if (devices.length > 0) {
    out += ' Discovered Devices:\n';
    for (const d of devices) out += `  ${s((d as V).Source)}: ${s((d as V).ID)}\n`;
  }
  const sw = info.Swarm as V;
  line(' Swarm:', sw.LocalNodeState);
  out += renderSwarm(sw);
  const runtimes = info.Runtimes;
  if (runtimes && !(runtimes instanceof GoNil) && Object.keys(runtimes).length > 0) {
    line(' Runtimes:', Object.keys(runtimes).sort(compareStrings).join(' '));
    line(' Default Runtime:', info.DefaultRuntime);
  }
  const osType = s(info.OSType);
  if (osType === 'linux') {
    line(' Init Binary:', info.InitBinary);
    line(' containerd version:', (info.ContainerdCommit as V).ID);
    line(' runc version:', (info.RuncCommit as V).ID);
    line(' init version:', (info.InitCommit as V).ID);
    const secopts = strs(info.SecurityOptions);
    if (secopts.length !== 0) {
      try {
        const kvs = decodeSecurityOptions(secopts);
        out += ' Security Options:\n';
        for (const so of kvs) {
          out += `  ${so.name}\n`;
          for (const [k, v] of so.options) if (k === 'profile') out += `   Profile: ${v}\n`;
        }
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
  }
  if (osType === 'windows') line(' Default Isolation:', info.Isolation);
  nonEmpty(' Kernel Version:', info.KernelVersion);
  nonEmpty(' Operating System:', info.OperatingSystem);
  nonEmpty(' OSType:', info.OSType);
  nonEmpty(' Architecture:', info.Architecture);
  line(' CPUs:', info.NCPU);
  line(' Total Memory:', bytesSize(Number(scalarOf(info.MemTotal))));
  nonEmpty(' Name:', info.Name);
  nonEmpty(' ID:', info.ID);
  line(' Docker Root Dir:', info.DockerRootDir);
  line(' Debug Mode:', info.Debug);
  if (info.Debug === true || o.clientDebug) {
    line('  File Descriptors:', info.NFd);
    line('  Goroutines:', info.NGoroutines);
    line('  System Time:', info.SystemTime);
    line('  EventsListeners:', info.NEventsListener);
  }
  nonEmpty(' HTTP Proxy:', info.HTTPProxy);
  nonEmpty(' HTTPS Proxy:', info.HTTPSProxy);
  nonEmpty(' No Proxy:', info.NoProxy);
  nonEmpty(' Username:', o.userName ?? '');
  const labels = strs(info.Labels);
  if (labels.length > 0) {
    out += ' Labels:\n';
    for (const l of labels) out += `  ${l}\n`;
  }
  line(' Experimental:', info.ExperimentalBuild);
  const reg = info.RegistryConfig;
  if (reg && !(reg instanceof GoNil)) {
    const r = reg as V;
    const indexes = r.IndexConfigs instanceof GoNil ? {} : (r.IndexConfigs as Record<string, V>);
    const cidrs = list(r.InsecureRegistryCIDRs);
    if (cidrs.length > 0 || Object.keys(indexes).length > 0) {
      out += ' Insecure Registries:\n';
      for (const name of Object.keys(indexes).sort(compareStrings)) {
        const ic = indexes[name]!;
        if (!(ic instanceof GoNil) && ic.Secure !== true) out += `  ${s(ic.Name)}\n`;
      }
      for (const c of cidrs) out += `  ${c instanceof GoNil ? '<nil>' : String((c as { String(): string }).String())}\n`;
    }
    const mirrors = strs(r.Mirrors);
    if (mirrors.length > 0) {
      out += ' Registry Mirrors:\n';
      for (const m of mirrors) out += `  ${m}\n`;
    }
  }
  line(' Live Restore Enabled:', info.LiveRestoreEnabled);
  if (s(info.ProductLicense) !== '') line(' Product License:', info.ProductLicense);
  const pools = list(info.DefaultAddressPools);
  if (pools.length > 0) {
    out += ' Default Address Pools:\n';
    for (const p of pools) out += `   Base: ${s((p as V).Base)}, Size: ${s((p as V).Size)}\n`;
  }
  out += '\n';
  let err = '';
  for (const w of strs(info.Warnings)) err += `${w}\n`;
  return { out, err, errors };
}
