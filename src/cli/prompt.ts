// docker's prompt.Confirm: "MESSAGE [y/N] " on stdout, one line read from stdin; y or Y
// (spaces trimmed) confirms, anything else (or end of input) declines. SIGINT/SIGTERM while
// waiting ends the prompt with a newline, declined.
import type { Cli } from './cli.js';

export function confirm(cli: Cli, message = 'Are you sure you want to proceed?'): Promise<boolean> {
  cli.out.write(`${message} [y/N] `);
  const input = cli.in;
  return new Promise<boolean>((resolve) => {
    let line = '';
    let settled = false;
    const yes = (s: string): boolean => s.trim().toLowerCase() === 'y';
    const finish = (answer: boolean, newline = false): void => {
      if (settled) return;
      settled = true;
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onEnd);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      input.pause();
      (input as NodeJS.ReadStream & { destroy?: () => void }).destroy?.();
      if (newline) cli.out.write('\n');
      resolve(answer);
    };
    const onData = (chunk: Buffer | string): void => {
      line += chunk.toString();
      const nl = line.indexOf('\n');
      if (nl >= 0) finish(yes(line.slice(0, nl)));
    };
    const onEnd = (): void => finish(yes(line));
    const onSignal = (): void => finish(false, true);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    input.resume();
  });
}
