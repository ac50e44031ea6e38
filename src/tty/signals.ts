// --sig-proxy: the signals berth receives go to the container (POST /containers/{id}/kill),
// as docker's ForwardAllSignals does. docker catches every signal; berth catches every one
// Node lets a program catch, minus those docker skips (SIGCHLD, SIGPIPE, SIGURG) and the
// synchronous faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL), whose handlers would run in a process
// that is no longer sound. Signals are sent in the order they arrived.

export const FORWARDED_SIGNALS: NodeJS.Signals[] = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTRAP', 'SIGABRT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM',
  'SIGTERM', 'SIGSTKFLT', 'SIGCONT', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGXCPU', 'SIGXFSZ',
  'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

export type KillFn = (signal: string) => Promise<void>;

/** Starts forwarding; the returned function stops it. */
export function forwardSignals(kill: KillFn, signals: NodeJS.Signals[] = FORWARDED_SIGNALS): () => void {
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
  return () => {
    for (const [sig, h] of handlers) process.removeListener(sig, h);
  };
}
