import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { PromptCancelled, readInput, withEchoDisabled } from '../../src/cli/readinput.js';
import { engineInfo } from '../../src/engine/system.js';
import { unlockSwarm } from '../../src/engine/swarm.js';

export const spec: CommandModule['spec'] = {
  use: '',
  short: 'Unlock swarm',
  args: { kind: 'none' },
  flags: [],
};

export const run: CommandModule['run'] = async (cli) => {
  const api = cli.api();
  const info = await engineInfo(api);
  switch (info.Swarm?.LocalNodeState) {
    case 'inactive':
      throw new StatusError('Error: This node is not part of a swarm', 1);
    case 'locked':
      break;
    case 'pending':
    case 'active':
    case 'error':
      throw new StatusError('Error: swarm is not locked', 1);
  }
  let key: string;
  try {
    if (cli.in.isTTY) {
      // term.ReadPassword: the prompt, the key typed unseen, then a newline
      key = await withEchoDisabled(cli, () => readInput(cli, 'Enter unlock key: '));
      cli.out.write('\n');
    } else {
      key = await readInput(cli, '');
    }
  } catch (e) {
    if (e instanceof PromptCancelled) return 0;
    throw e;
  }
  await unlockSwarm(api, key);
};
