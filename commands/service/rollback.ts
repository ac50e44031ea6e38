import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { waitOnService } from '../../src/cli/service-progress.js';
import { inspectService, updateService } from '../../src/engine/services.js';
import { versionLess } from '../../src/engine/client.js';
import { StatusError } from '../../src/cli/errors.js';
import { PROGRAM } from '../../src/cli/cli.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';



/** the command needs API 1.31; --detach 1.29 */
const COMMAND_VERSION = '1.31';
const FLAG_VERSIONS = { detach: '1.29' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] SERVICE',
  short: "Revert changes to a service's configuration",
  args: { kind: 'exact', n: 1 },
  apiVersion: COMMAND_VERSION,
  flags: [
    { name: 'detach', short: 'd', kind: 'bool', usage: 'Exit immediately instead of waiting for the service to converge' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress progress output' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, args, path, changed }) => {
  const api = cli.api();
  const v = await api.apiVersion();
  if (versionLess(v, COMMAND_VERSION)) throw new StatusError(`${PROGRAM} ${path.join(' ')} requires API version ${COMMAND_VERSION}, but the Docker daemon API version is ${v}`, 1);
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const ref = args[0]!;
  const service = await inspectService(api, ref);
  // the engine puts the previous spec back itself; the current one travels with the version
  const res = await updateService(api, service.ID, service.Version.Index ?? 0, service.Spec, { rollback: 'previous' });
  for (const w of res.Warnings) cli.err.write(`${w}\n`);
  cli.out.write(`${ref}\n`);
  if (opts.detach || versionLess(v, '1.29')) return;
  await waitOnService(cli, ref, { quiet: opts.quiet === true });
};
