// GET /containers/{id}/stats: one JSON document (stream=0) or one a second (stream=1), and
// the engine's operating system, taken from its Server header as docker's client does.
import type { Readable } from 'node:stream';
import type { EngineClient } from './client.js';
import { goPathEscape, trimRef } from './path.js';

/** container.StatsResponse, the parts docker's stats command reads */
export interface StatsResponse {
  read?: string;
  preread?: string;
  name?: string;
  id?: string;
  num_procs?: number;
  pids_stats?: { current?: number };
  blkio_stats?: { io_service_bytes_recursive?: { major?: number; minor?: number; op?: string; value?: number }[] | null };
  storage_stats?: { read_size_bytes?: number; write_size_bytes?: number };
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; privateworkingset?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface StatsStream {
  /** "linux", "windows", or '' when the Server header does not say */
  osType: string;
  body: Readable;
}

/** the moby client's getDockerOS: "Docker/20.10.24 (linux)" -> "linux" */
export function osTypeFromServer(server: string | undefined): string {
  const m = /^Docker\/.+[\t\n\f\r ]\((.+)\)$/.exec(server ?? '');
  return m ? m[1]! : '';
}

export async function containerStats(api: EngineClient, ref: string, stream: boolean, signal?: AbortSignal): Promise<StatsStream> {
  const id = trimRef('container', ref);
  const res = await api.request({
    path: `/containers/${goPathEscape(id)}/stats`,
    query: { stream: stream ? '1' : '0' },
    signal,
  });
  const server = res.headers['server'];
  return { osType: osTypeFromServer(Array.isArray(server) ? server[0] : server), body: res.body };
}
