// Option types shared by many commands (docker/cli opts): filters, formats.
import type { FlagSpec } from './flags.js';

/** opts.FilterOpt.Set: "name=value", name lower-cased, both trimmed */
export function parseFilter(raw: string): [string, string] | undefined {
  if (raw === '') return undefined;
  const eq = raw.indexOf('=');
  if (eq < 0) throw new Error('bad format of filter (expected name=value)');
  return [raw.slice(0, eq).trim().toLowerCase(), raw.slice(eq + 1).trim()];
}

export function filtersOf(list: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const item of (list as ([string, string] | undefined)[]) ?? []) {
    if (!item) continue;
    (out[item[0]] ??= []).push(item[1]);
  }
  return out;
}

export const filterFlag = (usage = 'Filter output based on conditions provided'): FlagSpec => ({
  name: 'filter',
  short: 'f',
  kind: 'list',
  type: 'filter',
  usage,
  parse: parseFilter,
});

export const TABLE_FORMAT_USAGE =
  "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

export const JSON_FORMAT_USAGE =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";
