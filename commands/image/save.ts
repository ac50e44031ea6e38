import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { platformQuery, saveToFile } from '../../src/cli/images.js';
import { saveImages } from '../../src/engine/images.js';
import { copyToStdout } from '../../src/cli/stdout-copy.js';

const FLAG_VERSIONS = { platform: '1.48' };

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'output', short: 'o', kind: 'value', type: 'string', usage: 'Write to a file, instead of STDOUT' },
    { name: 'platform', kind: 'value', type: 'string', usage: 'Save only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const platform = platformQuery((opts.platform as string | undefined) ?? '', true);
  const output = (opts.output as string | undefined) ?? '';
  if (output === '') {
    if (cli.out.isTTY) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    const res = await saveImages(cli.api(), args, { platforms: platform ? [platform] : undefined });
    // the archive flows through as the terminal-less stdout takes it: never held in memory
    await copyToStdout(res.body, cli.out);
    return;
  }
  await saveToFile(output, 'failed to save image', (signal) => saveImages(cli.api(), args, { platforms: platform ? [platform] : undefined, signal }));
};
