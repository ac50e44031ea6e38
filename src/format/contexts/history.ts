// docker/cli image/formatter_history.go: the row context of `history`, its headers and
// renderings (-H/--human switches sizes and dates between human and raw forms).
import { GO_TYPE, GoNil, goInt, goSlice, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { ellipsis, truncateId } from '../display.js';
import { humanDuration, humanSizeWithPrecision } from '../../util/units.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import type { HistoryItem } from '../../engine/images.js';

export const DEFAULT_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
export const NON_HUMAN_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

/** NewHistoryFormat */
export function historyFormat(source: string, quiet: boolean, human: boolean): string {
  if (source === 'table') {
    if (quiet) return '{{.ID}}';
    return human ? DEFAULT_HISTORY_TABLE : NON_HUMAN_HISTORY_TABLE;
  }
  return source;
}

export const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

export function historyHeaderContext(): object {
  return subHeaderContext(HISTORY_HEADERS);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** time.Unix(s, 0).Format(time.RFC3339), in the local zone */
export function rfc3339Local(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad2(Math.trunc(Math.abs(off) / 60))}:${pad2(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}${zone}`;
}

function itemValue(h: HistoryItem): object {
  return goStruct(
    {
      Comment: h.Comment ?? '',
      Created: goInt(h.Created ?? 0, 'int64'),
      CreatedBy: h.CreatedBy ?? '',
      ID: h.Id ?? '',
      Size: goInt(h.Size ?? 0, 'int64'),
      Tags: h.Tags ? goSlice([...h.Tags], '[]string') : new GoNil('[]string'),
    },
    'image.HistoryResponseItem',
  );
}

/** image.historyContext: Go's fields as enumerable properties, the template's fields as methods */
export class HistoryContext {
  readonly [GO_TYPE] = '*image.historyContext';
  readonly HeaderContext = headerContextField();
  readonly trunc: boolean;
  readonly human: boolean;
  readonly h: object;
  declare private readonly item: HistoryItem;

  constructor(h: Partial<HistoryItem>, trunc: boolean, human: boolean) {
    const item: HistoryItem = { Id: '', Created: 0, CreatedBy: '', Tags: null, Size: 0, Comment: '', ...h };
    this.trunc = trunc;
    this.human = human;
    this.h = itemValue(item);
    Object.defineProperty(this, 'item', { value: item, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  ID(): string {
    return this.trunc ? truncateId(this.item.Id ?? '') : (this.item.Id ?? '');
  }

  CreatedAt(): string {
    return rfc3339Local(this.item.Created ?? 0);
  }

  CreatedSince(): string {
    if (!this.human) return this.CreatedAt();
    return `${humanDuration(Date.now() - (this.item.Created ?? 0) * 1000)} ago`;
  }

  CreatedBy(): string {
    const createdBy = (this.item.CreatedBy ?? '').replaceAll('\t', ' ');
    return this.trunc ? ellipsis(createdBy, 45) : createdBy;
  }

  Size(): string {
    const size = this.item.Size ?? 0;
    return this.human ? humanSizeWithPrecision(size, 3) : String(size);
  }

  Comment(): string {
    return this.item.Comment ?? '';
  }

  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        Comment: this.Comment(),
        CreatedAt: this.CreatedAt(),
        CreatedBy: this.CreatedBy(),
        CreatedSince: this.CreatedSince(),
        ID: this.ID(),
        Size: this.Size(),
      },
      true,
    );
  }
}
