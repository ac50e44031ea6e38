import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { saveToFile } from '../../src/cli/images.js';
import { exportContainer } from '../../src/engine/containers.js';
import { copyToStdout } from '../../src/cli/stdout-copy.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER',
  short: "Export a container's filesystem as a tar archive",
  args: { kind: 'exact', n: 1 },
  flags: [{ name: 'output', short: 'o', kind: 'value', type: 'string', usage: 'Write to a file, instead of STDOUT' }],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const output = (opts.output as string | undefined) ?? '';
  if (output === '') {
    if (cli.out.isTTY) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    const res = await exportContainer(cli.api(), args[0]!);
    await copyToStdout(res.body, cli.out);
    return;
  }
  await saveToFile(output, 'failed to export container', (signal) => exportContainer(cli.api(), args[0]!, signal));
};
