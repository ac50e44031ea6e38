// The stack verbs' pure parts, without an engine (their output against docker's is in
// test/parity/stack-list.test.ts): stack names, the namespace filters, GetStacks' counting
// and order, the stack ls context, and cobra's Find over the stack group's flags.
import { describe, expect, it } from 'vitest';
import { LABEL_NAMESPACE, allStacksFilter, stackFilter, stacksOf, validateStackName } from '../../../src/cli/stacks.js';
import { StackContext, stackHeaderContext, stackListFormat, STACK_TABLE_FORMAT } from '../../../src/format/contexts/stack.js';
import { renderRows } from '../../../src/format/formatter.js';
import { findGroupVerb, groupOf } from '../../../src/cli/registry.js';
import { StatusError } from '../../../src/cli/errors.js';
import type { Service } from '../../../src/engine/service-types.js';

describe('validateStackName', () => {
  for (const bad of ['', ' ', '"', "'", ' "\t\'', '\u00a0', '\u3000\u2028', '\u0085']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      expect(() => validateStackName(bad)).toThrow(StatusError);
    });
  }
  it('quotes the name as Go\'s %q does', () => {
    expect(() => validateStackName(' \t"')).toThrow('invalid stack name: " \\t\\""');
    expect(() => validateStackName('\u2028')).toThrow('invalid stack name: "\\u2028"');
  });
  for (const good of ['a', ' a ', '"x"', '\ufeff', '-']) {
    it(`takes ${JSON.stringify(good)}`, () => expect(() => validateStackName(good)).not.toThrow());
  }
});

describe('the namespace filters', () => {
  it('getAllStacksFilter: the label key alone', () => {
    expect(allStacksFilter()).toEqual({ label: [LABEL_NAMESPACE] });
  });
  it('getStackFilterFromOpt: the user\'s filters kept, the namespace label added once', () => {
    expect(stackFilter('web', { name: ['x'], label: ['tier=front'] })).toEqual({ name: ['x'], label: ['tier=front', `${LABEL_NAMESPACE}=web`] });
    expect(stackFilter('web', { label: [`${LABEL_NAMESPACE}=web`] })).toEqual({ label: [`${LABEL_NAMESPACE}=web`] });
    const mine = { label: ['a=b'] };
    stackFilter('web', mine);
    expect(mine).toEqual({ label: ['a=b'] });
  });
});

const svc = (id: string, ns: string | undefined): Service => ({ ID: id, Spec: { Name: id, Labels: ns === undefined ? {} : { [LABEL_NAMESPACE]: ns } } }) as Service;

describe('GetStacks', () => {
  it('counts the services of each namespace, in natural order of name', () => {
    const got = stacksOf([svc('1', 's10'), svc('2', 's2'), svc('3', 's10'), svc('4', 'S1'), svc('5', ''), svc('6', 's2'), svc('7', 's10')]);
    expect(got).toEqual([
      { Name: '', Services: 1 },
      { Name: 'S1', Services: 1 },
      { Name: 's2', Services: 2 },
      { Name: 's10', Services: 3 },
    ]);
  });
  it('no services, no stacks', () => expect(stacksOf([])).toEqual([]));
  it('a service without the label is docker\'s error', () => {
    expect(() => stacksOf([svc('abc', undefined)])).toThrow(`cannot get label ${LABEL_NAMESPACE} for service abc`);
  });
});

describe('stack ls formatting', () => {
  const rows = [new StackContext({ Name: 'app', Services: 2 }), new StackContext({ Name: 'b', Services: 10 })];
  it('"" and "table" are the default table; anything else as given', () => {
    expect(stackListFormat('')).toBe(STACK_TABLE_FORMAT);
    expect(stackListFormat('table')).toBe(STACK_TABLE_FORMAT);
    expect(stackListFormat('json')).toBe('json');
    expect(stackListFormat('table {{.Name}}')).toBe('table {{.Name}}');
  });
  it('the table', async () => {
    expect(await renderRows(STACK_TABLE_FORMAT, rows, stackHeaderContext())).toBe('NAME      SERVICES\napp       2\nb         10\n');
  });
  it('json: Services is a string (strconv.Itoa)', async () => {
    expect(await renderRows('json', rows, stackHeaderContext())).toBe('{"Name":"app","Services":"2"}\n{"Name":"b","Services":"10"}\n');
  });
  it('templates: the context\'s type, Header of no value, an unknown field', async () => {
    expect(await renderRows('{{printf "%T" .}} {{.Header}}', rows.slice(0, 1), stackHeaderContext())).toBe('*formatter.stackContext <no value>\n');
    await expect(renderRows('{{.Nope}}', rows, stackHeaderContext())).rejects.toThrow('can\'t evaluate field Nope in type *formatter.stackContext');
  });
});

describe('cobra\'s Find over the stack group', () => {
  const stack = groupOf('stack')!;
  const at = (...words: string[]): number => findGroupVerb(stack, ['stack', ...words]);
  it('the verb after the group\'s flags and their values', () => {
    expect(at('ls')).toBe(1);
    expect(at('list', '-q')).toBe(1);
    expect(at('--orchestrator', 'swarm', 'ls')).toBe(3);
    expect(at('--orchestrator=swarm', 'ps', 'x')).toBe(2);
    // (an unknown flag is taken to have a value, as cobra's Traverse takes it; the group then refuses it)
    expect(at('--format', 'x', 'ls')).toBe(3);
  });
  it('none: no verb, an unknown word, "--", a flag with a single word after it', () => {
    expect(at()).toBe(-1);
    expect(at('bogus', 'ls')).toBe(-1);
    expect(at('--', 'ls')).toBe(-1);
    expect(at('--orchestrator', 'ls')).toBe(-1);
    expect(at('-q', 'ls')).toBe(-1);
  });
  it('help is a bool flag of every command', () => {
    expect(at('--help', 'ls')).toBe(2);
    expect(at('-h', 'ps', 'x')).toBe(2);
  });
});
