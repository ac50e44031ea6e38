// Multi-target verbs (stop a b c): run in parallel, print each success in argument order,
// report every failure, exit 1 if any failed — as docker/cli's parallelOperation callers do.
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import { EngineError } from '../engine/errors.js';

export function errorText(err: unknown): string {
  if (err instanceof EngineError) return err.daemonMessage;
  // an answer cut short (node's "aborted" of an incoming message): Go's reader says this
  if (err instanceof Error && err.message === 'aborted' && (err as NodeJS.ErrnoException).code === 'ECONNRESET') return 'unexpected EOF';
  if (err instanceof Error) return err.message;
  return String(err);
}

export async function forEachTarget<T>(
  cli: Cli,
  targets: string[],
  op: (target: string) => Promise<T>,
  onSuccess: (target: string, result: T) => void = (t) => cli.out.write(`${t}\n`),
): Promise<string[]> {
  const settled = await Promise.allSettled(targets.map((t) => op(t)));
  const errors: string[] = [];
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') onSuccess(targets[i]!, r.value);
    else errors.push(errorText(r.reason));
  });
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
  return targets;
}
