// swarm.Service as docker CLI 28.2 vendors it (github.com/docker/docker v28.2.2
// api/types/swarm: service.go, task.go, container.go, network.go, common.go, runtime), what
// `docker service inspect` decodes, re-encodes for its JSON and runs templates on.
import { bool, bytes, embed, f, float, int, map, ptr, slice, str, struct, time } from './schema.js';
import { Duration, FileMode, HealthConfig, Mount } from './container.js';
import { GoTyped } from '../values.js';

const scalarOf = (v: unknown): string => String(v instanceof GoTyped ? v.value : v);

const strs = slice(str());
const strMap = map(str());
const int64 = int('int64');
const uint64 = int('uint64');
const uint32 = int('uint32');

export const SwarmVersion = struct('swarm.Version', [f('Index', uint64, { omitempty: true })], {
  str: (v) => String(scalarOf(v.Index)),
});
export const Meta = struct('swarm.Meta', [
  f('Version', SwarmVersion, { omitempty: true }),
  f('CreatedAt', time(), { omitempty: true }),
  f('UpdatedAt', time(), { omitempty: true }),
]);
export const Annotations = struct('swarm.Annotations', [f('Name', str(), { omitempty: true }), f('Labels', strMap, { json: 'Labels' })]);
const Driver = struct('swarm.Driver', [f('Name', str(), { omitempty: true }), f('Options', strMap, { omitempty: true })]);

const Ulimit = struct('units.Ulimit', [f('Name', str()), f('Hard', int64), f('Soft', int64)], {
  str: (u) => `${scalarOf(u.Name)}=${scalarOf(u.Soft)}:${scalarOf(u.Hard)}`,
});

const DNSConfig = struct('swarm.DNSConfig', [
  f('Nameservers', strs, { omitempty: true }),
  f('Search', strs, { omitempty: true }),
  f('Options', strs, { omitempty: true }),
]);
const SELinuxContext = struct('swarm.SELinuxContext', [f('Disable', bool()), f('User', str()), f('Role', str()), f('Type', str()), f('Level', str())]);
const SeccompOpts = struct('swarm.SeccompOpts', [f('Mode', str('swarm.SeccompMode'), { omitempty: true }), f('Profile', bytes(), { omitempty: true })]);
const Privileges = struct('swarm.Privileges', [
  f('CredentialSpec', ptr(struct('swarm.CredentialSpec', [f('Config', str()), f('File', str()), f('Registry', str())]))),
  f('SELinuxContext', ptr(SELinuxContext)),
  f('Seccomp', ptr(SeccompOpts), { omitempty: true }),
  f('AppArmor', ptr(struct('swarm.AppArmorOpts', [f('Mode', str('swarm.AppArmorMode'), { omitempty: true })])), { omitempty: true }),
  f('NoNewPrivileges', bool()),
]);
const FileTarget = (name: string) => struct(name, [f('Name', str()), f('UID', str()), f('GID', str()), f('Mode', FileMode)]);
export const SecretReference = struct('swarm.SecretReference', [
  f('File', ptr(FileTarget('swarm.SecretReferenceFileTarget'))),
  f('SecretID', str()),
  f('SecretName', str()),
]);
export const ConfigReference = struct('swarm.ConfigReference', [
  f('File', ptr(FileTarget('swarm.ConfigReferenceFileTarget')), { omitempty: true }),
  f('Runtime', ptr(struct('swarm.ConfigReferenceRuntimeTarget', [])), { omitempty: true }),
  f('ConfigID', str()),
  f('ConfigName', str()),
]);

export const ContainerSpec = struct('swarm.ContainerSpec', [
  f('Image', str(), { omitempty: true }),
  f('Labels', strMap, { omitempty: true }),
  f('Command', strs, { omitempty: true }),
  f('Args', strs, { omitempty: true }),
  f('Hostname', str(), { omitempty: true }),
  f('Env', strs, { omitempty: true }),
  f('Dir', str(), { omitempty: true }),
  f('User', str(), { omitempty: true }),
  f('Groups', strs, { omitempty: true }),
  f('Privileges', ptr(Privileges), { omitempty: true }),
  f('Init', ptr(bool()), { omitempty: true }),
  f('StopSignal', str(), { omitempty: true }),
  f('TTY', bool(), { omitempty: true }),
  f('OpenStdin', bool(), { omitempty: true }),
  f('ReadOnly', bool(), { omitempty: true }),
  f('Mounts', slice(Mount), { omitempty: true }),
  f('StopGracePeriod', ptr(Duration), { omitempty: true }),
  f('Healthcheck', ptr(HealthConfig), { omitempty: true }),
  f('Hosts', strs, { omitempty: true }),
  f('DNSConfig', ptr(DNSConfig), { omitempty: true }),
  f('Secrets', slice(ptr(SecretReference)), { omitempty: true }),
  f('Configs', slice(ptr(ConfigReference)), { omitempty: true }),
  f('Isolation', str('container.Isolation'), { omitempty: true }),
  f('Sysctls', strMap, { omitempty: true }),
  f('CapabilityAdd', strs, { omitempty: true }),
  f('CapabilityDrop', strs, { omitempty: true }),
  f('Ulimits', slice(ptr(Ulimit)), { omitempty: true }),
  f('OomScoreAdj', int64, { omitempty: true }),
]);

const PluginPrivilege = struct('runtime.PluginPrivilege', [
  f('Name', str(), { json: 'name', omitempty: true }),
  f('Description', str(), { json: 'description', omitempty: true }),
  f('Value', strs, { json: 'value', omitempty: true }),
]);
const PluginSpec = struct('runtime.PluginSpec', [
  f('Name', str(), { json: 'name', omitempty: true }),
  f('Remote', str(), { json: 'remote', omitempty: true }),
  f('Privileges', slice(ptr(PluginPrivilege)), { json: 'privileges', omitempty: true }),
  f('Disabled', bool(), { json: 'disabled', omitempty: true }),
  f('Env', strs, { json: 'env', omitempty: true }),
]);

const GenericResource = struct('swarm.GenericResource', [
  f('NamedResourceSpec', ptr(struct('swarm.NamedGenericResource', [f('Kind', str(), { omitempty: true }), f('Value', str(), { omitempty: true })])), { omitempty: true }),
  f('DiscreteResourceSpec', ptr(struct('swarm.DiscreteGenericResource', [f('Kind', str(), { omitempty: true }), f('Value', int64, { omitempty: true })])), { omitempty: true }),
]);
const Limit = struct('swarm.Limit', [f('NanoCPUs', int64, { omitempty: true }), f('MemoryBytes', int64, { omitempty: true }), f('Pids', int64, { omitempty: true })]);
const Resources = struct('swarm.Resources', [
  f('NanoCPUs', int64, { omitempty: true }),
  f('MemoryBytes', int64, { omitempty: true }),
  f('GenericResources', slice(GenericResource), { omitempty: true }),
]);
const ResourceRequirements = struct('swarm.ResourceRequirements', [f('Limits', ptr(Limit), { omitempty: true }), f('Reservations', ptr(Resources), { omitempty: true })]);
const RestartPolicy = struct('swarm.RestartPolicy', [
  f('Condition', str('swarm.RestartPolicyCondition'), { omitempty: true }),
  f('Delay', ptr(Duration), { omitempty: true }),
  f('MaxAttempts', ptr(uint64), { omitempty: true }),
  f('Window', ptr(Duration), { omitempty: true }),
]);
const Placement = struct('swarm.Placement', [
  f('Constraints', strs, { omitempty: true }),
  f('Preferences', slice(struct('swarm.PlacementPreference', [f('Spread', ptr(struct('swarm.SpreadOver', [f('SpreadDescriptor', str())])))])), { omitempty: true }),
  f('MaxReplicas', uint64, { omitempty: true }),
  f('Platforms', slice(struct('swarm.Platform', [f('Architecture', str(), { omitempty: true }), f('OS', str(), { omitempty: true })])), { omitempty: true }),
]);
export const NetworkAttachmentConfig = struct('swarm.NetworkAttachmentConfig', [
  f('Target', str(), { omitempty: true }),
  f('Aliases', strs, { omitempty: true }),
  f('DriverOpts', strMap, { omitempty: true }),
]);

export const TaskSpec = struct('swarm.TaskSpec', [
  f('ContainerSpec', ptr(ContainerSpec), { omitempty: true }),
  f('PluginSpec', ptr(PluginSpec), { omitempty: true }),
  f('NetworkAttachmentSpec', ptr(struct('swarm.NetworkAttachmentSpec', [f('ContainerID', str())])), { omitempty: true }),
  f('Resources', ptr(ResourceRequirements), { omitempty: true }),
  f('RestartPolicy', ptr(RestartPolicy), { omitempty: true }),
  f('Placement', ptr(Placement), { omitempty: true }),
  f('Networks', slice(NetworkAttachmentConfig), { omitempty: true }),
  f('LogDriver', ptr(Driver), { omitempty: true }),
  f('ForceUpdate', uint64),
  f('Runtime', str('swarm.RuntimeType'), { omitempty: true }),
]);

const ServiceMode = struct('swarm.ServiceMode', [
  f('Replicated', ptr(struct('swarm.ReplicatedService', [f('Replicas', ptr(uint64), { omitempty: true })])), { omitempty: true }),
  f('Global', ptr(struct('swarm.GlobalService', [])), { omitempty: true }),
  f('ReplicatedJob', ptr(struct('swarm.ReplicatedJob', [f('MaxConcurrent', ptr(uint64), { omitempty: true }), f('TotalCompletions', ptr(uint64), { omitempty: true })])), { omitempty: true }),
  f('GlobalJob', ptr(struct('swarm.GlobalJob', [])), { omitempty: true }),
]);
const UpdateConfig = struct('swarm.UpdateConfig', [
  f('Parallelism', uint64),
  f('Delay', Duration, { omitempty: true }),
  f('FailureAction', str(), { omitempty: true }),
  f('Monitor', Duration, { omitempty: true }),
  f('MaxFailureRatio', float()),
  f('Order', str()),
]);
export const PortConfig = struct('swarm.PortConfig', [
  f('Name', str(), { omitempty: true }),
  f('Protocol', str('swarm.PortConfigProtocol'), { omitempty: true }),
  f('TargetPort', uint32, { omitempty: true }),
  f('PublishedPort', uint32, { omitempty: true }),
  f('PublishMode', str('swarm.PortConfigPublishMode'), { omitempty: true }),
]);
const EndpointSpec = struct('swarm.EndpointSpec', [f('Mode', str('swarm.ResolutionMode'), { omitempty: true }), f('Ports', slice(PortConfig), { omitempty: true })]);

export const ServiceSpec = struct('swarm.ServiceSpec', [
  embed(Annotations),
  f('TaskTemplate', TaskSpec, { omitempty: true }),
  f('Mode', ServiceMode, { omitempty: true }),
  f('UpdateConfig', ptr(UpdateConfig), { omitempty: true }),
  f('RollbackConfig', ptr(UpdateConfig), { omitempty: true }),
  f('Networks', slice(NetworkAttachmentConfig), { omitempty: true }),
  f('EndpointSpec', ptr(EndpointSpec), { omitempty: true }),
]);

const Endpoint = struct('swarm.Endpoint', [
  f('Spec', EndpointSpec, { omitempty: true }),
  f('Ports', slice(PortConfig), { omitempty: true }),
  f('VirtualIPs', slice(struct('swarm.EndpointVirtualIP', [f('NetworkID', str(), { omitempty: true }), f('Addr', str(), { omitempty: true })])), { omitempty: true }),
]);
const UpdateStatus = struct('swarm.UpdateStatus', [
  f('State', str('swarm.UpdateState'), { omitempty: true }),
  f('StartedAt', ptr(time()), { omitempty: true }),
  f('CompletedAt', ptr(time()), { omitempty: true }),
  f('Message', str(), { omitempty: true }),
]);

/** swarm.Service: what `docker service inspect` templates run on */
export const ServiceInspect = struct('swarm.Service', [
  f('ID', str()),
  embed(Meta),
  f('Spec', ServiceSpec, { omitempty: true }),
  f('PreviousSpec', ptr(ServiceSpec), { omitempty: true }),
  f('Endpoint', Endpoint, { omitempty: true }),
  f('UpdateStatus', ptr(UpdateStatus), { omitempty: true }),
  f('ServiceStatus', ptr(struct('swarm.ServiceStatus', [f('RunningTasks', uint64), f('DesiredTasks', uint64), f('CompletedTasks', uint64)])), { omitempty: true }),
  f('JobStatus', ptr(struct('swarm.JobStatus', [f('JobIteration', SwarmVersion), f('LastExecution', time(), { omitempty: true })])), { omitempty: true }),
]);
