// /secrets: list, inspect, create, remove.
import { readText, type EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
import { expectObject } from './errors.js';
import { goPathEscape, trimRef } from './path.js';

/** swarm.Secret / swarm.Config (the fields berth reads) */
export interface SwarmSecret {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string> | null;
    Data?: string;
    Driver?: { Name?: string; Options?: Record<string, string> } | null;
    Templating?: { Name?: string; Options?: Record<string, string> } | null;
  };
}

/** swarm.SecretSpec as docker's client marshals it (Data base64, empties left out) */
export interface SecretSpec {
  Name: string;
  Labels: Record<string, string>;
  Data?: Buffer;
  Driver?: string;
  Templating?: string;
}

/** the body of a secret or config create: Go's encoding of the spec */
export function specBody(spec: SecretSpec): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (spec.Name) body.Name = spec.Name;
  body.Labels = spec.Labels;
  if (spec.Data && spec.Data.length > 0) body.Data = spec.Data.toString('base64');
  if (spec.Driver) body.Driver = { Name: spec.Driver };
  if (spec.Templating) body.Templating = { Name: spec.Templating };
  return body;
}

const secretPath = (ref: string): string => `/secrets/${goPathEscape(trimRef('secret', ref))}`;

export async function listSecrets(api: EngineClient, filters?: Record<string, string[]>): Promise<SwarmSecret[]> {
  return (await api.json<SwarmSecret[] | null>({ path: '/secrets', query: { filters: encodeFilters(filters) } })) ?? [];
}

export async function inspectSecretRaw(api: EngineClient, ref: string): Promise<string> {
  const res = await api.request({ path: secretPath(ref) });
  return expectObject(await readText(res.body), 'swarm.Secret');
}

export async function createSecret(api: EngineClient, spec: SecretSpec): Promise<string> {
  const r = await api.json<{ ID?: string }>({ method: 'POST', path: '/secrets/create', body: specBody(spec) });
  return r?.ID ?? '';
}

export function removeSecret(api: EngineClient, ref: string): Promise<void> {
  return api.call({ method: 'DELETE', path: secretPath(ref) });
}
