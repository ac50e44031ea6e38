// docker/cli registry/formatter_search.go: the row context of `search`, its headers and format.
import { GO_TYPE, goInt, goStruct } from '../values.js';
import { loadedEngine } from '../engine.js';
import { ellipsis } from '../display.js';
import type { SearchResult } from '../../engine/registry.js';
import { headerContextField, subHeaderContext } from './subheader.js';

export const DEFAULT_SEARCH_TABLE = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}';

/** newFormat: '' and 'table' are the default table; anything else is used as given */
export function searchFormat(source: string): string {
  return source === '' || source === 'table' ? DEFAULT_SEARCH_TABLE : source;
}

export function searchHeaderContext(): object {
  return subHeaderContext({ Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL', IsAutomated: 'AUTOMATED' });
}

/** formatter.searchContext; its fields are Go's (unexported: trunc, json, s) for {{.}} */
export class SearchContext {
  readonly [GO_TYPE] = '*registry.searchContext';
  readonly HeaderContext = headerContextField();
  declare readonly trunc: boolean;
  declare json: boolean;
  declare readonly s: object;
  declare private readonly r: SearchResult;

  constructor(r: Partial<SearchResult>, trunc: boolean) {
    const res: SearchResult = { star_count: 0, is_official: false, name: '', is_automated: false, description: '', ...r };
    Object.defineProperty(this, 'trunc', { value: trunc, enumerable: true });
    Object.defineProperty(this, 'json', { value: false, enumerable: true, writable: true });
    Object.defineProperty(this, 's', {
      value: goStruct({ StarCount: goInt(res.star_count), IsOfficial: res.is_official, Name: res.name, IsAutomated: res.is_automated, Description: res.description }, 'registry.SearchResult'),
      enumerable: true,
    });
    Object.defineProperty(this, 'r', { value: res, enumerable: false });
  }

  Name(): string {
    return this.r.name;
  }

  Description(): string {
    const desc = this.r.description.replaceAll('\n', ' ').replaceAll('\r', ' ');
    return this.trunc ? ellipsis(desc, 45) : desc;
  }

  StarCount(): string {
    return String(this.r.star_count);
  }

  /** formatBool: [OK] or nothing in a table, true or false in JSON */
  IsOfficial(): string {
    if (this.json) return this.r.is_official ? 'true' : 'false';
    return this.r.is_official ? '[OK]' : '';
  }

  /** formatter.MarshalJSON: every argument-less method, HTML-escaped, booleans as words */
  MarshalJSON(): string {
    this.json = true;
    return loadedEngine().marshalJSON(
      { Description: this.Description(), IsOfficial: this.IsOfficial(), Name: this.Name(), StarCount: this.StarCount() },
      true,
    );
  }
}
