import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { ConfigFile } from '../../src/config/configfile.js';
import { contextStore, DEFAULT_CONTEXT, validateContextName } from '../../src/config/contextstore.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTEXT',
  short: 'Set the current docker context',
  // cobra.ExactArgs: its own message, without usage
  args: { kind: 'any' },
  flags: [],
};

/** config.json's currentContext set (omitted when empty) and saved when it changes */
export function saveCurrentContext(dir: string, value: string, always = false): void {
  const cf = ConfigFile.load(dir);
  const old = (cf.fields.get('currentContext') as string | undefined) ?? '';
  if (old === value && !always) return;
  if (value === '') cf.fields.delete('currentContext');
  else cf.fields.set('currentContext', value);
  cf.save();
}

export const run: CommandModule['run'] = async (cli, { args }) => {
  if (args.length !== 1) throw new StatusError(`accepts 1 arg(s), received ${args.length}`, 1);
  const name = args[0]!;
  let value = '';
  if (name !== DEFAULT_CONTEXT) {
    try {
      validateContextName(name);
      contextStore(cli).get(name);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
    value = name;
  }
  try {
    saveCurrentContext(cli.configDir(), value);
  } catch (e) {
    throw new StatusError((e as Error).message, 1);
  }
  cli.out.write(`${name}\n`);
  cli.err.write(`Current context is now ${JSON.stringify(name)}\n`);
  if (name !== DEFAULT_CONTEXT && cli.env.DOCKER_HOST) {
    cli.err.write(`Warning: DOCKER_HOST environment variable overrides the active context. To use ${JSON.stringify(name)}, either set the global --context flag, or unset DOCKER_HOST environment variable.\n`);
  }
};
