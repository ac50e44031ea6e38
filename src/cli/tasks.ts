// docker/cli's task printer (cli/command/task/print.go) and idresolver, shared by `service ps`
// and `node ps`: tasks named service.slot (or service.nodeID for global services), sorted by
// name then newest first, older tasks of a slot indented with " \_ " in tables, service and
// node IDs resolved to names unless --no-resolve.
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import type { EngineClient } from '../engine/client.js';
import { inspectService } from '../engine/services.js';
import type { Task } from '../engine/tasks.js';
import { inspectNode } from '../engine/nodes.js';
import { FormatError, isTable, renderRows } from '../format/formatter.js';
import { TaskContext, taskFormat, taskHeaderContext, timeNanos } from '../format/contexts/task.js';
import { naturalLess } from '../util/sortorder.js';

/** idresolver.IDResolver: names of services and nodes, best effort (an ID that fails stays an ID), cached */
export class IDResolver {
  private readonly cache = new Map<string, Promise<string>>();
  constructor(
    private readonly api: EngineClient,
    private readonly noResolve: boolean,
  ) {}

  resolve(kind: 'node' | 'service', id: string): Promise<string> {
    if (this.noResolve) return Promise.resolve(id);
    let p = this.cache.get(id);
    if (!p) {
      p = kind === 'node' ? this.nodeName(id) : this.serviceName(id);
      this.cache.set(id, p);
    }
    return p;
  }

  private async nodeName(id: string): Promise<string> {
    try {
      const n = await inspectNode(this.api, id);
      return n.Spec?.Name || n.Description?.Hostname || id;
    } catch {
      return id;
    }
  }

  private async serviceName(id: string): Promise<string> {
    try {
      return (await inspectService(this.api, id)).Spec?.Name ?? '';
    } catch {
      return id;
    }
  }
}

/** a filter set as filters.Args holds one: each key a set of values */
export function addFilter(filters: Record<string, string[]>, key: string, value: string): void {
  const list = (filters[key] ??= []);
  if (!list.includes(value)) list.push(value);
}

/** task.DefaultFormat: tasksFormat from config.json unless quiet, else a table */
export function defaultTaskFormat(cli: Cli, quiet: boolean): string {
  const cfg = cli.config().tasksFormat;
  return typeof cfg === 'string' && cfg.length > 0 && !quiet ? cfg : 'table';
}

/** task.Print */
export async function printTasks(cli: Cli, tasks: Task[], resolver: IDResolver, trunc: boolean, quiet: boolean, format: string): Promise<void> {
  const serviceNames = await Promise.all(tasks.map((t) => resolver.resolve('service', t.ServiceID ?? '')));
  const named = tasks.map((t, i) => ({ task: t, name: t.Slot ? `${serviceNames[i]}.${t.Slot}` : `${serviceNames[i]}.${t.NodeID ?? ''}`, created: timeNanos(t.CreatedAt) }));
  named.sort((a, b) => {
    if (a.name !== b.name) return naturalLess(a.name, b.name) ? -1 : naturalLess(b.name, a.name) ? 1 : 0;
    return a.created > b.created ? -1 : a.created < b.created ? 1 : 0;
  });
  const fmt = taskFormat(format, quiet);
  const indent = isTable(fmt) ? ' \\_ ' : '';
  const nodes = await Promise.all(named.map((n) => resolver.resolve('node', n.task.NodeID ?? '')));
  // keyed by task ID as docker keys them: a task listed twice (node ps of a node given
  // twice) takes its last row's name on both rows
  const names = new Map<string, string>();
  let prev = '';
  for (const n of named) {
    names.set(n.task.ID, n.name === prev ? indent + n.name : n.name);
    prev = n.name;
  }
  const rows = named.map((n, i) => new TaskContext(n.task, trunc, names.get(n.task.ID)!, nodes[i]!));
  try {
    cli.out.write(await renderRows(fmt, rows, taskHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}
