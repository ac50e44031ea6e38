// Go's time.ParseDuration / Duration.String and go-units' RAMInBytes, as docker's compose
// loader uses them.

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds; throws Go's error text. */
export function parseGoDuration(s: string): number {
  const orig = s;
  const q = JSON.stringify(orig);
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${q}`);
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') throw new Error(`time: invalid duration ${q}`);
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') throw new Error(`time: missing unit in duration ${q}`);
    const mult = UNITS[u];
    if (mult === undefined) throw new Error(`time: unknown unit ${JSON.stringify(u)} in duration ${q}`);
    s = s.slice(u.length);
    total += Number(`${m[1] || '0'}${m[2] ?? ''}`) * mult;
  }
  total = Math.round(total);
  if (total > 2 ** 63) throw new Error(`time: invalid duration ${q}`);
  return neg ? -total : total;
}

function fmtFrac(v: number, prec: number): [string, number] {
  // v is an integer count of the smallest unit; returns the fraction digits and v / 10^prec
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const d = v % 10;
    print = print || d !== 0;
    if (print) digits = String(d) + digits;
    v = Math.floor(v / 10);
  }
  return [print ? '.' + digits : '', v];
}

/** Go's time.Duration.String() */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(Math.round(ns));
  let out: string;
  if (u < 1e9) {
    let prec: number;
    let unit: string;
    if (u < 1e3) return `${neg ? '-' : ''}${u}ns`;
    if (u < 1e6) { prec = 3; unit = 'µs'; }
    else { prec = 6; unit = 'ms'; }
    const [frac, whole] = fmtFrac(u, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, secsTotal] = fmtFrac(u, 9);
    u = secsTotal;
    const secs = u % 60;
    u = Math.floor(u / 60);
    out = `${secs}${frac}s`;
    if (u > 0) {
      const mins = u % 60;
      u = Math.floor(u / 60);
      out = `${mins}m${out}`;
      if (u > 0) out = `${u}h${out}`;
    }
  }
  return (neg ? '-' : '') + out;
}

/** go-units RAMInBytes (binary multipliers), with its error texts */
export function ramInBytes(size: string): number {
  const sep = Math.max(...Array.from('01234567890. ').map((c) => size.lastIndexOf(c)));
  if (sep === -1) throw new Error(`invalid size: '${size}'`);
  const num = size[sep] !== ' ' ? size.slice(0, sep + 1) : size.slice(0, sep);
  let sfx = size.slice(sep + 1);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(num) && !/^[-+]?(inf|infinity|nan)$/i.test(num)) {
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(num)}: invalid syntax`);
  }
  let n = Number(num);
  if (n < 0) throw new Error(`invalid size: '${size}'`);
  if (sfx === '') return Math.trunc(n);
  const bad = () => new Error(`invalid suffix: '${sfx}'`);
  if (sfx.length > 3) throw bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) throw bad();
    return Math.trunc(n);
  }
  const mult = ({ k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 } as Record<string, number>)[sfx[0]!];
  if (mult === undefined) throw bad();
  n *= mult;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) throw bad();
  return Math.trunc(n);
}
