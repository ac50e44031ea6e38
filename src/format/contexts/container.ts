// docker/cli formatter/container.go: the row context of `ps`, its headers and renderings.
import { GO_TYPE, GoNil } from '../values.js';
import { loadedEngine } from '../engine.js';
import { ellipsis, goQuote, goTimeString, truncateId } from '../display.js';
import { humanDuration, humanSizeWithPrecision } from '../../util/units.js';
import { familiarString, parseNormalizedNamed } from '../../util/reference.js';
import type { ContainerSummary } from '../../engine/containers.js';

export const DEFAULT_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
export const DEFAULT_QUIET = '{{.ID}}';

/** formatter.NewContainerFormat */
export function containerFormat(source: string, quiet: boolean, size: boolean): string {
  switch (source) {
    case 'table':
    case '':
      if (quiet) return DEFAULT_QUIET;
      return size ? `${DEFAULT_CONTAINER_TABLE}\\t{{.Size}}` : DEFAULT_CONTAINER_TABLE;
    case 'raw': {
      if (quiet) return 'container_id: {{.ID}}';
      let f = 'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n';
      if (size) f += 'size: {{.Size}}\\n';
      return f;
    }
    default:
      return quiet ? DEFAULT_QUIET : source;
  }
}

export const CONTAINER_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

function labelHeader(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1]!.replace(/[-_]/g, ' ');
}

/** the header row's context: the titles, and Label "x" giving the key's last part */
export function containerHeaderContext(): object {
  return {
    [GO_TYPE]: 'formatter.SubHeaderContext',
    ...CONTAINER_HEADERS,
    Label: (name: unknown) => labelHeader(String(name)),
  };
}

type Port = ContainerSummary['Ports'][number];

function comparePorts(i: Port, j: Port): number {
  if (i.PrivatePort !== j.PrivatePort) return i.PrivatePort - j.PrivatePort;
  if ((i.IP ?? '') !== (j.IP ?? '')) return (i.IP ?? '') < (j.IP ?? '') ? -1 : 1;
  if ((i.PublicPort ?? 0) !== (j.PublicPort ?? 0)) return (i.PublicPort ?? 0) - (j.PublicPort ?? 0);
  return i.Type < j.Type ? -1 : i.Type > j.Type ? 1 : 0;
}

function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function formGroup(key: string, start: number, last: number): string {
  const parts = key.split('/');
  let groupType = parts[0]!;
  let ip = '';
  if (parts.length > 1) {
    ip = parts[0]!;
    groupType = parts[1]!;
  }
  let group = String(start);
  if (start !== last) group = `${group}-${last}`;
  if (ip !== '') group = `${ip}:${group}->${group}`;
  return `${group}/${groupType}`;
}

/** formatter.DisplayablePorts */
export function displayablePorts(input: Port[] | null | undefined): string {
  const ports = [...(input ?? [])].sort(comparePorts);
  const groups = new Map<string, { first: number; last: number }>();
  const keys: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const port of ports) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP) {
      if (port.PublicPort !== current) {
        hostMappings.push(`${joinHostPort(port.IP, port.PublicPort ?? 0)}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { first: current, last: current });
      keys.push(key);
      continue;
    }
    if (current === group.last + 1) {
      group.last = current;
      continue;
    }
    result.push(formGroup(key, group.first, group.last));
    groups.set(key, { first: current, last: current });
  }
  for (const key of keys) {
    const g = groups.get(key)!;
    result.push(formGroup(key, g.first, g.last));
  }
  result.push(...hostMappings);
  return result.join(', ');
}

export class ContainerContext {
  readonly [GO_TYPE] = '*formatter.ContainerContext';
  /** fields the template used, for ps deciding whether sizes are needed */
  readonly fieldsUsed = new Set<string>();
  private readonly c: ContainerSummary;
  private readonly trunc: boolean;

  constructor(c: Partial<ContainerSummary>, trunc: boolean) {
    this.c = { Id: '', Names: [], Image: '', ImageID: '', Command: '', Created: 0, Ports: [], Labels: null, State: '', Status: '', Mounts: [], ...c } as ContainerSummary;
    this.trunc = trunc;
  }

  ID(): string {
    return this.trunc ? truncateId(this.c.Id) : this.c.Id;
  }

  Names(): string {
    let names = (this.c.Names ?? []).map((n) => n.replace(/^\//, ''));
    if (this.trunc) {
      const plain = names.find((n) => n.split('/').length === 1);
      if (plain !== undefined) names = [plain];
    }
    return names.join(',');
  }

  Image(): string {
    const image = this.c.Image;
    if (!image) return '<no image>';
    if (this.trunc) {
      const t = truncateId(this.c.ImageID ?? '');
      if (t === truncateId(image)) return t;
      try {
        const ref = parseNormalizedNamed(image);
        return familiarString({ ...ref, digest: undefined });
      } catch {
        // not a reference: as the engine gave it
      }
    }
    return image;
  }

  Command(): string {
    const cmd = this.trunc ? ellipsis(this.c.Command ?? '', 20) : (this.c.Command ?? '');
    return goQuote(cmd);
  }

  CreatedAt(): string {
    return goTimeString(this.c.Created);
  }

  RunningFor(): string {
    return `${humanDuration(Date.now() - this.c.Created * 1000)} ago`;
  }

  Ports(): string {
    return displayablePorts(this.c.Ports);
  }

  State(): string {
    return this.c.State;
  }

  Status(): string {
    return this.c.Status;
  }

  Size(): string {
    this.fieldsUsed.add('Size');
    const srw = humanSizeWithPrecision(this.c.SizeRw ?? 0, 3);
    const sv = humanSizeWithPrecision(this.c.SizeRootFs ?? 0, 3);
    return (this.c.SizeRootFs ?? 0) > 0 ? `${srw} (virtual ${sv})` : srw;
  }

  Labels(): string {
    const labels = this.c.Labels;
    if (!labels) return '';
    return Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(',');
  }

  Label(name: unknown): string {
    return this.c.Labels?.[String(name)] ?? '';
  }

  Mounts(): string {
    return (this.c.Mounts ?? [])
      .map((m) => {
        const name = m.Name ? m.Name : (m.Source ?? '');
        return this.trunc ? ellipsis(name, 15) : name;
      })
      .join(',');
  }

  LocalVolumes(): string {
    return String((this.c.Mounts ?? []).filter((m) => (m as { Driver?: string }).Driver === 'local').length);
  }

  Networks(): string {
    const nets = this.c.NetworkSettings?.Networks;
    if (!nets) return '';
    return Object.keys(nets).sort().join(',');
  }

  /** the image manifest's platform: a nil pointer on engines before API 1.48 */
  Platform(): GoNil {
    return new GoNil('*v1.Platform', ['Architecture', 'OS', 'OSVersion', 'OSFeatures', 'Variant']);
  }

  /** docker's MarshalJSON: json.Marshal (HTML-escaping) of every argument-less method's value */
  MarshalJSON(): string {
    // only a template's json function calls this, so the engine is loaded
    return loadedEngine().marshalJSON(this.jsonFields(), true);
  }

  private jsonFields(): Record<string, unknown> {
    return {
      Command: this.Command(),
      CreatedAt: this.CreatedAt(),
      ID: this.ID(),
      Image: this.Image(),
      Labels: this.Labels(),
      LocalVolumes: this.LocalVolumes(),
      Mounts: this.Mounts(),
      Names: this.Names(),
      Networks: this.Networks(),
      Platform: this.Platform(),
      Ports: this.Ports(),
      RunningFor: this.RunningFor(),
      Size: this.Size(),
      State: this.State(),
      Status: this.Status(),
    };
  }
}
