/**
 * encoding/json for the value model: `marshalJSON` is json.Marshal (as
 * docker's `json` template function uses it: no HTML escaping by default),
 * `goJsonValue` decodes JSON text into template data the way docker feeds
 * `inspect` templates.
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
// Decoding JSON text into template data.

/**
 * Decode JSON text into template data, keeping number literals exact:
 * - `'map'`: as docker's inspect fallback decodes (into `map[string]interface {}` with
 *   UseNumber): numbers become `json.Number` values, printed as written.
 * - `'typed'`: an approximation of decoding into docker's typed structs: integers become Go
 *   ints (bigint), other numbers float64, arrays of strings `[]string`.
 */
export function goJsonValue(text: string, mode: 'typed' | 'map' = 'map'): unknown {
  const p = new JsonParser(text, mode);
  p.ws();
  const v = p.value();
  p.ws();
  if (p.i !== text.length) p.fail();
  return v;
}

class JsonParser {
  i = 0;
  constructor(
    readonly s: string,
    readonly mode: 'typed' | 'map',
  ) {}

  fail(): never {
    throw new JSONError(`invalid JSON at offset ${this.i}`);
  }

  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  value(): unknown {
    const c = this.s[this.i];
    switch (c) {
      case '{': {
        this.i++;
        const obj: Record<string, unknown> = {};
        this.ws();
        if (this.s[this.i] === '}') {
          this.i++;
          return obj;
        }
        for (;;) {
          this.ws();
          if (this.s[this.i] !== '"') this.fail();
          const k = this.string();
          this.ws();
          if (this.s[this.i] !== ':') this.fail();
          this.i++;
          this.ws();
          const v = this.value();
          Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
          this.ws();
          if (this.s[this.i] === ',') {
            this.i++;
            continue;
          }
          if (this.s[this.i] === '}') {
            this.i++;
            return obj;
          }
          this.fail();
        }
      }
      case '[': {
        this.i++;
        const arr: unknown[] = [];
        this.ws();
        if (this.s[this.i] === ']') {
          this.i++;
          return arr;
        }
        for (;;) {
          this.ws();
          arr.push(this.value());
          this.ws();
          if (this.s[this.i] === ',') {
            this.i++;
            continue;
          }
          if (this.s[this.i] === ']') {
            this.i++;
            if (this.mode === 'typed' && arr.length > 0 && arr.every((e) => typeof e === 'string')) {
              Object.defineProperty(arr, GO_TYPE, { value: '[]string', enumerable: false });
            }
            return arr;
          }
          this.fail();
        }
      }
      case '"':
        return this.string();
      case 't':
        return this.lit('true', true);
      case 'f':
        return this.lit('false', false);
      case 'n':
        return this.lit('null', null);
      default: {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
        if (!m || m[0] === '' || m[0] === '-') this.fail();
        this.i += m[0].length;
        const lit = m[0];
        if (this.mode === 'map') return new GoTyped('json.Number', 'string', lit);
        if (m[2] === undefined && m[3] === undefined) {
          const n = BigInt(lit);
          if (n >= -(1n << 63n) && n < 1n << 63n) return n;
        }
        return Number(lit);
      }
    }
  }

  lit(word: string, v: unknown): unknown {
    if (!this.s.startsWith(word, this.i)) this.fail();
    this.i += word.length;
    return v;
  }

  string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail();
      if (c === '\\') {
        this.i += 2;
        continue;
      }
      this.i++;
      if (c === '"') break;
    }
    try {
      return JSON.parse(this.s.slice(start, this.i)) as string;
    } catch {
      this.i = start;
      this.fail();
    }
  }
}
