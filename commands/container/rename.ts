import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { renameContainer } from '../../src/engine/containers.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTAINER NEW_NAME',
  short: 'Rename a container',
  args: { kind: 'exact', n: 2 },
  flags: [],
};

export const run: CommandModule['run'] = async (cli, { args }) => {
  const oldName = args[0]!.trim();
  const newName = args[1]!.trim();
  if (oldName === '' || newName === '') throw new StatusError('Error: Neither old nor new names may be empty', 1);
  try {
    await renameContainer(cli.api(), oldName, newName);
  } catch (e) {
    throw new StatusError(`${errorText(e)}\nError: failed to rename container named ${oldName}`, 1);
  }
};
