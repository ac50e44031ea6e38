// GET /events: the engine's event stream, one JSON object per line, as text (int64 times
// keep every digit when decoded by the caller).
import type { EngineClient } from './client.js';
import { encodeFilters } from './containers.js';

export interface EventsOptions {
  since?: string;
  until?: string;
  filters?: Record<string, string[]>;
  signal?: AbortSignal;
}

/** the stream's JSON lines, as they arrive */
export async function* eventLines(api: EngineClient, o: EventsOptions): AsyncGenerator<string, void, undefined> {
  const res = await api.request({
    path: '/events',
    query: { since: o.since, until: o.until, filters: encodeFilters(o.filters) },
    signal: o.signal,
  });
  let pending = '';
  for await (const chunk of res.body) {
    pending += (chunk as Buffer).toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line !== '') yield line;
    }
  }
  if (pending.trim() !== '') yield pending.trim();
}
