import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filtersOf, parseFilter } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { confirm } from '../../src/cli/prompt.js';
import { pruneFilters } from '../../src/cli/prune.js';
import { versionLess } from '../../src/engine/client.js';
import { pruneVolumes } from '../../src/engine/volumes.js';
import { humanSize } from '../../src/util/units.js';

const FLAG_VERSIONS = { all: '1.42' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Remove unused local volumes',
  args: { kind: 'none' },
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused volumes, not just anonymous ones' },
    { name: 'filter', kind: 'list', type: 'filter', usage: 'Provide filter values (e.g. "label=<label>")', parse: parseFilter },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

const UNUSED_WARNING = 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

export const run: CommandModule['run'] = async (cli, { opts, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const filters = pruneFilters(filtersOf(opts.filter), cli.config().pruneFilters);
  let warning = UNUSED_WARNING;
  // docker's CurrentVersion: the client's own version when no engine answers (the prompt comes
  // first, the prune request then reports the engine)
  const current = await cli.api().currentVersion();
  if (!versionLess(current, '1.42')) {
    if (opts.all) {
      if ('all' in filters) throw new StatusError('conflicting options: cannot specify both --all and --filter all=1', 1);
      filters.all = ['true'];
      warning = ALL_WARNING;
    }
  } else {
    // engines before API 1.42 remove named volumes as well
    warning = ALL_WARNING;
  }
  // a refusal is a cancellation: nothing printed, exit status 0
  if (!opts.force && !(await confirm(cli, warning))) return 0;
  const report = await pruneVolumes(cli.api(), filters);
  let out = '';
  let reclaimed = 0;
  const deleted = report.VolumesDeleted ?? [];
  if (deleted.length > 0) {
    out += `Deleted Volumes:\n${deleted.map((v) => `${v}\n`).join('')}\n`;
    reclaimed = report.SpaceReclaimed;
  }
  out += `Total reclaimed space: ${humanSize(reclaimed)}\n`;
  cli.out.write(out);
};
