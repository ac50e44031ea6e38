import '../../src/cli/core.js';
// docker system prune: one prompt listing what goes (and the filters), then the prunes of
// containers, networks, volumes (--volumes), images and the build cache in that order, each
// printing its section as it finishes; the first failure ends the command.
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { filtersOf, parseFilter } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { confirm } from '../../src/cli/prompt.js';
import { pruneFilters } from '../../src/cli/prune.js';
import { versionLess } from '../../src/engine/client.js';
import { pruneContainers } from '../../src/engine/containers.js';
import { pruneNetworks } from '../../src/engine/networks.js';
import { pruneVolumes } from '../../src/engine/volumes.js';
import { pruneImages } from '../../src/engine/images.js';
import { naturalLess } from '../../src/util/sortorder.js';
import { humanSize } from '../../src/util/units.js';
import { cachePrune } from '../../src/cli/buildcache.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Remove unused data',
  args: { kind: 'none' },
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused images not just dangling ones' },
    { name: 'filter', kind: 'list', type: 'filter', usage: 'Provide filter values (e.g. "label=<key>=<value>")', parse: parseFilter },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'volumes', kind: 'bool', usage: 'Prune anonymous volumes' },
  ],
};

type Filters = Record<string, string[]>;

/** the confirmation: what each prune removes, then the label/label!/until filters in natural order */
export function confirmationMessage(o: { all: boolean; volumes: boolean; buildCache: boolean; filters: Filters }): string {
  const warnings = ['all stopped containers', 'all networks not used by at least one container'];
  if (o.volumes) warnings.push('all anonymous volumes not used by at least one container');
  warnings.push(o.all ? 'all images without at least one container associated to them' : 'all dangling images');
  if (o.buildCache) warnings.push(o.all ? 'all build cache' : 'unused build cache');
  const shown: string[] = [];
  if (Object.keys(o.filters).length > 0) {
    // docker lists only these keys, whatever else the filters hold; a value given twice is one (a Go map)
    for (const name of ['label', 'label!', 'until']) for (const v of new Set(o.filters[name] ?? [])) shown.push(`${name}=${v}`);
    shown.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
  }
  let s = 'WARNING! This will remove:';
  for (const w of warnings) s += `\n  - ${w}`;
  s += '\n';
  if (shown.length > 0) {
    s += '\n  Items to be pruned will be filtered with:';
    for (const f of shown) s += `\n  - ${f}`;
    s += '\n';
  }
  return `${s}\nAre you sure you want to continue?`;
}

type Step = (cli: Cli, all: boolean, filters: Filters) => Promise<{ output: string; reclaimed: number }>;

const lines = (title: string, ids: string[]): string => `${title}:\n${ids.map((id) => `${id}\n`).join('')}`;

const containersStep: Step = async (cli, _all, filters) => {
  const r = await pruneContainers(cli.api(), filters);
  const ids = r.ContainersDeleted ?? [];
  return ids.length > 0 ? { output: lines('Deleted Containers', ids), reclaimed: r.SpaceReclaimed ?? 0 } : { output: '', reclaimed: 0 };
};

const networksStep: Step = async (cli, _all, filters) => {
  const r = await pruneNetworks(cli.api(), filters);
  const ids = r.NetworksDeleted ?? [];
  return { output: ids.length > 0 ? lines('Deleted Networks', ids) : '', reclaimed: 0 };
};

const volumesStep: Step = async (cli, _all, filters) => {
  // system prune never asks for named volumes: no "all" filter, whatever the API version
  const r = await pruneVolumes(cli.api(), filters);
  const ids = r.VolumesDeleted ?? [];
  return ids.length > 0 ? { output: lines('Deleted Volumes', ids), reclaimed: r.SpaceReclaimed ?? 0 } : { output: '', reclaimed: 0 };
};

const imagesStep: Step = async (cli, all, filters) => {
  // a copy: the dangling filter is the image prune's own
  const f: Filters = {};
  for (const [k, v] of Object.entries(filters)) f[k] = [...v];
  if (!(f.dangling ??= []).includes(String(!all))) f.dangling.push(String(!all));
  const r = await pruneImages(cli.api(), f);
  const deleted = r.ImagesDeleted ?? [];
  if (deleted.length === 0) return { output: '', reclaimed: 0 };
  let output = 'Deleted Images:\n';
  for (const d of deleted) output += d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted ?? ''}\n`;
  return { output, reclaimed: r.SpaceReclaimed ?? 0 };
};

const buildCacheStep: Step = (cli, all, filters) => cachePrune(cli, { all, filters });

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const all = opts.all as boolean;
  const volumes = opts.volumes as boolean;
  const cliFilters = filtersOf(opts.filter);
  // checked on the command line's filters, before config.json's are merged in
  if (volumes && 'until' in cliFilters) throw new StatusError('ERROR: The "until" filter is not supported with "--volumes"', 1);
  // the client's API version: without an engine to negotiate with, berth's own (above 1.31)
  const version = await cli.api().apiVersion().catch(() => undefined);
  const buildCache = version === undefined || !versionLess(version, '1.31');
  const filters = pruneFilters(cliFilters, cli.config().pruneFilters);
  // a refusal is a cancellation: nothing more printed, exit status 0
  if (!opts.force && !(await confirm(cli, confirmationMessage({ all, volumes, buildCache, filters })))) return 0;
  const steps: Step[] = [containersStep, networksStep];
  if (volumes) steps.push(volumesStep);
  steps.push(imagesStep);
  if (buildCache) steps.push(buildCacheStep);
  let reclaimed = 0;
  for (const step of steps) {
    const r = await step(cli, all, filters);
    reclaimed += r.reclaimed;
    if (r.output !== '') cli.out.write(`${r.output}\n`);
  }
  cli.out.write(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
};
