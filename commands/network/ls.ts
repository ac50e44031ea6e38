import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { listNetworks } from '../../src/engine/networks.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { NetworkContext, networkFormat, networkHeaderContext } from '../../src/format/contexts/network.js';
import { naturalCompare } from '../../src/util/sortorder.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List networks',
  args: { kind: 'none' },
  flags: [
    filterFlag('Provide filter values (e.g. "driver=bridge")'),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate the output' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display network IDs' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const quiet = opts.quiet as boolean;
  const networks = await listNetworks(cli.api(), filtersOf(opts.filter));
  let format = (opts.format as string | undefined) ?? '';
  if (format === '') {
    const cfg = cli.config().networksFormat;
    format = typeof cfg === 'string' && cfg !== '' && !quiet ? cfg : 'table';
  }
  const sorted = [...(networks ?? [])].sort((a, b) => naturalCompare(a.Name, b.Name));
  const trunc = !opts['no-trunc'];
  try {
    cli.out.write(await renderRows(networkFormat(format, quiet), sorted.map((n) => new NetworkContext(n, trunc)), networkHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
