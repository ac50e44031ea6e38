import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { parseMapEntry, validateLabel, type KeyValue } from '../../src/cli/opts/validators.js';
import { ramInBytes } from '../../src/cli/opts/units.js';
import { createVolume } from '../../src/engine/volumes.js';
import { labelsOf, mapOf } from '../../src/cli/opts/kvmap.js';

/** the cluster volume flags: swarm managers on API 1.42 and later */
const CLUSTER_FLAGS = ['availability', 'group', 'limit-bytes', 'required-bytes', 'scope', 'secret', 'sharing', 'topology-preferred', 'topology-required', 'type'];
const FLAG_VERSIONS: Record<string, string> = Object.fromEntries(CLUSTER_FLAGS.map((f) => [f, '1.42']));

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] [VOLUME]',
  short: 'Create a volume',
  args: { kind: 'max', n: 1 },
  flags: [
    { name: 'availability', kind: 'value', type: 'string', usage: 'Cluster Volume availability ("active", "pause", "drain")', default: 'active' },
    { name: 'driver', short: 'd', kind: 'value', type: 'string', usage: 'Specify volume driver name', default: 'local' },
    { name: 'group', kind: 'value', type: 'string', usage: 'Cluster Volume group (cluster volumes)' },
    { name: 'label', kind: 'list', type: 'list', usage: 'Set metadata for a volume', parse: validateLabel },
    { name: 'limit-bytes', kind: 'value', type: 'bytes', usage: 'Minimum size of the Cluster Volume in bytes', default: 0, parse: ramInBytes },
    { name: 'name', kind: 'value', type: 'string', usage: 'Specify volume name', hidden: true },
    { name: 'opt', short: 'o', kind: 'list', type: 'map', usage: 'Set driver specific options', defaultText: 'map[]', parse: parseMapEntry },
    { name: 'required-bytes', kind: 'value', type: 'bytes', usage: 'Maximum size of the Cluster Volume in bytes', default: 0, parse: ramInBytes },
    { name: 'scope', kind: 'value', type: 'string', usage: 'Cluster Volume access scope ("single", "multi")', default: 'single' },
    { name: 'secret', kind: 'list', type: 'map', usage: 'Cluster Volume secrets', defaultText: 'map[]', parse: parseMapEntry },
    { name: 'sharing', kind: 'value', type: 'string', usage: 'Cluster Volume access sharing ("none", "readonly", "onewriter", "all")', default: 'none' },
    { name: 'topology-preferred', kind: 'list', type: 'list', usage: 'A topology that the Cluster Volume would be preferred in' },
    { name: 'topology-required', kind: 'list', type: 'list', usage: 'A topology that the Cluster Volume must be accessible from' },
    { name: 'type', kind: 'value', type: 'string', usage: 'Cluster Volume access type ("mount", "block")', default: 'block' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

/** "segment=value,segment=value" */
function topology(spec: string): { Segments: Record<string, string> } {
  const segments: Record<string, string> = {};
  for (const seg of spec.split(',')) {
    const eq = seg.indexOf('=');
    segments[eq < 0 ? seg : seg.slice(0, eq)] = eq < 0 ? '' : seg.slice(eq + 1);
  }
  return { Segments: segments };
}

/** volume.ClusterVolumeSpec from the cluster flags, as docker builds it */
function clusterSpec(opts: Record<string, unknown>): Record<string, unknown> {
  const accessMode: Record<string, unknown> = { Scope: opts.scope, Sharing: opts.sharing };
  if (opts.type === 'mount') accessMode.MountVolume = {};
  else if (opts.type === 'block') accessMode.BlockVolume = {};
  const spec: Record<string, unknown> = {};
  if (opts.group) spec.Group = opts.group;
  spec.AccessMode = accessMode;
  const requisite = ((opts['topology-required'] as string[]) ?? []).map(topology);
  const preferred = ((opts['topology-preferred'] as string[]) ?? []).map(topology);
  const req: Record<string, unknown> = {};
  if (requisite.length > 0) req.Requisite = requisite;
  if (preferred.length > 0) req.Preferred = preferred;
  spec.AccessibilityRequirements = req;
  spec.CapacityRange = { RequiredBytes: Math.max(0, opts['required-bytes'] as number), LimitBytes: Math.max(0, opts['limit-bytes'] as number) };
  const secrets = Object.entries(mapOf(opts.secret)).map(([Key, Secret]) => ({ Key, Secret }));
  if (secrets.length > 0) spec.Secrets = secrets;
  if (opts.availability) spec.Availability = opts.availability;
  return spec;
}

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  let name = (opts.name as string | undefined) ?? '';
  if (args.length === 1) {
    if (name !== '') throw new StatusError('conflicting options: cannot specify a volume-name through both --name and as a positional arg', 1);
    name = args[0]!;
  }
  // docker's check names "secrets", which is no flag: --secret alone does not make a cluster volume
  const cluster = ['group', 'scope', 'sharing', 'availability', 'type', 'limit-bytes', 'required-bytes'].some((f) => changed.has(f));
  const vol = await createVolume(cli.api(), {
    ClusterVolumeSpec: cluster ? clusterSpec(opts) : undefined,
    Driver: opts.driver as string,
    DriverOpts: mapOf(opts.opt as KeyValue[]),
    Labels: labelsOf(opts.label),
    Name: name,
  });
  cli.out.write(`${vol.Name}\n`);
};
