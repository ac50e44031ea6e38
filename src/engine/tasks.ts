// /tasks: list.
import type { EngineClient } from './client.js';
import { encodeFilters } from './containers.js';
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

/** GET /tasks */
export async function listTasks(api: EngineClient, filters?: Record<string, string[]>): Promise<Task[]> {
  return (await api.json<Task[] | null>({ path: '/tasks', query: { filters: encodeFilters(filters) } })) ?? [];
}
