import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { RUN_CREATE_FLAG_VALUES } from '../../src/cli/complete-flags.js';
import { createFlags, createFlagsAll, flagsForEngine, buildCreateRequest } from './run-flags.js';
import { createWithPull } from '../../src/cli/create.js';
import { readFileSync } from 'node:fs';
import { StatusError } from '../../src/cli/errors.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new container',
  args: { kind: 'min', n: 1 },
  flags: createFlags,
  interspersed: false,
  // docker's addCompletions; NoComplete for every other flag
  flagValues: RUN_CREATE_FLAG_VALUES,
};

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  let req;
  try {
    req = buildCreateRequest(opts, changed, args, {
      apiVersion: await cli.api().currentVersion(),
      env: cli.env,
      readFile: (p) => readFileSync(p, 'utf8'),
      stdinIsTty: !!cli.in.isTTY,
    });
  } catch (e) {
    if (e instanceof StatusError) throw new StatusError(`${cli.name}: ${e.message}\n\nRun '${cli.name} create --help' for more information`, 125);
    throw e;
  }
  const id = await createWithPull(cli, req);
  cli.out.write(`${id}\n`);
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngine(createFlagsAll, engine);
