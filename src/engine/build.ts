// POST /build: the classic builder's endpoint. The body is the context (a tar, maybe
// compressed, or a lone Dockerfile); the answer is a JSON message stream.
import type { Readable } from 'node:stream';
import type { BodyWriter, EngineClient, EngineResponse, Query } from './client.js';

/** build.ImageBuildOptions, as docker's client turns them into the query */
export interface ImageBuildOptions {
  tags?: string[];
  securityOpt?: string[];
  extraHosts?: string[];
  suppressOutput?: boolean;
  remoteContext?: string;
  noCache?: boolean;
  /** false sends rm=0 (the daemon's default is to remove) */
  remove?: boolean;
  forceRemove?: boolean;
  pullParent?: boolean;
  squash?: boolean;
  isolation?: string;
  cpuSetCpus?: string;
  networkMode?: string;
  cpuSetMems?: string;
  cpuShares?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  memory?: number;
  memorySwap?: number;
  cgroupParent?: string;
  shmSize?: number;
  dockerfile?: string;
  target?: string;
  ulimits?: { Name: string; Hard: number; Soft: number }[];
  /** null: the variable was named without a value */
  buildArgs?: Record<string, string | null>;
  labels?: Record<string, string>;
  cacheFrom?: string[];
  platform?: string;
  /** "1" for the classic builder */
  version?: string;
  /** X-Registry-Config: registry → AuthConfig */
  authConfigs?: Record<string, Record<string, string>>;
}

/** imageBuildOptionsToQuery */
export function buildQuery(o: ImageBuildOptions): Query {
  const q: Query = {};
  if (o.tags && o.tags.length > 0) q.t = o.tags;
  if (o.securityOpt && o.securityOpt.length > 0) q.securityopt = o.securityOpt;
  if (o.extraHosts && o.extraHosts.length > 0) q.extrahosts = o.extraHosts;
  if (o.suppressOutput) q.q = '1';
  if (o.remoteContext) q.remote = o.remoteContext;
  if (o.noCache) q.nocache = '1';
  if (o.remove === false) q.rm = '0';
  if (o.forceRemove) q.forcerm = '1';
  if (o.pullParent) q.pull = '1';
  if (o.squash) q.squash = '1';
  if (o.isolation && o.isolation.toLowerCase() !== 'default') q.isolation = o.isolation;
  if (o.cpuSetCpus) q.cpusetcpus = o.cpuSetCpus;
  if (o.networkMode && o.networkMode !== 'default') q.networkmode = o.networkMode;
  if (o.cpuSetMems) q.cpusetmems = o.cpuSetMems;
  if (o.cpuShares) q.cpushares = String(o.cpuShares);
  if (o.cpuQuota) q.cpuquota = String(o.cpuQuota);
  if (o.cpuPeriod) q.cpuperiod = String(o.cpuPeriod);
  if (o.memory) q.memory = String(o.memory);
  if (o.memorySwap) q.memswap = String(o.memorySwap);
  if (o.cgroupParent) q.cgroupparent = o.cgroupParent;
  if (o.shmSize) q.shmsize = String(o.shmSize);
  if (o.dockerfile) q.dockerfile = o.dockerfile;
  if (o.target) q.target = o.target;
  if (o.ulimits && o.ulimits.length > 0) q.ulimits = JSON.stringify(o.ulimits);
  if (o.buildArgs && Object.keys(o.buildArgs).length > 0) q.buildargs = JSON.stringify(sorted(o.buildArgs));
  if (o.labels && Object.keys(o.labels).length > 0) q.labels = JSON.stringify(sorted(o.labels));
  if (o.cacheFrom && o.cacheFrom.length > 0) q.cachefrom = JSON.stringify(o.cacheFrom);
  if (o.platform) q.platform = o.platform.toLowerCase();
  if (o.version) q.version = o.version;
  return q;
}

/** Go marshals maps with sorted keys */
function sorted<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k]!;
  return out;
}

/** base64.URLEncoding of the JSON, as docker's X-Registry-Config */
export function registryConfigHeader(auths: Record<string, Record<string, string>>): string {
  return Buffer.from(JSON.stringify(sorted(auths))).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Sends the build. When the engine answers before it has read the whole body (an error), the
 * body is left alone: the caller owns it and stops it.
 */
export function imageBuild(api: EngineClient, body: Readable | BodyWriter | undefined, o: ImageBuildOptions, signal?: AbortSignal): Promise<EngineResponse> {
  return api.request({
    method: 'POST',
    path: '/build',
    query: buildQuery(o),
    body,
    headers: {
      'X-Registry-Config': registryConfigHeader(o.authConfigs ?? {}),
      'Content-Type': 'application/x-tar',
    },
    signal,
  });
}
