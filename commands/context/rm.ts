import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { contextStore, currentContext } from '../../src/config/contextstore.js';
import { saveCurrentContext } from './use.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTEXT [CONTEXT...]',
  short: 'Remove one or more contexts',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'force', short: 'f', kind: 'bool', usage: 'Force the removal of a context in use' }],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const force = opts.force as boolean;
  const store = contextStore(cli);
  const current = currentContext(cli);
  const errors: string[] = [];
  for (const name of args) {
    try {
      if (name === 'default') throw new Error('context "default" cannot be removed');
      if (name === current) {
        if (!force) throw new Error(`context ${JSON.stringify(name)} is in use, set -f flag to force remove`);
        saveCurrentContext(cli.configDir(), '', true);
      }
      if (!force && !store.exists(name)) throw new Error(`context ${JSON.stringify(name)} does not exist`);
      store.remove(name);
    } catch (e) {
      errors.push((e as Error).message);
      continue;
    }
    cli.out.write(`${name}\n`);
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
};
