import { readFileSync } from 'node:fs';
import type { CommandModule } from '../../src/cli/spec.js';
import { runFlags, runFlagsAll, flagsForEngine, buildCreateRequest } from './run-flags.js';
import { createWithPull } from '../../src/cli/create.js';
import { StatusError } from '../../src/cli/errors.js';
import { attachContainer, startContainer, waitContainerEarly, killContainer } from '../../src/engine/containers.js';
import { errorText } from '../../src/cli/parallel.js';
import { pumpStreams } from '../../src/cli/attach.js';
import type { Cli } from '../../src/cli/cli.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  args: { kind: 'min', n: 1 },
  flags: runFlags,
  interspersed: false,
};

/** docker/cli's toStatusError: the exit code says whether the command could be run */
function toStatusError(cli: Cli, err: unknown): StatusError {
  const msg = errorText(err);
  let code = 125;
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(msg)) code = 127;
  else if (/permission denied|is a directory/.test(msg)) code = 126;
  return new StatusError(`${cli.name}: ${msg}\n\nRun '${cli.name} run --help' for more information`, code);
}

const PROXIED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  const api = cli.api();
  let req;
  try {
    req = buildCreateRequest(opts, changed, args, {
      apiVersion: await api.apiVersion(),
      env: cli.env,
      readFile: (p) => readFileSync(p, 'utf8'),
      stdinIsTty: !!cli.in.isTTY,
    });
  } catch (e) {
    if (e instanceof StatusError) throw new StatusError(`${cli.name}: ${e.message}\n\nRun '${cli.name} run --help' for more information`, 125);
    throw e;
  }
  const body = req.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const detach = !!opts.detach;
  const tty = !!body.Tty;
  // buildCreateRequest already refused -t without a terminal and --attach with --detach
  let id: string;
  try {
    id = await createWithPull(cli, req);
  } catch (e) {
    throw toStatusError(cli, e);
  }
  const attach = !!(body.AttachStdin || body.AttachStdout || body.AttachStderr);
  const autoRemove = !!body.HostConfig?.AutoRemove;
  const sigProxy = opts['sig-proxy'] !== false && !tty;
  const conn = attach
    ? await attachContainer(api, id, {
        stream: true,
        stdin: !!body.AttachStdin,
        stdout: !!body.AttachStdout,
        stderr: !!body.AttachStderr,
        detachKeys: (opts['detach-keys'] as string) || cli.config().detachKeys,
      })
    : undefined;
  const waitResult = detach ? undefined : await waitContainerEarly(api, id, autoRemove ? 'removed' : 'next-exit');
  try {
    await startContainer(api, id);
  } catch (e) {
    conn?.socket.destroy();
    if (autoRemove && waitResult) await waitResult().catch(() => undefined);
    throw toStatusError(cli, e);
  }
  if (!attach) {
    cli.out.write(`${id}\n`);
    if (detach) return 0;
  }
  const handlers: [NodeJS.Signals, () => void][] = [];
  if (sigProxy && !detach) {
    for (const sig of PROXIED_SIGNALS) {
      const h = (): void => void killContainer(api, id, sig).catch(() => undefined);
      process.on(sig, h);
      handlers.push([sig, h]);
    }
  }
  try {
    if (conn) {
      await pumpStreams(cli, conn, { tty, stdin: !!body.AttachStdin, stdout: !!body.AttachStdout, stderr: !!body.AttachStderr });
    }
    const status = await waitResult!();
    if (status.Error?.Message) {
      cli.err.write(`Error waiting for container: ${status.Error.Message}\n`);
      return 125;
    }
    return status.StatusCode;
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
  }
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngine(runFlagsAll, engine);
