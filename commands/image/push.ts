import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { credentials, retrieveAuthHeader, withRegistryPrivilege } from '../../src/cli/auth.js';
import { PromptCancelled } from '../../src/cli/readinput.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { ociPlatformJson, transferRef } from '../../src/cli/images.js';
import { parsePlatform } from '../../src/cli/opts/platform.js';
import { showProgress } from '../../src/cli/progress.js';
import { checkContentTrust, trustDisabledByDefault } from '../../src/cli/trust.js';
import { pushImage } from '../../src/engine/registry.js';
import { fullName, fullString } from '../../src/util/reference.js';

const FLAG_VERSIONS = { platform: '1.46' };

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] NAME[:TAG]',
  short: 'Upload an image to a registry',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'all-tags', short: 'a', kind: 'bool', usage: 'Push all tags of an image to the repository' },
    { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image signing', default: trustDisabledByDefault() },
    {
      name: 'platform',
      kind: 'value',
      type: 'string',
      usage: "Push a platform-specific manifest as a single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
      default: process.env.DOCKER_DEFAULT_PLATFORM ?? '',
    },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress verbose output' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  credentials(cli);
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const all = opts['all-tags'] as boolean;
  const quiet = opts.quiet as boolean;
  const platformRaw = opts.platform as string;
  let platform: string | undefined;
  if (platformRaw !== '') {
    try {
      platform = ociPlatformJson(parsePlatform(platformRaw));
    } catch (e) {
      cli.err.write(`Invalid platform ${platformRaw}`);
      throw new StatusError((e as Error).message, 1);
    }
  }
  const ref = transferRef(cli, args[0]!, all, quiet);
  const registryAuth = retrieveAuthHeader(cli, ref);
  // the engine client's own checks (ImagePush)
  if (ref.digest) throw new StatusError('cannot push a digest reference', 1);
  const request = { name: fullName(ref), tag: all ? undefined : (ref.tag ?? 'latest'), platform };
  let res;
  try {
    res = await withRegistryPrivilege(cli, ref.domain, 'push', registryAuth, (auth) => pushImage(cli.api(), { ...request, registryAuth: auth }));
  } catch (e) {
    if (e instanceof PromptCancelled) return 0;
    throw e;
  }
  // aux messages (the pushed digest; notes about multi-platform content an API 1.46 engine
  // sends) are not shown: docker prints nothing for the ones engines before 1.46 send
  await showProgress(res.body, cli.out, { quiet });
  if (!(opts['disable-content-trust'] as boolean)) {
    // a trusted push signs what it pushed: docker's notary client goes to work here
    cli.out.write('Signing and pushing trust metadata\n');
    await checkContentTrust(ref, cli.configDir());
  }
  if (quiet) cli.out.write(`${fullString(ref)}\n`);
  return 0;
};
