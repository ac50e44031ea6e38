// docker's prompt.ReadInput and prompt.DisableInputEcho, for login's username and password
// prompts: MESSAGE on stdout, one line read from stdin (spaces trimmed), the terminal's echo
// off while a password is typed (the kernel's line editing stays: canonical mode is kept).
// SIGINT or SIGTERM while waiting ends the prompt with a newline, as a cancellation.
import { spawnSync } from 'node:child_process';
import type { Cli } from './cli.js';

/** the user interrupted a prompt: docker ends quietly, with status 0 */
export class PromptCancelled extends Error {
  constructor() {
    super('prompt terminated');
    this.name = 'PromptCancelled';
  }
}

/** lines read ahead of the one asked for (a pasted "user\npassword\n"), kept for the next prompt */
const pending = new WeakMap<NodeJS.ReadStream, string>();

export function readInput(cli: Cli, message: string): Promise<string> {
  cli.out.write(message);
  const input = cli.in;
  return new Promise<string>((resolve, reject) => {
    let buf = pending.get(input) ?? '';
    pending.delete(input);
    let settled = false;
    const finish = (line: string | undefined): void => {
      if (settled) return;
      settled = true;
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onEnd);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      input.pause();
      if (line === undefined) {
        cli.out.write('\n');
        reject(new PromptCancelled());
        return;
      }
      resolve(line.trim());
    };
    const take = (): boolean => {
      const nl = buf.indexOf('\n');
      if (nl < 0) return false;
      if (nl + 1 < buf.length) pending.set(input, buf.slice(nl + 1));
      finish(buf.slice(0, nl).replace(/\r$/, ''));
      return true;
    };
    const onData = (chunk: Buffer | string): void => {
      buf += chunk.toString();
      take();
    };
    const onEnd = (): void => finish(buf);
    const onSignal = (): void => finish(undefined);
    if (take()) return;
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    input.resume();
  });
}

/**
 * Runs `fn` with the terminal's echo off (stty, as term.DisableEcho clears ECHO), then puts
 * the terminal back as it was. Fails as docker fails when stdin is not a terminal.
 */
export async function withEchoDisabled<T>(cli: Cli, fn: () => Promise<T>): Promise<T> {
  if (!cli.in.isTTY) throw new Error('inappropriate ioctl for device');
  const saved = spawnSync('stty', ['-g'], { stdio: ['inherit', 'pipe', 'ignore'], encoding: 'utf8' }).stdout.trim();
  spawnSync('stty', ['-echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
  const restore = (): void => {
    const r = spawnSync('stty', saved ? [saved] : ['echo'], { stdio: ['inherit', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) cli.err.write(`Error: failed to restore terminal state to echo input: ${(r.stderr || '').trim()}\n`);
  };
  process.once('exit', restore);
  try {
    return await fn();
  } finally {
    process.removeListener('exit', restore);
    restore();
  }
}
