import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { credentials, withRegistryPrivilege } from '../../src/cli/auth.js';
import { PromptCancelled } from '../../src/cli/readinput.js';
import { filterFlag, filtersOf } from '../../src/cli/opts.js';
import { goParseInt } from '../../src/cli/opts/goparse.js';
import { encodeAuthHeader, INDEX_SERVER } from '../../src/config/credentials.js';
import { searchImages } from '../../src/engine/registry.js';
import { FormatError, renderRows } from '../../src/format/formatter.js';
import { SearchContext, searchFormat, searchHeaderContext } from '../../src/format/contexts/search.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] TERM',
  short: 'Search Docker Hub for images',
  args: { kind: 'exact', n: 1 },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: 'Pretty-print search using a Go template' },
    { name: 'limit', kind: 'value', type: 'int', usage: 'Max number of search results', default: 0, parse: (r) => goParseInt(r, 0) },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
  ],
};

/** the registry a search term names (registry.ParseSearchIndexInfo), else Docker Hub */
function searchIndex(term: string): string {
  const first = term.split('/')[0]!;
  return term.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** getAuth: the credentials of the registry named in the term, else Docker Hub's (errors ignored) */
function searchAuth(cli: Parameters<CommandModule['run']>[0], term: string): string {
  const indexName = term.split('/')[0]!;
  const key = indexName.includes('.') || indexName.includes(':') || indexName === 'localhost' ? indexName : INDEX_SERVER;
  return encodeAuthHeader(credentials(cli).getOrPartial(key));
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  credentials(cli);
  const filters = filtersOf(opts.filter);
  if (filters['is-automated']) {
    cli.err.write('WARNING: the "is-automated" filter is deprecated, and searching for "is-automated=true" will not yield any results in future.\n');
  }
  const term = args[0]!;
  let results;
  try {
    results = await withRegistryPrivilege(cli, searchIndex(term), 'search', searchAuth(cli, term), (auth) => searchImages(cli.api(), { term, limit: opts.limit as number, filters, registryAuth: auth }));
  } catch (e) {
    if (e instanceof PromptCancelled) return 0;
    throw e;
  }
  const trunc = !(opts['no-trunc'] as boolean);
  try {
    cli.out.write(await renderRows(searchFormat((opts.format as string | undefined) ?? ''), (results ?? []).map((r) => new SearchContext(r, trunc)), searchHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
