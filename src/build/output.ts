// What docker prints of a classic build when stdout is not a terminal: the upload's last
// progress line ("Sending build context to Docker daemon  4.608kB\r\r\n") and the daemon's
// JSON messages as jsonmessage.DisplayJSONMessagesStream shows them without a terminal
// (src/cli/jsonstream.ts: progress bars dropped, streams as they come).
import type { JSONMessage } from '../engine/stream.js';
import { displayText, JSONMessageError, progressString } from '../cli/jsonstream.js';
import { goQuote } from '../cli/flags.js';

export const SENDING = 'Sending build context to Docker daemon';

/** JSONProgress.String() of a count (and total), docker's width when it has no terminal */
export function progressText(current: number, total = 0, width = 200): string {
  return progressString({ current, total }, width, Date.now());
}

/** rawProgressFormatter.formatProgress, plus the "\r\n" progressOutput adds after the last update */
export function progressLine(action: string, current: number, total: number, last: boolean): string {
  const p = progressText(current, total);
  return `${action} ${p}${p === '' ? '\r\n' : '\r'}${last ? '\r\n' : ''}`;
}

/** the daemon's error in a message (jsonmessage's JSONError), code 0 when it gave none */
export { JSONMessageError as BuildMessageError };

/** JSONMessage.Display without a terminal; throws the message's error */
export function displayMessage(jm: JSONMessage, write: (s: string) => void): void {
  const s = displayText(jm, false, 200, Date.now());
  if (s !== '') write(s);
}

/** the image ID of a build's aux message ({"ID": "sha256:..."}) */
export function auxImageId(aux: unknown): string | undefined {
  if (aux && typeof aux === 'object' && typeof (aux as { ID?: unknown }).ID === 'string') return (aux as { ID: string }).ID;
  return undefined;
}

/** a logrus text line as docker's CLI logs to stderr: time="…" level=… msg=… key=… */
export function logrus(level: 'error' | 'warning', msg: string, fields: Record<string, string> = {}, now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const off = -now.getTimezoneOffset();
  const tz = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  const t = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}${tz}`;
  const value = (v: string): string => (/^[A-Za-z0-9\-._/@^+]+$/.test(v) ? v : goQuote(v));
  const extra = Object.entries(fields).map(([k, v]) => ` ${k}=${value(v)}`).join('');
  return `time="${t}" level=${level} msg=${value(msg)}${extra}\n`;
}
