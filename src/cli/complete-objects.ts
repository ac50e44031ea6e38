// Completion of object names for the network and volume verbs, as docker's
// completion.NetworkNames / VolumeNames / ContainerNames offer them: networks and volumes by
// name in the engine's order; for `network connect` the containers not yet on the network,
// for `network disconnect` those on it; images by their tags for the image verbs.
import type { FlagSpec } from './flags.js';
import { Cli, type GlobalOptions } from './cli.js';
import { listContainers } from '../engine/containers.js';
import { listNetworks } from '../engine/networks.js';
import { listVolumes } from '../engine/volumes.js';
import { listImages } from '../engine/images.js';

/** the positional words typed after the command path (flag values left out) */
export function positionalWords(words: string[], path: string[], flags: FlagSpec[]): string[] {
  let i = 0;
  for (const p of path) {
    while (i < words.length && words[i] !== p) i++;
    i++;
  }
  const takesValue = (f: FlagSpec | undefined): boolean => f !== undefined && f.kind !== 'bool';
  const out: string[] = [];
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      out.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      if (!w.includes('=') && takesValue(flags.find((f) => f.name === w.slice(2)))) i++;
    } else if (w.startsWith('-') && w.length > 1) {
      const last = flags.find((f) => f.short === w[w.length - 1]);
      if (w.length === 2 && takesValue(last)) i++;
    } else {
      out.push(w);
    }
  }
  return out;
}

/** candidates for the next positional word of `path`, undefined when it takes no object names */
export async function completeObjects(path: string[], args: string[], globals: GlobalOptions = { debug: false, host: [], tls: false, tlsverify: false, tlsverifyChanged: false }): Promise<string[] | undefined> {
  const [group, verb] = path;
  let kind: 'network' | 'volume' | 'container' | 'image' | undefined;
  if (group === 'volume' && (verb === 'rm' || verb === 'inspect')) kind = 'volume';
  else if (group === 'network' && (verb === 'rm' || verb === 'inspect')) kind = 'network';
  else if (group === 'network' && (verb === 'connect' || verb === 'disconnect')) kind = args.length === 0 ? 'network' : 'container';
  // docker's completion.ImageNames(limit): every image's RepoTags, none once `limit` arguments are there
  const imageLimits: Record<string, number> = { history: 1, tag: 2, rm: -1, save: -1, inspect: -1 };
  if (group === 'image' && verb !== undefined && imageLimits[verb] !== undefined) {
    const limit = imageLimits[verb]!;
    if (limit > 0 && args.length >= limit) return [];
    kind = 'image';
  }
  if (!kind) return undefined;
  const cli = new Cli(globals);
  try {
    if (kind === 'image') return (await listImages(cli.api())).flatMap((i) => i.RepoTags ?? []);
    if (kind === 'network') return (await listNetworks(cli.api())).map((n) => n.Name);
    if (kind === 'volume') return ((await listVolumes(cli.api())).Volumes ?? []).map((v) => v.Name);
    const network = args[0]!;
    const connected = verb === 'disconnect';
    const list = await listContainers(cli.api(), { all: true });
    return list
      .filter((c) => Object.prototype.hasOwnProperty.call(c.NetworkSettings?.Networks ?? {}, network) === connected)
      .flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
  } catch {
    return [];
  } finally {
    cli.close();
  }
}

// ---------------------------------------------------------------------------------------
// swarm objects: docker's completeNodeNames, completeServiceNames (and completeScaleArgs),
// and the secret and config completeNames

/** cobra's directives these completions answer with */
export const DIRECTIVE_ERROR = 1;
export const DIRECTIVE_NO_FILE = 4;
export const DIRECTIVE_NO_SPACE_NO_FILE = 6;

export interface ObjectCompletion {
  out: string[];
  directive: number;
}

type ApiOf = ReturnType<Cli['api']>;

async function withApi(globals: GlobalOptions, list: (api: ApiOf) => Promise<string[]>, directive = DIRECTIVE_NO_FILE): Promise<ObjectCompletion> {
  const cli = new Cli(globals);
  try {
    return { out: await list(cli.api()), directive };
  } catch {
    return { out: [], directive: DIRECTIVE_ERROR };
  } finally {
    cli.close();
  }
}

/** completeNodeNames: hostnames (with IDs when DOCKER_COMPLETION_SHOW_NODE_IDS=yes) in the engine's order, then "self" */
export function completeNodeNames(globals: GlobalOptions): Promise<ObjectCompletion> {
  const showIds = process.env.DOCKER_COMPLETION_SHOW_NODE_IDS === 'yes';
  return withApi(globals, async (api) => {
    const { listNodes } = await import('../engine/nodes.js');
    const nodes = await listNodes(api);
    return [...nodes.flatMap((n) => [n.Description?.Hostname ?? '', ...(showIds ? [n.ID] : [])]), 'self'];
  });
}

/**
 * completeServiceNames: service names (with IDs when DOCKER_COMPLETION_SHOW_SERVICE_IDS=yes)
 * in the engine's order; `scale` (completeScaleArgs) offers each with "=" and no space after.
 */
export function completeServiceNames(globals: GlobalOptions, scale = false): Promise<ObjectCompletion> {
  const showIds = process.env.DOCKER_COMPLETION_SHOW_SERVICE_IDS === 'yes';
  return withApi(
    globals,
    async (api) => {
      const { listServices } = await import('../engine/services.js');
      const services = await listServices(api);
      const names = services.flatMap((s) => [s.Spec?.Name ?? '', ...(showIds ? [s.ID] : [])]);
      return scale ? names.map((n) => `${n}=`) : names;
    },
    scale ? DIRECTIVE_NO_SPACE_NO_FILE : DIRECTIVE_NO_FILE,
  );
}

/** the secret and config completeNames: their IDs, in the engine's order */
export function completeSecretOrConfigIDs(globals: GlobalOptions, kind: 'secret' | 'config'): Promise<ObjectCompletion> {
  return withApi(globals, async (api) => {
    if (kind === 'secret') {
      const { listSecrets } = await import('../engine/secrets.js');
      return (await listSecrets(api)).map((s) => s.ID);
    }
    const { listConfigs } = await import('../engine/configs.js');
    return (await listConfigs(api)).map((s) => s.ID);
  });
}

/** stack's completeNames: the stacks' names (docker's come in Go map order; berth's sorted) */
export function completeStackNames(globals: GlobalOptions): Promise<ObjectCompletion> {
  return withApi(globals, async (api) => {
    const { listServices } = await import('../engine/services.js');
    const { allStacksFilter, stacksOf } = await import('./stacks.js');
    return stacksOf(await listServices(api, { filters: allStacksFilter() })).map((s) => s.Name);
  });
}

/** the verbs docker completes swarm object names for */
const SWARM_COMPLETION: Record<string, Record<string, (g: GlobalOptions) => Promise<ObjectCompletion>>> = {
  node: Object.fromEntries(['demote', 'inspect', 'promote', 'ps', 'rm', 'update'].map((v) => [v, completeNodeNames])),
  service: {
    ...Object.fromEntries(['inspect', 'logs', 'ps', 'rm', 'rollback', 'update'].map((v) => [v, (g: GlobalOptions) => completeServiceNames(g)])),
    scale: (g) => completeServiceNames(g, true),
  },
  // (docker's secret ls completes secret IDs too)
  secret: Object.fromEntries(['inspect', 'ls', 'rm'].map((v) => [v, (g: GlobalOptions) => completeSecretOrConfigIDs(g, 'secret')])),
  config: Object.fromEntries(['inspect', 'rm'].map((v) => [v, (g: GlobalOptions) => completeSecretOrConfigIDs(g, 'config')])),
  // (every argument, not only the first: the completion function does not count them)
  stack: Object.fromEntries(['deploy', 'ps', 'rm', 'services'].map((v) => [v, completeStackNames])),
};

/** the candidates for a swarm verb's arguments; undefined when docker completes none */
export function completeSwarmObjects(path: string[], globals: GlobalOptions): Promise<ObjectCompletion> | undefined {
  const [group, verb] = path;
  const fn = SWARM_COMPLETION[group ?? '']?.[verb ?? ''];
  return fn ? fn(globals) : undefined;
}

/**
 * a flag value completed from a source rather than a list (spec.flagValues' "<…>" entries):
 * docker's completion.NetworkNames, ImageNames(-1), EnvVarNames, FileNames
 */
export async function completeFlagSource(source: string, globals: GlobalOptions): Promise<ObjectCompletion> {
  switch (source) {
    case '<networks>':
      return withApi(globals, async (api) => (await listNetworks(api)).map((n) => n.Name));
    case '<images>':
      return withApi(globals, async (api) => (await listImages(api)).flatMap((i) => i.RepoTags ?? []));
    case '<envvars>':
      // os.Environ's names, in the environment's order
      return { out: Object.keys(process.env), directive: DIRECTIVE_NO_FILE };
    case '<files>':
      return { out: [], directive: 0 };
    default:
      throw new Error(`unknown flag completion source ${source}`);
  }
}
