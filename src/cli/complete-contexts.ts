// docker's completion of context names (completeContextNames): every stored context and
// "default", those already given left out, the current one described as "current".
import { Cli, type GlobalOptions } from './cli.js';
import type { FlagSpec } from './flags.js';
import { positionalWords } from './complete-objects.js';
import { contextStore, currentContext } from '../config/contextstore.js';

const NO_GLOBALS: GlobalOptions = { debug: false, host: [], tls: false, tlsverify: false, tlsverifyChanged: false };

const NO_FILE = 4;
const DEFAULT = 0;

/** per verb: how many names it takes (-1: any) and whether files follow; absent: no completion */
const RULES: Record<string, { limit: number; files: boolean } | 'files'> = {
  export: { limit: 1, files: true },
  import: 'files',
  inspect: { limit: -1, files: false },
  rm: { limit: -1, files: false },
  update: { limit: 1, files: false },
  use: { limit: 1, files: false },
};

export function completeContexts(verb: string, words: string[], path: string[], flags: FlagSpec[], globals: GlobalOptions = NO_GLOBALS): { out: string[]; directive: number } {
  const rule = RULES[verb];
  if (rule === undefined) return { out: [], directive: NO_FILE };
  if (rule === 'files') return { out: [], directive: DEFAULT };
  const args = positionalWords(words, path, flags);
  if (rule.limit > 0 && args.length >= rule.limit) return { out: [], directive: rule.files ? DEFAULT : NO_FILE };
  const cli = new Cli(globals);
  let names: string[] = [];
  try {
    names = contextStore(cli).names();
  } catch {
    // docker ignores the store's errors here
  }
  const current = currentContext(cli);
  return { out: names.filter((n) => !args.includes(n)).map((n) => (n === current ? `${n}\tcurrent` : n)), directive: NO_FILE };
}

/** every context name, for the global --context flag */
export function contextNames(globals: GlobalOptions = NO_GLOBALS): string[] {
  try {
    return contextStore(new Cli(globals)).names();
  } catch {
    return [];
  }
}
