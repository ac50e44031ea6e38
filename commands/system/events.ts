import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { filterFlag, filtersOf, JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { getTimestamp } from '../../src/cli/timestamp.js';
import { eventLines } from '../../src/engine/events.js';
import { parseTemplate, type Template } from '../../src/format/template/index.js';
import { dockerFuncs } from '../../src/format/funcs.js';
import { parseRawJson, ptr, toTypedGo, type Raw, RawNumber, RawObject } from '../../src/format/inspect-types/index.js';
import { EventMessage } from '../../src/format/inspect-types/events.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Get real time events from the server',
  args: { kind: 'none' },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    { name: 'since', kind: 'value', type: 'string', usage: 'Show all events created since timestamp' },
    { name: 'until', kind: 'value', type: 'string', usage: 'Stream events until this timestamp' },
  ],
  flagValues: { filter: ['<event-filters>'] },
};

function makeTemplate(format: string): Template | undefined {
  if (format === '') return undefined;
  const source = format === 'json' ? '{{json .}}' : format;
  try {
    const tmpl = parseTemplate(source, { name: '', funcs: dockerFuncs });
    // docker runs it once on an empty message, so {{.Bad}} fails before the stream starts
    tmpl.execute(toTypedGo('{}', ptr(EventMessage)));
    return tmpl;
  } catch (e) {
    throw new StatusError(`Error parsing format: ${(e as Error).message}`, 64);
  }
}

const member = (o: Raw | undefined, name: string): Raw | undefined =>
  o instanceof RawObject ? o.entries.find(([k]) => k === name)?.[1] : undefined;
const text = (v: Raw | undefined): string => (typeof v === 'string' ? v : '');
const digits = (v: Raw | undefined): bigint => (v instanceof RawNumber && /^-?\d+$/.test(v.text) ? BigInt(v.text) : 0n);

/** Go's "2006-01-02T15:04:05.000000000Z07:00" for a Unix time in nanoseconds, in local time */
function rfc3339NanoFixed(nanos: bigint): string {
  let sec = nanos / 1_000_000_000n;
  let frac = nanos % 1_000_000_000n;
  if (frac < 0n) {
    frac += 1_000_000_000n;
    sec -= 1n;
  }
  const ms = Number(sec) * 1000;
  const offsetMin = -new Date(ms).getTimezoneOffset();
  const d = new Date(ms + offsetMin * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const zone = offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${p(Math.floor(Math.abs(offsetMin) / 60))}:${p(Math.abs(offsetMin) % 60)}`;
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(frac).padStart(9, '0')}${zone}`;
}

/** docker's prettyPrintEvent */
function pretty(raw: Raw): string {
  let line = '';
  const nano = digits(member(raw, 'timeNano'));
  const secs = digits(member(raw, 'time'));
  if (nano !== 0n) line += `${rfc3339NanoFixed(nano)} `;
  else if (secs !== 0n) line += `${rfc3339NanoFixed(secs * 1_000_000_000n)} `;
  const actor = member(raw, 'Actor');
  line += `${text(member(raw, 'Type'))} ${text(member(raw, 'Action'))} ${text(member(actor, 'ID'))}`;
  const attrs = member(actor, 'Attributes');
  if (attrs instanceof RawObject && attrs.entries.length > 0) {
    const pairs = attrs.entries.map(([k, v]) => [k, text(v)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    line += ` (${pairs.map(([k, v]) => `${k}=${v}`).join(', ')})`;
  }
  return `${line}\n`;
}

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const tmpl = makeTemplate((opts.format as string | undefined) ?? '');
  const ts = (v: unknown): string | undefined => {
    if (!v) return undefined;
    try {
      return getTimestamp(v as string);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  };
  const since = ts(opts.since);
  const until = ts(opts.until);
  const api = cli.api();
  for await (const line of eventLines(api, { since, until, filters: filtersOf(opts.filter) })) {
    const raw = parseRawJson(line);
    if (!tmpl) {
      cli.out.write(pretty(raw));
      continue;
    }
    let out: string;
    try {
      out = tmpl.execute(toTypedGo(raw, EventMessage));
    } catch (e) {
      cli.out.write('\n');
      throw new StatusError((e as Error).message, 1);
    }
    cli.out.write(`${out}\n`);
  }
};
