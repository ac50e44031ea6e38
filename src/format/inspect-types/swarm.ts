// swarm.Node, swarm.Secret and swarm.Config as docker CLI 28.2 vendors them
// (github.com/docker/docker v28.2.2 api/types/swarm): what `node inspect`, `secret inspect`
// and `config inspect` templates run on.
import { bool, bytes, embed, f, int, map, ptr, slice, str, struct, time } from './schema.js';

const strMap = map(str());

const SwarmVersion = struct('swarm.Version', [f('Index', int('uint64'), { omitempty: true })], {
  str: (v) => String((v.Index as { value: bigint }).value),
});
const Meta = struct('swarm.Meta', [
  f('Version', SwarmVersion, { omitempty: true }),
  f('CreatedAt', time(), { omitempty: true }),
  f('UpdatedAt', time(), { omitempty: true }),
]);
const Annotations = struct('swarm.Annotations', [f('Name', str(), { omitempty: true }), f('Labels', strMap, { json: 'Labels' })]);
const Driver = struct('swarm.Driver', [f('Name', str(), { omitempty: true }), f('Options', strMap, { omitempty: true })]);

const NodeSpec = struct('swarm.NodeSpec', [
  embed(Annotations),
  f('Role', str('swarm.NodeRole'), { omitempty: true }),
  f('Availability', str('swarm.NodeAvailability'), { omitempty: true }),
]);
const TLSInfo = struct('swarm.TLSInfo', [
  f('TrustRoot', str(), { omitempty: true }),
  f('CertIssuerSubject', bytes(), { omitempty: true }),
  f('CertIssuerPublicKey', bytes(), { omitempty: true }),
]);
const NodeDescription = struct('swarm.NodeDescription', [
  f('Hostname', str(), { omitempty: true }),
  f('Platform', struct('swarm.Platform', [f('Architecture', str(), { omitempty: true }), f('OS', str(), { omitempty: true })]), { omitempty: true }),
  f('Resources', struct('swarm.Resources', [
    f('NanoCPUs', int('int64'), { omitempty: true }),
    f('MemoryBytes', int('int64'), { omitempty: true }),
    f('GenericResources', slice(struct('swarm.GenericResource', [
      f('NamedResourceSpec', ptr(struct('swarm.NamedGenericResource', [f('Kind', str(), { omitempty: true }), f('Value', str(), { omitempty: true })])), { omitempty: true }),
      f('DiscreteResourceSpec', ptr(struct('swarm.DiscreteGenericResource', [f('Kind', str(), { omitempty: true }), f('Value', int('int64'), { omitempty: true })])), { omitempty: true }),
    ])), { omitempty: true }),
  ]), { omitempty: true }),
  f('Engine', struct('swarm.EngineDescription', [
    f('EngineVersion', str(), { omitempty: true }),
    f('Labels', strMap, { omitempty: true }),
    f('Plugins', slice(struct('swarm.PluginDescription', [f('Type', str(), { omitempty: true }), f('Name', str(), { omitempty: true })])), { omitempty: true }),
  ]), { omitempty: true }),
  f('TLSInfo', TLSInfo, { omitempty: true }),
  f('CSIInfo', slice(struct('swarm.NodeCSIInfo', [
    f('PluginName', str(), { omitempty: true }),
    f('NodeID', str(), { omitempty: true }),
    f('MaxVolumesPerNode', int('int64'), { omitempty: true }),
    f('AccessibleTopology', ptr(struct('swarm.Topology', [f('Segments', strMap, { omitempty: true })])), { omitempty: true }),
  ])), { omitempty: true }),
]);
const NodeStatus = struct('swarm.NodeStatus', [
  f('State', str('swarm.NodeState'), { omitempty: true }),
  f('Message', str(), { omitempty: true }),
  f('Addr', str(), { omitempty: true }),
]);
const ManagerStatus = struct('swarm.ManagerStatus', [
  f('Leader', bool(), { omitempty: true }),
  f('Reachability', str('swarm.Reachability'), { omitempty: true }),
  f('Addr', str(), { omitempty: true }),
]);

/** swarm.Node */
export const NodeInspect = struct('swarm.Node', [
  f('ID', str()),
  embed(Meta),
  f('Spec', NodeSpec, { omitempty: true }),
  f('Description', NodeDescription, { omitempty: true }),
  f('Status', NodeStatus, { omitempty: true }),
  f('ManagerStatus', ptr(ManagerStatus), { omitempty: true }),
]);

/** swarm.Secret */
export const SecretInspect = struct('swarm.Secret', [
  f('ID', str()),
  embed(Meta),
  f('Spec', struct('swarm.SecretSpec', [
    embed(Annotations),
    f('Data', bytes(), { omitempty: true }),
    f('Driver', ptr(Driver), { omitempty: true }),
    f('Templating', ptr(Driver), { omitempty: true }),
  ])),
]);

/** swarm.Config */
export const ConfigInspect = struct('swarm.Config', [
  f('ID', str()),
  embed(Meta),
  f('Spec', struct('swarm.ConfigSpec', [embed(Annotations), f('Data', bytes(), { omitempty: true }), f('Templating', ptr(Driver), { omitempty: true })])),
]);
