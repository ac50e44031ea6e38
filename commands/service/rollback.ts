import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { waitOnService } from '../../src/cli/service-progress.js';
import { inspectService, updateService } from '../../src/engine/services.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] SERVICE',
  short: "Revert changes to a service's configuration",
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'detach', short: 'd', kind: 'bool', usage: 'Exit immediately instead of waiting for the service to converge' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress progress output' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  const ref = args[0]!;
  const service = await inspectService(api, ref);
  // the engine puts the previous spec back itself; the current one travels with the version
  const res = await updateService(api, service.ID, service.Version.Index ?? 0, service.Spec, { rollback: 'previous' });
  for (const w of res.Warnings) cli.err.write(`${w}\n`);
  cli.out.write(`${ref}\n`);
  if (opts.detach) return;
  await waitOnService(cli, ref, { quiet: opts.quiet === true });
};
