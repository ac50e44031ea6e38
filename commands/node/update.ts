import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { StatusError } from '../../src/cli/errors.js';
import { labelsOf } from '../../src/cli/opts/kvmap.js';
import { updateNodes } from '../../src/cli/nodes.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NODE',
  short: 'Update a node',
  args: { kind: 'exact', n: 1 },
  flagValues: { role: ['worker', 'manager'], availability: ['active', 'pause', 'drain'], '*': [] },
  flags: [
    { name: 'availability', kind: 'value', type: 'string', usage: 'Availability of the node ("active", "pause", "drain")' },
    { name: 'label-add', kind: 'list', type: 'list', usage: 'Add or update a node label ("key=value")' },
    { name: 'label-rm', kind: 'list', type: 'list', usage: 'Remove a node label if exists' },
    { name: 'role', kind: 'value', type: 'string', usage: 'Role of the node ("worker", "manager")' },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.24', 'node update');

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  const ref = args[0]!;
  await updateNodes(
    cli,
    [ref],
    (spec) => {
      if (changed.has('role')) spec.Role = opts.role as string;
      if (changed.has('availability')) spec.Availability = opts.availability as string;
      if (changed.has('label-add')) Object.assign(spec.Labels, labelsOf(opts['label-add']));
      if (changed.has('label-rm')) {
        for (const k of (opts['label-rm'] as string[]) ?? []) {
          if (!Object.prototype.hasOwnProperty.call(spec.Labels, k)) throw new StatusError(`key ${k} doesn't exist in node's labels`, 1);
          delete spec.Labels[k];
        }
      }
      return true;
    },
    () => cli.out.write(`${ref}\n`),
  );
};
