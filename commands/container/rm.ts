import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { errorText } from '../../src/cli/parallel.js';
import { removeContainer } from '../../src/engine/containers.js';
import { NotFoundError } from '../../src/engine/errors.js';
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
  const force = opts.force as boolean;
  const settled = await Promise.allSettled(
    args.map(async (raw) => {
      const name = raw.replace(/^\/+|\/+$/g, '');
      if (name === '') throw new StatusError('container name cannot be empty', 1);
      await removeContainer(cli.api(), name, { force, volumes: opts.volumes as boolean, link: opts.link as boolean });
    }),
  );
  // as docker: results in argument order; with --force a missing container is only reported
  // (on stderr) and does not fail the command
  const errors: string[] = [];
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') cli.out.write(`${args[i]}\n`);
    else if (force && r.reason instanceof NotFoundError) cli.err.write(`${errorText(r.reason)}\n`);
    else errors.push(errorText(r.reason));
  });
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
};
