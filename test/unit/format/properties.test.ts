import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTemplate, TemplateError, goSlice, goStruct } from '../../../src/format/template/index.js';
import { dockerFuncs } from '../../../src/format/funcs.js';
import { sprintf } from '../../../src/format/gofmt.js';
import { formatFloat } from '../../../src/format/strconv.js';
import { TabWriter } from '../../../src/format/tabwriter.js';

const TOKENS = [
  '{{', '}}', '{{-', '-}}', '{{- ', ' -}}', ' ', '\n', '\t', '.', '.A', '.B.C', '$', '$x', ':=', '=', ',', '|', '(', ')',
  '"s"', '`r`', "'c'", '1', '-2', '1.5', '0x1F', '1e3', 'nil', 'true', 'if', 'else', 'end', 'range', 'with', 'define',
  'template', 'block', 'break', 'continue', '"t"', 'and', 'or', 'not', 'len', 'index', 'slice', 'eq', 'lt', 'printf',
  'print', 'html', 'js', 'call', 'json', 'split', 'join', 'upper', 'pad', 'truncate', '/*', '*/', 'text', '%v', '%d',
];

const templateText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((ts) => ts.join(''));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), templateText);

const jsonData: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: false }),
    fc.string(),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('A', 'B', 'C', 'x'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

function attempt(text: string, data: unknown): string {
  let t;
  try {
    t = parseTemplate(text, { name: 'p', funcs: dockerFuncs });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return `PARSE ${e.message}`;
  }
  try {
    return `OK ${t.execute(data)}`;
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return `EXEC ${e.message}`;
  }
}

describe('properties', () => {
  it('parsing never throws anything but TemplateError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          parseTemplate(text, { funcs: dockerFuncs });
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
          expect((e as Error).message).toMatch(/^template: /);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('execution on arbitrary data fails only with TemplateError, and is deterministic', () => {
    const ctx = goStruct({ A: 'a', B: goStruct({ C: 1n }, 'pkg.B'), L: goSlice(['x', 'y'], '[]string') }, '*pkg.Ctx');
    fc.assert(
      fc.property(templateText, fc.oneof(jsonData, fc.constant(ctx)), (text, data) => {
        const a = attempt(text, data);
        const b = attempt(text, data);
        expect(a).toBe(b);
        if (!a.startsWith('OK ')) expect(a).toMatch(/^(PARSE|EXEC) template: /);
      }),
      { numRuns: 3000 },
    );
  });

  it('sprintf never throws', () => {
    const arg = fc.oneof(fc.string(), fc.double(), fc.bigInt(), fc.boolean(), fc.constant(undefined), fc.array(fc.string(), { maxLength: 3 }));
    const format = fc.array(fc.constantFrom('%', 'v', 'd', 's', 'q', 'x', 'X', 'e', 'f', 'g', 'G', 'c', 'U', 't', 'T', 'p', 'b', 'o', 'O', '#', '+', '-', ' ', '0', '5', '.', '*', '[', ']', '1', '2', 'a', 'é', '!'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(format, fc.array(arg, { maxLength: 4 }), (f, args) => {
        expect(typeof sprintf(f, ...args)).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });

  it('%v of float64 reads back exactly; %e with 16 digits of precision too', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(sprintf('%v', x))).toBe(x);
        expect(Number(formatFloat(x, 'e', 16))).toBe(x);
        const f = formatFloat(x, 'f', -1);
        expect(Number(f)).toBe(x);
      }),
      { numRuns: 5000 },
    );
  });

  it('%.Nf agrees with toFixed except on exact ties', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 10 }), (x, p) => {
        const go = formatFloat(x, 'f', p);
        const js = x.toFixed(p);
        if (go !== js && !(Object.is(x, -0) || (x < 0 && Number(js) === 0))) {
          // the only difference allowed: an exact tie, rounded to even (JS rounds ties up)
          const exact = formatFloat(x, 'f', 1100);
          const frac = exact.slice(exact.indexOf('.') + 1 + p);
          expect(frac).toMatch(/^50*$/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('tabwriter keeps every cell, in order', () => {
    const cell = fc.stringMatching(/^[a-z日é]{0,12}$/);
    const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cs) => cs.join('\t'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const w = new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: '.' });
        const input = lines.map((l) => l + '\n').join('');
        w.write(input);
        const out = w.flush();
        expect(out.replace(/\./g, '')).toBe(input.replace(/\t/g, ''));
        expect(out.split('\n').length).toBe(input.split('\n').length);
        const inLines = input.split('\n');
        out.split('\n').forEach((l, i) => {
          // text after the last tab is never padded
          if (!inLines[i]!.endsWith('\t') && inLines[i] !== '') expect(l.endsWith('.')).toBe(false);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
