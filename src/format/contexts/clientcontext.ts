// docker/cli formatter/context.go: the rows of `context ls`.
import { GO_TYPE } from '../values.js';
import { jsonString } from '../gojson.js';
import { ellipsis } from '../display.js';
import { headerContextField, subHeaderContext } from './subheader.js';

export const CLIENT_CONTEXT_TABLE = 'table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}';

export interface ClientContext {
  Name: string;
  Description: string;
  DockerEndpoint: string;
  Current: boolean;
  Error: string;
}

/** formatter.NewClientContextFormat */
export function clientContextFormat(source: string, quiet: boolean): string {
  if (quiet) return '{{.Name}}';
  if (source === 'table') return CLIENT_CONTEXT_TABLE;
  return source;
}

export function clientContextHeader(): object {
  return subHeaderContext({ Name: 'NAME', Description: 'DESCRIPTION', DockerEndpoint: 'DOCKER ENDPOINT', Error: 'ERROR' });
}

/** formatter.clientContextContext */
export class ClientContextRow {
  readonly [GO_TYPE] = '*formatter.clientContextContext';
  readonly HeaderContext = headerContextField();
  declare private readonly c: ClientContext;

  constructor(c: ClientContext) {
    Object.defineProperty(this, 'c', { value: c, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, sorted, HTML-escaped */
  MarshalJSON(): string {
    const s = (v: string): string => jsonString(v, true);
    return `{"Current":${this.Current()},"Description":${s(this.Description())},"DockerEndpoint":${s(this.DockerEndpoint())},"Error":${s(this.Error())},"Name":${s(this.Name())}}`;
  }

  Current(): boolean {
    return this.c.Current;
  }

  Name(): string {
    return this.c.Name;
  }

  Description(): string {
    return this.c.Description;
  }

  DockerEndpoint(): string {
    return this.c.DockerEndpoint;
  }

  Error(): string {
    return ellipsis(this.c.Error, 45);
  }
}
