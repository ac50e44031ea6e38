import './core.js';
// berth's entry: global flags, command lookup, lazy loading of the one command that runs,
// and the single place where errors become stderr text and exit codes.
import { Cli, PROGRAM, BERTH_VERSION, type GlobalOptions } from './cli.js';
import { FlagError, HelpRequested, parseFlags, parseGoBool, SHORTHAND_HELP_NOTICE } from './flags.js';
import { argCountError, commandHelp, globalFlagSpecs, groupHelp, rootHelp, useLine } from './help.js';
import { findGroupVerb, groupOf, isGroup, resolve, type GroupEntry } from './registry.js';
import type { FlagSpec } from './flags.js';
import { StatusError, UsageError } from './errors.js';
import type { CommandModule, EngineFacts } from './spec.js';
import { ConnectionError, EngineError } from '../engine/errors.js';
import { versionLess } from '../engine/client.js';
import { selectClassicBuilder } from '../build/builder.js';
import { ConfigFile as GoConfigFile, startupWarnings } from '../config/configfile.js';
import { configDir } from '../config/config.js';

declare const BERTH_BUILD: string | undefined;

function write(stream: NodeJS.WriteStream, s: string): void {
  stream.write(s);
}

function rootUsageError(msg: string): number {
  write(process.stderr, `${msg}\n\nUsage:  ${PROGRAM} [OPTIONS] COMMAND [ARG...]\n\nRun '${PROGRAM} --help' for more information\n`);
  return 125;
}

export function renderError(err: unknown): { text: string; status: number } {
  if (err instanceof StatusError) return { text: err.message, status: err.status || 1 };
  if (err instanceof UsageError) return { text: err.message, status: err.status };
  if (err instanceof EngineError) return { text: err.daemonMessage, status: 1 };
  if (err instanceof ConnectionError) return { text: err.message, status: 1 };
  if (err instanceof Error) {
    if (process.env.BERTH_DEBUG_STACK) return { text: err.stack ?? err.message, status: 1 };
    // an answer cut short (node's "aborted" of an incoming message): Go's reader says this
    if (err.message === 'aborted' && (err as NodeJS.ErrnoException).code === 'ECONNRESET') return { text: 'unexpected EOF', status: 1 };
    return { text: err.message, status: 1 };
  }
  return { text: String(err), status: 1 };
}

/** what help needs of the engine; nothing when it cannot be reached */
async function engineFacts(cli: Cli): Promise<EngineFacts> {
  try {
    const api = cli.api();
    const ping = await api.ping();
    return { apiVersion: await api.apiVersion(), osType: ping.osType, experimental: ping.experimental };
  } catch {
    return {};
  }
}

/**
 * docker's processBuilder, run for every command line once the global flags are parsed, first
 * checks that DOCKER_BUILDKIT (when set) is a boolean: any command fails without it.
 */
function buildkitEnvValid(): boolean {
  const v = process.env.DOCKER_BUILDKIT ?? '';
  if (v === '') return true;
  try {
    parseGoBool(v);
    return true;
  } catch (e) {
    write(process.stderr, `DOCKER_BUILDKIT environment variable expects boolean value: ${(e as Error).message}\n`);
    return false;
  }
}

/** `help CMD` shows the help and nothing else: what runs before a command's flags does not run */
let helpCommand = false;

/**
 * docker's Initialize loads config.json before anything runs (help, --version, a flag error,
 * completion): a file it cannot read is warned about there, once
 */
function startupConfigWarning(argv: string[]): void {
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '--' || !w.startsWith('-') || w === '-') break;
    if (w === '--config') dir = argv[++i];
    else if (w.startsWith('--config=')) dir = w.slice('--config='.length);
    else if (w.startsWith('--') ? !w.includes('=') && globalFlagSpecs.some((f) => f.kind !== 'bool' && f.name === w.slice(2)) : globalFlagSpecs.some((f) => f.kind !== 'bool' && f.short === w[w.length - 1])) i++;
  }
  const file = GoConfigFile.load(configDir(dir));
  const warning = file.warning();
  if (warning) {
    write(process.stderr, warning);
    startupWarnings.add(file.loadError!);
  }
}

/** logrus's levels, as docker's --log-level takes them (any case; empty is the default) */
function logLevelValid(level: unknown): boolean {
  if (typeof level !== 'string' || level === '') return true;
  if (['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace'].includes(level.toLowerCase())) return true;
  write(process.stderr, `Unable to parse logging level: ${level}\n`);
  return false;
}

export async function main(argv: string[]): Promise<number> {
  if (!helpCommand) startupConfigWarning(argv);
  let g;
  const rootNotices: string[] = [];
  try {
    g = parseFlags(argv, globalFlagSpecs, false, (line) => rootNotices.push(line));
  } catch (e) {
    if (e instanceof HelpRequested) {
      // (the root's notice goes to stderr, a command's to stdout: docker's)
      if (e.shorthand) write(process.stderr, SHORTHAND_HELP_NOTICE);
      if (!logLevelValid(e.opts['log-level'])) return 1;
      if (!buildkitEnvValid()) return 1;
      // `--help ps`, `-h image ls`: the help of the command the words name (docker traverses to
      // it), unless the help flag came in a cluster of other shorthands
      const words = e.args;
      const before = argv.slice(0, argv.length - words.length);
      const plain = before.every((a) => !/^-[^-]/.test(a) || /^-[Dvh]+$/.test(a) || !a.includes('h'));
      if (words.length > 0 && plain && (resolve(words) || isGroup(words[0]!))) {
        const rest = before
          .map((a) => (/^-[Dvh]+$/.test(a) ? a.replace(/[hv]/g, '') : a))
          .filter((a) => a !== '-' && !/^--(help|version)(=|$)/.test(a));
        return main([...rest, ...words, '--help']);
      }
      write(process.stdout, rootHelp());
      return 0;
    }
    if (e instanceof FlagError) {
      write(process.stderr, rootNotices.join(''));
      return rootUsageError(e.message);
    }
    throw e;
  }
  if (!logLevelValid(g.opts['log-level'])) return 1;
  if (!buildkitEnvValid()) return 1;
  if (g.opts.version) {
    const build = typeof BERTH_BUILD === 'string' ? BERTH_BUILD : 'dev';
    write(process.stdout, `${PROGRAM} version ${BERTH_VERSION}, build ${build}\n`);
    return 0;
  }
  const globals: GlobalOptions = {
    config: g.opts.config as string | undefined,
    context: g.opts.context as string | undefined,
    debug: g.opts.debug as boolean,
    host: g.opts.host as string[],
    logLevel: g.opts['log-level'] as string,
    tls: g.opts.tls as boolean,
    tlscacert: g.opts.tlscacert as string | undefined,
    tlscert: g.opts.tlscert as string | undefined,
    tlskey: g.opts.tlskey as string | undefined,
    tlsverify: g.opts.tlsverify as boolean,
    tlsverifyChanged: g.changed.has('tlsverify'),
  };
  const words = g.args;
  if (words[0] === '__complete') {
    const { complete } = await import('./complete.js');
    const r = await complete(words.slice(1));
    write(process.stdout, r.stdout);
    write(process.stderr, r.stderr);
    return 0;
  }
  if (words.length === 0) {
    // no command: docker shows the help on stderr
    write(process.stderr, rootHelp());
    return 0;
  }
  if (words[0] === 'help') return helpTopic(words.slice(1));
  const withFlags = groupOf(words[0]!);
  if (withFlags && (withFlags.flags || withFlags.apiVersion || withFlags.use)) {
    // cobra's Find: the verb is the first word that is not a flag (nor a flag's value)
    const at = findGroupVerb(withFlags, words);
    if (at < 0) return runGroup(withFlags, words.slice(1), globals);
    // the flags before the verb are the group's, parsed by it (an error is only its message);
    // a help flag among them is the verb's help
    const before = words.slice(1, at);
    words.splice(1, at - 1);
    try {
      parseNoting(before, withFlags.flags ?? []);
    } catch (e) {
      // (its -h notice already printed)
      if (e instanceof HelpRequested) words.push('--help');
      else if (e instanceof FlagError) {
        write(process.stderr, `${e.message}\n`);
        return 1;
      } else throw e;
    }
  }
  const found = resolve(words);
  if (!found || (isGroup(words[0]!) && found.path.length === 1)) {
    if (isGroup(words[0]!)) {
      // docker's processBuilder runs for `builder` itself too: its notice, or its error
      if (words[0] === 'builder' && !helpCommand) {
        const status = await builderNotice(globals);
        if (status !== 0) return status;
      }
      const sub = words[1];
      if (sub === '-h') write(process.stdout, SHORTHAND_HELP_NOTICE);
      if (sub === undefined || sub === '--help' || sub === '-h') {
        // a group run bare shows its help as cobra's ShowHelp does: on stderr
        write(sub === undefined ? process.stderr : process.stdout, groupHelp(words[0]!));
        return 0;
      }
      write(process.stderr, `${PROGRAM}: unknown command: ${PROGRAM} ${words[0]} ${sub}\n\nUsage:  ${PROGRAM} ${words[0]}\n\nRun '${PROGRAM} ${words[0]} --help' for more information\n`);
      return 1;
    }
    write(process.stderr, `${PROGRAM}: unknown command: ${PROGRAM} ${words[0]}\n\nRun '${PROGRAM} --help' for more information\n`);
    return 1;
  }
  // an alias inside a group is the same cobra command: messages name it canonically
  if (found.path.length === 2 && found.path[0] === found.entry.path[0]) found.path = found.entry.path;
  const cli = new Cli(globals);
  // the command's code starts loading first (file reads run off the main thread), then the
  // version negotiation (GET /_ping) is sent while it loads
  const loading = found.entry.load();
  loading.catch(() => undefined);
  cli.warmUp();
  try {
    return await runLeaf(cli, found, loading);
  } finally {
    cli.close();
  }
}

/**
 * docker's `help [command]`: its own flags (-h/--help only), then the words name a command;
 * words left over, or a name that is no command, are "unknown help topic: WORDS" (exit 1)
 */
async function helpTopic(argv: string[]): Promise<number> {
  let target: string[];
  try {
    target = parseFlags(argv, []).args;
  } catch (e) {
    if (e instanceof HelpRequested) {
      if (e.shorthand) write(process.stdout, SHORTHAND_HELP_NOTICE);
      write(process.stdout, `Usage:  ${PROGRAM} help [command]\n\nHelp about the command\n`);
      return 0;
    }
    if (e instanceof FlagError) {
      write(process.stderr, `${e.message}\n\nUsage:  ${PROGRAM} help [command]\n\nRun '${PROGRAM} help --help' for more information\n`);
      return 125;
    }
    throw e;
  }
  const unknown = (words: string[]): number => {
    write(process.stderr, `unknown help topic: ${words.join(' ')}\n`);
    return 1;
  };
  if (target.length === 0) {
    write(process.stdout, rootHelp());
    return 0;
  }
  if (target[0] === 'help') {
    if (target.length > 1) return unknown(target.slice(1));
    write(process.stdout, `Usage:  ${PROGRAM} help [command]\n\nHelp about the command\n`);
    return 0;
  }
  const found = resolve(target);
  if (!found) {
    if (!isGroup(target[0]!)) return unknown(target);
    if (target.length > 1) return unknown(target.slice(1));
    write(process.stdout, groupHelp(target[0]!));
    return 0;
  }
  if (found.rest.length > 0) return unknown(found.rest);
  helpCommand = true;
  return main([...target, '--help']);
}

/**
 * parseFlags with pflag's notices (deprecated flags, -h): cobra prints them (on stdout,
 * docker's Out) once the whole line parsed, help included, and not at all on a flag error
 */
function parseNoting(argv: string[], flags: FlagSpec[], interspersed = true): ReturnType<typeof parseFlags> {
  const notices: string[] = [];
  const flush = (): void => {
    if (notices.length > 0) write(process.stdout, notices.join(''));
  };
  try {
    const parsed = parseFlags(argv, flags, interspersed, (line) => notices.push(line));
    flush();
    return parsed;
  } catch (e) {
    if (e instanceof HelpRequested) flush();
    throw e;
  }
}

/** docker's check of the group's "version" annotation: its message, or '' (no engine: no check) */
async function groupVersionError(group: GroupEntry, path: string, cli: Cli): Promise<string> {
  if (!group.apiVersion) return '';
  let current: string;
  try {
    current = await cli.api().apiVersion();
  } catch {
    return '';
  }
  return versionLess(current, group.apiVersion) ? `${PROGRAM} ${path} requires API version ${group.apiVersion}, but the Docker daemon API version is ${current}` : '';
}

/** a group that is a cobra command of its own (flags, a Use, annotations): run with no verb */
async function runGroup(group: GroupEntry, rest: string[], globals: GlobalOptions): Promise<number> {
  const usage = `Usage:  ${PROGRAM} ${group.name}${group.use ? ` ${group.use}` : ''}`;
  let parsed;
  let help = helpCommand;
  let flagError: FlagError | undefined;
  try {
    parsed = parseNoting(rest, group.flags ?? []);
  } catch (e) {
    if (e instanceof FlagError) flagError = e;
    else if (e instanceof HelpRequested) help = true;
    else throw e;
  }
  // the group's annotations first, for a flag error or an unknown verb too
  const cli = new Cli(globals);
  try {
    const err = await groupVersionError(group, group.name, cli);
    if (err) {
      write(process.stderr, `${err}\n`);
      return help ? 0 : 1;
    }
  } finally {
    cli.close();
  }
  if (flagError) {
    write(process.stderr, `${flagError.message}\n\n${usage}\n\nRun '${PROGRAM} ${group.name} --help' for more information\n`);
    return 125;
  }
  if (!help && parsed && parsed.args.length > 0) {
    write(process.stderr, `${PROGRAM}: unknown command: ${PROGRAM} ${group.name} ${parsed.args[0]}\n\n${usage}\n\nRun '${PROGRAM} ${group.name} --help' for more information\n`);
    return 1;
  }
  // a group run bare shows its help as cobra's ShowHelp does: on stderr
  write(help ? process.stdout : process.stderr, groupHelp(group.name));
  return 0;
}

async function builderNotice(globals: GlobalOptions): Promise<number> {
  const cli = new Cli(globals);
  try {
    await selectClassicBuilder(cli);
    return 0;
  } catch (e) {
    const { text, status } = renderError(e);
    if (text !== '') write(process.stderr, `${text}\n`);
    return status;
  } finally {
    cli.close();
  }
}

async function runLeaf(cli: Cli, found: NonNullable<ReturnType<typeof resolve>>, loading: Promise<CommandModule>): Promise<number> {
  const mod = await loading;
  const spec = mod.spec;
  const cmdName = `${PROGRAM} ${found.path.join(' ')}`;
  if (mod.beforeParse && !helpCommand) {
    // what docker decides before a command parses its flags (build: the builder's notices)
    try {
      await mod.beforeParse(cli);
    } catch (e) {
      const { text, status } = renderError(e);
      if (text !== '') write(process.stderr, `${text}\n`);
      return status;
    }
  }
  let parsed;
  const group = found.entry.path.length === 2 ? groupOf(found.entry.path[0]!) : undefined;
  try {
    // (cobra prints pflag's notices, deprecated flags and -h, only when the whole line parsed)
    parsed = parseNoting(found.rest, group?.flags ? [...spec.flags, ...group.flags] : spec.flags, spec.interspersed !== false);
  } catch (e) {
    if (e instanceof HelpRequested) {
      // (the stack group's help runs the root's checks first: their error instead of the help)
      const groupErr = group ? await groupVersionError(group, found.path.join(' '), cli) : '';
      if (groupErr) {
        write(process.stderr, `${groupErr}\n`);
        return 0;
      }
      const facts = mod.helpFlags || spec.apiVersion ? await engineFacts(cli) : {};
      // docker's help of a command the engine's API is too old for is this one line
      if (spec.apiVersion && facts.apiVersion && versionLess(facts.apiVersion, spec.apiVersion)) {
        write(process.stdout, `${cmdName} requires API version ${spec.apiVersion}, but the Docker daemon API version is ${facts.apiVersion}\n`);
        return 0;
      }
      const flags = mod.helpFlags ? mod.helpFlags(facts) : spec.flags;
      write(process.stdout, commandHelp(found.entry, found.path, spec, flags));
      return 0;
    }
    if (e instanceof FlagError) {
      // (docker's flag error function checks the group's annotations first)
      const groupErr = group ? await groupVersionError(group, found.path.join(' '), cli) : '';
      if (groupErr) {
        write(process.stderr, `${groupErr}\n`);
        return 1;
      }
      write(process.stderr, `${e.message}\n\nUsage:  ${useLine(found.path, spec)}\n\nRun '${cmdName} --help' for more information\n`);
      return 125;
    }
    throw e;
  }
  // the group's annotations are checked before the arguments are counted
  const groupErr = group ? await groupVersionError(group, found.path.join(' '), cli) : '';
  if (groupErr) {
    write(process.stderr, `${groupErr}\n`);
    return 1;
  }
  const argErr = argCountError(found.path, spec, parsed.args.length);
  if (argErr) {
    write(process.stderr, `${argErr}\n`);
    return 1;
  }
  try {
    const code = await mod.run(cli, { opts: parsed.opts, changed: parsed.changed, args: parsed.args, path: found.path });
    return code ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      write(process.stderr, `${e.message}\n\nUsage:  ${useLine(found.path, spec)}\n\nRun '${cmdName} --help' for more information\n`);
      return e.status;
    }
    const { text, status } = renderError(e);
    if (text !== '') write(process.stderr, `${text}\n`);
    return status;
  }
}
