// A flag parser with the semantics of spf13/pflag, which the docker CLI uses: berth's
// scripts-facing contract is docker's, so `--all=false`, `-n=5`, `-fvalue`, `-af x`,
// `--` and the exact error texts all behave as docker's do.

export type FlagKind = 'bool' | 'value' | 'list';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** the type shown in help: string, int, list, filter, bytes, duration, ... ('' for bools) */
  type?: string;
  usage: string;
  /** default value put into the options when the flag is not given */
  default?: unknown;
  /** how help shows the default, e.g. `(default -1)`; '' hides it */
  defaultText?: string;
  hidden?: boolean;
  /** docker's deprecation text; deprecated flags are hidden from help */
  deprecated?: string;
  /** converts (and validates) one raw value; throw an Error with docker's message */
  parse?: (raw: string) => unknown;
}

/** pflag's notice for cobra's -h, whose shorthand docker marks deprecated */
export const SHORTHAND_HELP_NOTICE = 'Flag shorthand -h has been deprecated, use --help\n';

export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/** The user asked for help (-h / --help). */
export class HelpRequested extends Error {
  readonly shorthand: boolean;
  /** the positional words of the command line that asked for help */
  readonly args: string[];
  /** the options the rest of the line set */
  readonly opts: Record<string, unknown>;
  constructor(shorthand: boolean, args: string[] = [], opts: Record<string, unknown> = {}) {
    super('help requested');
    this.shorthand = shorthand;
    this.args = args;
    this.opts = opts;
  }
}

export interface ParsedFlags {
  opts: Record<string, unknown>;
  /** flags set on the command line */
  changed: Set<string>;
  args: string[];
}

export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

function goQuoteRune(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '\\') return "'\\\\'";
  return `'${c}'`;
}

export function parseGoBool(raw: string): boolean {
  switch (raw) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
    default:
      throw new Error(`strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
  }
}

export function flagDisplayName(f: FlagSpec): string {
  return f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
}

export function initialOptions(flags: FlagSpec[]): Record<string, unknown> {
  const opts: Record<string, unknown> = {};
  for (const f of flags) {
    if (f.default !== undefined) opts[f.name] = Array.isArray(f.default) ? [...f.default] : f.default;
    else if (f.kind === 'bool') opts[f.name] = false;
    else if (f.kind === 'list') opts[f.name] = [];
  }
  return opts;
}

/**
 * Parses `argv` against `flags`. With `interspersed` false, the first positional argument
 * ends flag parsing (docker run IMAGE CMD --flag...).
 */
/**
 * `warn` receives pflag's notice for a deprecated flag each time one is set ("Flag --time has
 * been deprecated, use --timeout instead\n"; docker prints it on stdout)
 */
export function parseFlags(argv: string[], flags: FlagSpec[], interspersed = true, warn?: (line: string) => void): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const f of flags) {
    byName.set(f.name, f);
    if (f.short) byShort.set(f.short, f);
  }
  const opts = initialOptions(flags);
  const changed = new Set<string>();
  const positional: string[] = [];
  const listsTouched = new Set<string>();

  const set = (f: FlagSpec, raw: string): void => {
    let value: unknown;
    try {
      if (f.kind === 'bool') value = f.parse ? f.parse(raw) : parseGoBool(raw);
      else value = f.parse ? f.parse(raw) : raw;
    } catch (e) {
      throw new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(flagDisplayName(f))} flag: ${(e as Error).message}`);
    }
    if (f.kind === 'list') {
      // a list given on the command line replaces its default
      if (!listsTouched.has(f.name)) {
        opts[f.name] = [];
        listsTouched.add(f.name);
      }
      (opts[f.name] as unknown[]).push(value);
    } else {
      opts[f.name] = value;
    }
    changed.add(f.name);
    if (f.deprecated && warn) warn(`Flag --${f.name} has been deprecated, ${f.deprecated}\n`);
  };

  // cobra's help flag (-h, --help) is a bool like any other: the parse goes on after it, so a
  // bad flag later on the line wins; help is shown once everything parsed
  let help: { value: boolean; shorthand: boolean } | undefined;
  const setHelp = (raw: string, shorthand: boolean): void => {
    let value: boolean;
    try {
      value = parseGoBool(raw);
    } catch (e) {
      // (its shorthand is deprecated, so pflag names it by its long name only)
      throw new FlagError(`invalid argument ${goQuote(raw)} for "--help" flag: ${(e as Error).message}`);
    }
    help = { value, shorthand: shorthand || (help?.shorthand ?? false) };
  };

  const args = [...argv];
  while (args.length > 0) {
    const s = args.shift()!;
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      if (!interspersed) {
        positional.push(s, ...args);
        break;
      }
      positional.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        positional.push(...args);
        break;
      }
      const nameValue = s.slice(2);
      if (nameValue[0] === '-' || nameValue[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
      const eq = nameValue.indexOf('=');
      const name = eq >= 0 ? nameValue.slice(0, eq) : nameValue;
      const f = byName.get(name);
      if (!f || (f.name === 'help' && f.kind === 'bool')) {
        if (name !== 'help') throw new FlagError(`unknown flag: --${name}`);
        setHelp(eq >= 0 ? nameValue.slice(eq + 1) : 'true', false);
        continue;
      }
      if (eq >= 0) set(f, nameValue.slice(eq + 1));
      else if (f.kind === 'bool') set(f, 'true');
      else if (args.length > 0) set(f, args.shift()!);
      else throw new FlagError(`flag needs an argument: ${s}`);
      continue;
    }
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = shorthands[0]!;
      const f = byShort.get(c);
      if (!f) {
        if (c !== 'h') throw new FlagError(`unknown shorthand flag: ${goQuoteRune(c)} in -${shorthands}`);
        if (warn) warn(SHORTHAND_HELP_NOTICE);
        if (shorthands.length > 2 && shorthands[1] === '=') {
          setHelp(shorthands.slice(2), true);
          shorthands = '';
        } else {
          setHelp('true', true);
          shorthands = shorthands.slice(1);
        }
        continue;
      }
      if (shorthands.length > 2 && shorthands[1] === '=') {
        set(f, shorthands.slice(2));
        shorthands = '';
      } else if (f.kind === 'bool') {
        set(f, 'true');
        shorthands = shorthands.slice(1);
      } else if (shorthands.length > 1) {
        set(f, shorthands.slice(1));
        shorthands = '';
      } else if (args.length > 0) {
        set(f, args.shift()!);
        shorthands = '';
      } else {
        throw new FlagError(`flag needs an argument: ${goQuoteRune(c)} in -${shorthands}`);
      }
    }
  }
  if (help?.value) throw new HelpRequested(help.shorthand, positional, opts);
  return { opts, changed, args: positional };
}
