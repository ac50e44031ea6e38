import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf } from '../../src/cli/opts.js';
import { IDResolver, addFilter, defaultTaskFormat, printTasks } from '../../src/cli/tasks.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { listTasks, type Task } from '../../src/engine/tasks.js';
import { inspectNode, nodeReference } from '../../src/engine/nodes.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] [NODE...]',
  short: 'List tasks running on one or more nodes, defaults to current node',
  args: { kind: 'any' },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: 'Pretty-print tasks using a Go template' },
    { name: 'no-resolve', kind: 'bool', usage: 'Do not map IDs to Names' },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate output' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display task IDs' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  const quiet = opts.quiet as boolean;
  const refs = args.length > 0 ? args : ['self'];
  const errors: string[] = [];
  const tasks: Task[] = [];
  // docker adds each node to the one filter set it keeps for the command, so the list of a
  // later node also holds the tasks of the nodes before it
  const filters = filtersOf(opts.filter);
  for (const ref of refs) {
    try {
      const node = await inspectNode(api, await nodeReference(api, ref));
      addFilter(filters, 'node', node.ID);
      tasks.push(...(await listTasks(api, filters)));
    } catch (e) {
      errors.push(errorText(e));
    }
  }
  let format = (opts.format as string | undefined) ?? '';
  if (format === '') format = defaultTaskFormat(cli, quiet);
  if (errors.length === 0 || tasks.length > 0) {
    try {
      await printTasks(cli, tasks, new IDResolver(api, opts['no-resolve'] as boolean), !(opts['no-trunc'] as boolean), quiet, format);
    } catch (e) {
      errors.push(errorText(e));
    }
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
};
