// Where a pull's or push's JSON message stream goes: nowhere but its errors with -q, docker's
// plain lines when the output is not a terminal (jsonstream.ts), the Ink view when it is
// (loaded only then: one-shot commands never load ink/react).
import type { JSONMessage } from '../engine/stream.js';
import { jsonMessages, type ByteSource } from '../engine/stream.js';
import { displayJSONMessages, JSONMessageError } from './jsonstream.js';

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
    const { renderProgress } = await import('../ui/progress-view.js');
    await renderProgress(src, out, { aux: o.aux });
    return;
  }
  await displayJSONMessages(src, out, { isTerminal: false, aux: o.aux });
}
