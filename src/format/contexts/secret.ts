// docker/cli secret/formatter.go and config/formatter.go: the row contexts of `secret ls`
// and `config ls`, their headers and formats, and the contexts of `inspect --pretty`.
import { GO_TYPE, GoNil, goFunc, goInt, goMap, goSlice, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { humanDurationNs } from '../../util/units.js';
import type { SwarmSecret } from '../../engine/secrets.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import { joinLabels, rawGoTime } from './network.js';
import { goTimeString, goTimeUnixNano, parseGoTime, ZERO_TIME } from '../inspect-types/gotime.js';
import { prettyPrint } from './node.js';

export const DEFAULT_SECRET_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}';
export const DEFAULT_CONFIG_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}\t{{.UpdatedAt}}';

export const SECRET_PRETTY_TEMPLATE = `ID:              {{.ID}}
Name:              {{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Driver:            {{.Driver}}
Created at:        {{.CreatedAt}}
Updated at:        {{.UpdatedAt}}`;

export const CONFIG_PRETTY_TEMPLATE = `ID:			{{.ID}}
Name:			{{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 - {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Created at:            	{{.CreatedAt}}
Updated at:            	{{.UpdatedAt}}
Data:
{{.Data}}`;

/** secret.NewFormat / config.NewFormat (neither has a raw format) */
export function secretFormat(source: string, quiet: boolean, kind: 'secret' | 'config'): string {
  switch (source) {
    case 'pretty':
      return kind === 'secret' ? SECRET_PRETTY_TEMPLATE : CONFIG_PRETTY_TEMPLATE;
    case 'table':
      return quiet ? '{{.ID}}' : kind === 'secret' ? DEFAULT_SECRET_TABLE : DEFAULT_CONFIG_TABLE;
    default:
      return source;
  }
}

export function secretHeaderContext(kind: 'secret' | 'config'): object {
  const h: Record<string, string> = { ID: 'ID', Name: 'NAME', CreatedAt: 'CREATED', UpdatedAt: 'UPDATED', Labels: 'LABELS' };
  if (kind === 'secret') h.Driver = 'DRIVER';
  return subHeaderContext(h);
}

const nanos = (text: string | undefined): bigint => goTimeUnixNano(parseGoTime(text ?? '') ?? ZERO_TIME);

/** units.HumanDuration(time.Now().UTC().Sub(t)) + " ago" */
function ago(text: string | undefined): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  return `${humanDurationNs(Number(now - nanos(text)))} ago`;
}

const strMap = (m: Record<string, string> | null | undefined): object => (m ? goMap({ ...m }, 'map[string]string') : new GoNil('map[string]string'));
const driverPtr = (d: unknown): object => (d ? goStruct({}, '*swarm.Driver') : new GoNil('*swarm.Driver'));

/**
 * swarm.Secret / swarm.Config as fmt prints them inside the context's unexported field ({{.}}):
 * no String methods reached, so times as {wall ext loc} and the version as {N}
 */
function objectValue(o: SwarmSecret, kind: 'secret' | 'config'): object {
  const data = o.Spec?.Data ? goSlice([...Buffer.from(o.Spec.Data, 'base64')].map((b) => goInt(b, 'uint8')), '[]uint8') : new GoNil('[]uint8');
  const annotations = goStruct({ Name: o.Spec?.Name ?? '', Labels: strMap(o.Spec?.Labels) }, 'swarm.Annotations');
  const spec =
    kind === 'secret'
      ? goStruct({ Annotations: annotations, Data: data, Driver: driverPtr(o.Spec?.Driver), Templating: driverPtr(o.Spec?.Templating) }, 'swarm.SecretSpec')
      : goStruct({ Annotations: annotations, Data: data, Templating: driverPtr(o.Spec?.Templating) }, 'swarm.ConfigSpec');
  const meta = goStruct(
    { Version: goStruct({ Index: goInt(o.Version?.Index ?? 0, 'uint64') }, 'swarm.Version'), CreatedAt: rawGoTime(o.CreatedAt), UpdatedAt: rawGoTime(o.UpdatedAt) },
    'swarm.Meta',
  );
  return goStruct({ ID: o.ID, Meta: meta, Spec: spec }, kind === 'secret' ? 'swarm.Secret' : 'swarm.Config');
}

/** configContext (and the base of secretContext) */
export class ConfigContext {
  declare readonly [GO_TYPE]: string;
  readonly HeaderContext = headerContextField();
  declare protected readonly obj: SwarmSecret;
  declare private readonly kind: 'secret' | 'config';

  constructor(s: SwarmSecret, kind: 'secret' | 'config') {
    Object.defineProperty(this, GO_TYPE, { value: kind === 'secret' ? '*secret.secretContext' : '*config.configContext', enumerable: false });
    Object.defineProperty(this, 'obj', { value: s, enumerable: false });
    Object.defineProperty(this, 'kind', { value: kind, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
    // the Go struct's second field (s swarm.Secret / c swarm.Config), for {{.}}
    let value: object | undefined;
    Object.defineProperty(this, kind === 'secret' ? 's' : 'c', { get: () => (value ??= objectValue(s, kind)), enumerable: true });
  }

  FullHeader(): unknown {
    return undefined;
  }

  ID(): string {
    return this.obj.ID;
  }

  Name(): string {
    return this.obj.Spec?.Name ?? '';
  }

  CreatedAt(): string {
    return ago(this.obj.CreatedAt);
  }

  UpdatedAt(): string {
    return ago(this.obj.UpdatedAt);
  }

  Labels(): string {
    return joinLabels(this.obj.Spec?.Labels);
  }

  Label(name: string): string {
    return this.obj.Spec?.Labels?.[name] ?? '';
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, HTML-escaped */
  MarshalJSON(): string {
    const o: Record<string, unknown> = { CreatedAt: this.CreatedAt() };
    if (this instanceof SecretContext) o.Driver = this.Driver();
    Object.assign(o, { ID: this.ID(), Labels: this.Labels(), Name: this.Name(), UpdatedAt: this.UpdatedAt() });
    return loadedEngine().marshalJSON(o, true);
  }
}

goFunc({ params: ['string'], result: 'string' }, ConfigContext.prototype.Label);

/** secretContext: a config's columns and the driver */
export class SecretContext extends ConfigContext {
  constructor(s: SwarmSecret) {
    super(s, 'secret');
  }

  Driver(): string {
    return this.obj.Spec?.Driver?.Name ?? '';
  }
}

/** secretInspectContext / configInspectContext */
export class SecretPrettyContext {
  declare readonly [GO_TYPE]: string;
  declare private readonly s: SwarmSecret;

  constructor(s: SwarmSecret, kind: 'secret' | 'config') {
    Object.defineProperty(this, GO_TYPE, { value: kind === 'secret' ? '*secret.secretInspectContext' : '*config.configInspectContext', enumerable: false });
    Object.defineProperty(this, 's', { value: s, enumerable: false });
  }

  ID(): string {
    return this.s.ID;
  }
  Name(): string {
    return this.s.Spec?.Name ?? '';
  }
  Labels(): object {
    const l = this.s.Spec?.Labels;
    return l ? goMap({ ...l }, 'map[string]string') : new GoNil('map[string]string');
  }
  Driver(): string {
    return this.s.Spec?.Driver?.Name ?? '';
  }
  CreatedAt(): string {
    return prettyPrint(goTimeString(parseGoTime(this.s.CreatedAt ?? '') ?? ZERO_TIME));
  }
  UpdatedAt(): string {
    return prettyPrint(goTimeString(parseGoTime(this.s.UpdatedAt ?? '') ?? ZERO_TIME));
  }
  /** string(Spec.Data): the bytes as they are (the engine sends them base64-encoded) */
  Data(): string {
    const d = this.s.Spec?.Data;
    return d ? Buffer.from(d, 'base64').toString('utf8') : '';
  }
}
