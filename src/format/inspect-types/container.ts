// container.InspectResponse and what it holds, as docker CLI 28.2 vendors them
// (github.com/docker/docker v28.2.2 api/types/container, network, mount, storage, blkiodev;
// go-connections/nat; go-units; moby/docker-image-spec; opencontainers/image-spec).
// Field order, json names and omitempty follow the Go declarations.
import { array, bool, bytes, embed, f, int, map, ptr, slice, str, struct, time, type GoStringerInt } from './schema.js';
import { durationString, fileModeString } from './gotime.js';
import { GoTyped } from '../values.js';

const strs = slice(str());
const strMap = map(str());
const int64 = int('int64');

/** time.Duration: an int64 printed by its String method ("1m30s") */
export const Duration: GoStringerInt = {
  k: 'stringerInt',
  name: 'time.Duration',
  kind: 'int64',
  str: durationString,
  methods: {
    Nanoseconds: (n) => new GoTyped('int64', 'int64', n),
    Microseconds: (n) => new GoTyped('int64', 'int64', n / 1000n),
    Milliseconds: (n) => new GoTyped('int64', 'int64', n / 1_000_000n),
    Seconds: (n) => Number(n / 1_000_000_000n) + Number(n % 1_000_000_000n) / 1e9,
    Minutes: (n) => Number(n / 60_000_000_000n) + Number(n % 60_000_000_000n) / 60e9,
    Hours: (n) => Number(n / 3_600_000_000_000n) + Number(n % 3_600_000_000_000n) / 3600e9,
  },
};

/** fs.FileMode (os.FileMode): a uint32 printed as "-rwxr-xr-x" */
export const FileMode: GoStringerInt = { k: 'stringerInt', name: 'fs.FileMode', kind: 'uint32', str: fileModeString };

// ---- go-connections/nat ----------------------------------------------------------------

export const PortBinding = struct('nat.PortBinding', [f('HostIP', str(), { json: 'HostIp' }), f('HostPort', str())]);
/** nat.PortMap (map[nat.Port][]nat.PortBinding) */
export const PortMap = map(slice(PortBinding), 'nat.Port');
/** nat.PortSet (map[nat.Port]struct {}) */
export const PortSet = map(struct('struct {}', []), 'nat.Port');

// ---- image-spec ----------------------------------------------------------------------

export const Platform = struct('v1.Platform', [
  f('Architecture', str(), { json: 'architecture' }),
  f('OS', str(), { json: 'os' }),
  f('OSVersion', str(), { json: 'os.version', omitempty: true }),
  f('OSFeatures', strs, { json: 'os.features', omitempty: true }),
  f('Variant', str(), { json: 'variant', omitempty: true }),
]);

export const Descriptor = struct('v1.Descriptor', [
  f('MediaType', str(), { json: 'mediaType' }),
  f('Digest', str('digest.Digest'), { json: 'digest' }),
  f('Size', int64, { json: 'size' }),
  f('URLs', strs, { json: 'urls', omitempty: true }),
  f('Annotations', strMap, { json: 'annotations', omitempty: true }),
  f('Data', bytes(), { json: 'data', omitempty: true }),
  f('Platform', ptr(Platform), { json: 'platform', omitempty: true }),
  f('ArtifactType', str(), { json: 'artifactType', omitempty: true }),
]);

/** dockerspec.HealthcheckConfig (container.HealthConfig) */
export const HealthConfig = struct('v1.HealthcheckConfig', [
  f('Test', strs, { omitempty: true }),
  f('Interval', Duration, { omitempty: true }),
  f('Timeout', Duration, { omitempty: true }),
  f('StartPeriod', Duration, { omitempty: true }),
  f('StartInterval', Duration, { omitempty: true }),
  f('Retries', int(), { omitempty: true }),
]);

// ---- container.Config ----------------------------------------------------------------

export const Config = struct('container.Config', [
  f('Hostname', str()),
  f('Domainname', str()),
  f('User', str()),
  f('AttachStdin', bool()),
  f('AttachStdout', bool()),
  f('AttachStderr', bool()),
  f('ExposedPorts', PortSet, { omitempty: true }),
  f('Tty', bool()),
  f('OpenStdin', bool()),
  f('StdinOnce', bool()),
  f('Env', strs),
  f('Cmd', strs), // strslice.StrSlice
  f('Healthcheck', ptr(HealthConfig), { omitempty: true }),
  f('ArgsEscaped', bool(), { omitempty: true }),
  f('Image', str()),
  f('Volumes', map(struct('struct {}', []))),
  f('WorkingDir', str()),
  f('Entrypoint', strs), // strslice.StrSlice
  f('NetworkDisabled', bool(), { omitempty: true }),
  f('MacAddress', str(), { omitempty: true }),
  f('OnBuild', strs),
  f('Labels', strMap),
  f('StopSignal', str(), { omitempty: true }),
  f('StopTimeout', ptr(int()), { omitempty: true }),
  f('Shell', strs, { omitempty: true }), // strslice.StrSlice
]);

// ---- container.HostConfig ------------------------------------------------------------

const scalar = (v: unknown): string => String(v instanceof GoTyped ? v.value : v);
// (*T).String methods: the slices hold pointers, so fmt uses them
const WeightDevice = struct('blkiodev.WeightDevice', [f('Path', str()), f('Weight', int('uint16'))], {
  str: (w) => `${scalar(w.Path)}:${scalar(w.Weight)}`,
});
const ThrottleDevice = struct('blkiodev.ThrottleDevice', [f('Path', str()), f('Rate', int('uint64'))], {
  str: (t) => `${scalar(t.Path)}:${scalar(t.Rate)}`,
});
const DeviceMapping = struct('container.DeviceMapping', [f('PathOnHost', str()), f('PathInContainer', str()), f('CgroupPermissions', str())]);
const DeviceRequest = struct('container.DeviceRequest', [
  f('Driver', str()),
  f('Count', int()),
  f('DeviceIDs', strs),
  f('Capabilities', slice(strs)),
  f('Options', strMap),
]);
const Ulimit = struct('units.Ulimit', [f('Name', str()), f('Hard', int64), f('Soft', int64)], {
  str: (u) => `${scalar(u.Name)}=${scalar(u.Soft)}:${scalar(u.Hard)}`,
});

export const Resources = struct('container.Resources', [
  f('CPUShares', int64, { json: 'CpuShares' }),
  f('Memory', int64),
  f('NanoCPUs', int64, { json: 'NanoCpus' }),
  f('CgroupParent', str()),
  f('BlkioWeight', int('uint16')),
  f('BlkioWeightDevice', slice(ptr(WeightDevice))),
  f('BlkioDeviceReadBps', slice(ptr(ThrottleDevice))),
  f('BlkioDeviceWriteBps', slice(ptr(ThrottleDevice))),
  f('BlkioDeviceReadIOps', slice(ptr(ThrottleDevice))),
  f('BlkioDeviceWriteIOps', slice(ptr(ThrottleDevice))),
  f('CPUPeriod', int64, { json: 'CpuPeriod' }),
  f('CPUQuota', int64, { json: 'CpuQuota' }),
  f('CPURealtimePeriod', int64, { json: 'CpuRealtimePeriod' }),
  f('CPURealtimeRuntime', int64, { json: 'CpuRealtimeRuntime' }),
  f('CpusetCpus', str()),
  f('CpusetMems', str()),
  f('Devices', slice(DeviceMapping)),
  f('DeviceCgroupRules', strs),
  f('DeviceRequests', slice(DeviceRequest)),
  f('KernelMemory', int64, { omitempty: true }),
  f('KernelMemoryTCP', int64, { omitempty: true }),
  f('MemoryReservation', int64),
  f('MemorySwap', int64),
  f('MemorySwappiness', ptr(int64)),
  f('OomKillDisable', ptr(bool())),
  f('PidsLimit', ptr(int64)),
  f('Ulimits', slice(ptr(Ulimit))),
  f('CPUCount', int64, { json: 'CpuCount' }),
  f('CPUPercent', int64, { json: 'CpuPercent' }),
  f('IOMaximumIOps', int('uint64')),
  f('IOMaximumBandwidth', int('uint64')),
]);

const RestartPolicyMode = str('container.RestartPolicyMode');
export const RestartPolicy = struct('container.RestartPolicy', [f('Name', RestartPolicyMode), f('MaximumRetryCount', int())], {
  // (*RestartPolicy) methods; the field is addressable, so templates reach them
  methods: {
    IsNone: (rp) => ['no', ''].includes(String((rp.Name as GoTyped).value)),
    IsAlways: (rp) => (rp.Name as GoTyped).value === 'always',
    IsOnFailure: (rp) => (rp.Name as GoTyped).value === 'on-failure',
    IsUnlessStopped: (rp) => (rp.Name as GoTyped).value === 'unless-stopped',
  },
});
const LogConfig = struct('container.LogConfig', [f('Type', str()), f('Config', strMap)]);

const Propagation = str('mount.Propagation');
const BindOptions = struct('mount.BindOptions', [
  f('Propagation', Propagation, { omitempty: true }),
  f('NonRecursive', bool(), { omitempty: true }),
  f('CreateMountpoint', bool(), { omitempty: true }),
  f('ReadOnlyNonRecursive', bool(), { omitempty: true }),
  f('ReadOnlyForceRecursive', bool(), { omitempty: true }),
]);
const MountDriver = struct('mount.Driver', [f('Name', str(), { omitempty: true }), f('Options', strMap, { omitempty: true })]);
const VolumeOptions = struct('mount.VolumeOptions', [
  f('NoCopy', bool(), { omitempty: true }),
  f('Labels', strMap, { omitempty: true }),
  f('Subpath', str(), { omitempty: true }),
  f('DriverConfig', ptr(MountDriver), { omitempty: true }),
]);
const ImageOptions = struct('mount.ImageOptions', [f('Subpath', str(), { omitempty: true })]);
const TmpfsOptions = struct('mount.TmpfsOptions', [
  f('SizeBytes', int64, { omitempty: true }),
  f('Mode', FileMode, { omitempty: true }),
  f('Options', slice(strs), { omitempty: true }),
]);
export const Mount = struct('mount.Mount', [
  f('Type', str('mount.Type'), { omitempty: true }),
  f('Source', str(), { omitempty: true }),
  f('Target', str(), { omitempty: true }),
  f('ReadOnly', bool(), { omitempty: true }),
  f('Consistency', str('mount.Consistency'), { omitempty: true }),
  f('BindOptions', ptr(BindOptions), { omitempty: true }),
  f('VolumeOptions', ptr(VolumeOptions), { omitempty: true }),
  f('ImageOptions', ptr(ImageOptions), { omitempty: true }),
  f('TmpfsOptions', ptr(TmpfsOptions), { omitempty: true }),
  f('ClusterOptions', ptr(struct('mount.ClusterOptions', [])), { omitempty: true }),
]);

export const HostConfig = struct('container.HostConfig', [
  f('Binds', strs),
  f('ContainerIDFile', str()),
  f('LogConfig', LogConfig),
  f('NetworkMode', str('container.NetworkMode')),
  f('PortBindings', PortMap),
  f('RestartPolicy', RestartPolicy),
  f('AutoRemove', bool()),
  f('VolumeDriver', str()),
  f('VolumesFrom', strs),
  f('ConsoleSize', array(2, int('uint'))),
  f('Annotations', strMap, { omitempty: true }),
  f('CapAdd', strs), // strslice.StrSlice
  f('CapDrop', strs), // strslice.StrSlice
  f('CgroupnsMode', str('container.CgroupnsMode')),
  f('DNS', strs, { json: 'Dns' }),
  f('DNSOptions', strs, { json: 'DnsOptions' }),
  f('DNSSearch', strs, { json: 'DnsSearch' }),
  f('ExtraHosts', strs),
  f('GroupAdd', strs),
  f('IpcMode', str('container.IpcMode')),
  f('Cgroup', str('container.CgroupSpec')),
  f('Links', strs),
  f('OomScoreAdj', int()),
  f('PidMode', str('container.PidMode')),
  f('Privileged', bool()),
  f('PublishAllPorts', bool()),
  f('ReadonlyRootfs', bool()),
  f('SecurityOpt', strs),
  f('StorageOpt', strMap, { omitempty: true }),
  f('Tmpfs', strMap, { omitempty: true }),
  f('UTSMode', str('container.UTSMode')),
  f('UsernsMode', str('container.UsernsMode')),
  f('ShmSize', int64),
  f('Sysctls', strMap, { omitempty: true }),
  f('Runtime', str(), { omitempty: true }),
  f('Isolation', str('container.Isolation')),
  embed(Resources),
  f('Mounts', slice(Mount), { omitempty: true }),
  f('MaskedPaths', strs),
  f('ReadonlyPaths', strs),
  f('Init', ptr(bool()), { omitempty: true }),
]);

// ---- State, network settings, mounts ---------------------------------------------------

const HealthcheckResult = struct('container.HealthcheckResult', [f('Start', time()), f('End', time()), f('ExitCode', int()), f('Output', str())]);
export const Health = struct('container.Health', [f('Status', str()), f('FailingStreak', int()), f('Log', slice(ptr(HealthcheckResult)))]);

export const State = struct('container.State', [
  f('Status', str()),
  f('Running', bool()),
  f('Paused', bool()),
  f('Restarting', bool()),
  f('OOMKilled', bool()),
  f('Dead', bool()),
  f('Pid', int()),
  f('ExitCode', int()),
  f('Error', str()),
  f('StartedAt', str()),
  f('FinishedAt', str()),
  f('Health', ptr(Health), { omitempty: true }),
]);

export const DriverData = struct('storage.DriverData', [f('Data', strMap, { json: 'Data' }), f('Name', str(), { json: 'Name' })]);

export const MountPoint = struct('container.MountPoint', [
  f('Type', str('mount.Type'), { omitempty: true }),
  f('Name', str(), { omitempty: true }),
  f('Source', str()),
  f('Destination', str()),
  f('Driver', str(), { omitempty: true }),
  f('Mode', str()),
  f('RW', bool()),
  f('Propagation', Propagation),
]);

const EndpointIPAMConfig = struct('network.EndpointIPAMConfig', [
  f('IPv4Address', str(), { omitempty: true }),
  f('IPv6Address', str(), { omitempty: true }),
  f('LinkLocalIPs', strs, { omitempty: true }),
]);

export const EndpointSettings = struct('network.EndpointSettings', [
  f('IPAMConfig', ptr(EndpointIPAMConfig)),
  f('Links', strs),
  f('Aliases', strs),
  f('MacAddress', str()),
  f('DriverOpts', strMap),
  f('GwPriority', int()),
  f('NetworkID', str()),
  f('EndpointID', str()),
  f('Gateway', str()),
  f('IPAddress', str()),
  f('IPPrefixLen', int()),
  f('IPv6Gateway', str()),
  f('GlobalIPv6Address', str()),
  f('GlobalIPv6PrefixLen', int()),
  f('DNSNames', strs),
]);

const Address = struct('network.Address', [f('Addr', str()), f('PrefixLen', int())]);

const NetworkSettingsBase = struct('container.NetworkSettingsBase', [
  f('Bridge', str()),
  f('SandboxID', str()),
  f('SandboxKey', str()),
  f('Ports', PortMap),
  f('HairpinMode', bool()),
  f('LinkLocalIPv6Address', str()),
  f('LinkLocalIPv6PrefixLen', int()),
  f('SecondaryIPAddresses', slice(Address)),
  f('SecondaryIPv6Addresses', slice(Address)),
]);

const DefaultNetworkSettings = struct('container.DefaultNetworkSettings', [
  f('EndpointID', str()),
  f('Gateway', str()),
  f('GlobalIPv6Address', str()),
  f('GlobalIPv6PrefixLen', int()),
  f('IPAddress', str()),
  f('IPPrefixLen', int()),
  f('IPv6Gateway', str()),
  f('MacAddress', str()),
]);

export const NetworkSettings = struct('container.NetworkSettings', [
  embed(NetworkSettingsBase),
  embed(DefaultNetworkSettings),
  f('Networks', map(ptr(EndpointSettings))),
]);

// ---- the response ----------------------------------------------------------------------

const ContainerJSONBase = struct('container.ContainerJSONBase', [
  f('ID', str(), { json: 'Id' }),
  f('Created', str()),
  f('Path', str()),
  f('Args', strs),
  f('State', ptr(State)),
  f('Image', str()),
  f('ResolvConfPath', str()),
  f('HostnamePath', str()),
  f('HostsPath', str()),
  f('LogPath', str()),
  f('Name', str()),
  f('RestartCount', int()),
  f('Driver', str()),
  f('Platform', str()),
  f('MountLabel', str()),
  f('ProcessLabel', str()),
  f('AppArmorProfile', str()),
  f('ExecIDs', strs),
  f('HostConfig', ptr(HostConfig)),
  f('GraphDriver', DriverData),
  f('SizeRw', ptr(int64), { omitempty: true }),
  f('SizeRootFs', ptr(int64), { omitempty: true }),
]);

/** container.InspectResponse: what `docker container inspect` templates run on */
export const ContainerInspect = struct('container.InspectResponse', [
  embed(ptr(ContainerJSONBase)),
  f('Mounts', slice(MountPoint)),
  f('Config', ptr(Config)),
  f('NetworkSettings', ptr(NetworkSettings)),
  f('ImageManifestDescriptor', ptr(Descriptor), { omitempty: true }),
]);
