import { quote } from './strconv.js';

// Small renderings docker's formatters share: IDs, ellipsis by display width, Go's quoting
// and time printing.

export function truncateId(id: string): string {
  const i = id.indexOf(':');
  if (i >= 0) id = id.slice(i + 1);
  return id.length > 12 ? id.slice(0, 12) : id;
}

/** go-runewidth's width of one code point (east asian wide = 2, combining = 0) */
export function runeWidth(cp: number): number {
  if (cp === 0) return 0;
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** formatter.Ellipsis */
export function ellipsis(s: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  const rs = Array.from(s);
  if (maxWidth === 1) return rs[0] ?? '';
  if (Buffer.byteLength(s) === rs.length) {
    if (rs.length <= maxWidth) return s;
    return `${rs.slice(0, maxWidth - 1).join('')}…`;
  }
  const display: number[] = [];
  let width = 0;
  for (const r of rs) {
    width += runeWidth(r.codePointAt(0)!);
    display.push(width);
  }
  if (width <= maxWidth) return s;
  for (let i = 0; i < display.length - 1; i++) {
    if (display[i]! <= maxWidth - 1 && display[i + 1]! > maxWidth - 1) return `${rs.slice(0, i + 1).join('')}…`;
  }
  return s;
}

/** strconv.Quote */
export const goQuote = quote;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function zoneName(d: Date): string {
  const off = -d.getTimezoneOffset();
  if (off === 0 && (process.env.TZ === undefined || process.env.TZ === '' || process.env.TZ === 'UTC')) return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
    if (part && !/^GMT[+-]/.test(part.value)) return part.value === 'GMT' && off === 0 ? 'UTC' : part.value;
  } catch {
    // no Intl zone data
  }
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${pad2(Math.floor(a / 60))}${a % 60 ? pad2(a % 60) : ''}`;
}

/** Go's time.Time.String() for a Unix time in seconds, in the local zone */
export function goTimeString(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} ${sign}${pad2(Math.floor(a / 60))}${pad2(a % 60)} ${zoneName(d)}`;
}
