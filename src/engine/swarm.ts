// /swarm: inspect, init, join, leave, update, unlock, unlockkey; and the node reads the
// swarm verbs need (join-token's manager address, ca's rotation progress).
import type { EngineClient } from './client.js';

/** swarm.Swarm (the fields berth reads; the spec is kept as the engine sent it) */
export interface Swarm {
  ID: string;
  Version: { Index: number };
  Spec: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  TLSInfo?: { TrustRoot?: string; CertIssuerSubject?: string; CertIssuerPublicKey?: string };
  RootRotationInProgress?: boolean;
  JoinTokens: { Worker: string; Manager: string };
}


export function inspectSwarm(api: EngineClient): Promise<Swarm> {
  return api.json<Swarm>({ path: '/swarm' });
}

/** swarm.InitRequest; answers the new node's ID */
export function initSwarm(api: EngineClient, req: Record<string, unknown>): Promise<string> {
  return api.json<string>({ method: 'POST', path: '/swarm/init', body: req });
}

/** swarm.JoinRequest */
export function joinSwarm(api: EngineClient, req: Record<string, unknown>): Promise<void> {
  return api.call({ method: 'POST', path: '/swarm/join', body: req });
}

export function leaveSwarm(api: EngineClient, force: boolean): Promise<void> {
  return api.call({ method: 'POST', path: '/swarm/leave', query: { force: force ? '1' : undefined } });
}

export interface SwarmUpdateFlags {
  rotateWorkerToken?: boolean;
  rotateManagerToken?: boolean;
  rotateManagerUnlockKey?: boolean;
}

export function updateSwarm(api: EngineClient, version: number, spec: unknown, f: SwarmUpdateFlags = {}): Promise<void> {
  return api.call({
    method: 'POST',
    path: '/swarm/update',
    query: {
      version: String(version),
      rotateWorkerToken: String(!!f.rotateWorkerToken),
      rotateManagerToken: String(!!f.rotateManagerToken),
      rotateManagerUnlockKey: String(!!f.rotateManagerUnlockKey),
    },
    body: spec,
  });
}

export function unlockSwarm(api: EngineClient, key: string): Promise<void> {
  return api.call({ method: 'POST', path: '/swarm/unlock', body: { UnlockKey: key } });
}

export async function swarmUnlockKey(api: EngineClient): Promise<string> {
  const r = await api.json<{ UnlockKey?: string }>({ path: '/swarm/unlockkey' });
  return r?.UnlockKey ?? '';
}
