// builder.CachePrune as `builder prune` and `system prune` share it.
import type { Cli } from './cli.js';
import { pruneBuildCache } from '../engine/buildcache.js';

/** the "Deleted build cache objects:" section ('' when nothing went) and the space the engine reports, deletions or not */
export async function cachePrune(cli: Cli, o: { all: boolean; keepStorage?: number; filters: Record<string, string[]> }): Promise<{ output: string; reclaimed: number }> {
  const report = await pruneBuildCache(cli.api(), { all: o.all, keepStorage: o.keepStorage, filters: o.filters });
  const deleted = report.CachesDeleted ?? [];
  const output = deleted.length > 0 ? `Deleted build cache objects:\n${deleted.map((id) => `${id}\n`).join('')}` : '';
  return { output, reclaimed: report.SpaceReclaimed };
}
