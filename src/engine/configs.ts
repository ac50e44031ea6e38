// /configs: list, inspect, create, remove.
import { readText, type EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
import { expectObject } from './errors.js';
import { goPathEscape, trimRef } from './path.js';
import { specBody, type SecretSpec, type SwarmSecret } from './secrets.js';

/** swarm.Config: a secret's shape without its driver */
export type SwarmConfig = SwarmSecret;

const configPath = (ref: string, kind = 'config'): string => `/configs/${goPathEscape(trimRef(kind, ref))}`;

export async function listConfigs(api: EngineClient, filters?: Record<string, string[]>): Promise<SwarmConfig[]> {
  return (await api.json<SwarmConfig[] | null>({ path: '/configs', query: { filters: encodeFilters(filters) } })) ?? [];
}

export async function inspectConfigRaw(api: EngineClient, ref: string): Promise<string> {
  // (the moby client's ConfigInspectWithRaw misspells it: "invalid contig name or ID")
  const res = await api.request({ path: configPath(ref, 'contig') });
  return expectObject(await readText(res.body), 'swarm.Config');
}

export async function createConfig(api: EngineClient, spec: Omit<SecretSpec, 'Driver'>): Promise<string> {
  const r = await api.json<{ ID?: string }>({ method: 'POST', path: '/configs/create', body: specBody(spec) });
  return r?.ID ?? '';
}

export function removeConfig(api: EngineClient, ref: string): Promise<void> {
  return api.call({ method: 'DELETE', path: configPath(ref) });
}
