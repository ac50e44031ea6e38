import { describe, expect, it } from 'vitest';
import { goFormatFloat, parseYaml, resolvePlain, stringifyYaml } from '../../../src/stack/yaml.js';
import { yamlKeyLess } from '../../../src/stack/marshal.js';
import { formatGoDuration, parseGoDuration, ramInBytes } from '../../../src/stack/units.js';

describe('plain scalars as yaml.v3 resolves them', () => {
  const cases: [string, unknown][] = [
    ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['off', 'off'], ['y', 'y'],
    ['true', true], ['True', true], ['FALSE', false], ['tRUE', 'tRUE'],
    ['~', null], ['null', null], ['', null],
    ['017', 15], ['0o17', 15], ['0x1F', 31], ['0b11', 3], ['1_000', 1000], ['09', 9], ['-12', -12],
    ['1.5', 1.5], ['1e3', 1000], ['.5', 0.5], ['.inf', Infinity], ['-.Inf', -Infinity],
    ['1.2.3', '1.2.3'], ['0x', '0x'], ['12:30', '12:30'], ['2001-12-14', '2001-12-14'],
  ];
  for (const [s, want] of cases) {
    it(JSON.stringify(s), () => {
      expect(resolvePlain(s)).toEqual(want);
    });
  }
  it('quoted scalars stay strings', () => {
    expect(parseYaml('a: "017"\nb: \'yes\'\nc: 017\n')).toEqual({ a: '017', b: 'yes', c: 15 });
  });
});

describe('parseYaml', () => {
  it('merge keys: explicit keys win, earlier merged maps win over later ones', () => {
    expect(parseYaml('x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nz:\n  <<: [*x, *y]\n  a: 0\n')).toEqual({
      x: { a: 1, b: 1 }, y: { b: 2, c: 2 }, z: { a: 0, b: 1, c: 2 },
    });
  });
  it('duplicate keys: yaml.v3 unmarshal errors with lines', () => {
    expect(() => parseYaml('a: 1\nb: 2\na: 3\n')).toThrow('yaml: unmarshal errors:\n  line 3: mapping key "a" already defined at line 1');
  });
  it('unknown anchors', () => {
    expect(() => parseYaml('a: *nope\n')).toThrow("yaml: unknown anchor 'nope' referenced");
  });
  it('syntax errors with libyaml wording', () => {
    expect(() => parseYaml('a:\n  b: c: d\n')).toThrow('yaml: line 2: mapping values are not allowed in this context');
    expect(() => parseYaml('a: b: c')).toThrow(/^yaml: mapping values are not allowed in this context$/);
    expect(() => parseYaml('a:\n\tb: 1\n')).toThrow('yaml: line 2: found character that cannot start any token');
    expect(() => parseYaml('a:\n  b: "x\n')).toThrow('yaml: line 2: found unexpected end of stream');
    expect(() => parseYaml('{')).toThrow('yaml: line 1: did not find expected node content');
  });
  it('explicit tags', () => {
    expect(parseYaml('a: !!str 1\nb: !!int "2"\n')).toEqual({ a: '1', b: 2 });
    expect(() => parseYaml('a: !!int x\n')).toThrow('yaml: cannot decode !!str `x` as a !!int');
  });
});

describe('stringifyYaml (yaml.v3 encoder, indent 2)', () => {
  it('quotes what would read back as another type, and old booleans', () => {
    expect(stringifyYaml({ a: 'yes', b: '1', c: 'true', d: '', e: 'null', f: '1.5', g: 'plain', n: 'x' })).toBe(
      'a: "yes"\nb: "1"\nc: "true"\nd: ""\ne: "null"\nf: "1.5"\ng: plain\n"n": x\n');
  });
  it('single-quotes indicators, double-quotes control characters', () => {
    expect(stringifyYaml({ a: '*x', b: 'a: b', c: ' lead', d: 'a\tb', e: "it's", f: '- a', g: 'a #b', h: 'a#b' })).toBe(
      "a: '*x'\nb: 'a: b'\nc: ' lead'\nd: \"a\\tb\"\ne: it's\nf: '- a'\ng: 'a #b'\nh: a#b\n");
  });
  it('literal blocks for multi-line strings', () => {
    expect(stringifyYaml({ a: 'x\ny', b: 'x\n', c: '\nx', k: { d: 'x\n\n' } })).toBe('a: |-\n  x\n  y\nb: |\n  x\nc: |2-\n  x\nk:\n  d: |+\n    x\n\n');
  });
  it('sequences indented under their key, empty collections in flow style', () => {
    expect(stringifyYaml({ a: [1, { b: 2, c: [3] }], d: {}, e: [] })).toBe('a:\n  - 1\n  - b: 2\n    c:\n      - 3\nd: {}\ne: []\n');
  });
  it('floats as Go %g', () => {
    expect([0.5, 1234567.5, 123456.5, 1e-5, 1e21, 0.0001].map((f) => goFormatFloat(f))).toEqual(['0.5', '1.2345675e+06', '123456.5', '1e-05', '1e+21', '0.0001']);
    expect(goFormatFloat(Math.fround(0.3), 32)).toBe('0.3');
  });
  it("yaml.v3's key order", () => {
    const keys = ['b', 'a10', 'a9', 'A', 'a', '10', '9', 'x_1', 'x.1'];
    expect(keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0))).toEqual(['9', '10', 'A', 'a', 'a9', 'a10', 'b', 'x.1', 'x_1']);
  });
});

describe('units', () => {
  it('Go durations', () => {
    expect(parseGoDuration('1m30s')).toBe(90e9);
    expect(parseGoDuration('1.5h')).toBe(5400e9);
    expect(formatGoDuration(90e9)).toBe('1m30s');
    expect(formatGoDuration(1500e6)).toBe('1.5s');
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(500)).toBe('500ns');
    expect(formatGoDuration(1500)).toBe('1.5µs');
    expect(formatGoDuration(3723e9)).toBe('1h2m3s');
    expect(() => parseGoDuration('10')).toThrow('time: missing unit in duration "10"');
    expect(() => parseGoDuration('10x')).toThrow('time: unknown unit "x" in duration "10x"');
  });
  it('go-units RAMInBytes', () => {
    expect(ramInBytes('50M')).toBe(50 * 1024 * 1024);
    expect(ramInBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(ramInBytes('10KiB')).toBe(10240);
    expect(ramInBytes('100')).toBe(100);
    expect(() => ramInBytes('10x')).toThrow("invalid suffix: 'x'");
    expect(() => ramInBytes('x')).toThrow("invalid size: 'x'");
  });
});
