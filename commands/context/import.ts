import '../../src/cli/core.js';
import { readFileSync } from 'node:fs';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { contextStore, goFsError } from '../../src/config/contextstore.js';
import { importContext } from '../../src/config/contextops.js';
import { checkNameForCreation } from './create.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTEXT FILE|-',
  short: 'Import a context from a tar or zip file',
  args: { kind: 'exact', n: 2 },
  flags: [],
};

async function readStdin(cli: Parameters<CommandModule['run']>[0]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of cli.in) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export const run: CommandModule['run'] = async (cli, { args }) => {
  const [name, source] = args as [string, string];
  const store = contextStore(cli);
  try {
    checkNameForCreation(store, name);
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new StatusError((e as Error).message, 1);
  }
  let data: Buffer;
  if (source === '-') data = await readStdin(cli);
  else {
    try {
      data = readFileSync(source);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new StatusError(code === 'EISDIR' ? `read ${source}: is a directory` : goFsError('open', source, e), 1);
    }
  }
  try {
    importContext(store, name, data);
  } catch (e) {
    throw new StatusError((e as Error).message, 1);
  }
  cli.out.write(`${name}\n`);
  cli.err.write(`Successfully imported context ${JSON.stringify(name)}\n`);
};
