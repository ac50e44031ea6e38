import { describe, expect, it } from 'vitest';
import { sprintf, sprint, sprintln, formatValue } from '../../../src/format/gofmt.js';
import { goSlice, goInt, goTyped, goStruct, goMap, GoNil, GO_STRING } from '../../../src/format/values.js';

// Expected strings were checked against the real docker CLI 28.2.2 (Go 1.24.3)
// via `docker version --format '{{printf ...}}'`.

describe('sprintf: floats', () => {
  it('prints %v of float64 the Go way (shortest %g, exponent at >= 21 digits? no: at exp >= 6... see cases)', () => {
    expect(sprintf('%v %v %v %v', 1073741824, 1000000, 123456, 0.5)).toBe('1.073741824e+09 1e+06 123456 0.5');
    expect(sprintf('%v %v %v %v %v', 0.000001, 0.0000001, 100000, 1e6, -0)).toBe('1e-06 1e-07 100000 1e+06 -0');
    expect(sprintf('%v %v', 1e21, 1e20)).toBe('1e+21 1e+20');
  });
  it('rounds half to even on exact ties', () => {
    expect(sprintf('%.0f %.0f %.2f %.1f', 2.5, 3.5, 0.125, 0.25)).toBe('2 4 0.12 0.2');
    expect(sprintf('%.0e', 5.5)).toBe('6e+00');
    expect(sprintf('%+06.1f', 2.25)).toBe('+002.2');
  });
  it('supports e, E, f, F, g, G', () => {
    expect(sprintf('%g %G %e %E %f %F', 1234.5678, 1e-7, 1234.5678, 0.000012345, 1e21, 3)).toBe(
      '1234.5678 1E-07 1.234568e+03 1.234500E-05 1000000000000000000000.000000 3.000000',
    );
    expect(sprintf('%e %g', 0, 0)).toBe('0.000000e+00 0');
    expect(sprintf('%.3g %.10g %g', 1, 123456789, 123456789)).toBe('1 123456789 1.23456789e+08');
    expect(sprintf('%v %.3v %10.4v|%-10v|%+v', 1, 3.14159, 3.14159, 2.5, 1.5)).toBe('1 3.14      3.142|2.5       |1.5');
    expect(sprintf('%6.2f|%-6.2f', -1.5, 1.5)).toBe(' -1.50|1.50  ');
    expect(sprintf('%5.2f|%-8.3e|%08.3f|%+.1f', 3.14159, 1234.5, -3.14159, 2)).toBe(' 3.14|1.234e+03|-003.142|+2.0');
  });
  it('supports %x on floats and special values', () => {
    expect(sprintf('%x', 1.5)).toBe('0x1.8p+00');
    expect(sprintf('%v %v %v', NaN, Infinity, -Infinity)).toBe('NaN +Inf -Inf');
    expect(sprintf('%5.1f|%05v', Infinity, NaN)).toBe(' +Inf|  NaN');
  });
});

describe('sprintf: integers', () => {
  it('formats ints with flags', () => {
    expect(sprintf('% d|%+d|%x|%X|%o|%O|%b|%#x|%#o', 5n, 5n, 255n, 255n, 8n, 8n, 5n, 255n, 8n)).toBe(
      ' 5|+5|ff|FF|10|0o10|101|0xff|010',
    );
    expect(sprintf('%x|%.2x|%#.2x|%+d|% x', -255n, 5n, 5n, -3n, -255n)).toBe('-ff|05|0x05|-3|-ff');
    expect(sprintf('%05d|%5d|%-5d|', -42n, 1n, 1n)).toBe('-0042|    1|1    |');
    expect(sprintf('%c|%q|%U|%#U', 65n, 65n, 65n, 0x1f600n)).toBe("A|'A'|U+0041|U+1F600 '😀'");
    expect(sprintf('%U', -1n)).toBe('U+FFFFFFFFFFFFFFFF');
    expect(sprintf('%d %v', goInt(7, 'uint16'), goInt(-3, 'int64'))).toBe('7 -3');
  });
});

describe('sprintf: strings and errors', () => {
  it('formats strings', () => {
    expect(sprintf('%q|%+q|%#q|%x|% x|%#X', 'héllo\n', 'héllo', 'ab`c', 'hi', 'hi', 'hi')).toBe(
      '"héllo\\n"|"h\\u00e9llo"|"ab`c"|6869|68 69|0X6869',
    );
    expect(sprintf('%5s|%-5s|%.3s|%5.1s|', 'ab', 'ab', 'abcdef', 'xyz')).toBe('   ab|ab   |abc|    x|');
    expect(sprintf('%X', 'é')).toBe('C3A9');
  });
  it('reports wrong types, missing and extra arguments like Go', () => {
    expect(sprintf('%d|%s|%v|%t|', 'hi', 5n, undefined, 1n)).toBe('%!d(string=hi)|%!s(int=5)|<nil>|%!t(int=1)|');
    expect(sprintf('%o %b', 'a', true)).toBe('%!o(string=a) %!b(bool=true)');
    expect(sprintf('%d %d')).toBe('%!d(MISSING) %!d(MISSING)');
    expect(sprintf('%d', 1n, 2n, 'x')).toBe('1%!(EXTRA int=2, string=x)');
    expect(sprintf('%!')).toBe('%!!(MISSING)');
    expect(sprintf('%')).toBe('%!(NOVERB)');
    expect(sprintf('%d', undefined)).toBe('%!d(<nil>)');
    expect(sprintf('%z', 1n)).toBe('%!z(int=1)');
    expect(sprintf('%d', 1.5)).toBe('%!d(float64=1.5)');
  });
  it('supports argument indexes and star width/precision', () => {
    expect(sprintf('%[2]d %[1]d', 1n, 2n)).toBe('2 1');
    expect(sprintf('%*d|%-*d|%.*f', 5n, 1n, 5n, 1n, 2n, 3.14159)).toBe('    1|1    |3.14');
    expect(sprintf('%[3]d', 1n)).toBe('%!d(BADINDEX)');
    expect(sprintf('%*d', 'x', 1n)).toBe('%!(BADWIDTH)1');
    expect(sprintf('%.*d', 'x', 1n)).toBe('%!(BADPREC)1');
    expect(sprintf('%%|%5%')).toBe('%|%');
  });
});

describe('sprintf: composite values', () => {
  const ss = goSlice(['a', 'b'], '[]string');
  it('formats slices with the verb applied to elements', () => {
    expect(sprintf('%v|%s|%d', ss, ss, ss)).toBe('[a b]|[a b]|[%!d(string=a) %!d(string=b)]');
    expect(sprintf('%q|%x|%5v|%-4v|', ss, ss, ss, 3n)).toBe('["a" "b"]|[61 62]|[    a     b]|3   |');
    expect(sprintf('%#v %#v %#v %#v', 1n, 'a', goSlice(['a'], '[]string'), 1)).toBe('1 "a" []string{"a"} 1');
    expect(sprintf('%T %T %T %T %T %T', 1n, 1.5, 's', true, ss, undefined)).toBe('int float64 string bool []string <nil>');
    expect(formatValue(['a', null, 1.5])).toBe('[a <nil> 1.5]');
    expect(formatValue([])).toBe('[]');
    expect(formatValue(new GoNil('[]string'))).toBe('[]');
  });
  it('formats maps sorted by key', () => {
    expect(formatValue({ b: 2, a: 'x', c: null })).toBe('map[a:x b:2 c:<nil>]');
    expect(sprintf('%+v', { a: [1] })).toBe('map[a:[1]]');
    expect(sprintf('%#v', { b: 1, a: 'x' })).toBe('map[string]interface {}{"a":"x", "b":1}');
    expect(formatValue(new GoNil('map[string]string'))).toBe('map[]');
  });
  it('formats structs and pointers to structs', () => {
    const details = { ApiVersion: '1.41', Os: 'linux' };
    const comp = goStruct({ Name: 'Engine', Version: '20.10', Details: details }, 'types.ComponentVersion');
    expect(formatValue(comp)).toBe('{Engine 20.10 map[ApiVersion:1.41 Os:linux]}');
    expect(sprintf('%+v', comp)).toBe('{Name:Engine Version:20.10 Details:map[ApiVersion:1.41 Os:linux]}');
    const p = goStruct({ A: 1n, B: 'x' }, '*pkg.T');
    expect(sprintf('%v', p)).toBe('&{1 x}');
    expect(formatValue(p)).toBe('{1 x}');
    expect(formatValue(undefined)).toBe('<no value>');
    expect(sprint(undefined)).toBe('<nil>');
    expect(sprintf('%v', [p])).toBe('[0xc000010000]');
    expect(sprintf('%v', new GoNil('*types.Version'))).toBe('<nil>');
    const s = goStruct({ [GO_STRING]: () => 'custom' }, 'pkg.S');
    expect(sprintf('%v|%s|%q|%d', s, s, s, s)).toBe('custom|custom|"custom"|{}');
    const withString = goStruct({ String: () => 'str' }, 'pkg.S');
    expect(sprintf('%v %5s', withString, withString)).toBe('str   str');
  });
  it('formats typed nil pointers and typed maps (docker version data)', () => {
    const p = new GoNil('*system.platformInfo');
    expect(sprintf('%T|%v|%d|%s', p, p, p, p)).toBe('*system.platformInfo|<nil>|0|%!s(*system.platformInfo=<nil>)');
    expect(sprintf('%#v', p)).toBe('(*system.platformInfo)(nil)');
    expect(sprintf('%#v', goMap({ Os: 'linux', Arch: 'amd64' }, 'map[string]string'))).toBe(
      'map[string]string{"Arch":"amd64", "Os":"linux"}',
    );
    const client = goStruct({ Platform: p, Version: '28.2.2', Os: 'linux' }, 'system.clientVersion');
    expect(sprintf('%+v', client)).toBe('{Platform:<nil> Version:28.2.2 Os:linux}');
    expect(sprintf('%s', client)).toBe('{%!s(*system.platformInfo=<nil>) 28.2.2 linux}');
    expect(sprintf('%d', client)).toBe('{0 %!d(string=28.2.2) %!d(string=linux)}');
  });
  it('formats typed values', () => {
    expect(sprintf('%v %T', goTyped('json.Number', 'string', '1984234'), goTyped('json.Number', 'string', '1'))).toBe(
      '1984234 json.Number',
    );
  });
});

describe('sprint / sprintln', () => {
  it('adds spaces between operands when neither is a string', () => {
    expect(sprint(1n, 2n, 'a', 'b', 3n, true, false)).toBe('1 2ab3 true false');
    expect(sprintln(1n, 'a', 2n)).toBe('1 a 2\n');
    expect(sprint()).toBe('');
  });
});
