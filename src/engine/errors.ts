// Typed errors of the Engine API client. The client knows nothing of the CLI: these carry
// the engine's message and HTTP status; the CLI decides wording and exit codes.

export class EngineError extends Error {
  /** HTTP status the engine answered with (0 when no answer). */
  readonly status: number;
  /** docker's client words some failures itself, without "Error response from daemon" */
  bare = false;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'EngineError';
    this.status = status;
  }
  /** docker's rendering: "Error response from daemon: ..." */
  get daemonMessage(): string {
    return this.bare ? this.message : `Error response from daemon: ${this.message}`;
  }
}

export class NotFoundError extends EngineError {
  constructor(message: string) {
    super(message, 404);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends EngineError {
  constructor(message: string) {
    super(message, 409);
    this.name = 'ConflictError';
  }
}

export class InvalidParameterError extends EngineError {
  constructor(message: string) {
    super(message, 400);
    this.name = 'InvalidParameterError';
  }
}

export class NotModifiedError extends EngineError {
  constructor(message: string) {
    super(message, 304);
    this.name = 'NotModifiedError';
  }
}

/** The engine could not be reached at all. */
export class ConnectionError extends Error {
  readonly host: string;
  override readonly cause?: unknown;
  /** true when the message is Go's "error during connect: Get "URL": ..." rather than "Cannot connect" */
  readonly duringConnect: boolean;
  constructor(host: string, cause?: unknown, message?: string) {
    super(message ?? `Cannot connect to the Docker daemon at ${host}. Is the docker daemon running?`);
    this.name = 'ConnectionError';
    this.host = host;
    this.cause = cause;
    this.duringConnect = message !== undefined;
  }
}

/** what docker's client knows of the answer beside its body (checkResponseErr) */
export interface AnswerFacts {
  contentType?: string;
  /** the status line's reason phrase ("Not Found") */
  reason?: string;
  /** the request's URL as Go's client prints it */
  url?: string;
}

export function errorFromResponse(status: number, body: string, route: string, facts?: AnswerFacts): EngineError {
  let message = body.trim();
  let bare = false;
  if (facts) {
    // docker 28's checkResponseErr: an empty body, JSON only when the answer says so
    const statusMsg = `${status} ${facts.reason ?? statusText(status)}`;
    if (body.length === 0) {
      message = `request returned ${statusMsg} for API route and version ${facts.url ?? route}, check if the server supports the requested API version`;
      bare = true;
    } else if (facts.contentType === 'application/json') {
      let parsed: { message?: unknown } | undefined;
      try {
        parsed = JSON.parse(body) as { message?: unknown };
      } catch (e) {
        message = `Error reading JSON: ${(e as Error).message}`;
        bare = true;
      }
      if (!bare) {
        const m = parsed && typeof parsed === 'object' && typeof parsed.message === 'string' ? parsed.message.trim() : '';
        message = m !== '' ? m : `API returned a ${status} (${statusText(status)}) but provided no error-message`;
      }
    }
  } else {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      // docker's client trims the daemon's message (strings.TrimSpace)
      if (parsed && typeof parsed.message === 'string') message = parsed.message.trim();
    } catch {
      // not JSON: the raw text is the message, as docker prints it
    }
    if (message === '') {
      message = `request returned ${statusText(status)} for API route and version ${route}, check if the server supports the requested API version`;
    }
  }
  const err = typed(status, message);
  err.bare = bare;
  return err;
}

function typed(status: number, message: string): EngineError {
  switch (status) {
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 400:
      return new InvalidParameterError(message);
    case 304:
      return new NotModifiedError(message);
    default:
      return new EngineError(message, status);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? String(status);
}

/**
 * encoding/json's refusal to decode a JSON array into a struct, which docker's client meets
 * when a reference cleans a path into a list endpoint (`inspect .` asks /containers/json).
 * Returns the text when it holds an object.
 */
export function expectObject(text: string, goType: string): string {
  if (/^\s*\[/.test(text)) throw new Error(`json: cannot unmarshal array into Go value of type ${goType}`);
  return text;
}
