// /containers/{id}/archive: a path's stat (HEAD), its tar (GET), a tar extracted (PUT).
import type { EngineClient } from './client.js';
import type { BulkResponse, UploadSource } from './bulk.js';
import { goPathEscape, trimRef } from './path.js';

const cid = (id: string): string => goPathEscape(trimRef('container', id));

/** container.PathStat: the X-Docker-Container-Path-Stat header, decoded */
export interface PathStat {
  name: string;
  size: number;
  /** a Go os.FileMode */
  mode: number;
  mtime: string;
  linkTarget: string;
}

/** Go's os.FileMode type bits */
export const MODE_DIR = 2 ** 31;
export const MODE_SYMLINK = 2 ** 27;
export const MODE_DEVICE = 2 ** 26;
export const MODE_IRREGULAR = 2 ** 19;

export function hasMode(mode: number, bit: number): boolean {
  return Math.floor(mode / bit) % 2 === 1;
}

function decodeStat(header: string | string[] | undefined): PathStat {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return { name: '', size: 0, mode: 0, mtime: '', linkTarget: '' };
  const v = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Partial<PathStat>;
  return { name: v.name ?? '', size: v.size ?? 0, mode: v.mode ?? 0, mtime: v.mtime ?? '', linkTarget: v.linkTarget ?? '' };
}

export async function statContainerPath(api: EngineClient, id: string, path: string): Promise<PathStat> {
  const res = await api.request({ method: 'HEAD', path: `/containers/${cid(id)}/archive`, query: { path } });
  res.body.resume();
  return decodeStat(res.headers['x-docker-container-path-stat']);
}

export async function archiveFromContainer(api: EngineClient, id: string, path: string, signal?: AbortSignal): Promise<{ res: BulkResponse; stat: PathStat }> {
  const res = await api.bulk({ path: `/containers/${cid(id)}/archive`, query: { path }, signal });
  return { res, stat: decodeStat(res.headers['x-docker-container-path-stat']) };
}

export function archiveToContainer(api: EngineClient, id: string, path: string, content: UploadSource, o: { copyUIDGID: boolean; signal?: AbortSignal }): Promise<BulkResponse> {
  return api.bulk({
    method: 'PUT',
    path: `/containers/${cid(id)}/archive`,
    query: { path, noOverwriteDirNonDir: 'true', copyUIDGID: o.copyUIDGID ? 'true' : undefined },
    headers: { 'Content-Type': 'application/x-tar' },
    upload: content,
    signal: o.signal,
  });
}
