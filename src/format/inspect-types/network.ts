// network.Inspect (= network.Summary) as docker CLI 28.2 vendors it
// (github.com/docker/docker v28.2.2 api/types/network).
import { bool, f, int, map, slice, str, struct, time } from './schema.js';

const strs = slice(str());
const strMap = map(str());

const IPAMConfig = struct('network.IPAMConfig', [
  f('Subnet', str(), { omitempty: true }),
  f('IPRange', str(), { omitempty: true }),
  f('Gateway', str(), { omitempty: true }),
  f('AuxAddress', strMap, { json: 'AuxiliaryAddresses', omitempty: true }),
]);

const IPAM = struct('network.IPAM', [f('Driver', str()), f('Options', strMap), f('Config', slice(IPAMConfig))]);

const EndpointResource = struct('network.EndpointResource', [
  f('Name', str()),
  f('EndpointID', str()),
  f('MacAddress', str()),
  f('IPv4Address', str()),
  f('IPv6Address', str()),
]);

const PeerInfo = struct('network.PeerInfo', [f('Name', str()), f('IP', str())]);
const Task = struct('network.Task', [f('Name', str()), f('EndpointID', str()), f('EndpointIP', str()), f('Info', strMap)]);
const ServiceInfo = struct('network.ServiceInfo', [f('VIP', str()), f('Ports', strs), f('LocalLBIndex', int()), f('Tasks', slice(Task))]);

/** network.Inspect: what `docker network inspect` templates run on */
export const NetworkInspect = struct('network.Inspect', [
  f('Name', str()),
  f('ID', str(), { json: 'Id' }),
  f('Created', time()),
  f('Scope', str()),
  f('Driver', str()),
  f('EnableIPv4', bool()),
  f('EnableIPv6', bool()),
  f('IPAM', IPAM),
  f('Internal', bool()),
  f('Attachable', bool()),
  f('Ingress', bool()),
  f('ConfigFrom', struct('network.ConfigReference', [f('Network', str())])),
  f('ConfigOnly', bool()),
  f('Containers', map(EndpointResource)),
  f('Options', strMap),
  f('Labels', strMap),
  f('Peers', slice(PeerInfo), { omitempty: true }),
  f('Services', map(ServiceInfo), { omitempty: true }),
]);
