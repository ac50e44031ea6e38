import '../../src/cli/core.js';
import { readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkContainerRef, hijackError, requireUpgrade } from '../../src/cli/attach.js';
import { validateEnv } from '../../src/cli/opts/validators.js';
import { parseKeyValueFile } from '../../src/cli/opts/kvfile.js';
import { inspectContainer } from '../../src/engine/containers.js';
import { ConnectionError } from '../../src/engine/errors.js';
import { createExec, inspectExec, resizeExec, startExecAttached, startExecDetached, type ExecCreateOptions } from '../../src/engine/exec.js';
import { streamHijacked } from '../../src/tty/streamer.js';
import { TtySizeMonitor } from '../../src/tty/resize.js';
import { onTermination } from '../../src/tty/signals.js';
import { ttySize } from '../../src/tty/terminal.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  args: { kind: 'min', n: 2 },
  interspersed: false,
  flags: [
    { name: 'detach', short: 'd', kind: 'bool', usage: 'Detached mode: run command in the background' },
    { name: 'detach-keys', kind: 'value', type: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'env', short: 'e', kind: 'list', type: 'list', usage: 'Set environment variables', parse: validateEnv },
    { name: 'env-file', kind: 'list', type: 'list', usage: 'Read in a file of environment variables' },
    { name: 'interactive', short: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
    { name: 'privileged', kind: 'bool', usage: 'Give extended privileges to the command' },
    { name: 'tty', short: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
    { name: 'user', short: 'u', kind: 'value', type: 'string', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { name: 'workdir', short: 'w', kind: 'value', type: 'string', usage: 'Working directory inside the container' },
  ],
  // docker's --env and --env-file completions; the shell's default for the other flags
  flagValues: { env: ['<envvars>'], 'env-file': ['<files>'] },
};

/** docker's parseExec: the exec's configuration from the flags (env files first, then -e) */
export function parseExec(
  opts: Record<string, unknown>,
  cmd: string[],
  configDetachKeys: string | undefined,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ExecCreateOptions {
  const lookup = (k: string): string | undefined => (Object.prototype.hasOwnProperty.call(env, k) ? env[k] : undefined);
  const vars: string[] = [];
  for (const file of (opts['env-file'] as string[] | undefined) ?? []) vars.push(...parseKeyValueFile(file, readFile, lookup));
  for (const raw of (opts.env as string[] | undefined) ?? []) {
    // opts.ValidateEnv: a bare KEY takes its value from berth's environment, if set there
    const found = raw.includes('=') ? undefined : lookup(raw);
    vars.push(found === undefined ? raw : `${raw}=${found}`);
  }
  const detach = !!opts.detach;
  return {
    User: (opts.user as string | undefined) ?? '',
    Privileged: !!opts.privileged,
    Tty: !!opts.tty,
    AttachStdin: !detach && !!opts.interactive,
    AttachStderr: !detach,
    AttachStdout: !detach,
    Detach: detach,
    DetachKeys: (opts['detach-keys'] as string | undefined) || configDetachKeys || '',
    Env: vars.length > 0 ? vars : null,
    WorkingDir: (opts.workdir as string | undefined) ?? '',
    Cmd: cmd,
  };
}

function consoleSize(cli: Cli, o: ExecCreateOptions): void {
  if (!o.Tty) return;
  const { height, width } = ttySize(cli.out);
  o.ConsoleSize = [height, width];
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const container = args[0]!;
  const o = parseExec(opts, args.slice(1), cli.config().detachKeys, cli.env);
  const api = cli.api();
  checkContainerRef(container);
  // "not found" first, and no exec left behind on the engine when the TTY check fails
  await inspectContainer(api, container);
  if (!o.Detach && o.Tty && o.AttachStdin && !isatty(0)) throw new StatusError('the input device is not a TTY', 1);
  consoleSize(cli, o);
  const { Id: execId } = await createExec(api, container, o);
  if (!execId) throw new Error('exec ID empty');
  if (o.Detach) {
    await startExecDetached(api, execId, { Detach: true, Tty: o.Tty, ConsoleSize: o.ConsoleSize });
    return 0;
  }

  let conn;
  try {
    conn = requireUpgrade(await startExecAttached(api, execId, { Detach: false, Tty: o.Tty, ConsoleSize: o.ConsoleSize }));
  } catch (e) {
    throw hijackError(e);
  }
  // the first SIGINT/SIGTERM ends an exec session quietly, with status 0, as docker's
  // cancelled context does; the third forces the exit
  const cancel = new AbortController();
  let cancelled = false;
  const stopTermination = onTermination(() => {
    cancelled = true;
    cancel.abort();
  }, cli.err);
  const streamed = streamHijacked({
    signal: cancel.signal,
    conn,
    tty: o.Tty,
    input: o.AttachStdin ? cli.in : undefined,
    output: cli.out,
    error: o.Tty ? cli.out : cli.err,
    detachKeys: o.DetachKeys,
    env: cli.env,
  });
  let monitor: TtySizeMonitor | undefined;
  if (o.Tty && isatty(0)) {
    monitor = new TtySizeMonitor({ resize: (h, w) => resizeExec(api, execId, h, w) }, { out: cli.out, err: cli.err });
    monitor.start();
  }
  try {
    await streamed;
  } catch (e) {
    if (!cancelled) throw e;
  } finally {
    monitor?.stop();
    stopTermination();
  }
  if (cancelled) return 0;

  let info;
  try {
    info = await inspectExec(api, execId);
  } catch (e) {
    // the engine is gone: docker exits with -1, silently
    if (e instanceof ConnectionError) throw new StatusError('', 255);
    throw e;
  }
  return info.ExitCode ?? 0;
};
