// What Go's time and io/fs packages print for the library types inspect results hold:
// time.Time (String, RFC 3339 in JSON), time.Duration and fs.FileMode (String).

/** A time.Time as encoding/json decodes it from RFC 3339 text. */
export interface GoTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  /** seconds east of UTC */
  offset: number;
  /** the zone's abbreviation; '' for a fabricated zone (printed as its offset) */
  zone: string;
}

export const ZERO_TIME: GoTime = { year: 1, month: 1, day: 1, hour: 0, min: 0, sec: 0, nsec: 0, offset: 0, zone: 'UTC' };

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|([+-])(\d\d):(\d\d))$/;

function daysIn(year: number, month: number): number {
  const d = new Date(Date.UTC(2000, month, 0));
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return d.getUTCDate();
}

/** Milliseconds since the Unix epoch of the wall clock fields taken as UTC. */
function utcMillis(t: Pick<GoTime, 'year' | 'month' | 'day' | 'hour' | 'min' | 'sec'>): number {
  const d = new Date(Date.UTC(2000, t.month - 1, t.day, t.hour, t.min, t.sec));
  d.setUTCFullYear(t.year);
  return d.getTime();
}

/** the local zone's abbreviation at an instant, as the process sees it */
function localZoneName(ms: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date(ms));
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

/**
 * time.Time.UnmarshalJSON: RFC 3339 with an optional fraction. "Z" is UTC; an offset is
 * the local zone when that is the local offset at the time, else a zone without a name.
 * Undefined: not a time encoding/json accepts.
 */
export function parseGoTime(s: string): GoTime | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, min, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || min > 59 || sec > 59) return undefined;
  const nsec = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  if (m[8] === 'Z') return { year, month, day, hour, min, sec, nsec, offset: 0, zone: 'UTC' };
  const oh = Number(m[10]);
  const om = Number(m[11]);
  if (oh > 23 || om > 59) return undefined;
  const offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  const instant = utcMillis({ year, month, day, hour, min, sec }) - offset * 1000;
  const localOffset = -new Date(instant).getTimezoneOffset() * 60;
  const zone = localOffset === offset ? localZoneName(instant) : '';
  return { year, month, day, hour, min, sec, nsec, offset, zone };
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const p4 = (n: number): string => String(n).padStart(4, '0');

function fraction(nsec: number): string {
  if (nsec === 0) return '';
  return '.' + String(nsec).padStart(9, '0').replace(/0+$/, '');
}

function offsetText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${p2(Math.floor(a / 3600))}${colon ? ':' : ''}${p2(Math.floor((a % 3600) / 60))}`;
}

/** Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST" */
export function goTimeString(t: GoTime): string {
  const off = offsetText(t.offset, false);
  return `${p4(t.year)}-${p2(t.month)}-${p2(t.day)} ${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)}${fraction(t.nsec)} ${off} ${t.zone || off}`;
}

/** Time.MarshalJSON's text: RFC 3339 with nanoseconds, trailing zeros dropped */
export function goTimeRFC3339(t: GoTime): string {
  const zone = t.offset === 0 ? 'Z' : offsetText(t.offset, true);
  return `${p4(t.year)}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)}${fraction(t.nsec)}${zone}`;
}

/** Time.Unix() */
export function goTimeUnix(t: GoTime): bigint {
  return BigInt(utcMillis(t) / 1000 - t.offset);
}

/** Time.UnixNano() */
export function goTimeUnixNano(t: GoTime): bigint {
  return goTimeUnix(t) * 1_000_000_000n + BigInt(t.nsec);
}

/** Time.IsZero(): January 1, year 1, 00:00:00 UTC */
export function goTimeIsZero(t: GoTime): boolean {
  return goTimeUnix(t) === goTimeUnix(ZERO_TIME) && t.nsec === 0;
}

// ---------------------------------------------------------------------------------------

/** fmtFrac: the fraction of v/10^prec, trailing zeros (and a bare point) dropped */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) out = String(digit) + out;
    v /= 10n;
  }
  if (print) out = '.' + out;
  return [out, v];
}

/** time.Duration.String(): "1h2m3.5s", "1.5ms", "0s" */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? '-' + out : out;
}

/** io/fs FileMode.String(): "drwxr-xr-x", "-rw-r--r--" */
export function fileModeString(m: bigint): string {
  const n = Number(BigInt.asUintN(32, m));
  const str = 'dalTLDpSugct?';
  let out = '';
  for (let i = 0; i < str.length; i++) if ((n >>> (31 - i)) & 1) out += str[i];
  if (out === '') out = '-';
  const rwx = 'rwxrwxrwx';
  for (let i = 0; i < 9; i++) out += (n >>> (8 - i)) & 1 ? rwx[i] : '-';
  return out;
}
