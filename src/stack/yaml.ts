// YAML as docker reads and writes compose files: gopkg.in/yaml.v3 decoding into `any` and
// encoding with 2-space indentation. The `yaml` package parses (failsafe schema: every scalar
// a string, so that the resolution below is yaml.v3's, not YAML 1.2 core's); this module
// resolves plain scalars, merge keys and duplicate keys as yaml.v3 does, and writes yaml.v3's
// output style.
//
// Differences from yaml.v3 that remain (checked against docker 28.2.2):
//   - syntax errors: libyaml's wording is chosen from the `yaml` package's error codes, and
//     the line yaml.v3 prints (libyaml's context mark, 0-based for parser errors, 1-based for
//     scanner errors, else the problem mark) is rebuilt from the text around the error. The
//     common mistakes (mapping values not allowed, tabs, unclosed quotes and flow
//     collections, bad indentation, missing ':', reserved characters, bad escapes, empty
//     anchors) match; unusual input can get another message or line;
//   - a float that is integral (`1.0`, `1e6`) is printed as an integer: yaml.v3 prints a
//     float64 with %g (`1`, `1e+06`), and JS numbers do not keep the difference;
//   - a BOM inside a string (not at the start) is escaped, but yaml.v3 also escapes the
//     character after it as \xNN;
//   - documents after the first are not parsed at all (yaml.v3 stops after the first one
//     too, but libyaml would still report a scanner error found while reading ahead).
import { Alias, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node, type Document, LineCounter } from 'yaml';

export class YamlError extends Error {}

const NULLS = new Set(['~', 'null', 'Null', 'NULL', '']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** yaml.v3's integer reading: underscores dropped, then Go's strconv.ParseInt(s, 0, 64). */
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s.replace(/_/g, ''));
  if (!m) return undefined;
  const body = m[2]!;
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body[0] === '0') n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}

/** yaml.v3's resolve() of a plain scalar. */
export function resolvePlain(s: string): unknown {
  if (NULLS.has(s)) return null;
  if (TRUES.has(s)) return true;
  if (FALSES.has(s)) return false;
  switch (s) {
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF': return Infinity;
    case '-.inf': case '-.Inf': case '-.INF': return -Infinity;
    case '.nan': case '.NaN': case '.NAN': return NaN;
  }
  const c = s[0]!;
  if (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9')) {
    const i = goParseInt(s);
    if (i !== undefined) return i;
    if (FLOAT_RE.test(s.replace(/_/g, ''))) return Number(s.replace(/_/g, ''));
  }
  return s;
}

/** true when yaml.v3 would read the string back as something other than that string */
function needsQuotes(s: string): boolean {
  if (OLD_BOOLS.has(s)) return true;
  if (s === '<<') return true;
  if (isBase60Float(s)) return true;
  if (isTimestamp(s)) return true;
  return typeof resolvePlain(s) !== 'string';
}

/** yaml.v3 reads these as timestamps (kept as strings when decoding into any, quoted when writing) */
function isTimestamp(s: string): boolean {
  return /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/.test(s);
}

function isBase60Float(s: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

function lineOf(lc: LineCounter, offset: number): number {
  return lc.linePos(offset).line;
}

/** Parses one compose file's text into plain JS values (maps as objects, key order kept). */
export function parseYaml(text: string): unknown {
  return parseAttempt(text, text, 0);
}

function parseOnce(text: string): { doc?: Document; lc: LineCounter; empty: boolean; streamErrors: boolean } {
  const lc = new LineCounter();
  // yaml.v3's Unmarshal reads the first document only
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, lineCounter: lc, merge: false, prettyErrors: false, strict: false });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  const streamErrors = !doc && ((docs as { errors?: unknown[] }).errors ?? []).length > 0;
  return { doc, lc, empty: !doc, streamErrors };
}

/**
 * `yaml` rejects some texts that libyaml reads differently, so a failed parse is retried on
 * the text as libyaml sees it: a quoted scalar runs on to the next matching quote whatever
 * the indentation (its lines are joined, blank lines keep the numbering), and a root
 * collection that starts indented ends at the first line indented less (libyaml's document
 * ends there; yaml.v3 reads no further).
 */
function parseAttempt(text: string, original: string, depth: number): unknown {
  const { doc, lc, empty, streamErrors } = parseOnce(text);
  if (empty) {
    if (!streamErrors) return null;
    throw new YamlError('yaml: did not find expected node content');
  }
  if (doc!.errors.length > 0) {
    if (depth < 8) {
      const retry = libyamlView(text, doc!, lc);
      if (retry !== undefined) return parseAttempt(retry, original, depth + 1);
    }
    throw new YamlError(syntaxMessage(doc!, text, lc));
  }
  const tabError = tabOnlyLine(text);
  if (tabError) throw new YamlError(tabError);
  const dup: string[] = [];
  currentText = text;
  const value = toJs(doc!, doc!.contents as Node | null, lc, dup, 0);
  if (dup.length > 0) throw new YamlError(`yaml: unmarshal errors:\n${dup.map((d) => `  ${d}`).join('\n')}`);
  return value;
}

function libyamlView(text: string, doc: Document, lc: LineCounter): string | undefined {
  const e = doc.errors[0]!;
  if (e.code === 'MISSING_CHAR' && /quote/.test(e.message)) {
    const start = findQuoteStart(text, e.pos[0]);
    const q = text[start]!;
    let end = -1;
    for (let i = start + 1; i < text.length; i++) {
      if (q === '"' && text[i] === '\\') { i++; continue; }
      if (text[i] === q) {
        if (q === "'" && text[i + 1] === "'") { i++; continue; }
        end = i;
        break;
      }
    }
    if (end < 0) return undefined;
    const inner = text.slice(start, end + 1);
    const breaks = (inner.match(/\n/g) ?? []).length;
    if (breaks === 0) return undefined;
    const eol = text.indexOf('\n', end);
    const lineEnd = eol < 0 ? text.length : eol;
    return text.slice(0, start) + inner.replace(/\n[ \t]*/g, ' ') + text.slice(end + 1, lineEnd) + '\n'.repeat(breaks) + text.slice(lineEnd);
  }
  // an indented root collection: the document ends at the first line left of it
  const lines = text.split('\n');
  const content = (t: string) => t.trim() !== '' && !t.trimStart().startsWith('#');
  const first = lines.findIndex((t) => content(t) && !t.startsWith('%') && !t.startsWith('---'));
  if (first < 0) return undefined;
  const rootIndent = lines[first]!.length - lines[first]!.trimStart().length;
  if (rootIndent === 0) return undefined;
  for (let i = first + 1; i < lines.length; i++) {
    const t = lines[i]!;
    if (content(t) && t.length - t.trimStart().length < rootIndent) {
      void lc;
      return lines.slice(0, i).join('\n') + '\n';
    }
  }
  return undefined;
}

function syntaxMessage(doc: Document, text: string, lc: LineCounter): string {
  const e = doc.errors[0]!;
  const pos = e.pos[0];
  const line = lineOf(lc, Math.min(pos, text.length));
  const msg = e.message;
  // libyaml's end-of-stream mark: a missing final newline is added first
  const eofLine0 = text.split('\n').length - 1 + (text.endsWith('\n') || text === '' ? 0 : 1);
  // yaml.v3 prints the context mark's (0-based) line, else the problem mark's; +1 for scanner errors
  const where = (n: number) => (n > 0 ? `line ${n}: ` : '');
  if (e.code === 'TAB_AS_INDENT') {
    const lineText = text.split('\n')[line - 1] ?? '';
    if (/^ +\t/.test(lineText)) return `yaml: ${where(line - 1)}found a tab character that violates indentation`;
    return `yaml: ${where(line)}found character that cannot start any token`;
  }
  if (e.code === 'BAD_SCALAR_START') return `yaml: ${where(line)}found character that cannot start any token`;
  if (e.code === 'BAD_DQ_ESCAPE') {
    const start0 = lineOf(lc, findQuoteStart(text, pos)) - 1;
    return `yaml: ${where(start0 !== 0 ? start0 + 1 : line)}found unknown escape character`;
  }
  if (e.code === 'BAD_ALIAS') {
    const start0 = line - 1;
    return `yaml: ${where(start0 !== 0 ? start0 + 1 : line)}did not find expected alphabetic or numeric character`;
  }
  if (e.code === 'UNEXPECTED_TOKEN' && /Unexpected , in flow/.test(msg)) {
    return `yaml: ${where(line - 1)}did not find expected node content`;
  }
  if (e.code === 'BLOCK_IN_FLOW') {
    const open = unmatchedOpen(text, pos);
    const start0 = open < 0 ? 0 : lineOf(lc, open) - 1;
    const close = open >= 0 && text[open] === '[' ? ']' : '}';
    return `yaml: ${where(start0 !== 0 ? start0 : line - 1)}did not find expected ',' or '${close}'`;
  }
  if (e.code === 'MISSING_CHAR' && /Implicit map keys need to be followed/.test(msg)) {
    return `yaml: ${where(line)}could not find expected ':'`;
  }
  if (e.code === 'MISSING_CHAR' && /quote/.test(msg)) {
    const start0 = lineOf(lc, findQuoteStart(text, pos)) - 1;
    return `yaml: ${where(start0 !== 0 ? start0 + 1 : eofLine0 + 1)}found unexpected end of stream`;
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && /Nested mappings/.test(msg)) {
    const colon = /:(?=[ \t\n]|$)/g;
    colon.lastIndex = pos;
    const m = colon.exec(text);
    const l = m ? lineOf(lc, m.index) : line;
    return `yaml: ${where(l === 1 ? 0 : l)}mapping values are not allowed in this context`;
  }
  if (/Flow sequence/.test(msg) || /Flow map/.test(msg)) {
    const seq = /Flow sequence/.test(msg);
    const start0 = lineOf(lc, findFlowStart(text, pos, seq ? '[' : '{')) - 1;
    const tail = text.slice(pos).trim();
    const before = text.slice(0, pos).trimEnd();
    const last = before[before.length - 1] ?? '';
    if (tail === '' && (last === '[' || last === '{' || last === ',')) return `yaml: ${where(eofLine0)}did not find expected node content`;
    return `yaml: ${where(start0 !== 0 ? start0 : line - 1)}did not find expected ',' or '${seq ? ']' : '}'}'`;
  }
  // the offending token: the error may be reported at the end of the line before it
  let tok = Math.min(pos, text.length);
  while (tok < text.length && /[ \t\r\n]/.test(text[tok]!)) tok++;
  const tokLine = tok < text.length ? lineOf(lc, tok) : line;
  const { start0, dash } = enclosingBlock(text, tokLine - 1, e.code === 'UNEXPECTED_TOKEN');
  const l = start0 !== 0 ? start0 : tokLine - 1;
  if (dash) return `yaml: ${where(l)}did not find expected '-' indicator`;
  return `yaml: ${where(l)}did not find expected key`;
}

/**
 * libyaml's context for a badly indented line (0-based l0): the block collection that met it,
 * i.e. the nearest line above at the same or a smaller indentation, and where that
 * collection's run of lines starts; `dash` when it is a sequence and the line is no item.
 */
function enclosingBlock(text: string, l0: number, includeSelf = false): { start0: number; dash: boolean } {
  const lines = text.split('\n');
  const indent = (t: string) => t.length - t.trimStart().length;
  const blank = (t: string) => t.trim() === '' || t.trimStart().startsWith('#');
  const target = lines[l0];
  if (target === undefined) return { start0: 0, dash: false };
  const n = indent(target);
  let found = -1;
  for (let i = includeSelf ? l0 : l0 - 1; i >= 0; i--) {
    if (blank(lines[i]!)) continue;
    if (indent(lines[i]!) <= n) { found = i; break; }
  }
  if (found < 0) return { start0: 0, dash: false };
  const m = indent(lines[found]!);
  let start = found;
  for (let i = found - 1; i >= 0; i--) {
    const t = lines[i]!;
    if (blank(t)) continue;
    if (indent(t) < m) break;
    if (indent(t) === m) start = i;
  }
  const isItem = (t: string) => /^\s*-(\s|$)/.test(t);
  const dash = m === n && isItem(lines[found]!) && !isItem(target);
  return { start0: start, dash };
}

/**
 * A whitespace-only line holding a tab, outside block scalars: yaml.v3 refuses it ("found a
 * tab character that violates indentation", on the line of the token before it); `yaml`
 * takes it as a blank line. Returns that message, or ''.
 */
function tabOnlyLine(text: string): string {
  const lines = text.split('\n');
  let inBlock = -1;
  let lastContent = -1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    const ind = t.length - t.trimStart().length;
    if (inBlock >= 0) {
      if (t.trim() === '' || ind > inBlock) continue;
      inBlock = -1;
    }
    if (/^[ ]*\t[ \t]*$/.test(t)) {
      if (lastContent < 0) return '';
      return `yaml: line ${lastContent + 1}: found a tab character that violates indentation`;
    }
    if (t.trim() !== '' && !t.trimStart().startsWith('#')) lastContent = i;
    if (/(^|[:\-]\s)[|>][-+0-9]*\s*(#.*)?$/.test(t)) inBlock = ind;
  }
  return '';
}

/** the position of the flow collection still open at pos, or -1 */
function unmatchedOpen(text: string, pos: number): number {
  let depth = 0;
  for (let i = Math.min(pos, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '}' || c === ']') depth++;
    else if (c === '{' || c === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function findQuoteStart(text: string, pos: number): number {
  for (let i = Math.min(pos, text.length - 1); i >= 0; i--) if (text[i] === '"' || text[i] === "'") return i;
  return pos;
}

function findFlowStart(text: string, pos: number, open: string): number {
  for (let i = Math.min(pos, text.length - 1); i >= 0; i--) if (text[i] === open) return i;
  return pos;
}

const resolving = new Set<object>();
let currentText = '';

function toJs(doc: Document, node: Node | null | undefined, lc: LineCounter, dup: string[], depth: number): unknown {
  if (node == null) return null;
  if (depth > 10000) throw new YamlError('yaml: exceeded max depth');
  if (isAlias(node)) {
    const target = (node as Alias).resolve(doc);
    const name = (node as Alias).source;
    if (!target) throw new YamlError(`yaml: unknown anchor '${name}' referenced`);
    if (resolving.has(target as object)) throw new YamlError(`yaml: anchor '${name}' value contains itself`);
    resolving.add(target as object);
    try {
      return toJs(doc, target as Node, lc, dup, depth + 1);
    } finally {
      resolving.delete(target as object);
    }
  }
  if (isScalar(node)) {
    const raw = String(node.value ?? '');
    const tag = node.tag;
    if (tag && tag !== '!' && tag !== 'tag:yaml.org,2002:str') {
      return explicitTag(tag, raw);
    }
    if (node.type === 'PLAIN' && !tag) return resolvePlain(raw);
    return raw;
  }
  if (isSeq(node)) return node.items.map((it) => toJs(doc, it as Node, lc, dup, depth + 1));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const explicit = new Map<string, number>();
    const merged: Record<string, unknown>[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = toJs(doc, keyNode, lc, dup, depth + 1);
      const valueNode = pair.value as Node | null;
      const emptyKey = !keyNode || (isScalar(keyNode) && !!keyNode.range && keyNode.range[0] === keyNode.range[1]);
      if (emptyKey && valueNode?.range) {
        // `a: [1]: x` reads here as an empty key on a's line: libyaml refuses the second ':'
        const colon = currentText.lastIndexOf(':', valueNode.range[0] - 1);
        const lineStart = currentText.lastIndexOf('\n', colon - 1) + 1;
        if (colon >= 0 && !/^[ \t]*(?:- +)*$/.test(currentText.slice(lineStart, colon))) {
          const l = lineOf(lc, colon);
          throw new YamlError(`yaml: ${l > 1 ? `line ${l}: ` : ''}mapping values are not allowed in this context`);
        }
      }
      if (keyNode && (isMap(keyNode) || isSeq(keyNode)) && keyNode.range) {
        // libyaml takes a flow collection as a key only where a key may start: after a
        // value indicator on the same line, ':' is "not allowed in this context"
        const at = keyNode.range[0];
        const lineStart = currentText.lastIndexOf('\n', at - 1) + 1;
        const before = currentText.slice(lineStart, at);
        if (!/^[ \t]*(?:- +)*(?:\? *)?$/.test(before)) {
          const colon = currentText.indexOf(':', keyNode.range[1]);
          const l = lineOf(lc, colon < 0 ? at : colon);
          throw new YamlError(`yaml: ${l > 1 ? `line ${l}: ` : ''}mapping values are not allowed in this context`);
        }
      }
      const keyIsMerge = isScalar(keyNode) && keyNode.type === 'PLAIN' && String(keyNode.value) === '<<';
      if (keyIsMerge) {
        const v = toJs(doc, pair.value as Node, lc, dup, depth + 1);
        const list = Array.isArray(v) ? v : [v];
        for (const m of list) {
          if (m === null || typeof m !== 'object' || Array.isArray(m)) {
            throw new YamlError('yaml: map merge requires map or sequence of maps as the value');
          }
          merged.push(m as Record<string, unknown>);
        }
        continue;
      }
      if (typeof key !== 'string') nonStringKeys.add(out);
      const k = key === null ? 'null' : typeof key === 'object' ? JSON.stringify(key) : String(key);
      const line = keyNode?.range ? lineOf(lc, keyNode.range[0]) : 0;
      if (explicit.has(k)) {
        dup.push(`line ${line}: mapping key ${JSON.stringify(k)} already defined at line ${explicit.get(k)}`);
        continue;
      }
      explicit.set(k, line);
      out[k] = toJs(doc, pair.value as Node, lc, dup, depth + 1);
    }
    if (merged.length === 0) return out;
    if (nonStringKeys.has(out)) nonStringKeys.add(mergedResult(merged, out));
    return mergedResult(merged, out);
  }
  return null;
}

const mergedCache = new WeakMap<Record<string, unknown>, Record<string, unknown>>();
/** merge keys: earlier merged maps win over later ones, explicit keys over all */
function mergedResult(merged: Record<string, unknown>[], out: Record<string, unknown>): Record<string, unknown> {
  const cached = mergedCache.get(out);
  if (cached) return cached;
  const result: Record<string, unknown> = {};
  for (let i = merged.length - 1; i >= 0; i--) Object.assign(result, merged[i]);
  for (const [k, v] of Object.entries(out)) result[k] = v;
  if (merged.some((m) => nonStringKeys.has(m))) nonStringKeys.add(result);
  mergedCache.set(out, result);
  return result;
}

/**
 * Mappings with a key that is not a string (`80: x`): yaml.v3 makes them map[any]any, which
 * docker cannot use (at the top level: "top-level object must be a mapping"; below it, the
 * schema validator fails to encode it as JSON).
 */
const nonStringKeys = new WeakSet<object>();

export function hasNonStringKeys(v: unknown): boolean {
  return v !== null && typeof v === 'object' && nonStringKeys.has(v);
}

/** true when a mapping anywhere below v has a non-string key */
export function containsNonStringKeys(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (nonStringKeys.has(v)) return true;
  return (Array.isArray(v) ? v : Object.values(v)).some(containsNonStringKeys);
}

function explicitTag(tag: string, raw: string): unknown {
  const short = tag.replace('tag:yaml.org,2002:', '!!');
  switch (short) {
    case '!!int': {
      const n = goParseInt(raw);
      if (n === undefined) throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!int`);
      return n;
    }
    case '!!float': {
      const v = resolvePlain(raw);
      if (typeof v !== 'number') throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!float`);
      return v;
    }
    case '!!bool': {
      const v = resolvePlain(raw);
      if (typeof v !== 'boolean') throw new YamlError(`yaml: cannot decode !!str \`${raw}\` as a !!bool`);
      return v;
    }
    case '!!null': return null;
    default: return raw;
  }
}

// ---- writing (yaml.v3 Encoder with SetIndent(2)) ----

/** A float32 value (docker's max_failure_ratio): printed with float32 precision. */
export class Float32 {
  constructor(readonly value: number) {}
}

function isPrintable(cp: number): boolean {
  // libyaml's is_printable: nothing above the BMP, no NEL, no BOM, no U+FFFE/U+FFFF
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface ScalarAnalysis {
  plain: boolean;
  single: boolean;
  block: boolean;
  multiline: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar, for block context */
function analyze(s: string): ScalarAnalysis {
  if (s === '') return { plain: false, single: true, block: false, multiline: false };
  let blockIndicators = false;
  let specialChars = false;
  let tabs = false;
  let lineBreaks = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  const chars = Array.from(s);
  let precededByWs = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    const followedByWs = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':') && followedByWs) blockIndicators = true;
      if (ch === '-' && followedByWs) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWs) blockIndicators = true;
      if (ch === '#' && precededByWs) blockIndicators = true;
    }
    const cp = ch.codePointAt(0)!;
    const isBreak = ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
    // yaml.v3: tabs rule out plain and single-quoted styles, not block ones
    if (ch === '\t') tabs = true;
    else if (!isPrintable(cp)) specialChars = true;
    if (isBreak) lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWs = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  }
  let plain = true, single = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plain = false;
  if (trailingSpace) block = false;
  if (breakSpace) { plain = false; single = false; }
  if (spaceBreak || specialChars || tabs) { plain = false; single = false; }
  if (spaceBreak || specialChars) block = false;
  if (lineBreaks) plain = false;
  if (blockIndicators) plain = false;
  return { plain, single, block, multiline: lineBreaks };
}

function doubleQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '\0': out += '\\0'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\t': out += '\\t'; continue;
      case '\n': out += '\\n'; continue;
      case '\x0b': out += '\\v'; continue;
      case '\f': out += '\\f'; continue;
      case '\r': out += '\\r'; continue;
      case '\x1b': out += '\\e'; continue;
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\u0085': out += '\\N'; continue;
      case '\u00a0': out += '\\_'; continue;
      case '\u2028': out += '\\L'; continue;
      case '\u2029': out += '\\P'; continue;
    }
    if (isPrintable(cp) && cp !== 0xfeff) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
  }
  return out + '"';
}

/** A scalar string as yaml.v3 writes it; `indent` is the column of the block scalar's content. */
function stringScalar(s: string, indent: number, isKey: boolean): string {
  const a = analyze(s);
  if (needsQuotes(s)) return doubleQuote(s);
  if (s.includes('\n') && !isKey) {
    if (!a.block) return doubleQuote(s);
    const chomp = !s.endsWith('\n') ? '-' : s.endsWith('\n\n') || s === '\n' ? '+' : '';
    const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
    // libyaml's literal writer: a break is written as is; text after breaks is indented
    // (on a new line unless a break just ended one)
    const pad = ' '.repeat(indent);
    let out = `|${indicator}${chomp}`;
    let atLineStart = false;
    let breaks = true;
    for (const ch of s) {
      if (ch === '\n') {
        out += '\n';
        atLineStart = true;
        breaks = true;
      } else {
        if (breaks) {
          if (!atLineStart) out += '\n';
          out += pad;
        }
        out += ch;
        atLineStart = false;
        breaks = false;
      }
    }
    // the caller ends the line
    return out.endsWith('\n') ? out.slice(0, -1) : out;
  }
  if (a.plain) return s;
  if (a.single && !s.includes('\n')) {
    // libyaml's single-quoted writer: a break is written as is, then the indentation
    let out = "'";
    let breaks = false;
    for (const ch of s) {
      if (ch === '\u2028' || ch === '\u2029' || ch === '\r' || ch === '\u0085') {
        out += ch;
        breaks = true;
        continue;
      }
      if (breaks) out += ' '.repeat(indent);
      breaks = false;
      out += ch === "'" ? "''" : ch;
    }
    if (breaks) out += ' '.repeat(indent);
    return out + "'";
  }
  return doubleQuote(s);
}

/** Go's strconv.FormatFloat(f, 'g', -1, bits) */
export function goFormatFloat(f: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits: string;
  if (bits === 32) {
    const target = Math.fround(f);
    digits = '';
    for (let p = 1; p <= 9; p++) {
      const s = target.toPrecision(p);
      if (Math.fround(Number(s)) === target) { digits = s; break; }
    }
    if (digits === '') digits = target.toPrecision(9);
  } else {
    digits = String(f);
  }
  // normalise to mantissa digits and decimal exponent
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([-+]\d+))?$/.exec(Number(digits).toExponential().replace(/e\+?/, 'e+').replace('e+-', 'e-'));
  if (!m) return digits;
  const sign = m[1]!;
  const mant = (m[2]! + (m[3] ?? '')).replace(/0+$/, '') || '0';
  const exp = parseInt(m[4]!, 10);
  if (exp < -4 || exp >= 6) {
    const frac = mant.slice(1);
    const e = Math.abs(exp);
    return `${sign}${mant[0]}${frac ? '.' + frac : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
  }
  if (exp >= 0) {
    const intPart = mant.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = mant.slice(exp + 1);
    return `${sign}${intPart}${frac ? '.' + frac : ''}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${mant}`;
}

function scalarText(v: unknown, indent: number, isKey = false): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : goFormatFloat(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Float32) return goFormatFloat(v.value, 32);
  if (typeof v === 'string') return stringScalar(v, indent, isKey);
  return undefined;
}

function isEmptyCollection(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (v !== null && typeof v === 'object' && !(v instanceof Float32) && !Array.isArray(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

/**
 * Writes a value as yaml.v3 does. Objects keep their key order (the caller orders struct
 * fields and sorts maps); arrays are block sequences indented under their key.
 */
export function stringifyYaml(value: unknown): string {
  const out: string[] = [];
  writeNode(out, value, 0, null);
  return out.join('');
}

function writeNode(out: string[], v: unknown, indent: number, _ctx: null): void {
  const pad = ' '.repeat(indent);
  const empty = isEmptyCollection(v);
  if (empty) { out.push(`${pad}${empty}\n`); return; }
  if (Array.isArray(v)) {
    for (const item of v) writeSeqItem(out, item, indent);
    return;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Float32)) {
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) writeMapEntry(out, k, val, indent);
    return;
  }
  out.push(`${pad}${scalarText(v, indent + 2)}\n`);
}

function writeMapEntry(out: string[], k: string, val: unknown, indent: number): void {
  const pad = ' '.repeat(indent);
  const key = scalarText(k, indent, true)!;
  const empty = isEmptyCollection(val);
  if (empty) { out.push(`${pad}${key}: ${empty}\n`); return; }
  if (Array.isArray(val)) {
    out.push(`${pad}${key}:\n`);
    for (const item of val) writeSeqItem(out, item, indent + 2);
    return;
  }
  if (val !== null && typeof val === 'object' && !(val instanceof Float32)) {
    out.push(`${pad}${key}:\n`);
    writeNode(out, val, indent + 2, null);
    return;
  }
  out.push(`${pad}${key}: ${scalarText(val, indent + 2)}\n`);
}

function writeSeqItem(out: string[], item: unknown, indent: number): void {
  const pad = ' '.repeat(indent);
  const empty = isEmptyCollection(item);
  if (empty) { out.push(`${pad}- ${empty}\n`); return; }
  if (Array.isArray(item)) {
    const inner: string[] = [];
    for (const it of item) writeSeqItem(inner, it, indent + 2);
    out.push(pad + '- ' + inner.join('').slice(indent + 2));
    return;
  }
  if (item !== null && typeof item === 'object' && !(item instanceof Float32)) {
    const inner: string[] = [];
    for (const [k, val] of Object.entries(item as Record<string, unknown>)) writeMapEntry(inner, k, val, indent + 2);
    out.push(pad + '- ' + inner.join('').slice(indent + 2));
    return;
  }
  out.push(`${pad}- ${scalarText(item, indent + 2)}\n`);
}
