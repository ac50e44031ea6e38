// docker/cli task/formatter.go: the row context of `service ps` and `node ps`, its headers
// and formats.
import { GO_STRING, GO_TYPE } from '../values.js';
import { loadedEngine } from '../engine.js';
import { ellipsis, truncateId } from '../display.js';
import { goTimeUnixNano, parseGoTime } from '../inspect-types/gotime.js';
import { humanDuration } from '../../util/units.js';
import { familiarString, parseNormalizedNamed } from '../../util/reference.js';
import type { Task } from '../../engine/tasks.js';
import { headerContextField, subHeaderContext } from './subheader.js';

export const DEFAULT_TASK_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}';

const MAX_ERR_LENGTH = 30;

/** task.NewTaskFormat: a custom format stays as given, even with --quiet */
export function taskFormat(source: string, quiet: boolean): string {
  switch (source) {
    case 'table':
      return quiet ? '{{.ID}}' : DEFAULT_TASK_TABLE;
    case 'raw':
      return quiet
        ? 'id: {{.ID}}'
        : 'id: {{.ID}}\\nname: {{.Name}}\\nimage: {{.Image}}\\nnode: {{.Node}}\\ndesired_state: {{.DesiredState}}\\ncurrent_state: {{.CurrentState}}\\nerror: {{.Error}}\\nports: {{.Ports}}\\n';
    default:
      return source;
  }
}

export const TASK_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  Image: 'IMAGE',
  Node: 'NODE',
  DesiredState: 'DESIRED STATE',
  CurrentState: 'CURRENT STATE',
  Error: 'ERROR',
  Ports: 'PORTS',
};

export function taskHeaderContext(): object {
  return subHeaderContext(TASK_HEADERS);
}

/** formatter.PrettyPrint of a string: the first letter upper-cased, the rest lower-cased */
export function prettyPrint(s: string): string {
  if (s.length === 0) return s;
  if (Buffer.byteLength(s) === 1) return s.toLowerCase();
  return s[0]!.toUpperCase() + s.slice(1).toLowerCase();
}

/** the image as listings show it: a tagged reference without its digest; else as it is */
export function displayImage(image: string): string {
  try {
    const ref = parseNormalizedNamed(image);
    if (ref.tag === undefined) return image;
    return familiarString({ domain: ref.domain, path: ref.path, tag: ref.tag });
  } catch {
    return image;
  }
}

/** a time as Unix nanoseconds (0n when it does not parse) */
export function timeNanos(text: string | undefined): bigint {
  const t = text ? parseGoTime(text) : undefined;
  return t ? goTimeUnixNano(t) : 0n;
}

/** time.Since in milliseconds */
export function sinceMs(text: string | undefined): number {
  const ns = timeNanos(text);
  return Date.now() - Number(ns / 1_000_000n);
}

/** task.taskContext */
export class TaskContext {
  readonly [GO_TYPE] = '*task.taskContext';
  readonly HeaderContext = headerContextField();
  declare private readonly task: Task;
  declare private readonly trunc: boolean;
  declare private readonly name: string;
  declare private readonly node: string;

  constructor(task: Task, trunc: boolean, name: string, node: string) {
    for (const [k, v] of Object.entries({ task, trunc, name, node })) Object.defineProperty(this, k, { value: v, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  /** with its Error method the context is an error to fmt: `{{.}}` prints Error() */
  [GO_STRING](): string {
    return this.Error();
  }

  ID(): string {
    return this.trunc ? truncateId(this.task.ID) : this.task.ID;
  }

  Name(): string {
    return this.name;
  }

  Image(): string {
    const image = this.task.Spec?.ContainerSpec?.Image ?? '';
    return this.trunc ? displayImage(image) : image;
  }

  Node(): string {
    return this.node;
  }

  DesiredState(): string {
    return prettyPrint(this.task.DesiredState ?? '');
  }

  CurrentState(): string {
    return `${prettyPrint(this.task.Status?.State ?? '')} ${humanDuration(sinceMs(this.task.Status?.Timestamp)).toLowerCase()} ago`;
  }

  Error(): string {
    let err = this.task.Status?.Err ?? '';
    if (this.trunc) err = ellipsis(err, MAX_ERR_LENGTH);
    return err.length > 0 ? `"${err}"` : err;
  }

  Ports(): string {
    const ports = this.task.Status?.PortStatus?.Ports ?? [];
    return ports.map((p) => `*:${p.PublishedPort ?? 0}->${p.TargetPort ?? 0}/${p.Protocol ?? ''}`).join(',');
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, HTML-escaped */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        CurrentState: this.CurrentState(),
        DesiredState: this.DesiredState(),
        Error: this.Error(),
        ID: this.ID(),
        Image: this.Image(),
        Name: this.Name(),
        Node: this.Node(),
        Ports: this.Ports(),
      },
      true,
    );
  }
}
