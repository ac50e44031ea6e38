/**
 * Go's fmt package (Sprintf, Sprint, Sprintln) over the value model described
 * in values.ts: verbs, flags, width, precision, argument indexes and Go's
 * error annotations (`%!d(string=hi)`, `%!s(MISSING)`, `%!(EXTRA int=1)`).
 */

import {
  Deref,
  GoComplex,
  GO_STRING,
  GO_TYPE,
  GoNil,
  GoTyped,
  Iface,
  elemType,
  isStructObject,
  kindOf,
  mapKeys,
  compareStrings,
  structFields,
  typeName,
  utf8Bytes,
  wrapElem,
} from './values.js';
import {
  canBackquote,
  codePoints,
  formatFloat,
  isPrint,
  quote,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
  runeCount,
  validRune,
} from './strconv.js';

const FAKE_POINTER = 0xc000010000n;
const MAX_RUNE = 0x10ffff;
const U64 = 1n << 64n;

interface Flags {
  widPresent: boolean;
  precPresent: boolean;
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  prec: number;
}

function clearFlags(): Flags {
  return {
    widPresent: false,
    precPresent: false,
    minus: false,
    plus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    prec: 0,
  };
}

const NO_ARG = Symbol('noarg');

function isNilArg(v: unknown): boolean {
  return v === undefined || v === null || (v instanceof Iface && (v.inner === undefined || v.inner === null));
}

function stringerOf(v: unknown): (() => string) | undefined {
  if (v instanceof Deref) return stringerOf(v.target);
  if (v === null || typeof v !== 'object') return undefined;
  if (v instanceof GoTyped || v instanceof GoNil || v instanceof Iface || Array.isArray(v)) return undefined;
  const hook = (v as Record<symbol, unknown>)[GO_STRING];
  if (typeof hook === 'function') return () => String((hook as () => unknown).call(v));
  if (isStructObject(v)) {
    const m = (v as Record<string, unknown>)['String'];
    if (typeof m === 'function') return () => String((m as () => unknown).call(v));
  }
  return undefined;
}

class Printer {
  buf = '';
  f: Flags = clearFlags();
  arg: unknown = NO_ARG;
  value: unknown = undefined;
  erroring = false;
  panicking = false;
  reordered = false;
  goodArgNum = true;

  // ---- low level (fmt.fmt) ----

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.f.zero && !this.f.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.f.precPresent && this.f.prec > 4) prec = this.f.prec;
    let s = u.toString(16).toUpperCase();
    if (s.length < prec) s = s.padStart(prec, '0');
    s = 'U+' + s;
    if (this.f.sharp && u <= BigInt(MAX_RUNE) && isPrint(Number(u))) {
      s += " '" + String.fromCodePoint(Number(u)) + "'";
    }
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  fmtIntegerBase(v: bigint, base: number, isSigned: boolean, verb: string, upper: boolean): void {
    const negative = isSigned && v < 0n;
    let u = negative ? -v : v;
    if (!isSigned && u < 0n) u += U64;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = oldZero;
        return;
      }
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let s = u.toString(base);
    if (upper) s = s.toUpperCase();
    if (s.length < prec) s = s.padStart(prec, '0');
    if (this.f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = (upper ? '0X' : '0x') + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.f.plus) s = '+' + s;
    else if (this.f.space) s = ' ' + s;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  truncateString(s: string): string {
    if (this.f.precPresent) {
      const cps = codePoints(s);
      if (cps.length > this.f.prec) {
        // keep the first prec runes
        let n = 0;
        let i = 0;
        for (; i < s.length && n < this.f.prec; n++) {
          const c = s.charCodeAt(i);
          i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
        }
        return s.slice(0, i);
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncateString(s));
  }

  fmtSbx(bytes: Uint8Array, upper: boolean): void {
    const digits = upper ? '0123456789ABCDEFX' : '0123456789abcdefx';
    let length = bytes.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.f.space) {
        if (this.f.sharp) width *= 2;
        width += length - 1;
      } else if (this.f.sharp) {
        width += 2;
      }
    } else {
      if (this.f.widPresent) this.writePadding(this.f.wid);
      return;
    }
    if (this.f.widPresent && this.f.wid > width && !this.f.minus) this.writePadding(this.f.wid - width);
    let out = '';
    if (this.f.sharp) out += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) {
        out += ' ';
        if (this.f.sharp) out += '0' + digits[16];
      }
      const c = bytes[i]!;
      out += digits[c >> 4]! + digits[c & 0xf]!;
    }
    this.buf += out;
    if (this.f.widPresent && this.f.wid > width && this.f.minus) this.writePadding(this.f.wid - width);
  }

  fmtQ(s: string): void {
    s = this.truncateString(s);
    if (this.f.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(this.f.plus ? quoteToASCII(s) : quote(s));
  }

  fmtC(c: bigint): void {
    let r = c > BigInt(MAX_RUNE) || c < 0n ? 0xfffd : Number(c);
    if (!validRune(r)) r = 0xfffd;
    this.pad(String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c > BigInt(MAX_RUNE) || c < 0n ? 0xfffd : Number(c);
    this.pad(this.f.plus ? quoteRuneToASCII(r) : quoteRune(r));
  }

  fmtFloatRaw(v: number, size: number, verb: string, prec: number): void {
    if (this.f.precPresent) prec = this.f.prec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let body = num;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < body.length; i++) {
        const ch = body[i]!;
        if (ch === '.') {
          hasDecimalPoint = true;
        } else if (ch === 'p' || ch === 'P') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else if ((ch === 'e' || ch === 'E') && verb !== 'x' && verb !== 'X') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (ch !== '0') sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  // ---- pp level ----

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (this.arg !== NO_ARG && !isNilArg(this.arg)) {
      const a = this.arg;
      this.buf += typeName(a) + '=';
      this.printArg(a, 'v');
    } else if (this.value !== undefined && this.value !== NO_ARG) {
      const v = this.value;
      this.buf += typeName(v) + '=';
      this.printValue(v, 'v', 0);
    } else {
      this.buf += '<nil>';
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.f.sharp;
    this.f.sharp = leading0x;
    this.fmtIntegerBase(v, 16, false, 'v', false);
    this.f.sharp = sharp;
  }

  fmtInteger(v: bigint, isSigned: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !isSigned) this.fmt0x64(v, true);
        else this.fmtIntegerBase(v, 10, isSigned, verb, false);
        return;
      case 'd':
        return this.fmtIntegerBase(v, 10, isSigned, verb, false);
      case 'b':
        return this.fmtIntegerBase(v, 2, isSigned, verb, false);
      case 'o':
      case 'O':
        return this.fmtIntegerBase(v, 8, isSigned, verb, false);
      case 'x':
        return this.fmtIntegerBase(v, 16, isSigned, verb, false);
      case 'X':
        return this.fmtIntegerBase(v, 16, isSigned, verb, true);
      case 'c':
        return this.fmtC(v < 0n ? v + U64 : v);
      case 'q':
        return this.fmtQc(v < 0n ? v + U64 : v);
      case 'U':
        return this.fmtUnicode(v < 0n ? v + U64 : v);
      default:
        return this.badVerb(verb);
    }
  }

  fmtFloat(v: number, size: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.fmtFloatRaw(v, size, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloatRaw(v, size, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmtFloatRaw(v, size, verb, 6);
      case 'F':
        return this.fmtFloatRaw(v, size, 'f', 6);
      default:
        return this.badVerb(verb);
    }
  }

  fmtComplex(v: GoComplex, verb: string): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const oldPlus = this.f.plus;
        this.buf += '(';
        this.fmtFloat(v.re, 64, verb);
        this.f.plus = true;
        this.fmtFloat(v.im, 64, verb);
        this.buf += 'i)';
        this.f.plus = oldPlus;
        return;
      }
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        return;
      case 's':
        return this.fmtS(v);
      case 'x':
        return this.fmtSbx(utf8Bytes(v), false);
      case 'X':
        return this.fmtSbx(utf8Bytes(v), true);
      case 'q':
        return this.fmtQ(v);
      default:
        return this.badVerb(verb);
    }
  }

  fmtPointer(value: unknown, verb: string): void {
    const k = kindOf(value);
    let u: bigint;
    if (k === 'func' || k === 'map' || k === 'ptr' || k === 'slice') {
      u = value instanceof GoNil ? 0n : FAKE_POINTER;
    } else {
      this.badVerb(verb);
      return;
    }
    switch (verb) {
      case 'v':
        if (this.f.sharpV) {
          this.buf += '(' + typeName(value) + ')(';
          if (u === 0n) this.buf += 'nil';
          else this.fmt0x64(u, true);
          this.buf += ')';
        } else if (u === 0n) {
          this.pad('<nil>');
        } else {
          this.fmt0x64(u, !this.f.sharp);
        }
        return;
      case 'p':
        return this.fmt0x64(u, !this.f.sharp);
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        return this.fmtInteger(u, false, verb);
      default:
        return this.badVerb(verb);
    }
  }

  handleMethods(verb: string): boolean {
    if (this.erroring) return false;
    if (this.f.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const a = this.arg;
    if (a instanceof Error) {
      this.callMethod(() => a.message, verb, 'Error');
      return true;
    }
    const str = stringerOf(a);
    if (str) {
      this.callMethod(str, verb, 'String');
      return true;
    }
    return false;
  }

  callMethod(fn: () => string, verb: string, method: string): void {
    let s: string;
    try {
      s = fn();
    } catch (e) {
      if (this.panicking) throw e;
      const old = this.f;
      this.f = clearFlags();
      this.buf += '%!' + verb + '(PANIC=' + method + ' method: ';
      this.panicking = true;
      this.printArg(e instanceof Error ? e.message : String(e), 'v');
      this.panicking = false;
      this.buf += ')';
      this.f = old;
      return;
    }
    this.fmtString(s, verb);
  }

  printArg(arg: unknown, verb: string): void {
    if (arg instanceof Iface) arg = arg.inner;
    this.arg = arg;
    this.value = undefined;
    if (arg === undefined || arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        return this.fmtBool(arg, verb);
      case 'number':
        return this.fmtFloat(arg, 64, verb);
      case 'bigint':
        return this.fmtInteger(arg, true, verb);
      case 'string':
        return this.fmtString(arg, verb);
      default:
        break;
    }
    if (arg instanceof GoTyped) {
      this.printBasic(arg, verb);
      return;
    }
    if (arg instanceof GoComplex) {
      this.fmtComplex(arg, verb);
      return;
    }
    if (!this.handleMethods(verb)) this.printValue(arg, verb, 0);
  }

  printBasic(v: GoTyped, verb: string): void {
    switch (kindOf(v)) {
      case 'int':
        return this.fmtInteger(v.value as bigint, true, verb);
      case 'uint':
        return this.fmtInteger(v.value as bigint, false, verb);
      case 'float':
        return this.fmtFloat(v.value as number, v.kind === 'float32' ? 32 : 64, verb);
      case 'string':
        return this.fmtString(v.value as string, verb);
      default:
        return this.fmtBool(v.value as boolean, verb);
    }
  }

  printValue(value: unknown, verb: string, depth: number): void {
    if (value === null) value = undefined;
    if (depth > 0 && value !== undefined && !(value instanceof Iface)) {
      this.arg = value;
      if (this.handleMethods(verb)) return;
    }
    this.arg = NO_ARG;
    this.value = value;
    const k = kindOf(value);
    switch (k) {
      case 'invalid':
        if (depth === 0) this.buf += '<invalid reflect.Value>';
        else if (verb === 'v') this.buf += '<nil>';
        else this.badVerb(verb);
        return;
      case 'bool':
        return this.fmtBool(value instanceof GoTyped ? (value.value as boolean) : (value as boolean), verb);
      case 'int':
        return this.fmtInteger(value instanceof GoTyped ? (value.value as bigint) : (value as bigint), true, verb);
      case 'uint':
        return this.fmtInteger((value as GoTyped).value as bigint, false, verb);
      case 'float':
        if (value instanceof GoTyped) return this.fmtFloat(value.value as number, value.kind === 'float32' ? 32 : 64, verb);
        return this.fmtFloat(value as number, 64, verb);
      case 'string':
        return this.fmtString(value instanceof GoTyped ? (value.value as string) : (value as string), verb);
      case 'complex':
        return this.fmtComplex(value as GoComplex, verb);
      case 'interface': {
        const inner = (value as Iface).inner;
        if (inner === undefined) {
          if (this.f.sharpV) this.buf += 'interface {}(nil)';
          else this.buf += '<nil>';
        } else {
          this.printValue(inner, verb, depth + 1);
        }
        return;
      }
      case 'map':
        return this.printMap(value, verb, depth);
      case 'struct':
        return this.printStruct(value as object, typeName(value), verb, depth);
      case 'slice':
        return this.printSlice(value, verb, depth);
      case 'ptr':
        if (depth === 0 && isStructObject(value)) {
          this.buf += '&';
          this.printStruct(value, typeName(value).replace(/^\*/, ''), verb, depth + 1);
          return;
        }
        return this.fmtPointer(value, verb);
      case 'func':
        return this.fmtPointer(value, verb);
      default:
        this.buf += '?' + typeName(value) + '?';
    }
  }

  printMap(value: unknown, verb: string, depth: number): void {
    const t = typeName(value);
    if (value instanceof GoNil) {
      if (this.f.sharpV) {
        this.buf += t + '(nil)';
        return;
      }
      this.buf += 'map[]';
      return;
    }
    const m = value as Record<string, unknown>;
    const el = elemType(t);
    this.buf += this.f.sharpV ? t + '{' : 'map[';
    const keys = mapKeys(m).sort(compareStrings);
    keys.forEach((key, i) => {
      if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
      this.printValue(key, verb, depth + 1);
      this.buf += ':';
      this.printValue(wrapElem(m[key], el), verb, depth + 1);
    });
    this.buf += this.f.sharpV ? '}' : ']';
  }

  printStruct(obj: object, t: string, verb: string, depth: number): void {
    if (this.f.sharpV) this.buf += t;
    this.buf += '{';
    structFields(obj).forEach(([name, v], i) => {
      if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
      if (this.f.plusV || this.f.sharpV) this.buf += name + ':';
      this.printValue(v === null ? undefined : v, verb, depth + 1);
    });
    this.buf += '}';
  }

  printSlice(value: unknown, verb: string, depth: number): void {
    const t = typeName(value);
    const el = elemType(t);
    if (value instanceof GoNil) {
      if (this.f.sharpV) {
        this.buf += t + '(nil)';
        return;
      }
      if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && (el === 'uint8' || el === 'byte')) {
        this.fmtBytes(new Uint8Array(0), verb);
        return;
      }
      this.buf += '[]';
      return;
    }
    const arr = value as unknown[];
    if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && (el === 'uint8' || el === 'byte')) {
      const bytes = Uint8Array.from(arr.map((b) => Number(b instanceof GoTyped ? b.value : b) & 0xff));
      this.fmtBytes(bytes, verb);
      return;
    }
    if (this.f.sharpV) {
      this.buf += t + '{';
      arr.forEach((e, i) => {
        if (i > 0) this.buf += ', ';
        this.printValue(wrapElem(e, el), verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    this.buf += '[';
    arr.forEach((e, i) => {
      if (i > 0) this.buf += ' ';
      this.printValue(wrapElem(e, el), verb, depth + 1);
    });
    this.buf += ']';
  }

  fmtBytes(b: Uint8Array, verb: string): void {
    switch (verb) {
      case 's':
        this.fmtS(new TextDecoder().decode(b));
        return;
      case 'x':
        this.fmtSbx(b, false);
        return;
      case 'X':
        this.fmtSbx(b, true);
        return;
      case 'q':
        this.fmtQ(new TextDecoder().decode(b));
        return;
    }
  }

  // ---- Printf driver ----

  doPrintf(format: string, a: unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++; // skip %
      this.f = clearFlags();
      simple: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case '#':
            this.f.sharp = true;
            break;
          case '0':
            this.f.zero = !this.f.minus;
            break;
          case '+':
            this.f.plus = true;
            break;
          case '-':
            this.f.minus = true;
            this.f.zero = false;
            break;
          case ' ':
            this.f.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                this.f.sharpV = this.f.sharp;
                this.f.sharp = false;
                this.f.plusV = this.f.plus;
                this.f.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }

      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);

      if (i < end && format[i] === '*') {
        i++;
        const r = intFromArg(a, argNum);
        this.f.wid = r.num;
        this.f.widPresent = r.isInt;
        argNum = r.newArgNum;
        if (!this.f.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.f.wid < 0) {
          this.f.wid = -this.f.wid;
          this.f.minus = true;
          this.f.zero = false;
        }
        afterIndex = false;
      } else {
        const r = parsenum(format, i, end);
        this.f.wid = r.num;
        this.f.widPresent = r.isnum;
        i = r.newi;
        if (afterIndex && this.f.widPresent) this.goodArgNum = false;
      }

      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === '*') {
          i++;
          const r = intFromArg(a, argNum);
          this.f.prec = r.num;
          this.f.precPresent = r.isInt;
          argNum = r.newArgNum;
          if (this.f.prec < 0) {
            this.f.prec = 0;
            this.f.precPresent = false;
          }
          if (!this.f.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          const r = parsenum(format, i, end);
          this.f.prec = r.num;
          this.f.precPresent = r.isnum;
          i = r.newi;
          if (!this.f.precPresent) {
            this.f.prec = 0;
            this.f.precPresent = true;
          }
        }
      }

      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);

      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }

      const cp = format.codePointAt(i)!;
      const verb = String.fromCodePoint(cp);
      i += verb.length;

      if (verb === '%') {
        this.buf += '%';
      } else if (!this.goodArgNum) {
        this.buf += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= a.length) {
        this.buf += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'v') {
          this.f.sharpV = this.f.sharp;
          this.f.sharp = false;
          this.f.plusV = this.f.plus;
          this.f.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }

    if (!this.reordered && argNum < a.length) {
      this.f = clearFlags();
      this.buf += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, j) => {
        if (j > 0) this.buf += ', ';
        if (isNilArg(arg)) this.buf += '<nil>';
        else {
          this.buf += typeName(arg instanceof Iface ? arg.inner : arg) + '=';
          this.printArg(arg, 'v');
        }
      });
      this.buf += ')';
    }
  }

  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const r = parseArgNumber(format.slice(i));
    if (r.ok && r.index >= 0 && r.index < numArgs) return [r.index, i + r.wid, true];
    this.goodArgNum = false;
    return [argNum, i + r.wid, r.ok];
  }

  doPrint(a: unknown[]): void {
    let prevString = false;
    a.forEach((arg, argNum) => {
      const v = arg instanceof Iface ? arg.inner : arg;
      const isString = v !== undefined && v !== null && kindOf(v) === 'string';
      if (argNum > 0 && !isString && !prevString) this.buf += ' ';
      this.printArg(v, 'v');
      prevString = isString;
    });
  }

  doPrintln(a: unknown[]): void {
    a.forEach((arg, argNum) => {
      if (argNum > 0) this.buf += ' ';
      this.printArg(arg, 'v');
    });
    this.buf += '\n';
  }
}

function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

function parsenum(s: string, start: number, end: number): { num: number; isnum: boolean; newi: number } {
  if (start >= end) return { num: 0, isnum: false, newi: end };
  let num = 0;
  let isnum = false;
  let newi = start;
  for (; newi < end && s[newi]! >= '0' && s[newi]! <= '9'; newi++) {
    if (tooLarge(num)) return { num: 0, isnum: false, newi: end };
    num = num * 10 + (s.charCodeAt(newi) - 48);
    isnum = true;
  }
  return { num, isnum, newi };
}

function parseArgNumber(format: string): { index: number; wid: number; ok: boolean } {
  if (format.length < 3) return { index: 0, wid: 1, ok: false };
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const r = parsenum(format, 1, i);
      if (!r.isnum || r.newi !== i) return { index: 0, wid: i + 1, ok: false };
      return { index: r.num - 1, wid: i + 1, ok: true };
    }
  }
  return { index: 0, wid: 1, ok: false };
}

function intFromArg(a: unknown[], argNum: number): { num: number; isInt: boolean; newArgNum: number } {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    let v = a[argNum];
    if (v instanceof Iface) v = v.inner;
    const k = kindOf(v);
    if (k === 'int' || k === 'uint') {
      const n = v instanceof GoTyped ? (v.value as bigint) : (v as bigint);
      if (n >= -(1n << 63n) && n < 1n << 63n) {
        num = Number(n);
        isInt = true;
      }
    }
    newArgNum = argNum + 1;
    if (tooLarge(num)) {
      num = 0;
      isInt = false;
    }
  }
  return { num, isInt, newArgNum };
}

/** fmt.Sprintf */
export function sprintf(format: string, ...args: unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** fmt.Sprint */
export function sprint(...args: unknown[]): string {
  const p = new Printer();
  p.doPrint(args);
  return p.buf;
}

/** fmt.Sprintln */
export function sprintln(...args: unknown[]): string {
  const p = new Printer();
  p.doPrintln(args);
  return p.buf;
}

/**
 * What `{{.}}` prints for a value: Go's %v after text/template's printableValue, i.e. a
 * pointer to struct shows as the struct (`{a b}`, not `&{a b}`) and nil as `<no value>`.
 * (Use `sprint(v)` for fmt's plain %v.)
 */
export function formatValue(v: unknown): string {
  if (v instanceof Iface) v = v.inner;
  if (v === undefined || v === null) return '<no value>';
  if (isStructObject(v) && kindOf(v) === 'ptr') v = new Deref(v);
  return sprint(v);
}

export { GO_TYPE };
