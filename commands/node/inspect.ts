import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { requireApiVersion } from '../../src/cli/api-version.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { StatusError } from '../../src/cli/errors.js';
import { inspectNode, inspectNodeRaw, nodeReference } from '../../src/engine/nodes.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { NODE_PRETTY_TEMPLATE, NodePrettyContext } from '../../src/format/contexts/node.js';
import { errorText } from '../../src/cli/parallel.js';
import { exitOne } from '../../src/cli/swarmobjects.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] self|NODE [NODE...]',
  short: 'Display detailed information on one or more nodes',
  args: { kind: 'min', n: 1 },
  // (docker registers no completion for its flags: the shell's default)
  flagValues: {},
  flags: [
    { name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    { name: 'pretty', kind: 'bool', usage: 'Print the information in a human friendly format' },
  ],
};

export const beforeParse: CommandModule['beforeParse'] = requireApiVersion('1.24', 'node inspect');

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  const format = opts.pretty ? 'pretty' : ((opts.format as string | undefined) ?? '');
  if (format.startsWith('pretty') && format !== 'pretty') throw new StatusError('cannot supply extra formatting options to the pretty template', 1);
  if (format === 'pretty') {
    // docker stops at the first failure and prints nothing of the nodes before it
    const rows: NodePrettyContext[] = [];
    for (const ref of args) {
      try {
        rows.push(new NodePrettyContext(await inspectNode(api, await nodeReference(api, ref))));
      } catch (e) {
        throw new StatusError(errorText(e), 1);
      }
    }
    try {
      cli.out.write(await renderRows(NODE_PRETTY_TEMPLATE, rows, {}));
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1);
      throw e;
    }
    return;
  }
  // docker keeps only the decoded swarm.Node: its JSON is Go's encoding of it, and templates
  // get no second pass on the raw map
  const types = await import('../../src/format/inspect-types/index.js');
  await exitOne(
    inspectRefs(cli, args, format, async (ref) => {
      const text = await inspectNodeRaw(api, await nodeReference(api, ref));
      const raw = types.marshalValue(types.NodeInspect, types.toTypedGo(text, types.NodeInspect));
      return { raw, kind: 'node', typedOnly: true };
    }),
  );
};
