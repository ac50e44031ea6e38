import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { credentials, pullAuthHeader, withRegistryPrivilege } from '../../src/cli/auth.js';
import { PromptCancelled } from '../../src/cli/readinput.js';
import { showProgress } from '../../src/cli/progress.js';
import { checkContentTrust, trustDisabledByDefault } from '../../src/cli/trust.js';
import { transferRef } from '../../src/cli/images.js';
import { pullImage } from '../../src/engine/images.js';
import { apiTag, fullName, fullString } from '../../src/util/reference.js';

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] NAME[:TAG|@DIGEST]',
  short: 'Download an image from a registry',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'all-tags', short: 'a', kind: 'bool', usage: 'Download all tagged images in the repository' },
    { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', default: trustDisabledByDefault() },
    { name: 'platform', kind: 'value', type: 'string', usage: 'Set platform if server is multi-platform capable', default: process.env.DOCKER_DEFAULT_PLATFORM ?? '' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress verbose output' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  credentials(cli);
  const all = opts['all-tags'] as boolean;
  const quiet = opts.quiet as boolean;
  const ref = transferRef(cli, args[0]!, all, quiet);
  const registryAuth = pullAuthHeader(cli, ref);
  if (!(opts['disable-content-trust'] as boolean) && !ref.digest) await checkContentTrust(ref, cli.configDir());
  const platform = (opts.platform as string) || undefined;
  const request = { fromImage: fullName(ref), tag: all ? undefined : apiTag(ref), platform: platform?.toLowerCase() };
  let res;
  try {
    res = await withRegistryPrivilege(cli, ref.domain, 'pull', registryAuth, (auth) => pullImage(cli.api(), { ...request, registryAuth: auth }));
  } catch (e) {
    if (e instanceof PromptCancelled) return 0;
    throw e;
  }
  await showProgress(res.body, cli.out, { quiet });
  cli.out.write(`${fullString(ref)}\n`);
  return 0;
};
