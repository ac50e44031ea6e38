// /networks: list, inspect, create, remove, connect, disconnect, prune.
import { readText, versionLess, type EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
import { goPathEscape, trimRef } from './path.js';
import { expectObject } from './errors.js';

/** network.Summary, as GET /networks answers (fields berth reads) */
export interface NetworkSummary {
  Name: string;
  Id: string;
  Created: string;
  Scope: string;
  Driver: string;
  EnableIPv4?: boolean;
  EnableIPv6?: boolean;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  Labels?: Record<string, string> | null;
  [key: string]: unknown;
}

const networkPath = (ref: string, rest = ''): string => `/networks/${goPathEscape(trimRef('network', ref))}${rest}`;

export function listNetworks(api: EngineClient, filters?: Record<string, string[]>): Promise<NetworkSummary[]> {
  return api.json<NetworkSummary[]>({ path: '/networks', query: { filters: encodeFilters(filters) } });
}

/** the raw JSON text, for inspect's exact output */
export async function inspectNetworkRaw(api: EngineClient, ref: string, verbose = false): Promise<string> {
  const res = await api.request({ path: networkPath(ref), query: { verbose: verbose ? 'true' : undefined } });
  return expectObject(await readText(res.body), 'network.Inspect');
}

export async function inspectNetwork(api: EngineClient, ref: string): Promise<NetworkSummary> {
  return JSON.parse(await inspectNetworkRaw(api, ref)) as NetworkSummary;
}

export interface IPAMConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

/** network.CreateOptions, in the order docker's client marshals it */
export interface NetworkCreateOptions {
  Driver: string;
  Scope: string;
  EnableIPv4?: boolean;
  EnableIPv6?: boolean;
  IPAM: { Driver: string; Options: Record<string, string>; Config: IPAMConfig[] } | null;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigOnly: boolean;
  ConfigFrom: { Network: string } | null;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

export async function createNetwork(api: EngineClient, name: string, o: NetworkCreateOptions): Promise<{ Id: string; Warning?: string }> {
  // engines before API 1.44 create a second network of the same name unless told not to
  const body: Record<string, unknown> = { ...o, Name: name };
  if (versionLess(await api.apiVersion(), '1.44')) body.CheckDuplicate = true;
  await api.checkVersion();
  return api.json({ method: 'POST', path: '/networks/create', body });
}

export function removeNetwork(api: EngineClient, ref: string): Promise<void> {
  return api.call({ method: 'DELETE', path: networkPath(ref) });
}

/** network.EndpointSettings, as docker's connect sends it */
export interface EndpointSettings {
  IPAMConfig: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links: string[] | null;
  Aliases: string[] | null;
  MacAddress: string;
  DriverOpts: Record<string, string> | null;
  GwPriority: number;
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  DNSNames: string[] | null;
}

export function connectNetwork(api: EngineClient, network: string, container: string, config: EndpointSettings): Promise<void> {
  const path = networkPath(network, '/connect');
  const Container = trimRef('container', container);
  return api.call({ method: 'POST', path, body: { Container, EndpointConfig: config } });
}

export function disconnectNetwork(api: EngineClient, network: string, container: string, force: boolean): Promise<void> {
  const path = networkPath(network, '/disconnect');
  const Container = trimRef('container', container);
  return api.call({ method: 'POST', path, body: { Container, Force: force } });
}

export async function pruneNetworks(api: EngineClient, filters?: Record<string, string[]>): Promise<{ NetworksDeleted: string[] | null }> {
  const r = await api.json<{ NetworksDeleted?: string[] | null } | undefined>({ method: 'POST', path: '/networks/prune', query: { filters: encodeFilters(filters) } });
  return { NetworksDeleted: r?.NetworksDeleted ?? null };
}

/** GET /networks/{ref}?scope=S: the network's ID (how docker resolves a service's --network) */
export async function networkIDInScope(api: EngineClient, ref: string, scope: string): Promise<string> {
  const res = await api.request({ path: networkPath(ref), query: { scope } });
  const n = JSON.parse(expectObject(await readText(res.body), 'network.Inspect')) as { Id?: string };
  return n.Id ?? '';
}
