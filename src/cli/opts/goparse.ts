// Go's strconv and time.ParseDuration, with their exact error texts: docker prints them
// verbatim inside its own messages (`invalid argument "x" for "--cpu-shares" flag:
// strconv.ParseInt: parsing "x": invalid syntax`).
import { goQuote } from '../flags.js';
import { strconvParseInt, strconvParseUint, underscoreOK } from '../../format/strconv.js';

function numError(fn: string, s: string, what: 'invalid syntax' | 'value out of range'): Error {
  const e = new Error(`strconv.${fn}: parsing ${goQuote(s)}: ${what}`);
  (e as Error & { reason: string }).reason = what;
  return e;
}

/** the reason part of a strconv error ('invalid syntax' / 'value out of range') */
export function numErrorReason(e: unknown): string {
  return (e as { reason?: string }).reason ?? (e as Error).message;
}

function lower(c: string): string {
  return c.toLowerCase();
}

/** strconv.ParseUint(s, base, bits) */
export function goParseUint(s: string, base = 10, bits = 64): number {
  const r = strconvParseUint(s, base, bits);
  if (!r.ok) throw numError('ParseUint', s, r.range ? 'value out of range' : 'invalid syntax');
  return Number(r.value);
}

/** strconv.ParseInt(s, base, bits) */
export function goParseInt(s: string, base = 10, bits = 64, fn = 'ParseInt'): number {
  const r = strconvParseInt(s, base, bits);
  if (!r.ok) throw numError(fn, s, r.range ? 'value out of range' : 'invalid syntax');
  return Number(r.value);
}

/** strconv.Atoi */
export function goAtoi(s: string): number {
  return goParseInt(s, 10, 64, 'Atoi');
}

const decimalFloat = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const hexFloat = /^([+-]?)0[xX]((?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+))[pP]([+-]?[0-9_]+)$/;

/** strconv.ParseFloat(s, 64) */
export function goParseFloat(s: string): number {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (lower(special[2]!) === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  let v: number;
  if (decimalFloat.test(s)) {
    if (s.includes('_') && !underscoreOK(s)) throw numError('ParseFloat', s, 'invalid syntax');
    if (!/[0-9]/.test(s.split(/[eE]/)[0]!)) throw numError('ParseFloat', s, 'invalid syntax');
    v = Number(s.replace(/_/g, ''));
  } else {
    const m = hexFloat.exec(s);
    if (!m || (s.includes('_') && !underscoreOK(s))) throw numError('ParseFloat', s, 'invalid syntax');
    const mant = m[2]!.replace(/_/g, '');
    const [ip, fp = ''] = mant.split('.');
    if ((ip ?? '') === '' && fp === '') throw numError('ParseFloat', s, 'invalid syntax');
    const digits = BigInt(`0x${(ip ?? '') + fp || '0'}`);
    const exp = Number(m[3]!.replace(/_/g, '')) - 4 * fp.length;
    v = Number(digits) * 2 ** exp;
    if (m[1] === '-') v = -v;
  }
  if (!Number.isFinite(v)) throw numError('ParseFloat', s, 'value out of range');
  return v;
}

/** Go's time package quote() */
export function timeQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of Buffer.from(c, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (c === '"' || c === '\\') out += '\\';
      out += c;
    }
  }
  return `${out}"`;
}

const durationUnits: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5
  'μs': 1000n, // U+03BC
  ms: 1000000n,
  s: 1000000000n,
  m: 60n * 1000000000n,
  h: 3600n * 1000000000n,
};

/** time.ParseDuration, in nanoseconds */
export function goParseDuration(orig: string): number {
  const invalid = (): Error => new Error(`time: invalid duration ${timeQuote(orig)}`);
  let s = orig;
  let d = 0n;
  let neg = false;
  if (s !== '') {
    const c = s[0];
    if (c === '-' || c === '+') {
      neg = c === '-';
      s = s.slice(1);
    }
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  const limit = 1n << 63n;
  while (s !== '') {
    let v = 0n;
    let f = 0n;
    let scale = 1;
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) throw invalid();
    // leading int
    let i = 0;
    for (; i < s.length && s[i]! >= '0' && s[i]! <= '9'; i++) {
      if (v > limit / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > limit) throw invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && s[j]! >= '0' && s[j]! <= '9'; j++) {
        if (overflow) continue;
        if (f > ((1n << 63n) - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > limit) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let k = 0;
    for (; k < s.length; k++) {
      const c = s[k]!;
      if (c === '.' || (c >= '0' && c <= '9')) break;
    }
    if (k === 0) throw new Error(`time: missing unit in duration ${timeQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = durationUnits[u];
    if (unit === undefined) throw new Error(`time: unknown unit ${timeQuote(u)} in duration ${timeQuote(orig)}`);
    if (v > limit / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > limit) throw invalid();
    }
    d += v;
    if (d > limit) throw invalid();
  }
  if (neg) return -Number(d);
  if (d > limit - 1n) throw invalid();
  return Number(d);
}

/** Go's path.Clean (it lives with the engine client, which cleans request paths) */
export { goCleanPath } from '../../engine/path.js';
