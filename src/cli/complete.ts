// `berth __complete WORDS...`: cobra's completion protocol, as docker answers it — one
// "candidate<TAB>description" line each, then ":DIRECTIVE", and on stderr the directive's
// name. The shell scripts in completions/ call it.
import { groupCommands, groups, isGroup, resolve, shortOf, topLevel } from './registry.js';
import { globalFlagSpecs } from './help.js';
import type { FlagSpec } from './flags.js';
import { Cli } from './cli.js';
import { listContainers } from '../engine/containers.js';

const NO_FILE = 4;
const DEFAULT = 0;
const FILTER_DIRS = 16;
const DIRECTIVE_NAMES: Record<number, string> = {
  [NO_FILE]: 'ShellCompDirectiveNoFileComp',
  [DEFAULT]: 'ShellCompDirectiveDefault',
  [FILTER_DIRS]: 'ShellCompDirectiveFilterDirs',
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
    out = groupCommands(before[0]!)
      .map((e) => `${e.path[1]!}\t${e.short}`)
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
      } else if (found.entry.path[0] === 'container' && !['ls', 'run', 'create'].includes(found.entry.path[1]!)) {
        try {
          const cli = new Cli({ debug: false, host: [], tls: false, tlsverify: false, tlsverifyChanged: false });
          // commit offers the running containers only (docker's ContainerNames(cli, false))
          const list = await listContainers(cli.api(), { all: found.entry.path[1] !== 'commit' });
          cli.close();
          out = list.flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
        } catch {
          out = [];
        }
      } else if (found.entry.path[0] === 'network' || found.entry.path[0] === 'volume' || found.entry.path[0] === 'image') {
        const { completeObjects, positionalWords } = await import('./complete-objects.js');
        out = (await completeObjects(found.entry.path, positionalWords(words.slice(0, -1), found.path, mod.spec.flags))) ?? [];
        // cobra hands a completion function's names over as they are (images: not narrowed by prefix)
        unfiltered = found.entry.path[0] === 'image';
      }
    }
  }
  const lines = unfiltered ? out : out.filter((c) => c.startsWith(current));
  return {
    stdout: `${lines.map((l) => `${l}\n`).join('')}:${directive}\n`,
    stderr: `Completion ended with directive: ${DIRECTIVE_NAMES[directive]}\n`,
  };
}
