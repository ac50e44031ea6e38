// /volumes: list, inspect, create, remove, prune.
import { readText, type EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
import { goPathEscape, trimRef } from './path.js';

/** volume.Volume (fields berth reads; the rest kept) */
export interface Volume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Scope: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  UsageData?: { RefCount: number; Size: number } | null;
  ClusterVolume?: {
    Spec?: { Group?: string; Availability?: string };
    Info?: { VolumeID?: string } | null;
    PublishStatus?: unknown[] | null;
  } | null;
  Status?: Record<string, unknown> | null;
}

const volumePath = (ref: string): string => `/volumes/${goPathEscape(trimRef('volume', ref))}`;

export async function listVolumes(api: EngineClient, filters?: Record<string, string[]>): Promise<{ Volumes: Volume[] | null; Warnings: string[] | null }> {
  const r = await api.json<{ Volumes?: Volume[] | null; Warnings?: string[] | null }>({ path: '/volumes', query: { filters: encodeFilters(filters) } });
  return { Volumes: r?.Volumes ?? null, Warnings: r?.Warnings ?? null };
}

/** the raw JSON text */
export async function inspectVolumeRaw(api: EngineClient, ref: string): Promise<string> {
  const res = await api.request({ path: volumePath(ref) });
  return readText(res.body);
}

/** volume.CreateOptions: empty maps and name are left out, as docker's client marshals them */
export interface VolumeCreateOptions {
  ClusterVolumeSpec?: unknown;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
  Name?: string;
}

export function createVolume(api: EngineClient, o: VolumeCreateOptions): Promise<Volume> {
  const body: Record<string, unknown> = {};
  if (o.ClusterVolumeSpec) body.ClusterVolumeSpec = o.ClusterVolumeSpec;
  if (o.Driver) body.Driver = o.Driver;
  if (o.DriverOpts && Object.keys(o.DriverOpts).length > 0) body.DriverOpts = o.DriverOpts;
  if (o.Labels && Object.keys(o.Labels).length > 0) body.Labels = o.Labels;
  if (o.Name) body.Name = o.Name;
  return api.json<Volume>({ method: 'POST', path: '/volumes/create', body });
}

export async function removeVolume(api: EngineClient, ref: string, force: boolean): Promise<void> {
  if (force) await api.checkVersion();
  return api.call({ method: 'DELETE', path: volumePath(ref), query: { force: force ? '1' : undefined } });
}

export async function pruneVolumes(api: EngineClient, filters?: Record<string, string[]>): Promise<{ VolumesDeleted: string[] | null; SpaceReclaimed: number }> {
  const r = await api.json<{ VolumesDeleted?: string[] | null; SpaceReclaimed?: number } | undefined>({ method: 'POST', path: '/volumes/prune', query: { filters: encodeFilters(filters) } });
  return { VolumesDeleted: r?.VolumesDeleted ?? null, SpaceReclaimed: r?.SpaceReclaimed ?? 0 };
}
