// docker/cli's inspect.Inspect: the raw JSON of each object, indented (default), compact
// (-f json), or through a Go template; failures are collected and reported after the output.
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import { errorText } from './parallel.js';
import { compactJson, indentJson } from '../format/jsonindent.js';
import { parseTemplate, goJsonValue, type Template } from '../format/template/index.js';
import { dockerFuncs } from '../format/funcs.js';

export type GetRaw = (ref: string) => Promise<string>;

export async function inspectRefs(cli: Cli, refs: string[], format: string, getRaw: GetRaw): Promise<void> {
  let tmpl: Template | undefined;
  let strict: Template | undefined;
  if (format !== '' && format !== 'json') {
    try {
      // the typed pass is strict too: a Go struct has no field the JSON lacks
      tmpl = parseTemplate(format, { name: '', funcs: dockerFuncs, missingKey: 'error' });
      strict = tmpl;
    } catch (e) {
      throw new StatusError(`template parsing error: ${(e as Error).message}`, 64);
    }
  }
  // fetch in parallel, report in order
  const results = await Promise.allSettled(refs.map((r) => getRaw(r)));
  const errors: string[] = [];
  const raws: string[] = [];
  let out = '';
  for (const r of results) {
    if (r.status === 'rejected') {
      errors.push(errorText(r.reason));
      continue;
    }
    if (!tmpl) {
      raws.push(r.value);
      continue;
    }
    try {
      // docker runs the template on the typed object first (integers print as integers),
      // then on the raw map with missingkey=error
      out += `${tmpl.execute(goJsonValue(r.value, 'typed'))}\n`;
    } catch {
      try {
        out += `${strict!.execute(goJsonValue(r.value, 'map'))}\n`;
      } catch (e) {
        errors.push(`template parsing error: ${(e as Error).message}`);
      }
    }
  }
  if (!tmpl) {
    if (raws.length === 0) out = '[]\n';
    else if (format === 'json') out = `${compactJson(`[${raws.join(',')}]`)}\n`;
    else out = `${indentJson(`[${raws.join(',')}]`)}\n`;
  } else if (out === '') {
    out = '\n';
  }
  cli.out.write(out);
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
}
