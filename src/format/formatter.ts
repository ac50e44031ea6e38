// docker/cli's formatter.Context: a format string ("table", "table TEMPLATE", "json",
// "TEMPLATE") run once per row, with the table directive's header row and tabwriter.
import { parseTemplate, type Template } from './template/index.js';
import { dockerFuncs, dockerHeaderFuncs } from './funcs.js';
import { TabWriter } from './tabwriter.js';

export const TABLE_KEY = 'table';
export const JSON_KEY = 'json';

export function isTable(format: string): boolean {
  return format.startsWith(TABLE_KEY);
}

/** formatter.Context.preFormat */
export function finalFormat(format: string): string {
  let f = format;
  if (isTable(f)) f = f.slice(TABLE_KEY.length);
  else if (f.trim() === JSON_KEY) f = '{{json .}}';
  f = f.replace(/^ +| +$/g, '');
  return f.replaceAll('\\t', '\t').replaceAll('\\n', '\n');
}

export class FormatError extends Error {}

export function parseRowTemplate(format: string, name = ''): Template {
  return parseTemplate(finalFormat(format), { name, funcs: dockerFuncs });
}

/** The object a table's header row is rendered from. */
export type HeaderContext = object;

/**
 * Renders rows with `format`. Errors carry docker's prefix ("template parsing error: ...").
 */
export function renderRows(format: string, rows: object[], header: HeaderContext, name = ''): string {
  let tmpl: Template;
  try {
    tmpl = parseRowTemplate(format, name);
  } catch (e) {
    throw new FormatError(`template parsing error: ${(e as Error).message}`);
  }
  let body = '';
  for (const row of rows) {
    try {
      body += tmpl.execute(row);
    } catch (e) {
      throw new FormatError(`template parsing error: ${(e as Error).message}`);
    }
    body += '\n';
  }
  if (!isTable(format)) return body;
  let head = '';
  try {
    head = parseTemplate(finalFormat(format), { name, funcs: { ...dockerFuncs, ...dockerHeaderFuncs } }).execute(header);
  } catch (e) {
    // docker ignores errors of the header row, keeping what was written before the error
    head = (e as { partial?: string }).partial ?? '';
  }
  const w = new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
  w.write(`${head}\n`);
  w.write(body);
  return w.flush();
}
