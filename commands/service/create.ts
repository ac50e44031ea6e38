import '../../src/cli/core.js';
// `service create` (docker/cli cli/command/service/create.go): the spec from the flags
// (src/cli/service/spec.ts), secrets and configs resolved to IDs, the image tagged and pinned
// to its digest when the registry answers, POST /services/create; the ID on stdout.
import type { CommandModule } from '../../src/cli/spec.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { CREATE_FLAG_VERSIONS, createFlags, POLICY_FLAG_VALUES } from '../../src/cli/service/flags.js';
import { addSecretsAndConfigs, toServiceSpec } from '../../src/cli/service/spec.js';
import { engineResolver, registryAuthFor, resolveImageWithTrust } from '../../src/cli/service/request.js';
import { waitOnService } from '../../src/cli/service-progress.js';
import { createService } from '../../src/engine/services.js';
import { versionLess } from '../../src/engine/client.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new service',
  args: { kind: 'min', n: 1 },
  interspersed: false,
  flags: createFlags(),
  // docker's RegisterFlagCompletionFunc calls; every other flag NoComplete
  flagValues: {
    mode: ['replicated', 'global', 'replicated-job', 'global-job'],
    env: ['<envvars>'],
    'env-file': ['<files>'],
    network: ['<networks>'],
    ...POLICY_FLAG_VALUES,
  },
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, CREATE_FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  await checkFlagVersions(cli, changed, CREATE_FLAG_VERSIONS);
  const api = cli.api();
  const resolver = engineResolver(api);
  const flags = { opts, changed };
  const image = args[0]!;
  const service = await toServiceSpec(flags, image, args.slice(1), resolver);
  await addSecretsAndConfigs(service, flags, resolver);
  await resolveImageWithTrust(cli, service);
  const registryAuth = opts['with-registry-auth'] ? registryAuthFor(cli, image) : undefined;
  const version = await api.apiVersion();
  const res = await createService(api, service, { registryAuth, queryRegistry: !opts['no-resolve-image'] && !versionLess(version, '1.30') });
  for (const w of res.Warnings) cli.err.write(`${w}\n`);
  cli.out.write(`${res.ID}\n`);
  if (opts.detach || versionLess(version, '1.29')) return;
  await waitOnService(cli, res.ID, { quiet: opts.quiet as boolean });
};
