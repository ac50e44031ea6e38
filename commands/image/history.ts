import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { platformQuery } from '../../src/cli/images.js';
import { imageHistory } from '../../src/engine/images.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { HistoryContext, historyFormat, historyHeaderContext } from '../../src/format/contexts/history.js';

const FLAG_VERSIONS = { platform: '1.48' };

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] IMAGE',
  short: 'Show the history of an image',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'human', short: 'H', kind: 'bool', usage: 'Print sizes and dates in human readable format', default: true },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'platform', kind: 'value', type: 'string', usage: 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only show image IDs' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const platform = platformQuery((opts.platform as string | undefined) ?? '', true);
  const items = await imageHistory(cli.api(), args[0]!, platform);
  const human = opts.human as boolean;
  const format = historyFormat((opts.format as string | undefined) || 'table', opts.quiet as boolean, human);
  const trunc = !opts['no-trunc'];
  try {
    cli.out.write(await renderRows(format, (items ?? []).map((h) => new HistoryContext(h, trunc, human)), historyHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
