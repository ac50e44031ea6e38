// text/template's predefined functions (funcs.go), with Go's error texts.
// Parameters typed `reflect.Value` receive the engine's internal values
// (interfaces still wrapped, undefined for an invalid value).

import { sprint, sprintf, sprintln } from '../gofmt.js';
import { isPrint } from '../strconv.js';
import {
  Deref,
  GoComplex,
  GoNil,
  GoTyped,
  Iface,
  compareStrings,
  elemType,
  isStructObject,
  keyType,
  kindOf,
  kindOfType,
  mapKeys,
  typeName,
  utf8Bytes,
  utf8Decode,
  wrapElem,
  zeroOf,
  type GoFunc,
  type GoSig,
} from '../values.js';
import {
  assignable,
  basicValue,
  canBeNil,
  funcSig,
  indirect,
  indirectInterface,
  isIntLike,
  nilOf,
  truth,
} from './reflect.js';

export interface FuncInfo {
  sig: GoSig;
  impl: (...args: unknown[]) => unknown;
}

const RV = 'reflect.Value';

function fail(msg: string): never {
  throw new Error(msg);
}

// ---- index / slice / len ----

function indexArg(index: unknown, cap: number): number {
  let x: bigint;
  const k = kindOf(index);
  if (k === 'int' || k === 'uint') x = basicValue(index) as bigint;
  else if (k === 'invalid') fail('cannot index slice/array with nil');
  else fail(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

/** prepareArg: check a value is usable as an argument of type t. */
export function prepareArg(value: unknown, t: string): unknown {
  if (value === undefined) {
    if (!canBeNil(t)) fail(`value is nil; should be of type ${t}`);
    return nilOf(t);
  }
  if (assignable(value, t, typeName(value))) return value;
  const tk = kindOf(zeroOf(t));
  if (isIntLike(value) && (tk === 'int' || tk === 'uint')) {
    const n = basicValue(value) as bigint;
    return t === 'int' ? n : new GoTyped(t, t as never, n);
  }
  fail(`value has type ${typeName(value)}; should be ${t}`);
}

function stringOf(v: unknown): string {
  return basicValue(v) as string;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  item = indirectInterface(item);
  if (item === undefined) fail('index of untyped nil');
  for (let index of indexes) {
    index = indirectInterface(index);
    let isNil: boolean;
    [item, isNil] = indirect(item);
    if (isNil) fail('index of nil pointer');
    switch (kindOf(item)) {
      case 'slice': {
        const arr = item instanceof GoNil ? [] : (item as unknown[]);
        const x = indexArg(index, arr.length);
        if (x === arr.length) fail('reflect: slice index out of range');
        item = wrapElem(arr[x], elemType(typeName(item)));
        break;
      }
      case 'string': {
        const bytes = utf8Bytes(stringOf(item));
        const x = indexArg(index, bytes.length);
        if (x === bytes.length) fail('reflect: string index out of range');
        item = new GoTyped('uint8', 'uint8', bytes[x]!);
        break;
      }
      case 'map': {
        const mt = typeName(item);
        const k = prepareArg(index, keyType(mt));
        const m = item instanceof GoNil ? {} : (item as Record<string, unknown>);
        const key = String(basicValue(k));
        const el = elemType(mt);
        if (Object.prototype.hasOwnProperty.call(m, key) && m[key] !== undefined) item = wrapElem(m[key], el);
        else item = zeroOf(el);
        break;
      }
      default:
        // a pointer to a struct was dereferenced first (indirect): Go names the struct type
        fail(`can't index item of type ${isStructObject(item) ? typeName(item).replace(/^\*/, '') : typeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  item = indirectInterface(item);
  if (item === undefined) fail('slice of untyped nil');
  let isNil: boolean;
  [item, isNil] = indirect(item);
  if (isNil) fail('slice of nil pointer');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  const k = kindOf(item);
  let bytes: Uint8Array | undefined;
  let arr: unknown[] | undefined;
  if (k === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    bytes = utf8Bytes(stringOf(item));
    cap = len = bytes.length;
  } else if (k === 'slice') {
    arr = item instanceof GoNil ? [] : (item as unknown[]);
    cap = len = arr.length;
  } else {
    fail(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, 0];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, cap);
  });
  if (idx[0]! > idx[1]!) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) {
    const s = utf8Decode(bytes.slice(idx[0], idx[1]));
    return item instanceof GoTyped ? new GoTyped(item.type, item.kind, s) : s;
  }
  const out = arr!.slice(idx[0], idx[1]);
  const t = typeName(item);
  if (t !== '[]interface {}') Object.defineProperty(out, Symbol.for('berth.go.type'), { value: t, enumerable: false });
  return out;
}

function length(item: unknown): bigint {
  if (item === undefined) fail('reflect: call of reflect.Value.Type on zero Value');
  let isNil: boolean;
  [item, isNil] = indirect(item);
  if (isNil) fail('len of nil pointer');
  switch (kindOf(item)) {
    case 'slice':
      return BigInt(item instanceof GoNil ? 0 : (item as unknown[]).length);
    case 'map':
      return BigInt(item instanceof GoNil ? 0 : mapKeys(item as Record<string, unknown>).length);
    case 'string':
      return BigInt(utf8Bytes(stringOf(item)).length);
  }
  // Go's indirect dereferences a (non-nil) pointer before naming the type
  fail(`len of type ${typeName(item).replace(/^\*+/, '')}`);
}

// ---- call ----

/** Convert a JS function's result per its declared Go result type. */
export function convertResult(v: unknown, result: string | undefined): unknown {
  if (v === null) v = undefined;
  if (result === undefined) return v;
  if (result === RV) return v;
  if (result === 'interface {}' || result === 'any') return new Iface(v);
  if (result === 'int' && typeof v === 'number') return BigInt(Math.trunc(v));
  if (Array.isArray(v) && result.startsWith('[]') && result !== '[]interface {}') {
    const cur = (v as unknown as Record<symbol, unknown>)[Symbol.for('berth.go.type')];
    if (cur !== result) {
      const copy = v.slice();
      Object.defineProperty(copy, Symbol.for('berth.go.type'), { value: result, enumerable: false });
      return copy;
    }
  }
  if (v === undefined && canBeNil(result)) return nilOf(result);
  return v;
}

/** Arguments as a JS implementation receives them: interfaces unwrapped. */
export function implArg(v: unknown, t: string): unknown {
  if (t === RV) return v;
  if (v instanceof Iface) return v.inner;
  if (v instanceof GoNil && kindOfType(t) !== 'interface') {
    // typed parameters: JS implementations get empty containers for nil slices and maps
    const k = kindOf(v);
    if (k === 'slice') return goSliceOf([], v.type);
    if (k === 'map') return goMapOf({}, v.type);
    return undefined;
  }
  return v;
}

function goSliceOf(a: unknown[], t: string): unknown[] {
  if (t !== '[]interface {}') Object.defineProperty(a, Symbol.for('berth.go.type'), { value: t, enumerable: false });
  return a;
}

function goMapOf(m: object, t: string): object {
  if (t !== 'map[string]interface {}') Object.defineProperty(m, Symbol.for('berth.go.type'), { value: t, enumerable: false });
  return m;
}

function call(name: string, fn: unknown, ...args: unknown[]): unknown {
  fn = indirectInterface(fn);
  if (fn === undefined) fail('call of nil');
  if (typeof fn !== 'function') fail(`non-function ${name} of type ${typeName(fn)}`);
  const sig = funcSig(fn as GoFunc, false);
  const numIn = sig.params.length;
  let ddd: string | undefined;
  if (sig.variadic) {
    if (args.length < numIn - 1) fail(`wrong number of args for ${name}: got ${args.length} want at least ${numIn - 1}`);
    ddd = sig.params[numIn - 1];
  } else if (args.length !== numIn) {
    fail(`wrong number of args for ${name}: got ${args.length} want ${numIn}`);
  }
  const argv = args.map((arg, i) => {
    arg = indirectInterface(arg);
    const t = !sig.variadic || i < numIn - 1 ? sig.params[i]! : ddd!;
    try {
      return implArg(prepareArg(arg, t), t);
    } catch (e) {
      fail(`arg ${i}: ${(e as Error).message}`);
    }
  });
  return convertResult((fn as GoFunc)(...argv), sig.result);
}

// ---- comparison ----

type BK = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string';

function basicKind(v: unknown): BK {
  const k = kindOf(v);
  switch (k) {
    case 'bool':
    case 'int':
    case 'uint':
    case 'float':
    case 'complex':
    case 'string':
      return k;
  }
  return 'invalid';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function isNilValue(v: unknown): boolean {
  if (v === undefined) return true;
  if (v instanceof GoNil) return true;
  if (v instanceof Iface) return v.inner === undefined;
  return false;
}

function comparable(v: unknown): boolean {
  const k = kindOf(v);
  return k !== 'slice' && k !== 'map' && k !== 'func';
}

function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  arg1 = indirectInterface(arg1);
  if (arg2.length === 0) fail(errNoComparison);
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') {
        const a = basicValue(arg1) as bigint;
        t = a >= 0n && a === basicValue(arg);
      } else if (k1 === 'uint' && k2 === 'int') {
        const b = basicValue(arg) as bigint;
        t = b >= 0n && basicValue(arg1) === b;
      } else if (arg1 !== undefined && arg !== undefined) {
        fail(errBadComparison);
      }
    } else if (k1 === 'complex') {
      const a = arg1 as GoComplex;
      const b = arg as GoComplex;
      t = a.re === b.re && a.im === b.im;
    } else if (k1 !== 'invalid') {
      t = basicValue(arg1) === basicValue(arg);
    } else {
      const ka = kindOf(arg1);
      const kb = kindOf(arg);
      if (!(ka === kb || ka === 'invalid' || kb === 'invalid')) {
        fail(`non-comparable types ${sprint(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${sprint(arg)}`);
      }
      if (isNilValue(arg1) || isNilValue(arg)) {
        t = isNilValue(arg) === isNilValue(arg1);
      } else {
        if (!comparable(arg)) fail(`non-comparable type ${sprint(arg)}: ${typeName(arg)}`);
        t = arg1 === arg;
      }
    }
    if (t) return true;
  }
  return false;
}

function lt(arg1: unknown, arg2: unknown): boolean {
  arg1 = indirectInterface(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') fail(errBadComparisonType);
  arg2 = indirectInterface(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') fail(errBadComparisonType);
  const a = basicValue(arg1);
  const b = basicValue(arg2);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (a as bigint) < 0n || (a as bigint) < (b as bigint);
    if (k1 === 'uint' && k2 === 'int') return (b as bigint) >= 0n && (a as bigint) < (b as bigint);
    fail(errBadComparison);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      fail(errBadComparisonType);
    // eslint-disable-next-line no-fallthrough
    case 'string':
      return compareStrings(a as string, b as string) < 0;
    default:
      return (a as number | bigint) < (b as number | bigint);
  }
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

// ---- escapers ----

/** evalArgs: the arguments printed as fmt.Sprint does, after template-style indirection. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(
    ...args.map((a) => {
      if (a === undefined || a === null) return '<no value>';
      if (kindOf(a) === 'ptr' && isStructObject(a)) return new Deref(a);
      if (a instanceof GoNil && kindOf(a) === 'ptr') return a;
      return a;
    }),
  );
}

export function htmlEscapeString(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => {
    switch (c) {
      case '\0':
        return '\ufffd';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      default:
        return '&gt;';
    }
  });
}

export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (r < 0x20) {
      out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
    } else if (r < 0x80 || isPrint(r)) {
      out += ch;
    } else {
      out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out;
}

export function urlQueryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

// ---- the table ----

function fn(params: string[], variadic: boolean, result: string, impl: (...args: never[]) => unknown): FuncInfo {
  return { sig: { params, variadic, result }, impl: impl as (...args: unknown[]) => unknown };
}

const unreachable = (): never => {
  throw new Error('unreachable');
};

export const BUILTINS: ReadonlyMap<string, FuncInfo> = new Map<string, FuncInfo>([
  ['and', fn([RV, RV], true, RV, unreachable)],
  ['call', fn([RV, RV], true, RV, call as never)],
  ['html', fn(['interface {}'], true, 'string', (...a: unknown[]) => htmlEscapeString(evalArgs(a)))],
  ['index', fn([RV, RV], true, RV, index)],
  ['slice', fn([RV, RV], true, RV, slice)],
  ['js', fn(['interface {}'], true, 'string', (...a: unknown[]) => jsEscapeString(evalArgs(a)))],
  ['len', fn([RV], false, 'int', length)],
  ['not', fn([RV], false, 'bool', (a: unknown) => !truth(a))],
  ['or', fn([RV, RV], true, RV, unreachable)],
  ['print', fn(['interface {}'], true, 'string', (...a: unknown[]) => sprint(...a))],
  ['printf', fn(['string', 'interface {}'], true, 'string', (f: string, ...a: unknown[]) => sprintf(f, ...a))],
  ['println', fn(['interface {}'], true, 'string', (...a: unknown[]) => sprintln(...a))],
  ['urlquery', fn(['interface {}'], true, 'string', (...a: unknown[]) => urlQueryEscape(evalArgs(a)))],
  ['eq', fn([RV, RV], true, 'bool', eq)],
  ['ge', fn([RV, RV], false, 'bool', (a: unknown, b: unknown) => !lt(a, b))],
  ['gt', fn([RV, RV], false, 'bool', (a: unknown, b: unknown) => !le(a, b))],
  ['le', fn([RV, RV], false, 'bool', le)],
  ['lt', fn([RV, RV], false, 'bool', lt)],
  ['ne', fn([RV, RV], false, 'bool', (a: unknown, b: unknown) => !eq(a, b))],
]);

export function funcInfo(f: GoFunc, method: boolean): FuncInfo {
  return { sig: funcSig(f, method), impl: f };
}

