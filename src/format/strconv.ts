/**
 * The parts of Go's strconv that fmt, encoding/json and text/template rely
 * on: float formatting (correctly rounded, round-half-even on exact ties, as
 * Go does), string/rune quoting, literal unquoting and number parsing.
 */

import { utf8Bytes, utf8Decode } from './values.js';

// ---------------------------------------------------------------------------
// Unicode helpers.

const PRINT_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(r: number): boolean {
  // ASCII without the regular expression: its first use compiles Unicode tables (~1 ms)
  if (r < 0x7f) return r >= 0x20;
  if (r < 0xa0) return false;
  if (r >= 0xd800 && r <= 0xdfff) return false;
  if (r > 0x10ffff) return false;
  return PRINT_RE.test(String.fromCodePoint(r));
}

/** Code points of a string (lone surrogates are reported as U+FFFD, as Go sees invalid UTF-8). */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out.push(0xfffd);
    else out.push(c);
  }
  return out;
}

export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export function validRune(r: number): boolean {
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
}

export function runeString(r: number): string {
  return String.fromCodePoint(validRune(r) ? r : 0xfffd);
}

// ---------------------------------------------------------------------------
// Quoting.

const lowerhex = '0123456789abcdef';

function hexPad(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCodePoint(r);
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return String.fromCodePoint(r);
  } else if (isPrint(r)) {
    return String.fromCodePoint(r);
  }
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + lowerhex[r >> 4] + lowerhex[r & 0xf];
  if (!validRune(r)) r = 0xfffd;
  if (r < 0x10000) return '\\u' + hexPad(r, 4);
  return '\\U' + hexPad(r, 8);
}

/** strconv.Quote */
export function quote(s: string): string {
  let out = '"';
  for (const r of codePoints(s)) out += escapeRune(r, 0x22, false);
  return out + '"';
}

/** strconv.QuoteToASCII */
export function quoteToASCII(s: string): string {
  let out = '"';
  for (const r of codePoints(s)) out += escapeRune(r, 0x22, true);
  return out + '"';
}

/** strconv.QuoteRune */
export function quoteRune(r: number): string {
  if (!validRune(r)) r = 0xfffd;
  return "'" + escapeRune(r, 0x27, false) + "'";
}

/** strconv.QuoteRuneToASCII */
export function quoteRuneToASCII(r: number): string {
  if (!validRune(r)) r = 0xfffd;
  return "'" + escapeRune(r, 0x27, true) + "'";
}

/** strconv.CanBackquote */
export function canBackquote(s: string): boolean {
  for (const r of codePoints(s)) {
    if (r === 0xfffd && !s.includes('\ufffd')) return false;
    if ((r < 0x20 && r !== 0x09) || r === 0x60 || r === 0x7f || r === 0xfeff) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Unquoting (template string and character literals).

export class SyntaxError_ extends Error {
  constructor() {
    super('invalid syntax');
  }
}

function unhex(c: string): number {
  const n = parseInt(c, 16);
  return Number.isNaN(n) || !/^[0-9a-fA-F]$/.test(c) ? -1 : n;
}

/**
 * strconv.UnquoteChar: decode the first character (or escape) of s.
 * Returns the value, whether it is a multibyte rune (vs a raw byte from \x or octal), and the tail.
 */
export function unquoteChar(s: string, q: string): { value: number; multibyte: boolean; tail: string } {
  if (s.length === 0) throw new SyntaxError_();
  const c = s[0]!;
  if (c === q && (q === "'" || q === '"')) throw new SyntaxError_();
  if (c !== '\\') {
    const cp = s.codePointAt(0)!;
    const w = cp > 0xffff ? 2 : 1;
    return { value: cp, multibyte: cp >= 0x80, tail: s.slice(w) };
  }
  if (s.length <= 1) throw new SyntaxError_();
  const e = s[1]!;
  let rest = s.slice(2);
  switch (e) {
    case 'a':
      return { value: 7, multibyte: false, tail: rest };
    case 'b':
      return { value: 8, multibyte: false, tail: rest };
    case 'f':
      return { value: 12, multibyte: false, tail: rest };
    case 'n':
      return { value: 10, multibyte: false, tail: rest };
    case 'r':
      return { value: 13, multibyte: false, tail: rest };
    case 't':
      return { value: 9, multibyte: false, tail: rest };
    case 'v':
      return { value: 11, multibyte: false, tail: rest };
    case 'x':
    case 'u':
    case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      if (rest.length < n) throw new SyntaxError_();
      let v = 0;
      for (let j = 0; j < n; j++) {
        const x = unhex(rest[j]!);
        if (x < 0) throw new SyntaxError_();
        v = v * 16 + x;
      }
      rest = rest.slice(n);
      if (e === 'x') return { value: v, multibyte: false, tail: rest };
      if (!validRune(v)) throw new SyntaxError_();
      return { value: v, multibyte: true, tail: rest };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      let v = e.charCodeAt(0) - 48;
      if (rest.length < 2) throw new SyntaxError_();
      for (let j = 0; j < 2; j++) {
        const x = rest.charCodeAt(j) - 48;
        if (x < 0 || x > 7) throw new SyntaxError_();
        v = (v << 3) | x;
      }
      rest = rest.slice(2);
      if (v > 255) throw new SyntaxError_();
      return { value: v, multibyte: false, tail: rest };
    }
    case '\\':
      return { value: 0x5c, multibyte: false, tail: rest };
    case "'":
    case '"':
      if (e !== q) throw new SyntaxError_();
      return { value: e.charCodeAt(0), multibyte: false, tail: rest };
    default:
      throw new SyntaxError_();
  }
}

/** strconv.Unquote for "..." and `...` literals (throws SyntaxError_ -> "invalid syntax"). */
export function unquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new SyntaxError_();
  const q = s[0]!;
  if (q !== s[n - 1]) throw new SyntaxError_();
  let body = s.slice(1, n - 1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError_();
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (q !== '"' && q !== "'") throw new SyntaxError_();
  if (body.includes('\n')) throw new SyntaxError_();
  if (!body.includes('\\') && !body.includes(q)) {
    if (q === '"') return body;
    if (q === "'" && body.length > 0 && [...body].length === 1) return body;
  }
  const bytes: number[] = [];
  let anyRaw = false;
  while (body.length > 0) {
    const { value, multibyte, tail } = unquoteChar(body, q);
    body = tail;
    if (value < 0x80 || !multibyte) {
      if (!multibyte && value >= 0x80) anyRaw = true;
      bytes.push(value);
    } else {
      for (const b of utf8Bytes(String.fromCodePoint(value))) bytes.push(b);
    }
    if (q === "'" && body.length !== 0) throw new SyntaxError_();
  }
  void anyRaw;
  return utf8Decode(Uint8Array.from(bytes));
}

// ---------------------------------------------------------------------------
// Number parsing (strconv.ParseUint/ParseInt with base 0, ParseFloat).

function lower(c: string): string {
  return c.toLowerCase();
}

/** strconv's underscoreOK: underscores only as digit separators (base-prefixed or not). */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]!))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]!) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** A strconv parse: the value, or the failure (out of range, else invalid syntax). */
export type NumResult = { ok: true; value: bigint } | { ok: false; range: boolean };

/**
 * strconv.ParseUint(s, base, bits). Base 0 takes the base from the prefix (0b, 0o, 0x, 0)
 * and allows underscores between digits; overflow is reported at the digit where it
 * happens, as Go reports it, before any later syntax error.
 */
export function strconvParseUint(s0: string, base = 0, bits = 64): NumResult {
  let s = s0;
  if (s === '') return { ok: false, range: false };
  const base0 = base === 0;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && lower(s[1]!) === 'b') {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]!) === 'o') {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]!) === 'x') {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  }
  const max = (1n << BigInt(bits)) - 1n;
  let n = 0n;
  let underscores = false;
  const B = BigInt(base);
  for (const c of s) {
    if (c === '_' && base0) {
      underscores = true;
      continue;
    }
    let d: number;
    if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (lower(c) >= 'a' && lower(c) <= 'z') d = lower(c).charCodeAt(0) - 97 + 10;
    else return { ok: false, range: false };
    if (d >= base) return { ok: false, range: false };
    n = n * B + BigInt(d);
    if (n > max) return { ok: false, range: true };
  }
  if (underscores && !underscoreOK(s0)) return { ok: false, range: false };
  return { ok: true, value: n };
}

/** strconv.ParseUint(s, 0, 64). */
export function parseUint0(s: string): NumResult {
  return strconvParseUint(s, 0, 64);
}

/** strconv.ParseInt(s, base, bits). */
export function strconvParseInt(s: string, base = 0, bits = 64): NumResult {
  if (s === '') return { ok: false, range: false };
  let neg = false;
  let t = s;
  if (t[0] === '+') t = t.slice(1);
  else if (t[0] === '-') {
    neg = true;
    t = t.slice(1);
  }
  const u = strconvParseUint(t, base, bits);
  if (!u.ok) return u;
  const cutoff = 1n << BigInt(bits - 1);
  if (neg ? u.value > cutoff : u.value >= cutoff) return { ok: false, range: true };
  return { ok: true, value: neg ? -u.value : u.value };
}

/** strconv.ParseInt(s, 0, 64). */
export function parseInt0(s: string): NumResult {
  return strconvParseInt(s, 0, 64);
}

/** strconv.ParseFloat(s, 64); returns undefined on syntax or range error. */
export function parseFloat64(s0: string): number | undefined {
  let s = s0;
  if (s === '') return undefined;
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  const low = s.toLowerCase();
  if (low === 'inf' || low === 'infinity') return undefined; // range of text/template numbers never reaches here meaningfully
  if (low === 'nan') return NaN;
  if (s.includes('_')) {
    if (!underscoreOK(s0)) return undefined;
    s = s.replace(/_/g, '');
  }
  let v: number;
  if (/^0[xX]/.test(s)) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
    const intPart = m[1]!;
    const frac = m[2] ?? '';
    const exp = parseInt(m[3]!, 10);
    const mant = BigInt('0x' + (intPart + frac || '0'));
    v = Number(mant) * Math.pow(2, exp - 4 * frac.length);
    if (mant !== 0n && (!Number.isFinite(v) || v === 0)) {
      // Fall back to exact scaling for extreme exponents.
      v = scaleBig(mant, exp - 4 * frac.length);
    }
  } else {
    if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
    v = Number(s);
  }
  if (!Number.isFinite(v)) return undefined;
  return sign * v;
}

function scaleBig(mant: bigint, exp2: number): number {
  // mant * 2^exp2 using repeated halving/doubling to stay in range.
  let v = Number(mant);
  let e = exp2;
  while (e > 0) {
    const step = Math.min(e, 1000);
    v *= Math.pow(2, step);
    e -= step;
  }
  while (e < 0) {
    const step = Math.min(-e, 1000);
    v /= Math.pow(2, step);
    e += step;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Float formatting (strconv.FormatFloat).

interface Decimal {
  d: string; // digits, no leading or trailing zeros ("" for zero)
  dp: number; // decimal point position
}

const f64buf = new DataView(new ArrayBuffer(8));

function floatBits(x: number): { mant: bigint; exp: number } {
  f64buf.setFloat64(0, x);
  const hi = f64buf.getUint32(0);
  const lo = f64buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return { mant: frac, exp: bexp };
}

function trimDecimal(d: string, dp: number): Decimal {
  let end = d.length;
  while (end > 0 && d[end - 1] === '0') end--;
  let start = 0;
  while (start < end && d[start] === '0') {
    start++;
    dp--;
  }
  const digits = d.slice(start, end);
  return { d: digits, dp: digits === '' ? 0 : dp };
}

/** The exact decimal expansion of |x| (x finite). */
function exactDecimal(x: number): Decimal {
  x = Math.abs(x);
  if (x === 0) return { d: '', dp: 0 };
  const { mant, exp } = floatBits(x);
  let m: bigint;
  let e: number;
  if (exp === 0) {
    m = mant;
    e = -1074;
  } else {
    m = mant | (1n << 52n);
    e = exp - 1075;
  }
  if (e >= 0) {
    const s = (m << BigInt(e)).toString();
    return trimDecimal(s, s.length);
  }
  const s = (m * 5n ** BigInt(-e)).toString();
  return trimDecimal(s, s.length + e);
}

/** The shortest decimal that reads back as |x| (x finite). */
function shortestDecimal(x: number, bitSize: number): Decimal {
  x = Math.abs(x);
  if (x === 0) return { d: '', dp: 0 };
  let s: string;
  if (bitSize === 32) {
    const f = Math.fround(x);
    s = f.toExponential();
    for (let p = 1; p <= 9; p++) {
      const t = f.toExponential(p - 1);
      if (Math.fround(Number(t)) === f) {
        s = t;
        break;
      }
    }
  } else {
    s = x.toExponential();
  }
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const digits = m[1]! + (m[2] ?? '');
  return trimDecimal(digits, parseInt(m[3]!, 10) + 1);
}

/** Round to nd digits, half to even on exact ties (the digits are exact). */
function roundDecimal(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  let up: boolean;
  const c = a.d[nd]!;
  if (c === '5' && nd + 1 === a.d.length) {
    up = nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = c >= '5';
  }
  if (!up) return trimDecimal(a.d.slice(0, nd), a.dp);
  let i = nd - 1;
  while (i >= 0 && a.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return trimDecimal(a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), a.dp);
}

function fmtE(neg: boolean, a: Decimal, prec: number, ch: string): string {
  let s = neg ? '-' : '';
  const nd = a.d.length;
  s += nd === 0 ? '0' : a.d[0];
  if (prec > 0) {
    s += '.';
    let i = 1;
    const m = Math.min(nd, prec + 1);
    if (i < m) {
      s += a.d.slice(i, m);
      i = m;
    }
    for (; i <= prec; i++) s += '0';
  }
  s += ch;
  let exp = nd === 0 ? 0 : a.dp - 1;
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}

function fmtF(neg: boolean, a: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  const nd = a.d.length;
  if (a.dp > 0) {
    const m = Math.min(nd, a.dp);
    s += a.d.slice(0, m);
    s += '0'.repeat(a.dp - m);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      s += j >= 0 && j < nd ? a.d[j] : '0';
    }
  }
  return s;
}

function fmtB(neg: boolean, x: number): string {
  const { mant, exp } = floatBits(Math.abs(x));
  let m = mant;
  let e = exp;
  if (e === 0) e++;
  else m |= 1n << 52n;
  e += -1023 - 52;
  return (neg ? '-' : '') + m.toString() + 'p' + (e >= 0 ? '+' : '') + String(e);
}

function fmtX(neg: boolean, x: number, prec: number, ch: 'x' | 'X'): string {
  const bits = floatBits(Math.abs(x));
  let mant = bits.mant;
  let exp = bits.exp;
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp -= 1023;
  if (mant === 0n) exp = 0;
  const ONE60 = 1n << 60n;
  mant <<= 8n; // 60 - 52
  while (mant !== 0n && (mant & ONE60) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (ONE60 - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = ch === 'x' ? '0123456789abcdef' : '0123456789ABCDEF';
  let s = neg ? '-' : '';
  s += '0' + ch + String(Number((mant >> 60n) & 1n));
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  s += ch === 'x' ? 'p' : 'P';
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, bitSize) for fmt in e E f g G b x X. */
export function formatFloat(x: number, fmt: string, prec: number, bitSize = 64): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (bitSize === 32) x = Math.fround(x);
  const neg = x < 0 || Object.is(x, -0);
  if (fmt === 'b') return fmtB(neg, x);
  if (fmt === 'x' || fmt === 'X') return fmtX(neg, x, prec, fmt);
  const shortest = prec < 0;
  let a: Decimal;
  if (shortest) {
    a = shortestDecimal(x, bitSize);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(a.d.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(a.d.length - a.dp, 0);
        break;
      case 'g':
      case 'G':
        prec = a.d.length;
        break;
    }
  } else {
    a = exactDecimal(x);
    switch (fmt) {
      case 'e':
      case 'E':
        a = roundDecimal(a, prec + 1);
        break;
      case 'f':
        a = roundDecimal(a, a.dp + prec);
        break;
      case 'g':
      case 'G':
        if (prec === 0) prec = 1;
        a = roundDecimal(a, prec);
        break;
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, a, prec, fmt);
    case 'f':
      return fmtF(neg, a, prec);
    case 'g':
    case 'G': {
      let eprec = prec;
      const nd = a.d.length;
      if (eprec > nd && nd >= a.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = a.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, a, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > a.dp) prec = nd;
      return fmtF(neg, a, Math.max(prec - a.dp, 0));
    }
  }
  return '%' + fmt;
}
