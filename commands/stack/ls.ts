import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { allStacksFilter, stacksOf } from '../../src/cli/stacks.js';
import { listServices } from '../../src/engine/services.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { StackContext, stackHeaderContext, stackListFormat } from '../../src/format/contexts/stack.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List stacks',
  args: { kind: 'none' },
  flags: [{ name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE }],
  // (completion.NoComplete for its arguments; no completion function for --format)
  flagValues: {},
};

/** RunList: the stacks the namespace labels of the services make (config.json has no stacksFormat) */
export const run: CommandModule['run'] = async (cli, { opts }) => {
  const stacks = stacksOf((await listServices(cli.api(), { filters: allStacksFilter() })) ?? []);
  try {
    cli.out.write(await renderRows(stackListFormat((opts.format as string | undefined) ?? ''), stacks.map((s) => new StackContext(s)), stackHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
