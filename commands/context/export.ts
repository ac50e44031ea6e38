import '../../src/cli/core.js';
import { closeSync, openSync, writeSync, constants } from 'node:fs';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { contextStore, DEFAULT_CONTEXT, goFsError, validateContextName } from '../../src/config/contextstore.js';
import { exportContext } from '../../src/config/contextops.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTEXT [FILE|-]',
  short: 'Export a context to a tar archive FILE or a tar stream on STDOUT.',
  args: { kind: 'range', min: 1, max: 2 },
  flags: [],
};

export const run: CommandModule['run'] = async (cli, { args }) => {
  const name = args[0]!;
  const dest = args[1] ?? `${name}.dockercontext`;
  if (name !== DEFAULT_CONTEXT) {
    try {
      validateContextName(name);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  }
  const store = contextStore(cli);
  if (dest === '-') {
    if (cli.out.isTTY) throw new StatusError('cowardly refusing to export to a terminal, specify a file path', 1);
    let data: Buffer;
    try {
      data = exportContext(store, name);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
    await new Promise<void>((resolve, reject) => cli.out.write(data, (err) => (err ? reject(err) : resolve())));
    return;
  }
  let fd: number;
  try {
    fd = openSync(dest, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StatusError(code === 'EEXIST' ? `open ${dest}: file exists` : goFsError('open', dest, e), 1);
  }
  try {
    writeSync(fd, exportContext(store, name));
  } catch (e) {
    throw new StatusError((e as Error).message, 1);
  } finally {
    closeSync(fd);
  }
  cli.err.write(`Written file ${JSON.stringify(dest)}\n`);
};
