import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { engineInfo } from '../../src/engine/system.js';
import { inspectSwarm, updateSwarm } from '../../src/engine/swarm.js';
import { joinInstructions } from './opts.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] (worker|manager)',
  short: 'Manage join tokens',
  args: { kind: 'exact', n: 1 },
  // (docker registers no completion for the argument: the shell's default)
  noArgsCompletion: true,
  flags: [
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display token' },
    { name: 'rotate', kind: 'bool', usage: 'Rotate join token' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const role = args[0]!;
  const worker = role === 'worker';
  const manager = role === 'manager';
  if (!worker && !manager) throw new StatusError(`unknown role ${role}`, 1);
  const api = cli.api();
  if (opts.rotate) {
    const sw = await inspectSwarm(api);
    await updateSwarm(api, sw.Version.Index, sw.Spec, { rotateWorkerToken: worker, rotateManagerToken: manager });
    if (!opts.quiet) cli.out.write(`Successfully rotated ${role} join token.\n\n`);
  }
  const sw = await inspectSwarm(api);
  if (opts.quiet) {
    cli.out.write(`${worker ? sw.JoinTokens.Worker : sw.JoinTokens.Manager}\n`);
    return;
  }
  const info = await engineInfo(api);
  cli.out.write(await joinInstructions(cli, info.Swarm?.NodeID ?? '', worker, manager));
};
