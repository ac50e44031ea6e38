// The command tree: cheap, static metadata only. A command's file is imported when that
// command runs (or shows its help), so start-up never pays for the others.
import type { CommandModule } from './spec.js';
import type { FlagSpec } from './flags.js';

export type Category = 'common' | 'management' | 'swarm' | 'other';

export interface CommandEntry {
  /** canonical path: ['container', 'ls'] */
  path: string[];
  /** other paths that reach it, docker's order for the Aliases section */
  aliases: string[][];
  short: string;
  load: () => Promise<CommandModule>;
}

export interface GroupEntry {
  name: string;
  short: string;
  /** cobra's Use without the name, when the group has one (`stack [OPTIONS]`): its usage lines */
  use?: string;
  /**
   * the group's "version" annotation when docker checks it for the group and every verb in it,
   * help included (the group's help function runs the root's PersistentPreRunE: stack)
   */
  apiVersion?: string;
  /** the group's persistent flags: every verb takes them, help shows none (stack's hidden --orchestrator) */
  flags?: FlagSpec[];
}

/** docker 28's `stack --orchestrator`: still parsed everywhere under stack, deprecated and ignored */
const ORCHESTRATOR_FLAG: FlagSpec = {
  name: 'orchestrator',
  kind: 'value',
  type: 'string',
  usage: 'Orchestrator to use (swarm|all)',
  hidden: true,
  deprecated: 'option will be ignored',
};

export const groups: GroupEntry[] = [
  { name: 'builder', short: 'Manage builds' },
  { name: 'config', short: 'Manage Swarm configs' },
  { name: 'container', short: 'Manage containers' },
  { name: 'context', short: 'Manage contexts' },
  { name: 'image', short: 'Manage images' },
  { name: 'network', short: 'Manage networks' },
  { name: 'node', short: 'Manage Swarm nodes' },
  { name: 'secret', short: 'Manage Swarm secrets' },
  { name: 'service', short: 'Manage Swarm services' },
  { name: 'stack', short: 'Manage Swarm stacks', use: '[OPTIONS]', apiVersion: '1.25', flags: [ORCHESTRATOR_FLAG] },
  { name: 'swarm', short: 'Manage Swarm' },
  { name: 'system', short: 'Manage Docker' },
  { name: 'volume', short: 'Manage volumes' },
];

const c = (verb: string, short: string, aliases: string[][], load: () => Promise<CommandModule>, group = 'container'): CommandEntry => ({
  path: [group, verb],
  aliases,
  short,
  load,
});

export const commands: CommandEntry[] = [
  c('ls', 'List containers', [['container', 'list'], ['container', 'ps'], ['ps']], () => import('../../commands/container/ls.js')),
  c('inspect', 'Display detailed information on one or more containers', [], () => import('../../commands/container/inspect.js')),
  c('create', 'Create a new container', [['create']], () => import('../../commands/container/create.js')),
  c('run', 'Create and run a new container from an image', [['run']], () => import('../../commands/container/run.js')),
  c('start', 'Start one or more stopped containers', [['start']], () => import('../../commands/container/start.js')),
  c('stats', 'Display a live stream of container(s) resource usage statistics', [['stats']], () => import('../../commands/container/stats.js')),
  c('exec', 'Execute a command in a running container', [['exec']], () => import('../../commands/container/exec.js')),
  c('attach', 'Attach local standard input, output, and error streams to a running container', [['attach']], () => import('../../commands/container/attach.js')),
  c('stop', 'Stop one or more running containers', [['stop']], () => import('../../commands/container/stop.js')),
  c('restart', 'Restart one or more containers', [['restart']], () => import('../../commands/container/restart.js')),
  c('kill', 'Kill one or more running containers', [['kill']], () => import('../../commands/container/kill.js')),
  c('rm', 'Remove one or more containers', [['container', 'remove'], ['rm']], () => import('../../commands/container/rm.js')),
  c('logs', 'Fetch the logs of a container', [['logs']], () => import('../../commands/container/logs.js')),
  c('wait', 'Block until one or more containers stop, then print their exit codes', [['wait']], () => import('../../commands/container/wait.js')),
  c('rename', 'Rename a container', [['rename']], () => import('../../commands/container/rename.js')),
  c('pause', 'Pause all processes within one or more containers', [['pause']], () => import('../../commands/container/pause.js')),
  c('unpause', 'Unpause all processes within one or more containers', [['unpause']], () => import('../../commands/container/unpause.js')),
  c('top', 'Display the running processes of a container', [['top']], () => import('../../commands/container/top.js')),
  c('port', 'List port mappings or a specific mapping for the container', [['port']], () => import('../../commands/container/port.js')),
  c('diff', "Inspect changes to files or directories on a container's filesystem", [['diff']], () => import('../../commands/container/diff.js')),
  c('export', "Export a container's filesystem as a tar archive", [['export']], () => import('../../commands/container/export.js')),
  c('cp', 'Copy files/folders between a container and the local filesystem', [['cp']], () => import('../../commands/container/cp.js')),
  c('prune', 'Remove all stopped containers', [], () => import('../../commands/container/prune.js')),
  c('update', 'Update configuration of one or more containers', [['update']], () => import('../../commands/container/update.js')),
  c('version', 'Show the Docker version information', [['version']], () => import('../../commands/system/version.js'), ''),
  c('info', 'Display system-wide information', [['info']], () => import('../../commands/system/info.js'), 'system'),
  c('events', 'Get real time events from the server', [['events']], () => import('../../commands/system/events.js'), 'system'),
  c('df', 'Show docker disk usage', [], () => import('../../commands/system/df.js'), 'system'),
  c('prune', 'Remove unused data', [], () => import('../../commands/system/prune.js'), 'system'),
  c('inspect', 'Return low-level information on Docker objects', [['inspect']], () => import('../../commands/system/inspect.js'), ''),
  c('ls', 'List networks', [['network', 'list']], () => import('../../commands/network/ls.js'), 'network'),
  c('create', 'Create a network', [], () => import('../../commands/network/create.js'), 'network'),
  c('rm', 'Remove one or more networks', [['network', 'remove']], () => import('../../commands/network/rm.js'), 'network'),
  c('inspect', 'Display detailed information on one or more networks', [], () => import('../../commands/network/inspect.js'), 'network'),
  c('connect', 'Connect a container to a network', [], () => import('../../commands/network/connect.js'), 'network'),
  c('disconnect', 'Disconnect a container from a network', [], () => import('../../commands/network/disconnect.js'), 'network'),
  c('prune', 'Remove all unused networks', [], () => import('../../commands/network/prune.js'), 'network'),
  c('ls', 'List volumes', [['volume', 'list']], () => import('../../commands/volume/ls.js'), 'volume'),
  c('create', 'Create a volume', [], () => import('../../commands/volume/create.js'), 'volume'),
  c('rm', 'Remove one or more volumes', [['volume', 'remove']], () => import('../../commands/volume/rm.js'), 'volume'),
  c('inspect', 'Display detailed information on one or more volumes', [], () => import('../../commands/volume/inspect.js'), 'volume'),
  c('prune', 'Remove unused local volumes', [], () => import('../../commands/volume/prune.js'), 'volume'),
  c('build', 'Build an image from a Dockerfile', [['build'], ['builder', 'build']], () => import('../../commands/image/build.js'), 'image'),
  c('commit', "Create a new image from a container's changes", [['commit']], () => import('../../commands/container/commit.js')),
  c('ls', 'List images', [['image', 'list'], ['images']], () => import('../../commands/image/ls.js'), 'image'),
  c('history', 'Show the history of an image', [['history']], () => import('../../commands/image/history.js'), 'image'),
  c('tag', 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', [['tag']], () => import('../../commands/image/tag.js'), 'image'),
  c('rm', 'Remove one or more images', [['image', 'remove'], ['rmi']], () => import('../../commands/image/rm.js'), 'image'),
  c('inspect', 'Display detailed information on one or more images', [], () => import('../../commands/image/inspect.js'), 'image'),
  c('prune', 'Remove unused images', [], () => import('../../commands/image/prune.js'), 'image'),
  c('prune', 'Remove build cache', [], () => import('../../commands/builder/prune.js'), 'builder'),
  c('save', 'Save one or more images to a tar archive (streamed to STDOUT by default)', [['save']], () => import('../../commands/image/save.js'), 'image'),
  c('load', 'Load an image from a tar archive or STDIN', [['load']], () => import('../../commands/image/load.js'), 'image'),
  c('import', 'Import the contents from a tarball to create a filesystem image', [['import']], () => import('../../commands/image/import.js'), 'image'),
  c('pull', 'Download an image from a registry', [['pull']], () => import('../../commands/image/pull.js'), 'image'),
  c('push', 'Upload an image to a registry', [['push']], () => import('../../commands/image/push.js'), 'image'),
  c('login', 'Authenticate to a registry', [['login']], () => import('../../commands/registry/login.js'), ''),
  c('logout', 'Log out from a registry', [['logout']], () => import('../../commands/registry/logout.js'), ''),
  c('search', 'Search Docker Hub for images', [['search']], () => import('../../commands/registry/search.js'), ''),
  c('create', 'Create a context', [], () => import('../../commands/context/create.js'), 'context'),
  c('export', 'Export a context to a tar archive FILE or a tar stream on STDOUT.', [], () => import('../../commands/context/export.js'), 'context'),
  c('import', 'Import a context from a tar or zip file', [], () => import('../../commands/context/import.js'), 'context'),
  c('inspect', 'Display detailed information on one or more contexts', [], () => import('../../commands/context/inspect.js'), 'context'),
  c('ls', 'List contexts', [['context', 'list']], () => import('../../commands/context/ls.js'), 'context'),
  c('rm', 'Remove one or more contexts', [['context', 'remove']], () => import('../../commands/context/rm.js'), 'context'),
  c('show', 'Print the name of the current context', [], () => import('../../commands/context/show.js'), 'context'),
  c('update', 'Update a context', [], () => import('../../commands/context/update.js'), 'context'),
  c('use', 'Set the current docker context', [], () => import('../../commands/context/use.js'), 'context'),
  // swarm group
  c('init', 'Initialize a swarm', [], () => import('../../commands/swarm/init.js'), 'swarm'),
  c('join', 'Join a swarm as a node and/or manager', [], () => import('../../commands/swarm/join.js'), 'swarm'),
  c('join-token', 'Manage join tokens', [], () => import('../../commands/swarm/join-token.js'), 'swarm'),
  c('unlock-key', 'Manage the unlock key', [], () => import('../../commands/swarm/unlock-key.js'), 'swarm'),
  c('update', 'Update the swarm', [], () => import('../../commands/swarm/update.js'), 'swarm'),
  c('leave', 'Leave the swarm', [], () => import('../../commands/swarm/leave.js'), 'swarm'),
  c('unlock', 'Unlock swarm', [], () => import('../../commands/swarm/unlock.js'), 'swarm'),
  c('ca', 'Display and rotate the root CA', [], () => import('../../commands/swarm/ca.js'), 'swarm'),

  // node group
  c('demote', 'Demote one or more nodes from manager in the swarm', [], () => import('../../commands/node/demote.js'), 'node'),
  c('inspect', 'Display detailed information on one or more nodes', [], () => import('../../commands/node/inspect.js'), 'node'),
  c('ls', 'List nodes in the swarm', [['node', 'list']], () => import('../../commands/node/ls.js'), 'node'),
  c('promote', 'Promote one or more nodes to manager in the swarm', [], () => import('../../commands/node/promote.js'), 'node'),
  c('ps', 'List tasks running on one or more nodes, defaults to current node', [], () => import('../../commands/node/ps.js'), 'node'),
  c('rm', 'Remove one or more nodes from the swarm', [['node', 'remove']], () => import('../../commands/node/rm.js'), 'node'),
  c('update', 'Update a node', [], () => import('../../commands/node/update.js'), 'node'),

  c('create', 'Create a new service', [], () => import('../../commands/service/create.js'), 'service'),
  c('update', 'Update a service', [], () => import('../../commands/service/update.js'), 'service'),
  // service group: create, update, scale, rollback
  c('scale', 'Scale one or multiple replicated services', [], () => import('../../commands/service/scale.js'), 'service'),
  c('rollback', "Revert changes to a service's configuration", [], () => import('../../commands/service/rollback.js'), 'service'),

  c('logs', 'Fetch the logs of a service or task', [], () => import('../../commands/service/logs.js'), 'service'),
  // service group: ls, ps, inspect, logs, rm
  c('ls', 'List services', [['service', 'list']], () => import('../../commands/service/ls.js'), 'service'),
  c('ps', 'List the tasks of one or more services', [], () => import('../../commands/service/ps.js'), 'service'),
  c('inspect', 'Display detailed information on one or more services', [], () => import('../../commands/service/inspect.js'), 'service'),
  c('rm', 'Remove one or more services', [['service', 'remove']], () => import('../../commands/service/rm.js'), 'service'),
  // secret group
  c('create', 'Create a secret from a file or STDIN as content', [], () => import('../../commands/secret/create.js'), 'secret'),
  c('inspect', 'Display detailed information on one or more secrets', [], () => import('../../commands/secret/inspect.js'), 'secret'),
  c('ls', 'List secrets', [['secret', 'list']], () => import('../../commands/secret/ls.js'), 'secret'),
  c('rm', 'Remove one or more secrets', [['secret', 'remove']], () => import('../../commands/secret/rm.js'), 'secret'),

  // stack group
  c('config', 'Outputs the final config file, after doing merges and interpolations', [], () => import('../../commands/stack/config.js'), 'stack'),
  c('deploy', 'Deploy a new stack or update an existing stack', [['stack', 'up']], () => import('../../commands/stack/deploy.js'), 'stack'),
  c('ls', 'List stacks', [['stack', 'list']], () => import('../../commands/stack/ls.js'), 'stack'),
  c('ps', 'List the tasks in the stack', [], () => import('../../commands/stack/ps.js'), 'stack'),
  c('rm', 'Remove one or more stacks', [['stack', 'remove'], ['stack', 'down']], () => import('../../commands/stack/rm.js'), 'stack'),
  c('services', 'List the services in the stack', [], () => import('../../commands/stack/services.js'), 'stack'),

  // config group
  c('create', 'Create a config from a file or STDIN', [], () => import('../../commands/config/create.js'), 'config'),
  c('inspect', 'Display detailed information on one or more configs', [], () => import('../../commands/config/inspect.js'), 'config'),
  c('ls', 'List configs', [['config', 'list']], () => import('../../commands/config/ls.js'), 'config'),
  c('rm', 'Remove one or more configs', [['config', 'remove']], () => import('../../commands/config/rm.js'), 'config'),

];

// top-level commands live at path ['', verb]; normalise
for (const e of commands) {
  if (e.path[0] !== '') continue;
  e.path = [e.path[1]!];
  e.aliases = e.aliases.filter((a) => a.join(' ') !== e.path.join(' '));
}

/** docker's top-level help sections */
export const topLevel: { name: string; category: Category }[] = [
  { name: 'run', category: 'common' },
  { name: 'exec', category: 'common' },
  { name: 'ps', category: 'common' },
  { name: 'build', category: 'common' },
  { name: 'pull', category: 'common' },
  { name: 'push', category: 'common' },
  { name: 'images', category: 'common' },
  { name: 'login', category: 'common' },
  { name: 'logout', category: 'common' },
  { name: 'search', category: 'common' },
  { name: 'version', category: 'common' },
  { name: 'info', category: 'common' },
  { name: 'builder', category: 'management' },
  { name: 'container', category: 'management' },
  { name: 'context', category: 'management' },
  { name: 'image', category: 'management' },
  { name: 'network', category: 'management' },
  { name: 'system', category: 'management' },
  { name: 'volume', category: 'management' },
  { name: 'config', category: 'swarm' },
  { name: 'node', category: 'swarm' },
  { name: 'secret', category: 'swarm' },
  { name: 'service', category: 'swarm' },
  { name: 'stack', category: 'swarm' },
  { name: 'swarm', category: 'swarm' },
  { name: 'attach', category: 'other' },
  { name: 'commit', category: 'other' },
  { name: 'cp', category: 'other' },
  { name: 'create', category: 'other' },
  { name: 'diff', category: 'other' },
  { name: 'events', category: 'other' },
  { name: 'export', category: 'other' },
  { name: 'history', category: 'other' },
  { name: 'import', category: 'other' },
  { name: 'inspect', category: 'other' },
  { name: 'kill', category: 'other' },
  { name: 'load', category: 'other' },
  { name: 'logs', category: 'other' },
  { name: 'pause', category: 'other' },
  { name: 'port', category: 'other' },
  { name: 'rename', category: 'other' },
  { name: 'restart', category: 'other' },
  { name: 'rm', category: 'other' },
  { name: 'rmi', category: 'other' },
  { name: 'save', category: 'other' },
  { name: 'start', category: 'other' },
  { name: 'stats', category: 'other' },
  { name: 'stop', category: 'other' },
  { name: 'tag', category: 'other' },
  { name: 'top', category: 'other' },
  { name: 'unpause', category: 'other' },
  { name: 'update', category: 'other' },
  { name: 'wait', category: 'other' },
];

export interface Resolved {
  entry: CommandEntry;
  /** the path as invoked */
  path: string[];
  rest: string[];
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Finds the command for `words`, trying the longest paths first. */
export function resolve(words: string[]): Resolved | undefined {
  for (const len of [2, 1]) {
    if (words.length < len) continue;
    const p = words.slice(0, len);
    for (const e of commands) {
      if (samePath(e.path, p) || e.aliases.some((a) => samePath(a, p))) {
        return { entry: e, path: p, rest: words.slice(len) };
      }
    }
  }
  return undefined;
}

export function groupOf(name: string): GroupEntry | undefined {
  return groups.find((g) => g.name === name);
}

export function isGroup(name: string): boolean {
  return groups.some((g) => g.name === name);
}

/** every path that reaches `entry`, in docker's Aliases order */
export function allPaths(entry: CommandEntry): string[][] {
  return [entry.path, ...entry.aliases];
}

export function groupCommands(group: string): CommandEntry[] {
  return commands.filter((e) => e.path.length === 2 && e.path[0] === group);
}

/**
 * a group's verbs: its own commands (their aliases in the group are not verbs of their own)
 * and the commands of other groups it holds too (`builder build`, docker's second copy of build)
 */
export function groupVerbs(group: string): { name: string; entry: CommandEntry }[] {
  const out: { name: string; entry: CommandEntry }[] = [];
  for (const e of commands) {
    if (e.path.length === 2 && e.path[0] === group) out.push({ name: e.path[1]!, entry: e });
    else for (const p of e.aliases) if (p.length === 2 && p[0] === group) out.push({ name: p[1]!, entry: e });
  }
  return out;
}

export function shortOf(name: string): string | undefined {
  const g = groups.find((x) => x.name === name);
  if (g) return g.short;
  const r = resolve([name]);
  return r?.entry.short;
}

/**
 * cobra's Traverse over a group's words (docker's root traverses children): the index of its
 * verb, or -1 (a flag's value is skipped when the flag is not a known bool; a flag with no word
 * after it ends the search; an unknown first word is no verb: the group itself runs, and says so)
 */
export function findGroupVerb(group: GroupEntry, words: string[]): number {
  const flags = group.flags ?? [];
  // (cobra gives every command its --help, -h)
  const isBool = (name: string, short: boolean): boolean => (short ? name === 'h' : name === 'help') || flags.some((f) => f.kind === 'bool' && (short ? f.short === name : f.name === name));
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') return -1;
    const valued = (w.startsWith('--') && !w.includes('=') && !isBool(w.slice(2), false)) || (w.length === 2 && w[0] === '-' && w[1] !== '-' && !isBool(w[1]!, true));
    if (valued) {
      if (words.length - (i + 1) <= 1) return -1;
      i++;
      continue;
    }
    if (w === '' || w.startsWith('-')) continue;
    return resolve([group.name, w])?.path.length === 2 ? i : -1;
  }
  return -1;
}
