// A fast path for templates made only of text and plain field lookups ("{{.ID}}\t{{.Names}}"):
// the output is the text with each field's string value in place, exactly what Go's
// text/template gives for such a template, without loading the template engine. Anything
// else (pipelines, functions, non-string values, unknown fields) goes to the real engine.
import { findMember } from './values.js';

const ACTION = /\{\{ *\.([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;

export interface SimpleTemplate {
  fields: string[];
  /** the output, or undefined when this row needs the real engine */
  execute(row: object): string | undefined;
}

export function compileSimple(text: string): SimpleTemplate | undefined {
  const parts: string[] = [];
  const fields: string[] = [];
  let last = 0;
  for (const m of text.matchAll(ACTION)) {
    parts.push(text.slice(last, m.index));
    fields.push(m[1]!);
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  // any other action, a comment or a trim marker: not simple
  if (parts.some((p) => p.includes('{{'))) return undefined;
  return {
    fields,
    execute(row: object): string | undefined {
      let out = parts[0]!;
      for (let i = 0; i < fields.length; i++) {
        const m = findMember(row, fields[i]!);
        if (!m.found) return undefined;
        let v = m.value;
        if (m.isMethod) {
          const fn = v as (...a: unknown[]) => unknown;
          if (fn.length !== 0) return undefined;
          v = fn.call(row);
        }
        if (typeof v !== 'string') return undefined;
        out += v + parts[i + 1]!;
      }
      return out;
    },
  };
}
