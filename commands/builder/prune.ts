import '../../src/cli/core.js';
// docker builder prune: POST /build/prune after docker's builder notice (processBuilder runs
// for every `builder` command) and its one-line prompt.
import type { CommandModule } from '../../src/cli/spec.js';
import { filtersOf, parseFilter } from '../../src/cli/opts.js';
import { ramInBytes } from '../../src/cli/opts/units.js';
import { confirm } from '../../src/cli/prompt.js';
import { pruneFilters } from '../../src/cli/prune.js';
import { selectClassicBuilder } from '../../src/build/builder.js';
import { cachePrune } from '../../src/cli/buildcache.js';
import { humanSize } from '../../src/util/units.js';

export const spec: CommandModule['spec'] = {
  use: '',
  short: 'Remove build cache',
  args: { kind: 'none' },
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused build cache, not just dangling ones' },
    { name: 'filter', kind: 'list', type: 'filter', usage: 'Provide filter values (e.g. "until=24h")', parse: parseFilter },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'keep-storage', kind: 'value', type: 'bytes', usage: 'Amount of disk space to keep for cache', parse: (raw: string) => ramInBytes(raw) },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = (cli) => selectClassicBuilder(cli);

const DANGLING_WARNING = 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all build cache. Are you sure you want to continue?';

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const all = opts.all as boolean;
  const filters = pruneFilters(filtersOf(opts.filter), cli.config().pruneFilters);
  // a refusal is a cancellation: nothing more printed, exit status 0
  if (!opts.force && !(await confirm(cli, all ? ALL_WARNING : DANGLING_WARNING))) return 0;
  const { output, reclaimed } = await cachePrune(cli, { all, keepStorage: (opts['keep-storage'] as number | undefined) ?? 0, filters });
  cli.out.write(`${output ? `${output}\n` : ''}Total reclaimed space: ${humanSize(reclaimed)}\n`);
};
