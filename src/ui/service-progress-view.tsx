// The terminal view of a service's convergence (loaded only when stdout is a terminal): the
// overall count, a row per task slot (or node) with its state and a bar, the verification
// countdown, redrawn in place by Ink. Lines of a finished group go to <Static>. At the end the
// rows are written out as docker's display leaves them, so the screen keeps what docker's would.
import React from 'react';
import { Box, Static, Text, render, type Instance } from 'ink';
import type { JSONMessage } from '../engine/stream.js';
import { ServiceProgressModel, liveLine, type RowTone } from './service-progress-model.js';

const REDRAW_MS = 100;
const INK_FRAME_MS = 40;

const TONE_COLOR: Record<RowTone, string | undefined> = { ok: 'green', busy: 'yellow', error: 'red', plain: undefined };

export interface ServiceProgressAppProps {
  model: ServiceProgressModel;
  width: number;
  /** the terminal's height: a live region taller than it would make Ink clear the screen on every frame */
  height: number;
  printed: number;
  color: boolean;
}

export function ServiceProgressApp({ model, width, height, printed, color }: ServiceProgressAppProps): React.ReactElement {
  const items = model.done.slice(printed).map((line, i) => ({ line, key: printed + i }));
  const room = Math.max(1, height - 2);
  const rows = model.rows.length > room ? model.rows.slice(0, room - 1) : model.rows;
  const hidden = model.rows.length - rows.length;
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
        {rows.map((row) => {
          const l = liveLine(row);
          const tint = color ? TONE_COLOR[l.tone] : undefined;
          return (
            <Text key={row.id} wrap="truncate-end">
              <Text color={l.bar === '' ? tint : undefined}>{l.head}</Text>
              {l.bar !== '' && <Text color={tint}>{` ${l.bar}`}</Text>}
            </Text>
          );
        })}
        {hidden > 0 && <Text dimColor={color}>{`… ${hidden} more`}</Text>}
      </Box>
    </>
  );
}

export interface ServiceProgressView {
  apply(jm: JSONMessage): void;
  /** the last frame: every row written out as a finished line, Ink let go */
  end(): Promise<void>;
}

export function attachServiceProgressView(out: NodeJS.WriteStream, o: { color?: boolean } = {}): ServiceProgressView {
  const width = (): number => out.columns || 80;
  const model = new ServiceProgressModel(width);
  const color = o.color ?? (!process.env.NO_COLOR && (out.hasColors?.() ?? false));
  const height = (): number => out.rows || 24;
  const element = (): React.ReactElement => <ServiceProgressApp model={model} width={width()} height={height()} printed={0} color={color} />;
  const instance: Instance = render(element(), { stdout: out, stderr: process.stderr, exitOnCtrlC: false, patchConsole: false });
  let drawn = model.version;
  let lastDraw = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const draw = (): void => {
    drawn = model.version;
    instance.rerender(element());
    lastDraw = Date.now();
  };
  const redraw = (): void => {
    timer = undefined;
    if (drawn !== model.version) draw();
  };
  return {
    apply(jm) {
      model.apply(jm);
      timer ??= setTimeout(redraw, Math.max(INK_FRAME_MS, REDRAW_MS - (Date.now() - lastDraw)));
    },
    async end() {
      if (timer) clearTimeout(timer);
      const wait = lastDraw + INK_FRAME_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      model.flushRows();
      draw();
      instance.clear();
      instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
    },
  };
}
