import { Writable } from 'node:stream';
// Pumps a hijacked attach/exec connection: container output to stdout/stderr (demultiplexed
// unless it is a TTY), local stdin to the container with a half-close at its end.
import type { Cli } from './cli.js';
import type { HijackedConnection } from '../engine/client.js';
import { copyRaw, demuxStream } from '../engine/stream.js';

export interface PumpOptions {
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

/** Resolves when the container's output ends. */
export async function pumpStreams(cli: Cli, conn: HijackedConnection, o: PumpOptions): Promise<void> {
  let stdinDone: Promise<void> | undefined;
  if (o.stdin) {
    stdinDone = new Promise<void>((resolve) => {
      const input = cli.in;
      input.on('data', (chunk: Buffer) => {
        if (!conn.socket.write(chunk)) {
          input.pause();
          conn.socket.once('drain', () => input.resume());
        }
      });
      input.once('end', () => {
        // half-close: the container sees EOF on its stdin, its output keeps coming
        if (!o.tty) conn.socket.end();
        resolve();
      });
      input.once('error', () => resolve());
    });
    void stdinDone;
  }
  const sink = o.stdout ? cli.out : devNull();
  const errSink = o.stderr ? cli.err : devNull();
  try {
    if (o.tty) await copyRaw(conn.socket, sink, { head: conn.head });
    else await demuxStream(conn.socket, sink, errSink, { head: conn.head });
  } finally {
    if (o.stdin) {
      cli.in.pause();
      cli.in.removeAllListeners('data');
      if (!cli.in.isTTY) cli.in.destroy();
    }
    conn.socket.destroy();
  }
}

function devNull(): NodeJS.WritableStream {
  return new Writable({ write: (_chunk, _enc, cb) => cb() });
}
