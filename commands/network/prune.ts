import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filtersOf, parseFilter } from '../../src/cli/opts.js';
import { confirm } from '../../src/cli/prompt.js';
import { pruneFilters } from '../../src/cli/prune.js';
import { pruneNetworks } from '../../src/engine/networks.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Remove all unused networks',
  args: { kind: 'none' },
  noArgsCompletion: true,
  flags: [
    { name: 'filter', kind: 'list', type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")', parse: parseFilter },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
};

const WARNING = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const filters = pruneFilters(filtersOf(opts.filter), cli.config().pruneFilters);
  // a refusal is a cancellation: nothing printed, exit status 0
  if (!opts.force && !(await confirm(cli, WARNING))) return 0;
  const report = await pruneNetworks(cli.api(), filters);
  const deleted = report.NetworksDeleted ?? [];
  if (deleted.length > 0) cli.out.write(`Deleted Networks:\n${deleted.map((id) => `${id}\n`).join('')}\n`);
};
