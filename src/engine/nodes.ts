// /nodes: list, inspect, update, remove; and docker's `self` reference (the node ID /info gives).
import { readText, type EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
import { expectObject } from './errors.js';
import { engineInfo } from './system.js';
import { goPathEscape, trimRef } from './path.js';

/** swarm.Node (the fields berth reads) */
export interface SwarmNode {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string> | null; Role?: string; Availability?: string };
  Description?: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string; Labels?: Record<string, string> | null; Plugins?: { Type?: string; Name?: string }[] | null };
    TLSInfo?: { TrustRoot?: string; CertIssuerSubject?: string; CertIssuerPublicKey?: string };
  };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

/** swarm.NodeSpec as docker's client sends it back (encoding/json of the Go struct) */
export interface NodeSpec {
  Name?: string;
  Labels: Record<string, string>;
  Role?: string;
  Availability?: string;
}

const nodePath = (ref: string, rest = ''): string => `/nodes/${goPathEscape(trimRef('node', ref))}${rest}`;

export async function listNodes(api: EngineClient, filters?: Record<string, string[]>): Promise<SwarmNode[]> {
  return (await api.json<SwarmNode[] | null>({ path: '/nodes', query: { filters: encodeFilters(filters) } })) ?? [];
}

/** the raw JSON text of GET /nodes/{id} */
export async function inspectNodeRaw(api: EngineClient, ref: string): Promise<string> {
  const res = await api.request({ path: nodePath(ref) });
  return expectObject(await readText(res.body), 'swarm.Node');
}

export async function inspectNode(api: EngineClient, ref: string): Promise<SwarmNode> {
  return JSON.parse(await inspectNodeRaw(api, ref)) as SwarmNode;
}

/** POST /nodes/{id}/update?version=N with the spec marshalled as Go marshals swarm.NodeSpec */
export function updateNode(api: EngineClient, id: string, version: number, spec: NodeSpec): Promise<void> {
  const body: Record<string, unknown> = {};
  if (spec.Name) body.Name = spec.Name;
  body.Labels = spec.Labels;
  if (spec.Role) body.Role = spec.Role;
  if (spec.Availability) body.Availability = spec.Availability;
  return api.call({ method: 'POST', path: nodePath(id, '/update'), query: { version: String(version) }, body });
}

export function removeNode(api: EngineClient, ref: string, force: boolean): Promise<void> {
  return api.call({ method: 'DELETE', path: nodePath(ref), query: { force: force ? '1' : undefined } });
}

/** docker's node.Reference: `self` is the node ID /info reports, other references stay as typed */
export async function nodeReference(api: EngineClient, ref: string): Promise<string> {
  if (ref !== 'self') return ref;
  const info = await engineInfo(api);
  const id = (info.Swarm?.NodeID as string | undefined) ?? '';
  if (id === '') {
    // not a manager, probably: a swarm endpoint gives the more specific error
    await listNodes(api);
    throw new Error('node ID not found in /info');
  }
  return id;
}
