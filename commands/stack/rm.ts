import '../../src/cli/core.js';
// `stack rm` / `remove` / `down` (docker/cli cli/command/stack/remove.go): each stack's
// services, secrets, configs and networks removed, in that order.
import type { CommandModule } from '../../src/cli/spec.js';
import { runRemove, validateStackName } from '../../src/stack/deploy.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] STACK [STACK...]',
  short: 'Remove one or more stacks',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'detach', short: 'd', kind: 'bool', usage: 'Do not wait for stack removal', default: true }],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  for (const ns of args) validateStackName(ns);
  await runRemove(cli, args, opts.detach === true);
};
