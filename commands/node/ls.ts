import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { listNodes } from '../../src/engine/nodes.js';
import { engineInfo } from '../../src/engine/system.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { NodeContext, nodeFormat, nodeHeaderContext, type NodeListInfo } from '../../src/format/contexts/node.js';
import { naturalCompare } from '../../src/util/sortorder.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List nodes in the swarm',
  args: { kind: 'none' },
  flagValues: { '*': [] },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display IDs' },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.24', 'node ls');

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const quiet = opts.quiet as boolean;
  const api = cli.api();
  const nodes = await listNodes(api, filtersOf(opts.filter));
  const info: NodeListInfo = { nodeID: '', hasCluster: false };
  // docker asks /info only for a listing that shows something of it
  if (nodes.length > 0 && !quiet) {
    const i = await engineInfo(api);
    info.nodeID = (i.Swarm?.NodeID as string | undefined) ?? '';
    info.hasCluster = !!i.Swarm?.Cluster;
    info.clusterTLS = i.Swarm?.Cluster?.TLSInfo;
  }
  let format = (opts.format as string | undefined) ?? '';
  if (format === '') {
    const cfg = cli.config().nodesFormat;
    format = typeof cfg === 'string' && cfg !== '' && !quiet ? cfg : 'table';
  }
  const sorted = [...nodes].sort((a, b) => naturalCompare(a.Description?.Hostname ?? '', b.Description?.Hostname ?? ''));
  try {
    cli.out.write(await renderRows(nodeFormat(format, quiet), sorted.map((n) => new NodeContext(n, info)), nodeHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
