// Signals during an attached session.
//
// --sig-proxy: the signals berth receives go to the container (POST /containers/{id}/kill), as
// docker's ForwardAllSignals does. docker catches every signal; berth catches every one Node
// lets a program catch, minus those docker skips (SIGCHLD, SIGPIPE, SIGURG), the synchronous
// faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL), whose handlers would run in a process that is no
// longer sound, and SIGPROF, V8's profiler clock (as SIGURG is Go's). Signals are sent in the
// order they arrived.
//
// SIGINT and SIGTERM are also docker's "termination signals": the first cancels the command
// (each command decides what that means: nothing for run and attach, the end of an exec, an
// exit with 128+signal for start), the third forces the exit with docker's message.
import { constants } from 'node:os';

export const FORWARDED_SIGNALS: NodeJS.Signals[] = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTRAP', 'SIGABRT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM',
  'SIGTERM', 'SIGSTKFLT', 'SIGCONT', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGXCPU', 'SIGXFSZ',
  'SIGVTALRM', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

export const TERMINATION_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

export type KillFn = (signal: string) => Promise<void>;

export interface SignalForwarder {
  stop(): void;
  /** resolves once every signal received so far has been sent */
  flushed(): Promise<void>;
}

/** Starts forwarding every catchable signal to the container. */
export function forwardSignals(kill: KillFn, signals: NodeJS.Signals[] = FORWARDED_SIGNALS): SignalForwarder {
  let chain: Promise<void> = Promise.resolve();
  const handlers: [NodeJS.Signals, () => void][] = [];
  for (const sig of signals) {
    const h = (): void => {
      // docker sends the name without its SIG prefix
      chain = chain.then(() => kill(sig.slice(3))).catch(() => undefined);
    };
    try {
      process.on(sig, h);
      handlers.push([sig, h]);
    } catch {
      // not catchable on this platform
    }
  }
  return {
    stop: () => {
      for (const [sig, h] of handlers) process.removeListener(sig, h);
    },
    flushed: () => chain,
  };
}

/** 128 + the signal's number, as a shell reports a process ended by it */
export function signalExitCode(sig: NodeJS.Signals): number {
  return 128 + (constants.signals[sig] ?? 0);
}

export const FORCED_EXIT_MESSAGE = '\ngot 3 SIGTERM/SIGINTs, forcefully exiting\n';

/**
 * docker's handling of SIGINT/SIGTERM while a command runs: `first` on the first one, and on
 * the third, the message and exit status 1 (the terminal is restored by the raw-mode exit hook).
 */
export function onTermination(first: (sig: NodeJS.Signals) => void, err: NodeJS.WritableStream = process.stderr): () => void {
  let count = 0;
  const handlers = TERMINATION_SIGNALS.map((sig) => {
    const h = (): void => {
      count++;
      if (count === 1) first(sig);
      else if (count >= 3) {
        err.write(FORCED_EXIT_MESSAGE);
        process.exit(1);
      }
    };
    process.on(sig, h);
    return [sig, h] as const;
  });
  return () => {
    for (const [sig, h] of handlers) process.removeListener(sig, h);
  };
}
