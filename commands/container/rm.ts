import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { forEachTarget } from '../../src/cli/parallel.js';
import { removeContainer } from '../../src/engine/containers.js';
import { StatusError } from '../../src/cli/errors.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Remove one or more containers',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'force', short: 'f', kind: 'bool', usage: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'link', short: 'l', kind: 'bool', usage: 'Remove the specified link' },
    { name: 'volumes', short: 'v', kind: 'bool', usage: 'Remove anonymous volumes associated with the container' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  await forEachTarget(cli, args, async (raw) => {
    const name = raw.replace(/^\/+/, '');
    if (name === '') throw new StatusError('container name cannot be empty', 1);
    await removeContainer(cli.api(), name, { force: opts.force as boolean, volumes: opts.volumes as boolean, link: opts.link as boolean });
  });
};
