import '../../src/cli/core.js';
import { isatty } from 'node:tty';
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { StatusError } from '../../src/cli/errors.js';
import { attach, checkContainerRef, proxySignals } from '../../src/cli/attach.js';
import { onTermination } from '../../src/tty/signals.js';
import { inspectContainer, resizeContainer, waitContainerEarly, type ContainerInspect, type WaitResult } from '../../src/engine/containers.js';
import { streamHijacked } from '../../src/tty/streamer.js';
import { TtySizeMonitor } from '../../src/tty/resize.js';
import { ttySize } from '../../src/tty/terminal.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'detach-keys', kind: 'value', type: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'no-stdin', kind: 'bool', usage: 'Do not attach STDIN' },
    { name: 'sig-proxy', kind: 'bool', usage: 'Proxy all received signals to the process', default: true },
  ],
};

async function inspectAndCheckState(cli: Cli, id: string): Promise<ContainerInspect> {
  const c = await inspectContainer(cli.api(), id);
  if (!c.State?.Running) throw new StatusError('You cannot attach to a stopped container, start it first', 1);
  if (c.State?.Paused) throw new StatusError('You cannot attach to a paused container, unpause it first', 1);
  if (c.State?.Restarting) throw new StatusError('You cannot attach to a restarting container, wait until it is running', 1);
  return c;
}

type Waited = { result: WaitResult } | { error: unknown };

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const id = args[0]!;
  checkContainerRef(id);
  const api = cli.api();
  // the wait goes first, as docker's: the exit status of this run of the container
  const waited: Promise<Waited> = waitContainerEarly(api, id).then(
    (read) => read().then((result) => ({ result }), (error: unknown) => ({ error })),
    (error: unknown) => ({ error }),
  );
  const c = await inspectAndCheckState(cli, id);
  const noStdin = !!opts['no-stdin'];
  const tty = !!c.Config?.Tty;
  if (tty && !noStdin && !isatty(0)) throw new StatusError('the input device is not a TTY', 1);
  const detachKeys = (opts['detach-keys'] as string) || cli.config().detachKeys;
  const stdin = !noStdin && !!c.Config?.OpenStdin;

  const forwarder = opts['sig-proxy'] !== false && !tty ? proxySignals(cli, id) : undefined;
  // docker cancels attach's context on the first SIGINT/SIGTERM, which changes nothing
  // visible: the output goes on and the exit status is still awaited; the third forces
  const stopTermination = onTermination(() => undefined, cli.err);
  let monitor: TtySizeMonitor | undefined;
  try {
    const conn = await attach(cli, id, { stream: true, stdin, stdout: true, stderr: true, detachKeys });
    try {
      // the container may have stopped between the first look and the attach
      await inspectAndCheckState(cli, id);
    } catch (e) {
      conn.socket.destroy();
      throw e;
    }
    if (tty && cli.out.isTTY) {
      monitor = new TtySizeMonitor({ resize: (h, w) => resizeContainer(api, id, h, w) }, { out: cli.out, err: cli.err });
      // one size off first, so that the program redraws even when the size has not changed
      const { height, width } = ttySize(cli.out);
      await monitor.resizeTo(height + 1, width + 1);
      monitor.start();
    }
    await streamHijacked({
      conn,
      tty,
      input: stdin ? cli.in : undefined,
      output: cli.out,
      error: cli.err,
      detachKeys,
      env: cli.env,
    });
  } finally {
    monitor?.stop();
    stopTermination();
    forwarder?.stop();
  }

  const w = await waited;
  if ('error' in w) throw w.error;
  if (w.result.Error?.Message) throw new StatusError(w.result.Error.Message, 1);
  return w.result.StatusCode;
};
