import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { listVolumes } from '../../src/engine/volumes.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { CLUSTER_VOLUME_TABLE, VolumeContext, volumeFormat, volumeHeaderContext } from '../../src/format/contexts/volume.js';
import { naturalCompare } from '../../src/util/sortorder.js';

const FLAG_VERSIONS = { cluster: '1.42' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List volumes',
  args: { kind: 'none' },
  flags: [
    { name: 'cluster', kind: 'bool', usage: 'Display only cluster volumes, and use cluster volume list formatting' },
    filterFlag('Provide filter values (e.g. "dangling=true")'),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display volume names' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const quiet = opts.quiet as boolean;
  const cluster = opts.cluster as boolean;
  const list = await listVolumes(cli.api(), filtersOf(opts.filter));
  let volumes = list.Volumes ?? [];
  let format = (opts.format as string | undefined) ?? '';
  if (format === '' && !cluster) {
    const cfg = cli.config().volumesFormat;
    format = typeof cfg === 'string' && cfg !== '' && !quiet ? cfg : 'table';
  } else if (cluster) {
    // docker filters cluster volumes on the client, and --cluster picks its own table
    volumes = volumes.filter((v) => v.ClusterVolume);
    format = quiet ? 'table' : CLUSTER_VOLUME_TABLE;
  }
  volumes = [...volumes].sort((a, b) => naturalCompare(a.Name, b.Name));
  try {
    cli.out.write(await renderRows(volumeFormat(format, quiet), volumes.map((v) => new VolumeContext(v)), volumeHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
