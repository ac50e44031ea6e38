import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { platformQuery } from '../../src/cli/images.js';
import { inspectImageRaw } from '../../src/engine/images.js';

const FLAG_VERSIONS = { platform: '1.49' };

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    {
      name: 'platform',
      kind: 'value',
      type: 'string',
      usage: "Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
    },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const platform = platformQuery((opts.platform as string | undefined) ?? '', false);
  await inspectRefs(cli, args, (opts.format as string) ?? '', async (ref) => ({ raw: await inspectImageRaw(cli.api(), ref, platform), kind: 'image' }));
};
