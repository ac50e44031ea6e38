import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { useLine } from '../../src/cli/help.js';
import { PROGRAM } from '../../src/cli/cli.js';
import { errorText } from '../../src/cli/parallel.js';
import { goParseUint } from '../../src/cli/opts/goparse.js';
import { waitOnService } from '../../src/cli/service-progress.js';
import { inspectService, updateService } from '../../src/engine/services.js';
import { versionLess, type EngineClient } from '../../src/engine/client.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';

/** --detach: API 1.29 (the engine's update status, which the wait needs, came with it) */
const FLAG_VERSIONS = { detach: '1.29' };

export const spec: CommandModule['spec'] = {
  use: 'SERVICE=REPLICAS [SERVICE=REPLICAS...]',
  short: 'Scale one or multiple replicated services',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'detach', short: 'd', kind: 'bool', usage: 'Exit immediately instead of waiting for the service to converge' }],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

/** runServiceScale: the new count in the spec's replicated (or replicated-job) mode; the engine's warnings */
async function scaleService(api: EngineClient, ref: string, scale: number): Promise<string[]> {
  const service = await inspectService(api, ref);
  const mode = service.Spec.Mode;
  if (mode.Replicated) mode.Replicated.Replicas = scale;
  else if (mode.ReplicatedJob) mode.ReplicatedJob.TotalCompletions = scale;
  else throw new Error('scale can only be used with replicated or replicated-job mode');
  const res = await updateService(api, service.ID, service.Version.Index ?? 0, service.Spec);
  return res.Warnings;
}

export const run: CommandModule['run'] = async (cli, { opts, args, path, changed }) => {
  // scaleArgs: every argument is NAME=COUNT, both sides given, before anything is sent
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0 || eq === arg.length - 1) {
      throw new StatusError(
        `invalid scale specifier '${arg}'.\nSee '${PROGRAM} ${path.join(' ')} --help'.\n\nUsage:  ${useLine(path, spec)}\n\n${spec.short}`,
        1,
      );
    }
  }
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const api = cli.api();
  const errs: string[] = [];
  const scaled: string[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const id = arg.slice(0, eq);
    const count = arg.slice(eq + 1);
    let scale: number;
    try {
      scale = goParseUint(count, 10, 64);
    } catch (e) {
      errs.push(`${id}: invalid replicas value ${count}: ${(e as Error).message}`);
      continue;
    }
    let warnings: string[];
    try {
      warnings = await scaleService(api, id, scale);
    } catch (e) {
      errs.push(`${id}: ${errorText(e)}`);
      continue;
    }
    for (const w of warnings) cli.err.write(`${w}\n`);
    // the count as Go prints its uint64 (beyond 2^53 a JS number would round)
    cli.out.write(`${id} scaled to ${BigInt(count).toString()}\n`);
    scaled.push(id);
  }
  if (scaled.length > 0 && !opts.detach && !versionLess(await api.apiVersion(), '1.29')) {
    for (const id of scaled) {
      try {
        await waitOnService(cli, id, { quiet: false });
      } catch (e) {
        errs.push(`${id}: ${errorText(e)}`);
      }
    }
  }
  if (errs.length > 0) throw new StatusError(errs.join('\n'), 1);
};
