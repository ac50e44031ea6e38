/**
 * docker/cli templates/templates.go: the functions every docker `--format`
 * template gets (basicFunctions), and the header variants used for the
 * `table` directive's header row (HeaderFunctions).
 *
 * Each function carries its Go signature, so argument errors read as docker's
 * do (`wrong number of args for pad: want 3 got 2`, `expected string; found 1`,
 * `wrong type for value; expected string; got int`).
 */

import { sprint } from './gofmt.js';
import { marshalJSON } from './gojson.js';
import {
  GO_TYPE,
  GoNil,
  Iface,
  compareStrings,
  goFunc,
  kindOf,
  mapKeys,
  typeName,
  utf8Bytes,
  utf8Decode,
  wrapElem,
  elemType,
  type GoFunc,
} from './values.js';

/** Go's simple case mapping, rune by rune (JS's full mapping turns ß into SS, İ into two runes). */
function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += Array.from(m).length === 1 ? m : c;
  }
  return out;
}

export function goToLower(s: string): string {
  return mapRunes(s, (c) => (c === '\u0130' ? 'i' : c.toLowerCase()));
}

export function goToUpper(s: string): string {
  return mapRunes(s, (c) => c.toUpperCase());
}

const LETTER_DIGIT = /^[\p{L}\p{Nd}\p{Nl}\p{No}_]$/u;
const SPACE = /^\s$/u;

/** strings.Title's isSeparator */
function isSeparator(c: string): boolean {
  const r = c.codePointAt(0)!;
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f) return false;
    return true;
  }
  if (LETTER_DIGIT.test(c)) return false;
  return SPACE.test(c);
}

/** unicode.ToTitle: upper case, except for the Latin digraphs that have a distinct title case. */
function toTitle(c: string): string {
  const r = c.codePointAt(0)!;
  if (r >= 0x1c4 && r <= 0x1cc) return String.fromCodePoint(0x1c5 + 3 * Math.floor((r - 0x1c4) / 3));
  if (r >= 0x1f1 && r <= 0x1f3) return '\u01f2';
  const t = c.toUpperCase();
  return Array.from(t).length === 1 ? t : c;
}

/** strings.Title: title-case the first letter of each word. */
export function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? toTitle(c) : c;
    prev = c;
  }
  return out;
}

/** strings.Split */
export function goSplit(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}

/**
 * docker/cli master's joinElements (any slice, or a map's sorted values). docker 28's `join`
 * is strings.Join (a []string only), which `dockerFuncs.join` follows; this is for callers
 * that want the newer behaviour.
 */
export function joinElements(elems: unknown, sep: string): string {
  if (elems === undefined || elems === null) return '';
  const k = kindOf(elems);
  if (k === 'slice') {
    if (elems instanceof GoNil) return '';
    const el = elemType(typeName(elems));
    return (elems as unknown[])
      .map((e) => {
        const w = wrapElem(e, el);
        return sprint(w instanceof Iface ? w.inner : w);
      })
      .join(sep);
  }
  if (k === 'map') {
    if (elems instanceof GoNil) return '';
    const m = elems as Record<string, unknown>;
    const el = elemType(typeName(elems));
    const out = mapKeys(m).map((key) => {
      const w = wrapElem(m[key], el);
      return sprint(w instanceof Iface ? w.inner : w);
    });
    return out.sort(compareStrings).join(sep);
  }
  throw new Error(`expected slice, got ${typeName(elems)}`);
}

function repeat(s: string, count: bigint): string {
  if (count < 0n) throw new Error('strings: negative Repeat count');
  return s.repeat(Number(count));
}

function pad(source: string, prefix: bigint, suffix: bigint): string {
  if (source === '') return source;
  return repeat(' ', prefix) + source + repeat(' ', suffix);
}

function truncate(source: string, length: bigint): string {
  const bytes = utf8Bytes(source);
  if (BigInt(bytes.length) < length) return source;
  if (length < 0n) throw new Error(`runtime error: slice bounds out of range [:${length}]`);
  return utf8Decode(bytes.slice(0, Number(length)));
}

/** templates.basicFunctions */
export const dockerFuncs: Record<string, GoFunc> = {
  json: goFunc({ params: ['interface {}'], result: 'string' }, (v: unknown) => marshalJSON(v, false)),
  split: goFunc({ params: ['string', 'string'], result: '[]string' }, goSplit),
  join: goFunc({ params: ['[]string', 'string'], result: 'string' }, (elems: string[], sep: string) => elems.join(sep)),
  title: goFunc({ params: ['string'], result: 'string' }, goTitle),
  lower: goFunc({ params: ['string'], result: 'string' }, goToLower),
  upper: goFunc({ params: ['string'], result: 'string' }, goToUpper),
  pad: goFunc({ params: ['string', 'int', 'int'], result: 'string' }, pad),
  truncate: goFunc({ params: ['string', 'int'], result: 'string' }, truncate),
};

/** templates.HeaderFunctions: used (over dockerFuncs) to render a table's header row. */
export const dockerHeaderFuncs: Record<string, GoFunc> = {
  json: goFunc({ params: ['string'], result: 'string' }, (v: string) => v),
  split: goFunc({ params: ['string', 'string'], result: 'string' }, (v: string) => v),
  join: goFunc({ params: ['string', 'string'], result: 'string' }, (v: string) => v),
  title: goFunc({ params: ['string'], result: 'string' }, (v: string) => v),
  lower: goFunc({ params: ['string'], result: 'string' }, (v: string) => v),
  upper: goFunc({ params: ['string'], result: 'string' }, (v: string) => v),
  truncate: goFunc({ params: ['string', 'int'], result: 'string' }, (v: string) => v),
};

export { GO_TYPE };
