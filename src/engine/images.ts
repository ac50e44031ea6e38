// /images
import type { BulkResponse, UploadSource } from './bulk.js';
import { readText, type EngineClient, type EngineResponse } from './client.js';
import { goCleanPath, goPathEscape } from './path.js';
import { expectObject } from './errors.js';

export function inspectImage(api: EngineClient, ref: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return api.json({ path: `/images/${ref}/json` });
}

/** POST /images/create: a JSON message stream of the pull's progress */
export function pullImage(api: EngineClient, o: { fromImage: string; tag?: string; platform?: string; registryAuth?: string }): Promise<EngineResponse> {
  const headers: Record<string, string> = {};
  if (o.registryAuth) headers['X-Registry-Auth'] = o.registryAuth;
  return api.request({ method: 'POST', path: '/images/create', query: { fromImage: o.fromImage, tag: o.tag, platform: o.platform || undefined }, headers });
}

// ---------------------------------------------------------------------------------------------
// local images: list, history, tag, remove, prune, commit, save, load, import

/** docker's client joins paths with path.Join: empty and dot segments are cleaned away */
const imagePath = (name: string, rest = ''): string => goCleanPath(`/images/${goPathEscape(name)}${rest}`);

/** image.Summary, as GET /images/json answers */
export interface ImageSummary {
  Id: string;
  ParentId?: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: number;
  Size: number;
  SharedSize: number;
  VirtualSize?: number;
  Labels: Record<string, string> | null;
  Containers: number;
}

export function encodeImageFilters(filters: Record<string, string[]> | undefined): string | undefined {
  if (!filters || Object.keys(filters).length === 0) return undefined;
  const out: Record<string, Record<string, boolean>> = {};
  for (const [k, vs] of Object.entries(filters)) {
    out[k] = {};
    for (const v of vs) out[k]![v] = true;
  }
  return JSON.stringify(out);
}

export async function listImages(api: EngineClient, o: { all?: boolean; filters?: Record<string, string[]> } = {}): Promise<ImageSummary[]> {
  await api.checkVersion();
  return api.json<ImageSummary[]>({ path: '/images/json', query: { all: o.all ? '1' : undefined, filters: encodeImageFilters(o.filters) } });
}

/** image.HistoryResponseItem */
export interface HistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export function imageHistory(api: EngineClient, name: string, platform?: string): Promise<HistoryItem[]> {
  return api.json<HistoryItem[]>({ path: imagePath(name, '/history'), query: { platform: platform || undefined } });
}

/** the raw JSON of GET /images/{name}/json, for inspect's exact output */
export async function inspectImageRaw(api: EngineClient, name: string, platform?: string): Promise<string> {
  // docker's client answers an empty reference itself (objectNotFoundError)
  if (name === '') throw new Error('Error: No such image: ');
  const res = await api.request({ path: imagePath(name, '/json'), query: { platform: platform || undefined } });
  return expectObject(await readText(res.body), 'image.InspectResponse');
}

export function tagImage(api: EngineClient, source: string, repo: string, tag: string | undefined): Promise<void> {
  return api.call({ method: 'POST', path: imagePath(source, '/tag'), query: { repo, tag } });
}

/** image.DeleteResponse: one of the two is set */
export interface DeleteItem {
  Untagged?: string;
  Deleted?: string;
}

export async function removeImage(api: EngineClient, name: string, o: { force?: boolean; noPrune?: boolean; platforms?: string[] } = {}): Promise<DeleteItem[]> {
  const r = await api.json<DeleteItem[] | null>({
    method: 'DELETE',
    path: imagePath(name),
    query: { force: o.force ? '1' : undefined, noprune: o.noPrune ? '1' : undefined, platforms: o.platforms && o.platforms.length > 0 ? o.platforms : undefined },
  });
  return r ?? [];
}

export interface PruneReport {
  ImagesDeleted: DeleteItem[] | null;
  SpaceReclaimed: number;
}

export function pruneImages(api: EngineClient, filters: Record<string, string[]>): Promise<PruneReport> {
  return api.json<PruneReport>({ method: 'POST', path: '/images/prune', query: { filters: encodeImageFilters(filters) } });
}

export interface CommitOptions {
  container: string;
  repo: string;
  tag: string;
  comment: string;
  author: string;
  changes: string[];
  pause: boolean;
}

export function commitContainer(api: EngineClient, o: CommitOptions): Promise<{ Id: string }> {
  return api.json<{ Id: string }>({
    method: 'POST',
    path: '/commit',
    query: {
      container: o.container,
      repo: o.repo,
      tag: o.tag,
      comment: o.comment,
      author: o.author,
      changes: o.changes.length > 0 ? o.changes : undefined,
      pause: o.pause ? undefined : '0',
    },
  });
}

/** GET /images/get: the tar archive of `names`, as a stream (a bulk transfer, never buffered) */
export function saveImages(api: EngineClient, names: string[], o: { platforms?: string[]; signal?: AbortSignal } = {}): Promise<BulkResponse> {
  return api.bulk({ path: '/images/get', query: { names, platform: o.platforms && o.platforms.length > 0 ? o.platforms : undefined }, signal: o.signal });
}

/**
 * POST /images/load: `input` is sent to the engine as it is read (a bulk transfer:
 * backpressure held by the socket); the answer is a JSON message stream (or plain text from
 * old engines).
 */
export function loadImage(api: EngineClient, input: UploadSource, o: { quiet: boolean; platforms?: string[]; signal?: AbortSignal }): Promise<BulkResponse> {
  return api.bulk({
    method: 'POST',
    path: '/images/load',
    query: { quiet: o.quiet ? '1' : '0', platform: o.platforms && o.platforms.length > 0 ? o.platforms : undefined },
    headers: { 'Content-Type': 'application/x-tar' },
    upload: input,
    signal: o.signal,
  });
}

export interface ImportOptions {
  /** '-' when the archive is in the body, else the URL the engine fetches */
  fromSrc: string;
  repo?: string;
  message?: string;
  platform?: string;
  changes: string[];
  body?: UploadSource;
  signal?: AbortSignal;
}

/** POST /images/create?fromSrc=: a JSON message stream ending with the new image's ID (a bulk transfer) */
export function importImage(api: EngineClient, o: ImportOptions): Promise<BulkResponse> {
  return api.bulk({
    method: 'POST',
    path: '/images/create',
    query: {
      fromSrc: o.fromSrc,
      repo: o.repo || undefined,
      message: o.message || undefined,
      platform: o.platform ? o.platform.toLowerCase() : undefined,
      changes: o.changes.length > 0 ? o.changes : undefined,
    },
    upload: o.body,
    signal: o.signal,
  });
}
