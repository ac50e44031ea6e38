// The Engine API client: transport (unix socket, tcp, tls), version negotiation, JSON
// helpers and the hijacked connections of attach/exec. It uses node:http rather than undici:
// undici's start-up (its llhttp WebAssembly) costs ~200 ms per process here, three times
// `node -e 0`, and every one-shot command pays it (see bench/startup.mjs).
import type http from 'node:http';
import type https from 'node:https';
import { createRequire } from 'node:module';

// node:https pulls in tls (~10 ms): loaded only when an endpoint uses TLS
const requireBuiltin = createRequire(import.meta.url);
const loadHttps = (): typeof https => requireBuiltin('node:https') as typeof https;
// node:http too is loaded on first use: nothing network-related runs at module load
const loadHttp = (): typeof http => requireBuiltin('node:http') as typeof http;
import type { Duplex, Readable } from 'node:stream';
import type { Socket } from 'node:net';
import { bulkExchange, UploadError, type BulkResponse, type Connector, type UploadSource } from './bulk.js';
import { ConnectionError, EngineError, errorFromResponse } from './errors.js';
import { goCleanPath } from './path.js';

/** The newest API version berth speaks (what docker CLI 28.2 speaks). */
export const DEFAULT_API_VERSION = '1.50';
/** The oldest engine API berth supports. */
export const MIN_API_VERSION = '1.24';

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** verify the server's certificate against `ca` */
  verify: boolean;
}

export interface EngineOptions {
  /** unix:///path or tcp://host:port (already validated by parseHost) */
  host: string;
  tls?: TlsOptions;
  /** a fixed API version (DOCKER_API_VERSION): disables negotiation */
  version?: string;
  userAgent?: string;
}

export type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export interface RequestOptions {
  method?: string;
  path: string;
  query?: Query;
  /**
   * objects are sent as JSON; Buffers and strings as they are; streams are piped; a
   * BodyWriter writes the body itself, and ends it (to write from buffers it reuses)
   */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** writes a request's body and ends it (or destroys `dest` with the error that stopped it) */
export type BodyWriter = (dest: import('node:stream').Writable) => void;

export interface EngineResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

export interface HijackedConnection {
  /** the raw connection: bytes to the container are written here, its output read here */
  socket: Duplex;
  /** bytes that arrived together with the response head */
  head: Buffer;
  headers: http.IncomingHttpHeaders;
  /** true when the engine answered 101 (a hijacked connection), false for a plain 200 stream */
  upgraded: boolean;
}

export interface ParsedHost {
  proto: 'unix' | 'tcp' | 'ssh' | 'fd' | 'npipe';
  /** the address as docker prints it in errors */
  display: string;
  socketPath?: string;
  hostname?: string;
  port?: number;
}

export class HostError extends Error {}

/** docker's ParseHost for the client side. */
export function parseHost(raw: string, tls: boolean): ParsedHost {
  let host = raw.trim();
  if (host === '') host = 'unix:///var/run/docker.sock';
  const m = /^([a-z]+):\/\/(.*)$/.exec(host);
  if (!m) {
    // a bare host:port means tcp
    if (/^[^/]*:\d*$/.test(host) || /^[A-Za-z0-9.-]+$/.test(host)) return parseHost(`tcp://${host}`, tls);
    throw new HostError(`unable to resolve docker endpoint: invalid bind address format: ${raw}`);
  }
  const [, proto, rest] = m as unknown as [string, string, string];
  switch (proto) {
    case 'unix': {
      const path = rest === '' ? '/var/run/docker.sock' : rest;
      return { proto: 'unix', display: `unix://${path}`, socketPath: path };
    }
    case 'tcp':
    case 'http':
    case 'https': {
      let hostPort = rest.replace(/\/+$/, '');
      if (hostPort.includes('/')) hostPort = hostPort.slice(0, hostPort.indexOf('/'));
      let hostname = hostPort;
      let port = tls || proto === 'https' ? 2376 : 2375;
      const pm = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
      if (!pm) throw new HostError(`unable to resolve docker endpoint: invalid bind address format: ${raw}`);
      hostname = pm[1] || '127.0.0.1';
      if (pm[2]) port = Number(pm[2]);
      const bare = hostname.replace(/^\[|\]$/g, '');
      return { proto: 'tcp', display: `tcp://${hostname}:${port}`, hostname: bare, port };
    }
    case 'ssh':
      return { proto: 'ssh', display: host };
    case 'fd':
      return { proto: 'fd', display: host };
    case 'npipe':
      return { proto: 'npipe', display: host };
    default:
      throw new HostError(`unable to resolve docker endpoint: invalid bind address format: ${raw}`);
  }
}

/** versions.LessThan: dotted numeric comparison */
export function versionLess(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

export function versionAtLeast(v: string, min: string): boolean {
  return !versionLess(v, min);
}

function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const v = query[key];
    if (v === undefined || v === null) continue;
    const values = Array.isArray(v) ? v : [String(v)];
    for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export class EngineClient {
  readonly host: ParsedHost;
  private readonly tls?: TlsOptions;
  private readonly agent: http.Agent;
  private readonly userAgent: string;
  private fixedVersion?: string;
  private negotiated?: Promise<string>;

  constructor(opts: EngineOptions) {
    this.host = parseHost(opts.host, !!opts.tls);
    this.tls = opts.tls;
    this.fixedVersion = opts.version;
    this.userAgent = opts.userAgent ?? 'berth';
    const agentOpts = { keepAlive: true, maxSockets: 16 };
    this.agent = this.tls ? new (loadHttps().Agent)(agentOpts) : new (loadHttp().Agent)(agentOpts);
  }

  /** The API version requests use: DOCKER_API_VERSION, else min(berth's, the engine's). */
  apiVersion(): Promise<string> {
    if (this.fixedVersion) return Promise.resolve(this.fixedVersion);
    this.negotiated ??= this.ping().then(
      (p) => {
        if (!p.apiVersion) return DEFAULT_API_VERSION;
        return versionLess(p.apiVersion, DEFAULT_API_VERSION) ? p.apiVersion : DEFAULT_API_VERSION;
      },
      (err: unknown) => {
        // a failed ping leaves the default; the real request reports the failure
        if (err instanceof ConnectionError) throw err;
        return DEFAULT_API_VERSION;
      },
    );
    return this.negotiated;
  }

  /**
   * docker's CurrentVersion: the negotiated version, or the client's own when no engine
   * answers (validation that depends on it goes on; the first real request reports the engine)
   */
  currentVersion(): Promise<string> {
    return this.apiVersion().catch((e: unknown) => {
      if (e instanceof ConnectionError) return DEFAULT_API_VERSION;
      throw e;
    });
  }

  async ping(): Promise<{ apiVersion?: string; osType?: string; experimental?: boolean; builderVersion?: string }> {
    const res = await this.raw({ method: 'GET', path: '/_ping' }, false);
    res.body.resume();
    const h = res.headers;
    return {
      apiVersion: h['api-version'] as string | undefined,
      osType: h['ostype'] as string | undefined,
      experimental: h['docker-experimental'] === 'true',
      builderVersion: h['builder-version'] as string | undefined,
    };
  }

  private baseRequestOptions(method: string, path: string, headers: Record<string, string>): http.RequestOptions {
    const o: http.RequestOptions & https.RequestOptions = {
      method,
      path,
      agent: this.agent,
      headers: { 'User-Agent': this.userAgent, ...headers },
    };
    // the server name only matters to TLS (SNI); left unset, node's agent works it out by
    // running its IPv6 regular expression, whose first use costs milliseconds of start-up
    if (!this.tls) (o as { servername?: string }).servername = '';
    if (this.host.proto === 'unix') {
      o.socketPath = this.host.socketPath;
      o.host = 'localhost';
      // docker sends Host: api.moby.localhost; the engine ignores it
    } else if (this.host.proto === 'tcp') {
      o.host = this.host.hostname;
      o.port = this.host.port;
      if (this.tls) {
        o.ca = this.tls.ca;
        o.cert = this.tls.cert;
        o.key = this.tls.key;
        o.rejectUnauthorized = this.tls.verify;
        if (!this.tls.verify) o.checkServerIdentity = () => undefined;
      }
    } else {
      throw new ConnectionError(this.host.display, new Error(`protocol ${this.host.proto} is not supported by berth yet`));
    }
    return o;
  }

  private async fullPath(path: string, query?: Query, versioned = true): Promise<string> {
    const prefix = versioned ? `/v${await this.apiVersion()}` : '';
    // docker's client joins (and so cleans) the path: /v1.41/containers/../top is /v1.41/top
    return `${goCleanPath(`${prefix}${path}`)}${encodeQuery(query)}`;
  }

  /** One request; resolves with the response whatever its status. */
  private async raw(opts: RequestOptions, versioned = true): Promise<EngineResponse> {
    const method = opts.method ?? 'GET';
    const path = await this.fullPath(opts.path, opts.query, versioned);
    const headers: Record<string, string> = { ...opts.headers };
    let payload: Buffer | string | Readable | BodyWriter | undefined;
    const body = opts.body;
    if (body !== undefined) {
      if (Buffer.isBuffer(body) || typeof body === 'string' || typeof body === 'function') payload = body as Buffer | string | BodyWriter;
      else if (body && typeof (body as Readable).pipe === 'function') payload = body as Readable;
      else {
        payload = JSON.stringify(body);
        headers['Content-Type'] ??= 'application/json';
      }
    }
    if (payload !== undefined && typeof payload !== 'function' && !(typeof (payload as Readable).pipe === 'function')) {
      headers['Content-Length'] = String(Buffer.byteLength(payload as Buffer | string));
    }
    const reqOpts = this.baseRequestOptions(method, path, headers);
    const mod = this.tls ? loadHttps() : loadHttp();
    return new Promise<EngineResponse>((resolve, reject) => {
      const req = mod.request(reqOpts, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
      req.on('error', (err: NodeJS.ErrnoException) => reject(this.wrapError(err)));
      if (opts.signal) {
        if (opts.signal.aborted) req.destroy(new Error('aborted'));
        opts.signal.addEventListener('abort', () => req.destroy(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
      }
      if (payload === undefined) req.end();
      else if (typeof payload === 'function') payload(req);
      else if (typeof (payload as Readable).pipe === 'function') (payload as Readable).pipe(req);
      else req.end(payload);
    });
  }

  private wrapError(err: NodeJS.ErrnoException): Error {
    if (err.name === 'AbortError') return err;
    const code = err.code ?? '';
    if (['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'ENOTSOCK'].includes(code)) {
      if (code === 'EACCES') {
        return new ConnectionError(this.host.display, err);
      }
      return new ConnectionError(this.host.display, err);
    }
    return err;
  }

  /** A request whose non-2xx answers become typed errors. */
  async request(opts: RequestOptions): Promise<EngineResponse> {
    const res = await this.raw(opts);
    // as docker's client: anything below 400 is a success (304 for a no-op stop or start)
    if (res.status >= 200 && res.status < 400) return res;
    const text = await readText(res.body);
    throw errorFromResponse(res.status, text, opts.path);
  }

  /** A request answered with JSON (or nothing). */
  async json<T = unknown>(opts: RequestOptions): Promise<T> {
    const res = await this.request(opts);
    const text = await readText(res.body);
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new EngineError(`invalid JSON from the engine: ${text.slice(0, 200)}`, res.status);
    }
  }

  /** A request whose answer is discarded. */
  async call(opts: RequestOptions): Promise<void> {
    const res = await this.request(opts);
    res.body.resume();
    await new Promise<void>((r) => (res.body.complete ? r() : res.body.once('end', r).once('close', r)));
  }

  /**
   * A bulk transfer (save, export, load, import: see bulk.ts): a connection of its own, the
   * body read without node:http's streams, `upload` sent chunked. Non-2xx answers become
   * typed errors, as with `request`.
   */
  async bulk(opts: Omit<RequestOptions, 'body'> & { upload?: UploadSource }): Promise<BulkResponse> {
    const method = opts.method ?? 'GET';
    const path = await this.fullPath(opts.path, opts.query);
    const host = this.host;
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host.proto === 'tcp' ? `${host.hostname}:${host.port}` : 'api.moby.localhost'}`, `User-Agent: ${this.userAgent}`];
    for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
    if (opts.upload === undefined && method !== 'GET' && method !== 'HEAD') lines.push('Content-Length: 0');
    let res: BulkResponse;
    try {
      res = await bulkExchange(this.connector(), lines.join('\r\n'), opts.upload, opts.signal);
    } catch (e) {
      // as Go's client: the request failed, naming its URL
      if (e instanceof UploadError) throw new Error(`error during connect: ${goMethod(method)} "${await this.goURL(opts.path, opts.query)}": ${e.message}`);
      throw this.wrapError(e as NodeJS.ErrnoException);
    }
    if (res.status >= 200 && res.status < 400) return res;
    const text = await readText(res.body);
    throw errorFromResponse(res.status, text, opts.path);
  }

  /** the URL docker's client names in its errors: http://%2Fpath%2Fto.sock/v1.41/build?a=b */
  async goURL(path: string, query?: Query): Promise<string> {
    const host = this.host;
    const authority = host.proto === 'unix' ? queryEscape(host.socketPath ?? '') : host.proto === 'tcp' ? `${host.hostname?.includes(':') ? `[${host.hostname}]` : host.hostname}:${host.port}` : host.display;
    const q = Object.keys(query ?? {})
      .sort()
      .flatMap((k) => {
        const v = query![k];
        if (v === undefined || v === null) return [];
        return (Array.isArray(v) ? v : [String(v)]).map((x) => `${queryEscape(k)}=${queryEscape(x)}`);
      })
      .join('&');
    return `${this.tls ? 'https' : 'http'}://${authority}${goCleanPath(`/v${await this.apiVersion()}${path}`)}${q ? `?${q}` : ''}`;
  }

  /** how bulk transfers connect: the endpoint's socket, TLS or not */
  private connector(): Connector {
    const host = this.host;
    const tlsOpts = this.tls;
    if (host.proto !== 'unix' && host.proto !== 'tcp') {
      throw new ConnectionError(host.display, new Error(`protocol ${host.proto} is not supported by berth yet`));
    }
    return (onread) => {
      if (tlsOpts && host.proto === 'tcp') {
        const tls = requireBuiltin('node:tls') as typeof import('node:tls');
        const net = requireBuiltin('node:net') as typeof import('node:net');
        const socket = tls.connect({
          host: host.hostname,
          port: host.port,
          servername: net.isIP(host.hostname ?? '') ? undefined : host.hostname,
          ca: tlsOpts.ca,
          cert: tlsOpts.cert,
          key: tlsOpts.key,
          rejectUnauthorized: tlsOpts.verify,
          // (tls.connect asserts the option is a function when it is there at all)
          ...(tlsOpts.verify ? {} : { checkServerIdentity: () => undefined }),
        });
        return { socket: socket as unknown as Socket, onread: false };
      }
      const net = requireBuiltin('node:net') as typeof import('node:net');
      const socket = host.proto === 'unix' ? net.connect({ path: host.socketPath!, onread }) : net.connect({ host: host.hostname, port: host.port!, onread });
      return { socket, onread: true };
    };
  }

  /**
   * attach/exec start: asks the engine to hijack the connection (Upgrade: tcp). The
   * returned socket carries the container's output and takes its input; `socket.end()`
   * half-closes stdin.
   */
  async hijack(opts: RequestOptions): Promise<HijackedConnection> {
    const method = opts.method ?? 'POST';
    const path = await this.fullPath(opts.path, opts.query);
    const headers: Record<string, string> = { Connection: 'Upgrade', Upgrade: 'tcp', ...opts.headers };
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const reqOpts = this.baseRequestOptions(method, path, headers);
    // a hijacked socket must not go back to the keep-alive pool
    reqOpts.agent = false;
    const mod = this.tls ? loadHttps() : loadHttp();
    return new Promise<HijackedConnection>((resolve, reject) => {
      const req = mod.request(reqOpts);
      req.on('upgrade', (res, socket, head) => {
        resolve({ socket, head, headers: res.headers, upgraded: true });
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          resolve({ socket: res as unknown as Duplex, head: Buffer.alloc(0), headers: res.headers, upgraded: false });
          return;
        }
        readText(res).then((text) => reject(errorFromResponse(status, text, opts.path)), reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => reject(this.wrapError(err)));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** url.QueryEscape */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e) out += String.fromCharCode(b);
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** how Go's errors spell a method: Post, Get (http.Request's Method with its first letter only upper) */
function goMethod(m: string): string {
  return m.charAt(0) + m.slice(1).toLowerCase();
}

export async function readText(stream: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
