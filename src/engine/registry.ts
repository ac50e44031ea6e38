// The engine's registry endpoints: POST /auth (login), POST /images/{name}/push, GET
// /images/search. Pulls are POST /images/create (images.ts). Credentials travel in the
// X-Registry-Auth header, already encoded by the caller.
import type { EngineClient, EngineResponse } from './client.js';
import { goPathEscape } from './path.js';

/** registry.AuthenticateOKBody */
export interface AuthenticateOK {
  Status: string;
  IdentityToken?: string;
}

/** POST /auth with docker's AuthConfig JSON (only the members that are set) */
export function registryLogin(api: EngineClient, auth: { username?: string; password?: string; serveraddress?: string; identitytoken?: string; registrytoken?: string; email?: string }): Promise<AuthenticateOK> {
  const body: Record<string, string> = {};
  for (const k of ['username', 'password', 'auth', 'email', 'serveraddress', 'identitytoken', 'registrytoken'] as const) {
    const v = (auth as Record<string, string | undefined>)[k];
    if (v) body[k] = v;
  }
  return api.json<AuthenticateOK>({ method: 'POST', path: '/auth', body });
}

/** POST /images/{name}/push: a JSON message stream; no tag pushes every tag */
export function pushImage(api: EngineClient, o: { name: string; tag?: string; platform?: string; registryAuth: string }): Promise<EngineResponse> {
  return api.request({
    method: 'POST',
    path: `/images/${o.name}/push`,
    query: { tag: o.tag, platform: o.platform },
    // an empty JSON document: older engines fail on a push without a body
    body: {},
    headers: { 'X-Registry-Auth': o.registryAuth },
  });
}

/** registry.SearchResult */
export interface SearchResult {
  star_count: number;
  is_official: boolean;
  name: string;
  is_automated: boolean;
  description: string;
}

/** filters.ToJSON: {"key":{"value":true}}, keys and values in Go's (byte) order */
export function filtersJSON(filters: Record<string, string[]> | undefined): string | undefined {
  if (!filters || Object.keys(filters).length === 0) return undefined;
  const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const q = (s: string): string => JSON.stringify(s);
  return `{${Object.keys(filters)
    .sort(byBytes)
    .map((k) => `${q(k)}:{${[...new Set(filters[k])].sort(byBytes).map((v) => `${q(v)}:true`).join(',')}}`)
    .join(',')}}`;
}

export function searchImages(api: EngineClient, o: { term: string; limit?: number; filters?: Record<string, string[]>; registryAuth: string }): Promise<SearchResult[]> {
  return api.json<SearchResult[]>({
    path: '/images/search',
    query: { term: o.term, limit: o.limit && o.limit > 0 ? String(o.limit) : undefined, filters: filtersJSON(o.filters) },
    headers: { 'X-Registry-Auth': o.registryAuth },
  });
}

/** registry.DistributionInspect: the image's descriptor and platforms, as the registry has them */
export interface DistributionInspect {
  Descriptor?: { mediaType?: string; digest?: string; size?: number };
  Platforms?: { architecture?: string; os?: string; variant?: string }[] | null;
}

/** GET /distribution/{name}/json: the engine asks the image's registry */
export function distributionInspect(api: EngineClient, image: string, registryAuth: string): Promise<DistributionInspect> {
  return api.json<DistributionInspect>({
    path: `/distribution/${goPathEscape(image)}/json`,
    headers: registryAuth ? { 'X-Registry-Auth': registryAuth } : {},
  });
}
