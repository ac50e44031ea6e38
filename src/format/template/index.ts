/**
 * Go's text/template for berth: the language docker's `--format` flags speak.
 *
 *   const t = parseTemplate('{{.Name}}\t{{json .Labels}}', { name: '', funcs: dockerFuncs });
 *   t.execute(data)   // -> string, or throws TemplateError with Go's exact message
 *
 * Parse errors read `template: NAME:LINE: ...`, execution errors
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: ...` exactly as Go
 * prints them (COL is a byte offset within the line, as in Go).
 *
 * ## Value model (how JS data is seen as Go values)
 *
 * - `undefined` / `null`: nil. A missing map key prints `<no value>`; nil inside a slice prints `<nil>`.
 * - `boolean` -> `bool`, `string` -> `string`, `number` -> `float64` (printed as Go prints
 *   float64: `1.073741824e+09`, `1e+06`, `123456`, `0.5`).
 * - `bigint` -> `int`. Integer literals, `len`, range indexes are ints. Build other integer
 *   types with `goInt(n, 'int64')`, `goInt(n, 'uint16')`, any other basic or named type with
 *   `goTyped(type, kind, value)` (e.g. `goTyped('json.Number', 'string', '42')`).
 * - arrays -> `[]interface {}`; `goSlice(arr, '[]string')` gives a typed slice (elements are then
 *   not interfaces: that matters for error wording and `%T`).
 * - plain objects -> `map[string]interface {}` (printed `map[a:1 b:2]`, ranged in sorted key order);
 *   `goMap(obj, 'map[string]string')` gives a typed map.
 * - objects carrying `[GO_TYPE]: 'pkg.Type'` (or `'*pkg.Type'` for a pointer) are structs:
 *   capitalised properties/getters are fields, functions are methods called with the template's
 *   arguments (`{{.Label "x"}}`); zero-argument methods are called on mere access (`{{.ID}}`).
 *   A method without a `goFunc` signature takes `fn.length` `interface {}` arguments.
 *   Methods may throw: the template fails with `error calling Label: <message>`.
 *   A missing field fails with `can't evaluate field X in type *pkg.Type`.
 *   `%v` of a struct prints `{f1 f2}` unless it has a `[GO_STRING]()` hook or a `String()` method.
 * - `new GoNil('*types.Version', ['Version', ...])`: a typed nil (pointer, slice, map).
 * - functions in the `funcs` option: `(...args) => unknown`, called with plain JS values; a thrown
 *   Error is reported as Go does (`error calling NAME: message`). Without a `goFunc` signature they
 *   accept any number of arguments of any type; with one (`goFunc({params: ['string', 'int'],
 *   result: 'string'}, fn)`) arguments are type-checked with Go's messages and converted
 *   (`int` parameters receive bigints; nil slices and maps arrive as empty ones).
 *
 * ## Around the engine
 *
 * - `missingKey: 'error'` is Option("missingkey=error") (docker's inspect fallback uses it).
 * - Execution errors carry `partial`: the output written before the error (docker prints it).
 * - `goJsonValue(text, 'map' | 'typed')` decodes JSON into template data (inspect);
 *   `marshalJSON` is encoding/json; `contextJSON(ctx)` is docker's formatter marshalJSON for
 *   contexts (`MarshalJSON() { return contextJSON(this) }` makes `{{json .}}` match docker).
 * - `formatValue(v)` is what `{{.}}` prints; `sprintf`/`sprint`/`sprintln` are fmt's.
 * - docker's template functions are `dockerFuncs` (../funcs.ts); its table header variants are
 *   `dockerHeaderFuncs`; docker's tables go through `TabWriter` (../tabwriter.ts).
 */

import { quote } from '../strconv.js';
import { Tree, ParseError } from './parse.js';
import { BUILTINS, funcInfo, type FuncInfo } from './builtins.js';
import { ExecError, MAX_EXEC_DEPTH, State, execErrorText, type ExecEnv, type MissingKey } from './exec.js';
import type { GoFunc as GoFuncType } from '../values.js';

export {
  GO_TYPE,
  GO_STRING,
  GO_SIG,
  GoTyped,
  GoNil,
  goInt,
  goTyped,
  goSlice,
  goMap,
  goStruct,
  goFunc,
  typeName,
  type GoSig,
  type GoKind,
} from '../values.js';
export { goJsonValue, marshalJSON, contextJSON, compactJSON } from '../gojson.js';
export { sprintf, sprint, sprintln, formatValue } from '../gofmt.js';
export type { MissingKey } from './exec.js';

/** A template parse or execution error; `message` is Go's error text. */
export class TemplateError extends Error {
  /** For execution errors: the output written before the error (docker prints it). */
  readonly partial: string;
  constructor(message: string, partial = '') {
    super(message);
    this.name = 'TemplateError';
    this.partial = partial;
  }
}

export type GoFunc = GoFuncType;

export interface Template {
  /** The template's name (what errors call it). */
  readonly name: string;
  /** Execute the template on data; throws TemplateError. */
  execute(data: unknown): string;
  /** Execute the associated template of that name ({{define}}/{{block}}); throws TemplateError. */
  executeTemplate(name: string, data: unknown): string;
  /** Names of the templates defined in this set, sorted. */
  templateNames(): string[];
}

export interface ParseOptions {
  /** Template name, as in template.New(name); docker uses "" for most listings. */
  name?: string;
  /** Extra functions (template.Funcs). */
  funcs?: Record<string, GoFuncType>;
  /** Option("missingkey=..."): what a missing map key gives. Default: <no value>. */
  missingKey?: MissingKey;
}

function goodName(name: string): boolean {
  if (name === '') return false;
  let i = 0;
  for (const c of name) {
    if (c === '_') {
      i++;
      continue;
    }
    if (i === 0 && !/^\p{L}$/u.test(c)) return false;
    if (!/^[\p{L}\p{Nd}]$/u.test(c)) return false;
    i++;
  }
  return true;
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError;
}

class GoTemplate implements Template {
  constructor(
    readonly name: string,
    private readonly trees: Map<string, Tree>,
    private readonly funcs: Map<string, FuncInfo>,
    private readonly missingKey: MissingKey,
  ) {}

  execute(data: unknown): string {
    return this.run(this.name, data);
  }

  executeTemplate(name: string, data: unknown): string {
    if (!this.trees.has(name)) {
      throw new TemplateError(`template: no template ${quote(name)} associated with template ${quote(this.name)}`);
    }
    return this.run(name, data);
  }

  templateNames(): string[] {
    return [...this.trees.keys()].sort();
  }

  private run(name: string, data: unknown): string {
    const out = { s: '' };
    const value = data === null ? undefined : data;
    const env: ExecEnv = { trees: this.trees, funcs: this.funcs, missingKey: this.missingKey };
    const st = new State(env, name, 0, value, out);
    try {
      const root = this.trees.get(name)?.root;
      if (!root) throw new ExecError(`template: ${name}: ${quote(name)} is an incomplete or empty template`);
      st.walk(value, root);
    } catch (e) {
      if (e instanceof ExecError) throw new TemplateError(e.message, out.s);
      if (isStackOverflow(e)) {
        const msg = `exceeded maximum template depth (${MAX_EXEC_DEPTH})`;
        const last = env.lastCall;
        throw new TemplateError(last ? execErrorText(last.name, last.node, msg) : execErrorText(name, null, msg), out.s);
      }
      throw e;
    }
    return out.s;
  }
}

/** template.New(name).Funcs(funcs).Parse(text) */
export function parseTemplate(text: string, opts: ParseOptions = {}): Template {
  const name = opts.name ?? '';
  const funcs = new Map<string, FuncInfo>();
  for (const [k, f] of Object.entries(opts.funcs ?? {})) {
    if (!goodName(k)) throw new TemplateError(`function name ${quote(k)} is not a valid identifier`);
    if (typeof f !== 'function') throw new TemplateError(`value for ${k} not a function`);
    funcs.set(k, funcInfo(f, false));
  }
  const hasFunc = (n: string): boolean => funcs.has(n) || BUILTINS.has(n);
  const trees = new Map<string, Tree>();
  const tree = new Tree(name);
  try {
    tree.parse(text, trees, hasFunc);
  } catch (e) {
    if (e instanceof ParseError) throw new TemplateError(e.message);
    if (isStackOverflow(e)) throw new TemplateError(`template: ${name}:1: max expression depth exceeded`);
    throw e;
  }
  return new GoTemplate(name, trees, funcs, opts.missingKey ?? 'default');
}
