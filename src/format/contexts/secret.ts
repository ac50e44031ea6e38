// docker/cli secret/formatter.go and config/formatter.go: the row contexts of `secret ls`
// and `config ls`, their headers and formats, and the contexts of `inspect --pretty`.
import { GO_TYPE, GoNil, goFunc, goMap } from '../values.js';
import { loadedEngine } from '../engine.js';
import { humanDurationNs } from '../../util/units.js';
import type { SwarmSecret } from '../../engine/secrets.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import { joinLabels } from './network.js';
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

/** configContext (and the base of secretContext) */
export class ConfigContext {
  declare readonly [GO_TYPE]: string;
  readonly HeaderContext = headerContextField();
  declare protected readonly s: SwarmSecret;
  declare private readonly kind: 'secret' | 'config';

  constructor(s: SwarmSecret, kind: 'secret' | 'config') {
    Object.defineProperty(this, GO_TYPE, { value: kind === 'secret' ? '*secret.secretContext' : '*config.configContext', enumerable: false });
    Object.defineProperty(this, 's', { value: s, enumerable: false });
    Object.defineProperty(this, 'kind', { value: kind, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  ID(): string {
    return this.s.ID;
  }

  Name(): string {
    return this.s.Spec?.Name ?? '';
  }

  CreatedAt(): string {
    return ago(this.s.CreatedAt);
  }

  UpdatedAt(): string {
    return ago(this.s.UpdatedAt);
  }

  Labels(): string {
    return joinLabels(this.s.Spec?.Labels);
  }

  Label(name: string): string {
    return this.s.Spec?.Labels?.[name] ?? '';
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
    return this.s.Spec?.Driver?.Name ?? '';
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
