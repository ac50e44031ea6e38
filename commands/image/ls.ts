import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { PROGRAM } from '../../src/cli/cli.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { listImages } from '../../src/engine/images.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { imageFormat, imageHeaderContext, imageRows } from '../../src/format/contexts/image.js';

const FLAG_VERSIONS = { tree: '1.47' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] [REPOSITORY[:TAG]]',
  short: 'List images',
  args: { kind: 'max', n: 1 },
  noArgsCompletion: true,
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Show all images (default hides intermediate images)' },
    { name: 'digests', kind: 'bool', usage: 'Show digests' },
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only show image IDs' },
    { name: 'tree', kind: 'bool', usage: 'List multi-platform images as a tree (EXPERIMENTAL)' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

/** the verbs of `image`: `berth images ls` finding nothing most likely meant `berth image ls` */
const IMAGE_VERBS = new Set(['build', 'history', 'import', 'inspect', 'list', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag']);

export const run: CommandModule['run'] = async (cli, { opts, args, changed, path }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const matchName = args[0] ?? '';
  const filters = filtersOf(opts.filter);
  if (matchName !== '') (filters.reference ??= []).push(matchName);
  const quiet = opts.quiet as boolean;
  const digests = opts.digests as boolean;
  const userFormat = (opts.format as string | undefined) ?? '';
  if (opts.tree) {
    if (quiet) throw new StatusError('--quiet is not yet supported with --tree', 1);
    if (opts['no-trunc']) throw new StatusError('--no-trunc is not yet supported with --tree', 1);
    if (digests) throw new StatusError('--show-digest is not yet supported with --tree', 1);
    if (userFormat !== '') throw new StatusError('--format is not yet supported with --tree', 1);
    throw new StatusError(`${PROGRAM}: --tree is not supported yet`, 1);
  }
  const images = await listImages(cli.api(), { all: opts.all as boolean, filters });
  let format = userFormat;
  if (format === '') {
    const cfg = cli.config().imagesFormat;
    format = cfg && !quiet ? cfg : 'table';
  }
  const fmt = imageFormat(format, quiet, digests);
  const rows = imageRows(images, { trunc: !opts['no-trunc'], digest: digests, format: fmt });
  try {
    cli.out.write(await renderRows(fmt === 'json' ? 'json' : fmt, rows, imageHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
  if (matchName !== '' && images.length === 0 && path.length === 1 && path[0] === 'images' && IMAGE_VERBS.has(matchName)) {
    cli.err.write(`\nNo images found matching ${JSON.stringify(matchName)}: did you mean "${PROGRAM} image ${matchName}"?\n`);
  }
};
