// The bits of reflect that text/template's executor and builtins lean on,
// expressed over the value model of ../values.ts.

import {
  GO_SIG,
  GoComplex,
  GoNil,
  GoTyped,
  Iface,
  isInterfaceType,
  kindOf,
  kindOfType,
  mapKeys,
  type GoFunc,
  type GoSig,
} from '../values.js';

/** The "missing" final argument of a command (not part of a pipeline). */
export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

/** indirect: through interfaces (and pointers); reports nil. */
export function indirect(v: unknown): [unknown, boolean] {
  for (;;) {
    if (v instanceof Iface) {
      if (v.inner === undefined) return [v, true];
      v = v.inner;
      continue;
    }
    if (v instanceof GoNil) {
      const k = kindOf(v);
      if (k === 'ptr' || k === 'interface') return [v, true];
    }
    return [v, false];
  }
}

/** indirectInterface: the concrete value inside an interface (undefined for nil). */
export function indirectInterface(v: unknown): unknown {
  if (v instanceof Iface) return v.inner;
  return v;
}

/** isTrue: Go's truth of a value, and whether it has one. */
export function isTrue(v: unknown): [boolean, boolean] {
  if (v === undefined || v === null) return [false, true];
  if (v instanceof GoTyped) {
    if (typeof v.value === 'bigint') return [v.value !== 0n, true];
    if (typeof v.value === 'number') return [v.value !== 0, true];
    if (typeof v.value === 'string') return [v.value.length > 0, true];
    return [v.value, true];
  }
  switch (kindOf(v)) {
    case 'bool':
      return [v as boolean, true];
    case 'string':
      return [(v as string).length > 0, true];
    case 'int':
      return [(v as bigint) !== 0n, true];
    case 'float':
      return [(v as number) !== 0, true];
    case 'complex':
      return [(v as GoComplex).re !== 0 || (v as GoComplex).im !== 0, true];
    case 'slice':
      return [v instanceof GoNil ? false : (v as unknown[]).length > 0, true];
    case 'map':
      return [v instanceof GoNil ? false : mapKeys(v as Record<string, unknown>).length > 0, true];
    case 'interface':
      return [(v as Iface).inner !== undefined, true];
    case 'ptr':
    case 'func':
      return [!(v instanceof GoNil), true];
    case 'struct':
      return [true, true];
    default:
      return [false, false];
  }
}

export function truth(v: unknown): boolean {
  return isTrue(indirectInterface(v))[0];
}

export function canBeNil(t: string): boolean {
  if (t === 'reflect.Value') return true;
  const k = kindOfType(t);
  return k === 'func' || k === 'interface' || k === 'map' || k === 'ptr' || k === 'slice';
}

/** The nil of a type, as a value (undefined for interfaces and reflect.Value). */
export function nilOf(t: string): unknown {
  if (t === 'reflect.Value' || isInterfaceType(t) || kindOfType(t) === 'interface') return undefined;
  return new GoNil(t);
}

const ALIASES: Record<string, string> = { byte: 'uint8', rune: 'int32', any: 'interface {}', 'interface{}': 'interface {}' };

export function canonType(t: string): string {
  return ALIASES[t] ?? t;
}

/** Whether a value of the value's type is assignable to type t. */
export function assignable(value: unknown, t: string, valueType: string): boolean {
  const c = canonType(t);
  if (c === 'interface {}') return true;
  return canonType(valueType) === c;
}

/** Go value of a basic kind: bigint, number, string or boolean. */
export function basicValue(v: unknown): unknown {
  return v instanceof GoTyped ? v.value : v;
}

export function isIntLike(v: unknown): boolean {
  const k = kindOf(v);
  return k === 'int' || k === 'uint';
}

/** A function's or method's Go signature. */
export function funcSig(fn: GoFunc, method: boolean): GoSig {
  const sig = fn[GO_SIG];
  if (sig) return sig;
  if (method) return { params: Array.from({ length: fn.length }, () => 'interface {}') };
  return { params: ['interface {}'], variadic: true };
}
