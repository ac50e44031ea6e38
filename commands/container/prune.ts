import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filtersOf, parseFilter } from '../../src/cli/opts.js';
import { confirm } from '../../src/cli/prompt.js';
import { pruneFilters } from '../../src/cli/prune.js';
import { pruneContainers } from '../../src/engine/containers.js';
import { humanSize } from '../../src/util/units.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Remove all stopped containers',
  args: { kind: 'none' },
  flags: [
    { name: 'filter', kind: 'list', type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")', parse: parseFilter },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
};

const WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?';

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const filters = pruneFilters(filtersOf(opts.filter), cli.config().pruneFilters);
  // a refusal is a cancellation: nothing more printed, exit status 0
  if (!opts.force && !(await confirm(cli, WARNING))) return 0;
  const report = await pruneContainers(cli.api(), filters);
  let out = '';
  let reclaimed = 0;
  const deleted = report.ContainersDeleted ?? [];
  if (deleted.length > 0) {
    out += `Deleted Containers:\n${deleted.map((id) => `${id}\n`).join('')}\n`;
    reclaimed = report.SpaceReclaimed;
  }
  out += `Total reclaimed space: ${humanSize(reclaimed)}\n`;
  cli.out.write(out);
};
