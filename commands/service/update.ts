import '../../src/cli/core.js';
// `service update` (docker/cli cli/command/service/update.go): the service's current spec
// (inspected without the engine's defaults) changed only where the flags say, sent back with
// its version index; --rollback asks the engine for the previous spec.
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { UPDATE_FLAG_VERSIONS, updateFlags, POLICY_FLAG_VALUES } from '../../src/cli/service/flags.js';
import { updateCredentialSpec, updatedConfigs, updatedSecrets, updateServiceSpec } from '../../src/cli/service/spec.js';
import { engineResolver, registryAuthFor, resolveImageWithTrust } from '../../src/cli/service/request.js';
import { waitOnService } from '../../src/cli/service-progress.js';
import { inspectService, updateService, type ServiceUpdateOptions } from '../../src/engine/services.js';
import { versionLess } from '../../src/engine/client.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] SERVICE',
  short: 'Update a service',
  args: { kind: 'exact', n: 1 },
  flags: updateFlags(),
  // docker's RegisterFlagCompletionFunc calls; every other flag NoComplete
  flagValues: {
    'env-add': ['<envvars>'],
    image: ['<images>'],
    'network-add': ['<networks>'],
    ...POLICY_FLAG_VALUES,
  },
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, UPDATE_FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  await checkFlagVersions(cli, changed, UPDATE_FLAG_VERSIONS);
  const api = cli.api();
  const ref = args[0]!;
  const service = await inspectService(api, ref, false);
  const version = await api.apiVersion();
  const flags = { opts, changed };
  let target = service.Spec;
  let clientSideRollback = false;
  const o: ServiceUpdateOptions = {};
  if (opts.rollback) {
    // --rollback goes alone (with --detach and --quiet)
    if ([...changed].some((n) => n !== 'rollback' && n !== 'detach' && n !== 'quiet')) throw new StatusError('other flags may not be combined with --rollback', 1);
    if (versionLess(version, '1.28')) {
      clientSideRollback = true;
      if (!service.PreviousSpec) throw new StatusError('service does not have a previous specification to roll back to', 1);
      target = service.PreviousSpec;
    } else {
      o.rollback = 'previous';
    }
  }
  const resolver = engineResolver(api);
  await updateServiceSpec(target, flags, resolver);
  if (changed.has('image')) {
    await resolveImageWithTrust(cli, target);
    if (!opts['no-resolve-image'] && !versionLess(version, '1.30')) o.queryRegistry = true;
  }
  const cspec = (target.TaskTemplate.ContainerSpec ??= {});
  const secrets = await updatedSecrets(flags, cspec.Secrets, resolver);
  cspec.Secrets = secrets.length > 0 ? secrets : undefined;
  const configs = await updatedConfigs(flags, cspec, resolver);
  cspec.Configs = configs.length > 0 ? configs : undefined;
  updateCredentialSpec(flags, cspec);
  if (opts['with-registry-auth']) o.registryAuth = registryAuthFor(cli, cspec.Image ?? '');
  else o.registryAuthFrom = clientSideRollback ? 'previous-spec' : 'spec';
  const res = await updateService(api, service.ID, service.Version?.Index ?? 0, target, o);
  for (const w of res.Warnings) cli.err.write(`${w}\n`);
  cli.out.write(`${ref}\n`);
  if (opts.detach || versionLess(version, '1.29')) return;
  await waitOnService(cli, ref, { quiet: opts.quiet as boolean });
};
