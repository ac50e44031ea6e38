// `berth __complete WORDS...`: cobra's completion protocol, as docker answers it — one
// "candidate<TAB>description" line each, then ":DIRECTIVE", and on stderr the directive's
// name. The shell scripts in completions/ call it.
import { groupOf, groupVerbs, groups, isGroup, resolve, shortOf, topLevel } from './registry.js';
import { globalFlagSpecs } from './help.js';
import { FlagError, parseFlags, type FlagSpec } from './flags.js';
import { Cli, type GlobalOptions } from './cli.js';
import { listContainers } from '../engine/containers.js';

const NO_FILE = 4;
const DEFAULT = 0;
const ERROR = 1;
const FILTER_DIRS = 16;
const DIRECTIVE_NAMES: Record<number, string> = {
  [ERROR]: 'ShellCompDirectiveError',
  [NO_FILE]: 'ShellCompDirectiveNoFileComp',
  [DEFAULT]: 'ShellCompDirectiveDefault',
  [FILTER_DIRS]: 'ShellCompDirectiveFilterDirs',
  2: 'ShellCompDirectiveNoSpace',
  6: 'ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp',
};

/**
 * the groups whose verbs, without flagValues in their spec, register completion.NoComplete
 * for every flag; elsewhere a flag with no completion function gets the shell's default
 */
const NO_COMPLETE_FLAG_GROUPS = new Set(['node', 'service']);

/** the value-taking flag whose value the last word is (`--role x`, `--role=x`, `-f x`), if any */
function pendingFlagValue(words: string[], flags: FlagSpec[]): string | undefined {
  const cur = words[words.length - 1] ?? '';
  // (a flag in the word itself, `--restart=o` or `-s=K`, bool ones too: cobra completes its value)
  if (valueInWord(cur)) return flagInWord(cur, flags).flag?.name;
  const prev = words[words.length - 2] ?? '';
  if (prev.startsWith('--') && !prev.includes('=')) return flags.find((f) => f.name === prev.slice(2) && f.kind !== 'bool')?.name;
  // shorthands: cobra looks at the word's last letter alone (`-n`, `-fn`, even `-qZn`)
  if (/^-[^-=]+$/.test(prev)) return flags.find((f) => f.short === prev[prev.length - 1] && f.kind !== 'bool')?.name;
  return undefined;
}

/**
 * cobra's ParseFlags over the words after the command path (the word being completed left out,
 * and the flag whose value it is): its error as cobra words it, or undefined
 */
function flagParseError(words: string[], path: string[], flags: FlagSpec[], interspersed: boolean): { error?: string; opts: Record<string, unknown>; flagCompletion: boolean } {
  const typed = words.slice(0, -1);
  let i = 0;
  for (const p of path) {
    while (i < typed.length && typed[i] !== p) i++;
    i++;
  }
  let args = typed.slice(i);
  const cur = words[words.length - 1] ?? '';
  if (!valueInWord(cur) && args.length > 0 && pendingFlagValue([...args, cur], flags) !== undefined) args = args.slice(0, -1);
  try {
    // cobra's test: a "--" appended counts as an argument once "--" was typed, or once the
    // first argument of a command that stops at it: then no flag (or flag value) is completed
    const real = parseFlags(args, flags, interspersed);
    const more = parseFlags([...args, '--'], flags, interspersed);
    return { opts: real.opts, flagCompletion: more.args.length <= real.args.length };
  } catch (e) {
    if (e instanceof FlagError) return { error: `Error while parsing flags from args [${args.join(' ')}]: ${e.message}`, opts: {}, flagCompletion: true };
  }
  return { opts: {}, flagCompletion: true };
}

/** a flag with its value in the same word (`--restart=o`, `-s=K`) */
function valueInWord(cur: string): boolean {
  return cur.startsWith('-') && cur.includes('=');
}

/** the flag named in `--name=value` or `-xs=value` (cobra takes the letter before the "=") */
function flagInWord(cur: string, flags: FlagSpec[]): { name: string; flag?: FlagSpec } {
  const eq = cur.indexOf('=');
  if (cur.startsWith('--')) {
    const name = cur.slice(2, eq);
    return { name, flag: flags.find((f) => f.name === name) };
  }
  const name = cur.slice(Math.max(eq - 1, 0), eq);
  return { name, flag: name === '' ? undefined : flags.find((f) => f.short === name) };
}

type Summary = { State: string };
/**
 * docker's container-name completion per verb (completion.ContainerNames(cli, all, filter)):
 * whether stopped containers are listed, and which states are offered
 */
const CONTAINER_COMPLETION: Record<string, { all: boolean; keep?: (c: Summary, words: string[]) => boolean }> = {
  attach: { all: false, keep: (c) => c.State !== 'paused' },
  commit: { all: false },
  diff: { all: false },
  exec: { all: false, keep: (c) => c.State !== 'paused' },
  export: { all: true },
  inspect: { all: true },
  kill: { all: false },
  logs: { all: true },
  pause: { all: false, keep: (c) => c.State !== 'paused' },
  port: { all: false },
  rename: { all: true },
  restart: { all: true },
  rm: { all: true, keep: (c, w) => w.some((x) => /^(-f|--force|--force=true|-[a-z]*f[a-z]*)$/.test(x)) || c.State === 'exited' || c.State === 'created' },
  start: { all: true, keep: (c) => c.State === 'exited' || c.State === 'created' },
  stats: { all: false },
  stop: { all: false },
  top: { all: false },
  unpause: { all: false, keep: (c) => c.State === 'paused' },
  update: { all: true },
  wait: { all: false },
};

/** the description's first line, trimmed as cobra trims each completion (TrimSpace) */
function firstLine(s: string): string {
  return s.split('\n')[0]!.trimEnd();
}

function flagCandidates(flags: FlagSpec[], current: string): string[] {
  const out: string[] = [];
  for (const f of flags) {
    if (f.hidden || f.deprecated) continue;
    out.push(`--${f.name}\t${firstLine(f.usage)}`);
    // shorthands are offered when the word is a lone dash, as cobra does
    if (f.short && current === '-') out.push(`-${f.short}\t${firstLine(f.usage)}`);
  }
  return out;
}

export interface Completion {
  stdout: string;
  stderr: string;
}

/** the log levels docker's --log-level completes with */
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal', 'panic'];

/**
 * The global flags before the command words, read as docker's root command reads them: the
 * options they set (completion lists come from the engine -H or --context names), where the
 * command words start, and the flag whose value the last word is, if it is one.
 */
function leadingGlobals(words: string[]): { globals: GlobalOptions; start: number; valueFlag?: string; value?: string } {
  const globals: GlobalOptions = { debug: false, host: [], tls: false, tlsverify: false, tlsverifyChanged: false };
  const byShort = new Map(globalFlagSpecs.filter((f) => f.short).map((f) => [f.short!, f]));
  const byName = new Map(globalFlagSpecs.map((f) => [f.name, f]));
  const set = (f: FlagSpec, v: string): void => {
    switch (f.name) {
      case 'host':
        globals.host.push(v);
        break;
      case 'config':
        globals.config = v;
        break;
      case 'context':
        globals.context = v;
        break;
      case 'log-level':
        globals.logLevel = v;
        break;
      case 'tlscacert':
      case 'tlscert':
      case 'tlskey':
        globals[f.name] = v;
        break;
      case 'tls':
        globals.tls = v !== 'false';
        break;
      case 'tlsverify':
        globals.tlsverify = v !== 'false';
        globals.tlsverifyChanged = true;
        break;
      case 'debug':
        globals.debug = v !== 'false';
        break;
    }
  };
  const last = words.length - 1;
  let i = 0;
  while (i < last) {
    const w = words[i]!;
    if (!w.startsWith('-') || w === '-' || w === '--') break;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const f = byName.get(eq < 0 ? w.slice(2) : w.slice(2, eq));
      if (f && eq >= 0) set(f, w.slice(eq + 1));
      else if (f && f.kind !== 'bool') {
        if (i + 1 === last) return { globals, start: last, valueFlag: f.name, value: words[last]! };
        set(f, words[i + 1]!);
        i++;
      } else if (f) set(f, 'true');
      i++;
      continue;
    }
    // a cluster of shorthands: a value flag takes the rest of the word, or the next one
    let j = 1;
    for (; j < w.length; j++) {
      const f = byShort.get(w[j]!);
      if (!f || f.kind === 'bool') {
        if (f) set(f, 'true');
        continue;
      }
      const rest = w.slice(j + 1);
      if (rest !== '') set(f, rest.startsWith('=') ? rest.slice(1) : rest);
      else if (i + 1 === last) return { globals, start: last, valueFlag: f.name, value: words[last]! };
      else {
        set(f, words[i + 1]!);
        i++;
      }
      break;
    }
    i++;
  }
  // the value written into the last word itself: --log-level=d, -l=d, -ld
  const cur = words[last] ?? '';
  if (i === last && cur.startsWith('-') && cur !== '-' && cur !== '--') {
    const long = /^--([^=]+)=(.*)$/.exec(cur);
    if (long && byName.get(long[1]!) && byName.get(long[1]!)!.kind !== 'bool') return { globals, start: last, valueFlag: long[1]!, value: long[2]! };
    // (cobra completes a shorthand's value in the same word only after "=": -l=d, -Dl=d)
    if (!cur.startsWith('--')) {
      for (let j = 1; j < cur.length; j++) {
        const f = byShort.get(cur[j]!);
        if (f?.kind === 'bool') continue;
        if (f && cur[j + 1] === '=') return { globals, start: last, valueFlag: f.name, value: cur.slice(j + 2) };
        break;
      }
    }
  }
  return { globals, start: Math.min(i, Math.max(last, 0)) };
}

export async function complete(allWords: string[]): Promise<Completion> {
  const lead = leadingGlobals(allWords);
  const { globals } = lead;
  if (lead.valueFlag !== undefined) {
    // a global flag's value: context names, the log levels, or the shell's file completion
    if (lead.valueFlag === 'context') {
      const { contextNames } = await import('./complete-contexts.js');
      return { stdout: `${contextNames(globals).map((n) => `${n}\n`).join('')}:${NO_FILE}\n`, stderr: `Completion ended with directive: ${DIRECTIVE_NAMES[NO_FILE]}\n` };
    }
    if (lead.valueFlag === 'log-level') return { stdout: `${LOG_LEVELS.map((n) => `${n}\n`).join('')}:${NO_FILE}\n`, stderr: `Completion ended with directive: ${DIRECTIVE_NAMES[NO_FILE]}\n` };
    return { stdout: `:${DEFAULT}\n`, stderr: `Completion ended with directive: ${DIRECTIVE_NAMES[DEFAULT]}\n` };
  }
  // a lone "-" or "--" where the command should be: no command, the shell's own completion
  if (lead.start < allWords.length - 1 && (allWords[lead.start] === '-' || allWords[lead.start] === '--')) {
    return { stdout: `:${DEFAULT}\n`, stderr: `Completion ended with directive: ${DIRECTIVE_NAMES[DEFAULT]}\n` };
  }
  // the command's own words, after the global flags
  const words = allWords.slice(lead.start);
  const current = words.length ? words[words.length - 1]! : '';
  const before = words.slice(0, -1).filter((w) => !w.startsWith('-'));
  let out: string[] = [];
  let directive = NO_FILE;
  let unfiltered = false;
  if (before.length === 0) {
    if (current.startsWith('-')) out = flagCandidates(globalFlagSpecs, current);
    else {
      const names = [...new Set([...topLevel.map((t) => t.name), ...groups.map((g) => g.name)])].sort();
      out = names.map((n) => `${n}\t${shortOf(n) ?? ''}`);
    }
  } else if (before.length === 1 && groupOf(before[0]!)?.flags && pendingFlagValue(words, groupOf(before[0]!)!.flags!) !== undefined) {
    // the value of a group's own flag (stack --orchestrator): no completion function, the shell's
    directive = DEFAULT;
  } else if (before.length === 1 && isGroup(before[0]!) && !current.startsWith('-')) {
    out = groupVerbs(before[0]!)
      .map((v) => `${v.name}\t${v.entry.short}`)
      .sort();
  } else {
    const found = resolve(before);
    if (found) {
      const mod = await found.entry.load();
      const group = found.entry.path[0]!;
      // (the group's persistent flags are the verb's too: stack's hidden --orchestrator)
      const groupFlags = found.entry.path.length === 2 ? (groupOf(group)?.flags ?? []) : [];
      const valueFlag = pendingFlagValue(words, [...mod.spec.flags, ...groupFlags]);
      // cobra parses the words typed so far (a flag awaiting the value being completed left
      // out): a flag it does not know, or a bad value, ends completion with the shell's default
      const parsed = flagParseError(words, found.path, [...mod.spec.flags, ...groupFlags], mod.spec.interspersed !== false);
      const parseError = parsed.error;
      if (parseError !== undefined) {
        return { stdout: `:${DEFAULT}\n`, stderr: `[Debug] [Error] ${parseError}\nCompletion ended with directive: ${DIRECTIVE_NAMES[DEFAULT]}\n` };
      }
      // a flag cobra does not know in `--name=` or `-x=`: its error, unless flags are over
      if (parsed.flagCompletion && valueInWord(current) && !flagInWord(current, [...mod.spec.flags, ...groupFlags]).flag) {
        const name = found.path.length === 1 ? found.path[0]! : found.entry.path[found.entry.path.length - 1]!;
        const msg = `Subcommand '${name}' does not support flag '${flagInWord(current, mod.spec.flags).name}'`;
        return { stdout: `:${DEFAULT}\n`, stderr: `[Debug] [Error] ${msg}\nCompletion ended with directive: ${DIRECTIVE_NAMES[DEFAULT]}\n` };
      }
      const swarmObjects = group === 'node' || group === 'service' || group === 'secret' || group === 'config' || group === 'stack';
      if (valueFlag !== undefined && parsed.flagCompletion) {
        // (no flagValues: docker's NoComplete on every flag, as most node and service verbs
        // register, or no completion function at all: the shell's default)
        const fv = mod.spec.flagValues ?? (NO_COMPLETE_FLAG_GROUPS.has(group) ? { '*': [] } : {});
        const values = fv[valueFlag] ?? fv['*'];
        if (values === undefined) directive = DEFAULT;
        else if (values.length === 1 && values[0]!.startsWith('<')) {
          // the word typed so far, as the completion function sees it (after the "=" of `--flag=`)
          const value = valueInWord(current) ? current.slice(current.indexOf('=') + 1) : current;
          const { completeVerbFlag } = await import('./complete-flags.js');
          const own = await completeVerbFlag(values[0]!, { value, opts: parsed.opts }, globals);
          if (own) ({ out, directive } = own);
          else {
            const { completeFlagSource } = await import('./complete-objects.js');
            ({ out, directive } = await completeFlagSource(values[0]!, globals));
          }
        } else out = values;
        // cobra hands a completion function's names over as they are: not narrowed by prefix
        unfiltered = true;
      } else if (current.startsWith('-') && parsed.flagCompletion) {
        // completion offers every flag, even those help hides for this engine
        out = flagCandidates(mod.helpFlags ? mod.helpFlags({}) : mod.spec.flags, current);
      } else if (mod.spec.noArgsCompletion) {
        directive = DEFAULT;
      } else if (mod.spec.dirArgsCompletion) {
        directive = FILTER_DIRS;
      } else if (found.entry.path[0] === 'container' && (found.entry.path[1] === 'run' || found.entry.path[1] === 'create')) {
        // completion.ImageNames: run's first argument only (limit 1), create's every one (-1)
        const { positionalWords, completeFlagSource } = await import('./complete-objects.js');
        const args = positionalWords(words.slice(0, -1), found.path, mod.spec.flags);
        if (found.entry.path[1] === 'create' || args.length < 1) ({ out, directive } = await completeFlagSource('<images>', globals));
        // cobra hands a completion function's names over as they are: not narrowed by prefix
        unfiltered = true;
      } else if (found.entry.path[0] === 'container' && CONTAINER_COMPLETION[found.entry.path[1]!]) {
        const rule = CONTAINER_COMPLETION[found.entry.path[1]!]!;
        try {
          const cli = new Cli(globals);
          const list = await listContainers(cli.api(), { all: rule.all });
          cli.close();
          const showIds = process.env.DOCKER_COMPLETION_SHOW_CONTAINER_IDS === 'yes';
          // cobra hands a completion function's names over as they are: not narrowed by prefix
          unfiltered = true;
          out = list
            .filter((c) => !rule.keep || rule.keep(c, words.slice(0, -1)))
            .flatMap((c) => [...(showIds ? [c.Id] : []), ...c.Names.map((n) => n.replace(/^\//, ''))]);
        } catch {
          out = [];
          directive = ERROR;
        }
      } else if (found.entry.path[0] === 'context') {
        const { completeContexts } = await import('./complete-contexts.js');
        ({ out, directive } = completeContexts(found.entry.path[1]!, words.slice(0, -1), found.path, mod.spec.flags, globals));
        // cobra hands a completion function's names over as they are: not narrowed by prefix
        unfiltered = true;
      } else if (swarmObjects) {
        const { completeSwarmObjects } = await import('./complete-objects.js');
        const r = await completeSwarmObjects(found.entry.path, globals);
        if (r) ({ out, directive } = r);
        // cobra hands a completion function's names over as they are: not narrowed by prefix
        unfiltered = true;
      } else if (found.entry.path[0] === 'network' || found.entry.path[0] === 'volume' || found.entry.path[0] === 'image') {
        const { completeObjects, positionalWords } = await import('./complete-objects.js');
        out = (await completeObjects(found.entry.path, positionalWords(words.slice(0, -1), found.path, mod.spec.flags), globals)) ?? [];
        // cobra hands a completion function's names over as they are: not narrowed by prefix
        unfiltered = true;
      }
    }
  }
  const lines = unfiltered ? out : out.filter((c) => c.startsWith(current));
  return {
    stdout: `${lines.map((l) => `${l}\n`).join('')}:${directive}\n`,
    stderr: `Completion ended with directive: ${DIRECTIVE_NAMES[directive]}\n`,
  };
}
