import { describe, expect, it } from 'vitest';
import {
  parseTemplate,
  TemplateError,
  GO_TYPE,
  GoNil,
  goSlice,
  goStruct,
  goMap,
  goFunc,
  goTyped,
  type ParseOptions,
} from '../../../src/format/template/index.js';
import { dockerFuncs } from '../../../src/format/funcs.js';

// Expected outputs and error texts were taken from the real docker CLI 28.2.2 (Go 1.24.3):
//   docker version --format '...'   (template name "version", data system.versionInfo)
//   docker image inspect --format '...' busybox   (name "", raw map data with missingkey=error)

const details = goMap({ ApiVersion: '1.41', Arch: 'amd64', Os: 'linux' }, 'map[string]string');
const engine = goStruct({ Name: 'Engine', Version: '20.10.24', Details: details }, 'types.ComponentVersion');
const client = goStruct(
  { Platform: goStruct({ Name: '' }, 'struct { Name string }'), Version: '28.2.2', ApiVersion: '1.41', Os: 'linux' },
  'system.clientVersion',
);
const server = goStruct({ Components: goSlice([engine], '[]types.ComponentVersion'), Version: '20.10.24' }, '*types.Version');
const version = goStruct({ Client: client, Server: server }, 'system.versionInfo');

function run(text: string, data: unknown = version, opts: ParseOptions = { name: 'version', funcs: dockerFuncs }): string {
  try {
    return parseTemplate(text, opts).execute(data);
  } catch (e) {
    if (e instanceof TemplateError) return `ERR ${e.message}`;
    throw e;
  }
}

const anon = (text: string, data: unknown, extra: Partial<ParseOptions> = {}): string =>
  run(text, data, { name: '', funcs: dockerFuncs, ...extra });

describe('fields', () => {
  it('reads struct fields, chained fields and variables', () => {
    expect(run('{{.Client.Version}}')).toBe('28.2.2');
    expect(run('{{$.Client.Version}} {{with .Client}}{{.Os}}{{end}}')).toBe('28.2.2 linux');
    expect(run('{{$c := .Client}}{{$c.ApiVersion}}')).toBe('1.41');
    expect(run('{{(index .Server.Components 0).Details.Arch}}')).toBe('amd64');
  });
  it('reports missing fields with the type name', () => {
    expect(run('{{.Foo}}')).toBe(
      'ERR template: version:1:2: executing "version" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo',
    );
    expect(run('{{.Client.Version.X}}')).toBe(
      'ERR template: version:1:9: executing "version" at <.Client.Version.X>: can\'t evaluate field X in type string',
    );
    expect(run('{{$x := 1}}{{$x.Y}}')).toBe(
      'ERR template: version:1:15: executing "version" at <$x.Y>: can\'t evaluate field Y in type int',
    );
    expect(run('{{(1).X}}')).toBe('ERR template: version:1:3: executing "version" at <1>: can\'t evaluate field X in type int');
  });
  it('reports positions by line and byte column', () => {
    expect(run('\n\n{{.Foo}}')).toBe(
      'ERR template: version:3:2: executing "version" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo',
    );
    expect(run('ab\n cd{{.Foo}}')).toBe(
      'ERR template: version:2:5: executing "version" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo',
    );
    expect(run('{{if\n.Foo}}{{end}}')).toBe(
      'ERR template: version:2:0: executing "version" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo',
    );
    expect(run('é{{.Foo}}')).toBe(
      'ERR template: version:1:4: executing "version" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo',
    );
  });
  it('keeps the partial output of a failed execution', () => {
    try {
      parseTemplate('ab\n cd{{.Foo}}', { name: 'version' }).execute(version);
      expect.unreachable();
    } catch (e) {
      expect((e as TemplateError).partial).toBe('ab\n cd');
    }
  });
  it('rejects arguments to fields', () => {
    expect(run('{{.Client nil}}')).toBe(
      'ERR template: version:1:2: executing "version" at <.Client>: Client has arguments but cannot be invoked as function',
    );
    expect(anon('{{.a 1}}', { a: 1 })).toBe('ERR template: :1:2: executing "" at <.a>: a is not a method but has arguments');
  });
  it('reads typed maps; missing keys print <no value>', () => {
    expect(run('{{(index .Server.Components 0).Details.Nope}}|{{(index .Server.Components 0).Details}}')).toBe(
      '<no value>|map[ApiVersion:1.41 Arch:amd64 Os:linux]',
    );
  });
  it('prints structs like Go', () => {
    expect(run('{{index .Server.Components 0}}')).toBe('{Engine 20.10.24 map[ApiVersion:1.41 Arch:amd64 Os:linux]}');
    expect(run('{{printf "%+v" (index .Server.Components 0)}}')).toBe(
      '{Name:Engine Version:20.10.24 Details:map[ApiVersion:1.41 Arch:amd64 Os:linux]}',
    );
    expect(run('{{.Server}}')).toBe('{[{Engine 20.10.24 map[ApiVersion:1.41 Arch:amd64 Os:linux]}] 20.10.24}');
    expect(run('{{printf "%v" .Server}}')).toBe('&{[{Engine 20.10.24 map[ApiVersion:1.41 Arch:amd64 Os:linux]}] 20.10.24}');
  });
  it('reports nil pointers', () => {
    const v = goStruct({ Server: new GoNil('*types.Version', ['Version']) }, 'system.versionInfo');
    expect(run('{{.Server.Version}}', v)).toBe(
      'ERR template: version:1:9: executing "version" at <.Server.Version>: nil pointer evaluating *types.Version.Version',
    );
    expect(run('{{.Server.Nope}}', v)).toBe(
      'ERR template: version:1:9: executing "version" at <.Server.Nope>: can\'t evaluate field Nope in type *types.Version',
    );
    expect(run('{{.Server}}|{{if .Server}}y{{else}}n{{end}}', v)).toBe('<nil>|n');
  });
});

describe('methods', () => {
  class Ctx {
    readonly [GO_TYPE] = '*formatter.ContainerContext';
    private readonly labels: Record<string, string> = { 'com.example': 'x', a: 'b' };
    ID(): string {
      return 'abc';
    }
    Label(name: unknown): string {
      return this.labels[String(name)] ?? '';
    }
    Boom(): string {
      throw new Error('kaboom');
    }
    get Size(): string {
      return '1B';
    }
    get Bad(): string {
      throw new Error('no size');
    }
  }
  const ctx = new Ctx();
  it('calls zero-argument methods on access and passes arguments', () => {
    expect(anon('{{.ID}} {{.Label "com.example"}} {{.Size}}', ctx)).toBe('abc x 1B');
    expect(anon('{{"a" | .Label}}', ctx)).toBe('b');
  });
  it('reports method errors and argument counts like Go', () => {
    expect(anon('{{.Boom}}', ctx)).toBe('ERR template: :1:2: executing "" at <.Boom>: error calling Boom: kaboom');
    expect(anon('{{.Bad}}', ctx)).toBe('ERR template: :1:2: executing "" at <.Bad>: error calling Bad: no size');
    expect(anon('{{range .}}{{end}}', goStruct({ A: 1n }, '*pkg.T'))).toBe(
      'ERR template: :1:8: executing "" at <.>: range can\'t iterate over {1}',
    );
    expect(anon('{{.ID 1}}', ctx)).toBe('ERR template: :1:2: executing "" at <.ID>: wrong number of args for ID: want 0 got 1');
    expect(anon('{{.Label}}', ctx)).toBe('ERR template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0');
    expect(anon('{{.Nope}}', ctx)).toBe(
      'ERR template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext',
    );
    // an own enumerable property is a struct field: lower-case, it is an unexported one
    expect(anon('{{.labels}}', ctx)).toBe(
      'ERR template: :1:2: executing "" at <.labels>: labels is an unexported field of struct type *formatter.ContainerContext',
    );
    expect(anon('{{.toString}}', ctx)).toBe(
      'ERR template: :1:2: executing "" at <.toString>: can\'t evaluate field toString in type *formatter.ContainerContext',
    );
  });
  it('type-checks arguments of methods with a signature', () => {
    const s = goStruct(
      { Pad: goFunc({ params: ['string', 'int'], result: 'string' }, (a: string, n: bigint) => a + '.'.repeat(Number(n))) },
      '*pkg.S',
    );
    expect(anon('{{.Pad "a" 3}}', s)).toBe('a...');
    expect(anon('{{.Pad 1 3}}', s)).toBe('ERR template: :1:7: executing "" at <1>: expected string; found 1');
  });
});

describe('map data (decoded JSON)', () => {
  const data = { Config: { Cmd: ['sh'], Env: null, Labels: {} }, Size: 1984234, Tags: ['a', 'b'], N: null };
  it('prints values the Go way', () => {
    expect(anon('{{.Config.Cmd}} {{.Size}} {{.Tags}} {{.Config.Labels}}', data)).toBe('[sh] 1.984234e+06 [a b] map[]');
    expect(anon('{{.Nope}}|{{.N}}|{{printf "%v" .N}}|{{.Config.Env}}', data)).toBe('<no value>|<no value>|<nil>|<no value>');
    expect(anon('{{.}}', { b: [1, null, 'x'], a: true })).toBe('map[a:true b:[1 <nil> x]]');
  });
  it('follows interface semantics in errors', () => {
    expect(anon('{{.N.X}}', data)).toBe('ERR template: :1:4: executing "" at <.N.X>: nil pointer evaluating interface {}.X');
    expect(anon('{{.Size.X}}', data)).toBe('ERR template: :1:7: executing "" at <.Size.X>: can\'t evaluate field X in type interface {}');
    expect(anon('{{upper .N}}', data)).toBe(
      'ERR template: :1:8: executing "" at <.N>: wrong type for value; expected string; got interface {}',
    );
    expect(anon('{{upper .Config}}', data)).toBe(
      'ERR template: :1:8: executing "" at <.Config>: wrong type for value; expected string; got map[string]interface {}',
    );
    expect(anon('{{len .N}}', data)).toBe('ERR template: :1:2: executing "" at <len .N>: error calling len: len of nil pointer');
    expect(anon('{{if .N}}y{{else}}n{{end}} {{eq .N nil}}', data)).toBe('n true');
    expect(anon('{{index .Config "Cmd"}}|{{index .Config "Nope"}}|{{printf "%v" (index .Config "Nope")}}', data)).toBe(
      '[sh]|<no value>|<nil>',
    );
  });
  it('honours missingkey', () => {
    expect(anon('{{.Nope}}', data, { missingKey: 'error' })).toBe(
      'ERR template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"',
    );
    expect(anon('{{.Nope}}', data, { missingKey: 'zero' })).toBe('<no value>');
    expect(anon('{{.Nope.X}}', data, { missingKey: 'default' })).toBe('<no value>');
    expect(anon('{{.Nope}}', null, { missingKey: 'error' })).toBe(
      'ERR template: :1:2: executing "" at <.Nope>: nil data; no entry for key "Nope"',
    );
    const typed = goMap({ a: 'x' }, 'map[string]string');
    expect(anon('[{{.b}}]', typed, { missingKey: 'zero' })).toBe('[]');
  });
});

describe('pipelines, variables and constants', () => {
  it('pipes the previous value as the last argument', () => {
    expect(run('{{.Client.Version | printf "%s-%s" "a"}}')).toBe('a-28.2.2');
    expect(run('{{1 |}}')).toBe('1');
    expect(run('{{"x" | printf "%s%s" "y" | len}}')).toBe('2');
  });
  it('declares and assigns variables with Go scoping', () => {
    expect(run('{{$x := 1}}{{$x = 2}}{{$x}}')).toBe('2');
    expect(run('{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{end}}{{$x}}')).toBe('2');
    expect(run('{{with $x := 3}}{{$x}}{{end}}{{$x}}')).toBe('ERR template: version:1: undefined variable "$x"');
  });
  it('evaluates constants', () => {
    expect(run("{{1}} {{-2}} {{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{'a'}} {{'\\n'}} {{1.5}} {{1e3}} {{0x1p-2}} {{.5}}")).toBe(
      '1 -2 31 15 15 5 1000 97 10 1.5 1000 0.25 0.5',
    );
    expect(run('{{true}} {{false}} {{"a\\tb"}} {{`raw\\n`}} {{"\\u00e9\\x41"}}')).toBe('true false a\tb raw\\n éA');
    expect(run('{{printf "%T %T %T %T" 1 1.0 \'a\' 0x10}}')).toBe('int float64 int int');
  });
  it('trims spaces around trim markers', () => {
    expect(run('{{ -3 }}{{- 3 -}}x')).toBe('-33x');
    expect(run('a  {{- 3 -}}  b')).toBe('a3b');
    expect(run('a \n {{- /* c */ -}} \n b')).toBe('ab');
    expect(run('a {{/* c */}} b')).toBe('a  b');
  });
  it('rejects non-functions with arguments', () => {
    expect(run('{{1 2}}')).toBe('ERR template: version:1:2: executing "version" at <1>: can\'t give argument to non-function 1');
    expect(run('{{. .}}')).toBe('ERR template: version:1:2: executing "version" at <.>: can\'t give argument to non-function .');
    expect(run('{{nil}}')).toBe('ERR template: version:1:2: executing "version" at <nil>: nil is not a command');
    expect(run('{{range $x := 1 2}}{{end}}')).toBe(
      'ERR template: version:1:14: executing "version" at <1>: can\'t give argument to non-function 1',
    );
  });
});

describe('numbers and lexing edge cases', () => {
  it('parses and prints number literals as Go does', () => {
    expect(run('{{-3}}|{{3 -}}x|{{"}}"}}|{{.Client.Os -}}  {{- .Client.Os}}')).toBe('-3|3x|}}|linuxlinux');
    expect(run('{{print -0}} {{print -0.0}} {{print +5}} {{print 0x_1F}} {{print 1_0.5}} {{print 0b_1}}')).toBe('0 -0 5 31 10.5 1');
    expect(run('{{print 0x1.8p1}} {{print 0X1P+2}} {{print .5e1}}')).toBe('3 4 5');
    expect(run("{{print '\\x41' '\\u00e9' '\\101' 'é'}}")).toBe('65 233 65 233');
    expect(run('{{printf "%T" 1e3}} {{printf "%T" 0x10}}')).toBe('float64 int');
    expect(run('{{print 9223372036854775807}} {{print -9223372036854775808}}')).toBe('9223372036854775807 -9223372036854775808');
    expect(run('{{print 9223372036854775808}}')).toBe(
      'ERR template: version:1:8: executing "version" at <9223372036854775808>: 9223372036854775808 overflows int',
    );
  });
  it('supports complex constants', () => {
    expect(run('{{1+2i}} {{0i}} {{printf "%T %.1f" 1.5-2i 1.5-2i}} {{eq 1+2i 1+2i}} {{if 0i}}t{{else}}f{{end}}')).toBe(
      '(1+2i) (0+0i) complex128 (1.5-2.0i) true f',
    );
    expect(run('{{lt 1i 2i}}')).toBe(
      'ERR template: version:1:2: executing "version" at <lt 1i 2i>: error calling lt: invalid type for comparison',
    );
  });
  it('reports number lexing errors', () => {
    expect(run('{{3-}}')).toBe('ERR template: version:1: bad number syntax: "3-"');
    expect(run('{{.A-}}')).toBe("ERR template: version:1: bad character U+002D '-'");
    expect(run('{{- -}}')).toBe('ERR template: version:1: illegal number syntax: "-"');
    expect(run('{{/*a*/ }}')).toBe('ERR template: version:1: comment ends before closing delimiter');
    expect(run('{{print 1e400}}')).toBe('ERR template: version:1: illegal number syntax: "1e400"');
  });
});

describe('control structures', () => {
  it('if / else if / else', () => {
    const t = '{{if eq . 1}}one{{else if eq . 2}}two{{else}}many{{end}}';
    expect(anon(t, 1n)).toBe('one');
    expect(anon(t, 2n)).toBe('two');
    expect(anon(t, 3n)).toBe('many');
    expect(anon('{{if ""}}a{{else}}b{{end}}{{if 0.0}}a{{else}}b{{end}}{{if .}}a{{end}}', {})).toBe('bb');
  });
  it('with / else with', () => {
    expect(run('{{with 1}}{{else with 2}}x{{end}}')).toBe('');
    expect(anon('{{with .A}}{{.}}{{else with .B}}b={{.}}{{else}}none{{end}}', { B: 'z' })).toBe('b=z');
    expect(anon('{{with .A}}{{.}}{{else}}none{{end}}', {})).toBe('none');
  });
  it('range over slices, maps, integers, with else, break and continue', () => {
    expect(anon('{{range $i, $e := .}}{{$i}}={{$e}};{{end}}', ['a', 'b'])).toBe('0=a;1=b;');
    expect(anon('{{range $k, $v := .}}{{$k}}={{$v}};{{end}}', { b: 2, a: 1 })).toBe('a=1;b=2;');
    expect(anon('{{range .}}{{.}}{{else}}empty{{end}}', [])).toBe('empty');
    expect(anon('{{range .}}{{.}}{{else}}empty{{end}}', null)).toBe('empty');
    expect(run('{{range 3}}{{.}}{{end}}')).toBe('012');
    expect(run('{{range $i := 3}}{{$i}}{{end}}')).toBe('012');
    expect(run('{{range 0}}x{{else}}none{{end}}')).toBe('none');
    expect(anon('{{range .}}{{if eq . 3}}{{break}}{{end}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}', [0n, 1n, 2n, 3n, 4n])).toBe(
      '02',
    );
    expect(anon('{{$x := 0}}{{range .}}{{$x = .}}{{end}}{{$x}}', ['a', 'b'])).toBe('b');
  });
  it('reports range errors like Go', () => {
    expect(run('{{range $i, $e := 3}}{{end}}')).toBe(
      'ERR template: version:1:18: executing "version" at <3>: can\'t use 3 to iterate over more than one variable',
    );
    expect(anon('{{range .}}{{end}}', 1.5)).toBe('ERR template: :1:8: executing "" at <.>: range can\'t iterate over 1.5');
    expect(anon('{{range .}}{{end}}', 'abc')).toBe('ERR template: :1:8: executing "" at <.>: range can\'t iterate over abc');
  });
  it('define, template and block', () => {
    expect(run('{{define "t"}}{{.}}{{end}}{{template "t" 5}}{{template "t"}}')).toBe('5<no value>');
    expect(run('{{block "b" .Client.Os}}[{{.}}]{{end}}{{template "b" 1}}')).toBe('[linux][1]');
    expect(run('{{define "t"}}{{.Foo}}{{end}}{{template "t" .}}')).toBe(
      'ERR template: version:1:16: executing "t" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo',
    );
    expect(run('{{template "x"}}')).toBe(
      'ERR template: version:1:11: executing "version" at <{{template "x"}}>: template "x" not defined',
    );
    expect(run('{{define "x"}}a{{end}}{{define "x"}}b{{end}}')).toBe(
      'ERR template: version:1: template: multiple definition of template "x"',
    );
    expect(run('{{define "x"}}a{{end}}{{define "x"}} {{end}}{{template "x"}}')).toBe('a');
    const t = parseTemplate('{{define "a"}}A{{.}}{{end}}{{define "b"}}B{{end}}main', { name: 'm' });
    expect(t.templateNames()).toEqual(['a', 'b', 'm']);
    expect(t.executeTemplate('a', 1n)).toBe('A1');
    expect(() => t.executeTemplate('zz', 1n)).toThrow('template: no template "zz" associated with template "m"');
  });
  it('recursion is bounded', () => {
    const out = run('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
    expect(out).toBe('ERR template: version:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)');
    // deep but finite recursion through if/range/with still works
    const deep =
      '{{define "d"}}{{if .}}{{with $x := print (index . 0)}}{{range $i := 1}}{{if true}}{{$x}}{{template "d" (slice $ 1)}}{{end}}{{end}}{{end}}{{end}}{{end}}{{template "d" .}}';
    const list = Array.from({ length: 300 }, (_, i) => BigInt(i % 10));
    expect(anon(deep, list)).toBe(list.join(''));
    // runaway recursion in a big body (the JS stack gives out first) reads the same
    expect(anon(deep.replace('(slice $ 1)', '$'), list)).toBe(
      'ERR template: :1:99: executing "d" at <{{template "d" $}}>: exceeded maximum template depth (100000)',
    );
  });
});

describe('builtins', () => {
  it('and, or, not', () => {
    expect(run('{{not 0}} {{not ""}} {{not "a"}} {{and 1 0 2}} {{or 0 "" "x" 4}} {{and 1 2}} {{or 0 ""}}')).toBe(
      'true true false 0 x 2 ',
    );
    expect(run('{{and}}')).toBe('ERR template: version:1:2: executing "version" at <and>: wrong number of args for and: want at least 1 got 0');
    expect(anon('{{or .A .B.C}}', { A: 'a' })).toBe('a');
    expect(anon('{{and .A .B.C}}', { A: '' })).toBe('');
    expect(anon('{{1 | and 2}}', {})).toBe('1');
  });
  it('len and index', () => {
    expect(run('{{len "héllo"}} {{index "héllo" 1}} {{len (split "a,b" ",")}} {{index .Client.Version 1}}')).toBe('6 195 2 56');
    expect(run('{{len 3}}')).toBe('ERR template: version:1:2: executing "version" at <len 3>: error calling len: len of type int');
    expect(run('{{len}}')).toBe('ERR template: version:1:2: executing "version" at <len>: wrong number of args for len: want 1 got 0');
    expect(run('{{index .Client.Version 100}}')).toBe(
      'ERR template: version:1:2: executing "version" at <index .Client.Version 100>: error calling index: index out of range: 100',
    );
    expect(run('{{index "abc" 3}}')).toBe(
      'ERR template: version:1:2: executing "version" at <index "abc" 3>: error calling index: reflect: string index out of range',
    );
    expect(run('{{index 3 1}}')).toBe(
      'ERR template: version:1:2: executing "version" at <index 3 1>: error calling index: can\'t index item of type int',
    );
    expect(run('{{index nil 1}}')).toBe(
      'ERR template: version:1:2: executing "version" at <index nil 1>: error calling index: index of untyped nil',
    );
    expect(run('{{index "abc" nil}}')).toBe(
      'ERR template: version:1:2: executing "version" at <index "abc" nil>: error calling index: cannot index slice/array with nil',
    );
    expect(run('{{index "abc" 1.0}}')).toBe(
      'ERR template: version:1:2: executing "version" at <index "abc" 1.0>: error calling index: cannot index slice/array with type float64',
    );
    expect(anon('{{index . "a" 1}}|{{index . "b"}}', { a: ['x', 'y'] })).toBe('y|<no value>');
    expect(anon('{{index . 1}}', { a: 1 })).toBe(
      'ERR template: :1:2: executing "" at <index . 1>: error calling index: value has type int; should be string',
    );
  });
  it('slice', () => {
    expect(run('{{slice "héllo" 0 1}} {{slice "abc" 1}} {{slice (split "a,b,c" ",") 1 2}} {{slice "abc"}}')).toBe('h bc [b] abc');
    expect(run('{{slice "abc" 2 1}}')).toBe(
      'ERR template: version:1:2: executing "version" at <slice "abc" 2 1>: error calling slice: invalid slice index: 2 > 1',
    );
    expect(run('{{slice "abc" 1 2 3}}')).toBe(
      'ERR template: version:1:2: executing "version" at <slice "abc" 1 2 3>: error calling slice: cannot 3-index slice a string',
    );
    expect(run('{{slice 3 1}}')).toBe(
      'ERR template: version:1:2: executing "version" at <slice 3 1>: error calling slice: can\'t slice item of type int',
    );
    expect(run('{{slice "abc" 5}}')).toBe(
      'ERR template: version:1:2: executing "version" at <slice "abc" 5>: error calling slice: index out of range: 5',
    );
  });
  it('comparisons', () => {
    expect(run('{{ne 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2.5}} {{eq "a" "b" "a"}} {{eq nil nil}} {{lt 1 2}}')).toBe(
      'true true true false true true true',
    );
    expect(run('{{eq 1 1.0}}')).toBe(
      'ERR template: version:1:2: executing "version" at <eq 1 1.0>: error calling eq: incompatible types for comparison',
    );
    expect(run('{{lt 1 "a"}}')).toBe(
      'ERR template: version:1:2: executing "version" at <lt 1 "a">: error calling lt: incompatible types for comparison',
    );
    expect(run('{{lt true false}}')).toBe(
      'ERR template: version:1:2: executing "version" at <lt true false>: error calling lt: invalid type for comparison',
    );
    expect(run('{{eq 1}}')).toBe(
      'ERR template: version:1:2: executing "version" at <eq 1>: error calling eq: missing argument for comparison',
    );
    expect(run('{{lt 1 2 3}}')).toBe('ERR template: version:1:2: executing "version" at <lt>: wrong number of args for lt: want 2 got 3');
    expect(anon('{{eq .A "x"}} {{eq .Missing "x"}} {{eq .N 1.0}}', { A: 'x', N: 1 })).toBe('true false true');
    expect(anon('{{eq . .}}', ['a'])).toBe(
      'ERR template: :1:2: executing "" at <eq . .>: error calling eq: non-comparable type [a]: []interface {}',
    );
  });
  it('print, printf, println', () => {
    expect(run('{{print 1 2 "a" "b" 3 true false}}|{{println 1 "a" 2}}|')).toBe('1 2ab3 true false|1 a 2\n|');
    expect(run('{{printf}}')).toBe(
      'ERR template: version:1:2: executing "version" at <printf>: wrong number of args for printf: want at least 1 got 0',
    );
    expect(run('{{printf 1}}')).toBe('ERR template: version:1:9: executing "version" at <1>: expected string; found 1');
    expect(run('{{printf "%d" (1 | len)}}')).toBe(
      'ERR template: version:1:19: executing "version" at <len>: error calling len: len of type int',
    );
  });
  it('html, js, urlquery', () => {
    expect(run(`{{html "<a href=\\"x\\">&'</a>"}}|{{js "a\\"b'c<>&=\\\\ é\\t"}}|{{urlquery "a b&c=d/é~"}}|{{html 1 2 "x"}}`)).toBe(
      '&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;|a\\"b\\\'c\\u003C\\u003E\\u0026\\u003D\\\\ é\\u0009|a+b%26c%3Dd%2F%C3%A9~|1 2x',
    );
    expect(anon('{{html .X}}', {})).toBe('&lt;no value&gt;');
  });
  it('call', () => {
    const data = {
      F: goFunc({ params: ['string'], result: 'string' }, (s: string) => s + '!'),
      G: () => {
        throw new Error('bad');
      },
    };
    expect(anon('{{call .F "a"}}', data)).toBe('a!');
    expect(anon('{{call .F 1}}', data)).toBe(
      'ERR template: :1:2: executing "" at <call .F 1>: error calling call: arg 0: value has type int; should be string',
    );
    expect(anon('{{call .F}}', data)).toBe(
      'ERR template: :1:2: executing "" at <call .F>: error calling call: wrong number of args for .F: got 0 want 1',
    );
    expect(anon('{{call .G}}', data)).toBe('ERR template: :1:2: executing "" at <call .G>: error calling call: bad');
    expect(run('{{call 1}}')).toBe(
      'ERR template: version:1:2: executing "version" at <call 1>: error calling call: non-function 1 of type int',
    );
    expect(anon('{{call .Nope}}', {})).toBe('ERR template: :1:2: executing "" at <call .Nope>: error calling call: call of nil');
    expect(anon('{{.F}}', data)).toBe('ERR template: :1:2: executing "" at <{{.F}}>: can\'t print {{.F}} of type func(string) string');
  });
});

describe('user functions', () => {
  it('calls untyped and typed functions', () => {
    const funcs = {
      add: (a: unknown, b: unknown) => (a as bigint) + (b as bigint),
      fail: () => {
        throw new Error('nope');
      },
      rep: goFunc({ params: ['string', 'int'], result: 'string' }, (s: string, n: bigint) => s.repeat(Number(n))),
    };
    expect(run('{{add 1 2}} {{rep "ab" 2}}', {}, { funcs })).toBe('3 abab');
    expect(run('{{fail}}', {}, { name: 'x', funcs })).toBe('ERR template: x:1:2: executing "x" at <fail>: error calling fail: nope');
    expect(run('{{rep "a" "b"}}', {}, { funcs })).toBe('ERR template: :1:10: executing "" at <"b">: expected integer; found "b"');
    expect(run('{{rep "a" 1.5}}', {}, { funcs })).toBe('ERR template: :1:10: executing "" at <1.5>: expected integer; found 1.5');
    expect(run('{{rep "a" .X}}', { X: 1.5 }, { funcs })).toBe(
      'ERR template: :1:10: executing "" at <.X>: wrong type for value; expected int; got float64',
    );
    expect(() => parseTemplate('', { funcs: { 'a-b': () => 1 } })).toThrow('function name "a-b" is not a valid identifier');
  });
  it('lets functions named break/continue shadow the keywords', () => {
    expect(run('{{break}}', {}, { funcs: { break: () => 'b' } })).toBe('b');
  });
});

describe('typed values', () => {
  it('prints json.Number and typed ints', () => {
    expect(anon('{{.Size}} {{printf "%T" .Size}} {{eq .Size "12"}}', { Size: goTyped('json.Number', 'string', '12') })).toBe(
      '12 json.Number true',
    );
  });
});
