// Validation of a compose file against docker's JSON schema for its version (the schemas are
// docker's files, in ./schema/), with the messages docker prints: docker validates with
// gojsonschema and reports the most specific error (the deepest field; a type error wins a
// tie; for oneOf/anyOf, the error after it), as "<field> <description>".
import { parsePortSpec } from './ports.js';
import { parseGoDuration } from './units.js';
import v30 from './schema/config_schema_v3.0.json' with { type: 'json' };
import v31 from './schema/config_schema_v3.1.json' with { type: 'json' };
import v32 from './schema/config_schema_v3.2.json' with { type: 'json' };
import v33 from './schema/config_schema_v3.3.json' with { type: 'json' };
import v34 from './schema/config_schema_v3.4.json' with { type: 'json' };
import v35 from './schema/config_schema_v3.5.json' with { type: 'json' };
import v36 from './schema/config_schema_v3.6.json' with { type: 'json' };
import v37 from './schema/config_schema_v3.7.json' with { type: 'json' };
import v38 from './schema/config_schema_v3.8.json' with { type: 'json' };
import v39 from './schema/config_schema_v3.9.json' with { type: 'json' };
import v310 from './schema/config_schema_v3.10.json' with { type: 'json' };
import v311 from './schema/config_schema_v3.11.json' with { type: 'json' };
import v312 from './schema/config_schema_v3.12.json' with { type: 'json' };
import v313 from './schema/config_schema_v3.13.json' with { type: 'json' };

export const DEFAULT_VERSION = '3.13';

const SCHEMAS: Record<string, unknown> = {
  '3.0': v30, '3.1': v31, '3.2': v32, '3.3': v33, '3.4': v34, '3.5': v35, '3.6': v36, '3.7': v37,
  '3.8': v38, '3.9': v39, '3.10': v310, '3.11': v311, '3.12': v312, '3.13': v313,
};

export function normalizeVersion(v: string): string {
  return v === '' || v === '3' ? DEFAULT_VERSION : v;
}

/** docker's schema.Version: the file's version field (as %v prints it), 3.13 when missing */
export function versionOf(config: Record<string, unknown>): string {
  if (!Object.hasOwn(config, 'version')) return DEFAULT_VERSION;
  return normalizeVersion(goSprint(config.version));
}

/** Go's fmt.Sprint of a decoded YAML value */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    return goFloatV(v);
  }
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goSprint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

function goFloatV(f: number): string {
  // %v of a float64 is %g with the shortest precision
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = f.toExponential().split('e') as [string, string];
    const n = parseInt(e, 10);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema | Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  format?: string;
  uniqueItems?: boolean;
  minimum?: number;
  definitions?: Record<string, Schema>;
}

interface VError {
  type: string;
  field: string;
  description: string;
  expected?: string;
}

interface Result {
  errors: VError[];
  score: number;
}

function typeOfValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function matchesType(t: string, v: unknown): boolean {
  const actual = typeOfValue(v);
  if (t === actual) return true;
  return t === 'number' && actual === 'integer';
}

function fieldOf(path: string[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

function goJsonValue(v: unknown): string {
  return JSON.stringify(v);
}

function checkFormat(format: string, v: unknown): boolean {
  if (format === 'ports') {
    if (typeof v === 'number') return parsePortSpecOk(String(v));
    if (typeof v === 'string') return parsePortSpecOk(v);
    return true;
  }
  if (format === 'duration') {
    if (typeof v !== 'string') return false;
    try {
      parseGoDuration(v);
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

function parsePortSpecOk(s: string): boolean {
  try {
    parsePortSpec(s);
    return true;
  } catch {
    return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

class Validator {
  constructor(private root: Schema) {}

  resolve(ref: string): Schema {
    const parts = ref.replace(/^#\/?/, '').split('/').filter((p) => p !== '');
    let s: unknown = this.root;
    for (const p of parts) s = (s as Record<string, unknown>)[p];
    return s as Schema;
  }

  validate(schema: Schema, v: unknown, path: string[], r: Result): void {
    if (schema.$ref) {
      this.validate(this.resolve(schema.$ref), v, path, r);
      return;
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => matchesType(t, v))) {
        const expected = types.length === 1 ? types[0]! : `[${types.join(',')}]`;
        r.errors.push({ type: 'invalid_type', field: fieldOf(path), expected, description: `Invalid type. Expected: ${expected}, given: ${typeOfValue(v)}` });
        return;
      }
      r.score++;
    }
    if (schema.anyOf) {
      let best: Result | undefined;
      let ok = false;
      for (const s of schema.anyOf) {
        const sub: Result = { errors: [], score: 0 };
        this.validate(s, v, path, sub);
        if (sub.errors.length === 0) { ok = true; break; }
        if (!best || sub.score > best.score) best = sub;
      }
      if (!ok) {
        r.errors.push({ type: 'number_any_of', field: fieldOf(path), description: 'Must validate at least one schema (anyOf)' });
        if (best) r.errors.push(...best.errors);
      } else r.score++;
    }
    if (schema.allOf) {
      for (const s of schema.allOf) this.validate(s, v, path, r);
    }
    if (schema.oneOf) {
      let n = 0;
      let best: Result | undefined;
      for (const s of schema.oneOf) {
        const sub: Result = { errors: [], score: 0 };
        this.validate(s, v, path, sub);
        if (sub.errors.length === 0) n++;
        else if (n === 0 && (!best || sub.score > best.score)) best = sub;
      }
      if (n !== 1) {
        r.errors.push({ type: 'number_one_of', field: fieldOf(path), description: 'Must validate one and only one schema (oneOf)' });
        if (n === 0 && best) r.errors.push(...best.errors);
      } else r.score++;
    }
    if (schema.enum) {
      if (!schema.enum.some((e) => deepEqual(e, v))) {
        r.errors.push({ type: 'enum', field: fieldOf(path), description: `${fieldOf(path)} must be one of the following: ${schema.enum.map(goJsonValue).join(', ')}` });
      } else r.score++;
    }
    if (Array.isArray(v)) this.validateArray(schema, v, path, r);
    else if (v !== null && typeof v === 'object') this.validateObject(schema, v as Record<string, unknown>, path, r);
    else if (typeof v === 'string' || typeof v === 'number') {
      if (schema.format && !checkFormat(schema.format, v)) {
        r.errors.push({ type: 'format', field: fieldOf(path), description: `Does not match format '${schema.format}'` });
      } else if (schema.format) r.score++;
      if (typeof v === 'number' && schema.minimum !== undefined) {
        if (v < schema.minimum) r.errors.push({ type: 'number_gte', field: fieldOf(path), description: `Must be greater than or equal to ${schema.minimum}` });
        else r.score++;
      }
    }
  }

  validateArray(schema: Schema, v: unknown[], path: string[], r: Result): void {
    if (schema.items && !Array.isArray(schema.items)) {
      v.forEach((item, i) => this.validate(schema.items as Schema, item, [...path, String(i)], r));
    }
    if (schema.uniqueItems) {
      const seen = v.map((x) => JSON.stringify(x));
      outer: for (let j = 0; j < seen.length; j++) {
        for (let i = 0; i < j; i++) {
          if (seen[i] === seen[j]) {
            r.errors.push({ type: 'unique', field: fieldOf(path), description: `array items[${i},${j}] must be unique` });
            break outer;
          }
        }
      }
      r.score++;
    }
  }

  validateObject(schema: Schema, v: Record<string, unknown>, path: string[], r: Result): void {
    for (const req of schema.required ?? []) {
      if (!Object.hasOwn(v, req)) r.errors.push({ type: 'required', field: fieldOf(path), description: `${req} is required` });
      else r.score++;
    }
    for (const key of Object.keys(v)) {
      const inProps = schema.properties && Object.hasOwn(schema.properties, key);
      let matchedPattern = false;
      for (const [pat, sub] of Object.entries(schema.patternProperties ?? {})) {
        if (new RegExp(pat).test(key)) {
          matchedPattern = true;
          this.validate(sub, v[key], [...path, key], r);
        }
      }
      if (!inProps && !matchedPattern) {
        if (schema.additionalProperties === false) {
          r.errors.push({ type: 'additional_property_not_allowed', field: fieldOf(path), description: `Additional property ${key} is not allowed` });
        } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          this.validate(schema.additionalProperties, v[key], [...path, key], r);
        }
      }
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (Object.hasOwn(v, key)) this.validate(sub, v[key], [...path, key], r);
    }
  }
}

function humanType(t: string): string {
  if (t.startsWith('[')) {
    const all = t.slice(1, -1).split(',').map(humanType);
    return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
  }
  if (t === 'object') return 'mapping';
  if (t === 'array') return 'list';
  return t;
}

function describe(e: VError): string {
  if (e.type === 'invalid_type' && e.expected) return `must be a ${humanType(e.expected)}`;
  return e.description;
}

const specificity = (e: VError) => e.field.split('.').length;

/** Throws docker's message when the file does not match its version's schema. */
export function validateSchema(config: Record<string, unknown>, version: string): void {
  const v = normalizeVersion(version);
  const schema = SCHEMAS[v] as Schema | undefined;
  if (!schema) throw new Error(`unsupported Compose file version: ${v}`);
  const r: Result = { errors: [], score: 0 };
  new Validator(schema).validate(schema, config, [], r);
  if (r.errors.length === 0) return;
  const errs = r.errors;
  let most = 0;
  for (let i = 0; i < errs.length; i++) {
    const e = errs[i]!;
    if (specificity(e) > specificity(errs[most]!)) { most = i; continue; }
    if (specificity(e) === specificity(errs[most]!) && e.type === 'invalid_type' && errs[most]!.type !== 'invalid_type') most = i;
  }
  const parent = errs[most]!;
  let description = describe(parent);
  if (most + 1 < errs.length && (parent.type === 'number_one_of' || parent.type === 'number_any_of')) {
    description = errs[most + 1]!.description;
  }
  throw new Error(`${parent.field} ${description}`);
}
