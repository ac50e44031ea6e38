/**
 * encoding/json for the value model: `marshalJSON` is json.Marshal (as
 * docker's `json` template function uses it: no HTML escaping by default),
 * `goJsonValue` decodes JSON text into template data the way docker feeds
 * `inspect` templates, through `readJson`, the JSON reader (number literals
 * kept as written, object members in order) that inspect-types/rawjson.ts
 * shares.
 */

import { formatFloat } from './strconv.js';
import {
  Deref,
  GO_SIG,
  GoComplex,
  GO_TYPE,
  GoNil,
  GoTyped,
  Iface,
  compareStrings,
  isStructObject,
  kindOf,
  mapKeys,
  structFields,
  typeName,
  type GoFunc,
} from './values.js';

export class JSONError extends Error {}

const hex = '0123456789abcdef';

/** encodeState.string: Go's JSON string escaping. */
export function jsonString(s: string, escapeHTML = false): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && (!escapeHTML || (c !== 0x3c && c !== 0x3e && c !== 0x26))) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x5c:
          out += '\\\\';
          break;
        case 0x22:
          out += '\\"';
          break;
        case 0x08:
          out += '\\b';
          break;
        case 0x0c:
          out += '\\f';
          break;
        case 0x0a:
          out += '\\n';
          break;
        case 0x0d:
          out += '\\r';
          break;
        case 0x09:
          out += '\\t';
          break;
        default:
          out += '\\u00' + hex[c >> 4] + hex[c & 0xf];
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += '\\u202' + hex[c & 0xf];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

/** floatEncoder: 'f' format unless the exponent is small or large, then 'e' with a cleaned-up exponent. */
export function jsonFloat(f: number, bits = 64): string {
  if (!Number.isFinite(f)) throw new JSONError(`json: unsupported value: ${formatFloat(f, 'g', -1, bits)}`);
  const abs = Math.abs(f);
  let fmt = 'f';
  if (abs !== 0) {
    if ((bits === 64 && (abs < 1e-6 || abs >= 1e21)) || (bits === 32 && (abs < 1e-6 || abs >= 1e21))) fmt = 'e';
  }
  let b = formatFloat(f, fmt, -1, bits);
  if (fmt === 'e') {
    const n = b.length;
    if (n >= 4 && b[n - 4] === 'e' && b[n - 3] === '-' && b[n - 2] === '0') b = b.slice(0, n - 2) + b[n - 1];
  }
  return b;
}

/** json.Compact: drop insignificant white space (after checking the text is JSON). */
export function compactJSON(raw: string): string {
  JSON.parse(raw);
  let out = '';
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += raw[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      out += c;
    }
  }
  return out;
}

/**
 * docker/cli formatter's marshalJSON for a formatting context: an object of every exported
 * method that takes no argument (`FullHeader` excepted), keyed by method name, sorted.
 * Use it as a context's `MarshalJSON() { return contextJSON(this); }` for `{{json .}}`.
 */
export function contextJSON(ctx: object): string {
  const m: Record<string, unknown> = {};
  let o: object | null = ctx;
  while (o !== null && o !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (!/^\p{Lu}/u.test(name) || name === 'FullHeader' || name === 'MarshalJSON' || name in m) continue;
      const d = Object.getOwnPropertyDescriptor(o, name);
      if (!d || typeof d.value !== 'function') continue;
      const f = d.value as GoFunc;
      const sig = f[GO_SIG];
      if (sig ? sig.params.length > 0 : f.length > 0) continue;
      Object.defineProperty(m, name, { value: f.call(ctx), enumerable: true, writable: true, configurable: true });
    }
    o = Object.getPrototypeOf(o) as object | null;
  }
  return marshalJSON(m);
}

/** json.Marshal of a value of the model. */
export function marshalJSON(v: unknown, escapeHTML = false): string {
  const seen = new Set<object>();
  const enc = (x: unknown): string => {
    if (x instanceof Iface) x = x.inner;
    if (x === undefined || x === null) return 'null';
    switch (typeof x) {
      case 'boolean':
        return x ? 'true' : 'false';
      case 'string':
        return jsonString(x, escapeHTML);
      case 'number':
        return jsonFloat(x);
      case 'bigint':
        return x.toString();
      case 'function':
        throw new JSONError(`json: unsupported type: ${typeName(x)}`);
      default:
        break;
    }
    if (x instanceof GoTyped) {
      if (x.type === 'json.Number') return String(x.value === '' ? '0' : x.value);
      switch (kindOf(x)) {
        case 'int':
        case 'uint':
          return String(x.value);
        case 'float':
          return jsonFloat(x.value as number, x.kind === 'float32' ? 32 : 64);
        case 'string':
          return jsonString(x.value as string, escapeHTML);
        default:
          return x.value ? 'true' : 'false';
      }
    }
    if (x instanceof GoNil) return 'null';
    if (x instanceof GoComplex) throw new JSONError('json: unsupported type: complex128');
    if (x instanceof Error) return '{}';
    const obj = x as object;
    if (seen.has(obj)) throw new JSONError(`json: unsupported value: encountered a cycle via ${typeName(x)}`);
    seen.add(obj);
    try {
      const target = obj instanceof Deref ? obj.target : obj;
      if (isStructObject(target) || obj instanceof Deref) {
        const m = (target as Record<string, unknown>)['MarshalJSON'];
        if (typeof m === 'function') {
          let raw = m.call(target) as unknown;
          if (raw instanceof Uint8Array) raw = new TextDecoder().decode(raw);
          try {
            return compactJSON(String(raw));
          } catch (e) {
            throw new JSONError(`json: error calling MarshalJSON for type ${typeName(x)}: ${(e as Error).message}`);
          }
        }
        const tj = (target as Record<string, unknown>)['toJSON'];
        if (typeof tj === 'function') return enc(tj.call(target));
        const parts = structFields(target, true).map(([k, val]) => jsonString(k, escapeHTML) + ':' + enc(val));
        return '{' + parts.join(',') + '}';
      }
      if (Array.isArray(obj)) {
        const t = (obj as unknown as Record<symbol, unknown>)[GO_TYPE];
        if (t === '[]byte' || t === '[]uint8') {
          const bytes = Uint8Array.from(obj.map((b) => Number(b instanceof GoTyped ? b.value : b)));
          return '"' + Buffer.from(bytes).toString('base64') + '"';
        }
        return '[' + obj.map(enc).join(',') + ']';
      }
      const m = obj as Record<string, unknown>;
      const keys = mapKeys(m).sort(compareStrings);
      return '{' + keys.map((k) => jsonString(k, escapeHTML) + ':' + enc(m[k])).join(',') + '}';
    } finally {
      seen.delete(obj);
    }
  };
  return enc(v);
}

// ---------------------------------------------------------------------------
// Reading JSON text.

/** A JSON number literal exactly as written (int64 beyond 2^53, 1.0 vs 1). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** A JSON object's members in order, duplicates included, keys such as "__proto__" as plain keys. */
export class RawObject {
  constructor(readonly entries: [string, Raw][]) {}
}

/** JSON text as a tree that keeps what JSON.parse loses and encoding/json sees. */
export type Raw = null | boolean | string | RawNumber | Raw[] | RawObject;

/** How `readJson` reports malformed text, and where it departs from encoding/json. */
export interface ReadJsonOptions {
  /** the error for malformed text at an offset */
  error(offset: number): Error;
  /** deepest nesting read (default: none), and the error beyond it (default: `error`) */
  maxDepth?: number;
  depthError?(): Error;
  /** lone surrogates in strings with escapes become U+FFFD, as encoding/json makes them */
  replaceLoneSurrogates?: boolean;
  /**
   * a raw control character in a string fails it at its opening quote once the string is
   * closed (or at the end of the text), instead of where the character stands
   */
  lateControlErrors?: boolean;
  /** a number literal is read from at most this many characters (default: no limit) */
  numberWindow?: number;
}

/** JSON text to a `Raw` tree. */
export function readJson(text: string, options: ReadJsonOptions): Raw {
  const r = new JsonReader(text, options);
  r.ws();
  const v = r.value(0);
  r.ws();
  if (r.i !== text.length) r.fail();
  return v;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonReader {
  i = 0;
  constructor(
    readonly s: string,
    readonly o: ReadJsonOptions,
  ) {}

  fail(): never {
    throw this.o.error(this.i);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.i++;
    }
  }

  value(depth: number): Raw {
    if (depth > (this.o.maxDepth ?? Infinity)) throw this.o.depthError ? this.o.depthError() : this.o.error(this.i);
    const c = this.s[this.i];
    switch (c) {
      case '{': {
        this.i++;
        const entries: [string, Raw][] = [];
        this.ws();
        if (this.s[this.i] === '}') {
          this.i++;
          return new RawObject(entries);
        }
        for (;;) {
          this.ws();
          if (this.s[this.i] !== '"') this.fail();
          const k = this.string();
          this.ws();
          if (this.s[this.i] !== ':') this.fail();
          this.i++;
          this.ws();
          entries.push([k, this.value(depth + 1)]);
          this.ws();
          const d = this.s[this.i++];
          if (d === ',') continue;
          if (d === '}') return new RawObject(entries);
          this.i--;
          this.fail();
        }
      }
      case '[': {
        this.i++;
        const arr: Raw[] = [];
        this.ws();
        if (this.s[this.i] === ']') {
          this.i++;
          return arr;
        }
        for (;;) {
          this.ws();
          arr.push(this.value(depth + 1));
          this.ws();
          const d = this.s[this.i++];
          if (d === ',') continue;
          if (d === ']') return arr;
          this.i--;
          this.fail();
        }
      }
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      default: {
        const w = this.o.numberWindow;
        NUMBER.lastIndex = w === undefined ? this.i : 0;
        const m = NUMBER.exec(w === undefined ? this.s : this.s.slice(this.i, this.i + w));
        if (!m || m[0] === '') this.fail();
        this.i += m[0].length;
        return new RawNumber(m[0]);
      }
    }
  }

  word<T>(w: string, v: T): T {
    if (!this.s.startsWith(w, this.i)) this.fail();
    this.i += w.length;
    return v;
  }

  string(): string {
    const start = this.i;
    this.i++;
    let plain = true;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) this.fail();
      if (c === 0x5c) {
        plain = false;
        this.i += 2;
        continue;
      }
      if (c < 0x20) {
        if (!this.o.lateControlErrors) this.fail();
        plain = false; // JSON.parse refuses it
      }
      this.i++;
      if (c === 0x22) break;
    }
    if (plain) return this.s.slice(start + 1, this.i - 1);
    let v: string;
    try {
      v = JSON.parse(this.s.slice(start, this.i)) as string;
    } catch {
      this.i = start;
      this.fail();
    }
    return this.o.replaceLoneSurrogates ? v.replace(LONE_SURROGATE, '\ufffd') : v;
  }
}

// ---------------------------------------------------------------------------
// Decoding JSON text into template data.

/**
 * goJsonValue reads more leniently than encoding/json (and parseRawJson): no depth limit,
 * lone surrogates kept, a control character in a string reported at the string's quote,
 * number literals longer than 400 characters refused.
 */
const GO_JSON_VALUE_READ: ReadJsonOptions = {
  error: (offset) => new JSONError(`invalid JSON at offset ${offset}`),
  lateControlErrors: true,
  numberWindow: 400,
};

/**
 * Decode JSON text into template data, keeping number literals exact:
 * - `'map'`: as docker's inspect fallback decodes (into `map[string]interface {}` with
 *   UseNumber): numbers become `json.Number` values, printed as written.
 * - `'typed'`: an approximation of decoding into docker's typed structs: integers become Go
 *   ints (bigint), other numbers float64, arrays of strings `[]string`.
 */
export function goJsonValue(text: string, mode: 'typed' | 'map' = 'map'): unknown {
  return rawToValue(readJson(text, GO_JSON_VALUE_READ), mode);
}

function rawToValue(raw: Raw, mode: 'typed' | 'map'): unknown {
  if (raw instanceof RawNumber) return numberValue(raw.text, mode);
  if (raw instanceof RawObject) {
    // a later duplicate wins, in the place of the first
    const obj: Record<string, unknown> = {};
    const entries = raw.entries;
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      Object.defineProperty(obj, k, { value: rawToValue(v, mode), enumerable: true, writable: true, configurable: true });
    }
    return obj;
  }
  if (Array.isArray(raw)) {
    const arr: unknown[] = [];
    for (let i = 0; i < raw.length; i++) arr.push(rawToValue(raw[i]!, mode));
    if (mode === 'typed' && arr.length > 0 && arr.every((e) => typeof e === 'string')) {
      Object.defineProperty(arr, GO_TYPE, { value: '[]string', enumerable: false });
    }
    return arr;
  }
  return raw;
}

function numberValue(lit: string, mode: 'typed' | 'map'): unknown {
  if (mode === 'map') return new GoTyped('json.Number', 'string', lit);
  if (!/[.eE]/.test(lit)) {
    const n = BigInt(lit);
    if (n >= -(1n << 63n) && n < 1n << 63n) return n;
  }
  return Number(lit);
}
