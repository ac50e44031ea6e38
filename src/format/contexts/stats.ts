// docker/cli container/formatter_stats.go: the row context of `stats`, its headers and formats.
import { GO_TYPE, goStruct, goTyped } from '../values.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import { loadedEngine } from '../engine.js';
import { truncateId } from '../display.js';
import { formatFloat } from '../strconv.js';
import { bytesSize, humanSizeWithPrecision } from '../../util/units.js';

export const WINDOWS = 'windows';
export const DEFAULT_STATS_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';
export const WINDOWS_STATS_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.NetIO}}\t{{.BlockIO}}';
const NO_VALUE = '--';

/** the figures of one container, as docker's StatsEntry holds them */
export interface StatsEntry {
  /** the container as the user named it (or the short ID when listing all) */
  Container: string;
  /** the engine's name, with its leading slash */
  Name: string;
  ID: string;
  CPUPercentage: number;
  /** on Windows the private working set */
  Memory: number;
  MemoryLimit: number;
  MemoryPercentage: number;
  NetworkRx: number;
  NetworkTx: number;
  BlockRead: number;
  BlockWrite: number;
  PidsCurrent: number;
  IsInvalid: boolean;
}

export function emptyEntry(container: string): StatsEntry {
  return {
    Container: container,
    Name: '',
    ID: '',
    CPUPercentage: 0,
    Memory: 0,
    MemoryLimit: 0,
    MemoryPercentage: 0,
    NetworkRx: 0,
    NetworkTx: 0,
    BlockRead: 0,
    BlockWrite: 0,
    PidsCurrent: 0,
    IsInvalid: false,
  };
}

/** NewStatsFormat: "table" is the daemon's platform's default table */
export function statsFormat(source: string, osType: string): string {
  if (source === 'table') return osType === WINDOWS ? WINDOWS_STATS_TABLE : DEFAULT_STATS_TABLE;
  return source;
}

/** the header row's context: formatter.SubHeaderContext, a map of the column titles */
export function statsHeaderContext(osType: string): object {
  return subHeaderContext({
    Container: 'CONTAINER',
    Name: 'NAME',
    ID: 'CONTAINER ID',
    CPUPerc: 'CPU %',
    MemUsage: osType === WINDOWS ? 'PRIV WORKING SET' : 'MEM USAGE / LIMIT',
    MemPerc: 'MEM %',
    NetIO: 'NET I/O',
    BlockIO: 'BLOCK I/O',
    PIDs: 'PIDS',
  });
}

function formatPercentage(v: number): string {
  return `${formatFloat(v, 'f', 2)}%`;
}

/** container.StatsEntry as a Go value, for templates that print the context itself ({{.}}) */
function entryValue(e: StatsEntry): object {
  return goStruct(
    {
      Container: e.Container,
      Name: e.Name,
      ID: e.ID,
      CPUPercentage: e.CPUPercentage,
      Memory: e.Memory,
      MemoryLimit: e.MemoryLimit,
      MemoryPercentage: e.MemoryPercentage,
      NetworkRx: e.NetworkRx,
      NetworkTx: e.NetworkTx,
      BlockRead: e.BlockRead,
      BlockWrite: e.BlockWrite,
      PidsCurrent: goTyped('uint64', 'uint64', BigInt(Math.trunc(e.PidsCurrent))),
      IsInvalid: e.IsInvalid,
    },
    'container.StatsEntry',
  );
}

/**
 * container.statsContext. Its enumerable properties are the Go struct's fields, in order
 * (the embedded formatter.HeaderContext, then s, os and trunc): `{{.}}` prints them as Go
 * does, and `{{.s}}` is an unexported field.
 */
export class StatsContext {
  readonly [GO_TYPE] = '*container.statsContext';
  readonly HeaderContext = headerContextField();
  declare readonly s: object;
  declare readonly os: string;
  declare readonly trunc: boolean;
  declare private readonly e: StatsEntry;

  constructor(e: StatsEntry, osType: string, trunc: boolean) {
    let value: object | undefined;
    Object.defineProperty(this, 's', { get: () => (value ??= entryValue(e)), enumerable: true });
    Object.defineProperty(this, 'os', { value: osType, enumerable: true });
    Object.defineProperty(this, 'trunc', { value: trunc, enumerable: true });
    Object.defineProperty(this, 'e', { value: e, enumerable: false });
    // the embedded HeaderContext's field, promoted: nil on the rows
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  Container(): string {
    return this.e.Container;
  }

  Name(): string {
    const n = this.e.Name;
    return n.length > 1 ? n.slice(1) : NO_VALUE;
  }

  ID(): string {
    return this.trunc ? truncateId(this.e.ID) : this.e.ID;
  }

  CPUPerc(): string {
    return this.e.IsInvalid ? NO_VALUE : formatPercentage(this.e.CPUPercentage);
  }

  MemUsage(): string {
    if (this.e.IsInvalid) return '-- / --';
    if (this.os === WINDOWS) return bytesSize(this.e.Memory);
    return `${bytesSize(this.e.Memory)} / ${bytesSize(this.e.MemoryLimit)}`;
  }

  MemPerc(): string {
    if (this.e.IsInvalid || this.os === WINDOWS) return NO_VALUE;
    return formatPercentage(this.e.MemoryPercentage);
  }

  NetIO(): string {
    if (this.e.IsInvalid) return NO_VALUE;
    return `${humanSizeWithPrecision(this.e.NetworkRx, 3)} / ${humanSizeWithPrecision(this.e.NetworkTx, 3)}`;
  }

  BlockIO(): string {
    if (this.e.IsInvalid) return NO_VALUE;
    return `${humanSizeWithPrecision(this.e.BlockRead, 3)} / ${humanSizeWithPrecision(this.e.BlockWrite, 3)}`;
  }

  PIDs(): string {
    if (this.e.IsInvalid || this.os === WINDOWS) return NO_VALUE;
    return String(this.e.PidsCurrent);
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, keys sorted, HTML-escaped */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        BlockIO: this.BlockIO(),
        CPUPerc: this.CPUPerc(),
        Container: this.Container(),
        ID: this.ID(),
        MemPerc: this.MemPerc(),
        MemUsage: this.MemUsage(),
        Name: this.Name(),
        NetIO: this.NetIO(),
        PIDs: this.PIDs(),
      },
      true,
    );
  }
}
