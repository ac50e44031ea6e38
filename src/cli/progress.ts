// Where a pull's or push's JSON message stream goes: nowhere but its errors with -q, docker's
// plain lines when the output is not a terminal (jsonstream.ts), the live view when it is.
//
// The live view (Ink) costs about half a second of CPU to load here, more than a pull from a
// nearby registry takes. So on a terminal the stream first goes into the view's model with
// its finished lines written as they come (what docker's display shows of them too); only a
// stream still going after GRACE_MS loads Ink, which takes over from there. A short pull never
// loads it, and ends on the same screen.
import type { JSONMessage } from '../engine/stream.js';
import { jsonMessages, type ByteSource } from '../engine/stream.js';
import { displayJSONMessages, JSONMessageError } from './jsonstream.js';
import { ProgressModel } from '../ui/progress-model.js';
import type { ProgressView } from '../ui/progress-view.js';
import { withoutCiDetection } from '../util/ci-env.js';

/** how long a stream runs before the live view is loaded */
export const GRACE_MS = 500;

export interface ProgressOptions {
  /** discard the progress; errors still end the command */
  quiet?: boolean;
  /** messages with an aux field */
  aux?: (jm: JSONMessage) => void;
}

/** Shows `src` on `out` as docker would (DisplayJSONMessagesToStream); throws the stream's error. */
export async function showProgress(src: ByteSource, out: NodeJS.WriteStream, o: ProgressOptions = {}): Promise<void> {
  if (o.quiet) {
    for await (const value of jsonMessages<JSONMessage>(src)) {
      const jm: JSONMessage = value && typeof value === 'object' ? value : {};
      if (jm.aux != null) o.aux?.(jm);
      else if (jm.errorDetail != null) throw new JSONMessageError(jm.errorDetail.message ?? '', jm.errorDetail.code ?? 0);
    }
    return;
  }
  if (out.isTTY) {
    await showOnTerminal(src, out, o.aux);
    return;
  }
  await displayJSONMessages(src, out, { isTerminal: false, aux: o.aux });
}

async function showOnTerminal(src: ByteSource, out: NodeJS.WriteStream, aux?: (jm: JSONMessage) => void): Promise<void> {
  const model = new ProgressModel(() => out.columns || 80);
  model.onAux = aux;
  let printed = 0;
  const writeDone = (): void => {
    let s = '';
    while (printed < model.done.length) s += `${model.done[printed++]}\n`;
    if (s !== '') out.write(s);
  };
  let view: ProgressView | undefined;
  let loading: Promise<void> | undefined;
  let ended = false;
  const load = (): void => {
    // a terminal of unknown size (rows 0) would make Ink clear the whole screen on every frame
    if (ended || loading || !(out.rows > 0)) return;
    // React's production build: its development one checks and allocates much more per frame
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV ??= 'production';
    loading = withoutCiDetection(() => import('../ui/progress-view.js'))
      .finally(() => {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
      })
      .then((m) => {
        if (ended) return;
        writeDone();
        view = m.attachProgressView(model, out, printed);
      });
  };
  const grace = setTimeout(load, GRACE_MS);
  let failure: unknown;
  try {
    for await (const value of jsonMessages<JSONMessage>(src)) {
      model.apply(value && typeof value === 'object' ? value : {});
      if (view) view.changed();
      else writeDone();
    }
  } catch (e) {
    failure = e;
  } finally {
    clearTimeout(grace);
    model.finish();
    if (loading) await loading.catch(() => undefined);
    ended = true;
    if (view) await view.end();
    else writeDone();
  }
  if (failure !== undefined) throw failure;
}
