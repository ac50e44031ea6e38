// docker's GetTimestamp (api/types/time): --since/--until values as the engine wants them.
import { goParseDuration } from './opts/goparse.js';

export function getTimestamp(value: string, now: Date = new Date()): string {
  try {
    const d = goParseDuration(value);
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
