// volume.Volume as docker CLI 28.2 vendors it (github.com/docker/docker v28.2.2
// api/types/volume, with swarm.Meta for cluster volumes).
import { any, embed, f, int, map, ptr, slice, str, struct, time } from './schema.js';

const strs = slice(str());
const strMap = map(str());
const int64 = int('int64');

const SwarmVersion = struct('swarm.Version', [f('Index', int('uint64'), { omitempty: true })], {
  str: (v) => String((v.Index as { value: bigint }).value),
});
const Meta = struct('swarm.Meta', [
  f('Version', SwarmVersion, { omitempty: true }),
  f('CreatedAt', time(), { omitempty: true }),
  f('UpdatedAt', time(), { omitempty: true }),
]);

const Topology = struct('volume.Topology', [f('Segments', strMap, { omitempty: true })]);
const AccessMode = struct('volume.AccessMode', [
  f('Scope', str('volume.Scope'), { omitempty: true }),
  f('Sharing', str('volume.SharingMode'), { omitempty: true }),
  f('MountVolume', ptr(struct('volume.TypeMount', [f('FsType', str(), { omitempty: true }), f('MountFlags', strs, { omitempty: true })])), { omitempty: true }),
  f('BlockVolume', ptr(struct('volume.TypeBlock', [])), { omitempty: true }),
]);
const ClusterVolumeSpec = struct('volume.ClusterVolumeSpec', [
  f('Group', str(), { omitempty: true }),
  f('AccessMode', ptr(AccessMode), { omitempty: true }),
  f(
    'AccessibilityRequirements',
    ptr(struct('volume.TopologyRequirement', [f('Requisite', slice(Topology), { omitempty: true }), f('Preferred', slice(Topology), { omitempty: true })])),
    { omitempty: true },
  ),
  f('CapacityRange', ptr(struct('volume.CapacityRange', [f('RequiredBytes', int64), f('LimitBytes', int64)])), { omitempty: true }),
  f('Secrets', slice(struct('volume.Secret', [f('Key', str()), f('Secret', str())])), { omitempty: true }),
  f('Availability', str('volume.Availability'), { omitempty: true }),
]);
const PublishStatus = struct('volume.PublishStatus', [
  f('NodeID', str(), { omitempty: true }),
  f('State', str('volume.PublishState'), { omitempty: true }),
  f('PublishContext', strMap, { omitempty: true }),
]);
const Info = struct('volume.Info', [
  f('CapacityBytes', int64, { omitempty: true }),
  f('VolumeContext', strMap, { omitempty: true }),
  f('VolumeID', str(), { omitempty: true }),
  f('AccessibleTopology', slice(Topology), { omitempty: true }),
]);
const ClusterVolume = struct('volume.ClusterVolume', [
  f('ID', str()),
  embed(Meta),
  f('Spec', ClusterVolumeSpec),
  f('PublishStatus', slice(ptr(PublishStatus)), { omitempty: true }),
  f('Info', ptr(Info), { omitempty: true }),
]);

/** volume.Volume: what `docker volume inspect` templates run on */
export const VolumeInspect = struct('volume.Volume', [
  f('ClusterVolume', ptr(ClusterVolume), { json: 'ClusterVolume', omitempty: true }),
  f('CreatedAt', str(), { json: 'CreatedAt', omitempty: true }),
  f('Driver', str(), { json: 'Driver' }),
  f('Labels', strMap, { json: 'Labels' }),
  f('Mountpoint', str(), { json: 'Mountpoint' }),
  f('Name', str(), { json: 'Name' }),
  f('Options', strMap, { json: 'Options' }),
  f('Scope', str(), { json: 'Scope' }),
  f('Status', map(any()), { json: 'Status', omitempty: true }),
  f('UsageData', ptr(struct('volume.UsageData', [f('RefCount', int64, { json: 'RefCount' }), f('Size', int64, { json: 'Size' })])), { json: 'UsageData', omitempty: true }),
]);
