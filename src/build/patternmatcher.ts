// .dockerignore as docker 28 reads and applies it (moby/patternmatcher 0.6 and its
// ignorefile package): lines read as bufio.Scanner does, comments, TrimSpace, filepath.Clean,
// leading "/" dropped; patterns compiled once into exact/prefix/suffix tests or a regular
// expression built as Go builds it (then translated from Go's RE2 dialect to JavaScript's),
// and the three matching functions docker uses, quirks included:
//  - matchesOrParentMatches: the context check (ValidateContextDirectory);
//  - matchesUsingParentResults: the tar walk, which carries each directory's per-pattern
//    results down to its children;
//  - matches: the deprecated one-parent check TrimBuildFilesFromExcludes uses.
import { BadPatternError, clean, dir, match as goMatch, trimSpace } from './gopath.js';

export { BadPatternError };

const UTF8_BOM = '\ufeff';

/** ignorefile.ReadAll on the bytes of a .dockerignore */
export function readIgnoreFile(data: Buffer | string): string[] {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const out: string[] = [];
  // bufio.ScanLines: lines end at \n, a trailing \r is dropped, a last line without \n counts
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (Buffer.byteLength(line) > 64 * 1024) throw new Error('error reading .dockerignore: bufio.Scanner: token too long');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (i === 0 && line.startsWith(UTF8_BOM)) line = line.slice(1);
    if (line.startsWith('#')) continue;
    let pattern = trimSpace(line);
    if (pattern === '') continue;
    const invert = pattern[0] === '!';
    if (invert) pattern = trimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = clean(pattern);
      if (pattern.length > 1 && pattern[0] === '/') pattern = pattern.slice(1);
    }
    if (invert) pattern = `!${pattern}`;
    out.push(pattern);
  }
  return out;
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** [regexp/syntax] named ASCII classes, as JavaScript class bodies */
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const PERL_CLASSES: Record<string, string> = {
  d: '0-9',
  s: '\\t\\n\\f\\r ',
  w: '0-9A-Za-z_',
};

class RegexpSyntaxError extends Error {}

function jsChar(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** what Go's regexp takes as an escaped literal: any ASCII character but a letter or digit */
function isPunct(c: string): boolean {
  return c.length === 1 && c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(c);
}

/**
 * Translates the regular expression docker builds for a pattern (Go RE2 syntax, Perl flags:
 * `.` does not match \n, classes do) into an equivalent JavaScript one (flag u). Only the
 * constructs a pattern can produce are needed, but every escape and class form Go accepts
 * is handled, and what Go rejects throws.
 */
export function goRegexpToJs(re: string): string {
  const cps = Array.from(re);
  let i = 0;
  let out = '';
  const peek = (): string | undefined => cps[i];

  const hexDigits = (s: string): number => {
    if (!/^[0-9a-fA-F]+$/.test(s)) throw new RegexpSyntaxError('invalid escape sequence');
    const v = parseInt(s, 16);
    if (v > 0x10ffff) throw new RegexpSyntaxError('invalid escape sequence');
    return v;
  };

  /** an escape after `\`; returns either a code point or a class body (for \d etc.) */
  const escape = (inClass: boolean): { cp?: number; cls?: string; neg?: boolean; raw?: string } => {
    const c = cps[i++];
    if (c === undefined) throw new RegexpSyntaxError('trailing backslash at end of expression');
    if (c >= '1' && c <= '7') {
      // octal needs a following octal digit; a lone \1 is a backreference Go refuses
      const n = cps[i];
      if (n === undefined || n < '0' || n > '7') throw new RegexpSyntaxError('invalid escape sequence');
    }
    if (c >= '0' && c <= '7') {
      let v = c.charCodeAt(0) - 48;
      for (let k = 0; k < 2 && cps[i] !== undefined && cps[i]! >= '0' && cps[i]! <= '7'; k++) v = v * 8 + cps[i++]!.charCodeAt(0) - 48;
      return { cp: v };
    }
    switch (c) {
      case 'a': return { cp: 7 };
      case 'f': return { cp: 12 };
      case 't': return { cp: 9 };
      case 'n': return { cp: 10 };
      case 'r': return { cp: 13 };
      case 'v': return { cp: 11 };
      case 'x': {
        if (cps[i] === '{') {
          const close = cps.indexOf('}', i);
          if (close < 0) throw new RegexpSyntaxError('invalid escape sequence');
          const v = hexDigits(cps.slice(i + 1, close).join(''));
          i = close + 1;
          return { cp: v };
        }
        const h = (cps[i] ?? '') + (cps[i + 1] ?? '');
        i += 2;
        return { cp: hexDigits(h.length === 2 ? h : 'z') };
      }
      case 'd': case 's': case 'w':
        return { cls: PERL_CLASSES[c]!, neg: false };
      case 'D': case 'S': case 'W':
        return { cls: PERL_CLASSES[c.toLowerCase()]!, neg: true };
      case 'p': case 'P': {
        let name: string;
        if (cps[i] === '{') {
          const close = cps.indexOf('}', i);
          if (close < 0) throw new RegexpSyntaxError('invalid character class range');
          name = cps.slice(i + 1, close).join('');
          i = close + 1;
        } else {
          name = cps[i++] ?? '';
        }
        let neg = c === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        let prop: string;
        if (name === 'Any') prop = 'Any';
        else if (/^(C|Cc|Cf|Co|Cs|L|Ll|Lm|Lo|Lt|Lu|M|Mc|Me|Mn|N|Nd|Nl|No|P|Pc|Pd|Pe|Pf|Pi|Po|Ps|S|Sc|Sk|Sm|So|Z|Zl|Zp|Zs)$/.test(name)) prop = name;
        else if (/^[A-Z][A-Za-z_]*$/.test(name)) prop = `Script=${name}`;
        else throw new RegexpSyntaxError('invalid character class range');
        try {
          new RegExp(`\\p{${prop}}`, 'u');
        } catch {
          throw new RegexpSyntaxError('invalid character class range');
        }
        return { raw: `\\${neg ? 'P' : 'p'}{${prop}}` };
      }
      case 'b': case 'B': case 'A': case 'z':
        if (inClass) throw new RegexpSyntaxError('invalid escape sequence');
        return { raw: c === 'A' ? '^' : c === 'z' ? '$' : `\\${c}` };
      case 'Q':
        return { raw: 'Q' };
      default:
        if (isPunct(c)) return { cp: c.codePointAt(0)! };
        throw new RegexpSyntaxError('invalid escape sequence');
    }
  };

  const parseClass = (): string => {
    // after '['
    let neg = false;
    if (peek() === '^') {
      neg = true;
      i++;
    }
    const items: string[] = [];
    let first = true;
    for (;;) {
      const c = peek();
      if (c === undefined) throw new RegexpSyntaxError('missing closing ]');
      if (c === ']' && !first) {
        i++;
        break;
      }
      first = false;
      // [:alpha:]
      if (c === '[' && cps[i + 1] === ':') {
        const close = cps.indexOf(']', i + 2);
        const body = close >= 0 ? cps.slice(i + 2, close).join('') : '';
        const m = /^(\^?)([a-z]+):$/.exec(body);
        if (m && POSIX_CLASSES[m[2]!] !== undefined) {
          i = close + 1;
          const cls = POSIX_CLASSES[m[2]!]!;
          items.push(m[1] ? `[^${cls}]` : `[${cls}]`);
          continue;
        }
        if (m) throw new RegexpSyntaxError('invalid character class range');
      }
      let lo: number;
      i++;
      if (c === '\\') {
        const e = escape(true);
        if (e.cls !== undefined) {
          items.push(e.neg ? `[^${e.cls}]` : `[${e.cls}]`);
          continue;
        }
        if (e.raw !== undefined) {
          if (e.raw === 'Q') throw new RegexpSyntaxError('invalid escape sequence');
          items.push(e.raw);
          continue;
        }
        lo = e.cp!;
      } else {
        lo = c.codePointAt(0)!;
      }
      let hi = lo;
      if (peek() === '-' && cps[i + 1] !== undefined && cps[i + 1] !== ']') {
        i++;
        const d = cps[i++]!;
        if (d === '\\') {
          const e = escape(true);
          if (e.cp === undefined) throw new RegexpSyntaxError('invalid character class range');
          hi = e.cp;
        } else {
          hi = d.codePointAt(0)!;
        }
        if (hi < lo) throw new RegexpSyntaxError('invalid character class range');
      }
      items.push(lo === hi ? jsChar(lo) : `${jsChar(lo)}-${jsChar(hi)}`);
    }
    // a union of simple ranges and nested classes: (?:[ranges]|[nested]...) negated by lookahead
    const simple = items.filter((x) => !x.startsWith('[') && !x.startsWith('\\p') && !x.startsWith('\\P')).join('');
    const nested = items.filter((x) => x.startsWith('[') || x.startsWith('\\p') || x.startsWith('\\P'));
    if (nested.length === 0) return neg ? `[^${simple}]` : `[${simple}]`;
    const alts = [...(simple ? [`[${simple}]`] : []), ...nested];
    const union = `(?:${alts.join('|')})`;
    return neg ? `(?:(?!${union})[^])` : union;
  };

  // a sequence of atoms with the quantifiers Go allows after them
  let lastAtom = false;
  while (i < cps.length) {
    const c = cps[i++]!;
    switch (c) {
      case '\\': {
        const e = escape(false);
        if (e.raw === 'Q') {
          // \Q...\E: literal text
          let lit = '';
          while (i < cps.length && !(cps[i] === '\\' && cps[i + 1] === 'E')) lit += jsChar(cps[i++]!.codePointAt(0)!);
          if (i < cps.length) i += 2;
          out += lit === '' ? '' : `(?:${lit})`;
          lastAtom = lit !== '';
        } else if (e.raw !== undefined) {
          out += e.raw;
          lastAtom = false;
        } else if (e.cls !== undefined) {
          out += e.neg ? `[^${e.cls}]` : `[${e.cls}]`;
          lastAtom = true;
        } else {
          out += jsChar(e.cp!);
          lastAtom = true;
        }
        break;
      }
      case '[':
        out += parseClass();
        lastAtom = true;
        break;
      case '.':
        out += '[^\\n]';
        lastAtom = true;
        break;
      case '^':
        out += '^';
        lastAtom = false;
        break;
      case '$':
        out += '$';
        lastAtom = false;
        break;
      case '(':
        out += '(?:';
        lastAtom = false;
        break;
      case ')':
        out += ')';
        lastAtom = true;
        break;
      case '|':
        out += '|';
        lastAtom = false;
        break;
      case '*': case '+': case '?':
        if (!lastAtom) {
          if (out.endsWith('^') || out.endsWith('$')) {
            // Go allows a quantified empty-width assertion; it matches the empty string
            out += '(?:)';
          } else {
            throw new RegexpSyntaxError('missing argument to repetition operator');
          }
        }
        out += c;
        if (peek() === '?') out += cps[i++];
        lastAtom = false;
        break;
      default:
        out += jsChar(c.codePointAt(0)!);
        lastAtom = true;
    }
  }
  return out;
}

export class Pattern {
  readonly exclusion: boolean;
  /** the pattern as cleaned, without its "!" */
  readonly cleaned: string;
  readonly dirs: string[];
  private type?: MatchType;
  private re?: RegExp;

  constructor(cleaned: string, exclusion: boolean) {
    this.cleaned = cleaned;
    this.exclusion = exclusion;
    this.dirs = cleaned.split('/');
  }

  toString(): string {
    return this.cleaned;
  }

  /** Pattern.compile: the match type and, for regexpMatch, Go's expression */
  static goRegexp(pattern: string): { type: MatchType; source: string } {
    let reg = '^';
    let type: MatchType = 'exact';
    const cps = Array.from(pattern);
    let k = 0;
    const peek = (): string | undefined => cps[k];
    for (let i = 0; k < cps.length; i++) {
      const ch = cps[k++]!;
      if (ch === '*') {
        if (peek() === '*') {
          k++;
          if (peek() === '/') k++;
          if (peek() === undefined) {
            if (type === 'exact') type = 'prefix';
            else {
              reg += '.*';
              type = 'regexp';
            }
          } else {
            reg += '(.*/)?';
            type = 'regexp';
          }
          if (i === 0) type = 'suffix';
        } else {
          reg += '[^/]*';
          type = 'regexp';
        }
      } else if (ch === '?') {
        reg += '[^/]';
        type = 'regexp';
      } else if ('.+()|{}$'.includes(ch)) {
        reg += `\\${ch}`;
      } else if (ch === '\\') {
        if (peek() !== undefined) {
          reg += `\\${cps[k++]}`;
          type = 'regexp';
        } else {
          reg += '\\';
        }
      } else if (ch === '[' || ch === ']') {
        reg += ch;
        type = 'regexp';
      } else {
        reg += ch;
      }
    }
    return { type, source: `${reg}$` };
  }

  private compile(): void {
    const { type, source } = Pattern.goRegexp(this.cleaned);
    if (type === 'regexp') {
      try {
        this.re = new RegExp(goRegexpToJs(source), 'u');
      } catch {
        throw new BadPatternError();
      }
    }
    this.type = type;
  }

  match(path: string): boolean {
    if (this.type === undefined) this.compile();
    switch (this.type) {
      case 'exact':
        return path === this.cleaned;
      case 'prefix':
        return path.startsWith(this.cleaned.slice(0, -2));
      case 'suffix': {
        const suffix = this.cleaned.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix[0] === '/' && path === suffix.slice(1);
      }
      default:
        return this.re!.test(path);
    }
  }
}

/** per-pattern results a directory hands down to its children (MatchInfo) */
export type MatchInfo = boolean[] | undefined;

export class PatternMatcher {
  readonly patterns: Pattern[] = [];
  readonly exclusions: boolean = false;

  /** patternmatcher.New: throws docker's errors for bad patterns */
  constructor(patterns: string[]) {
    for (let p of patterns) {
      p = trimSpace(p);
      if (p === '') continue;
      p = clean(p);
      let exclusion = false;
      if (p[0] === '!') {
        if (p.length === 1) throw new Error('illegal exclusion pattern: "!"');
        exclusion = true;
        p = p.slice(1);
        (this as { exclusions: boolean }).exclusions = true;
      }
      goMatch(p, '.');
      this.patterns.push(new Pattern(p, exclusion));
    }
  }

  /** the deprecated Matches: only one parent level, the pattern's depth, is tried */
  matches(file: string): boolean {
    let matched = false;
    const parentPath = dir(file);
    const parentPathDirs = parentPath.split('/');
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let m = pattern.match(file);
      if (!m && parentPath !== '.') {
        if (pattern.dirs.length <= parentPathDirs.length) {
          try {
            m = pattern.match(parentPathDirs.slice(0, pattern.dirs.length).join('/'));
          } catch {
            m = false;
          }
        }
      }
      if (m) matched = !pattern.exclusion;
    }
    return matched;
  }

  matchesOrParentMatches(file: string): boolean {
    let matched = false;
    const parentPath = dir(file);
    const parentPathDirs = parentPath.split('/');
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let m = pattern.match(file);
      if (!m && parentPath !== '.') {
        for (let i = 0; i < parentPathDirs.length; i++) {
          try {
            m = pattern.match(parentPathDirs.slice(0, i + 1).join('/'));
          } catch {
            m = false;
          }
          if (m) break;
        }
      }
      if (m) matched = !pattern.exclusion;
    }
    return matched;
  }

  /** MatchesUsingParentResults: [matched, this entry's per-pattern results] */
  matchesUsingParentResults(file: string, parent: MatchInfo): [boolean, boolean[]] {
    let matched = false;
    const info = new Array<boolean>(this.patterns.length).fill(false);
    for (let i = 0; i < this.patterns.length; i++) {
      const pattern = this.patterns[i]!;
      let m = parent ? parent[i]! : false;
      if (!m) {
        if (pattern.exclusion !== matched) continue;
        m = pattern.match(file);
        if (!m && !parent) {
          const parentPath = dir(file);
          if (parentPath !== '.') {
            const parentPathDirs = parentPath.split('/');
            for (let j = 0; j < parentPathDirs.length; j++) {
              try {
                m = pattern.match(parentPathDirs.slice(0, j + 1).join('/'));
              } catch {
                m = false;
              }
              if (m) break;
            }
          }
        }
      }
      info[i] = m;
      if (m) matched = !pattern.exclusion;
    }
    return [matched, info];
  }
}

/** patternmatcher.Matches(file, patterns): New, Clean, "." never matches, then the deprecated Matches */
export function matchesPatterns(file: string, patterns: string[]): boolean {
  const pm = new PatternMatcher(patterns);
  file = clean(file);
  if (file === '.') return false;
  return pm.matches(file);
}

/**
 * build.TrimBuildFilesFromExcludes: exceptions so that .dockerignore and the Dockerfile are
 * sent even when ignored (the daemon drops them from what COPY sees). Errors of
 * patternmatcher.Matches count as "no match", as docker ignores them.
 */
export function keepBuildFiles(excludes: string[], dockerfile: string, dockerfileFromStdin: boolean): string[] {
  const safe = (f: string): boolean => {
    try {
      return matchesPatterns(f, excludes);
    } catch {
      return false;
    }
  };
  const out = [...excludes];
  if (safe('.dockerignore')) out.push('!.dockerignore');
  if (safe(dockerfile) && !dockerfileFromStdin) out.push(`!${dockerfile}`);
  return out;
}
