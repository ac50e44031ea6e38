// docker/go-units: sizes and durations as docker prints them.

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/**
 * The exact decimal value of a finite, non-negative double: `digits` (no leading or
 * trailing zeros, '0' for zero) and the power of ten of its first digit.
 */
function exactDecimal(v: number): { digits: string; exp10: number } {
  if (v === 0) return { digits: '0', exp10: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const e = biased === 0 ? -1074 : biased - 1075;
  let s: string;
  let exp10: number;
  if (e >= 0) {
    s = (mantissa << BigInt(e)).toString();
    exp10 = s.length - 1;
  } else {
    // m / 2^k == m * 5^k / 10^k
    s = (mantissa * 5n ** BigInt(-e)).toString();
    exp10 = s.length - 1 + e;
  }
  s = s.replace(/0+$/, '');
  return { digits: s === '' ? '0' : s, exp10 };
}

/**
 * Go's fmt `%.{precision}g`: at most `precision` significant digits, rounded half to even on
 * the exact binary value (as strconv does), trailing zeros dropped, exponent form when the
 * exponent is < -4 or >= precision.
 */
export function formatG(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const p = Math.max(1, precision);
  const neg = value < 0 || Object.is(value, -0);
  let { digits, exp10 } = exactDecimal(Math.abs(value));
  if (digits.length > p) {
    const rest = digits.slice(p);
    let head = digits.slice(0, p);
    const lastOdd = (head.charCodeAt(p - 1) - 48) % 2 === 1;
    const up = rest[0]! > '5' || (rest[0] === '5' && (rest.length > 1 || lastOdd));
    if (up) {
      const bumped = (BigInt(head) + 1n).toString();
      if (bumped.length > head.length) {
        exp10 += 1;
        head = bumped.slice(0, p);
      } else {
        head = bumped;
      }
    }
    digits = head.replace(/0+$/, '') || '0';
  }
  let out: string;
  if (digits === '0') {
    out = '0';
  } else if (exp10 < -4 || exp10 >= p) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const abs = Math.abs(exp10);
    out = `${mant}e${exp10 < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  } else if (exp10 >= 0) {
    const intLen = exp10 + 1;
    const intPart = digits.slice(0, intLen).padEnd(intLen, '0');
    const frac = digits.slice(intLen);
    out = frac ? `${intPart}.${frac}` : intPart;
  } else {
    out = `0.${'0'.repeat(-exp10 - 1)}${digits}`;
  }
  return neg ? `-${out}` : out;
}

function custom(size: number, base: number, units: string[], precision: number): string {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return `${formatG(size, precision)}${units[i]}`;
}

/** units.HumanSizeWithPrecision */
export function humanSizeWithPrecision(size: number, precision: number): string {
  return custom(size, 1000, DECIMAL, precision);
}

/** units.HumanSize: "1.98MB" */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** units.BytesSize: "1.5GiB" */
export function bytesSize(size: number): string {
  return custom(size, 1024, BINARY, 4);
}

/** units.HumanDuration of a duration in milliseconds: "About a minute", "3 hours" */
export function humanDuration(ms: number): string {
  // Go truncates each conversion toward zero (int(d.Seconds()) ...)
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3600000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  // the years use the truncated hours, not the rounded ones
  return `${Math.trunc(Math.trunc(ms / 3600000) / 24 / 365)} years`;
}

/** units.HumanDuration of a Go time.Duration (nanoseconds), as the engine's JSON carries them */
export function humanDurationNs(ns: number): string {
  return humanDuration(ns / 1e6);
}
