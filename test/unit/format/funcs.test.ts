import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateError, goStruct, goSlice, goMap, goTyped, GoNil, GO_TYPE } from '../../../src/format/template/index.js';
import { dockerFuncs, dockerHeaderFuncs, goTitle, goToLower, goToUpper, joinElements } from '../../../src/format/funcs.js';
import { marshalJSON, goJsonValue, jsonFloat, contextJSON } from '../../../src/format/gojson.js';

// Expected outputs from docker CLI 28.2.2 (`docker version --format`), unless noted.
function run(text: string, data: unknown = {}, funcs = dockerFuncs): string {
  try {
    return parseTemplate(text, { name: 'version', funcs }).execute(data);
  } catch (e) {
    if (e instanceof TemplateError) return `ERR ${e.message}`;
    throw e;
  }
}

describe('docker template functions', () => {
  it('json: encoding/json without HTML escaping', () => {
    expect(
      run(
        '{{json 1.5}} {{json 1e21}} {{json 1e20}} {{json 0.0000001}} {{json 0.000001}} {{json 100}} {{json nil}} {{json "a\\u2028<>&\\x01\\b\\f\\n\\t\\"\\\\é"}} {{json (split "a,b" ",")}} {{json true}}',
      ),
    ).toBe('1.5 1e+21 100000000000000000000 1e-7 0.000001 100 null "a\\u2028<>&\\u0001\\b\\f\\n\\t\\"\\\\é" ["a","b"] true');
    expect(run('{{json 1.0}} {{json -0.0}} {{json 123456789.0}} {{json 1e-7}} {{json 12345678901234567890.0}}')).toBe(
      '1 -0 123456789 1e-7 12345678901234567000',
    );
    expect(run('{{json (split "" ",")}}')).toBe('[""]');
    const comp = goStruct({ Name: 'Engine', Version: '1', Details: goMap({ b: '2', a: '1' }, 'map[string]string') }, 'types.ComponentVersion');
    expect(run('{{json .}}', comp)).toBe('{"Name":"Engine","Version":"1","Details":{"a":"1","b":"2"}}');
    expect(run('{{json .}}', { z: 1, a: [null, true, 'x'], m: {} })).toBe('{"a":[null,true,"x"],"m":{},"z":1}');
    expect(run('{{json .P}}', { P: new GoNil('*system.platformInfo') })).toBe('null');
    expect(run('{{json .}}', goTyped('json.Number', 'string', '1984234'))).toBe('1984234');
    expect(run('{{json .}}', NaN)).toBe('ERR template: version:1:2: executing "version" at <json .>: error calling json: json: unsupported value: NaN');
    const custom = goStruct({ MarshalJSON: () => '{ "z" : [1, "a b"], "x" : 1 }', Hidden: 1 }, '*pkg.T');
    expect(run('{{json .}}', custom)).toBe('{"z":[1,"a b"],"x":1}');
    class Ctx {
      readonly [GO_TYPE] = '*formatter.ImageContext';
      private readonly secret = 'no';
      ID(): string {
        return 'abc';
      }
      Label(name: string): string {
        return name;
      }
      Containers(): string {
        return 'N/A';
      }
      FullHeader(): string {
        return 'H';
      }
      MarshalJSON(): string {
        return contextJSON(this);
      }
    }
    expect(run('{{json .}}', new Ctx())).toBe('{"Containers":"N/A","ID":"abc"}');
    expect(run('{{.}} {{json .}}', goStruct({ A: 1n, b: 2n, C: 'x' }, 'pkg.T'))).toBe('{1 2 x} {"A":1,"C":"x"}');
    expect(run('{{printf "%T %v" .P .P}}', { P: new GoNil('*registry.ServiceConfig') })).toBe('*registry.ServiceConfig <nil>');
  });
  it('split, join', () => {
    expect(run('{{split "a,b,,c" ","}}|{{split "" ""}}|{{len (split "" "")}}|{{split "abc" ""}}|{{len (split "" ",")}}')).toBe(
      '[a b  c]|[]|0|[a b c]|1',
    );
    expect(run('{{join (split "a,b" ",") ", "}}')).toBe('a, b');
    // docker 28's join is strings.Join: a []string only
    expect(run('{{join . "-"}}', goSlice(['a', 'b'], '[]string'))).toBe('a-b');
    expect(run('{{join . "-"}}', [1, 'a'])).toBe(
      'ERR template: version:1:7: executing "version" at <.>: wrong type for value; expected []string; got []interface {}',
    );
    expect(run('{{join .X "-"}}', {})).toBe('');
    expect(run('{{join 1.5 "-"}}')).toBe('ERR template: version:1:7: executing "version" at <1.5>: can\'t handle 1.5 for arg of type []string');
    expect(run('{{join "abc" "-"}}')).toBe(
      'ERR template: version:1:7: executing "version" at <"abc">: can\'t handle "abc" for arg of type []string',
    );
    // docker/cli master's joinElements, for callers that want it
    expect(joinElements([1, 'a', true], '-')).toBe('1-a-true');
    expect(joinElements({ b: 'y', a: 'x' }, '-')).toBe('x-y');
    expect(() => joinElements('abc', '-')).toThrow('expected slice, got string');
  });
  it('title, lower, upper', () => {
    expect(run('{{title "hello wOrld foo-bar_baz 3x"}}|{{lower "ÀB"}}|{{upper "straße"}}')).toBe('Hello WOrld Foo-Bar_baz 3x|àb|STRAßE');
    expect(run('{{title "élan vital ñu"}}|{{upper "ǆ"}}|{{title "ǆa"}}')).toBe('Élan Vital Ñu|Ǆ|ǅa');
    expect(goTitle('')).toBe('');
    expect(goToLower('İSTANBUL')).toBe('istanbul');
    expect(goToUpper('ﬁ')).toBe('ﬁ');
  });
  it('pad, truncate', () => {
    expect(run('[{{pad "ab" 1 2}}]|[{{pad "" 3 3}}]|[{{pad "a" 0 0}}]')).toBe('[ ab  ]|[]|[a]');
    expect(run('{{truncate "abcdef" 3}}|{{truncate "ab" 5}}|{{truncate "abc" 3}}')).toBe('abc|ab|abc');
    expect(run('{{pad "a" -1 2}}')).toBe(
      'ERR template: version:1:2: executing "version" at <pad "a" -1 2>: error calling pad: strings: negative Repeat count',
    );
    expect(run('{{truncate "abc" -1}}')).toBe(
      'ERR template: version:1:2: executing "version" at <truncate "abc" -1>: error calling truncate: runtime error: slice bounds out of range [:-1]',
    );
  });
  it('type-checks arguments like Go', () => {
    expect(run('{{upper 1}}')).toBe('ERR template: version:1:8: executing "version" at <1>: expected string; found 1');
    const v = goStruct({ Client: goStruct({ Os: 'linux' }, 'system.clientVersion') }, 'system.versionInfo');
    expect(run('{{upper .Client}}', v)).toBe(
      'ERR template: version:1:8: executing "version" at <.Client>: wrong type for value; expected string; got system.clientVersion',
    );
    expect(run('{{pad "ab" 1}}')).toBe('ERR template: version:1:2: executing "version" at <pad>: wrong number of args for pad: want 3 got 2');
    expect(run('{{.Client.Os | upper | lower}}', v)).toBe('linux');
    expect(run('{{split .S ","}}', { S: 'a,b' })).toBe('[a b]');
    expect(run('{{truncate .S .N}}', { S: 'abc', N: 2 })).toBe(
      'ERR template: version:1:14: executing "version" at <.N>: wrong type for value; expected int; got float64',
    );
  });
  it('header functions pass the column title through', () => {
    const funcs = { ...dockerFuncs, ...dockerHeaderFuncs };
    expect(run('{{json .A}}|{{split .A ","}}|{{join .A ","}}|{{title .A}}|{{upper .A}}|{{truncate .A 2}}|{{pad .A 1 1}}', { A: 'NAME' }, funcs)).toBe(
      'NAME|NAME|NAME|NAME|NAME|NAME| NAME ',
    );
  });
});

describe('encoding/json', () => {
  it('formats floats like Go', () => {
    expect([1e21, 1e20, 1e-7, 1e-6, 0.1, -1.5e-10, 5e-324].map((f) => jsonFloat(f))).toEqual([
      '1e+21',
      '100000000000000000000',
      '1e-7',
      '0.000001',
      '0.1',
      '-1.5e-10',
      '5e-324',
    ]);
  });
  it('marshals the value model', () => {
    expect(marshalJSON(goSlice(['a'], '[]string'))).toBe('["a"]');
    expect(marshalJSON(new GoNil('[]string'))).toBe('null');
    expect(marshalJSON({ '<': '&' }, true)).toBe('{"\\u003c":"\\u0026"}');
    expect(marshalJSON('\u2029\ud800')).toBe('"\\u2029\\ufffd"');
    expect(marshalJSON(12345678901234567890n)).toBe('12345678901234567890');
    expect(() => marshalJSON(() => 1)).toThrow('json: unsupported type: func(...interface {}) interface {}');
  });
  it('decodes JSON for templates', () => {
    const text = '{"Id":"x","Size":1984234,"F":1.5,"Cmd":["sh"],"Env":null,"E":[],"__proto__":{"a":1}}';
    const typed = goJsonValue(text, 'typed') as Record<string, unknown>;
    expect(typed.Size).toBe(1984234n);
    expect(run('{{.Size}} {{.F}} {{printf "%T %T %T" .Cmd .E .Size}} {{join .Cmd ","}}', typed)).toBe(
      '1984234 1.5 []string []interface {} int sh',
    );
    expect(Object.getPrototypeOf(typed)).toBe(Object.prototype);
    const map = goJsonValue(text, 'map');
    expect(run('{{.Size}} {{printf "%T" .Size}} {{.F}} {{.Env}} {{.__proto__.a}}', map)).toBe('1984234 json.Number 1.5 <no value> 1');
    expect(() => goJsonValue('{"a":}')).toThrow();
  });
});
