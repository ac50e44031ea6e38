// /build/prune: the engine's build cache (BuildKit's; the classic builder keeps none there).
import type { EngineClient } from './client.js';
import { encodeFilters } from './containers.js';

/** build.CachePruneReport */
export interface BuildCachePruneReport {
  CachesDeleted: string[] | null;
  SpaceReclaimed: number;
}

export interface BuildCachePruneOptions {
  all?: boolean;
  /** bytes; 0 sends nothing */
  keepStorage?: number;
  filters?: Record<string, string[]>;
}

export async function pruneBuildCache(api: EngineClient, o: BuildCachePruneOptions = {}): Promise<BuildCachePruneReport> {
  const r = await api.json<Partial<BuildCachePruneReport> | undefined>({
    method: 'POST',
    path: '/build/prune',
    query: {
      all: o.all ? '1' : undefined,
      'keep-storage': o.keepStorage ? String(Math.trunc(o.keepStorage)) : undefined,
      // docker sends the parameter even when there is no filter
      filters: encodeFilters(o.filters) ?? '',
    },
  });
  return { CachesDeleted: r?.CachesDeleted ?? null, SpaceReclaimed: r?.SpaceReclaimed ?? 0 };
}
