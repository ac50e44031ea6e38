/**
 * Declarative descriptions of the Go types docker decodes `inspect` results into.
 *
 * A schema says, for every Go type, what the template engine and encoding/json need
 * to know to behave as Go does:
 *
 *   struct('container.State', [
 *     f('Status', str()),                       // Status string
 *     f('Pid', int()),                          // Pid int
 *     f('Health', ptr(Health), { omitempty: true }),   // Health *Health `json:",omitempty"`
 *   ])
 *   f('CPUShares', int('int64'), { json: 'CpuShares' })  // `json:"CpuShares"`
 *   f('Resources', Resources, { embedded: true })        // an embedded struct: fields promoted
 *
 * Kinds: basic types (`str`, `int`, `float`, `bool`, with an optional named type such as
 * `str('container.NetworkMode')`), `any` (interface {}), `slice`, `bytes` ([]byte, base64
 * in JSON), `array` ([N]T), `map` (string-kinded keys, optionally of a named type such as
 * nat.Port), `ptr` (to a struct or to a basic type), `struct`, and the special library
 * types whose printing is a method of theirs (`time.Time`, `time.Duration`, `fs.FileMode`).
 *
 * Named slice and map types (strslice.StrSlice, nat.PortMap) are described by their
 * underlying type: the template engine and encoding/json treat them the same way, and the
 * value model identifies maps and slices by their type's spelling (`map[...]`, `[]...`).
 */

export type BasicKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64';

export type GoType =
  /** string, or a named string type (container.NetworkMode) */
  | { k: 'string'; name: string }
  /** an integer type; `name` is the type's name (int64, or a named type), `kind` its kind */
  | { k: 'int'; name: string; kind: BasicKind }
  | { k: 'float'; name: string }
  | { k: 'bool'; name: string }
  /** interface {}: decoded as encoding/json decodes into one (float64 numbers, maps, slices) */
  | { k: 'any' }
  | { k: 'slice'; elem: GoType }
  /** []byte: a base64 string in JSON */
  | { k: 'bytes' }
  | { k: 'array'; n: number; elem: GoType }
  /** a map with string-kinded keys; `key` names the key type (string, nat.Port) */
  | { k: 'map'; key: string; elem: GoType }
  | { k: 'ptr'; elem: GoType }
  | GoStruct
  /** a named integer type with a String method (time.Duration, fs.FileMode) */
  | GoStringerInt
  /** time.Time: RFC 3339 in JSON, Time.String() when printed */
  | { k: 'time' };

export interface GoStringerInt {
  k: 'stringerInt';
  name: string;
  kind: BasicKind;
  /** the type's String() */
  str: (n: bigint) => string;
  /** further zero-argument methods (Seconds, Hours ...) */
  methods?: Record<string, (n: bigint) => unknown>;
}

export interface GoField {
  /** the Go field name; for an embedded field, the embedded type's name without package */
  name: string;
  type: GoType;
  /** the name given in the json tag (json:"CpuShares"); '-' is never (un)marshalled */
  json?: string;
  omitempty?: boolean;
  /** an embedded (anonymous) struct or pointer to struct: its fields are promoted */
  embedded?: boolean;
}

export interface GoStruct {
  k: 'struct';
  /** the type's name as reflect prints it: container.State, struct {} */
  name: string;
  fields: GoField[];
  /** methods of the type (value or pointer receiver), called with the struct's value */
  methods?: Record<string, (self: Record<string, unknown>) => unknown>;
  /** the type's String() method */
  str?: (self: Record<string, unknown>) => string;
}

const basics = new Map<string, GoType>();
function basic(t: GoType & { name: string }): GoType {
  const key = `${t.k}:${t.name}`;
  let v = basics.get(key);
  if (!v) {
    v = t;
    basics.set(key, v);
  }
  return v;
}

export const str = (name = 'string'): GoType => basic({ k: 'string', name });
export const int = (name = 'int', kind?: BasicKind): GoType =>
  basic({ k: 'int', name, kind: kind ?? (isBasicKind(name) ? name : 'int64') });
export const float = (): GoType => basic({ k: 'float', name: 'float64' });
export const bool = (): GoType => basic({ k: 'bool', name: 'bool' });
export const any = (): GoType => ({ k: 'any' });
export const slice = (elem: GoType): GoType => ({ k: 'slice', elem });
export const bytes = (): GoType => ({ k: 'bytes' });
export const array = (n: number, elem: GoType): GoType => ({ k: 'array', n, elem });
export const map = (elem: GoType, key = 'string'): GoType => ({ k: 'map', key, elem });
export const ptr = (elem: GoType): GoType => ({ k: 'ptr', elem });
export const time = (): GoType => ({ k: 'time' });
export const struct = (name: string, fields: GoField[], extra: Pick<GoStruct, 'methods' | 'str'> = {}): GoStruct => ({
  k: 'struct',
  name,
  fields,
  ...extra,
});
export const f = (name: string, type: GoType, o: { json?: string; omitempty?: boolean } = {}): GoField => ({ name, type, ...o });
/** an embedded field (Go names it after its type) */
export const embed = (type: GoType): GoField => ({ name: embeddedName(type), type, embedded: true });

function isBasicKind(s: string): s is BasicKind {
  return ['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64'].includes(s);
}

/** The Go type's name as reflect spells it: []string, map[string]*network.EndpointSettings, *int64 */
export function typeNameOf(t: GoType): string {
  switch (t.k) {
    case 'string':
    case 'int':
    case 'float':
    case 'bool':
    case 'stringerInt':
    case 'struct':
      return t.name;
    case 'any':
      return 'interface {}';
    case 'slice':
      return `[]${typeNameOf(t.elem)}`;
    case 'bytes':
      return '[]uint8';
    case 'array':
      return `[${t.n}]${typeNameOf(t.elem)}`;
    case 'map':
      return `map[${t.key}]${typeNameOf(t.elem)}`;
    case 'ptr':
      return `*${typeNameOf(t.elem)}`;
    case 'time':
      return 'time.Time';
  }
}

/** the name of an embedded field: its type's name without package and pointer */
export function embeddedName(t: GoType): string {
  const n = typeNameOf(t).replace(/^\*/, '');
  return n.slice(n.lastIndexOf('.') + 1);
}

/** the struct an embedded field's type holds (through a pointer) */
export function embeddedStruct(t: GoType): GoStruct | undefined {
  if (t.k === 'struct') return t;
  if (t.k === 'ptr' && t.elem.k === 'struct') return t.elem;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Field tables: what reflect's FieldByName and encoding/json's typeFields make of a struct.

/** A field reached from the outer struct: the path of Go field names (through embedded structs). */
export interface FieldPath {
  path: string[];
  field: GoField;
}

const promotedCache = new WeakMap<GoStruct, Map<string, FieldPath>>();

/**
 * The fields a template reaches by name through embedded structs (reflect.FieldByName):
 * the shallowest depth wins; two at the same depth hide each other. Direct fields are
 * not included.
 */
export function promotedFields(t: GoStruct): Map<string, FieldPath> {
  let cached = promotedCache.get(t);
  if (cached) return cached;
  cached = new Map();
  const taken = new Set(t.fields.map((x) => x.name));
  let level: { s: GoStruct; path: string[] }[] = t.fields.filter((x) => x.embedded && embeddedStruct(x.type)).map((x) => ({ s: embeddedStruct(x.type)!, path: [x.name] }));
  while (level.length > 0) {
    const found = new Map<string, FieldPath[]>();
    const next: { s: GoStruct; path: string[] }[] = [];
    for (const { s, path } of level) {
      for (const fd of s.fields) {
        const list = found.get(fd.name) ?? [];
        list.push({ path: [...path, fd.name], field: fd });
        found.set(fd.name, list);
        const es = fd.embedded ? embeddedStruct(fd.type) : undefined;
        if (es) next.push({ s: es, path: [...path, fd.name] });
      }
    }
    for (const [name, list] of found) {
      if (taken.has(name)) continue;
      taken.add(name);
      if (list.length === 1) cached.set(name, list[0]!);
    }
    level = next;
  }
  promotedCache.set(t, cached);
  return cached;
}

/** A field as encoding/json sees it: its JSON name and the path to it. */
export interface JsonField extends FieldPath {
  name: string;
}

const jsonCache = new WeakMap<GoStruct, JsonField[]>();

/**
 * encoding/json's typeFields: the fields a struct marshals, embedded structs flattened in
 * place, in field order; of fields sharing a JSON name the shallowest wins, a tagged one
 * among equals, else none.
 */
export function jsonFields(t: GoStruct): JsonField[] {
  const cached = jsonCache.get(t);
  if (cached) return cached;
  const all: (JsonField & { depth: number; tagged: boolean; order: number[] })[] = [];
  const walk = (s: GoStruct, path: string[], order: number[], seen: Set<GoStruct>): void => {
    s.fields.forEach((fd, i) => {
      if (fd.json === '-') return;
      const es = fd.embedded && !fd.json ? embeddedStruct(fd.type) : undefined;
      if (es) {
        if (seen.has(es)) return;
        walk(es, [...path, fd.name], [...order, i], new Set([...seen, es]));
        return;
      }
      all.push({ name: fd.json || fd.name, path: [...path, fd.name], field: fd, depth: path.length, tagged: !!fd.json, order: [...order, i] });
    });
  };
  walk(t, [], [], new Set([t]));
  const byName = new Map<string, typeof all>();
  for (const x of all) {
    const l = byName.get(x.name) ?? [];
    l.push(x);
    byName.set(x.name, l);
  }
  const keep = new Set<(typeof all)[number]>();
  for (const list of byName.values()) {
    const min = Math.min(...list.map((x) => x.depth));
    const top = list.filter((x) => x.depth === min);
    if (top.length === 1) keep.add(top[0]!);
    else {
      const tagged = top.filter((x) => x.tagged);
      if (tagged.length === 1) keep.add(tagged[0]!);
    }
  }
  const out = all
    .filter((x) => keep.has(x))
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.order.length, b.order.length); i++) if (a.order[i] !== b.order[i]) return a.order[i]! - b.order[i]!;
      return a.order.length - b.order.length;
    })
    .map(({ name, path, field }) => ({ name, path, field }));
  jsonCache.set(t, out);
  return out;
}

/** Every field name a struct value answers to in a template (direct and promoted). */
export function allFieldNames(t: GoStruct): string[] {
  return [...t.fields.map((x) => x.name), ...promotedFields(t).keys()];
}
