import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf } from '../../src/cli/opts.js';
import { IDResolver, addFilter, defaultTaskFormat, printTasks } from '../../src/cli/tasks.js';
import { nodeReference } from '../../src/engine/nodes.js';
import { StatusError } from '../../src/cli/errors.js';
import { listServices } from '../../src/engine/services.js';
import { listTasks } from '../../src/engine/tasks.js';
import type { EngineClient } from '../../src/engine/client.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] SERVICE [SERVICE...]',
  short: 'List the tasks of one or more services',
  args: { kind: 'min', n: 1 },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: 'Pretty-print tasks using a Go template' },
    { name: 'no-resolve', kind: 'bool', usage: 'Do not map IDs to Names' },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate output' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display task IDs' },
  ],
};

/**
 * createFilter: each argument matched by full ID, then full name, then ID prefix (an
 * ambiguous prefix is an error); the ones matching nothing are reported after the listing,
 * or at once when none matched.
 */
async function serviceFilter(api: EngineClient, services: string[], filters: Record<string, string[]>): Promise<string[]> {
  const [byId, byName] = await Promise.all([listServices(api, { filters: { id: services } }), listServices(api, { filters: { name: services } })]);
  const notFound: string[] = [];
  let count = 0;
  for (const ref of services) {
    const id = (byId ?? []).find((s) => s.ID === ref) ?? (byName ?? []).find((s) => s.Spec?.Name === ref);
    if (id) {
      addFilter(filters, 'service', id.ID);
      count++;
      continue;
    }
    let found = false;
    for (const s of byId ?? []) {
      if (!s.ID.startsWith(ref)) continue;
      if (found) throw new StatusError(`multiple services found with provided prefix: ${ref}`, 1);
      addFilter(filters, 'service', s.ID);
      count++;
      found = true;
    }
    if (!found) notFound.push(`no such service: ${ref}`);
  }
  if (count === 0) throw new StatusError(notFound.join('\n'), 1);
  return notFound;
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  const quiet = opts.quiet as boolean;
  const filters = filtersOf(opts.filter);
  const notFound = await serviceFilter(api, args, filters);
  // updateNodeFilter: node references ("self") become IDs
  if (filters.node) filters.node = await Promise.all(filters.node.map((n) => nodeReference(api, n)));
  const tasks = await listTasks(api, filters);
  let format = (opts.format as string | undefined) ?? '';
  if (format === '') format = defaultTaskFormat(cli, quiet);
  const noTrunc = quiet || (opts['no-trunc'] as boolean);
  await printTasks(cli, tasks, new IDResolver(api, opts['no-resolve'] as boolean), !noTrunc, quiet, format);
  if (notFound.length > 0) throw new StatusError(notFound.join('\n'), 1);
};
