// /images
import type { EngineClient, EngineResponse } from './client.js';

export function inspectImage(api: EngineClient, ref: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return api.json({ path: `/images/${ref}/json` });
}

/** POST /images/create: a JSON message stream of the pull's progress */
export function pullImage(api: EngineClient, o: { fromImage: string; tag?: string; platform?: string; registryAuth?: string }): Promise<EngineResponse> {
  const headers: Record<string, string> = {};
  if (o.registryAuth) headers['X-Registry-Auth'] = o.registryAuth;
  return api.request({ method: 'POST', path: '/images/create', query: { fromImage: o.fromImage, tag: o.tag, platform: o.platform || undefined }, headers });
}
