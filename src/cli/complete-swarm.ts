// Completion of swarm object names, as docker's completeServiceNames and completeNodeNames
// offer them: every service's name (and ID with DOCKER_COMPLETION_SHOW_SERVICE_IDS=yes), every
// node's hostname (and ID with DOCKER_COMPLETION_SHOW_NODE_IDS=yes) then "self"; off a swarm
// manager, cobra's error directive.
import { Cli, type GlobalOptions } from './cli.js';
import { listServices } from '../engine/services.js';
import { listNodes } from '../engine/tasks.js';

/** which names a verb's arguments complete to; undefined when not a swarm object verb of this file */
export function swarmCompletionKind(path: string[]): 'service' | 'node' | undefined {
  const [group, verb] = path;
  if (group === 'service' && (verb === 'ps' || verb === 'inspect' || verb === 'rm')) return 'service';
  if (group === 'node' && verb === 'ps') return 'node';
  return undefined;
}

/** the candidates, or undefined when the engine could not list them */
export async function completeSwarmObjects(kind: 'service' | 'node', globals: GlobalOptions): Promise<string[] | undefined> {
  const cli = new Cli(globals);
  try {
    if (kind === 'service') {
      const ids = process.env.DOCKER_COMPLETION_SHOW_SERVICE_IDS === 'yes';
      return ((await listServices(cli.api())) ?? []).flatMap((s) => (ids ? [s.Spec?.Name ?? '', s.ID] : [s.Spec?.Name ?? '']));
    }
    const ids = process.env.DOCKER_COMPLETION_SHOW_NODE_IDS === 'yes';
    const nodes = (await listNodes(cli.api())).flatMap((n) => (ids ? [n.Description?.Hostname ?? '', n.ID] : [n.Description?.Hostname ?? '']));
    return [...nodes, 'self'];
  } catch {
    return undefined;
  } finally {
    cli.close();
  }
}
