import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { forEachTarget } from '../../src/cli/parallel.js';
import { waitContainer } from '../../src/engine/containers.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTAINER [CONTAINER...]',
  short: 'Block until one or more containers stop, then print their exit codes',
  args: { kind: 'min', n: 1 },
  flags: [],
};

export const run: CommandModule['run'] = async (cli, { args }) => {
  await forEachTarget(
    cli,
    args,
    async (id) => (await waitContainer(cli.api(), id)).StatusCode,
    (_id, code) => cli.out.write(`${code}\n`),
  );
};
