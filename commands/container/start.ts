import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { inspectContainer, startContainer } from '../../src/engine/containers.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { attachedSession } from '../../src/cli/attach.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'attach', short: 'a', kind: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    { name: 'checkpoint', kind: 'value', type: 'string', usage: 'Restore from this checkpoint' },
    { name: 'checkpoint-dir', kind: 'value', type: 'string', usage: 'Use a custom checkpoint storage directory' },
    { name: 'detach-keys', kind: 'value', type: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'interactive', short: 'i', kind: 'bool', usage: "Attach container's STDIN" },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  if (opts.attach || opts.interactive) {
    if (args.length > 1) throw new StatusError('you cannot start and attach multiple containers at once', 1);
    const info = await inspectContainer(api, args[0]!);
    const tty = !!info.Config?.Tty;
    return attachedSession(cli, {
      id: info.Id,
      tty,
      stdin: !!(opts.interactive && info.Config?.OpenStdin),
      stdout: true,
      stderr: true,
      detachKeys: (opts['detach-keys'] as string) || cli.config().detachKeys,
      autoRemove: !!info.HostConfig?.AutoRemove,
      sigProxy: !tty,
      start: () => startContainer(api, info.Id),
      raceStatus: false,
      onTerminate: 'exit',
    });
  }
  const failed: string[] = [];
  const errors: string[] = [];
  for (const id of args) {
    try {
      await startContainer(api, id);
      cli.out.write(`${id}\n`);
    } catch (e) {
      errors.push(errorText(e));
      failed.push(id);
    }
  }
  if (failed.length > 0) {
    throw new StatusError(`${errors.join('\n')}\nError: failed to start containers: ${failed.join(', ')}`, 1);
  }
};

/** checkpoints are experimental: docker's help hides them for an engine without experimental features */
export const helpFlags: CommandModule['helpFlags'] = (engine) =>
  spec.flags.map((f) => (f.name.startsWith('checkpoint') && engine.experimental === false ? { ...f, hidden: true } : f));
