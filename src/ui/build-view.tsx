// The terminal view of a classic build (loaded only when stdout is a terminal): finished
// steps collapsed to one line each (✔ title, resulting image, time), the running step with
// a spinner and the live tail of its output, the upload while it lasts. At the end the view
// gives way to docker's whole plain log, so the screen holds what docker would have printed.
import React from 'react';
import { Box, Text, render, type Instance } from 'ink';
import type { JSONMessage } from '../engine/stream.js';
import type { BuildView } from '../build/run.js';
import { progressText, SENDING } from '../build/output.js';
import { BuildModel, type Step } from './build-model.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function StepLine({ step, now }: { step: Step; now: number }): React.ReactElement {
  const mark = step.state === 'done' ? <Text color="green">✔</Text> : step.state === 'failed' ? <Text color="red">✖</Text> : <Text color="cyan">{SPINNER[Math.floor(now / 80) % SPINNER.length]}</Text>;
  const took = seconds((step.ended ?? now) - step.started);
  const outcome = step.cached ? 'cached' : step.result ? step.result.slice(0, 12) : '';
  return (
    <Box>
      {mark}
      <Box flexGrow={1} marginLeft={1}>
        <Text wrap="truncate-end" bold={step.state === 'running'}>
          {step.title}
        </Text>
      </Box>
      <Box marginLeft={1} flexShrink={0}>
        <Text dimColor>
          {outcome ? `${outcome} ` : ''}
          {took}
        </Text>
      </Box>
    </Box>
  );
}

export interface BuildAppProps {
  model: BuildModel;
  /** the terminal's size */
  rows: number;
  now: number;
}

/** the live region: it never grows taller than the terminal */
export function BuildApp({ model, rows, now }: BuildAppProps): React.ReactElement {
  // the running step, or the one that failed: shown with its output
  const last = model.steps[model.steps.length - 1];
  const cur = model.current ?? (last?.state === 'failed' ? last : undefined);
  const progress = [...model.progress.values()].slice(-4);
  const uploading = !model.upload.done && model.steps.length === 0;
  const budget = Math.max(4, rows - 2);
  // the running step's tail gets what the other lines leave, at least 3 and at most 10
  const finished = model.steps.filter((s) => s !== cur);
  const fixed = (uploading ? 1 : 0) + (cur ? 1 : 0) + progress.length;
  const tailRoom = cur ? Math.max(3, Math.min(10, budget - fixed - Math.min(finished.length, 5))) : 0;
  const tail = cur ? cur.tail.slice(-tailRoom) : [];
  const stepRoom = Math.max(1, budget - fixed - tail.length);
  const hidden = Math.max(0, finished.length - stepRoom + (finished.length > stepRoom ? 1 : 0));
  const shown = finished.slice(hidden);
  return (
    <Box flexDirection="column">
      {uploading && (
        <Text>
          {SENDING} {progressText(model.upload.bytes) || '      0B'}
        </Text>
      )}
      {hidden > 0 && <Text dimColor>… {hidden} earlier steps</Text>}
      {shown.map((s) => (
        <StepLine key={s.index + s.title} step={s} now={now} />
      ))}
      {cur && <StepLine step={cur} now={now} />}
      {tail.map((line, i) => (
        <Box key={i} marginLeft={2}>
          <Text wrap="truncate-end" dimColor>
            {line === '' ? ' ' : line}
          </Text>
        </Box>
      ))}
      {progress.map((p, i) => (
        <Box key={`p${i}`} marginLeft={2}>
          <Text wrap="truncate-end">{p}</Text>
        </Box>
      ))}
    </Box>
  );
}

export interface ViewStreams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** the terminal view behind run.ts's BuildView */
export function renderBuildView(streams: ViewStreams, model = new BuildModel()): BuildView {
  const rows = (): number => streams.stdout.rows || 24;
  const element = (): React.ReactElement => <BuildApp model={model} rows={rows()} now={Date.now()} />;
  const instance: Instance = render(element(), {
    stdout: streams.stdout,
    stderr: streams.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let drawn = -1;
  const redraw = (): void => {
    if (drawn === model.version && model.current === undefined) return;
    drawn = model.version;
    instance.rerender(element());
  };
  // a steady tick keeps spinners and clocks moving; changes are drawn at the same pace
  const timer = setInterval(redraw, 80);
  let ended = false;
  const end = async (err?: unknown): Promise<void> => {
    if (ended) return;
    ended = true;
    clearInterval(timer);
    process.removeListener('SIGINT', onSigint);
    if (err) model.fail(err instanceof Error ? err.message : String(err));
    else model.finish();
    // the live region goes, docker's whole log takes its place
    instance.clear();
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
    streams.stdout.write(model.plainLog());
  };
  const onSigint = (): void => {
    void end(new Error('interrupted')).then(() => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  return {
    upload(bytes, done) {
      model.setUpload(bytes, done);
    },
    download(text) {
      model.download(text);
    },
    message(jm: JSONMessage) {
      model.message(jm);
    },
    end,
  };
}
