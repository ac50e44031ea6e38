// What a terminal shows of a service's convergence progress: docker's jsonmessage display
// keeps one line per message ID (a message with an ID and a progress detail rewrites its ID's
// line; any other message starts the lines afresh below). The model holds those lines: the
// finished ones (`done`) and the current group's rows, which the live view redraws.
import type { JSONMessage } from '../engine/stream.js';
import { progressString } from '../cli/jsonstream.js';

export interface ServiceRow {
  id: string;
  jm: JSONMessage;
}

/** the line docker's terminal display leaves for `jm` (without its trailing spaces) */
export function terminalLine(jm: JSONMessage, width: number): string {
  let s = jm.id ? `${jm.id}: ` : '';
  if (jm.progressDetail) s += `${jm.status ?? ''} ${progressString(jm.progressDetail, width, Date.now())}`;
  else s += jm.status ?? '';
  return s.trimEnd();
}

export class ServiceProgressModel {
  readonly done: string[] = [];
  rows: ServiceRow[] = [];
  version = 0;

  constructor(private readonly width: () => number) {}

  apply(jm: JSONMessage): void {
    this.version++;
    if (jm.id && (jm.progressDetail != null || jm.progress)) {
      const row = this.rows.find((r) => r.id === jm.id);
      if (row) row.jm = jm;
      else this.rows.push({ id: jm.id, jm });
      return;
    }
    this.flushRows();
    this.done.push(terminalLine(jm, this.width()));
  }

  /** the rows become finished lines */
  flushRows(): void {
    for (const r of this.rows) this.done.push(terminalLine(r.jm, this.width()));
    this.rows = [];
  }
}

export type RowTone = 'ok' | 'busy' | 'error' | 'plain';

/** how a row reads: a task state with its bar, a task's error, or a plain status */
export function rowTone(row: ServiceRow): RowTone {
  const d = row.jm.progressDetail ?? {};
  if ((d.total ?? 0) > 0) return (d.current ?? 0) >= (d.total ?? 0) ? 'ok' : 'busy';
  const status = (row.jm.status ?? '').trim();
  if (/^\d+\/\d+$/.test(row.id) || /^[a-z0-9]{12,}$/.test(row.id)) return status === '' ? 'plain' : 'error';
  if (row.id === 'verify' && status.startsWith('Service ')) return 'ok';
  if (row.id === 'verify' && status === 'Detected task failure') return 'error';
  return 'plain';
}

const BAR = 20;

/** the live line of a row: its id and status, and a bar of its own for task states */
export function liveLine(row: ServiceRow): { head: string; bar: string; tone: RowTone } {
  const d = row.jm.progressDetail ?? {};
  const tone = rowTone(row);
  const head = `${row.id}: ${row.jm.status ?? ''}`.trimEnd();
  if ((d.total ?? 0) <= 0) return { head, bar: '', tone };
  const filled = Math.min(BAR, Math.round(((d.current ?? 0) / d.total!) * BAR));
  return { head: `${row.id}: ${row.jm.status ?? ''}`, bar: `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`, tone };
}
