// .dockerignore parsing and matching: the rules of moby/patternmatcher 0.6 and ignorefile.
// (test/unit/build/dockerignore-corpus.test.ts checks whole trees against docker itself.)
import { describe, expect, it } from 'vitest';
import { BadPatternError, PatternMatcher, Pattern, goRegexpToJs, keepBuildFiles, readIgnoreFile } from '../../../src/build/patternmatcher.js';
import { match } from '../../../src/build/gopath.js';

describe('readIgnoreFile (ignorefile.ReadAll)', () => {
  it('drops comments and blank lines, trims, cleans, strips the leading slash, keeps !', () => {
    const text = '\ufeff# comment\n  # not a comment  \n\n/foo/bar/\n!  /baz//qux/../x\r\n./a\n!\n/\n  *.md  \n';
    expect(readIgnoreFile(Buffer.from(text))).toEqual(['# not a comment', 'foo/bar', '!baz/x', 'a', '!', '/', '*.md']);
  });
  it('a last line without a newline counts; CR only at the end of a line is dropped', () => {
    expect(readIgnoreFile('a\rb\nc')).toEqual(['a\rb', 'c']);
  });
  it('Go whitespace only: U+FEFF past the first line is not trimmed, U+0085 and U+3000 are', () => {
    expect(readIgnoreFile('x\n\u0085y\u3000\n\ufeffz')).toEqual(['x', 'y', '\ufeffz']);
  });
});

describe('Pattern.goRegexp (compile)', () => {
  const cases: [string, string, string][] = [
    ['foo', 'exact', '^foo$'],
    ['foo/**', 'prefix', '^foo/$'],
    ['**/foo', 'suffix', '^(.*/)?foo$'],
    ['**', 'suffix', '^$'],
    ['a/**/b', 'regexp', '^a/(.*/)?b$'],
    ['a/*.go', 'regexp', '^a/[^/]*\\.go$'],
    ['a?c', 'regexp', '^a[^/]c$'],
    ['a\\*b', 'regexp', '^a\\*b$'],
    ['[a-c]x', 'regexp', '^[a-c]x$'],
    ['x**', 'prefix', '^x$'],
    ['a/b**/c', 'regexp', '^a/b(.*/)?c$'],
    ['a+(b)', 'exact', '^a\\+\\(b\\)$'],
  ];
  for (const [p, type, re] of cases) {
    it(`${p} → ${type}`, () => expect(Pattern.goRegexp(p)).toEqual({ type, source: re }));
  }
});

describe('goRegexpToJs', () => {
  const test = (goRe: string, s: string): boolean => new RegExp(goRegexpToJs(goRe), 'u').test(s);
  it('literals and classes', () => {
    expect(test('^a[^/]*\\.go$', 'abc.go')).toBe(true);
    expect(test('^a[^/]*\\.go$', 'a/b.go')).toBe(false);
    expect(test('^[a-c]x$', 'bx')).toBe(true);
    expect(test('^[^a-c]x$', '\nx')).toBe(true); // Go classes match newlines
    expect(test('^(.*/)?x$', 'a\n/x')).toBe(false); // Go's . does not
  });
  it('a class that starts with ] or holds [ and *', () => {
    expect(test('^[]a]$', ']')).toBe(true);
    expect(test('^[a[^/]*]$', '[]')).toBe(true);
    expect(test('^[a[^/]*]$', '/]')).toBe(true);
  });
  it('Perl and POSIX classes with Go ASCII meaning', () => {
    expect(test('^\\d$', '7')).toBe(true);
    expect(test('^\\d$', '٣')).toBe(false);
    expect(test('^[[:alpha:]]+$', 'abZ')).toBe(true);
    expect(test('^[[:^digit:]]$', 'a')).toBe(true);
    expect(test('^\\pL$', 'é')).toBe(true);
  });
  it('escaped punctuation, octal and hex', () => {
    expect(test('^\\-\\ \\#$', '- #')).toBe(true);
    expect(test('^\\x41\\x{1F600}\\101$', 'A😀A')).toBe(true);
  });
  it('one rune per [^/], astral characters included', () => {
    expect(test('^[^/]$', '😀')).toBe(true);
  });
  it("what Go's regexp refuses throws", () => {
    expect(() => goRegexpToJs('^\\q$')).toThrow();
    expect(() => goRegexpToJs('^\\1$')).toThrow();
    expect(() => goRegexpToJs('^[a$')).toThrow();
    expect(() => goRegexpToJs('^[[:nope:]]$')).toThrow();
    expect(() => goRegexpToJs('^[z-a]$')).toThrow();
  });
});

describe('filepath.Match errors (New validates every pattern)', () => {
  it('bad patterns', () => {
    for (const p of ['[', 'a[', '[a-', '[]', 'a\\', '[\\', '*[', '[]a]']) expect(() => match(p, '.'), p).toThrow(BadPatternError);
  });
  it('good patterns', () => {
    for (const p of ['*', 'a*b', '[a-c]', '[^a]', '\\*', '**/x']) expect(() => match(p, '.'), p).not.toThrow();
  });
  it('New: illegal "!" and bad syntax', () => {
    expect(() => new PatternMatcher(['!'])).toThrow('illegal exclusion pattern: "!"');
    expect(() => new PatternMatcher(['a['])).toThrow('syntax error in pattern');
  });
});

describe('matching', () => {
  it('MatchesOrParentMatches: a parent at any depth', () => {
    const pm = new PatternMatcher(['a/b', '!a/b/keep']);
    expect(pm.matchesOrParentMatches('a/b/c/d')).toBe(true);
    expect(pm.matchesOrParentMatches('a/b/keep')).toBe(false);
    expect(pm.matchesOrParentMatches('a/c')).toBe(false);
  });
  it('Matches (deprecated): one parent, the depth of the pattern', () => {
    const pm = new PatternMatcher(['a']);
    expect(pm.matches('a/b/c')).toBe(true);
    const pm2 = new PatternMatcher(['b']);
    expect(pm2.matches('a/b/c')).toBe(false);
    expect(pm2.matchesOrParentMatches('a/b/c')).toBe(false);
  });
  it('MatchesUsingParentResults carries per-pattern results', () => {
    const pm = new PatternMatcher(['dir', '!dir/keep*']);
    const [skipDir, info] = pm.matchesUsingParentResults('dir', undefined);
    expect(skipDir).toBe(true);
    expect(pm.matchesUsingParentResults('dir/keep.txt', info)[0]).toBe(false);
    expect(pm.matchesUsingParentResults('dir/other', info)[0]).toBe(true);
  });
  it('suffix patterns match the bare name too', () => {
    const pm = new PatternMatcher(['**/foo']);
    expect(pm.matchesOrParentMatches('foo')).toBe(true);
    expect(pm.matchesOrParentMatches('x/y/foo')).toBe(true);
    expect(pm.matchesOrParentMatches('xfoo')).toBe(false);
  });
  it('keepBuildFiles adds exceptions only for what is ignored', () => {
    expect(keepBuildFiles(['*'], 'Dockerfile', false)).toEqual(['*', '!.dockerignore', '!Dockerfile']);
    expect(keepBuildFiles(['x'], 'Dockerfile', false)).toEqual(['x']);
    expect(keepBuildFiles(['*'], '-', true)).toEqual(['*', '!.dockerignore']);
  });
});
