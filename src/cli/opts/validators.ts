// docker's per-value option validators and converters (docker/cli opts/*.go and
// go-units), with their exact error texts. Each throws an Error whose message is what
// docker prints after `invalid argument "X" for "--flag" flag: `.
import { goAtoi, goParseInt, goParseUint, goCleanPath, numErrorReason } from './goparse.js';
import { readCsvRecord } from './csv.js';
import { goQuote } from '../flags.js';
import { ipString, parseIP } from './netaddr.js';
import { ramInBytes } from './units.js';

/** opts.ValidateEnv (the lookup of a bare KEY happens later, in buildCreateRequest) */
export function validateEnv(val: string): string {
  const eq = val.indexOf('=');
  const k = eq < 0 ? val : val.slice(0, eq);
  if (k === '') throw new Error(`invalid environment variable: ${val}`);
  return val;
}

/** opts.ValidateLabel */
export function validateLabel(value: string): string {
  const eq = value.indexOf('=');
  let key = eq < 0 ? value : value.slice(0, eq);
  key = key.replace(/^[ \t]+/, '');
  if (key === '') throw new Error(`invalid label '${value}': empty name`);
  if (/[ \t]/.test(key)) throw new Error(`label '${key}' contains whitespaces`);
  return value;
}

const validSysctls = new Set([
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
]);

/** a `KEY=VALUE` pair as docker's MapOpts keeps it */
export type KeyValue = [string, string];

function cutKV(value: string): KeyValue {
  const eq = value.indexOf('=');
  return eq < 0 ? [value, ''] : [value.slice(0, eq), value.slice(eq + 1)];
}

/** opts.ValidateSysctl, as a map entry */
export function parseSysctl(val: string): KeyValue {
  const eq = val.indexOf('=');
  const k = eq < 0 ? '' : val.slice(0, eq);
  if (eq < 0 || k === '') throw new Error(`sysctl '${val}' is not allowed`);
  if (validSysctls.has(k) || k.startsWith('net.') || k.startsWith('fs.mqueue.')) return cutKV(val);
  throw new Error(`sysctl '${val}' is not allowed`);
}

/** a MapOpts value with no validator (--annotation) */
export function parseMapEntry(val: string): KeyValue {
  return cutKV(val);
}

/** opts.ValidateIPAddress: returns the address in Go's canonical form */
export function validateIPAddress(val: string): string {
  const ip = parseIP(val.trim());
  if (ip) return ipString(ip);
  throw new Error(`IP address is not correctly formatted: ${val}`);
}

/** opts.ValidateExtraHost: `host:ip` / `host=ip` → `host:ip` */
export function validateExtraHost(val: string): string {
  let sep = val.indexOf('=');
  if (sep < 0) sep = val.indexOf(':');
  const k = sep < 0 ? val : val.slice(0, sep);
  let v = sep < 0 ? '' : val.slice(sep + 1);
  if (sep < 0 || k === '' || k.includes(':')) throw new Error(`bad format for add-host: ${goQuote(val)}`);
  if (v !== 'host-gateway') {
    if (v.length > 2 && v[0] === '[' && v[v.length - 1] === ']') v = v.slice(1, -1);
    try {
      validateIPAddress(v);
    } catch {
      throw new Error(`invalid IP address in add-host: ${goQuote(v)}`);
    }
  }
  return `${k}:${v}`;
}

const domainRe = /^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?\s*$/;

/** opts.ValidateDNSSearch */
export function validateDNSSearch(val: string): string {
  val = val.replace(/^ +| +$/g, '');
  if (val === '.') return val;
  if (!/[a-zA-Z]/.test(val)) throw new Error(`${val} is not a valid domain`);
  const m = domainRe.exec(val);
  if (m && Buffer.byteLength(m[1]!) < 255) return m[1]!;
  throw new Error(`${val} is not a valid domain`);
}

/** opts.ValidateLink */
export function validateLink(val: string): string {
  if (val === '') throw new Error('empty string specified for links');
  if (val.split(':').length > 2) throw new Error(`bad format for links: ${val}`);
  return val;
}

/** validateAttach: returns the lower-cased stream name */
export function validateAttach(val: string): string {
  const s = val.toLowerCase();
  if (s === 'stdin' || s === 'stdout' || s === 'stderr') return s;
  throw new Error('valid streams are STDIN, STDOUT and STDERR');
}

/** validateDeviceCgroupRule */
export function validateDeviceCgroupRule(val: string): string {
  if (/^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$/.test(val)) return val;
  throw new Error(`invalid device cgroup format '${val}'`);
}

export interface ThrottleDevice {
  Path: string;
  Rate: number;
}
export interface WeightDevice {
  Path: string;
  Weight: number;
}

function devicePair(val: string): [string, string] {
  const c = val.indexOf(':');
  const k = c < 0 ? val : val.slice(0, c);
  if (c < 0 || k === '') throw new Error(`bad format: ${val}`);
  if (!k.startsWith('/dev/')) throw new Error(`bad format for device path: ${val}`);
  return [k, val.slice(c + 1)];
}

/** opts.ValidateThrottleBpsDevice: `/dev/sda:10mb` */
export function parseThrottleBpsDevice(val: string): ThrottleDevice {
  const [k, v] = devicePair(val);
  const bad = new Error(
    `invalid rate for device: ${val}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`,
  );
  let rate: number;
  try {
    rate = ramInBytes(v);
  } catch {
    throw bad;
  }
  if (rate < 0) throw bad;
  return { Path: k, Rate: rate };
}

/** opts.ValidateThrottleIOpsDevice: `/dev/sda:1000` */
export function parseThrottleIOpsDevice(val: string): ThrottleDevice {
  const [k, v] = devicePair(val);
  try {
    return { Path: k, Rate: goParseUint(v, 10, 64) };
  } catch {
    throw new Error(`invalid rate for device: ${val}. The correct format is <device-path>:<number>. Number must be a positive integer`);
  }
}

/** opts.ValidateWeightDevice: `/dev/sda:200` */
export function parseWeightDevice(val: string): WeightDevice {
  const [k, v] = devicePair(val);
  let weight: number;
  try {
    weight = goParseUint(v, 10, 16);
  } catch {
    throw new Error(`invalid weight for device: ${val}`);
  }
  if (weight > 0 && (weight < 10 || weight > 1000)) throw new Error(`invalid weight for device: ${val}`);
  return { Path: k, Weight: weight };
}

export interface Ulimit {
  Name: string;
  Hard: number;
  Soft: number;
}

const ulimitNames = new Set([
  'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack',
]);

/** units.ParseUlimit: `nofile=1024[:2048]` */
export function parseUlimit(val: string): Ulimit {
  const eq = val.indexOf('=');
  if (eq < 0) throw new Error(`invalid ulimit argument: ${val}`);
  const name = val.slice(0, eq);
  const limits = val.slice(eq + 1);
  if (!ulimitNames.has(name)) throw new Error(`invalid ulimit type: ${name}`);
  const parts = limits.split(':');
  let soft: number;
  let hard: number;
  if (parts.length === 2) {
    hard = goParseInt(parts[1]!, 10, 64);
    soft = goParseInt(parts[0]!, 10, 64);
  } else if (parts.length === 1) {
    soft = goParseInt(parts[0]!, 10, 64);
    hard = soft;
  } else {
    throw new Error(`too many limit value arguments - ${limits}, can only have up to two, \`soft[:hard]\``);
  }
  if (hard !== -1) {
    if (soft === -1) throw new Error(`ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: ${hard}`);
    if (soft > hard) throw new Error(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`);
  }
  return { Name: name, Hard: hard, Soft: soft };
}

/** big.Rat.SetString for the forms docker users write: 1.5, 1e-3, 3/4 */
function parseRational(s: string): [bigint, bigint] | null {
  const frac = /^([+-]?)([0-9]+)\/([0-9]+)$/.exec(s);
  if (frac) {
    const den = BigInt(frac[3]!);
    if (den === 0n) return null;
    const num = BigInt(frac[2]!) * (frac[1] === '-' ? -1n : 1n);
    return [num, den];
  }
  const dec = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(s);
  if (!dec) return null;
  const ip = dec[2] ?? '';
  const fp = dec[3] ?? '';
  if (ip === '' && fp === '') return null;
  let num = BigInt((ip + fp) || '0');
  let den = 10n ** BigInt(fp.length);
  const exp = dec[4] ? Number(dec[4]) : 0;
  if (Math.abs(exp) > 100000) return null;
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  if (dec[1] === '-') num = -num;
  return [num, den];
}

/** opts.ParseCPUs: `--cpus 1.5` → 1500000000 nano CPUs */
export function parseCPUs(value: string): number {
  const r = parseRational(value);
  if (!r) throw new Error(`failed to parse ${value} as a rational number`);
  const [num, den] = r;
  const nano = num * 1000000000n;
  if (nano % den !== 0n) throw new Error('value is too precise');
  return Number(BigInt.asIntN(64, nano / den));
}

export interface DeviceRequest {
  Driver: string;
  Count: number;
  DeviceIDs: string[] | null;
  Capabilities: string[][] | null;
  Options: Record<string, string> | null;
}

function parseCount(s: string): number {
  if (s === 'all') return -1;
  try {
    return goAtoi(s);
  } catch (e) {
    throw new Error(`invalid count (${s}): value must be either "all" or an integer: ${numErrorReason(e)}`);
  }
}

/** opts.GpuOpts.Set: `all`, `2`, `device=0,1`, `driver=nvidia,capabilities=compute` */
export function parseGpus(value: string): DeviceRequest {
  const fields = readCsvRecord(value);
  const req: DeviceRequest = { Driver: '', Count: 0, DeviceIDs: null, Capabilities: null, Options: null };
  const seen = new Set<string>();
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = eq < 0 ? field : field.slice(0, eq);
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (seen.has(key)) throw new Error(`gpu request key '${key}' can be specified only once`);
    seen.add(key);
    if (eq < 0) {
      seen.add('count');
      req.Count = parseCount(key);
      continue;
    }
    switch (key) {
      case 'driver':
        req.Driver = val;
        break;
      case 'count':
        req.Count = parseCount(val);
        break;
      case 'device':
        req.DeviceIDs = val.split(',');
        break;
      case 'capabilities':
        req.Capabilities = [[...val.split(','), 'gpu']];
        break;
      case 'options': {
        let opt: string[];
        try {
          opt = readCsvRecord(val);
        } catch (e) {
          throw new Error(`failed to read gpu options: ${(e as Error).message}`);
        }
        const o: Record<string, string> = {};
        for (const kv of opt) {
          const [k, v] = cutKV(kv);
          o[k] = v;
        }
        req.Options = o;
        break;
      }
      default:
        throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!seen.has('count') && req.DeviceIDs === null) req.Count = 1;
  req.Options ??= {};
  req.Capabilities ??= [['gpu']];
  return req;
}

/** one `--network` value (opts.NetworkAttachmentOpts) */
export interface NetworkAttachment {
  target: string;
  aliases: string[];
  driverOpts?: Record<string, string>;
  links: string[];
  ipv4Address: string;
  ipv6Address: string;
  linkLocalIPs: string[];
  macAddress: string;
  gwPriority: number;
}

/** opts.NetworkOpt.Set: a network name, or `name=n,alias=a,ip=...,driver-opt=k=v,...` */
export function parseNetwork(value: string): NetworkAttachment {
  const n: NetworkAttachment = { target: '', aliases: [], links: [], ipv4Address: '', ipv6Address: '', linkLocalIPs: [], macAddress: '', gwPriority: 0 };
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) {
    n.target = value;
    return n;
  }
  const fields = readCsvRecord(value);
  for (const field of fields) {
    const lowered = field.toLowerCase();
    const eq = lowered.indexOf('=');
    let key = eq < 0 ? lowered : lowered.slice(0, eq);
    let val = eq < 0 ? '' : lowered.slice(eq + 1);
    if (eq < 0 || key === '') throw new Error(`invalid field ${field}`);
    key = key.trim();
    val = val.trim();
    switch (key) {
      case 'name':
        n.target = val;
        break;
      case 'alias':
        n.aliases.push(val);
        break;
      case 'ip':
        n.ipv4Address = val;
        break;
      case 'ip6':
        n.ipv6Address = val;
        break;
      case 'mac-address':
        n.macAddress = val;
        break;
      case 'link-local-ip':
        n.linkLocalIPs.push(val);
        break;
      case 'driver-opt': {
        const e2 = val.indexOf('=');
        const k2 = e2 < 0 ? val : val.slice(0, e2);
        if (e2 < 0 || k2 === '') throw new Error('invalid key value pair format in driver options');
        n.driverOpts ??= {};
        n.driverOpts[k2.trim()] = val.slice(e2 + 1).trim();
        break;
      }
      case 'gw-priority':
        try {
          n.gwPriority = goAtoi(val);
        } catch (e) {
          throw new Error(`invalid gw-priority (${val}): ${numErrorReason(e)}`);
        }
        break;
      default:
        throw new Error(`invalid field key ${key}`);
    }
  }
  if (n.target.length === 0) throw new Error('network name/id is not specified');
  return n;
}

/** opts.ParseRestartPolicy (the daemon checks the policy name) */
export function parseRestartPolicy(policy: string): { Name: string; MaximumRetryCount: number } {
  if (policy === '') return { Name: '', MaximumRetryCount: 0 };
  const c = policy.indexOf(':');
  const k = c < 0 ? policy : policy.slice(0, c);
  const v = c < 0 ? '' : policy.slice(c + 1);
  if (c >= 0 && k === '') throw new Error('invalid restart policy format: no policy provided before colon');
  let count = 0;
  if (v !== '') {
    try {
      count = goAtoi(v);
    } catch {
      throw new Error('invalid restart policy format: maximum retry count must be an integer');
    }
  }
  return { Name: k, MaximumRetryCount: count };
}

function validDeviceMode(mode: string): boolean {
  if (mode === '') return false;
  const legal: Record<string, boolean> = { r: true, w: true, m: true };
  for (const c of mode) {
    if (!legal[c]) return false;
    legal[c] = false;
  }
  return true;
}

/** validateLinuxPath for --device: `[host-dir:]container-path[:mode]` */
function validateLinuxDevicePath(val: string): string {
  if (val.split(':').length - 1 > 2) throw new Error(`bad format for path: ${val}`);
  const split = splitN(val, ':', 3);
  if (split[0] === '') throw new Error(`bad format for path: ${val}`);
  let containerPath = '';
  switch (split.length) {
    case 1:
      containerPath = split[0]!;
      val = goCleanPath(containerPath);
      break;
    case 2:
      if (validDeviceMode(split[1]!)) {
        containerPath = split[0]!;
        val = `${goCleanPath(containerPath)}:${split[1]}`;
      } else {
        containerPath = split[1]!;
        val = `${split[0]}:${goCleanPath(containerPath)}`;
      }
      break;
    default:
      containerPath = split[1]!;
      if (!validDeviceMode(split[2]!)) throw new Error(`bad mode specified: ${split[2]}`);
      val = `${split[0]}:${containerPath}:${split[2]}`;
  }
  if (!containerPath.startsWith('/')) throw new Error(`${containerPath} is not an absolute path`);
  return val;
}

/** strings.SplitN */
export function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

/** validateDevice + parseLinuxDevice: `/dev/x[:/dev/y][:rwm]` */
export function parseLinuxDevice(device: string): DeviceMapping {
  const validated = validateLinuxDevicePath(device);
  let src = '';
  let dst = '';
  let permissions = 'rwm';
  const arr = splitN(validated, ':', 4);
  if (arr.length > 3) throw new Error(`invalid device specification: ${validated}`);
  if (arr.length === 3) permissions = arr[2]!;
  if (arr.length >= 2) {
    if (validDeviceMode(arr[1]!)) permissions = arr[1]!;
    else dst = arr[1]!;
  }
  src = arr[0]!;
  if (dst === '') dst = src;
  return { PathOnHost: src, PathInContainer: dst, CgroupPermissions: permissions };
}

function isLetter(c: string): boolean {
  return /^[A-Za-z]$/.test(c);
}
function isAlnum(c: string): boolean {
  return /^[A-Za-z0-9]$/.test(c);
}

/** the CDI parser's IsQualifiedName: `vendor.com/class=name` */
export function isCDIQualifiedName(device: string): boolean {
  if (device === '' || device[0] === '/') return false;
  const eq = device.indexOf('=');
  if (eq <= 0 || eq === device.length - 1) return false;
  const kind = device.slice(0, eq);
  const name = device.slice(eq + 1);
  const slash = kind.indexOf('/');
  if (slash <= 0 || slash === kind.length - 1) return false;
  const vendor = kind.slice(0, slash);
  const cls = kind.slice(slash + 1);
  const vendorOrClass = (s: string): boolean => {
    if (!isLetter(s[0]!)) return false;
    for (const c of [...s.slice(1, -1)]) if (!isAlnum(c) && !'_-.'.includes(c)) return false;
    return isAlnum(s[s.length - 1]!);
  };
  if (!vendorOrClass(vendor) || !vendorOrClass(cls)) return false;
  if (!isAlnum(name[0]!)) return false;
  if (name.length === 1) return true;
  for (const c of [...name.slice(1, -1)]) if (!isAlnum(c) && !'_-.:'.includes(c)) return false;
  return isAlnum(name[name.length - 1]!);
}
