import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filtersOf, parseFilter } from '../../src/cli/opts.js';
import { confirm } from '../../src/cli/prompt.js';
import { pruneFilters } from '../../src/cli/prune.js';
import { pruneImages } from '../../src/engine/images.js';
import { humanSize } from '../../src/util/units.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Remove unused images',
  args: { kind: 'none' },
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused images, not just dangling ones' },
    { name: 'filter', kind: 'list', type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")', parse: parseFilter },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
};

const ALL_WARNING = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';
const DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const all = opts.all as boolean;
  const filters = filtersOf(opts.filter);
  filters.dangling = [...new Set([...(filters.dangling ?? []), String(!all)])];
  pruneFilters(filters, cli.config().pruneFilters);
  if (!opts.force) {
    const ok = await confirm(cli, all ? ALL_WARNING : DANGLING_WARNING);
    // a refusal is a cancellation: nothing printed, exit status 0
    if (!ok) return 0;
  }
  const report = await pruneImages(cli.api(), filters);
  let out = '';
  let reclaimed = 0;
  const deleted = report.ImagesDeleted ?? [];
  if (deleted.length > 0) {
    out += 'Deleted Images:\n';
    for (const d of deleted) out += d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted ?? ''}\n`;
    out += '\n';
    reclaimed = report.SpaceReclaimed ?? 0;
  }
  out += `Total reclaimed space: ${humanSize(reclaimed)}\n`;
  cli.out.write(out);
};
