// The logs of swarm services and tasks (GET /services/{id}/logs, GET /tasks/{id}/logs), and the
// small lookups `service logs` makes to name what it prints: a task (GET /tasks/{id}), a node
// (GET /nodes/{id}). The answers are the multiplexed stream of container logs, or the raw
// bytes of a TTY service.
import type { EngineClient, EngineResponse } from './client.js';
import { readText } from './client.js';
import { expectObject } from './errors.js';
import { goPathEscape, trimRef } from './path.js';

/** container.LogsOptions as the moby client's ServiceLogs and TaskLogs send them */
export interface ServiceLogsOptions {
  /** already converted by GetTimestamp */
  since?: string;
  timestamps?: boolean;
  follow?: boolean;
  /** always sent, "all" included */
  tail: string;
  details?: boolean;
  signal?: AbortSignal;
}

function logsQuery(o: ServiceLogsOptions): Record<string, string | undefined> {
  return {
    stdout: '1',
    stderr: '1',
    since: o.since || undefined,
    timestamps: o.timestamps ? '1' : undefined,
    details: o.details ? '1' : undefined,
    follow: o.follow ? '1' : undefined,
    tail: o.tail,
  };
}

/** GET /services/{id}/logs (the reference trimmed, as the moby client's ServiceLogs does) */
export function serviceLogs(api: EngineClient, ref: string, o: ServiceLogsOptions): Promise<EngineResponse> {
  return api.request({ path: `/services/${goPathEscape(trimRef('service', ref))}/logs`, query: logsQuery(o), signal: o.signal });
}

/** GET /tasks/{id}/logs (TaskLogs does not trim the reference) */
export function taskLogs(api: EngineClient, ref: string, o: ServiceLogsOptions): Promise<EngineResponse> {
  return api.request({ path: `/tasks/${goPathEscape(ref)}/logs`, query: logsQuery(o), signal: o.signal });
}

/** the members of swarm.Task that logs reads */
export interface LogsTask {
  ID: string;
  Slot?: number;
  ServiceID?: string;
  NodeID?: string;
  Spec?: { ContainerSpec?: { TTY?: boolean } };
}

/** GET /tasks/{id} */
export async function inspectTaskForLogs(api: EngineClient, ref: string): Promise<LogsTask> {
  const res = await api.request({ path: `/tasks/${goPathEscape(trimRef('task', ref))}` });
  return JSON.parse(expectObject(await readText(res.body), 'swarm.Task')) as LogsTask;
}

/** the members of swarm.Node that name a node */
export interface LogsNode {
  ID: string;
  Spec?: { Name?: string };
  Description?: { Hostname?: string };
}

/** GET /nodes/{id} */
export async function inspectNodeForLogs(api: EngineClient, ref: string): Promise<LogsNode> {
  const res = await api.request({ path: `/nodes/${goPathEscape(trimRef('node', ref))}` });
  return JSON.parse(expectObject(await readText(res.body), 'swarm.Node')) as LogsNode;
}
