// docker/cli stack/formatter: the row context of `stack ls` (NAME, SERVICES), its header and
// default table.
import { GO_TYPE, goInt, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { headerContextField, subHeaderContext } from './subheader.js';

/** formatter.SwarmStackTableFormat */
export const STACK_TABLE_FORMAT = 'table {{.Name}}\t{{.Services}}';

/** formatter.Stack: a stack's name and how many services carry its namespace label */
export interface StackSummary {
  Name: string;
  Services: number;
}

/** stack ls's format: "" and "table" are the default table, anything else is used as given */
export function stackListFormat(source: string): string {
  return source === '' || source === 'table' ? STACK_TABLE_FORMAT : source;
}

export function stackHeaderContext(): object {
  return subHeaderContext({ Name: 'NAME', Services: 'SERVICES' });
}

/** stackContext: formatter.HeaderContext and a *Stack (what `{{.}}` prints: `{{<nil>} 0xc...}`) */
export class StackContext {
  declare readonly [GO_TYPE]: string;
  readonly HeaderContext = headerContextField();
  declare private readonly stack: StackSummary;

  constructor(stack: StackSummary) {
    Object.defineProperty(this, GO_TYPE, { value: '*formatter.stackContext', enumerable: false });
    Object.defineProperty(this, 'stack', { value: stack, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
    // the struct's second field, s *Stack: a pointer, printed as an address
    Object.defineProperty(this, 's', { value: goStruct({ Name: stack.Name, Services: goInt(stack.Services, 'int') }, '*formatter.Stack'), enumerable: true });
  }

  FullHeader(): unknown {
    return undefined;
  }

  Name(): string {
    return this.stack.Name;
  }

  /** strconv.Itoa: a string, so JSON quotes it */
  Services(): string {
    return String(this.stack.Services);
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON({ Name: this.Name(), Services: this.Services() }, true);
  }
}
