import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { topContainer } from '../../src/engine/containers.js';
import { TabWriter } from '../../src/format/tabwriter.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  args: { kind: 'min', n: 1 },
  flags: [],
  interspersed: false,
};

export const run: CommandModule['run'] = async (cli, { args }) => {
  const top = await topContainer(cli.api(), args[0]!, args.slice(1).join(' '));
  const w = new TabWriter({ minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' });
  w.write(`${top.Titles.join('\t')}\n`);
  for (const p of top.Processes ?? []) w.write(`${p.join('\t')}\n`);
  cli.out.write(w.flush());
};
