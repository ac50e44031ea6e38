// /services: create, update, inspect, list; and what the moby client's ServiceCreate and
// ServiceUpdate do around the request: the image tagged (busybox -> busybox:latest), its digest
// and platforms looked up through the engine (GET /distribution/NAME/json) when asked, a
// warning when that lookup fails. Plus the name lookups of secrets and configs that docker's
// ParseSecrets / ParseConfigs make.
import { readText, versionLess, type EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
import { expectObject } from './errors.js';
import { goPathEscape, trimRef } from './path.js';
import { distributionInspect } from './registry.js';
import { familiarString, parseNormalizedNamed, withDefaultTag, ReferenceError } from '../util/reference.js';
import type { Service, ServiceSpec, TaskSpec } from './service-types.js';
import { goServiceSpec } from './service-encode.js';

const servicePath = (ref: string, rest = ''): string => `/services/${goPathEscape(trimRef('service', ref))}${rest}`;

/** imageWithTagString: the familiar name with :latest when no tag or digest was given; '' when it does not parse */
export function imageWithTag(image: string): string {
  try {
    return familiarString(withDefaultTag(parseNormalizedNamed(image)));
  } catch (e) {
    if (e instanceof ReferenceError) return '';
    throw e;
  }
}

/** imageWithDigestString: the image pinned to `digest` unless it already has one */
export function imageWithDigest(image: string, digest: string): string {
  try {
    const ref = parseNormalizedNamed(image);
    if (ref.digest) return image;
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) return image;
    return familiarString({ ...ref, digest });
  } catch (e) {
    if (e instanceof ReferenceError) return image;
    throw e;
  }
}

/** digestWarning */
export function digestWarning(image: string): string {
  return `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n`;
}

/** resolveContainerSpecImage: pins the image to its digest and sets the platforms, or returns the warning */
async function resolveImage(api: EngineClient, task: TaskSpec, registryAuth: string): Promise<string | undefined> {
  const image = task.ContainerSpec!.Image ?? '';
  try {
    if (image === '') throw new Error('no image');
    const d = await distributionInspect(api, image, registryAuth);
    task.ContainerSpec!.Image = imageWithDigest(image, d.Descriptor?.digest ?? '');
    const platforms = d.Platforms ?? [];
    if (platforms.length > 0) {
      task.Placement ??= {};
      // arm's architecture is cleared (the node reports armv7l...), as the moby client does;
      // swarm.Platform's members are omitempty
      task.Placement.Platforms = platforms.map((p) => {
        const arch = (p.architecture ?? '').toLowerCase() === 'arm' ? '' : (p.architecture ?? '');
        return { Architecture: arch || undefined, OS: p.os || undefined };
      });
    }
    return undefined;
  } catch {
    return digestWarning(image);
  }
}

export interface ServiceRequestOptions {
  /** X-Registry-Auth, sent when not empty */
  registryAuth?: string;
  /** look the image's digest up (QueryRegistry) */
  queryRegistry?: boolean;
}

/** validateServiceSpec */
function validateSpec(spec: ServiceSpec): void {
  const t = spec.TaskTemplate;
  if (t.ContainerSpec && t.PluginSpec) throw new Error('must not specify both a container spec and a plugin spec in the task template');
  if (t.PluginSpec && t.Runtime !== 'plugin') throw new Error('mismatched runtime with plugin spec');
  if (t.ContainerSpec && t.Runtime && t.Runtime !== 'container') throw new Error('mismatched runtime with container spec');
}

/** validateAPIVersion, which the moby client applies below API 1.30 only */
function checkOldAPI(spec: ServiceSpec, apiVersion: string): void {
  if (!versionLess(apiVersion, '1.30')) return;
  for (const m of spec.TaskTemplate.ContainerSpec?.Mounts ?? []) {
    if (m.BindOptions?.NonRecursive && versionLess(apiVersion, '1.40')) throw new Error('bind-recursive=disabled requires API v1.40 or later');
    if (m.BindOptions?.ReadOnlyForceRecursive && versionLess(apiVersion, '1.44')) throw new Error('bind-recursive=readonly requires API v1.44 or later');
  }
}

/** tags the image and, when asked, pins it: returns the warning of a failed lookup */
async function prepareImage(api: EngineClient, spec: ServiceSpec, o: ServiceRequestOptions): Promise<string | undefined> {
  const cs = spec.TaskTemplate.ContainerSpec;
  if (!cs) return undefined;
  const tagged = imageWithTag(cs.Image ?? '');
  if (tagged !== '') cs.Image = tagged;
  return o.queryRegistry ? resolveImage(api, spec.TaskTemplate, o.registryAuth ?? '') : undefined;
}

async function requestHeaders(api: EngineClient, o: ServiceRequestOptions): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const v = await api.apiVersion();
  // before API 1.30 the "version" header chose between client- and server-side digest lookup
  if (versionLess(v, '1.30')) headers.version = v;
  if (o.registryAuth) headers['X-Registry-Auth'] = o.registryAuth;
  return headers;
}

/** POST /services/create: the new service's ID, and the warnings to print (the engine's, then the lookup's) */
export async function createService(api: EngineClient, spec: ServiceSpec, o: ServiceRequestOptions = {}): Promise<{ ID: string; Warnings: string[] }> {
  await api.checkVersion();
  const v = await api.apiVersion();
  if (!spec.TaskTemplate.ContainerSpec && (!spec.TaskTemplate.Runtime || spec.TaskTemplate.Runtime === 'container')) spec.TaskTemplate.ContainerSpec = {};
  validateSpec(spec);
  checkOldAPI(spec, v);
  const warning = await prepareImage(api, spec, o);
  const res = await api.json<{ ID: string; Warnings?: string[] | null }>({ method: 'POST', path: '/services/create', body: goServiceSpec(spec), headers: await requestHeaders(api, o) });
  const warnings = [...(res?.Warnings ?? [])];
  if (warning) warnings.push(warning);
  return { ID: res?.ID ?? '', Warnings: warnings };
}

export interface ServiceUpdateOptions extends ServiceRequestOptions {
  /** "spec" or "previous-spec" */
  registryAuthFrom?: string;
  /** "previous": the engine rolls the service back */
  rollback?: string;
}

/** POST /services/{id}/update?version=N: the warnings to print */
export async function updateService(api: EngineClient, id: string, version: number, spec: ServiceSpec, o: ServiceUpdateOptions = {}): Promise<{ Warnings: string[] }> {
  await api.checkVersion();
  const path = servicePath(id, '/update');
  validateSpec(spec);
  const warning = await prepareImage(api, spec, o);
  const res = await api.json<{ Warnings?: string[] | null } | undefined>({
    method: 'POST',
    path,
    query: { registryAuthFrom: o.registryAuthFrom || undefined, rollback: o.rollback || undefined, version: String(version) },
    body: goServiceSpec(spec),
    headers: await requestHeaders(api, o),
  });
  const warnings = [...(res?.Warnings ?? [])];
  if (warning) warnings.push(warning);
  return { Warnings: warnings };
}

/** GET /services/{id}: the raw JSON text (insertDefaults as docker asks: inspect true, update false) */
export async function inspectServiceRaw(api: EngineClient, ref: string, insertDefaults = false): Promise<string> {
  const res = await api.request({ path: servicePath(ref), query: { insertDefaults: String(insertDefaults) } });
  return expectObject(await readText(res.body), 'swarm.Service');
}

export async function inspectService(api: EngineClient, ref: string, insertDefaults = false): Promise<Service> {
  return JSON.parse(await inspectServiceRaw(api, ref, insertDefaults)) as Service;
}

/** GET /services */
export function listServices(api: EngineClient, o: { filters?: Record<string, string[]>; status?: boolean } = {}): Promise<Service[]> {
  return api.json<Service[]>({ path: '/services', query: { filters: encodeFilters(o.filters), status: o.status ? 'true' : undefined } });
}

/** name -> ID of the secrets (or configs) of these names: the list ParseSecrets / ParseConfigs asks for */
export async function swarmObjectIDs(api: EngineClient, kind: 'secrets' | 'configs', names: string[]): Promise<Map<string, string>> {
  const list = await api.json<{ ID: string; Spec?: { Name?: string } }[]>({ path: `/${kind}`, query: { filters: encodeFilters({ name: names }) } });
  const out = new Map<string, string>();
  for (const o of list ?? []) out.set(o.Spec?.Name ?? '', o.ID);
  return out;
}

/** swarm.Task: the members the convergence progress reads */
export interface SwarmTask {
  ID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: { State?: string; Err?: string; Message?: string };
  JobIteration?: { Index?: number } | null;
  [k: string]: unknown;
}

/** GET /tasks?filters={"service":[id],"_up-to-date":["true"]}: the service's up-to-date tasks */
export function listUpToDateTasks(api: EngineClient, serviceId: string): Promise<SwarmTask[]> {
  return api.json<SwarmTask[]>({ path: '/tasks', query: { filters: encodeFilters({ service: [serviceId], '_up-to-date': ['true'] }) } }).then((t) => t ?? []);
}

/** GET /nodes: the IDs of the nodes not down (getActiveNodes) */
export async function activeNodeIDs(api: EngineClient): Promise<Set<string>> {
  const nodes = await api.json<{ ID: string; Status?: { State?: string } }[]>({ path: '/nodes' });
  return new Set((nodes ?? []).filter((n) => n.Status?.State !== 'down').map((n) => n.ID));
}

/** DELETE /services/{id} */
export function removeService(api: EngineClient, ref: string): Promise<void> {
  return api.call({ method: 'DELETE', path: servicePath(ref) });
}
