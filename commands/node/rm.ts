import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { removeNode } from '../../src/engine/nodes.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NODE [NODE...]',
  short: 'Remove one or more nodes from the swarm',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'force', short: 'f', kind: 'bool', usage: 'Force remove a node from the swarm' }],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.24', 'node rm');

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  const errors: string[] = [];
  // one after the other; the failures are reported together at the end, as docker does
  for (const ref of args) {
    try {
      await removeNode(api, ref, opts.force as boolean);
    } catch (e) {
      errors.push(errorText(e));
      continue;
    }
    cli.out.write(`${ref}\n`);
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
};
