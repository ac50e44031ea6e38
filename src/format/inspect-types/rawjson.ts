/**
 * JSON text to a tree that keeps what JSON.parse loses and encoding/json sees: number
 * literals exactly as written (int64 beyond 2^53, 1.0 vs 1), object members in order
 * (duplicates included), and keys such as "__proto__" as plain keys.
 */

export class RawNumber {
  constructor(readonly text: string) {}
}

export class RawObject {
  constructor(readonly entries: [string, Raw][]) {}
}

export type Raw = null | boolean | string | RawNumber | Raw[] | RawObject;

export class RawJsonError extends Error {}

export function parseRawJson(text: string): Raw {
  const p = new Parser(text);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i !== text.length) p.fail();
  return v;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(): never {
    throw new RawJsonError(`invalid character at offset ${this.i}`);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.i++;
    }
  }

  value(depth: number): Raw {
    if (depth > 10000) throw new RawJsonError('exceeded max depth');
    const c = this.s[this.i];
    switch (c) {
      case '{': {
        this.i++;
        const entries: [string, Raw][] = [];
        this.ws();
        if (this.s[this.i] === '}') {
          this.i++;
          return new RawObject(entries);
        }
        for (;;) {
          this.ws();
          if (this.s[this.i] !== '"') this.fail();
          const k = this.string();
          this.ws();
          if (this.s[this.i] !== ':') this.fail();
          this.i++;
          this.ws();
          entries.push([k, this.value(depth + 1)]);
          this.ws();
          const d = this.s[this.i++];
          if (d === ',') continue;
          if (d === '}') return new RawObject(entries);
          this.i--;
          this.fail();
        }
      }
      case '[': {
        this.i++;
        const arr: Raw[] = [];
        this.ws();
        if (this.s[this.i] === ']') {
          this.i++;
          return arr;
        }
        for (;;) {
          this.ws();
          arr.push(this.value(depth + 1));
          this.ws();
          const d = this.s[this.i++];
          if (d === ',') continue;
          if (d === ']') return arr;
          this.i--;
          this.fail();
        }
      }
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      default: {
        NUMBER.lastIndex = this.i;
        const m = NUMBER.exec(this.s);
        if (!m || m[0] === '') this.fail();
        this.i += m[0].length;
        return new RawNumber(m[0]);
      }
    }
  }

  word<T>(w: string, v: T): T {
    if (!this.s.startsWith(w, this.i)) this.fail();
    this.i += w.length;
    return v;
  }

  string(): string {
    const start = this.i;
    this.i++;
    let plain = true;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) this.fail();
      if (c === 0x5c) {
        plain = false;
        this.i += 2;
        continue;
      }
      if (c < 0x20) this.fail();
      this.i++;
      if (c === 0x22) break;
    }
    if (plain) return this.s.slice(start + 1, this.i - 1);
    try {
      // encoding/json turns escaped lone surrogates into U+FFFD
      return (JSON.parse(this.s.slice(start, this.i)) as string).replace(LONE_SURROGATE, '\ufffd');
    } catch {
      this.i = start;
      this.fail();
    }
  }
}
