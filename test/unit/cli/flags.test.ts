import { describe, expect, it } from 'vitest';
import { FlagError, HelpRequested, parseFlags, type FlagSpec } from '../../../src/cli/flags.js';
import { goParseInt } from '../../../src/cli/opts/goparse.js';

const flags: FlagSpec[] = [
  { name: 'all', short: 'a', kind: 'bool', usage: '' },
  { name: 'quiet', short: 'q', kind: 'bool', usage: '' },
  { name: 'last', short: 'n', kind: 'value', type: 'int', usage: '', default: -1, parse: (r) => goParseInt(r, 0) },
  { name: 'format', kind: 'value', usage: '' },
  { name: 'filter', short: 'f', kind: 'list', usage: '' },
];

describe('parseFlags (pflag semantics)', () => {
  const ok: [string[], Record<string, unknown>, string[]][] = [
    [[], { all: false, quiet: false, last: -1, filter: [] }, []],
    [['-a'], { all: true }, []],
    [['-aq'], { all: true, quiet: true }, []],
    [['--all=false'], { all: false }, []],
    [['-a=false'], { all: false }, []],
    [['-n', '5'], { last: 5 }, []],
    [['-n5'], { last: 5 }, []],
    [['-n=5'], { last: 5 }, []],
    [['-an', '3'], { all: true, last: 3 }, []],
    [['--last', '-2'], { last: -2 }, []],
    [['-n', '0x10'], { last: 16 }, []],
    [['--format', '{{.ID}}'], { format: '{{.ID}}' }, []],
    [['--format={{.ID}}'], { format: '{{.ID}}' }, []],
    [['-f', 'a=b', '--filter', 'c=d', '-fe=f'], { filter: ['a=b', 'c=d', 'e=f'] }, []],
    [['x', '-a', 'y'], { all: true }, ['x', 'y']],
    [['--', '-a'], { all: false }, ['-a']],
    [['-'], {}, ['-']],
  ];
  for (const [argv, expected, args] of ok) {
    it(`parses ${JSON.stringify(argv)}`, () => {
      const r = parseFlags(argv, flags);
      expect(r.args).toEqual(args);
      for (const [k, v] of Object.entries(expected)) expect(r.opts[k]).toEqual(v);
    });
  }

  it('stops at the first positional when not interspersed', () => {
    const r = parseFlags(['-a', 'img', '-q', '--x'], flags, false);
    expect(r.opts.all).toBe(true);
    expect(r.opts.quiet).toBe(false);
    expect(r.args).toEqual(['img', '-q', '--x']);
  });

  const bad: [string[], string][] = [
    [['--foo'], 'unknown flag: --foo'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-ax'], "unknown shorthand flag: 'x' in -x"],
    [['--format'], 'flag needs an argument: --format'],
    [['-f'], "flag needs an argument: 'f' in -f"],
    [['-n', 'x'], 'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    [['-n', '99999999999999999999'], 'invalid argument "99999999999999999999" for "-n, --last" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    [['--all=maybe'], 'invalid argument "maybe" for "-a, --all" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    [['---x'], 'bad flag syntax: ---x'],
    [['--=x'], 'bad flag syntax: --=x'],
  ];
  for (const [argv, msg] of bad) {
    it(`rejects ${JSON.stringify(argv)}`, () => {
      expect(() => parseFlags(argv, flags)).toThrow(FlagError);
      expect(() => parseFlags(argv, flags)).toThrow(msg);
    });
  }

  it('asks for help on --help and -h', () => {
    expect(() => parseFlags(['--help'], flags)).toThrow(HelpRequested);
    expect(() => parseFlags(['-h'], flags)).toThrow(HelpRequested);
    expect(parseFlags(['--', '--help'], flags).args).toEqual(['--help']);
  });
});

describe('parseFlags: deprecated flags', () => {
  const withOld: FlagSpec[] = [...flags, { name: 'orchestrator', kind: 'value', usage: '', hidden: true, deprecated: 'option will be ignored' }];
  it('tells of each deprecated flag as it is set, after its value parsed', () => {
    const seen: string[] = [];
    const r = parseFlags(['--orchestrator', 'x', '-a', '--orchestrator=y'], withOld, true, (line) => seen.push(line));
    expect(seen).toEqual(['Flag --orchestrator has been deprecated, option will be ignored\n', 'Flag --orchestrator has been deprecated, option will be ignored\n']);
    expect(r.opts.orchestrator).toBe('y');
  });
  it('not for flags that are not deprecated, nor before a missing value', () => {
    const seen: string[] = [];
    parseFlags(['-a', '--format', 'x'], withOld, true, () => seen.push('x'));
    expect(seen).toEqual([]);
    expect(() => parseFlags(['--orchestrator'], withOld, true, () => seen.push('x'))).toThrow(FlagError);
    expect(seen).toEqual([]);
  });
});
