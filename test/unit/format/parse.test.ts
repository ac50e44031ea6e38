import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateError } from '../../../src/format/template/index.js';
import { dockerFuncs } from '../../../src/format/funcs.js';

// Parse error texts as printed by docker CLI 28.2.2 (Go 1.24.3) for `docker version --format`
// (template name "version"); docker prefixes them with "template parsing error: ".

function parseErr(text: string, name = 'version'): string {
  try {
    parseTemplate(text, { name, funcs: dockerFuncs });
    return 'OK';
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return (e as Error).message;
  }
}

const cases: [string, string][] = [
  ['{{foo}}', 'template: version:1: function "foo" not defined'],
  ['{{)}}', 'template: version:1: unexpected right paren'],
  ['{{(1}}', 'template: version:1: unclosed left paren'],
  ['{{.X', 'template: version:1: unclosed action'],
  ['{{"abc', 'template: version:1: unterminated quoted string'],
  ['{{`abc', 'template: version:1: unterminated raw quoted string'],
  ["{{'a", 'template: version:1: unterminated character constant'],
  ['{{/* x', 'template: version:1: unclosed comment'],
  ['{{/* x */ x}}', 'template: version:1: comment ends before closing delimiter'],
  ['{{.X!}}', "template: version:1: bad character U+0021 '!'"],
  ['{{$x+2}}', "template: version:1: bad character U+002B '+'"],
  ['{{a:}}', 'template: version:1: function "a" not defined'],
  ['{{@}}', 'template: version:1: unexpected "@" in command'],
  ['{{\x01}}', 'template: version:1: unrecognized character in action: U+0001'],
  ['{{3x}}', 'template: version:1: bad number syntax: "3x"'],
  ['{{"\\z"}}', 'template: version:1: invalid syntax'],
  ['{{089}}', 'template: version:1: integer overflow: "089"'],
  ['{{1__0}}', 'template: version:1: illegal number syntax: "1__0"'],
  ['{{0x}}', 'template: version:1: illegal number syntax: "0x"'],
  ['{{99999999999999999999}}', 'template: version:1: integer overflow: "99999999999999999999"'],
  ["{{'ab'}}", "template: version:1: malformed character constant: 'ab'"],
  ["{{''}}", 'template: version:1: invalid syntax'],
  ['{{3 | 4}}', 'template: version:1: non executable command in pipeline stage 2'],
  ['{{.X | "a"}}', 'template: version:1: non executable command in pipeline stage 2'],
  ['{{if}}{{end}}', 'template: version:1: missing value for if'],
  ['{{range}}{{end}}', 'template: version:1: missing value for range'],
  ['{{end}}', 'template: version:1: unexpected {{end}}'],
  ['{{else}}', 'template: version:1: unexpected {{else}}'],
  ['{{if 1}}', 'template: version:1: unexpected EOF'],
  ['l1\n{{if .X}}\nl3', 'template: version:3: unexpected EOF'],
  ['{{break}}', 'template: version:1: {{break}} outside {{range}}'],
  ['{{continue}}', 'template: version:1: {{continue}} outside {{range}}'],
  ['{{range .}}{{break 1}}{{end}}', 'template: version:1: unexpected "1" in {{break}}'],
  ['{{range .}}{{else}}{{break}}{{end}}', 'template: version:1: {{break}} outside {{range}}'],
  ['{{$x}}', 'template: version:1: undefined variable "$x"'],
  ['{{with $x := 3}}{{$x}}{{end}}{{$x}}', 'template: version:1: undefined variable "$x"'],
  ['{{range $a, $b, $c := .}}{{end}}', 'template: version:1: too many declarations in range'],
  ['{{$x, $y := 1}}', 'template: version:1: too many declarations in command'],
  ['{{range $x, 1}}{{end}}', 'template: version:1: range can only initialize variables'],
  ['{{x"y"}}', 'template: version:1: bad character U+0022 \'"\''],
  ['{{"x\ny"}}', 'template: version:1: unterminated quoted string'],
  ['{{(\n1}}', 'template: version:2: unclosed left paren in action started at version:1'],
  ['{{.X\n', 'template: version:2: unclosed action started at version:1'],
  ['{{define}}', 'template: version:1: unexpected "}}" in define clause'],
  ['{{define "a" 1}}{{end}}', 'template: version:1: unexpected "1" in define clause'],
  ['{{define "a"}}{{else}}{{end}}', 'template: version:1: unexpected {{else}} in define clause'],
  ['{{template}}', 'template: version:1: unexpected "}}" in template clause'],
  ['{{template .X}}', 'template: version:1: unexpected ".X" in template clause'],
  ['{{block "b"}}{{end}}', 'template: version:1: missing value for block clause'],
  ['{{.X.}}', 'template: version:1: unexpected <.> in operand'],
  ['{{"a".X}}', 'template: version:1: unexpected . after term "\\"a\\""'],
  ['{{1.2.3}}', 'template: version:1: unexpected ".3" in operand'],
  ['{{if 1}}{{else}}{{else}}{{end}}', 'template: version:1: expected end; found {{else}}'],
  ['{{if 1}}{{else if}}{{end}}', 'template: version:1: missing value for if'],
  ['{{if 1}}{{else with 2}}x{{end}}', 'template: version:1: unexpected <with> in input'],
  ['{{|}}', 'template: version:1: unexpected "|" in command'],
  ['{{define "x"}}a{{end}}{{define "x"}}b{{end}}', 'template: version:1: template: multiple definition of template "x"'],
  ['{{1 a}}', 'template: version:1: function "a" not defined'],
  ['{{"abcdefghijklmnop" ) }}', 'template: version:1: unexpected right paren'],
  ['{{with 1}}x{{else with}}{{end}}', 'template: version:1: missing value for with'],
  ['{{x := 1}}', 'template: version:1: function "x" not defined'],
  ['{{$x := }}', 'template: version:1: missing value for command'],
  ['{{nil.X}}', 'template: version:1: unexpected . after term "nil"'],
  ['{{(1 2 3) "abcdefghijklmn"}}', 'OK'],
  ['{{"abcdefghijklmn" "abcdefghijk" | }}', 'OK'],
];

describe('parse errors', () => {
  it.each(cases)('%j', (text, want) => {
    expect(parseErr(text)).toBe(want);
  });

  it('uses the template name, "" for docker listings', () => {
    expect(parseErr('{{foo}}', '')).toBe('template: :1: function "foo" not defined');
    expect(parseErr('{{end}}', 'ps')).toBe('template: ps:1: unexpected {{end}}');
  });

  it('quotes long tokens as Go does (%.10q...)', () => {
    expect(parseErr('{{if 1 "abcdefghijklmnop"}}{{end}}{{if}}')).toBe('template: version:1: missing value for if');
    expect(parseErr('{{.X "abcdefghijklmnop" = 1}}')).toBe('template: version:1: unexpected "=" in operand');
    expect(parseErr('{{define "abcdefghijklmnop" "abcdefghijklmnop"}}{{end}}')).toBe(
      'template: version:1: unexpected "\\"abcdefghi"... in define clause',
    );
  });

  it('reports the line of the failing token', () => {
    expect(parseErr('a\nb\n{{.X}}\n{{foo}}')).toBe('template: version:4: function "foo" not defined');
    expect(parseErr('{{/*\n\n*/}}{{end}}')).toBe('template: version:3: unexpected {{end}}');
    expect(parseErr('{{if\n\n1}}{{else}}\n{{end}}{{end}}')).toBe('template: version:4: unexpected {{end}}');
  });

  it('accepts the whole language', () => {
    const ok = [
      '',
      'plain text',
      '{{/* comment */}}',
      '{{- /* trimmed */ -}}',
      '{{.}}{{.A.B}}{{$}}{{$.A}}{{$x := 1}}{{$x = 2}}{{$x.Y}}',
      '{{(.A).B}}{{(index . 1).C.D}}',
      '{{if .}}{{else if .A}}{{else}}{{end}}',
      '{{with .}}{{else with .A}}{{else}}{{end}}',
      '{{range $i, $e := .}}{{break}}{{continue}}{{else}}{{end}}',
      '{{range $i, $e = .}}{{end}}',
      '{{define "a"}}x{{end}}{{template "a"}}{{template "a" .}}{{block "b" .}}y{{end}}',
      "{{1}}{{1.5}}{{1e3}}{{0x1F}}{{0o7}}{{0b1}}{{1_000}}{{'x'}}{{'\\n'}}{{-1}}{{+1}}{{.5}}{{0x1p4}}",
      '{{"s"}}{{`raw`}}{{true}}{{false}}{{nil | print}}',
      '{{print 1 | printf "%v" | len}}',
      '{{and 1 2}}{{or 1 2}}{{not 1}}{{len "a"}}{{index "a" 0}}{{slice "a" 0}}{{eq 1 1}}{{ne 1 2}}{{lt 1 2}}{{le 1 2}}{{gt 1 2}}{{ge 1 2}}',
      '{{html "a"}}{{js "a"}}{{urlquery "a"}}{{print}}{{println}}{{printf "x"}}{{call .F}}',
      '{{json .}}{{split "a" ","}}{{join . ","}}{{title "a"}}{{lower "A"}}{{upper "a"}}{{pad "a" 1 1}}{{truncate "a" 1}}',
      '{{.X\n}}',
    ];
    for (const t of ok) expect(parseErr(t), t).toBe('OK');
  });
});
