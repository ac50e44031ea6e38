/**
 * toTypedGo: JSON text decoded into a Go type of ./schema.ts the way encoding/json does it,
 * as values of the template engine's model (../values.ts):
 *
 * - missing members become zero values: '' / 0 / false, nil slices, maps and pointers
 *   (GoNil of the field's type, so `{{.Config.Healthcheck}}` prints `<nil>` and `with` takes
 *   its else branch), zero structs; members the type lacks are dropped;
 * - member names match exactly, else case-insensitively (encoding/json's rule);
 * - JSON null leaves a basic or struct field at its zero value and makes a pointer, slice,
 *   map or interface nil;
 * - integers keep their Go type (int -> bigint, int64/uint16/... -> GoTyped), numbers held in
 *   interface {} are float64, named string types are GoTyped strings;
 * - structs are objects tagged with their Go type (`*T` when reached through a pointer)
 *   whose enumerable properties are the fields in declaration order (what `{{.}}` and `%v`
 *   print); fields of embedded structs are promoted (non-enumerable getters), methods are
 *   hidden functions, and a hidden `toJSON` gives encoding/json's text (field order, json
 *   names, omitempty, embedded structs flattened), which `{{json .}}` uses;
 * - time.Time, time.Duration and fs.FileMode print through their String methods;
 * - a non-nil pointer to a basic type (*int64, *bool) prints as the value it points to.
 *   Go prints the value only at the top of a template action and the address (a stable
 *   fake, as for other pointers) inside a struct; the value model cannot tell the two
 *   apart, so such pointers print their value inside structs too.
 */

import { jsonFloat, jsonString, marshalJSON } from '../gojson.js';
import { sprint } from '../gofmt.js';
import { GO_STRING, GoNil, GoTyped, compareStrings, goSlice, goStruct, goMap, type GoKind } from '../values.js';
import { RawNumber, RawObject, parseRawJson, type Raw } from './rawjson.js';
import { allFieldNames, embeddedStruct, jsonFields, promotedFields, typeNameOf, type GoStringerInt, type GoStruct, type GoType } from './schema.js';
import {
  ZERO_TIME,
  goTimeIsZero,
  goTimeRFC3339,
  goTimeString,
  goTimeUnix,
  goTimeUnixNano,
  parseGoTime,
  type GoTime,
} from './gotime.js';

/** Where special values keep their Go value (an integer, a time, a pointed-to value). */
const INNER: unique symbol = Symbol('berth.go.inner');

type Obj = Record<string | symbol, unknown>;

function hidden(obj: object, key: string | symbol, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: false, configurable: true, writable: true });
}

/** What encoding/json writes for a value, as marshalJSON emits it verbatim. */
function rawJson(text: string): GoTyped {
  return new GoTyped('json.Number', 'string', text);
}

// ---------------------------------------------------------------------------------------
// zero values and special values

export function zeroValue(t: GoType): unknown {
  switch (t.k) {
    case 'string':
      return t.name === 'string' ? '' : new GoTyped(t.name, 'string', '');
    case 'int':
      return t.name === 'int' ? 0n : new GoTyped(t.name, t.kind as GoKind, 0n);
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'any':
      return undefined;
    case 'slice':
    case 'bytes':
    case 'map':
      return new GoNil(typeNameOf(t));
    case 'array':
      return goSlice(
        Array.from({ length: t.n }, () => zeroValue(t.elem)),
        typeNameOf(t),
      );
    case 'ptr':
      return nilPointer(t);
    case 'struct':
      return newStruct(t, t.name);
    case 'stringerInt':
      return stringerInt(t, 0n);
    case 'time':
      return timeValue(ZERO_TIME);
  }
}

function nilPointer(t: GoType & { k: 'ptr' }): GoNil {
  return new GoNil(typeNameOf(t), t.elem.k === 'struct' ? allFieldNames(t.elem) : undefined);
}

/** a named integer with a String method: a struct-like value of the type (so fmt finds String) */
/** the integer inside a value stringerInt made (a time.Duration's nanoseconds), else undefined */
export function stringerIntValue(v: unknown): bigint | undefined {
  const n = v !== null && typeof v === 'object' ? (v as Obj)[INNER] : undefined;
  return typeof n === 'bigint' ? n : undefined;
}

/** a named integer with a String method (time.Duration): printed by it, its methods callable */
export function stringerInt(t: GoStringerInt, n: bigint): Obj {
  const obj = goStruct({}, t.name) as Obj;
  hidden(obj, INNER, n);
  hidden(obj, 'String', () => t.str(n));
  for (const [name, m] of Object.entries(t.methods ?? {})) hidden(obj, name, () => m(n));
  hidden(obj, 'toJSON', () => rawJson(String(n)));
  return obj;
}

function timeValue(tm: GoTime): Obj {
  const obj = goStruct({}, 'time.Time') as Obj;
  hidden(obj, INNER, tm);
  hidden(obj, 'String', () => goTimeString(tm));
  hidden(obj, 'IsZero', () => goTimeIsZero(tm));
  hidden(obj, 'Unix', () => new GoTyped('int64', 'int64', goTimeUnix(tm)));
  hidden(obj, 'UnixNano', () => new GoTyped('int64', 'int64', goTimeUnixNano(tm)));
  hidden(obj, 'toJSON', () => rawJson(jsonString(goTimeRFC3339(tm))));
  return obj;
}

/** a non-nil pointer to a basic value (*int64, *bool, *int) */
function basicPointer(t: GoType & { k: 'ptr' }, inner: unknown): Obj {
  const obj = goStruct({}, typeNameOf(t)) as Obj;
  hidden(obj, INNER, inner);
  hidden(obj, GO_STRING, () => sprint(inner));
  hidden(obj, 'toJSON', () => rawJson(marshalValue(t.elem, inner)));
  return obj;
}

/** A struct value with zero fields: the object templates and fmt see. */
export function newStruct(t: GoStruct, typeName: string): Obj {
  const obj: Obj = {};
  for (const fd of t.fields) {
    Object.defineProperty(obj, fd.name, { value: zeroValue(fd.type), enumerable: true, configurable: true, writable: true });
  }
  goStruct(obj, typeName);
  for (const [name, fp] of promotedFields(t)) {
    Object.defineProperty(obj, name, {
      get: () => {
        let v: unknown = obj;
        for (const p of fp.path) {
          if (v instanceof GoNil) throw new Error('invalid memory address or nil pointer dereference');
          v = (v as Obj)[p];
        }
        return v;
      },
      enumerable: false,
      configurable: true,
    });
  }
  for (const [name, m] of Object.entries(t.methods ?? {})) hidden(obj, name, () => m(obj as Record<string, unknown>));
  if (t.str) {
    const s = t.str;
    hidden(obj, 'String', () => s(obj as Record<string, unknown>));
  }
  hidden(obj, 'toJSON', () => rawJson(marshalStruct(t, obj)));
  return obj;
}

// ---------------------------------------------------------------------------------------
// decoding

function intFromRaw(text: string): bigint | undefined {
  if (/^-?\d+$/.test(text)) return BigInt(text);
  return undefined;
}

function nullable(t: GoType): boolean {
  return t.k === 'ptr' || t.k === 'slice' || t.k === 'bytes' || t.k === 'map' || t.k === 'any';
}

/** interface {}: what encoding/json puts into one (null inside maps/slices kept as null) */
function decodeAny(raw: Raw): unknown {
  if (raw === null) return null;
  if (raw instanceof RawNumber) return Number(raw.text);
  if (Array.isArray(raw)) return raw.map(decodeAny);
  if (raw instanceof RawObject) {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of raw.entries) Object.defineProperty(obj, k, { value: decodeAny(v), enumerable: true, configurable: true, writable: true });
    return obj;
  }
  return raw;
}

function decodeBase64(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return undefined;
  return Uint8Array.from(Buffer.from(s, 'base64'));
}

/** A JSON value decoded into Go type t (raw undefined: the member is absent). */
export function decodeValue(t: GoType, raw: Raw | undefined): unknown {
  if (raw === undefined) return zeroValue(t);
  switch (t.k) {
    case 'string': {
      const s = typeof raw === 'string' ? raw : '';
      return t.name === 'string' ? s : new GoTyped(t.name, 'string', s);
    }
    case 'int': {
      const n = (raw instanceof RawNumber ? intFromRaw(raw.text) : undefined) ?? 0n;
      return t.name === 'int' ? n : new GoTyped(t.name, t.kind as GoKind, n);
    }
    case 'float':
      return raw instanceof RawNumber ? Number(raw.text) : 0;
    case 'bool':
      return raw === true;
    case 'any':
      return raw === null ? undefined : decodeAny(raw);
    case 'slice':
      if (!Array.isArray(raw)) return new GoNil(typeNameOf(t));
      return goSlice(
        raw.map((e) => decodeValue(t.elem, e)),
        typeNameOf(t),
      );
    case 'bytes': {
      const b = typeof raw === 'string' ? decodeBase64(raw) : undefined;
      if (!b) return new GoNil('[]uint8');
      return goSlice(
        Array.from(b, (x) => new GoTyped('uint8', 'uint8', x)),
        '[]uint8',
      );
    }
    case 'array': {
      const arr = Array.isArray(raw) ? raw : [];
      return goSlice(
        Array.from({ length: t.n }, (_, i) => decodeValue(t.elem, arr[i])),
        typeNameOf(t),
      );
    }
    case 'map': {
      if (!(raw instanceof RawObject)) return new GoNil(typeNameOf(t));
      const obj: Record<string, unknown> = {};
      for (const [k, v] of raw.entries) {
        // a nil interface in a map is an entry all the same (null; undefined is no entry)
        const value = t.elem.k === 'any' && v === null ? null : decodeValue(t.elem, v);
        Object.defineProperty(obj, k, { value, enumerable: true, configurable: true, writable: true });
      }
      return goMap(obj, typeNameOf(t));
    }
    case 'ptr': {
      if (raw === null) return nilPointer(t);
      if (t.elem.k === 'struct') return decodeStruct(t.elem, raw, typeNameOf(t));
      return basicPointer(t, decodeValue(t.elem, raw));
    }
    case 'struct':
      return decodeStruct(t, raw, t.name);
    case 'stringerInt': {
      const n = (raw instanceof RawNumber ? intFromRaw(raw.text) : undefined) ?? 0n;
      return stringerInt(t, n);
    }
    case 'time':
      return timeValue((typeof raw === 'string' ? parseGoTime(raw) : undefined) ?? ZERO_TIME);
  }
}

/** encoding/json's field lookup: the exact JSON name, else one equal under case folding */
function fieldFor(t: GoStruct, key: string): ReturnType<typeof jsonFields>[number] | undefined {
  const fields = jsonFields(t);
  const exact = fields.find((x) => x.name === key);
  if (exact) return exact;
  const fold = key.toLowerCase();
  return fields.find((x) => x.name.toLowerCase() === fold);
}

function decodeStruct(t: GoStruct, raw: Raw, typeName: string): Obj {
  const obj = newStruct(t, typeName);
  if (!(raw instanceof RawObject)) return obj;
  for (const [key, v] of raw.entries) {
    const jf = fieldFor(t, key);
    if (!jf) continue;
    // the path through embedded structs; nil embedded pointers are allocated on the way
    let holder: Obj = obj;
    let holderType: GoStruct = t;
    for (const p of jf.path.slice(0, -1)) {
      const fd = holderType.fields.find((x) => x.name === p)!;
      const inner = embeddedStruct(fd.type)!;
      let next = holder[p];
      if (next instanceof GoNil) {
        next = newStruct(inner, typeNameOf(fd.type));
        holder[p] = next;
      }
      holder = next as Obj;
      holderType = inner;
    }
    if (v === null && !nullable(jf.field.type)) continue;
    holder[jf.path[jf.path.length - 1]!] = decodeValue(jf.field.type, v);
  }
  return obj;
}

/**
 * Decode JSON text (or an already parsed tree) into Go type t, as template data.
 * Throws RawJsonError on malformed JSON.
 */
export function toTypedGo(json: string | Raw, t: GoType): unknown {
  return decodeValue(t, typeof json === 'string' ? parseRawJson(json) : json);
}

// ---------------------------------------------------------------------------------------
// encoding

function scalar(v: unknown): unknown {
  return v instanceof GoTyped ? v.value : v;
}

function isEmpty(t: GoType, v: unknown): boolean {
  switch (t.k) {
    case 'string':
      return scalar(v) === '';
    case 'int':
      return scalar(v) === 0n;
    case 'float':
      return v === 0;
    case 'bool':
      return v === false;
    case 'any':
      return v === undefined || v === null;
    case 'slice':
    case 'bytes':
      return v instanceof GoNil || (Array.isArray(v) && v.length === 0);
    case 'array':
      return t.n === 0;
    case 'map':
      return v instanceof GoNil || Object.keys(v as object).length === 0;
    case 'ptr':
      return v instanceof GoNil;
    case 'stringerInt':
      return (v as Obj)[INNER] === 0n;
    case 'struct':
    case 'time':
      return false;
  }
}

/** encoding/json's text for a value of Go type t (no HTML escaping, as docker's `json`) */
export function marshalValue(t: GoType, v: unknown): string {
  switch (t.k) {
    case 'string':
      return jsonString(String(scalar(v) ?? ''));
    case 'int':
      return String(scalar(v) ?? 0n);
    case 'float':
      return jsonFloat(Number(v));
    case 'bool':
      return v === true ? 'true' : 'false';
    case 'any':
      return marshalJSON(v);
    case 'slice':
    case 'array':
      if (!Array.isArray(v)) return 'null';
      return `[${v.map((e) => marshalValue(t.elem, e)).join(',')}]`;
    case 'bytes':
      if (!Array.isArray(v)) return 'null';
      return jsonString(Buffer.from(Uint8Array.from(v, (b) => Number(scalar(b)))).toString('base64'));
    case 'map': {
      if (v instanceof GoNil || v === undefined || v === null) return 'null';
      const m = v as Record<string, unknown>;
      const keys = Object.keys(m).sort(compareStrings);
      return `{${keys.map((k) => `${jsonString(k)}:${marshalValue(t.elem, m[k])}`).join(',')}}`;
    }
    case 'ptr':
      if (v instanceof GoNil || v === undefined || v === null) return 'null';
      if (t.elem.k === 'struct') return marshalStruct(t.elem, v as Obj);
      return marshalValue(t.elem, (v as Obj)[INNER]);
    case 'struct':
      return marshalStruct(t, v as Obj);
    case 'stringerInt':
      return String((v as Obj)[INNER]);
    case 'time':
      return jsonString(goTimeRFC3339((v as Obj)[INNER] as GoTime));
  }
}

function marshalStruct(t: GoStruct, obj: Obj): string {
  const parts: string[] = [];
  outer: for (const jf of jsonFields(t)) {
    let v: unknown = obj;
    for (const p of jf.path) {
      if (v instanceof GoNil) continue outer; // a field of a nil embedded pointer
      v = (v as Obj)[p];
    }
    if (jf.field.omitempty && isEmpty(jf.field.type, v)) continue;
    parts.push(`${jsonString(jf.name)}:${marshalValue(jf.field.type, v)}`);
  }
  return `{${parts.join(',')}}`;
}
