// docker/cli service/formatter.go, the list part: the row context of `service ls`, its
// headers and formats.
import { GO_TYPE } from '../values.js';
import { loadedEngine } from '../engine.js';
import { truncateId } from '../display.js';
import type { PortConfig, Service } from '../../engine/service-types.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import { displayImage } from './task.js';

export const DEFAULT_SERVICE_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}';

/** service.NewListFormat: a custom format stays as given, even with --quiet */
export function serviceListFormat(source: string, quiet: boolean): string {
  switch (source) {
    case 'table':
      return quiet ? '{{.ID}}' : DEFAULT_SERVICE_TABLE;
    case 'raw':
      return quiet ? 'id: {{.ID}}' : 'id: {{.ID}}\\nname: {{.Name}}\\nmode: {{.Mode}}\\nreplicas: {{.Replicas}}\\nimage: {{.Image}}\\nports: {{.Ports}}\\n';
    default:
      return source;
  }
}

export const SERVICE_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  Mode: 'MODE',
  Replicas: 'REPLICAS',
  Image: 'IMAGE',
  Ports: 'PORTS',
};

export function serviceHeaderContext(): object {
  return subHeaderContext(SERVICE_HEADERS);
}

/** swarm.ServiceStatus, as GET /services?status=true adds it */
export interface ServiceStatus {
  RunningTasks?: number;
  DesiredTasks?: number;
  CompletedTasks?: number;
}

const u32 = (n: number): number => n >>> 0;

/**
 * serviceContext.Ports: the ingress ports sorted by protocol then published port, runs of
 * consecutive ports grouped into ranges (*:80-81->80-81/tcp), as docker groups them (its
 * uint32 differences wrap, so a smaller port always starts a new range)
 */
export function servicePorts(ports: PortConfig[] | null | undefined): string {
  if (!ports) return '';
  const sorted = [...ports].sort((a, b) => {
    const pa = a.Protocol ?? '';
    const pb = b.Protocol ?? '';
    if (pa === pb) return (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0);
    return pa < pb ? -1 : 1;
  });
  const out: string[] = [];
  let pr = { pStart: 0, pEnd: 0, tStart: 0, tEnd: 0, protocol: '' };
  const show = (r: typeof pr): string =>
    `*:${r.pEnd > r.pStart ? `${r.pStart}-${r.pEnd}` : r.pStart}->${r.tEnd > r.tStart ? `${r.tStart}-${r.tEnd}` : r.tStart}/${r.protocol}`;
  for (const p of sorted) {
    if (p.PublishMode !== 'ingress') continue;
    const published = p.PublishedPort ?? 0;
    const target = p.TargetPort ?? 0;
    const protocol = p.Protocol ?? '';
    const isRange = pr.tEnd !== pr.tStart;
    const overlaps = target <= pr.tEnd;
    if (protocol !== pr.protocol || u32(published - pr.pEnd) > 1 || u32(target - pr.tEnd) > 1 || (isRange && overlaps)) {
      if (pr.pStart > 0) out.push(show(pr));
      pr = { pStart: published, pEnd: published, tStart: target, tEnd: target, protocol };
      continue;
    }
    pr.pEnd = published;
    pr.tEnd = target;
  }
  if (pr.pStart > 0) out.push(show(pr));
  return out.join(', ');
}

/** service.serviceContext */
export class ServiceContext {
  readonly [GO_TYPE] = '*service.serviceContext';
  readonly HeaderContext = headerContextField();
  declare private readonly service: Service & { ServiceStatus?: ServiceStatus; Endpoint?: { Ports?: PortConfig[] | null } };

  constructor(service: Service) {
    Object.defineProperty(this, 'service', { value: service, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  ID(): string {
    return truncateId(this.service.ID);
  }

  Name(): string {
    return this.service.Spec?.Name ?? '';
  }

  Mode(): string {
    const m = this.service.Spec?.Mode ?? {};
    if (m.Global) return 'global';
    if (m.Replicated) return 'replicated';
    if (m.ReplicatedJob) return 'replicated job';
    if (m.GlobalJob) return 'global job';
    return '';
  }

  Replicas(): string {
    const st = this.service.ServiceStatus;
    const running = st?.RunningTasks ?? 0;
    const desired = st?.DesiredTasks ?? 0;
    const completed = st?.CompletedTasks ?? 0;
    const m = this.service.Spec?.Mode ?? {};
    if (m.ReplicatedJob) return `${running}/${desired} (${completed}/${m.ReplicatedJob.TotalCompletions ?? 0} completed)`;
    if (m.GlobalJob) return `${running}/${desired} (${completed}/${desired + completed} completed)`;
    const max = this.Mode() === 'replicated' ? (this.service.Spec?.TaskTemplate?.Placement?.MaxReplicas ?? 0) : 0;
    if (max > 0) return `${running}/${desired} (max ${max} per node)`;
    return `${running}/${desired}`;
  }

  Image(): string {
    return displayImage(this.service.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '');
  }

  Ports(): string {
    return servicePorts(this.service.Endpoint?.Ports);
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, HTML-escaped */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      { ID: this.ID(), Image: this.Image(), Mode: this.Mode(), Name: this.Name(), Ports: this.Ports(), Replicas: this.Replicas() },
      true,
    );
  }
}
