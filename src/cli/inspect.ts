// docker/cli's inspect.Inspect: the raw JSON of each object, indented (default), compact
// (-f json), or through a Go template; failures are collected and reported after the output.
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import { errorText } from './parallel.js';
import { compactJson, indentJson } from '../format/jsonindent.js';
import { parseTemplate, goJsonValue, type Template } from '../format/template/index.js';
import { dockerFuncs } from '../format/funcs.js';
import type { InspectKind } from '../format/inspect-types/index.js';

/**
 * An object's raw JSON, with its kind when the caller knows it (else it is told from the JSON).
 * typedOnly: docker has only the decoded Go value (volume inspect): a template that fails on
 * it is an error, with no second pass on the raw map.
 */
export type InspectRaw = string | { raw: string; kind?: InspectKind; typedOnly?: boolean };
export type GetRaw = (ref: string) => Promise<InspectRaw>;

type TypesModule = typeof import('../format/inspect-types/index.js');

/**
 * The Go value docker's first template pass runs on: the result decoded into its Go type
 * (container.InspectResponse, image.InspectResponse, network.Inspect, volume.Volume);
 * objects berth has no model for get an approximation (integers as ints, a map).
 */
function typedValue(types: TypesModule, raw: string, kind: InspectKind | undefined): unknown {
  let v: unknown;
  try {
    v = types.typedInspectValue(raw, kind);
  } catch {
    v = undefined;
  }
  return v === undefined ? goJsonValue(raw, 'typed') : v;
}

export async function inspectRefs(cli: Cli, refs: string[], format: string, getRaw: GetRaw): Promise<void> {
  let tmpl: Template | undefined;
  let strict: Template | undefined;
  if (format !== '' && format !== 'json') {
    try {
      tmpl = parseTemplate(format, { name: '', funcs: dockerFuncs });
      strict = parseTemplate(format, { name: '', funcs: dockerFuncs, missingKey: 'error' });
    } catch (e) {
      throw new StatusError(`template parsing error: ${(e as Error).message}`, 64);
    }
  }
  // the Go models are loaded only for templates, while the objects are fetched
  const typesLoading = tmpl ? import('../format/inspect-types/index.js') : undefined;
  // fetch in parallel, report in order
  const results = await Promise.allSettled(refs.map((r) => getRaw(r)));
  const types = await typesLoading;
  const errors: string[] = [];
  const raws: string[] = [];
  let out = '';
  // docker's fallback sets missingkey=error on its one template (Template.Option mutates
  // it), so after the first fallback the typed pass is strict as well
  let typedTmpl = tmpl;
  for (const r of results) {
    if (r.status === 'rejected') {
      errors.push(errorText(r.reason));
      continue;
    }
    const { raw, kind, typedOnly } = typeof r.value === 'string' ? { raw: r.value, kind: undefined, typedOnly: false } : r.value;
    if (!typedTmpl) {
      raws.push(raw);
      continue;
    }
    try {
      // docker runs the template on the typed object first, then on the raw map with
      // missingkey=error
      out += `${typedTmpl.execute(typedValue(types!, raw, kind))}\n`;
    } catch (e) {
      if (typedOnly) {
        errors.push(`template parsing error: ${(e as Error).message}`);
        continue;
      }
      typedTmpl = strict;
      try {
        out += `${strict!.execute(goJsonValue(raw, 'map'))}\n`;
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
