// `stack deploy` and `stack rm` on a swarm (docker/cli cli/command/stack/swarm at v28.2.2):
// what is created, updated and removed, in docker's order, with docker's lines. Everything
// that can fail without touching the engine is checked before anything is created.
import type { Cli } from '../cli/cli.js';
import { StatusError } from '../cli/errors.js';
import { errorText } from '../cli/parallel.js';
import { engineResolver, registryAuthFor } from '../cli/service/request.js';
import { byteCompare } from '../cli/service/spec.js';
import { waitOnService } from '../cli/service-progress.js';
import { versionLess, type EngineClient } from '../engine/client.js';
import { encodeFilters } from '../engine/containers.js';
import { NotFoundError } from '../engine/errors.js';
import { goPathEscape } from '../engine/path.js';
import { inspectNetwork, listNetworks, removeNetwork, type NetworkSummary } from '../engine/networks.js';
import { createService, listServices, removeService, updateService } from '../engine/services.js';
import type { Service, ServiceSpec } from '../engine/service-types.js';
import { removeSecret } from '../engine/secrets.js';
import { removeConfig } from '../engine/configs.js';
import { listTasks } from '../engine/tasks.js';
import { engineInfo } from '../engine/system.js';
import { parseNormalizedNamed, ReferenceError } from '../util/reference.js';
import {
  convertConfigs,
  convertNetworks,
  convertSecrets,
  convertServices,
  isUserDefinedNetwork,
  LABEL_IMAGE,
  LABEL_NAMESPACE,
  Namespace,
  servicesNetworks,
  type ObjectSpec,
} from './convert.js';
import type { ComposeConfig } from './types.js';
import { deployWarnings, type ComposeFile } from './loader.js';

export const RESOLVE_IMAGE = ['always', 'changed', 'never'] as const;

/** validateStackName: a name of only quotes and spaces is refused */
export function validateStackName(name: string): void {
  if (name.replace(/^[\s"']+|[\s"']+$/gu, '') === '') throw new StatusError(`invalid stack name: ${goQuote(name)}`, 1);
}

/** Go's %q for the names users type */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

const stackFilter = (ns: string): Record<string, string[]> => ({ label: [`${LABEL_NAMESPACE}=${ns}`] });

async function stackServices(api: EngineClient, ns: string): Promise<Service[]> {
  return (await listServices(api, { filters: stackFilter(ns) })) ?? [];
}

async function stackNetworks(api: EngineClient, ns: string): Promise<NetworkSummary[]> {
  return (await listNetworks(api, stackFilter(ns))) ?? [];
}

interface SwarmObject {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Name?: string };
}

async function stackObjects(api: EngineClient, kind: 'secrets' | 'configs', ns: string): Promise<SwarmObject[]> {
  return (await api.json<SwarmObject[] | null>({ path: `/${kind}`, query: { filters: encodeFilters(stackFilter(ns)) } })) ?? [];
}

// ---------------------------------------------------------------------------------------
// what the loader leaves to the command (cli/command/stack/loader.LoadComposefile)

/** the warnings LoadComposefile prints (from the files as written: the loader's text) and its image checks */
export function checkLoaded(cli: Cli, cfg: ComposeConfig, files: ComposeFile[]): void {
  const warnings = deployWarnings(files);
  if (warnings !== '') cli.err.write(warnings);
  for (const s of cfg.services ?? []) {
    const image = s.image ?? '';
    if (image === '') throw new StatusError(`invalid image reference for service ${s.name}: no image specified`, 1);
    // reference.ParseAnyReference: an image ID (64 hex) or a name
    if (/^[a-f0-9]{64}$/.test(image)) continue;
    try {
      parseNormalizedNamed(image);
    } catch (e) {
      if (e instanceof ReferenceError) throw new StatusError(`invalid image reference for service ${s.name}: ${e.message}`, 1);
      throw e;
    }
  }
}

// ---------------------------------------------------------------------------------------
// deploy

export interface DeployOptions {
  namespace: string;
  resolveImage: string;
  sendRegistryAuth: boolean;
  prune: boolean;
  detach: boolean;
  detachChanged: boolean;
  quiet: boolean;
}

/** RunDeploy, after the compose file is loaded */
export async function runDeploy(cli: Cli, o: DeployOptions, cfg: ComposeConfig): Promise<void> {
  if (!(RESOLVE_IMAGE as readonly string[]).includes(o.resolveImage)) throw new StatusError(`Invalid option ${o.resolveImage} for flag --resolve-image`, 1);
  const api = cli.api();
  const version = await api.apiVersion();
  let resolveImage = o.resolveImage;
  if (versionLess(version, '1.30')) resolveImage = 'never';
  if (o.detach && !o.detachChanged) {
    cli.err.write('Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n');
  }
  const info = await engineInfo(api);
  if (!info?.Swarm?.ControlAvailable) {
    throw new StatusError('this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again', 1);
  }
  const ns = new Namespace(o.namespace);
  if (o.prune) await pruneServices(cli, ns, new Set((cfg.services ?? []).map((s) => s.name)));

  const { create, external } = convertNetworks(ns, cfg.networks, servicesNetworks(cfg.services ?? []));
  await validateExternalNetworks(api, external);
  await createNetworks(cli, ns, create);

  const secrets = wrapLocal(() => convertSecrets(ns, cfg.secrets));
  await createObjects(cli, 'secret', secrets);
  const configs = wrapLocal(() => convertConfigs(ns, cfg.configs));
  await createObjects(cli, 'config', configs);

  const services = await convertServices(version, ns, cfg, engineResolver(api));
  const ids = await deployServices(cli, services, ns, o.sendRegistryAuth, resolveImage);
  if (o.detach) return;
  const errors: string[] = [];
  for (const id of ids) {
    try {
      await waitOnService(cli, id, { quiet: o.quiet });
    } catch (e) {
      errors.push(`${id}: ${errorText(e)}`);
    }
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
}

/** a converter's plain Error (a file that cannot be read, a bad option) as docker's exit 1 */
function wrapLocal<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && e.constructor === Error) throw new StatusError(e.message, 1);
    throw e;
  }
}

async function validateExternalNetworks(api: EngineClient, names: string[]): Promise<void> {
  for (const name of names) {
    if (!isUserDefinedNetwork(name)) continue;
    let nw: NetworkSummary;
    try {
      nw = await inspectNetwork(api, name);
    } catch (e) {
      if (e instanceof NotFoundError) throw new StatusError(`network ${goQuote(name)} is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed`, 1);
      throw e;
    }
    if (nw.Scope !== 'swarm') throw new StatusError(`network ${goQuote(name)} is declared as external, but it is not in the right scope: ${goQuote(nw.Scope)} instead of "swarm"`, 1);
  }
}

async function createNetworks(cli: Cli, ns: Namespace, networks: ReturnType<typeof convertNetworks>['create']): Promise<void> {
  const api = cli.api();
  const existing = new Set((await stackNetworks(api, ns.name)).map((n) => n.Name));
  for (const [name, opts] of networks) {
    if (existing.has(name)) continue;
    const body: Record<string, unknown> = { ...opts, Driver: opts.Driver || 'overlay', Name: name };
    if (versionLess(await api.apiVersion(), '1.44')) body.CheckDuplicate = true;
    cli.out.write(`Creating network ${name}\n`);
    try {
      await api.json({ method: 'POST', path: '/networks/create', body });
    } catch (e) {
      throw new StatusError(`failed to create network ${name}: ${errorText(e)}`, 1);
    }
  }
}

/** swarm.SecretSpec / ConfigSpec as Go encodes them */
function objectBody(s: ObjectSpec): Record<string, unknown> {
  const body: Record<string, unknown> = { Name: s.Name, Labels: s.Labels };
  if (s.Data && s.Data.length > 0) body.Data = s.Data.toString('base64');
  if (s.Driver) {
    const d: Record<string, unknown> = {};
    if (s.Driver.Name) d.Name = s.Driver.Name;
    if (s.Driver.Options && Object.keys(s.Driver.Options).length > 0) d.Options = s.Driver.Options;
    body.Driver = d;
  }
  if (s.Templating) body.Templating = s.Templating.Name ? { Name: s.Templating.Name } : {};
  return body;
}

/** createSecrets / createConfigs: an existing one (by name) is updated, silently; a new one created */
async function createObjects(cli: Cli, kind: 'secret' | 'config', specs: ObjectSpec[]): Promise<void> {
  const api = cli.api();
  for (const spec of specs) {
    let current: SwarmObject | undefined;
    try {
      current = await api.json<SwarmObject>({ path: `/${kind}s/${goPathEscape(spec.Name)}` });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
    if (current) {
      try {
        await api.call({ method: 'POST', path: `/${kind}s/${goPathEscape(current.ID)}/update`, query: { version: String(current.Version?.Index ?? 0) }, body: objectBody(spec) });
      } catch (e) {
        throw new StatusError(`failed to update ${kind} ${spec.Name}: ${errorText(e)}`, 1);
      }
      continue;
    }
    cli.out.write(`Creating ${kind} ${spec.Name}\n`);
    try {
      await api.json({ method: 'POST', path: `/${kind}s/create`, body: objectBody(spec) });
    } catch (e) {
      throw new StatusError(`failed to create ${kind} ${spec.Name}: ${errorText(e)}`, 1);
    }
  }
}

async function deployServices(cli: Cli, services: Map<string, ServiceSpec>, ns: Namespace, sendAuth: boolean, resolveImage: string): Promise<string[]> {
  const api = cli.api();
  const existing = new Map((await stackServices(api, ns.name)).map((s) => [s.Spec.Name ?? '', s]));
  const ids: string[] = [];
  for (const [internal, spec] of services) {
    const name = ns.scope(internal);
    const cs = spec.TaskTemplate.ContainerSpec!;
    const image = cs.Image ?? '';
    const registryAuth = sendAuth ? registryAuthFor(cli, image) : undefined;
    const current = existing.get(name);
    if (current) {
      cli.out.write(`Updating service ${name} (id: ${current.ID})\n`);
      const sameImage = image === (current.Spec.Labels?.[LABEL_IMAGE] ?? '');
      let queryRegistry = false;
      if (resolveImage === 'always') queryRegistry = true;
      else if (resolveImage === 'changed') {
        if (!sameImage) queryRegistry = true;
        else cs.Image = current.Spec.TaskTemplate.ContainerSpec?.Image;
      } else if (sameImage) cs.Image = current.Spec.TaskTemplate.ContainerSpec?.Image;
      spec.TaskTemplate.ForceUpdate = current.Spec.TaskTemplate.ForceUpdate ?? 0;
      let res;
      try {
        res = await updateService(api, current.ID, current.Version.Index ?? 0, spec, { registryAuth, queryRegistry });
      } catch (e) {
        throw new StatusError(`failed to update service ${name}: ${errorText(e)}`, 1);
      }
      for (const w of res.Warnings) cli.err.write(`${w}\n`);
      ids.push(current.ID);
    } else {
      cli.out.write(`Creating service ${name}\n`);
      let res;
      try {
        res = await createService(api, spec, { registryAuth, queryRegistry: resolveImage === 'always' || resolveImage === 'changed' });
      } catch (e) {
        throw new StatusError(`failed to create service ${name}: ${errorText(e)}`, 1);
      }
      ids.push(res.ID);
    }
  }
  return ids;
}

async function pruneServices(cli: Cli, ns: Namespace, keep: Set<string>): Promise<void> {
  let old: Service[] = [];
  try {
    old = await stackServices(cli.api(), ns.name);
  } catch (e) {
    cli.err.write(`Failed to list services: ${errorText(e)}\n`);
  }
  await removeServices(cli, old.filter((s) => !keep.has(ns.descope(s.Spec.Name ?? ''))));
}

// ---------------------------------------------------------------------------------------
// rm

async function removeServices(cli: Cli, services: Service[]): Promise<boolean> {
  let failed = false;
  for (const s of [...services].sort((a, b) => byteCompare(a.Spec.Name ?? '', b.Spec.Name ?? ''))) {
    cli.out.write(`Removing service ${s.Spec.Name ?? ''}\n`);
    try {
      await removeService(cli.api(), s.ID);
    } catch (e) {
      failed = true;
      // (docker's line has no newline)
      cli.err.write(`Failed to remove service ${s.ID}: ${errorText(e)}`);
    }
  }
  return failed;
}

async function removeEach(cli: Cli, what: string, items: { id: string; name: string }[], remove: (id: string) => Promise<void>): Promise<boolean> {
  let failed = false;
  for (const it of items) {
    cli.out.write(`Removing ${what} ${it.name}\n`);
    try {
      await remove(it.id);
    } catch (e) {
      failed = true;
      cli.err.write(`Failed to remove ${what} ${it.id}: ${errorText(e)}`);
    }
  }
  return failed;
}

const TASK_STATES = ['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected'];
const terminalState = (s: string | undefined): boolean => TASK_STATES.indexOf(s ?? '') > TASK_STATES.indexOf('running');

/** waitOnTasks: polls the stack's tasks until as many polls saw a terminal task as there are tasks (docker's loop, as written) */
async function waitOnTasks(api: EngineClient, ns: string): Promise<void> {
  let reached = 0;
  for (;;) {
    const tasks = await listTasks(api, stackFilter(ns));
    if (tasks.some((t) => terminalState(t.Status?.State))) reached++;
    if (reached === tasks.length) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** RunRemove */
export async function runRemove(cli: Cli, namespaces: string[], detach: boolean): Promise<void> {
  const api = cli.api();
  const version = await api.apiVersion();
  const errors: string[] = [];
  for (const ns of namespaces) {
    const services = await stackServices(api, ns);
    const networks = await stackNetworks(api, ns);
    const secrets = versionLess(version, '1.25') ? [] : await stackObjects(api, 'secrets', ns);
    const configs = versionLess(version, '1.30') ? [] : await stackObjects(api, 'configs', ns);
    if (services.length + networks.length + secrets.length + configs.length === 0) {
      cli.err.write(`Nothing found in stack: ${ns}\n`);
      continue;
    }
    const named = (l: SwarmObject[]): { id: string; name: string }[] => l.map((x) => ({ id: x.ID, name: x.Spec?.Name ?? '' }));
    let failed = await removeServices(cli, services);
    failed = (await removeEach(cli, 'secret', named(secrets), (id) => removeSecret(api, id))) || failed;
    failed = (await removeEach(cli, 'config', named(configs), (id) => removeConfig(api, id))) || failed;
    failed = (await removeEach(cli, 'network', networks.map((n) => ({ id: n.Id, name: n.Name })), (id) => removeNetwork(api, id))) || failed;
    if (failed) {
      errors.push(`failed to remove some resources from stack: ${ns}`);
      continue;
    }
    if (!detach) {
      try {
        await waitOnTasks(api, ns);
      } catch (e) {
        errors.push(`failed to wait on tasks of stack: ${ns}: failed to get tasks: ${errorText(e)}`);
      }
    }
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
}
