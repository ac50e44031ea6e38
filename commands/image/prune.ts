import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filtersOf, parseFilter } from '../../src/cli/opts.js';
import { confirm } from '../../src/cli/prompt.js';
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

function add(filters: Record<string, string[]>, k: string, v: string): void {
  const list = (filters[k] ??= []);
  if (!list.includes(v)) list.push(v);
}

/** command.PruneFilters: config.json's pruneFilters merged into the command line's */
export function mergePruneFilters(filters: Record<string, string[]>, configured: unknown): Record<string, string[]> {
  if (!Array.isArray(configured)) return filters;
  // filters.Args.ExactMatch: true when the key has no values at all
  const exactMatch = (k: string, v: string): boolean => !filters[k] || filters[k]!.length === 0 || filters[k]!.includes(v);
  for (const f of configured) {
    if (typeof f !== 'string') continue;
    const eq = f.indexOf('=');
    if (eq < 0) continue;
    const k = f.slice(0, eq);
    const v = f.slice(eq + 1);
    if (k === 'label' && exactMatch('label!', v)) continue;
    if (k === 'label!' && exactMatch('label', v)) continue;
    add(filters, k, v);
  }
  return filters;
}

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const all = opts.all as boolean;
  const filters = filtersOf(opts.filter);
  add(filters, 'dangling', String(!all));
  mergePruneFilters(filters, cli.config().pruneFilters);
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
