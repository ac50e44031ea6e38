// docker/cli formatter/volume.go: the row context of `volume ls`, its headers and formats.
import { GO_TYPE, GoNil, goFunc, goInt, goMap, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { humanSize } from '../../util/units.js';
import type { Volume } from '../../engine/volumes.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import { joinLabels } from './network.js';

export const DEFAULT_VOLUME_TABLE = 'table {{.Driver}}\t{{.Name}}';
export const CLUSTER_VOLUME_TABLE = 'table {{.Name}}\t{{.Group}}\t{{.Driver}}\t{{.Availability}}\t{{.Status}}';

/** formatter.NewVolumeFormat: a custom format stays as given, even with --quiet */
export function volumeFormat(source: string, quiet: boolean): string {
  switch (source) {
    case 'table':
      return quiet ? '{{.Name}}' : DEFAULT_VOLUME_TABLE;
    case 'raw':
      return quiet ? 'name: {{.Name}}' : 'name: {{.Name}}\\ndriver: {{.Driver}}\\n';
    default:
      return source;
  }
}

export const VOLUME_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'VOLUME NAME',
  Group: 'GROUP',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
  Status: 'STATUS',
};

export function volumeHeaderContext(): object {
  return subHeaderContext(VOLUME_HEADERS);
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const strMap = (m: unknown): object =>
  m && typeof m === 'object' ? goMap({ ...(m as Record<string, string>) }, 'map[string]string') : new GoNil('map[string]string');

/** volume.Volume as a Go value, for templates that print the row context itself ({{.}}) */
function volumeValue(v: Volume): object {
  return goStruct(
    {
      // pointers inside an unexported field print as addresses
      ClusterVolume: v.ClusterVolume ? goStruct({}, '*volume.ClusterVolume') : new GoNil('*volume.ClusterVolume'),
      CreatedAt: s(v.CreatedAt),
      Driver: s(v.Driver),
      Labels: strMap(v.Labels),
      Mountpoint: s(v.Mountpoint),
      Name: s(v.Name),
      Options: strMap(v.Options),
      Scope: s(v.Scope),
      Status: v.Status && typeof v.Status === 'object' ? goMap({ ...(v.Status as Record<string, unknown>) }, 'map[string]interface {}') : new GoNil('map[string]interface {}'),
      UsageData: v.UsageData ? goStruct({}, '*volume.UsageData') : new GoNil('*volume.UsageData'),
    },
    'volume.Volume',
  );
}

/** formatter.volumeContext: its enumerable properties are the Go struct's fields ({{.}}) */
export class VolumeContext {
  readonly [GO_TYPE] = '*formatter.volumeContext';
  readonly HeaderContext = headerContextField();
  declare readonly v: object;
  declare private readonly vol: Volume;

  constructor(v: Partial<Volume>) {
    const vol = { Name: '', Driver: '', Mountpoint: '', Scope: '', ...v } as Volume;
    let value: object | undefined;
    Object.defineProperty(this, 'v', { get: () => (value ??= volumeValue(vol)), enumerable: true });
    Object.defineProperty(this, 'vol', { value: vol, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  Name(): string {
    return this.vol.Name;
  }

  Driver(): string {
    return this.vol.Driver;
  }

  Scope(): string {
    return this.vol.Scope;
  }

  Mountpoint(): string {
    return this.vol.Mountpoint;
  }

  Labels(): string {
    return joinLabels(this.vol.Labels);
  }

  Label(name: string): string {
    return this.vol.Labels?.[name] ?? '';
  }

  Links(): string {
    return this.vol.UsageData ? String(this.vol.UsageData.RefCount) : 'N/A';
  }

  Size(): string {
    return this.vol.UsageData ? humanSize(this.vol.UsageData.Size) : 'N/A';
  }

  Group(): string {
    return this.vol.ClusterVolume ? (this.vol.ClusterVolume.Spec?.Group ?? '') : 'N/A';
  }

  Availability(): string {
    return this.vol.ClusterVolume ? (this.vol.ClusterVolume.Spec?.Availability ?? '') : 'N/A';
  }

  Status(): string {
    const cv = this.vol.ClusterVolume;
    if (!cv) return 'N/A';
    if (!cv.Info || !cv.Info.VolumeID) return 'pending creation';
    const n = cv.PublishStatus?.length ?? 0;
    if (n === 0) return 'created';
    return n === 1 ? 'in use (1 node)' : `in use (${n} nodes)`;
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, HTML-escaped */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        Availability: this.Availability(),
        Driver: this.Driver(),
        Group: this.Group(),
        Labels: this.Labels(),
        Links: this.Links(),
        Mountpoint: this.Mountpoint(),
        Name: this.Name(),
        Scope: this.Scope(),
        Size: this.Size(),
        Status: this.Status(),
      },
      true,
    );
  }
}

goFunc({ params: ['string'], result: 'string' }, VolumeContext.prototype.Label);
