import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { parsePlatform } from '../../src/cli/opts/platform.js';
import { ociPlatformJson } from '../../src/cli/images.js';
import { removeImage } from '../../src/engine/images.js';
import { NotFoundError } from '../../src/engine/errors.js';

const FLAG_VERSIONS = { platform: '1.50' };

/** pflag's StringSlice: comma-separated values, quoted as CSV */
function splitSlice(raw: string): string[] {
  return raw === '' ? [] : raw.split(',');
}

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Remove one or more images',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'force', short: 'f', kind: 'bool', usage: 'Force removal of the image' },
    { name: 'no-prune', kind: 'bool', usage: 'Do not delete untagged parents' },
    {
      name: 'platform',
      kind: 'list',
      type: 'strings',
      usage: 'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")',
      parse: splitSlice,
    },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const platforms = ((opts.platform as string[][] | undefined) ?? []).flat().map((p) => ociPlatformJson(parsePlatform(p)));
  const force = opts.force as boolean;
  const api = cli.api();
  // one image after the other, as docker does: a later name may be untagged by an earlier one
  const errors: string[] = [];
  let fatal = false;
  for (const name of args) {
    try {
      const items = await removeImage(api, name, { force, noPrune: opts['no-prune'] as boolean, platforms });
      let out = '';
      for (const d of items) out += d.Deleted ? `Deleted: ${d.Deleted}\n` : `Untagged: ${d.Untagged ?? ''}\n`;
      cli.out.write(out);
    } catch (e) {
      if (!(e instanceof NotFoundError)) fatal = true;
      errors.push(errorText(e));
    }
  }
  if (errors.length === 0) return;
  if (!force || fatal) throw new StatusError(errors.join('\n'), 1);
  cli.err.write(`${errors.join('\n')}\n`);
};
