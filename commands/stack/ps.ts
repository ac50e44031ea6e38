import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { IDResolver, defaultTaskFormat, printTasks } from '../../src/cli/tasks.js';
import { StatusError } from '../../src/cli/errors.js';
import { stackFilter, validateStackName } from '../../src/cli/stacks.js';
import { listTasks } from '../../src/engine/tasks.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] STACK',
  short: 'List the tasks in the stack',
  args: { kind: 'exact', n: 1 },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'no-resolve', kind: 'bool', usage: 'Do not map IDs to Names' },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate output' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display task IDs' },
  ],
  flagValues: {},
};

/** RunPS: the tasks labelled with the namespace, through the task printer of `service ps` */
export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const namespace = args[0]!;
  validateStackName(namespace);
  const api = cli.api();
  const quiet = opts.quiet as boolean;
  // (a node filter is sent as given: docker resolves no "self" here)
  const tasks = await listTasks(api, stackFilter(namespace, filtersOf(opts.filter)));
  if (tasks.length === 0) throw new StatusError(`nothing found in stack: ${namespace}`, 1);
  let format = (opts.format as string | undefined) ?? '';
  if (format === '') format = defaultTaskFormat(cli, quiet);
  await printTasks(cli, tasks, new IDResolver(api, opts['no-resolve'] as boolean), !(opts['no-trunc'] as boolean), quiet, format);
};
