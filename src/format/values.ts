/**
 * The Go value model shared by the template engine, gofmt (Sprintf) and the
 * docker template functions.
 *
 * JS values are read as Go values like this:
 *
 * | JS value                                   | Go value                                   |
 * |--------------------------------------------|--------------------------------------------|
 * | `undefined`, `null`                        | nil (an untyped nil interface)             |
 * | `boolean`                                  | `bool`                                     |
 * | `string`                                   | `string`                                   |
 * | `number`                                   | `float64` (what encoding/json decodes to)  |
 * | `bigint`                                   | `int`                                      |
 * | `GoTyped`                                  | any other basic type: `int64`, `uint16`, named string types such as `json.Number`, ... |
 * | `GoNil`                                    | a typed nil: `*types.Version(nil)`, `[]string(nil)`, `map[string]string(nil)` |
 * | array                                      | `[]interface {}`; tag it with `[GO_TYPE]: '[]string'` (see `goSlice`) for a typed slice |
 * | plain object                               | `map[string]interface {}`; `[GO_TYPE]: 'map[string]string'` makes it a typed map |
 * | object with `[GO_TYPE]` not starting `map[`| a struct (or pointer to struct if the type starts with `*`) |
 * | function                                   | a Go func value (see `goFunc` for signatures) |
 *
 * Structs: exported (capitalised) properties and getters are fields; functions
 * are methods, called with the template's arguments (zero-argument methods are
 * called when merely accessed: `{{.ID}}`). A method may throw an Error, which
 * the template reports as Go does (`error calling ID: <message>`). Methods
 * without a `goFunc` signature take `fn.length` arguments of type
 * `interface {}` and their result's type is taken from the returned value.
 * Printing a struct uses, in order: a `[GO_STRING]()` hook, a `String()`
 * method (Go's fmt.Stringer), else `{field1 field2}` over its enumerable
 * non-function properties and capitalised prototype getters. `{{json .}}`
 * uses a `MarshalJSON()` method (returning JSON text) or `toJSON()` if present.
 */

/** Property naming the Go type of a struct, typed slice or typed map. */
export const GO_TYPE: unique symbol = Symbol.for('berth.go.type');
/** Optional hook on a struct: what Go's fmt prints for it (%v, %s). */
export const GO_STRING: unique symbol = Symbol.for('berth.go.string');
/** Property on a function carrying its Go signature (see `goFunc`). */
export const GO_SIG: unique symbol = Symbol.for('berth.go.sig');

export type GoKind =
  | 'bool'
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr'
  | 'float32'
  | 'float64'
  | 'string';

const INT_KINDS = new Set(['int', 'int8', 'int16', 'int32', 'int64']);
const UINT_KINDS = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);
const FLOAT_KINDS = new Set(['float32', 'float64']);

/** A value of a Go basic type other than the defaults (int = bigint, float64 = number, string, bool). */
export class GoTyped {
  readonly type: string;
  readonly kind: GoKind;
  readonly value: bigint | number | string | boolean;
  constructor(type: string, kind: GoKind, value: bigint | number | string | boolean) {
    this.type = type;
    this.kind = kind;
    if (INT_KINDS.has(kind) || UINT_KINDS.has(kind)) {
      value = BigInt(value as bigint | number);
    } else if (FLOAT_KINDS.has(kind)) {
      value = Number(value);
      if (kind === 'float32') value = Math.fround(value);
    } else if (kind === 'string') {
      value = String(value);
    } else {
      value = Boolean(value);
    }
    this.value = value;
  }
}

/** A complex128 value (from template literals such as `1+2i`). */
export class GoComplex {
  readonly re: number;
  readonly im: number;
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

/** A typed nil: pointer (`*T`), slice (`[]T`), map (`map[K]V`), func or interface type. */
export class GoNil {
  readonly type: string;
  /** For a nil pointer to struct: the struct's field names (for Go's error wording). */
  readonly fields: readonly string[] | undefined;
  constructor(type: string, fields?: readonly string[]) {
    this.type = type;
    this.fields = fields;
  }
}

/** The Go signature of a function or method. Types are Go type names (`string`, `int`, `[]string`, `interface {}`, ...). */
export interface GoSig {
  /** Parameter types; when `variadic`, the last one is the element type of the `...` parameter. */
  params: string[];
  variadic?: boolean;
  /** Result type; omitted means "whatever the JS function returns". */
  result?: string;
}

export type GoFunc = ((...args: unknown[]) => unknown) & { [GO_SIG]?: GoSig };

/** Attach a Go signature to a JS function (returns the same function). */
export function goFunc<F extends (...args: never[]) => unknown>(sig: GoSig, fn: F): GoFunc {
  Object.defineProperty(fn, GO_SIG, { value: sig, enumerable: false, configurable: true, writable: true });
  return fn as unknown as GoFunc;
}

/** Build a Go integer: `int` is a bigint, any other integer type a GoTyped. */
export function goInt(n: number | bigint, type: string = 'int'): bigint | GoTyped {
  const v = typeof n === 'bigint' ? n : BigInt(Math.trunc(n));
  if (type === 'int') return v;
  const kind = (INT_KINDS.has(type) || UINT_KINDS.has(type) ? type : 'int64') as GoKind;
  return new GoTyped(type, kind, v);
}

/** Build a value of a named/basic Go type, e.g. `goTyped('json.Number', 'string', '42')`. */
export function goTyped(type: string, kind: GoKind, value: bigint | number | string | boolean): GoTyped {
  return new GoTyped(type, kind, value);
}

/** Tag an array with its Go slice type, e.g. `goSlice(['a'], '[]string')`. */
export function goSlice<T>(arr: T[], type: string): T[] {
  Object.defineProperty(arr, GO_TYPE, { value: type, enumerable: false, configurable: true, writable: true });
  return arr;
}

/** Tag a plain object with its Go map type, e.g. `goMap({a: 'b'}, 'map[string]string')`. */
export function goMap<T extends object>(obj: T, type: string): T {
  Object.defineProperty(obj, GO_TYPE, { value: type, enumerable: false, configurable: true, writable: true });
  return obj;
}

/** Tag an object as a Go struct of the given type (e.g. `*formatter.ContainerContext`). */
export function goStruct<T extends object>(obj: T, type: string): T {
  Object.defineProperty(obj, GO_TYPE, { value: type, enumerable: false, configurable: true, writable: true });
  return obj;
}

// ---------------------------------------------------------------------------
// Internal: classification.

/** An interface-typed value (the element of a `map[string]interface {}` / `[]interface {}`). Internal to the engine. */
export class Iface {
  readonly inner: unknown;
  constructor(inner: unknown) {
    this.inner = inner === null ? undefined : inner;
  }
}

/** A dereferenced pointer-to-struct (what `{{.}}` prints: `{...}` rather than `&{...}`). Internal. */
export class Deref {
  readonly target: object;
  constructor(target: object) {
    this.target = target;
  }
}

export type Kind =
  | 'invalid'
  | 'interface'
  | 'bool'
  | 'int'
  | 'uint'
  | 'float'
  | 'complex'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'func';

export function isStructObject(v: unknown): v is Record<string | symbol, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  if (v instanceof GoTyped || v instanceof GoNil || v instanceof Iface || v instanceof Deref || v instanceof GoComplex) return false;
  const t = (v as Record<symbol, unknown>)[GO_TYPE];
  return typeof t === 'string' && !t.startsWith('map[');
}

export function isMapObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  if (v instanceof GoTyped || v instanceof GoNil || v instanceof Iface || v instanceof Deref || v instanceof GoComplex || v instanceof Error) return false;
  const t = (v as Record<symbol, unknown>)[GO_TYPE];
  return t === undefined || (typeof t === 'string' && t.startsWith('map['));
}

function basicKindOf(k: GoKind): Kind {
  if (INT_KINDS.has(k)) return 'int';
  if (UINT_KINDS.has(k)) return 'uint';
  if (FLOAT_KINDS.has(k)) return 'float';
  if (k === 'string') return 'string';
  return 'bool';
}

export function kindOfType(type: string): Kind {
  if (type.startsWith('*')) return 'ptr';
  if (type.startsWith('[]') || /^\[\d+\]/.test(type)) return 'slice';
  if (type.startsWith('map[')) return 'map';
  if (type.startsWith('func(')) return 'func';
  if (type === 'interface {}' || type === 'any' || type.startsWith('interface')) return 'interface';
  if (type === 'error') return 'interface';
  if (INT_KINDS.has(type)) return 'int';
  if (UINT_KINDS.has(type) || type === 'byte') return 'uint';
  if (FLOAT_KINDS.has(type)) return 'float';
  if (type === 'complex128' || type === 'complex64') return 'complex';
  if (type === 'string') return 'string';
  if (type === 'bool') return 'bool';
  return 'struct';
}

/** The reflect kind of a value. */
export function kindOf(v: unknown): Kind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'function':
      return 'func';
    case 'object':
      break;
    default:
      return 'invalid';
  }
  if (v instanceof Iface) return 'interface';
  if (v instanceof Deref) return 'struct';
  if (v instanceof GoComplex) return 'complex';
  if (v instanceof GoTyped) return basicKindOf(v.kind);
  if (v instanceof GoNil) return kindOfType(v.type);
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Error) return 'ptr';
  const t = (v as Record<symbol, unknown>)[GO_TYPE];
  if (typeof t === 'string') {
    if (t.startsWith('map[')) return 'map';
    if (t.startsWith('*')) return 'ptr';
    return 'struct';
  }
  return 'map';
}

export function sigTypeString(sig: GoSig): string {
  const ps = sig.params.map((p, i) => (sig.variadic && i === sig.params.length - 1 ? '...' + p : p));
  const res = sig.result ?? 'interface {}';
  return `func(${ps.join(', ')}) ${res}`;
}

/** The Go type name of a value, as %T and reflect's Type.String() print it. */
export function typeName(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'function': {
      const sig = (v as GoFunc)[GO_SIG];
      return sig ? sigTypeString(sig) : 'func(...interface {}) interface {}';
    }
    default:
      break;
  }
  if (v instanceof Iface) return 'interface {}';
  if (v instanceof Deref) return typeName(v.target).replace(/^\*/, '');
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoTyped) return v.type;
  if (v instanceof GoNil) return v.type;
  if (v instanceof Error) return '*errors.errorString';
  const t = (v as Record<symbol, unknown>)[GO_TYPE];
  if (typeof t === 'string') return t;
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

export function isInterfaceType(t: string): boolean {
  return t === 'interface {}' || t === 'any' || t === 'interface{}';
}

/** Element type of a slice or map type name. */
export function elemType(t: string): string {
  if (t.startsWith('[]')) return t.slice(2);
  const arr = /^\[\d+\](.*)$/.exec(t);
  if (arr) return arr[1]!;
  if (t.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < t.length; i++) {
      const c = t[i];
      if (c === '[') depth++;
      else if (c === ']') {
        depth--;
        if (depth === 0) return t.slice(i + 1);
      }
    }
  }
  if (t.startsWith('*')) return t.slice(1);
  return 'interface {}';
}

/** Key type of a map type name. */
export function keyType(t: string): string {
  if (!t.startsWith('map[')) return 'string';
  let depth = 0;
  for (let i = 3; i < t.length; i++) {
    const c = t[i];
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return t.slice(4, i);
    }
  }
  return 'string';
}

/** Go's zero value of a type, in the value model. */
export function zeroOf(t: string): unknown {
  const k = kindOfType(t);
  switch (k) {
    case 'interface':
      return new Iface(undefined);
    case 'bool':
      return t === 'bool' ? false : new GoTyped(t, 'bool', false);
    case 'int':
      return t === 'int' ? 0n : new GoTyped(t, t as GoKind, 0n);
    case 'uint':
      return new GoTyped(t, (t === 'byte' ? 'uint8' : t) as GoKind, 0n);
    case 'float':
      return t === 'float64' ? 0 : new GoTyped(t, t as GoKind, 0);
    case 'complex':
      return new GoComplex(0, 0);
    case 'string':
      return '';
    default:
      return new GoNil(t);
  }
}

/** Wrap a container element according to the container's static element type. */
export function wrapElem(v: unknown, elem: string): unknown {
  if (isInterfaceType(elem)) return new Iface(v);
  return v === null ? undefined : v;
}

/** Iterate the (string) keys of a map object, excluding undefined values. */
export function mapKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).filter((k) => m[k] !== undefined);
}

/** Compare strings as Go does (by UTF-8 bytes, which equals code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1; // surrogates encode code points above every BMP char
      return ca < cb ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function sortedKeys(m: Record<string, unknown>): string[] {
  return mapKeys(m).sort(compareStrings);
}

/** Look a capitalised member up on a struct object, not looking into Object.prototype. */
export function findMember(obj: object, name: string): { found: boolean; isMethod: boolean; value?: unknown } {
  let o: object | null = obj;
  while (o !== null && o !== Object.prototype && o !== Function.prototype) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) {
      if (d.get) return { found: true, isMethod: false, value: d.get.call(obj) };
      if (typeof d.value === 'function') return { found: true, isMethod: true, value: d.value };
      return { found: true, isMethod: false, value: d.value };
    }
    o = Object.getPrototypeOf(o) as object | null;
  }
  return { found: false, isMethod: false };
}

/**
 * Fields of a struct object: [name, value] in declaration order. fmt prints every field
 * (enumerable own properties, like Go's unexported ones too); encoding/json only the
 * exported (capitalised) ones. Capitalised prototype getters count as fields.
 */
export function structFields(obj: object, exportedOnly = false): [string, unknown][] {
  if (obj instanceof Deref) return structFields(obj.target, exportedOnly);
  const out: [string, unknown][] = [];
  const seen = new Set<string>();
  for (const k of Object.keys(obj)) {
    if (exportedOnly && !/^\p{Lu}/u.test(k)) continue;
    const v = (obj as Record<string, unknown>)[k];
    if (typeof v === 'function') continue;
    seen.add(k);
    out.push([k, v]);
  }
  let p = Object.getPrototypeOf(obj) as object | null;
  while (p !== null && p !== Object.prototype) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (seen.has(k) || !/^[A-Z]/.test(k)) continue;
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d && d.get) {
        seen.add(k);
        out.push([k, d.get.call(obj)]);
      }
    }
    p = Object.getPrototypeOf(p) as object | null;
  }
  return out;
}

/** UTF-8 byte length of a JS string. */
export function utf8Len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}
