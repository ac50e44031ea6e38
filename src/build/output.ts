// What docker prints of a classic build when stdout is not a terminal: the upload's last
// progress line ("Sending build context to Docker daemon  4.608kB\r\r\n") and the daemon's
// JSON messages as jsonmessage.DisplayJSONMessagesStream shows them without a terminal
// (progress bars dropped, streams as they come, aux messages handed to a callback).
import type { JSONMessage, JSONProgress } from '../engine/stream.js';
import { humanSize } from '../util/units.js';

export const SENDING = 'Sending build context to Docker daemon';

/** JSONProgress.String() for a total-less count, as the upload's progress shows it */
export function progressText(current: number, total = 0, width = 200): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  let percentage = Math.trunc(Math.trunc((current / total) * 100) / 2);
  if (percentage > 50) percentage = 50;
  let bar = '';
  if (width > 110) bar = `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] `;
  let numbers = `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  if (current > total) numbers = humanSize(current).padStart(8);
  return bar + numbers;
}

/** rawProgressFormatter.formatProgress, plus the "\r\n" progressOutput adds after the last update */
export function progressLine(action: string, current: number, total: number, last: boolean): string {
  const p = progressText(current, total);
  return `${action} ${p}${p === '' ? '\r\n' : '\r'}${last ? '\r\n' : ''}`;
}

/** RFC3339NanoFixed in local time */
function rfc3339NanoFixed(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const frac = String(((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).padStart(9, '0');
  const off = -d.getTimezoneOffset();
  const tz = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${frac}${tz}`;
}

/** the daemon's error in a message (jsonmessage's JSONError), code 0 when it gave none */
export class BuildMessageError extends Error {
  readonly code: number;
  constructor(message: string, code: number) {
    super(message);
    this.code = code;
  }
}

function hasProgress(p: JSONProgress | undefined): p is JSONProgress {
  return p !== undefined && p !== null;
}

/** JSONMessage.Display without a terminal; throws the message's error */
export function displayMessage(jm: JSONMessage, write: (s: string) => void): void {
  if (jm.errorDetail) throw new BuildMessageError(jm.errorDetail.message ?? '', jm.errorDetail.code ?? 0);
  const progress = hasProgress(jm.progressDetail) ? jm.progressDetail : undefined;
  if (progress && progressText(progress.current ?? 0, progress.total ?? 0) !== '') return;
  let s = '';
  if (jm.timeNano) s += `${rfc3339NanoFixed(BigInt(jm.timeNano))} `;
  else if (jm.time) s += `${rfc3339NanoFixed(BigInt(jm.time) * 1_000_000_000n)} `;
  if (jm.id) s += `${jm.id}: `;
  if (jm.from) s += `(from ${jm.from}) `;
  if (jm.progress) s += `${jm.status ?? ''} ${jm.progress}`;
  else if (jm.stream) s += jm.stream;
  else s += `${jm.status ?? ''}\n`;
  write(s);
}

/** the image ID of a build's aux message ({"ID": "sha256:..."}) */
export function auxImageId(aux: unknown): string | undefined {
  if (aux && typeof aux === 'object' && typeof (aux as { ID?: unknown }).ID === 'string') return (aux as { ID: string }).ID;
  return undefined;
}
