// What a closed stdout pipe does to berth (`berth logs x | head -1`). docker (Go) dies of the
// SIGPIPE: the shell sees 141. run and start -a catch every signal for the container (the
// signal proxy), so there the write fails instead: "write /dev/stdout: broken pipe", status 1.

let proxying = false;

/** while the signal proxy runs, a broken pipe is an error rather than a death by SIGPIPE */
export function signalProxyActive(on: boolean): void {
  proxying = on;
}

/** ends the process as docker ends on a closed stdout */
export function onBrokenStdout(): never {
  if (proxying) {
    process.stderr.write('write /dev/stdout: broken pipe\n');
    process.exit(1);
  }
  // node ignores SIGPIPE and cannot take it back: the status a shell would see
  process.exit(141);
}
