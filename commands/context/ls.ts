import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { contextStore, currentContext, dockerContextMeta, dockerEndpointOf } from '../../src/config/contextstore.js';
import { ClientContextRow, clientContextFormat, clientContextHeader, type ClientContext } from '../../src/format/contexts/clientcontext.js';
import { naturalLess } from '../../src/util/sortorder.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List contexts',
  args: { kind: 'none' },
  flags: [
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only show context names' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const store = contextStore(cli);
  let list;
  try {
    list = store.list();
  } catch (e) {
    throw new StatusError((e as Error).message, 1);
  }
  const cur = currentContext(cli);
  let curFound = false;
  const rows: ClientContext[] = [];
  for (const m of list) {
    const isCurrent = m.Name === cur;
    if (isCurrent) curFound = true;
    const meta = dockerContextMeta(m);
    let host = '';
    let error = '';
    try {
      host = dockerEndpointOf(m).Host;
    } catch (e) {
      error = (e as Error).message;
    }
    rows.push({ Name: m.Name, Current: isCurrent, Description: meta.Description, DockerEndpoint: host, Error: error });
  }
  if (!curFound) {
    let error = '';
    try {
      store.get(cur);
    } catch (e) {
      error = (e as Error).message;
    }
    rows.push({ Name: cur, Current: true, Description: '', DockerEndpoint: '', Error: error });
  }
  rows.sort((a, b) => (naturalLess(a.Name, b.Name) ? -1 : naturalLess(b.Name, a.Name) ? 1 : 0));
  const format = clientContextFormat((opts.format as string | undefined) || 'table', opts.quiet as boolean);
  try {
    cli.out.write(await renderRows(format, rows.map((r) => new ClientContextRow(r)), clientContextHeader()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
  if (cli.env.DOCKER_HOST) {
    cli.err.write('Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set the global --context flag, or unset DOCKER_HOST environment variable.\n');
  }
};
