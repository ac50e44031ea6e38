import { describe, expect, it } from 'vitest';
import { interpolateConfig, substitute } from '../../../src/stack/interpolate.js';

const env: Record<string, string> = { FOO: 'foo', EMPTY: '', N: '3', YES: 'yes', F: '0.5' };
const lookup = (k: string) => env[k];

describe('substitute (docker template.Substitute)', () => {
  const cases: [string, string][] = [
    ['$FOO', 'foo'],
    ['${FOO}', 'foo'],
    ['a${FOO}b', 'afoob'],
    ['$$FOO', '$FOO'],
    ['$${FOO}', '${FOO}'],
    ['${UNSET}', ''],
    ['${UNSET:-dflt}', 'dflt'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${UNSET-dflt}', 'dflt'],
    ['${FOO:-dflt}', 'foo'],
    ['${FOO:?err}', 'foo'],
    ['${EMPTY?err}', ''],
    ['${UNSET:-a b c}', 'a b c'],
    ['$foo_1x', ''],
    // docker's unbraced form takes a default up to the next }
    ['$UNSET-x y', 'x y'],
    ['${UNSET:-${FOO}}', '${FOO}'],
  ];
  for (const [tpl, want] of cases) {
    it(JSON.stringify(tpl), () => {
      expect(substitute(tpl, lookup)).toBe(want);
    });
  }
  it('errors', () => {
    expect(() => substitute('${UNSET:?need it}', lookup)).toThrow('Invalid template: "required variable UNSET is missing a value: need it"');
    expect(() => substitute('${EMPTY:?}', lookup)).toThrow('required variable EMPTY is missing a value: ');
    expect(() => substitute('${UNSET?}', lookup)).toThrow('required variable UNSET is missing a value');
    expect(() => substitute('a $ b', lookup)).toThrow('Invalid template: "a $ b"');
    expect(() => substitute('${}', lookup)).toThrow('Invalid template');
  });
});

describe('interpolateConfig', () => {
  it('casts values that changed at typed paths, never keys', () => {
    const out = interpolateConfig({
      services: { web: { deploy: { replicas: '${N}', update_config: { max_failure_ratio: '$F' } }, read_only: '${YES}', image: '${N}', ports: [{ target: '${N}' }] } },
      networks: { n: { external: '${YES}' } },
      '${FOO}': 'x',
    }, lookup);
    expect(out).toEqual({
      services: { web: { deploy: { replicas: 3, update_config: { max_failure_ratio: 0.5 } }, read_only: true, image: '3', ports: [{ target: 3 }] } },
      networks: { n: { external: true } },
      '${FOO}': 'x',
    });
  });
  it('leaves unchanged strings alone, even at typed paths', () => {
    expect(interpolateConfig({ services: { a: { deploy: { replicas: 'x' } } } }, lookup)).toEqual({ services: { a: { deploy: { replicas: 'x' } } } });
  });
  it("docker's messages", () => {
    expect(() => interpolateConfig({ services: { a: { image: '${X:?set X}' } } }, lookup)).toThrow(
      'invalid interpolation format for services.a.image: "required variable X is missing a value: set X"; you may need to escape any $ with another $');
    expect(() => interpolateConfig({ services: { a: { command: ['$'] } } }, lookup)).toThrow('invalid interpolation format for services.a.command.[]: "$"');
    expect(() => interpolateConfig({ services: { a: { deploy: { replicas: '${FOO}' } } } }, lookup)).toThrow(
      'error while interpolating services.a.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "foo": invalid syntax');
    expect(() => interpolateConfig({ services: { a: { tty: '${FOO}' } } }, lookup)).toThrow(
      'error while interpolating services.a.tty: failed to cast to expected type: invalid boolean: foo');
  });
});
