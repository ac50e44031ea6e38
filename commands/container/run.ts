import '../../src/cli/core.js';
import { readFileSync } from 'node:fs';
import type { CommandModule } from '../../src/cli/spec.js';
import { RUN_CREATE_FLAG_VALUES } from '../../src/cli/complete-flags.js';
import { runFlags, runFlagsAll, flagsForEngine, buildCreateRequest } from './run-flags.js';
import { createWithPull } from '../../src/cli/create.js';
import { StatusError } from '../../src/cli/errors.js';
import { startContainer } from '../../src/engine/containers.js';
import { errorText } from '../../src/cli/parallel.js';
import { attachedSession, proxySignals } from '../../src/cli/attach.js';
import type { Cli } from '../../src/cli/cli.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  args: { kind: 'min', n: 1 },
  flags: runFlags,
  interspersed: false,
  // docker's addCompletions and --detach-keys; NoComplete for every other flag
  flagValues: { ...RUN_CREATE_FLAG_VALUES, 'detach-keys': ['<detach-keys>'] },
};

/** docker/cli's toStatusError: the exit code says whether the command could be run */
function toStatusError(cli: Cli, err: unknown): StatusError {
  const msg = errorText(err);
  let code = 125;
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(msg)) code = 127;
  else if (/permission denied|is a directory/.test(msg)) code = 126;
  return new StatusError(`${cli.name}: ${msg}\n\nRun '${cli.name} run --help' for more information`, code);
}

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  const api = cli.api();
  let apiVersion: string;
  try {
    apiVersion = await api.currentVersion();
  } catch (e) {
    throw toStatusError(cli, e);
  }
  let req;
  try {
    req = buildCreateRequest(opts, changed, args, {
      apiVersion,
      env: cli.env,
      readFile: (p) => readFileSync(p, 'utf8'),
      stdinIsTty: !!cli.in.isTTY,
    });
  } catch (e) {
    if (e instanceof StatusError) throw new StatusError(`${cli.name}: ${e.message}\n\nRun '${cli.name} run --help' for more information`, 125);
    throw e;
  }
  const body = req.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const tty = !!body.Tty;
  // buildCreateRequest already refused -t without a terminal and --attach with --detach
  let id: string;
  try {
    id = await createWithPull(cli, req);
  } catch (e) {
    throw toStatusError(cli, e);
  }
  const attach = !!(body.AttachStdin || body.AttachStdout || body.AttachStderr);
  const start = (): Promise<void> => startContainer(api, id).catch((e: unknown) => Promise.reject(toStatusError(cli, e)));
  if (!attach) {
    // docker prints the ID while the container starts, and is done once it has started
    const forwarder = opts['sig-proxy'] !== false ? proxySignals(cli, id) : undefined;
    try {
      cli.out.write(`${id}\n`);
      await start();
      return 0;
    } finally {
      forwarder?.stop();
    }
  }
  return attachedSession(cli, {
    id,
    tty,
    stdin: !!body.AttachStdin,
    stdout: !!body.AttachStdout,
    stderr: !!body.AttachStderr,
    detachKeys: (opts['detach-keys'] as string) || cli.config().detachKeys,
    autoRemove: !!body.HostConfig?.AutoRemove,
    sigProxy: opts['sig-proxy'] !== false,
    start,
    raceStatus: true,
    onTerminate: 'ignore',
  });
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngine(runFlagsAll, engine);
