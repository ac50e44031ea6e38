// Go's encoding/json Compact: the document without insignificant whitespace, and Go's
// syntax error texts (`invalid character 'n' looking for beginning of object key string`),
// as docker reports a bad --security-opt seccomp=PROFILE file.

class JsonSyntaxError extends Error {}

/** Go's quoteChar */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return '\'"\'';
  const q = JSON.stringify(c).slice(1, -1).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
  return `'${q}'`;
}

const ws = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const digit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** json.Compact; throws Go's syntax error text */
export function goCompactJSON(src: string): string {
  const chars = [...src];
  let i = 0;
  let out = '';
  const eof = (): JsonSyntaxError => new JsonSyntaxError('unexpected end of JSON input');
  const bad = (c: string, ctx: string): JsonSyntaxError => new JsonSyntaxError(`invalid character ${quoteChar(c)} ${ctx}`);
  const skip = (): void => {
    while (i < chars.length && ws(chars[i])) i++;
  };
  const peek = (): string | undefined => chars[i];
  const emit = (): void => {
    out += chars[i++]!;
  };

  const str = (): void => {
    emit(); // opening quote
    for (;;) {
      const c = peek();
      if (c === undefined) throw eof();
      if (c === '"') {
        emit();
        return;
      }
      if (c === '\\') {
        emit();
        const e = peek();
        if (e === undefined) throw eof();
        if (!'"\\/bfnrtu'.includes(e)) throw bad(e, 'in string escape code');
        emit();
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            const h = peek();
            if (h === undefined) throw eof();
            if (!/[0-9a-fA-F]/.test(h)) throw bad(h, 'in \\u hexadecimal character escape');
            emit();
          }
        }
        continue;
      }
      if (c.codePointAt(0)! < 0x20) throw bad(c, 'in string literal');
      emit();
    }
  };

  const num = (): void => {
    if (peek() === '-') {
      emit();
      const c = peek();
      if (c === undefined) throw eof();
      if (!digit(c)) throw bad(c, 'in numeric literal');
    }
    if (peek() === '0') emit();
    else while (digit(peek())) emit();
    if (peek() === '.') {
      emit();
      const c = peek();
      if (c === undefined) throw eof();
      if (!digit(c)) throw bad(c, 'after decimal point in numeric literal');
      while (digit(peek())) emit();
    }
    if (peek() === 'e' || peek() === 'E') {
      emit();
      if (peek() === '+' || peek() === '-') emit();
      const c = peek();
      if (c === undefined) throw eof();
      if (!digit(c)) throw bad(c, 'in exponent of numeric literal');
      while (digit(peek())) emit();
    }
  };

  const literal = (word: string): void => {
    emit();
    for (const expected of word.slice(1)) {
      const c = peek();
      if (c === undefined) throw eof();
      if (c !== expected) throw bad(c, `in literal ${word} (expecting '${expected}')`);
      emit();
    }
  };

  const value = (): void => {
    skip();
    const c = peek();
    if (c === undefined) throw eof();
    if (c === '{') {
      emit();
      skip();
      if (peek() === '}') {
        emit();
        return;
      }
      for (;;) {
        const k = peek();
        if (k === undefined) throw eof();
        if (k !== '"') throw bad(k, 'looking for beginning of object key string');
        str();
        skip();
        const colon = peek();
        if (colon === undefined) throw eof();
        if (colon !== ':') throw bad(colon, 'after object key');
        emit();
        value();
        skip();
        const n = peek();
        if (n === undefined) throw eof();
        if (n === '}') {
          emit();
          return;
        }
        if (n !== ',') throw bad(n, 'after object key:value pair');
        emit();
        skip();
      }
    }
    if (c === '[') {
      emit();
      skip();
      if (peek() === ']') {
        emit();
        return;
      }
      for (;;) {
        value();
        skip();
        const n = peek();
        if (n === undefined) throw eof();
        if (n === ']') {
          emit();
          return;
        }
        if (n !== ',') throw bad(n, 'after array element');
        emit();
      }
    }
    if (c === '"') return str();
    if (c === '-' || digit(c)) return num();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    throw bad(c, 'looking for beginning of value');
  };

  value();
  skip();
  if (i < chars.length) throw bad(chars[i]!, 'after top-level value');
  return out;
}
