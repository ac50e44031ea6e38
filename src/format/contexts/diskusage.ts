// docker/cli formatter/disk_usage.go: `system df`'s summary rows (one per kind of object),
// the verbose sections, and formatter/buildcache.go's row context.
import { GO_TYPE, goSlice, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { goTimeString, truncateId } from '../display.js';
import { humanDuration, humanSize } from '../../util/units.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import type { ImageSummary } from '../../engine/images.js';
import type { ContainerSummary } from '../../engine/containers.js';

export const DU_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
export const DU_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
export const DU_VOLUME_TABLE = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
export const DU_BUILD_CACHE_TABLE = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';
export const DU_TABLE = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';

export const DU_HEADER = subHeaderContext({ Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' });

export interface VolumeUsage {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Labels?: Record<string, string> | null;
  Scope: string;
  Options?: Record<string, string> | null;
  UsageData?: { RefCount: number; Size: number } | null;
  CreatedAt?: string;
}

export interface BuildCacheRecord {
  ID: string;
  Parent?: string;
  Parents?: string[] | null;
  Type: string;
  Description: string;
  InUse: boolean;
  Shared: boolean;
  Size: number;
  CreatedAt: string;
  LastUsedAt?: string | null;
  UsageCount: number;
}

export interface DiskUsage {
  LayersSize?: number;
  Images?: ImageSummary[] | null;
  Containers?: ContainerSummary[] | null;
  Volumes?: VolumeUsage[] | null;
  BuildCache?: BuildCacheRecord[] | null;
}

/** "12.3MB (45%)" when there is a total, else just the size (Go's integer division) */
function withPercent(reclaimable: number, total: number): string {
  if (total > 0) return `${humanSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)`;
  return humanSize(reclaimable);
}

abstract class SummaryRow {
  readonly HeaderContext = headerContextField();
  abstract Type(): string;
  abstract TotalCount(): string;
  abstract Active(): string;
  abstract Size(): string;
  abstract Reclaimable(): string;
  constructor() {
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }
  FullHeader(): unknown {
    return undefined;
  }
  /** MarshalJSON: every argument-less method's value, keys sorted (a Go map) */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON({ Active: this.Active(), Reclaimable: this.Reclaimable(), Size: this.Size(), TotalCount: this.TotalCount(), Type: this.Type() }, true);
  }
}

class ImagesRow extends SummaryRow {
  readonly [GO_TYPE] = '*formatter.diskUsageImagesContext';
  constructor(private readonly totalSize: number, private readonly images: ImageSummary[]) {
    super();
    Object.defineProperty(this, 'totalSize', { enumerable: false });
  }
  Type(): string {
    return 'Images';
  }
  TotalCount(): string {
    return String(this.images.length);
  }
  Active(): string {
    return String(this.images.filter((i) => i.Containers > 0).length);
  }
  Size(): string {
    return humanSize(this.totalSize);
  }
  Reclaimable(): string {
    let used = 0;
    for (const i of this.images) {
      if (i.Containers !== 0) {
        if (i.Size === -1 || i.SharedSize === -1) continue;
        used += i.Size - i.SharedSize;
      }
    }
    return withPercent(this.totalSize - used, this.totalSize);
  }
}

const ACTIVE_STATES = new Set(['running', 'paused', 'restarting']);

class ContainersRow extends SummaryRow {
  readonly [GO_TYPE] = '*formatter.diskUsageContainersContext';
  constructor(private readonly containers: ContainerSummary[]) {
    super();
  }
  Type(): string {
    return 'Containers';
  }
  TotalCount(): string {
    return String(this.containers.length);
  }
  Active(): string {
    return String(this.containers.filter((c) => ACTIVE_STATES.has(c.State)).length);
  }
  Size(): string {
    return humanSize(this.containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0));
  }
  Reclaimable(): string {
    let reclaimable = 0;
    let total = 0;
    for (const c of this.containers) {
      if (!ACTIVE_STATES.has(c.State)) reclaimable += c.SizeRw ?? 0;
      total += c.SizeRw ?? 0;
    }
    return withPercent(reclaimable, total);
  }
}

class VolumesRow extends SummaryRow {
  readonly [GO_TYPE] = '*formatter.diskUsageVolumesContext';
  constructor(private readonly volumes: VolumeUsage[]) {
    super();
  }
  Type(): string {
    return 'Local Volumes';
  }
  TotalCount(): string {
    return String(this.volumes.length);
  }
  Active(): string {
    return String(this.volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length);
  }
  Size(): string {
    return humanSize(this.volumes.reduce((n, v) => n + ((v.UsageData?.Size ?? 0) !== -1 ? (v.UsageData?.Size ?? 0) : 0), 0));
  }
  Reclaimable(): string {
    let reclaimable = 0;
    let total = 0;
    for (const v of this.volumes) {
      const size = v.UsageData?.Size ?? 0;
      if (size === -1) continue;
      if ((v.UsageData?.RefCount ?? 0) === 0) reclaimable += size;
      total += size;
    }
    return withPercent(reclaimable, total);
  }
}

class BuilderRow extends SummaryRow {
  readonly [GO_TYPE] = '*formatter.diskUsageBuilderContext';
  constructor(private readonly builderSize: number, private readonly cache: BuildCacheRecord[]) {
    super();
  }
  Type(): string {
    return 'Build Cache';
  }
  TotalCount(): string {
    return String(this.cache.length);
  }
  Active(): string {
    return String(this.cache.filter((b) => b.InUse).length);
  }
  Size(): string {
    return humanSize(this.builderSize);
  }
  Reclaimable(): string {
    const inUse = this.cache.reduce((n, b) => n + (b.InUse && !b.Shared ? b.Size : 0), 0);
    return humanSize(this.builderSize - inUse);
  }
}

/** the builder's size as docker's df counts it: records that are not shared */
export function builderSize(du: DiskUsage): number {
  return (du.BuildCache ?? []).reduce((n, b) => n + (b.Shared ? 0 : b.Size), 0);
}

export function summaryRows(du: DiskUsage): SummaryRow[] {
  return [
    new ImagesRow(du.LayersSize ?? 0, du.Images ?? []),
    new ContainersRow(du.Containers ?? []),
    new VolumesRow(du.Volumes ?? []),
    new BuilderRow(builderSize(du), du.BuildCache ?? []),
  ];
}

const parseTime = (s: string | null | undefined): number => (s ? Date.parse(s) : NaN);

/** formatter.buildCacheContext */
export class BuildCacheContext {
  readonly [GO_TYPE] = '*formatter.buildCacheContext';
  readonly HeaderContext = headerContextField();
  constructor(private readonly b: BuildCacheRecord, private readonly trunc: boolean) {
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }
  FullHeader(): unknown {
    return undefined;
  }
  ID(): string {
    let id = this.b.ID;
    if (this.trunc) id = truncateId(this.b.ID);
    if (this.b.InUse) id += '*';
    return id;
  }
  Parent(): string {
    const parent = this.b.Parents && this.b.Parents.length > 0 ? this.b.Parents.join(', ') : (this.b.Parent ?? '');
    return this.trunc ? truncateId(parent) : parent;
  }
  CacheType(): string {
    return this.b.Type;
  }
  Description(): string {
    return this.b.Description;
  }
  Size(): string {
    return humanSize(this.b.Size);
  }
  CreatedAt(): string {
    return goTimeString(parseTime(this.b.CreatedAt) / 1000);
  }
  CreatedSince(): string {
    return `${humanDuration(Date.now() - parseTime(this.b.CreatedAt))} ago`;
  }
  LastUsedAt(): string {
    return this.b.LastUsedAt ? goTimeString(parseTime(this.b.LastUsedAt) / 1000) : '';
  }
  LastUsedSince(): string {
    return this.b.LastUsedAt ? `${humanDuration(Date.now() - parseTime(this.b.LastUsedAt))} ago` : '';
  }
  UsageCount(): string {
    return String(this.b.UsageCount);
  }
  InUse(): string {
    return String(this.b.InUse);
  }
  Shared(): string {
    return String(this.b.Shared);
  }
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        CacheType: this.CacheType(),
        CreatedAt: this.CreatedAt(),
        CreatedSince: this.CreatedSince(),
        Description: this.Description(),
        ID: this.ID(),
        InUse: this.InUse(),
        LastUsedAt: this.LastUsedAt(),
        LastUsedSince: this.LastUsedSince(),
        Parent: this.Parent(),
        Shared: this.Shared(),
        Size: this.Size(),
        UsageCount: this.UsageCount(),
      },
      true,
    );
  }
}

export const BUILD_CACHE_HEADER = subHeaderContext({
  ID: 'CACHE ID',
  Parent: 'PARENT',
  CacheType: 'CACHE TYPE',
  Size: 'SIZE',
  CreatedSince: 'CREATED',
  LastUsedSince: 'LAST USED',
  UsageCount: 'USAGE',
  InUse: 'IN USE',
  Shared: 'SHARED',
  Description: 'DESCRIPTION',
});

/** buildCacheSort: never-used first, then least recently used first; ties by ID */
export function sortBuildCache(cache: BuildCacheRecord[]): BuildCacheRecord[] {
  const byId = (a: BuildCacheRecord, b: BuildCacheRecord): number => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0);
  return [...cache].sort((a, b) => {
    const la = a.LastUsedAt ? parseTime(a.LastUsedAt) : undefined;
    const lb = b.LastUsedAt ? parseTime(b.LastUsedAt) : undefined;
    if (la === undefined && lb === undefined) return byId(a, b);
    if (la === undefined) return -1;
    if (lb === undefined) return 1;
    if (la === lb) return byId(a, b);
    return la - lb;
  });
}

/** the value a verbose, non-table template runs on: formatter.diskUsageContext */
export function verboseValue(images: object[], containers: object[], volumes: object[], cache: object[]): object {
  return goStruct(
    {
      Images: goSlice(images, '[]*formatter.imageContext'),
      Containers: goSlice(containers, '[]*formatter.ContainerContext'),
      Volumes: goSlice(volumes, '[]*formatter.volumeContext'),
      BuildCache: goSlice(cache, '[]*formatter.buildCacheContext'),
    },
    '*formatter.diskUsageContext',
  );
}
