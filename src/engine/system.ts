// /version, /info, /_ping
import type { EngineClient } from './client.js';

export function engineVersion(api: EngineClient): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return api.json({ path: '/version' });
}

export function engineInfo(api: EngineClient): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return api.json({ path: '/info' });
}
