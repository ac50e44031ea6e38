// The value types of docker's service flags (cli/command/service/opts.go, opts/swarmopts,
// generic_resource_opts.go), each parsing one raw flag value as docker's Set does and with
// its error text (pflag wraps it in `invalid argument "X" for "--flag" flag: ...`).
import { readCsvRecord } from '../opts/csv.js';
import { goParseDuration, goParseFloat, goParseInt, goParseUint, numErrorReason } from '../opts/goparse.js';
import { parsePortRange, parsePortSpecs, splitProtoPort } from '../opts/ports.js';
import { shlexSplit } from './shlex.js';
import { goQuote } from '../flags.js';
import type { ConfigReference, PlacementPreference, PortConfig, SecretReference, CredentialSpec, GenericResource } from '../../engine/service-types.js';

/** strings.Cut(s, "=") */
function cut(s: string, sep = '='): [string, string, boolean] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, '', false] : [s.slice(0, i), s.slice(i + sep.length), true];
}

/** Uint64Opt / pflag's uint64: strconv.ParseUint(s, 0, 64) */
export function parseUint64(raw: string): number {
  return goParseUint(raw, 0, 64);
}

/** pflag's int / int64: strconv.ParseInt(s, 0, 64) */
export function parseInt64(raw: string): number {
  return goParseInt(raw, 0, 64);
}

/** floatValue: strconv.ParseFloat(s, 32) */
export function parseFloat32(raw: string): number {
  const v = goParseFloat(raw);
  if (Number.isFinite(v) && !Number.isFinite(Math.fround(v))) throw new Error(`strconv.ParseFloat: parsing ${goQuote(raw)}: value out of range`);
  return float32Shortest(Math.fround(v));
}

/**
 * the shortest decimal that reads back as this float32: what Go's encoding/json writes for a
 * float32 (0.1, where the float64 of the same bits prints 0.10000000149011612)
 */
export function float32Shortest(f: number): number {
  if (!Number.isFinite(f) || f === 0) return f;
  for (let p = 1; p <= 9; p++) {
    const x = Number(f.toPrecision(p));
    if (Math.fround(x) === f) return x;
  }
  return f;
}

/** opts.DurationOpt / pflag's duration: time.ParseDuration */
export function parseDuration(raw: string): number {
  return goParseDuration(raw);
}

/** opts.PositiveDurationOpt */
export function parsePositiveDuration(raw: string): number {
  const d = goParseDuration(raw);
  if (d < 0) throw new Error('duration cannot be negative');
  return d;
}

/** ShlexOpt */
export function parseShlex(raw: string): string[] {
  return shlexSplit(raw);
}

/**
 * opts.ValidateEnv (-e, --env-add, --log-opt): a bare KEY takes its value from the
 * environment when it is set there
 */
export function validateEnvLookup(val: string, env: NodeJS.ProcessEnv = process.env): string {
  const [k, , hasValue] = cut(val);
  if (k === '') throw new Error(`invalid environment variable: ${val}`);
  if (hasValue) return val;
  const v = env[k];
  return v !== undefined ? `${k}=${v}` : val;
}

/** ValidateSingleGenericResource */
export function validateGenericResource(val: string): string {
  if (!val.includes('=')) throw new Error(`invalid generic-resource format \`${val}\` expected \`name=value\``);
  return val;
}

/** placementPrefOpts.Set: `spread=node.labels.x` */
export function parsePlacementPref(value: string): PlacementPreference {
  const [strategy, arg, ok] = cut(value);
  if (!ok || strategy === '') throw new Error('placement preference must be of the format "<strategy>=<arg>"');
  if (strategy !== 'spread') throw new Error(`unsupported placement preference ${strategy} (only spread is supported)`);
  return { Spread: { SpreadDescriptor: arg } };
}

/** credentialSpecOpt.Set; '' (no credential spec) is kept as an empty spec with source '' */
export function parseCredentialSpec(value: string): { source: string; spec: CredentialSpec } {
  const spec: CredentialSpec = { Config: '', File: '', Registry: '' };
  if (value.startsWith('config://')) spec.Config = value.slice('config://'.length);
  else if (value.startsWith('file://')) spec.File = value.slice('file://'.length);
  else if (value.startsWith('registry://')) spec.Registry = value.slice('registry://'.length);
  else if (value !== '') throw new Error('invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"');
  return { source: value, spec };
}

/** what SecretOpt and ConfigOpt share: `NAME` or `source=,target=,uid=,gid=,mode=` */
function parseFileReference(value: string, kind: 'secret' | 'config'): { name: string; file: { Name: string; UID: string; GID: string; Mode: number } } {
  const fields = readCsvRecord(value);
  const file = { Name: '', UID: '0', GID: '0', Mode: 0o444 };
  if (fields.length === 1 && !fields[0]!.includes('=')) {
    file.Name = fields[0]!;
    return { name: fields[0]!, file };
  }
  let name = '';
  for (const field of fields) {
    const [key, val, ok] = cut(field);
    if (!ok || key === '') throw new Error(`invalid field '${field}' must be a key=value pair`);
    switch (key.toLowerCase()) {
      case 'source':
      case 'src':
        name = val;
        break;
      case 'target':
        file.Name = val;
        break;
      case 'uid':
        file.UID = val;
        break;
      case 'gid':
        file.GID = val;
        break;
      case 'mode':
        try {
          file.Mode = goParseUint(val, 0, 32);
        } catch (e) {
          throw new Error(`invalid mode specified: ${(e as Error).message}`);
        }
        break;
      default:
        throw new Error(kind === 'secret' ? `invalid field in secret request: ${key}` : `invalid field in config request: ${key}`);
    }
  }
  if (name === '') throw new Error('source is required');
  if (file.Name === '') file.Name = name;
  return { name, file };
}

/** swarmopts.SecretOpt.Set */
export function parseSecretRef(value: string): SecretReference {
  const { name, file } = parseFileReference(value, 'secret');
  return { File: file, SecretID: '', SecretName: name };
}

/** swarmopts.ConfigOpt.Set */
export function parseConfigRef(value: string): ConfigReference {
  const { name, file } = parseFileReference(value, 'config');
  return { File: file, ConfigID: '', ConfigName: name };
}

const LONG_PORT = /\w+=\w+(,\w+=\w+)*/;

/** swarmopts.PortOpt.Set: `[published:]target[/proto]` or `published=,target=,protocol=,mode=` */
export function parsePortConfig(value: string): PortConfig[] {
  if (LONG_PORT.test(value)) {
    const fields = readCsvRecord(value);
    const p: PortConfig = {};
    for (const field of fields) {
      const [key, val, ok] = cut(field.toLowerCase());
      if (!ok || key === '') throw new Error(`invalid field: ${field}`);
      switch (key) {
        case 'protocol':
          if (val !== 'tcp' && val !== 'udp' && val !== 'sctp') throw new Error(`invalid protocol value '${val}'`);
          p.Protocol = val;
          break;
        case 'mode':
          if (val !== 'ingress' && val !== 'host') throw new Error(`invalid publish mode value (${val}): must be either 'ingress' or 'host'`);
          p.PublishMode = val;
          break;
        case 'target':
        case 'published': {
          let n: number;
          try {
            n = goParseUint(val, 10, 16);
          } catch (e) {
            throw new Error(`invalid ${key === 'target' ? 'target' : 'published'} port (${val}): value must be an integer: ${numErrorReason(e)}`);
          }
          if (key === 'target') p.TargetPort = n;
          else p.PublishedPort = n;
          break;
        }
        default:
          throw new Error(`invalid field key: ${key}`);
      }
    }
    if (!p.TargetPort) throw new Error("missing mandatory field 'target'");
    return [{ Protocol: p.Protocol ?? 'tcp', TargetPort: p.TargetPort, PublishedPort: p.PublishedPort, PublishMode: p.PublishMode ?? 'ingress' }];
  }
  // the short syntax, through nat.ParsePortSpecs (docker walks its map of ports in no fixed
  // order; berth takes them in port order)
  const { exposed, bindings } = parsePortSpecs([value]);
  for (const list of bindings.values()) for (const b of list) if (b.HostIp !== '') throw new Error('hostip is not supported');
  const out: PortConfig[] = [];
  for (const port of exposed.keys()) {
    const [proto, num] = splitProtoPort(port);
    const target = Number(num);
    for (const b of bindings.get(port) ?? []) {
      let start = 0;
      let end = 0;
      try {
        [start, end] = parsePortRange(b.HostPort);
      } catch {
        if (b.HostPort !== '') throw new Error(`invalid hostport binding (${b.HostPort}) for port (${num})`);
      }
      for (let i = start; i <= end; i++) out.push({ Protocol: proto.toLowerCase(), TargetPort: target, PublishedPort: i || undefined, PublishMode: 'ingress' });
    }
  }
  return out;
}

/**
 * swarmkit's genericresource.Parse with docker's ParseGenericResources around it: discrete
 * resources only (`gpu=2`); docker walks its map of kinds in no fixed order, berth keeps the
 * order of first appearance
 */
export function parseGenericResources(values: string[]): GenericResource[] | undefined {
  if (values.length === 0) return undefined;
  const tokens = new Map<string, string[]>();
  const wrap = (msg: string): Error => new Error(`invalid generic resource specification: could not parse GenericResource: ${msg}`);
  for (const term of values) {
    const kva = term.split('=');
    if (kva.length !== 2) throw wrap(`incorrect term ${term}, missing '=' or malformed expression`);
    const key = kva[0]!.trim();
    const val = kva[1]!.trim();
    tokens.set(key, [...(tokens.get(key) ?? []), val]);
  }
  const discrete = (v: string): number | undefined => {
    try {
      return goParseInt(v, 10, 64);
    } catch {
      return undefined;
    }
  };
  const out: GenericResource[] = [];
  let named: string | undefined;
  for (const [k, v] of tokens) {
    const u = v.length === 1 ? discrete(v[0]!) : undefined;
    if (u !== undefined) {
      if (u < 0) throw wrap(`cannot ask for negative resource ${k}`);
      out.push({ DiscreteResourceSpec: { Kind: k, Value: u } });
      continue;
    }
    if (v.every((x) => discrete(x) === undefined)) {
      named ??= `${k}=${v[0]}`;
      continue;
    }
    throw wrap(`mixed discrete and named resources in expression '${k}=[${v.join(' ')}]'`);
  }
  // named resources parse, and are refused after
  if (named !== undefined) throw new Error(`invalid generic-resource request \`${named}\`, Named Generic Resources is not supported for service create or update`);
  return out;
}

/** opts.NormalizeCapability */
export function normalizeCapability(c: string): string {
  c = c.trim().toUpperCase();
  if (c === 'ALL' || c === 'RESET') return c;
  return c.startsWith('CAP_') ? c : `CAP_${c}`;
}

/** opts.EffectiveCapAddCapDrop: the lists create sends (undefined when empty) */
export function effectiveCaps(add: string[], drop: string[]): { add?: string[]; drop?: string[] } {
  let addCaps = new Set(add.map(normalizeCapability));
  let dropCaps = new Set(drop.map(normalizeCapability));
  if (addCaps.has('ALL')) addCaps = new Set(['ALL']);
  if (dropCaps.has('ALL')) dropCaps = new Set(['ALL']);
  const capDrop = [...dropCaps].filter((c) => !addCaps.has(c) && c !== 'RESET').sort();
  const capAdd = [...addCaps].filter((c) => c !== 'RESET').sort();
  return { add: capAdd.length > 0 ? capAdd : undefined, drop: capDrop.length > 0 ? capDrop : undefined };
}
