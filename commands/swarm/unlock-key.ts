import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { EngineError } from '../../src/engine/errors.js';
import { inspectSwarm, swarmUnlockKey, updateSwarm } from '../../src/engine/swarm.js';
import { unlockInstructions } from './opts.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Manage the unlock key',
  args: { kind: 'none' },
  flags: [
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display token' },
    { name: 'rotate', kind: 'bool', usage: 'Rotate unlock key' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const api = cli.api();
  if (opts.rotate) {
    const sw = await inspectSwarm(api);
    if (!sw.Spec?.EncryptionConfig?.AutoLockManagers) throw new StatusError('cannot rotate because autolock is not turned on', 1);
    await updateSwarm(api, sw.Version.Index, sw.Spec, { rotateManagerUnlockKey: true });
    if (!opts.quiet) cli.out.write('Successfully rotated manager unlock key.\n');
  }
  let key: string;
  try {
    key = await swarmUnlockKey(api);
  } catch (e) {
    throw new StatusError(`could not fetch unlock key: ${e instanceof EngineError ? e.daemonMessage : (e as Error).message}`, 1);
  }
  if (key === '') throw new StatusError('no unlock key is set', 1);
  cli.out.write(opts.quiet ? `${key}\n` : unlockInstructions(key));
};
