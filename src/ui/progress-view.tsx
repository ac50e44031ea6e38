// The terminal view of a pull's or push's progress (loaded only when the output is a
// terminal): docker's shape — a line per layer with its id, status, progress bar and byte
// counts, redrawn in place — drawn by Ink. Finished lines go to <Static> and are written once;
// the rows of the current group are the live region, redrawn at most every REDRAW_MS and
// at most a terminal's height. At the end everything is written out, so the screen keeps what
// docker's would.
import React from 'react';
import { Box, Static, Text, render, type Instance } from 'ink';
import type { JSONMessage } from '../engine/stream.js';
import { jsonMessages, type ByteSource } from '../engine/stream.js';
import { ProgressModel, isFinal, isRetrying, rowText, windowRows, windowSummary, type ProgressRow } from './progress-model.js';

/** the live region's redraw period: often enough to look smooth, rare enough to cost little */
export const REDRAW_MS = 100;
/**
 * Ink's own frame throttle (30 fps): redraws spaced wider than this are always drawn at once,
 * so no frame of Ink's is still pending when the view ends (a late one would land below the
 * final lines).
 */
const INK_FRAME_MS = 40;

const SGR = {
  green: ['\x1b[32m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
} as const;

/** a line cut to `width` columns as Ink's truncate-end cuts it (the text is ASCII but for rare statuses) */
function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** a row's line: docker's text for this width, the status coloured when the terminal has colours */
function rowLine(row: ProgressRow, width: number, now: number, color: boolean): string {
  const line = cut(rowText(row.jm, width, now), width);
  const status = row.jm.status ?? '';
  const tint = !color || status === '' ? undefined : isFinal(row) ? SGR.green : isRetrying(row) ? SGR.yellow : undefined;
  const head = `${row.id}: `;
  if (!tint || row.jm.time || row.jm.timeNano || row.jm.from || !line.startsWith(head + status)) return line;
  return `${head}${tint[0]}${status}${tint[1]}${line.slice(head.length + status.length)}`;
}

/** rows' lines, recomputed only for rows that changed (or for a new width, or a clock that matters) */
class LineCache {
  private readonly lines = new WeakMap<ProgressRow, { jm: JSONMessage; width: number; line: string }>();

  get(row: ProgressRow, width: number, now: number, color: boolean): string {
    const hit = this.lines.get(row);
    if (hit && hit.jm === row.jm && hit.width === width && !row.jm.progressDetail?.start) return hit.line;
    const line = rowLine(row, width, now, color);
    this.lines.set(row, { jm: row.jm, width, line });
    return line;
  }
}

export interface ProgressAppProps {
  model: ProgressModel;
  /** the terminal's size */
  width: number;
  height: number;
  now: number;
  /** finished lines already on screen before the view began (written without it) */
  printed?: number;
  /** colour statuses (off in tests and on terminals without colours) */
  color?: boolean;
  /** keeps the rows' lines from one frame to the next */
  cache?: LineCache;
}

/**
 * Finished lines go to <Static>, one Text each, written once. The live region is a single
 * Text of pre-cut lines: one node for Ink to lay out and measure per frame, not one per row.
 */
export function ProgressApp({ model, width, height, now, printed = 0, color = false, cache = new LineCache() }: ProgressAppProps): React.ReactElement {
  const items = model.done.slice(printed).map((line, i) => ({ line, key: printed + i }));
  const room = Math.max(1, height - 1 - (model.partial !== '' ? 1 : 0));
  const win = windowRows(model.rows, room);
  const lines = win.rows.map((r) => cache.get(r, width, now, color));
  const summary = windowSummary(win);
  if (summary !== '') lines.push(color ? `${SGR.dim[0]}${summary}${SGR.dim[1]}` : summary);
  if (model.partial !== '') lines.push(cut(model.partial, width));
  return (
    <>
      <Static items={items}>
        {(it) => (
          <Text key={it.key} wrap="truncate-end">
            {it.line === '' ? ' ' : it.line}
          </Text>
        )}
      </Static>
      <Box flexDirection="column" width={width}>
        {lines.length > 0 && <Text>{lines.join('\n')}</Text>}
      </Box>
    </>
  );
}

export interface ProgressViewOptions {
  /** for tests: the clock */
  now?: () => number;
  /** called on every redraw (tests and the benchmark count them) */
  onFrame?: () => void;
}

export interface ProgressView {
  /** the model changed: a redraw is due (at most every REDRAW_MS) */
  changed(): void;
  /** the model is final: its last lines are written, the live region erased, Ink let go */
  end(): Promise<void>;
}

/**
 * Draws `model` on the terminal `out` from now on; `printed` finished lines are on screen
 * already. The caller feeds the model and calls changed() and, at the end, end().
 */
export function attachProgressView(model: ProgressModel, out: NodeJS.WriteStream, printed = 0, o: ProgressViewOptions = {}): ProgressView {
  const now = o.now ?? Date.now;
  const width = (): number => out.columns || 80;
  const height = (): number => out.rows || 24;
  const color = !process.env.NO_COLOR && (out.hasColors?.() ?? false);
  const cache = new LineCache();
  const element = (): React.ReactElement => <ProgressApp model={model} width={width()} height={height()} now={now()} printed={printed} color={color} cache={cache} />;
  const instance: Instance = render(element(), {
    stdout: out,
    stderr: process.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let drawn = model.version;
  let lastDraw = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const draw = (): void => {
    drawn = model.version;
    instance.rerender(element());
    lastDraw = Date.now();
    o.onFrame?.();
  };
  const redraw = (): void => {
    timer = undefined;
    if (drawn !== model.version) draw();
  };
  return {
    changed() {
      timer ??= setTimeout(redraw, Math.max(INK_FRAME_MS, REDRAW_MS - (Date.now() - lastDraw)));
    },
    async end() {
      if (timer) clearTimeout(timer);
      // the last frame: every line goes above the live region, which is then erased, so the
      // screen ends as docker's does, the cursor below the last line
      const wait = lastDraw + INK_FRAME_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      draw();
      instance.clear();
      instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
    },
  };
}

/**
 * Shows the JSON message stream `src` on the terminal `out` with the view from the first
 * message on, until it ends; an errorDetail leaves the view as it stands and rejects with
 * docker's error. (Commands go through src/cli/progress.ts, which loads this view only
 * for streams that last.)
 */
export async function renderProgress(src: ByteSource, out: NodeJS.WriteStream, o: ProgressViewOptions & { aux?: (jm: JSONMessage) => void } = {}): Promise<void> {
  const model = new ProgressModel(() => out.columns || 80, o.now ?? Date.now);
  model.onAux = o.aux;
  const view = attachProgressView(model, out, 0, o);
  let failure: unknown;
  try {
    for await (const value of jsonMessages<JSONMessage>(src)) {
      model.apply(value && typeof value === 'object' ? value : {});
      view.changed();
    }
  } catch (e) {
    failure = e;
  } finally {
    model.finish();
    await view.end();
  }
  if (failure !== undefined) throw failure;
}
