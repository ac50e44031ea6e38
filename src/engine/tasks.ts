// /tasks: list; and the /nodes lookups the task printer and `node ps` make (a node's name
// for the NODE column, a reference's ID).
import { readText, type EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
import { goPathEscape, trimRef } from './path.js';
import type { PortConfig, TaskSpec } from './service-types.js';

/** swarm.Task: the members the task printer reads (the rest kept) */
export interface Task {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: TaskSpec;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    PortStatus?: { Ports?: PortConfig[] | null };
  };
  DesiredState?: string;
  [k: string]: unknown;
}

/** swarm.Node: the members berth reads */
export interface Node {
  ID: string;
  Spec?: { Name?: string; [k: string]: unknown };
  Description?: { Hostname?: string; [k: string]: unknown };
  Status?: { State?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** GET /tasks */
export async function listTasks(api: EngineClient, filters?: Record<string, string[]>): Promise<Task[]> {
  return (await api.json<Task[] | null>({ path: '/tasks', query: { filters: encodeFilters(filters) } })) ?? [];
}

/** GET /nodes/{id} */
export async function inspectNode(api: EngineClient, ref: string): Promise<Node> {
  const res = await api.request({ path: `/nodes/${goPathEscape(trimRef('node', ref))}` });
  return JSON.parse(await readText(res.body)) as Node;
}

/** GET /nodes */
export async function listNodes(api: EngineClient, filters?: Record<string, string[]>): Promise<Node[]> {
  return (await api.json<Node[] | null>({ path: '/nodes', query: { filters: encodeFilters(filters) } })) ?? [];
}
