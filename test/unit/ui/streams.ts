// JSON message streams for the progress view's tests and benchmark: two recorded from the
// engine (a pull and a push of a five-layer image), and synthetic ones in the engine's exact
// message shapes with many layers, retries and errors (deterministic: no clock, no randomness).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JSONMessage } from '../../../src/engine/stream.js';

const here = dirname(fileURLToPath(import.meta.url));

export function recorded(name: 'pull-real' | 'push-real'): JSONMessage[] {
  return readFileSync(join(here, 'fixtures', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as JSONMessage);
}

/** a 12-hex-digit layer id from a number */
export const layerId = (n: number): string => (0x1a2b3c4d5e00 + n * 7919).toString(16).padStart(12, '0');

/** the engine's pre-rendered bar (the `progress` member docker ignores on a terminal) */
function bar(current: number, total: number): string {
  const pct = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  return `[${'='.repeat(pct)}>${' '.repeat(Math.max(0, 50 - pct))}]`;
}

function progress(status: string, id: string, current: number, total: number): JSONMessage {
  return { status, progressDetail: { current, total }, progress: `${bar(current, total)}  ${current}B/${total}B`, id };
}

export interface PullOptions {
  layers: number;
  /** layers already there (the first ones) */
  existing?: number;
  /** progress messages per layer and phase */
  steps?: number;
  /** these layers fail to download once and are retried */
  retry?: number[];
  /** the stream ends with this error after the downloads */
  error?: string;
  tag?: string;
  repo?: string;
}

/** a pull as the engine streams it: downloads interleaved three at a time, extraction in order */
export function pullStream(o: PullOptions): JSONMessage[] {
  const tag = o.tag ?? 'latest';
  const repo = o.repo ?? 'library/many';
  const steps = o.steps ?? 4;
  const existing = o.existing ?? 0;
  const out: JSONMessage[] = [{ status: `Pulling from ${repo}`, id: tag }];
  const ids = Array.from({ length: o.layers }, (_, i) => layerId(i));
  const size = (i: number): number => 1000 + ((i * 104729) % 50_000_000);
  ids.forEach((id, i) => out.push({ status: i < existing ? 'Already exists' : 'Pulling fs layer', progressDetail: {}, id }));
  const todo = ids.map((id, i) => ({ id, i })).filter((l) => l.i >= existing);
  for (const l of todo.slice(3)) out.push({ status: 'Waiting', progressDetail: {}, id: l.id });
  // three downloads at a time, their messages interleaved
  for (let start = 0; start < todo.length; start += 3) {
    const group = todo.slice(start, start + 3);
    for (let s = 1; s <= steps; s++) {
      for (const l of group) {
        const total = size(l.i);
        out.push(progress('Downloading', l.id, Math.floor((total * s) / (steps + 1)), total));
        if (s === 2 && o.retry?.includes(l.i)) {
          for (let sec = 5; sec >= 1; sec--) out.push({ status: `Retrying in ${sec} second${sec === 1 ? '' : 's'}`, progressDetail: {}, id: l.id });
          out.push(progress('Downloading', l.id, Math.floor(total / (steps + 1)), total));
        }
      }
    }
    for (const l of group) {
      out.push({ status: 'Verifying Checksum', progressDetail: {}, id: l.id });
      out.push({ status: 'Download complete', progressDetail: {}, id: l.id });
    }
  }
  if (o.error) {
    out.push({ errorDetail: { message: o.error }, error: o.error });
    return out;
  }
  for (const l of todo) {
    const total = size(l.i);
    for (let s = 1; s <= steps; s++) out.push(progress('Extracting', l.id, Math.floor((total * s) / steps), total));
    out.push({ status: 'Pull complete', progressDetail: {}, id: l.id });
  }
  out.push({ status: 'Digest: sha256:'.padEnd(79, 'ab') });
  out.push({ status: `Status: Downloaded newer image for example.test/${repo}:${tag}` });
  return out;
}

export interface PushOptions {
  layers: number;
  /** layers the registry has (the first ones) */
  existing?: number;
  /** layers mounted from another repository (after the existing ones) */
  mounted?: number;
  steps?: number;
  error?: string;
  tag?: string;
}

/** a push: Preparing for all, five uploads at a time, the digest line and its aux message */
export function pushStream(o: PushOptions): JSONMessage[] {
  const tag = o.tag ?? 'v1';
  const steps = o.steps ?? 4;
  const existing = o.existing ?? 0;
  const mounted = o.mounted ?? 0;
  const out: JSONMessage[] = [{ status: 'The push refers to repository [example.test/many]' }];
  const ids = Array.from({ length: o.layers }, (_, i) => layerId(100 + i));
  const size = (i: number): number => 2000 + ((i * 7927) % 9_000_000);
  for (const id of ids) out.push({ status: 'Preparing', progressDetail: {}, id });
  for (const id of ids.slice(5)) out.push({ status: 'Waiting', progressDetail: {}, id });
  ids.forEach((id, i) => {
    if (i < existing) out.push({ status: 'Layer already exists', progressDetail: {}, id });
    else if (i < existing + mounted) out.push({ status: 'Mounted from library/base', progressDetail: {}, id });
  });
  const todo = ids.map((id, i) => ({ id, i })).filter((l) => l.i >= existing + mounted);
  for (let start = 0; start < todo.length; start += 5) {
    const group = todo.slice(start, start + 5);
    for (let s = 1; s <= steps; s++) {
      for (const l of group) out.push(progress('Pushing', l.id, Math.floor((size(l.i) * s) / steps), size(l.i)));
    }
    if (o.error && start === 0) {
      out.push({ errorDetail: { message: o.error }, error: o.error });
      return out;
    }
    for (const l of group) out.push({ status: 'Pushed', progressDetail: {}, id: l.id });
  }
  const digest = 'sha256:'.padEnd(71, 'cd');
  out.push({ status: `${tag}: digest: ${digest} size: 1234` });
  out.push({ progressDetail: {}, aux: { Tag: tag, Digest: digest, Size: 1234 } });
  return out;
}

export function toJsonLines(msgs: JSONMessage[]): string {
  return msgs.map((m) => JSON.stringify(m)).join('\n') + '\n';
}
