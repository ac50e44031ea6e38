// /containers: one function per endpoint, options in, typed results out.
import type { EngineClient, EngineResponse, HijackedConnection } from './client.js';
import type { BulkResponse } from './bulk.js';
import { goPathEscape, trimRef } from './path.js';
import { expectObject } from './errors.js';

/** a container reference in a request path, as docker's client puts it: trimmed (an empty one
 * fails before any request), escaped as Go escapes a URL path ('/' and '..' kept: the client
 * then cleans the path) */
const cid = (id: string): string => goPathEscape(trimRef('container', id));

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Record<string, string> | null;
  State: string;
  Status: string;
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, unknown> };
  Mounts: { Type?: string; Name?: string; Source?: string; Destination?: string }[];
}

export type ContainerInspect = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ListOptions {
  all?: boolean;
  limit?: number;
  size?: boolean;
  filters?: Record<string, string[]>;
}

export function encodeFilters(filters: Record<string, string[]> | undefined): string | undefined {
  if (!filters || Object.keys(filters).length === 0) return undefined;
  // the engine's filter map form: {"key": {"value": true}}, keys in Go's json order (sorted by
  // bytes): the engine can read a key given twice (label=a=1, label=a=2) by its order
  const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const out: Record<string, Record<string, boolean>> = {};
  for (const k of Object.keys(filters).sort(byBytes)) {
    out[k] = {};
    for (const v of [...filters[k]!].sort(byBytes)) out[k]![v] = true;
  }
  return JSON.stringify(out);
}

export function listContainers(api: EngineClient, o: ListOptions = {}): Promise<ContainerSummary[]> {
  return api.json<ContainerSummary[]>({
    path: '/containers/json',
    query: {
      all: o.all ? '1' : undefined,
      limit: o.limit !== undefined && o.limit > 0 ? o.limit : undefined,
      size: o.size ? '1' : undefined,
      filters: encodeFilters(o.filters),
    },
  });
}

export async function inspectContainer(api: EngineClient, id: string, size = false): Promise<ContainerInspect> {
  return JSON.parse(await inspectContainerRaw(api, id, size)) as ContainerInspect;
}

/** the raw JSON text, for inspect's exact output */
export async function inspectContainerRaw(api: EngineClient, id: string, size = false): Promise<string> {
  const res = await api.request({ path: `/containers/${cid(id)}/json`, query: { size: size ? '1' : undefined } });
  const chunks: Buffer[] = [];
  for await (const c of res.body) chunks.push(c as Buffer);
  return expectObject(Buffer.concat(chunks).toString('utf8'), 'container.InspectResponse');
}

export interface CreateResult {
  Id: string;
  Warnings: string[] | null;
}

export async function createContainer(api: EngineClient, body: unknown, name?: string, platform?: string): Promise<CreateResult> {
  await api.checkVersion();
  return api.json<CreateResult>({ method: 'POST', path: '/containers/create', query: { name: name || undefined, platform: platform || undefined }, body });
}

export function startContainer(api: EngineClient, id: string, detachKeys?: string): Promise<void> {
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/start`, query: { detachKeys } });
}

export async function stopContainer(api: EngineClient, id: string, o: { timeout?: number; signal?: string } = {}): Promise<void> {
  if (o.signal) await api.checkVersion();
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/stop`, query: { t: o.timeout, signal: o.signal } });
}

export async function restartContainer(api: EngineClient, id: string, o: { timeout?: number; signal?: string } = {}): Promise<void> {
  if (o.signal) await api.checkVersion();
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/restart`, query: { t: o.timeout, signal: o.signal } });
}

export function killContainer(api: EngineClient, id: string, signal?: string): Promise<void> {
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/kill`, query: { signal: signal || undefined } });
}

export function removeContainer(api: EngineClient, id: string, o: { force?: boolean; volumes?: boolean; link?: boolean } = {}): Promise<void> {
  return api.call({
    method: 'DELETE',
    path: `/containers/${cid(id)}`,
    query: { force: o.force ? '1' : undefined, v: o.volumes ? '1' : undefined, link: o.link ? '1' : undefined },
  });
}

export function renameContainer(api: EngineClient, id: string, name: string): Promise<void> {
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/rename`, query: { name } });
}

export function pauseContainer(api: EngineClient, id: string): Promise<void> {
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/pause` });
}

export function unpauseContainer(api: EngineClient, id: string): Promise<void> {
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/unpause` });
}

export function topContainer(api: EngineClient, id: string, psArgs?: string): Promise<{ Titles: string[]; Processes: string[][] | null }> {
  return api.json({ path: `/containers/${cid(id)}/top`, query: { ps_args: psArgs || undefined } });
}

export interface WaitResult {
  StatusCode: number;
  Error?: { Message?: string } | null;
}

/** POST /containers/{id}/wait: resolves when the container reaches `condition`. */
export async function waitContainer(api: EngineClient, id: string, condition?: 'not-running' | 'next-exit' | 'removed', signal?: AbortSignal): Promise<WaitResult> {
  await api.checkVersion();
  return api.json<WaitResult>({ method: 'POST', path: `/containers/${cid(id)}/wait`, query: { condition }, signal });
}

/** Starts the wait request and returns once the engine has accepted it (headers received). */
export async function waitContainerEarly(api: EngineClient, id: string, condition?: 'not-running' | 'next-exit' | 'removed'): Promise<() => Promise<WaitResult>> {
  await api.checkVersion();
  const res: EngineResponse = await api.request({ method: 'POST', path: `/containers/${cid(id)}/wait`, query: { condition } });
  return async () => {
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as WaitResult;
  };
}

export interface LogsOptions {
  follow?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  since?: string;
  until?: string;
  timestamps?: boolean;
  tail?: string;
  details?: boolean;
}

export function containerLogs(api: EngineClient, id: string, o: LogsOptions, signal?: AbortSignal): Promise<EngineResponse> {
  return api.request({
    path: `/containers/${cid(id)}/logs`,
    query: {
      follow: o.follow ? '1' : undefined,
      stdout: o.stdout ? '1' : undefined,
      stderr: o.stderr ? '1' : undefined,
      since: o.since || undefined,
      until: o.until || undefined,
      timestamps: o.timestamps ? '1' : undefined,
      tail: o.tail ?? undefined,
      details: o.details ? '1' : undefined,
    },
    signal,
  });
}

export interface AttachOptions {
  stream?: boolean;
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  logs?: boolean;
  detachKeys?: string;
}

export function attachContainer(api: EngineClient, id: string, o: AttachOptions): Promise<HijackedConnection> {
  return api.hijack({
    method: 'POST',
    path: `/containers/${cid(id)}/attach`,
    query: {
      stream: o.stream ? '1' : undefined,
      stdin: o.stdin ? '1' : undefined,
      stdout: o.stdout ? '1' : undefined,
      stderr: o.stderr ? '1' : undefined,
      logs: o.logs ? '1' : undefined,
      detachKeys: o.detachKeys || undefined,
    },
  });
}

export function resizeContainer(api: EngineClient, id: string, h: number, w: number): Promise<void> {
  return api.call({ method: 'POST', path: `/containers/${cid(id)}/resize`, query: { h, w } });
}

export interface ContainerChange {
  Path: string;
  /** 0 modified, 1 added, 2 deleted */
  Kind: number;
}

export async function containerChanges(api: EngineClient, id: string): Promise<ContainerChange[]> {
  return (await api.json<ContainerChange[] | null>({ path: `/containers/${cid(id)}/changes` })) ?? [];
}

/** GET /containers/{id}/export: the container's filesystem as a tar stream (a bulk transfer) */
export function exportContainer(api: EngineClient, id: string, signal?: AbortSignal): Promise<BulkResponse> {
  return api.bulk({ path: `/containers/${cid(id)}/export`, signal });
}

export interface ContainersPruneReport {
  ContainersDeleted: string[] | null;
  SpaceReclaimed: number;
}

export function pruneContainers(api: EngineClient, filters: Record<string, string[]>): Promise<ContainersPruneReport> {
  return api.json<ContainersPruneReport>({ method: 'POST', path: '/containers/prune', query: { filters: encodeFilters(filters) } });
}

export function updateContainer(api: EngineClient, id: string, body: Record<string, unknown>): Promise<{ Warnings: string[] | null }> {
  return api.json<{ Warnings: string[] | null }>({ method: 'POST', path: `/containers/${cid(id)}/update`, body });
}
