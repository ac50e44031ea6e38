// docker's jsonmessage display (jsonstream.Display): the JSON message stream of load, import
// (and any other verb that answers with one) written as docker writes it — plain lines when
// the output is not a terminal, progress bars redrawn in place with cursor moves when it is.
import type { ByteSource, JSONMessage, JSONProgress } from '../engine/stream.js';
import { jsonMessages } from '../engine/stream.js';
import { humanSize } from '../util/units.js';
import { durationString } from '../format/inspect-types/gotime.js';

/** a message's errorDetail: docker prints its message (nothing when empty) and exits 1 */
export class JSONMessageError extends Error {
  readonly code: number;
  constructor(message: string, code = 0) {
    super(message);
    this.name = 'JSONMessageError';
    this.code = code;
  }
}

export interface DisplayOptions {
  isTerminal: boolean;
  /** the terminal's width (progress bars need more than 110 columns); 200 when unknown */
  width?: () => number | undefined;
  /** messages with an aux field go here instead of the output */
  aux?: (jm: JSONMessage) => void;
  /** for tests: the current time in ms */
  now?: () => number;
}

const ESC = '\x1b[';

function pad8(s: string): string {
  return s.length >= 8 ? s : ' '.repeat(8 - s.length) + s;
}

/** JSONProgress.String() */
export function progressString(p: JSONProgress, width: number, nowMs: number): string {
  const current = p.current ?? 0;
  const total = p.total ?? 0;
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return p.units ? `${current} ${p.units}` : pad8(humanSize(current));
  let percentage = Math.trunc(Math.trunc((current / total) * 100) / 2);
  if (percentage > 50) percentage = 50;
  let pbBox = '';
  if (width > 110) pbBox = `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] `;
  let numbersBox = '';
  if (!p.hidecounts) {
    if (!p.units) {
      numbersBox = current > total ? pad8(humanSize(current)) : `${pad8(humanSize(current))}/${humanSize(total)}`;
    } else {
      numbersBox = current > total ? `${current} ${p.units}` : `${current}/${total} ${p.units}`;
    }
  }
  let timeLeftBox = '';
  if (width > 50 && current > 0 && (p.start ?? 0) > 0 && percentage < 50) {
    const fromStartNs = BigInt(Math.round(nowMs * 1e6)) - BigInt(p.start!) * 1_000_000_000n;
    const perEntry = fromStartNs / BigInt(current);
    const left = BigInt(total - current) * perEntry;
    // Duration.Round(time.Second): halves away from zero
    const sec = 1_000_000_000n;
    let q = left / sec;
    const r = left % sec;
    if (r >= sec / 2n) q += 1n;
    else if (r <= -sec / 2n) q -= 1n;
    timeLeftBox = ` ${durationString(q * sec)}`;
  }
  return pbBox + numbersBox + timeLeftBox;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** time.Format(RFC3339NanoFixed) in the local zone */
export function rfc3339NanoFixed(unixNs: bigint): string {
  const ms = Number(unixNs / 1_000_000n);
  const d = new Date(ms);
  const nanos = Number(((unixNs % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n);
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(nanos, 9)}${zone}`;
}

/** Writes `s`, waiting for the output to drain when it asks to. */
function writeOut(out: NodeJS.WritableStream, s: string): Promise<void> | undefined {
  if (s === '' || out.write(s)) return undefined;
  return new Promise<void>((resolve, reject) => {
    const done = (err?: unknown): void => {
      out.removeListener('drain', onDrain);
      out.removeListener('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onError = (e: unknown): void => done(e);
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

/** JSONMessage.Display: the text of one message, or the error it carries */
export function displayText(jm: JSONMessage, isTerminal: boolean, width: number, nowMs: number): string {
  if (jm.errorDetail != null) throw new JSONMessageError(jm.errorDetail.message ?? '', jm.errorDetail.code ?? 0);
  let s = '';
  let endl = '';
  const progress = jm.progressDetail != null ? jm.progressDetail : undefined;
  if (isTerminal && !jm.stream && progress) {
    s += `${ESC}2K`;
    endl = '\r';
    s += endl;
  } else if (progress && progressString(progress, width, nowMs) !== '') {
    return '';
  }
  if (jm.timeNano) s += `${rfc3339NanoFixed(BigInt(jm.timeNano))} `;
  else if (jm.time) s += `${rfc3339NanoFixed(BigInt(jm.time) * 1_000_000_000n)} `;
  if (jm.id) s += `${jm.id}: `;
  if (jm.from) s += `(from ${jm.from}) `;
  if (progress && isTerminal) s += `${jm.status ?? ''} ${progressString(progress, width, nowMs)}${endl}`;
  else if (jm.progress) s += `${jm.status ?? ''} ${jm.progress}${endl}`;
  else if (jm.stream) s += `${jm.stream}${endl}`;
  else s += `${jm.status ?? ''}${endl}\n`;
  return s;
}

/** DisplayJSONMessagesStream: every message of `src` to `out`; throws the first error message */
export async function displayJSONMessages(src: ByteSource, out: NodeJS.WritableStream, o: DisplayOptions): Promise<void> {
  const ids = new Map<string, number>();
  const width = (): number => (o.isTerminal ? (o.width?.() ?? 200) : 200);
  const now = o.now ?? Date.now;
  for await (const value of jsonMessages<JSONMessage>(src)) {
    const jm: JSONMessage = value && typeof value === 'object' ? value : {};
    if (jm.aux != null) {
      o.aux?.(jm);
      continue;
    }
    let diff = 0;
    let s = '';
    if (jm.id && (jm.progressDetail != null || jm.progress)) {
      let line = ids.get(jm.id);
      if (line === undefined) {
        line = ids.size;
        ids.set(jm.id, line);
        if (o.isTerminal) s += '\n';
      }
      diff = ids.size - line;
      if (o.isTerminal && diff > 0) s += `${ESC}${diff}A`;
    } else {
      ids.clear();
    }
    let failure: unknown;
    try {
      s += displayText(jm, o.isTerminal, width(), now());
    } catch (e) {
      failure = e;
    }
    if (jm.id && o.isTerminal && diff > 0) s += `${ESC}${diff}B`;
    await writeOut(out, s);
    if (failure) throw failure;
  }
}
