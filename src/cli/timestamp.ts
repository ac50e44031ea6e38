// docker's GetTimestamp (api/types/time): --since/--until values as the engine wants them.

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds; throws Go's error text. */
export function parseGoDuration(raw: string): number {
  let s = raw;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${JSON.stringify(raw)}`);
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') throw new Error(`time: invalid duration ${JSON.stringify(raw)}`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new Error(`time: missing unit in duration ${JSON.stringify(raw)}`);
    const unit = UNIT_NS[u[0]];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(u[0])} in duration ${JSON.stringify(raw)}`);
    s = s.slice(u[0].length);
    total += Number(m[1] || '0') * unit + (m[2] ? Number(`0.${m[2]}`) * unit : 0);
  }
  return sign * total;
}

/** Go's Duration.String() */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    if (u < 1e3) out = `${u}ns`;
    else if (u < 1e6) out = `${trimFloat(u / 1e3)}µs`;
    else out = `${trimFloat(u / 1e6)}ms`;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    const sec = trimFloat(u / 1e9);
    out = h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
  }
  return neg ? `-${out}` : out;
}

function trimFloat(x: number): string {
  return String(Number(x.toFixed(9)));
}

export function getTimestamp(value: string, now: Date = new Date()): string {
  try {
    const d = parseGoDuration(value);
    const t = now.getTime() * 1e6 - d;
    const sec = Math.floor(t / 1e9);
    return `${sec}.${String(Math.round(t - sec * 1e9)).padStart(9, '0').slice(0, 9)}`;
  } catch {
    // not a duration
  }
  if (/^\d+(\.\d+)?$/.test(value)) return value;
  let s = value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00';
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s);
  const ms = Date.parse(hasZone ? s : `${s}${s.includes('T') ? '' : 'T00:00:00'}`);
  if (Number.isNaN(ms)) {
    throw new Error(`failed to parse value as time or duration: "${value}"`);
  }
  const frac = /\.(\d+)/.exec(s)?.[1] ?? '';
  const sec = Math.floor(ms / 1000);
  return `${sec}.${frac.padEnd(9, '0').slice(0, 9)}`;
}
