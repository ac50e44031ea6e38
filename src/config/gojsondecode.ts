// encoding/json's Decoder.Decode as docker reads config.json: the first JSON value of the
// input (what follows it is never read), with Go's syntax error texts ("unexpected EOF",
// "invalid character '}' looking for beginning of object key string", ...). Values come out
// as a tree that keeps members in order, duplicates included.

export type GoRaw = null | boolean | string | GoNumber | GoRaw[] | GoObject;

/** a number literal as written */
export class GoNumber {
  constructor(readonly text: string) {}
}

/** an object's members in order, duplicates included */
export class GoObject {
  constructor(readonly entries: [string, GoRaw][]) {}
}

export class GoSyntaxError extends Error {}

/** io.EOF: the input held no value at all (only white space) */
export class GoEOF extends Error {}

/** strconv.Quote of one byte, in single quotes (encoding/json's quoteChar) */
export function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  switch (c) {
    case 0x07: return "'\\a'";
    case 0x08: return "'\\b'";
    case 0x0c: return "'\\f'";
    case 0x0a: return "'\\n'";
    case 0x0d: return "'\\r'";
    case 0x09: return "'\\t'";
    case 0x0b: return "'\\v'";
    case 0x5c: return "'\\\\'";
    default: break;
  }
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // a byte >= 0x80 is quoted as the rune of the same value (U+0080..U+00FF)
  if (c >= 0x80 && (c < 0xa0 || c === 0xad)) return `'\\u00${c.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

const utf8 = new TextDecoder('utf-8');

class Reader {
  i = 0;
  constructor(readonly b: Uint8Array) {}

  /** the byte at the cursor; EOF fails with Go's "unexpected EOF" */
  peek(): number {
    if (this.i >= this.b.length) throw new GoSyntaxError('unexpected EOF');
    return this.b[this.i]!;
  }

  bad(context: string): never {
    throw new GoSyntaxError(`invalid character ${quoteChar(this.b[this.i]!)} ${context}`);
  }

  ws(): void {
    while (this.i < this.b.length && isSpace(this.b[this.i]!)) this.i++;
  }

  value(): GoRaw {
    this.ws();
    const c = this.peek();
    switch (c) {
      case 0x7b: return this.object();
      case 0x5b: return this.array();
      case 0x22: return this.string();
      case 0x74: return this.literal('true', true);
      case 0x66: return this.literal('false', false);
      case 0x6e: return this.literal('null', null);
      default:
        if (c === 0x2d || isDigit(c)) return this.number();
        return this.bad('looking for beginning of value');
    }
  }

  object(): GoObject {
    this.i++;
    const entries: [string, GoRaw][] = [];
    this.ws();
    if (this.peek() === 0x7d) {
      this.i++;
      return new GoObject(entries);
    }
    for (;;) {
      this.ws();
      if (this.peek() !== 0x22) this.bad('looking for beginning of object key string');
      const k = this.string();
      this.ws();
      if (this.peek() !== 0x3a) this.bad('after object key');
      this.i++;
      entries.push([k, this.value()]);
      this.ws();
      const d = this.peek();
      if (d === 0x2c) {
        this.i++;
        continue;
      }
      if (d === 0x7d) {
        this.i++;
        return new GoObject(entries);
      }
      this.bad('after object key:value pair');
    }
  }

  array(): GoRaw[] {
    this.i++;
    const out: GoRaw[] = [];
    this.ws();
    if (this.peek() === 0x5d) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const d = this.peek();
      if (d === 0x2c) {
        this.i++;
        continue;
      }
      if (d === 0x5d) {
        this.i++;
        return out;
      }
      this.bad('after array element');
    }
  }

  literal<T>(word: string, v: T): T {
    this.i++;
    for (let k = 1; k < word.length; k++) {
      if (this.peek() !== word.charCodeAt(k)) this.bad(`in literal ${word} (expecting '${word[k]}')`);
      this.i++;
    }
    return v;
  }

  number(): GoNumber {
    const start = this.i;
    if (this.peek() === 0x2d) {
      this.i++;
      if (!isDigit(this.peek())) this.bad('in numeric literal');
    }
    if (this.peek() === 0x30) this.i++;
    else while (this.i < this.b.length && isDigit(this.b[this.i]!)) this.i++;
    if (this.i < this.b.length && this.b[this.i] === 0x2e) {
      this.i++;
      if (!isDigit(this.peek())) this.bad('after decimal point in numeric literal');
      while (this.i < this.b.length && isDigit(this.b[this.i]!)) this.i++;
    }
    if (this.i < this.b.length && (this.b[this.i] === 0x65 || this.b[this.i] === 0x45)) {
      this.i++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.i++;
      if (!isDigit(this.peek())) this.bad('in exponent of numeric literal');
      while (this.i < this.b.length && isDigit(this.b[this.i]!)) this.i++;
    }
    return new GoNumber(utf8.decode(this.b.subarray(start, this.i)));
  }

  string(): string {
    this.i++;
    let out = '';
    let run = this.i;
    for (;;) {
      const c = this.peek();
      if (c === 0x22) {
        out += utf8.decode(this.b.subarray(run, this.i));
        this.i++;
        return out;
      }
      if (c < 0x20) this.bad('in string literal');
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += utf8.decode(this.b.subarray(run, this.i));
      this.i++;
      const e = this.peek();
      const simple: Record<number, string> = { 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t', 0x5c: '\\', 0x2f: '/', 0x22: '"' };
      if (simple[e] !== undefined) {
        out += simple[e];
        this.i++;
      } else if (e === 0x75) {
        this.i++;
        let hex = '';
        for (let k = 0; k < 4; k++) {
          if (!isHex(this.peek())) this.bad('in \\u hexadecimal character escape');
          hex += String.fromCharCode(this.b[this.i]!);
          this.i++;
        }
        out += String.fromCharCode(parseInt(hex, 16));
      } else {
        this.bad('in string escape code');
      }
      run = this.i;
    }
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The first JSON value of `input`, as json.Decoder.Decode reads it. Throws GoEOF when there
 * is nothing but white space, GoSyntaxError with Go's text otherwise.
 */
export function decodeFirstValue(input: Uint8Array): GoRaw {
  const r = new Reader(input);
  r.ws();
  if (r.i >= input.length) throw new GoEOF('EOF');
  const v = r.value();
  return fixSurrogates(v);
}

/** encoding/json turns lone surrogates of \u escapes into U+FFFD */
function fixSurrogates(v: GoRaw): GoRaw {
  if (typeof v === 'string') return v.replace(LONE_SURROGATE, '\ufffd');
  if (Array.isArray(v)) return v.map(fixSurrogates);
  if (v instanceof GoObject) return new GoObject(v.entries.map(([k, x]) => [k.replace(LONE_SURROGATE, '\ufffd'), fixSurrogates(x)]));
  return v;
}

/** the JSON kind encoding/json names in an UnmarshalTypeError */
export function goKind(v: GoRaw): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoNumber) return 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}
