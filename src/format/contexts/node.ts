// docker/cli node/formatter.go: the row context of `node ls`, its headers and formats, and
// the context of `node inspect --pretty`.
import { GO_TYPE, GoNil, goInt, goMap, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { bytesSize } from '../../util/units.js';
import type { SwarmNode } from '../../engine/nodes.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import { goTimeString, parseGoTime, ZERO_TIME } from '../inspect-types/gotime.js';

export const DEFAULT_NODE_TABLE = 'table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}';

export const NODE_PRETTY_TEMPLATE = `ID:			{{.ID}}
{{- if .Name }}
Name:			{{.Name}}
{{- end }}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Hostname:              	{{.Hostname}}
Joined at:             	{{.CreatedAt}}
Status:
 State:			{{.StatusState}}
 {{- if .HasStatusMessage}}
 Message:              	{{.StatusMessage}}
 {{- end}}
 Availability:         	{{.SpecAvailability}}
 {{- if .Status.Addr}}
 Address:		{{.StatusAddr}}
 {{- end}}
{{- if .HasManagerStatus}}
Manager Status:
 Address:		{{.ManagerStatusAddr}}
 Raft Status:		{{.ManagerStatusReachability}}
 {{- if .IsManagerStatusLeader}}
 Leader:		Yes
 {{- else}}
 Leader:		No
 {{- end}}
{{- end}}
Platform:
 Operating System:	{{.PlatformOS}}
 Architecture:		{{.PlatformArchitecture}}
Resources:
 CPUs:			{{.ResourceNanoCPUs}}
 Memory:		{{.ResourceMemory}}
{{- if .HasEnginePlugins}}
Plugins:
{{- range $k, $v := .EnginePlugins }}
 {{ $k }}:{{if $v }}		{{ $v }}{{ end }}
{{- end }}
{{- end }}
Engine Version:		{{.EngineVersion}}
{{- if .EngineLabels}}
Engine Labels:
{{- range $k, $v := .EngineLabels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{- end }}
{{- if .HasTLSInfo}}
TLS Info:
 TrustRoot:
{{.TLSInfoTrustRoot}}
 Issuer Subject:	{{.TLSInfoCertIssuerSubject}}
 Issuer Public Key:	{{.TLSInfoCertIssuerPublicKey}}
{{- end}}`;

/** node.NewFormat */
export function nodeFormat(source: string, quiet: boolean): string {
  switch (source) {
    case 'pretty':
      return NODE_PRETTY_TEMPLATE;
    case 'table':
      return quiet ? '{{.ID}}' : DEFAULT_NODE_TABLE;
    case 'raw':
      return quiet ? 'node_id: {{.ID}}' : 'node_id: {{.ID}}\\nhostname: {{.Hostname}}\\nstatus: {{.Status}}\\navailability: {{.Availability}}\\nmanager_status: {{.ManagerStatus}}\\n';
    default:
      return source;
  }
}

export const NODE_HEADERS: Record<string, string> = {
  ID: 'ID',
  Self: '',
  Hostname: 'HOSTNAME',
  Status: 'STATUS',
  Availability: 'AVAILABILITY',
  ManagerStatus: 'MANAGER STATUS',
  EngineVersion: 'ENGINE VERSION',
  TLSStatus: 'TLS STATUS',
};

export function nodeHeaderContext(): object {
  return subHeaderContext(NODE_HEADERS);
}

/** formatter.PrettyPrint of a string: its first byte upper-cased, the rest lower-cased */
export function prettyPrint(s: string): string {
  if (s.length === 0) return s;
  if (s.length === 1) return s.toLowerCase();
  return s[0]!.toUpperCase() + s.slice(1).toLowerCase();
}

type TLS = { TrustRoot?: string; CertIssuerSubject?: string; CertIssuerPublicKey?: string } | undefined | null;
const tlsEmpty = (t: TLS): boolean => !t || (!t.TrustRoot && !t.CertIssuerSubject && !t.CertIssuerPublicKey);
const tlsSame = (a: TLS, b: TLS): boolean =>
  (a?.TrustRoot ?? '') === (b?.TrustRoot ?? '') && (a?.CertIssuerSubject ?? '') === (b?.CertIssuerSubject ?? '') && (a?.CertIssuerPublicKey ?? '') === (b?.CertIssuerPublicKey ?? '');

/** what nodeContext reads of /info */
export interface NodeListInfo {
  nodeID: string;
  clusterTLS?: TLS;
  hasCluster: boolean;
}

/** formatter's nodeContext */
export class NodeContext {
  readonly [GO_TYPE] = '*node.nodeContext';
  readonly HeaderContext = headerContextField();
  declare private readonly n: SwarmNode;
  declare private readonly info: NodeListInfo;

  constructor(n: SwarmNode, info: NodeListInfo) {
    Object.defineProperty(this, 'n', { value: n, enumerable: false });
    Object.defineProperty(this, 'info', { value: info, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  ID(): string {
    return this.n.ID;
  }

  Self(): boolean {
    return this.n.ID === this.info.nodeID;
  }

  Hostname(): string {
    return this.n.Description?.Hostname ?? '';
  }

  Status(): string {
    return prettyPrint(this.n.Status?.State ?? '');
  }

  Availability(): string {
    return prettyPrint(this.n.Spec?.Availability ?? '');
  }

  ManagerStatus(): string {
    const m = this.n.ManagerStatus;
    let reachability = '';
    if (m) reachability = m.Leader ? 'Leader' : (m.Reachability ?? '');
    return prettyPrint(reachability);
  }

  TLSStatus(): string {
    const mine = this.n.Description?.TLSInfo;
    if (!this.info.hasCluster || tlsEmpty(this.info.clusterTLS) || tlsEmpty(mine)) return 'Unknown';
    return tlsSame(mine, this.info.clusterTLS) ? 'Ready' : 'Needs Rotation';
  }

  EngineVersion(): string {
    return this.n.Description?.Engine?.EngineVersion ?? '';
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, HTML-escaped */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        Availability: this.Availability(),
        EngineVersion: this.EngineVersion(),
        Hostname: this.Hostname(),
        ID: this.ID(),
        ManagerStatus: this.ManagerStatus(),
        Self: this.Self(),
        Status: this.Status(),
        TLSStatus: this.TLSStatus(),
      },
      true,
    );
  }
}

const strMap = (m: Record<string, string> | null | undefined): object => (m ? goMap({ ...m }, 'map[string]string') : new GoNil('map[string]string'));

/** nodeInspectContext: swarm.Node's fields the template reads (.Status.Addr) and its methods */
export class NodePrettyContext {
  readonly [GO_TYPE] = '*node.nodeInspectContext';
  declare private readonly n: SwarmNode;
  declare readonly Status: object;

  constructor(n: SwarmNode) {
    Object.defineProperty(this, 'n', { value: n, enumerable: false });
    Object.defineProperty(this, 'Status', {
      value: goStruct({ State: n.Status?.State ?? '', Message: n.Status?.Message ?? '', Addr: n.Status?.Addr ?? '' }, 'swarm.NodeStatus'),
      enumerable: true,
    });
  }

  ID(): string {
    return this.n.ID;
  }
  Name(): string {
    return this.n.Spec?.Name ?? '';
  }
  Labels(): object {
    return strMap(this.n.Spec?.Labels);
  }
  Hostname(): string {
    return this.n.Description?.Hostname ?? '';
  }
  CreatedAt(): string {
    return prettyPrint(goTimeString(parseGoTime(this.n.CreatedAt ?? '') ?? ZERO_TIME));
  }
  StatusState(): string {
    return prettyPrint(this.n.Status?.State ?? '');
  }
  HasStatusMessage(): boolean {
    return (this.n.Status?.Message ?? '') !== '';
  }
  StatusMessage(): string {
    return prettyPrint(this.n.Status?.Message ?? '');
  }
  SpecAvailability(): string {
    return prettyPrint(this.n.Spec?.Availability ?? '');
  }
  HasStatusAddr(): boolean {
    return (this.n.Status?.Addr ?? '') !== '';
  }
  StatusAddr(): string {
    return this.n.Status?.Addr ?? '';
  }
  HasManagerStatus(): boolean {
    return !!this.n.ManagerStatus;
  }
  ManagerStatusAddr(): string {
    return this.n.ManagerStatus?.Addr ?? '';
  }
  ManagerStatusReachability(): string {
    return prettyPrint(this.n.ManagerStatus?.Reachability ?? '');
  }
  IsManagerStatusLeader(): boolean {
    return this.n.ManagerStatus?.Leader === true;
  }
  PlatformOS(): string {
    return this.n.Description?.Platform?.OS ?? '';
  }
  PlatformArchitecture(): string {
    return this.n.Description?.Platform?.Architecture ?? '';
  }
  ResourceNanoCPUs(): unknown {
    const n = this.n.Description?.Resources?.NanoCPUs ?? 0;
    return goInt(Math.trunc(n / 1e9));
  }
  ResourceMemory(): string {
    const m = this.n.Description?.Resources?.MemoryBytes ?? 0;
    return m === 0 ? '' : bytesSize(m);
  }
  HasEnginePlugins(): boolean {
    return (this.n.Description?.Engine?.Plugins?.length ?? 0) > 0;
  }
  EnginePlugins(): object {
    const byType: Record<string, string[]> = {};
    for (const p of this.n.Description?.Engine?.Plugins ?? []) (byType[p.Type ?? ''] ??= []).push(p.Name ?? '');
    return goMap(Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, v.join(', ')])), 'map[string]string');
  }
  EngineLabels(): object {
    return strMap(this.n.Description?.Engine?.Labels);
  }
  EngineVersion(): string {
    return this.n.Description?.Engine?.EngineVersion ?? '';
  }
  HasTLSInfo(): boolean {
    return !tlsEmpty(this.n.Description?.TLSInfo);
  }
  TLSInfoTrustRoot(): string {
    return this.n.Description?.TLSInfo?.TrustRoot ?? '';
  }
  /** the []byte fields arrive base64-encoded and are printed so */
  TLSInfoCertIssuerPublicKey(): string {
    return this.n.Description?.TLSInfo?.CertIssuerPublicKey ?? '';
  }
  TLSInfoCertIssuerSubject(): string {
    return this.n.Description?.TLSInfo?.CertIssuerSubject ?? '';
  }
}
