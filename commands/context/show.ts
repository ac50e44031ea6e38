import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { currentContext } from '../../src/config/contextstore.js';

export const spec: CommandModule['spec'] = {
  use: '',
  short: 'Print the name of the current context',
  args: { kind: 'none' },
  flags: [],
};

export const run: CommandModule['run'] = async (cli) => {
  cli.out.write(`${currentContext(cli)}\n`);
};
