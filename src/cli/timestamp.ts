// docker's GetTimestamp (api/types/time): --since/--until values as the engine wants them: a
// Go duration before now (whole seconds), an RFC 3339-like date parsed by Go's time.Parse in
// the layout docker picks (its errors worded as Go's), else a unix timestamp passed through.
import { goParseDuration } from './opts/goparse.js';

const RFC3339_NANO_LOCAL = '2006-01-02T15:04:05.999999999';
const RFC3339_LOCAL = '2006-01-02T15:04:05';
const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';

export function getTimestamp(value: string, now: Date = new Date()): string {
  if (value !== '0') {
    try {
      const d = goParseDuration(value);
      return String(Math.floor((now.getTime() * 1e6 - d) / 1e9));
    } catch {
      // not a duration
    }
  }
  const inLocation = !(/[zZ+]/.test(value) || count(value, '-') === 3);
  let layout: string;
  if (value.includes('.')) {
    layout = inLocation ? RFC3339_NANO_LOCAL : RFC3339_NANO;
  } else if (value.includes('T')) {
    let colons = count(value, ':');
    if (!inLocation && !/[zZ]/.test(value) && colons > 0) colons--;
    if (inLocation) layout = colons === 0 ? '2006-01-02T15' : colons === 1 ? '2006-01-02T15:04' : RFC3339_LOCAL;
    else layout = colons === 0 ? '2006-01-02T15Z07:00' : colons === 1 ? '2006-01-02T15:04Z07:00' : RFC3339;
  } else {
    layout = inLocation ? '2006-01-02' : '2006-01-02Z07:00';
  }
  const parsed = goTimeParse(layout, value, inLocation ? -now.getTimezoneOffset() * 60 : 0);
  if (parsed instanceof Error) {
    // a `-`: an RFC 3339-like timestamp the parser refused
    if (value.includes('-')) throw parsed;
    if (!unixTimestamp(value)) throw new Error(`failed to parse value as time or duration: "${value}"`);
    return value;
  }
  return `${parsed.sec}.${String(parsed.nsec).padStart(9, '0')}`;
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}

/** Go's strconv.ParseInt(s, 10, 64) succeeds */
function goInt64(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** docker's parseTimestamp: SECONDS[.NANOS], each a Go int64 */
function unixTimestamp(value: string): boolean {
  const dot = value.indexOf('.');
  if (dot < 0) return goInt64(value);
  return goInt64(value.slice(0, dot)) && goInt64(value.slice(dot + 1));
}

/** Go's time.quote */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch.codePointAt(0)! < 0x20 || ch === '\x7f') out += `\\x${ch.codePointAt(0)!.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message = ''): Error {
  if (message === '') return new Error(`parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`);
  return new Error(`parsing time ${quote(value)}${message}`);
}

const CHUNKS = ['2006', '01', '02', '15', '04', '05', '.999999999', 'Z07:00'];

const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's getnum: one or two digits (exactly two when fixed) */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) {
    if (fixed) return undefined;
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Go's time.Parse for the layouts docker's GetTimestamp uses (the std chunks 2006 01 02 15 04
 * 05 .999999999 Z07:00 and literal text), with its error texts; `offset` (seconds east of UTC)
 * is the location of a value without a zone
 */
export function goTimeParse(layout: string, value: string, offset: number): { sec: number; nsec: number } | Error {
  const alayout = layout;
  const avalue = value;
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let zone: number | undefined;
  // (Go keeps nine digits of a longer fraction)
  const nanos = (v: string, n: number): number => Number(v.slice(1, n).padEnd(9, '0').slice(0, 9));
  for (;;) {
    // the literal text up to the next std chunk
    let at = layout.length;
    let std = '';
    for (let i = 0; i < layout.length; i++) {
      const c = CHUNKS.find((k) => layout.startsWith(k, i));
      if (c) {
        at = i;
        std = c;
        break;
      }
    }
    const prefix = layout.slice(0, at);
    for (const p of prefix) {
      if (value.length === 0 || value[0] !== p) return parseError(alayout, avalue, prefix, value);
      value = value.slice(1);
    }
    if (std === '') {
      if (value.length !== 0) return parseError(alayout, avalue, '', value, `: extra text: ${quote(value)}`);
      break;
    }
    layout = layout.slice(at + std.length);
    const hold = value;
    let bad = false;
    let range = '';
    switch (std) {
      case '2006':
        if (value.length < 4 || !isDigit(value, 0)) bad = true;
        else if (!/^\d{4}$/.test(value.slice(0, 4))) bad = true;
        else {
          year = Number(value.slice(0, 4));
          value = value.slice(4);
        }
        break;
      case '01':
      case '02':
      case '15':
      case '04':
      case '05': {
        const r = getnum(value, std !== '15');
        if (!r) {
          bad = true;
          break;
        }
        value = r[1];
        if (std === '01') {
          month = r[0];
          if (month <= 0 || month > 12) range = 'month';
        } else if (std === '02') day = r[0];
        else if (std === '15') {
          hour = r[0];
          if (hour >= 24) range = 'hour';
        } else if (std === '04') {
          min = r[0];
          if (min >= 60) range = 'minute';
        } else {
          sec = r[0];
          if (sec >= 60) {
            range = 'second';
            break;
          }
          // a fractional second the layout does not name is taken all the same
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigit(value, 1) && !layout.startsWith('.999999999')) {
            let n = 2;
            while (n < value.length && isDigit(value, n)) n++;
            nsec = nanos(value, n);
            value = value.slice(n);
          }
        }
        break;
      }
      case '.999999999': {
        if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigit(value, 1)) break;
        let i = 0;
        while (i + 1 < value.length && isDigit(value, i + 1)) i++;
        nsec = nanos(value, 1 + i);
        value = value.slice(1 + i);
        break;
      }
      case 'Z07:00': {
        if (value.length >= 1 && value[0] === 'Z') {
          value = value.slice(1);
          zone = 0;
          break;
        }
        if (value.length < 6 || value[3] !== ':') {
          bad = true;
          break;
        }
        const sign = value[0];
        const hh = getnum(value.slice(1, 3), true);
        const mm = getnum(value.slice(4, 6), true);
        if (!hh || !mm || (sign !== '+' && sign !== '-')) {
          bad = true;
          break;
        }
        value = value.slice(6);
        if (hh[0] > 24) range = 'time zone offset hour';
        if (mm[0] > 60) range = 'time zone offset minute';
        zone = (hh[0] * 3600 + mm[0] * 60) * (sign === '-' ? -1 : 1);
        break;
      }
    }
    if (range !== '') return parseError(alayout, avalue, std, value, `: ${range} out of range`);
    if (bad) return parseError(alayout, avalue, std, hold);
  }
  if (day < 1 || day > daysIn(month, year)) return parseError(alayout, avalue, '', value, ': day out of range');
  // (setUTCFullYear: Date.UTC would map the years 0-99 to 1900-1999)
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, min, sec, 0);
  const utc = d.getTime() / 1000;
  return { sec: utc - (zone ?? offset), nsec };
}
