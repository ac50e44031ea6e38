import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { stackFilter, validateStackName } from '../../src/cli/stacks.js';
import { listServices } from '../../src/engine/services.js';
import { appendServiceStatus, printServices } from '../service/ls.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] STACK',
  short: 'List the services in the stack',
  args: { kind: 'exact', n: 1 },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display IDs' },
  ],
  flagValues: {},
};

/** RunServices: `service ls` of the services labelled with the namespace */
export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const namespace = args[0]!;
  validateStackName(namespace);
  const api = cli.api();
  const quiet = opts.quiet as boolean;
  const services = (await listServices(api, { filters: stackFilter(namespace, filtersOf(opts.filter)), status: !quiet })) ?? [];
  if (!quiet) await appendServiceStatus(api, services);
  // an empty stack is no error here (stack ps says otherwise)
  if (services.length === 0) {
    cli.err.write(`Nothing found in stack: ${namespace}\n`);
    return;
  }
  await printServices(cli, services, (opts.format as string | undefined) ?? '', quiet);
};
