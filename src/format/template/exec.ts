// Go's text/template executor (exec.go) over the value model of ../values.ts.

import { formatValue, sprint } from '../gofmt.js';
import { quote } from '../strconv.js';
import {
  Deref,
  GoComplex,
  GoNil,
  GoTyped,
  Iface,
  compareStrings,
  elemType,
  findMember,
  isMapObject,
  isStructObject,
  kindOf,
  keyType,
  kindOfType,
  mapKeys,
  typeName,
  wrapElem,
  zeroOf,
  type GoFunc,
  type GoKind,
} from '../values.js';
import { BUILTINS, convertResult, funcInfo, implArg, type FuncInfo } from './builtins.js';
import {
  errorContext,
  nodeString,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type Tree,
  type VariableNode,
} from './parse.js';
import { MISSING, assignable, canBeNil, indirect, isTrue, nilOf, truth, type Missing } from './reflect.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

export const MAX_EXEC_DEPTH = 100000;
/**
 * Go allows 100000 nested template calls; a JS stack does not. Only runaway recursion gets
 * this deep, so past this depth we report what Go reports when it reaches its own limit.
 */
const SAFE_EXEC_DEPTH = 1000;

export class ExecError extends Error {}

const BREAK = { signal: 'break' };
const CONTINUE = { signal: 'continue' };

interface Variable {
  name: string;
  value: unknown;
}

export interface ExecEnv {
  trees: Map<string, Tree>;
  funcs: Map<string, FuncInfo>;
  missingKey: MissingKey;
  /** The innermost {{template}} call, to report a JS stack overflow as Go's depth error. */
  lastCall?: { node: TemplateNode; name: string };
}

type Args = Node[] | null;

/** How a value shows in messages: a pointer to struct as the struct (Go indirects first). */
function printable(v: unknown): unknown {
  return isStructObject(v) && kindOf(v) === 'ptr' ? new Deref(v) : v;
}

export function execErrorText(name: string, node: Node | null, msg: string): string {
  if (node === null) return `template: ${name}: ${msg}`;
  const { location, context } = errorContext(node);
  return `template: ${location}: executing ${quote(name)} at <${context}>: ${msg}`;
}

export class State {
  node: Node | null = null;
  vars: Variable[];
  out: { s: string };

  constructor(
    readonly env: ExecEnv,
    readonly name: string,
    readonly depth: number,
    dot: unknown,
    out: { s: string },
  ) {
    this.vars = [{ name: '$', value: dot }];
    this.out = out;
  }

  // ---- variables ----

  push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }

  mark(): number {
    return this.vars.length;
  }

  pop(mark: number): void {
    this.vars.length = mark;
  }

  setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- errors ----

  at(node: Node): void {
    this.node = node;
  }

  errorf(msg: string): never {
    throw new ExecError(execErrorText(this.name, this.node, msg));
  }

  // ---- walking ----

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.s += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(node: BranchNode, dot: unknown): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const [t, ok] = isTrue(val instanceof Iface ? val.inner : val);
      if (!ok) this.errorf(`if/with can't use ${sprint(printable(val))}`);
      if (t) {
        if (node.type === 'with') this.walk(val, node.list);
        else this.walk(dot, node.list);
      } else if (node.elseList) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.pop(mark);
    }
  }

  walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const [val] = indirect(this.evalPipeline(dot, r.pipe));
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: unknown, elem: unknown): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index);
            else this.setVar(decl[0]!.ident[0]!, elem);
          } else {
            this.setTopVar(1, elem);
          }
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      let ran = false;
      switch (kindOf(val)) {
        case 'int':
        case 'uint': {
          if (decl.length > 1) this.errorf(`can't use ${sprint(val)} to iterate over more than one variable`);
          const n = (val instanceof GoTyped ? val.value : val) as bigint;
          for (let i = 0n; i < n; i++) {
            ran = true;
            oneIteration(undefined, val instanceof GoTyped ? new GoTyped(val.type, val.kind, i) : i);
          }
          break;
        }
        case 'slice': {
          if (val instanceof GoNil) break;
          const arr = val as unknown[];
          const el = elemType(typeName(val));
          for (let i = 0; i < arr.length; i++) {
            ran = true;
            oneIteration(BigInt(i), wrapElem(arr[i], el));
          }
          break;
        }
        case 'map': {
          if (val instanceof GoNil) break;
          const m = val as Record<string, unknown>;
          const el = elemType(typeName(val));
          for (const k of mapKeys(m).sort(compareStrings)) {
            ran = true;
            oneIteration(k, wrapElem(m[k], el));
          }
          break;
        }
        case 'invalid':
          break;
        default:
          this.errorf(`range can't iterate over ${sprint(printable(val))}`);
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.pop(outer);
    }
  }

  walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tree = this.env.trees.get(t.name);
    if (!tree || !tree.root) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth >= SAFE_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    dot = this.evalPipeline(dot, t.pipe);
    const st = new State(this.env, tree.name, this.depth + 1, dot, this.out);
    this.env.lastCall = { node: t, name: this.name };
    st.walk(dot, tree.root);
  }

  // ---- evaluation ----

  evalPipeline(dot: unknown, pipe: PipeNode | null): unknown {
    if (pipe === null) return undefined;
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value instanceof Iface) value = value.inner;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.push(v.ident[0]!, value);
    }
    return value;
  }

  notAFunction(args: Node[], final: unknown): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  evalCommand(dot: unknown, cmd: CommandNode, final: unknown): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${quote(nodeString(first))}`);
  }

  idealConstant(c: NumberNode): unknown {
    this.at(c);
    if (c.isComplex) return new GoComplex(c.complex[0], c.complex[1]);
    const isHexInt = c.text.length > 2 && c.text[0] === '0' && (c.text[1] === 'x' || c.text[1] === 'X') && !/[pP]/.test(c.text);
    const isRuneInt = c.text.length > 0 && c.text[0] === "'";
    if (c.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(c.text)) return c.float64;
    if (c.isInt) return c.int64;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: unknown, field: FieldNode, args: Args, final: unknown): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: unknown, chain: ChainNode, args: Args, final: unknown): unknown {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(dot: unknown, variable: VariableNode, args: Args, final: unknown): unknown {
    this.at(variable);
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  evalFieldChain(dot: unknown, receiver: unknown, node: Node, ident: string[], args: Args, final: unknown): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: Args, final: unknown): unknown {
    this.at(node);
    const name = node.ident;
    const user = this.env.funcs.get(name);
    if (user) return this.evalCall(dot, user, false, cmd, name, args, final);
    const b = BUILTINS.get(name);
    if (b) return this.evalCall(dot, b, true, cmd, name, args, final);
    this.errorf(`${quote(name)} is not a defined function`);
  }

  evalField(dot: unknown, fieldName: string, node: Node, args: Args, final: unknown, receiver: unknown): unknown {
    if (receiver === undefined || receiver === null) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(fieldName)}`);
      return undefined;
    }
    const typ = typeName(receiver);
    const [r, isNil] = indirect(receiver);
    if (r instanceof Iface && isNil) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    let member: ReturnType<typeof findMember> = { found: false, isMethod: false };
    if (isStructObject(r) && /^\p{Lu}/u.test(fieldName)) {
      try {
        member = findMember(r, fieldName);
      } catch (e) {
        // a getter that throws: reported like a failing method
        this.errorf(`error calling ${fieldName}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (member.found && member.isMethod) {
        const f = member.value as GoFunc;
        const info = funcInfo(f, true);
        const bound: FuncInfo = { sig: info.sig, impl: (...a: unknown[]) => f.apply(r, a) };
        return this.evalCall(dot, bound, false, node, fieldName, args, final);
      }
    } else if (isMapObject(r) && !(r instanceof GoNil) && /^\p{Lu}/u.test(fieldName)) {
      // a named map type's methods (formatter.SubHeaderContext's Label) come before its keys,
      // as Go looks methods up first; they live on the map object's prototype
      const proto = Object.getPrototypeOf(r) as object | null;
      const m = proto && proto !== Object.prototype ? findMember(proto, fieldName) : undefined;
      if (m?.found && m.isMethod) {
        const f = m.value as GoFunc;
        const info = funcInfo(f, true);
        const bound: FuncInfo = { sig: info.sig, impl: (...a: unknown[]) => f.apply(r, a) };
        return this.evalCall(dot, bound, false, node, fieldName, args, final);
      }
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    switch (kindOf(r)) {
      case 'struct':
      case 'ptr':
        if (member.found) {
          if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
          const v = member.value;
          return v === null ? undefined : v;
        }
        if (r instanceof GoNil) {
          if (r.fields && !r.fields.includes(fieldName)) break;
          if (isNil) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
        }
        // a struct's own lower-case fields are Go's unexported ones
        if (isStructObject(r) && !/^\p{Lu}/u.test(fieldName) && Object.prototype.propertyIsEnumerable.call(r, fieldName)) {
          this.errorf(`${fieldName} is an unexported field of struct type ${typ}`);
        }
        break;
      case 'map': {
        const mt = typeName(r);
        if (keyType(mt) !== 'string') break;
        if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
        const el = elemType(mt);
        if (!(r instanceof GoNil)) {
          const m = r as Record<string, unknown>;
          if (Object.prototype.hasOwnProperty.call(m, fieldName) && m[fieldName] !== undefined) {
            return wrapElem(m[fieldName], el);
          }
        }
        switch (this.env.missingKey) {
          case 'zero':
            return zeroOf(el);
          case 'error':
            this.errorf(`map has no entry for key ${quote(fieldName)}`);
          // eslint-disable-next-line no-fallthrough
          default:
            return undefined;
        }
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  evalCall(dot: unknown, fn: FuncInfo, isBuiltin: boolean, node: Node, name: string, args: Args, final: unknown): unknown {
    const a = args !== null ? args.slice(1) : [];
    const sig = fn.sig;
    const numParams = sig.params.length;
    let numIn = a.length;
    if (final !== MISSING) numIn++;
    let numFixed = a.length;
    if (sig.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numParams - 1} got ${a.length}`);
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: unknown = undefined;
      for (const arg of a) {
        v = this.evalArg(dot, 'reflect.Value', arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value');
      return v;
    }

    const argv: unknown[] = [];
    const types: string[] = [];
    let i = 0;
    for (; i < numFixed && i < a.length; i++) {
      types[i] = sig.params[i]!;
      argv[i] = this.evalArg(dot, types[i]!, a[i]!);
    }
    if (sig.variadic) {
      const t = sig.params[numParams - 1]!;
      for (; i < a.length; i++) {
        types[i] = t;
        argv[i] = this.evalArg(dot, t, a[i]!);
      }
    }
    if (final !== MISSING) {
      let t = sig.params[numParams - 1]!;
      if (sig.variadic && numIn - 1 < numFixed) t = sig.params[numIn - 1]!;
      types[i] = t;
      argv[i] = this.validateType(final, t);
    }

    let callArgs = argv.map((v, j) => implArg(v, types[j]!));
    if (isBuiltin && name === 'call') {
      const calleeName = a.length === 0 ? `<${typeName(final)} Value>` : nodeString(a[0]!);
      callArgs = [calleeName, ...callArgs];
    }
    let v: unknown;
    try {
      v = fn.impl(...callArgs);
    } catch (e) {
      if (e instanceof ExecError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return convertResult(v, sig.result);
  }

  validateType(value: unknown, typ: string | null): unknown {
    if (value === undefined || value === null) {
      if (typ === null) return undefined;
      if (canBeNil(typ)) return nilOf(typ);
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === 'reflect.Value') return value;
    if (typ !== null && !assignable(value, typ, typeName(value))) {
      if (value instanceof Iface && value.inner !== undefined) {
        value = value.inner;
        if (assignable(value, typ, typeName(value))) return value;
      }
      const vt = typeName(value);
      if (vt === '*' + typ && isStructObject(value)) return value;
      this.errorf(`wrong type for value; expected ${typ}; got ${vt}`);
    }
    return value;
  }

  evalArg(dot: unknown, typ: string | null, n: Node): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ !== null && canBeNil(typ)) return nilOf(typ);
        this.errorf(`cannot assign nil to ${typ}`);
      // eslint-disable-next-line no-fallthrough
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    const t = typ ?? 'interface {}';
    if (t === 'reflect.Value') return this.evalEmptyInterface(dot, n);
    switch (kindOfType(t)) {
      case 'bool':
        if (n.type === 'bool') return t === 'bool' ? n.value : new GoTyped(t, 'bool', n.value);
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'float':
        if (n.type === 'number' && n.isFloat) return t === 'float64' ? n.float64 : new GoTyped(t, t as GoKind, n.float64);
        this.errorf(`expected float; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'int':
        if (n.type === 'number' && n.isInt) return t === 'int' ? n.int64 : new GoTyped(t, t as GoKind, n.int64);
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'uint':
        if (n.type === 'number' && n.isUint) return new GoTyped(t, (t === 'byte' ? 'uint8' : t) as GoKind, n.uint64);
        this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'complex':
        if (n.type === 'number' && n.isComplex) return new GoComplex(n.complex[0], n.complex[1]);
        this.errorf(`expected complex; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'string':
        if (n.type === 'string') return t === 'string' ? n.text : new GoTyped(t, 'string', n.text);
        this.errorf(`expected string; found ${nodeString(n)}`);
      // eslint-disable-next-line no-fallthrough
      case 'interface':
        return this.evalEmptyInterface(dot, n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${t}`);
  }

  evalEmptyInterface(dot: unknown, n: Node): unknown {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'dot':
        return dot;
      case 'field':
        return this.evalFieldNode(dot, n, null, MISSING);
      case 'identifier':
        return this.evalFunction(dot, n, n, null, MISSING);
      case 'nil':
        this.errorf("evalEmptyInterface: nil (can't happen)");
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
      case 'variable':
        return this.evalVariableNode(dot, n, null, MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  printValue(n: Node, v: unknown): void {
    this.at(n);
    if (kindOf(v) === 'func') this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    this.out.s += formatValue(v);
  }
}

export type { Missing };
