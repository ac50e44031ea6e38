import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { parseTarget, repoAndTag } from '../../src/cli/images.js';
import { commitContainer } from '../../src/engine/images.js';
import { trimRef } from '../../src/engine/path.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  short: "Create a new image from a container's changes",
  args: { kind: 'range', min: 1, max: 2 },
  interspersed: false,
  flags: [
    { name: 'author', short: 'a', kind: 'value', type: 'string', usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', short: 'c', kind: 'list', type: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', kind: 'value', type: 'string', usage: 'Commit message' },
    { name: 'pause', short: 'p', kind: 'bool', usage: 'Pause container during commit', default: true },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  let container: string;
  try {
    container = trimRef('container', args[0]!);
  } catch (e) {
    throw new StatusError((e as Error).message, 1);
  }
  let repo = '';
  let tag = '';
  if (args[1] !== undefined && args[1] !== '') {
    try {
      ({ repo, tag } = repoAndTag(parseTarget(args[1])));
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  }
  const res = await commitContainer(cli.api(), {
    container,
    repo,
    tag,
    comment: (opts.message as string | undefined) ?? '',
    author: (opts.author as string | undefined) ?? '',
    changes: (opts.change as string[]) ?? [],
    pause: opts.pause as boolean,
  });
  cli.out.write(`${res.Id}\n`);
};
