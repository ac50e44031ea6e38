// Errors that carry their exit code, as docker/cli's StatusError does. One top-level
// handler (main.ts) prints them once.

export class StatusError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'StatusError';
    this.status = status;
  }
}

/** A usage problem with the command line: printed with the usage line. */
export class UsageError extends Error {
  readonly status: number;
  constructor(message: string, status = 125) {
    super(message);
    this.name = 'UsageError';
    this.status = status;
  }
}
