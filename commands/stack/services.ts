import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { stackFilter, validateStackName } from '../../src/cli/stacks.js';
import { listServices } from '../../src/engine/services.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { ServiceContext, serviceHeaderContext, serviceListFormat } from '../../src/format/contexts/service.js';
import { naturalLess } from '../../src/util/sortorder.js';
import { appendServiceStatus } from '../service/ls.js';

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
  let format = (opts.format as string | undefined) ?? '';
  if (format === '') {
    const cfg = cli.config().servicesFormat;
    format = typeof cfg === 'string' && cfg.length > 0 && !quiet ? cfg : 'table';
  }
  const sorted = [...services].sort((a, b) => (naturalLess(a.Spec?.Name ?? '', b.Spec?.Name ?? '') ? -1 : naturalLess(b.Spec?.Name ?? '', a.Spec?.Name ?? '') ? 1 : 0));
  try {
    cli.out.write(await renderRows(serviceListFormat(format, quiet), sorted.map((s) => new ServiceContext(s)), serviceHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
