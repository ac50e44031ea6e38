// docker/cli network/formatter.go: the row context of `network ls`, its headers and formats.
import { GO_TYPE, GoNil, goFunc, goInt, goMap, goSlice, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { truncateId } from '../display.js';
import { goTimeString, goTimeUnix, parseGoTime, ZERO_TIME, type GoTime } from '../inspect-types/gotime.js';
import type { NetworkSummary } from '../../engine/networks.js';
import { headerContextField, subHeaderContext } from './subheader.js';

export const DEFAULT_NETWORK_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';

/** network.NewFormat: a custom format stays as given, even with --quiet */
export function networkFormat(source: string, quiet: boolean): string {
  switch (source) {
    case 'table':
      return quiet ? '{{.ID}}' : DEFAULT_NETWORK_TABLE;
    case 'raw':
      return quiet ? 'network_id: {{.ID}}' : 'network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n';
    default:
      return source;
  }
}

export const NETWORK_HEADERS: Record<string, string> = {
  ID: 'NETWORK ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  IPv4: 'IPV4',
  IPv6: 'IPV6',
  Internal: 'INTERNAL',
  Labels: 'LABELS',
  CreatedAt: 'CREATED AT',
};

export function networkHeaderContext(): object {
  return subHeaderContext(NETWORK_HEADERS);
}

/** labels as docker joins them: "k=v,k2=v2" (Go walks the map in no fixed order; berth keeps the engine's) */
export function joinLabels(labels: Record<string, string> | null | undefined): string {
  if (!labels) return '';
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

const SECONDS_TO_UNIX = 62135596800n;

/**
 * A time.Time as fmt prints it inside an unexported field (no String method reached):
 * {wall ext loc}, as encoding/json leaves it (no monotonic reading; loc nil for UTC).
 */
export function rawGoTime(text: string | undefined): object {
  const t: GoTime = (text && parseGoTime(text)) || ZERO_TIME;
  const utc = t.offset === 0 && t.zone === 'UTC';
  return goStruct(
    {
      wall: goInt(t.nsec, 'uint64'),
      ext: goInt(goTimeUnix(t) + SECONDS_TO_UNIX, 'int64'),
      loc: utc ? new GoNil('*time.Location') : goStruct({}, '*time.Location'),
    },
    'time.Time',
  );
}

const strMap = (m: unknown): object =>
  m && typeof m === 'object' ? goMap({ ...(m as Record<string, string>) }, 'map[string]string') : new GoNil('map[string]string');

function structMap(m: unknown, type: string, each: (v: Record<string, unknown>) => object): object {
  if (!m || typeof m !== 'object') return new GoNil(type);
  const out: Record<string, object> = {};
  for (const [k, v] of Object.entries(m as Record<string, Record<string, unknown>>)) out[k] = each(v ?? {});
  return goMap(out, type);
}

function structSlice(a: unknown, type: string, each: (v: Record<string, unknown>) => unknown): unknown {
  if (!Array.isArray(a)) return new GoNil(type);
  return goSlice(a.map((v: Record<string, unknown>) => each(v ?? {})), type);
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const b = (v: unknown): boolean => v === true;

/** network.Summary as a Go value, for templates that print the row context itself ({{.}}) */
function summaryValue(n: NetworkSummary): object {
  const ipam = (n.IPAM ?? {}) as Record<string, unknown>;
  const from = (n.ConfigFrom ?? {}) as Record<string, unknown>;
  return goStruct(
    {
      Name: s(n.Name),
      ID: s(n.Id),
      Created: rawGoTime(n.Created),
      Scope: s(n.Scope),
      Driver: s(n.Driver),
      EnableIPv4: b(n.EnableIPv4),
      EnableIPv6: b(n.EnableIPv6),
      IPAM: goStruct(
        {
          Driver: s(ipam.Driver),
          Options: strMap(ipam.Options),
          Config: structSlice(ipam.Config, '[]network.IPAMConfig', (c) =>
            goStruct({ Subnet: s(c.Subnet), IPRange: s(c.IPRange), Gateway: s(c.Gateway), AuxAddress: strMap(c.AuxiliaryAddresses) }, 'network.IPAMConfig'),
          ),
        },
        'network.IPAM',
      ),
      Internal: b(n.Internal),
      Attachable: b(n.Attachable),
      Ingress: b(n.Ingress),
      ConfigFrom: goStruct({ Network: s(from.Network) }, 'network.ConfigReference'),
      ConfigOnly: b(n.ConfigOnly),
      Containers: structMap(n.Containers, 'map[string]network.EndpointResource', (e) =>
        goStruct({ Name: s(e.Name), EndpointID: s(e.EndpointID), MacAddress: s(e.MacAddress), IPv4Address: s(e.IPv4Address), IPv6Address: s(e.IPv6Address) }, 'network.EndpointResource'),
      ),
      Options: strMap(n.Options),
      Labels: strMap(n.Labels),
      Peers: structSlice(n.Peers, '[]network.PeerInfo', (p) => goStruct({ Name: s(p.Name), IP: s(p.IP) }, 'network.PeerInfo')),
      Services: structMap(n.Services, 'map[string]network.ServiceInfo', (v) =>
        goStruct(
          {
            VIP: s(v.VIP),
            Ports: Array.isArray(v.Ports) ? goSlice([...(v.Ports as string[])], '[]string') : new GoNil('[]string'),
            LocalLBIndex: goInt(typeof v.LocalLBIndex === 'number' ? v.LocalLBIndex : 0),
            Tasks: structSlice(v.Tasks, '[]network.Task', (t) =>
              goStruct({ Name: s(t.Name), EndpointID: s(t.EndpointID), EndpointIP: s(t.EndpointIP), Info: strMap(t.Info) }, 'network.Task'),
            ),
          },
          'network.ServiceInfo',
        ),
      ),
    },
    'network.Summary',
  );
}

/**
 * network.networkContext. Its enumerable properties are the Go struct's fields, in order
 * (what `{{.}}` prints); the methods are the template's fields.
 */
export class NetworkContext {
  readonly [GO_TYPE] = '*network.networkContext';
  readonly HeaderContext = headerContextField();
  readonly trunc: boolean;
  declare readonly n: object;
  declare private readonly s: NetworkSummary;

  constructor(n: Partial<NetworkSummary>, trunc: boolean) {
    const sum = { Name: '', Id: '', Created: '', Scope: '', Driver: '', ...n } as NetworkSummary;
    this.trunc = trunc;
    let value: object | undefined;
    // the Go value is only built when a template prints the whole context
    Object.defineProperty(this, 'n', { get: () => (value ??= summaryValue(sum)), enumerable: true });
    Object.defineProperty(this, 's', { value: sum, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  ID(): string {
    return this.trunc ? truncateId(this.s.Id) : this.s.Id;
  }

  Name(): string {
    return this.s.Name;
  }

  Driver(): string {
    return this.s.Driver;
  }

  Scope(): string {
    return this.s.Scope;
  }

  IPv4(): string {
    return String(this.s.EnableIPv4 === true);
  }

  IPv6(): string {
    return String(this.s.EnableIPv6 === true);
  }

  Internal(): string {
    return String(this.s.Internal === true);
  }

  Labels(): string {
    return joinLabels(this.s.Labels);
  }

  Label(name: unknown): string {
    return this.s.Labels?.[String(name)] ?? '';
  }

  CreatedAt(): string {
    return goTimeString(parseGoTime(this.s.Created) ?? ZERO_TIME);
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, HTML-escaped */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        CreatedAt: this.CreatedAt(),
        Driver: this.Driver(),
        ID: this.ID(),
        IPv4: this.IPv4(),
        IPv6: this.IPv6(),
        Internal: this.Internal(),
        Labels: this.Labels(),
        Name: this.Name(),
        Scope: this.Scope(),
      },
      true,
    );
  }
}

goFunc({ params: ['string'], result: 'string' }, NetworkContext.prototype.Label);
