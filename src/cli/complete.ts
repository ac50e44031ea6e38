import './core.js';
// `berth __complete WORDS...`: the candidates for the last word, one per line, then cobra's
// ":DIRECTIVE" line (4 = no file completion). The shell scripts in completions/ call it.
import { commands, groupCommands, groups, isGroup, resolve, topLevel } from './registry.js';
import { globalFlagSpecs } from './help.js';
import { Cli } from './cli.js';
import { listContainers } from '../engine/containers.js';

const NO_FILE = 4;

export async function complete(words: string[]): Promise<string> {
  const current = words.length ? words[words.length - 1]! : '';
  const before = words.slice(0, -1).filter((w) => !w.startsWith('-'));
  let out: string[] = [];
  if (before.length === 0) {
    if (current.startsWith('-')) out = globalFlagSpecs.flatMap((f) => [`--${f.name}`]);
    else out = [...new Set(topLevel.map((t) => t.name))];
  } else if (before.length === 1 && isGroup(before[0]!)) {
    out = groupCommands(before[0]!).flatMap((e) => [e.path[1]!, ...e.aliases.filter((a) => a[0] === before[0]).map((a) => a[1]!)]);
  } else {
    const found = resolve(before);
    if (found) {
      const mod = await found.entry.load();
      if (current.startsWith('-')) {
        out = mod.spec.flags.filter((f) => !f.hidden && !f.deprecated).map((f) => `--${f.name}`);
      } else if (found.entry.path[0] === 'container' && found.entry.path[1] !== 'ls' && found.entry.path[1] !== 'run' && found.entry.path[1] !== 'create') {
        try {
          const cli = new Cli({ debug: false, host: [], tls: false, tlsverify: false, tlsverifyChanged: false });
          const list = await listContainers(cli.api(), { all: true });
          cli.close();
          out = list.flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
        } catch {
          out = [];
        }
      }
    }
  }
  void commands;
  void groups;
  return `${out.filter((c) => c.startsWith(current)).join('\n')}${out.length ? '\n' : ''}:${NO_FILE}\n`;
}
