import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { containerChanges } from '../../src/engine/containers.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTAINER',
  short: "Inspect changes to files or directories on a container's filesystem",
  args: { kind: 'exact', n: 1 },
  flags: [],
};

/** container.ChangeType's String: C(hanged), A(dded), D(eleted) */
const KIND = ['C', 'A', 'D'];

export const run: CommandModule['run'] = async (cli, { args }) => {
  if (args[0] === '') throw new StatusError('Container name cannot be empty', 1);
  const changes = await containerChanges(cli.api(), args[0]!);
  cli.out.write(changes.map((c) => `${KIND[c.Kind] ?? ''} ${c.Path}\n`).join(''));
};
