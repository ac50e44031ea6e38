// `berth __complete WORDS...`: cobra's completion protocol, as docker answers it — one
// "candidate<TAB>description" line each, then ":DIRECTIVE", and on stderr the directive's
// name. The shell scripts in completions/ call it.
import { groupVerbs, groups, isGroup, resolve, shortOf, topLevel } from './registry.js';
import { globalFlagSpecs } from './help.js';
import type { FlagSpec } from './flags.js';
import { Cli } from './cli.js';
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
};

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

function firstLine(s: string): string {
  return s.split('\n')[0]!;
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

export async function complete(words: string[]): Promise<Completion> {
  const current = words.length ? words[words.length - 1]! : '';
  // the global --context flag's value: the context names (docker's global flag completion)
  const prev = words.length >= 2 ? words[words.length - 2] : undefined;
  if (((prev === '--context' || prev === '-c') && words.slice(0, -2).every((w) => w.startsWith('-'))) || (/^(--context|-c)=/.test(current) && words.slice(0, -1).every((w) => w.startsWith('-')))) {
    const { contextNames } = await import('./complete-contexts.js');
    return { stdout: `${contextNames().map((n) => `${n}\n`).join('')}:${NO_FILE}\n`, stderr: `Completion ended with directive: ${DIRECTIVE_NAMES[NO_FILE]}\n` };
  }
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
  } else if (before.length === 1 && isGroup(before[0]!) && !current.startsWith('-')) {
    out = groupVerbs(before[0]!)
      .map((v) => `${v.name}\t${v.entry.short}`)
      .sort();
  } else {
    const found = resolve(before);
    if (found) {
      const mod = await found.entry.load();
      if (current.startsWith('-')) {
        // completion offers every flag, even those help hides for this engine
        out = flagCandidates(mod.helpFlags ? mod.helpFlags({}) : mod.spec.flags, current);
      } else if (mod.spec.noArgsCompletion) {
        directive = DEFAULT;
      } else if (mod.spec.dirArgsCompletion) {
        directive = FILTER_DIRS;
      } else if (found.entry.path[0] === 'container' && CONTAINER_COMPLETION[found.entry.path[1]!]) {
        const rule = CONTAINER_COMPLETION[found.entry.path[1]!]!;
        try {
          const cli = new Cli({ debug: false, host: [], tls: false, tlsverify: false, tlsverifyChanged: false });
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
        ({ out, directive } = completeContexts(found.entry.path[1]!, words.slice(0, -1), found.path, mod.spec.flags));
        // cobra hands a completion function's names over as they are: not narrowed by prefix
        unfiltered = true;
      } else if (found.entry.path[0] === 'network' || found.entry.path[0] === 'volume' || found.entry.path[0] === 'image') {
        const { completeObjects, positionalWords } = await import('./complete-objects.js');
        out = (await completeObjects(found.entry.path, positionalWords(words.slice(0, -1), found.path, mod.spec.flags))) ?? [];
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
