import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { EngineError } from '../../src/engine/errors.js';
import { inspectSwarm, swarmUnlockKey, updateSwarm } from '../../src/engine/swarm.js';
import { mergeSwarmSpec, SWARM_FLAGS, unlockInstructions } from './opts.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Update the swarm',
  args: { kind: 'none' },
  flags: [{ name: 'autolock', kind: 'bool' as const, usage: 'Change manager autolocking setting (true|false)' }, ...SWARM_FLAGS].sort((a, b) => (a.name < b.name ? -1 : 1)),
};

export const run: CommandModule['run'] = async (cli, { opts, changed, path }) => {
  if (changed.size === 0) {
    // docker's PreRunE answers pflag.ErrHelp: the help, on stdout
    const { resolve } = await import('../../src/cli/registry.js');
    const { commandHelp } = await import('../../src/cli/help.js');
    cli.out.write(commandHelp(resolve(path)!.entry, path, spec));
    return;
  }
  const api = cli.api();
  const sw = await inspectSwarm(api);
  const prevAutoLock = !!sw.Spec?.EncryptionConfig?.AutoLockManagers;
  const swarmSpec = sw.Spec ?? {};
  mergeSwarmSpec(swarmSpec, opts, changed, sw.TLSInfo?.TrustRoot ?? '');
  const curAutoLock = !!swarmSpec.EncryptionConfig?.AutoLockManagers;
  await updateSwarm(api, sw.Version.Index, swarmSpec);
  cli.out.write('Swarm updated.\n');
  if (curAutoLock && !prevAutoLock) {
    let key: string;
    try {
      key = await swarmUnlockKey(api);
    } catch (e) {
      throw new StatusError(`could not fetch unlock key: ${e instanceof EngineError ? e.daemonMessage : (e as Error).message}`, 1);
    }
    cli.out.write(unlockInstructions(key));
  }
};
