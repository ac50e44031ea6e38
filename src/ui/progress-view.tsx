// The terminal view of a pull's or push's progress (loaded only when the output is a
// terminal): docker's shape — a line per layer with its id, status, progress bar and byte
// counts, redrawn in place — drawn by Ink. Finished lines go to <Static> and are written once;
// the rows of the current group are the live region, redrawn at most every REDRAW_MS, changed
// lines only. At the end everything is written out, so the screen keeps what docker's would.
import React from 'react';
import { Box, Static, Text, render, type Instance } from 'ink';
import type { JSONMessage } from '../engine/stream.js';
import { jsonMessages, type ByteSource } from '../engine/stream.js';
import { progressString } from '../cli/jsonstream.js';
import { ProgressModel, isFinal, isRetrying, rowText, windowRows, type ProgressRow } from './progress-model.js';

/** the live region's redraw period: often enough to look smooth, rare enough to cost little */
export const REDRAW_MS = 100;

function RowLine({ row, width, now }: { row: ProgressRow; width: number; now: number }): React.ReactElement {
  const jm = row.jm;
  const status = jm.status ?? '';
  const color = isFinal(row) ? 'green' : isRetrying(row) ? 'yellow' : undefined;
  if (jm.timeNano || jm.time || jm.from) {
    return <Text wrap="truncate-end">{rowText(jm, width, now)}</Text>;
  }
  const progress = jm.progressDetail != null ? progressString(jm.progressDetail, width, now) : (jm.progress ?? '');
  return (
    <Text wrap="truncate-end">
      {row.id}: <Text color={color}>{status}</Text> {progress}
    </Text>
  );
}

export interface ProgressAppProps {
  model: ProgressModel;
  /** the terminal's size */
  width: number;
  height: number;
  now: number;
}

export function ProgressApp({ model, width, height, now }: ProgressAppProps): React.ReactElement {
  const items = model.done.map((line, i) => ({ line, key: i }));
  const room = Math.max(1, height - 1 - (model.partial !== '' ? 1 : 0));
  const win = windowRows(model.rows, room);
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
        {win.foldedDone > 0 && <Text dimColor>{`… ${win.foldedDone} finished`}</Text>}
        {win.rows.map((r) => (
          <RowLine key={r.id} row={r} width={width} now={now} />
        ))}
        {win.hiddenActive > 0 && <Text dimColor>{`… ${win.hiddenActive} more`}</Text>}
        {model.partial !== '' && <Text wrap="truncate-end">{model.partial}</Text>}
      </Box>
    </>
  );
}

export interface ProgressViewOptions {
  /** messages with an aux field */
  aux?: (jm: JSONMessage) => void;
  /** for tests: the clock */
  now?: () => number;
}

/**
 * Shows the JSON message stream `src` on the terminal `out` until it ends; an errorDetail
 * leaves the view as it stands and rejects with docker's error.
 */
export async function renderProgress(src: ByteSource, out: NodeJS.WriteStream, o: ProgressViewOptions = {}): Promise<void> {
  const now = o.now ?? Date.now;
  const width = (): number => out.columns || 80;
  const height = (): number => out.rows || 24;
  const model = new ProgressModel(width, now);
  model.onAux = o.aux;
  const element = (): React.ReactElement => <ProgressApp model={model} width={width()} height={height()} now={now()} />;
  const instance: Instance = render(element(), {
    stdout: out,
    stderr: process.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: true,
  });
  let drawn = model.version;
  let timer: NodeJS.Timeout | undefined;
  const redraw = (): void => {
    timer = undefined;
    if (drawn === model.version) return;
    drawn = model.version;
    instance.rerender(element());
  };
  let failure: unknown;
  try {
    for await (const value of jsonMessages<JSONMessage>(src)) {
      model.apply(value && typeof value === 'object' ? value : {});
      timer ??= setTimeout(redraw, REDRAW_MS);
    }
    model.finish();
  } catch (e) {
    failure = e;
    model.finish();
  } finally {
    if (timer) clearTimeout(timer);
    drawn = -1;
    redraw();
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
  if (failure !== undefined) throw failure;
}
