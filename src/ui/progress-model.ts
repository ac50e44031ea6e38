// The state behind the terminal view of a JSON message stream (pull, push): what docker's
// terminal display would show at this moment, kept as data. Messages with an id and progress
// are rows, one per id, each showing its latest message; any other message ends the group of
// rows (docker forgets their ids then: a later message with the same id starts a new row)
// and is printed below them. Rows and lines that can no longer change are `done`.
import type { JSONMessage } from '../engine/stream.js';
import { JSONMessageError, progressString, rfc3339NanoFixed } from '../cli/jsonstream.js';

export interface ProgressRow {
  id: string;
  /** the row's latest message */
  jm: JSONMessage;
  /** how many messages it has had: a row that changes is a row being worked on */
  updates: number;
}

/** statuses after which a layer's row does not change any more */
const FINAL = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from )/;

export function isFinal(row: ProgressRow): boolean {
  return FINAL.test(row.jm.status ?? '');
}

export function isRetrying(row: ProgressRow): boolean {
  return /^Retrying in /.test(row.jm.status ?? '');
}

function prefix(jm: JSONMessage): string {
  let s = '';
  if (jm.timeNano) s += `${rfc3339NanoFixed(BigInt(jm.timeNano))} `;
  else if (jm.time) s += `${rfc3339NanoFixed(BigInt(jm.time) * 1_000_000_000n)} `;
  if (jm.id) s += `${jm.id}: `;
  if (jm.from) s += `(from ${jm.from}) `;
  return s;
}

/** a row as docker's terminal display draws it: id, status, bar and counts for `width` columns */
export function rowText(jm: JSONMessage, width: number, nowMs: number): string {
  const status = jm.status ?? '';
  if (jm.progressDetail != null) return `${prefix(jm)}${status} ${progressString(jm.progressDetail, width, nowMs)}`;
  return `${prefix(jm)}${status} ${jm.progress ?? ''}`;
}

export class ProgressModel {
  /** finished lines, in order */
  readonly done: string[] = [];
  /** an unfinished line of stream text, shown below the rows until its newline comes */
  partial = '';
  /** the current group's rows, in the order their ids first came */
  rows: ProgressRow[] = [];
  private ids = new Map<string, ProgressRow>();
  /** bumped on every change, so the view redraws only when something changed */
  version = 0;
  /** messages with an aux field (the push's digest, a build's image ID) */
  onAux?: (jm: JSONMessage) => void;

  constructor(
    /** the terminal's width when rows are frozen into lines */
    private readonly width: () => number = () => 200,
    private readonly now: () => number = Date.now,
  ) {}

  /** one message; an errorDetail freezes the view and throws docker's error */
  apply(jm: JSONMessage): void {
    if (jm.aux != null) {
      this.onAux?.(jm);
      return;
    }
    this.version++;
    if (jm.errorDetail != null) {
      this.freeze();
      throw new JSONMessageError(jm.errorDetail.message ?? '', jm.errorDetail.code ?? 0);
    }
    if (jm.id && (jm.progressDetail != null || jm.progress)) {
      let row = this.ids.get(jm.id);
      if (!row) {
        row = { id: jm.id, jm, updates: 0 };
        this.ids.set(jm.id, row);
        this.rows.push(row);
      }
      row.jm = jm;
      row.updates++;
      return;
    }
    this.freeze();
    let text = prefix(jm);
    if (jm.progress) text += `${jm.status ?? ''} ${jm.progress}`;
    else if (jm.stream) text += jm.stream;
    else text += `${jm.status ?? ''}\n`;
    this.write(text);
  }

  private write(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    for (const line of parts) this.done.push(line.replace(/\r$/, ''));
  }

  /** the current rows become finished lines (a new group starts) */
  freeze(): void {
    if (this.rows.length === 0) return;
    const width = this.width();
    const now = this.now();
    if (this.partial !== '') {
      this.done.push(this.partial);
      this.partial = '';
    }
    for (const row of this.rows) this.done.push(rowText(row.jm, width, now));
    this.rows = [];
    this.ids.clear();
    this.version++;
  }

  /** the end of the stream: everything is final */
  finish(): void {
    this.freeze();
    if (this.partial !== '') {
      this.done.push(this.partial);
      this.partial = '';
      this.version++;
    }
  }
}

/** a row moving right now: bytes going through, or a retry counting down */
export function isBusy(row: ProgressRow): boolean {
  const p = row.jm.progressDetail;
  return isRetrying(row) || (p != null && ((p.current ?? 0) > 0 || (p.total ?? 0) > 0));
}

export interface WindowedRows {
  rows: ProgressRow[];
  /** finished rows left out */
  done: number;
  /** unfinished rows left out */
  hidden: number;
}

/**
 * The rows that fit in `height` lines. When they all fit, all of them; else one line goes to
 * a summary of what is left out: finished rows first, then, of the unfinished ones, those
 * that are not moving (waiting, queued) before those that are. Shown rows keep their order.
 */
export function windowRows(rows: ProgressRow[], height: number): WindowedRows {
  if (rows.length <= height) return { rows, done: 0, hidden: 0 };
  const room = Math.max(1, height - 1);
  const active = rows.filter((r) => !isFinal(r));
  const done = rows.length - active.length;
  if (active.length <= room) return { rows: active, done, hidden: 0 };
  const busy = active.filter(isBusy);
  const keep = new Set(busy.slice(0, room));
  for (const r of active) {
    if (keep.size >= room) break;
    keep.add(r);
  }
  return { rows: active.filter((r) => keep.has(r)), done, hidden: active.length - keep.size };
}

/** the summary line of what windowRows left out */
export function windowSummary(w: WindowedRows): string {
  const parts: string[] = [];
  if (w.done > 0) parts.push(`${w.done} done`);
  if (w.hidden > 0) parts.push(`${w.hidden} more`);
  return parts.length > 0 ? `… ${parts.join(', ')}` : '';
}
