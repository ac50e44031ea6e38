// docker/cli's formatter.Context: a format string ("table", "table TEMPLATE", "json",
// "TEMPLATE") run once per row, with the table directive's header row and tabwriter.
import { TabWriter } from './tabwriter.js';
import { loadEngine } from './engine.js';
import { compileSimple } from './simple.js';

export const TABLE_KEY = 'table';
export const JSON_KEY = 'json';

export function isTable(format: string): boolean {
  return format.startsWith(TABLE_KEY);
}

/** formatter.Context.preFormat */
export function finalFormat(format: string): string {
  let f = format;
  if (isTable(f)) f = f.slice(TABLE_KEY.length);
  else if (f === JSON_KEY) f = '{{json .}}';
  f = f.replace(/^ +| +$/g, '');
  return f.replaceAll('\\t', '\t').replaceAll('\\n', '\n');
}

export class FormatError extends Error {}

/** The object a table's header row is rendered from. */
export type HeaderContext = object;

/**
 * Renders rows with `format`. Errors carry docker's prefix ("template parsing error: ...").
 */
export async function renderRows(format: string, rows: object[], header: HeaderContext, name = ''): Promise<string> {
  const text = finalFormat(format);
  let body: string | undefined = '';
  let head: string | undefined = '';
  const simple = compileSimple(text);
  if (simple) {
    for (const row of rows) {
      const line = simple.execute(row);
      if (line === undefined) {
        body = undefined;
        break;
      }
      body += `${line}\n`;
    }
    if (isTable(format)) head = simple.execute(header);
  }
  if (!simple || body === undefined || head === undefined) {
    const engine = await loadEngine();
    let tmpl;
    try {
      tmpl = engine.parseTemplate(text, { name, funcs: engine.dockerFuncs });
    } catch (e) {
      throw new FormatError(`template parsing error: ${(e as Error).message}`);
    }
    body = '';
    for (const row of rows) {
      try {
        body += tmpl.execute(row);
      } catch (e) {
        throw new FormatError(`template parsing error: ${(e as Error).message}`);
      }
      body += '\n';
    }
    head = '';
    if (isTable(format)) {
      try {
        head = engine.parseTemplate(text, { name, funcs: { ...engine.dockerFuncs, ...engine.dockerHeaderFuncs } }).execute(header);
      } catch (e) {
        // docker ignores errors of the header row, keeping what was written before the error
        head = (e as { partial?: string }).partial ?? '';
      }
    }
  }
  if (!isTable(format)) return body;
  const w = new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
  w.write(`${head}\n`);
  w.write(body);
  return w.flush();
}
