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
import { goCleanPath, goPathEscape } from './path.js';
import { DockerHostError, dockerParseHost, escapeUrlHost, goIsDomainName, goIsIPv4, goJoinHostPort, parseHostUrl, urlHostnamePort, type HostUrl } from './hosturl.js';

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
  /** `host` is a context's endpoint, taken as it is stored (no ParseHost: `http://h` works) */
  endpoint?: boolean;
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
  /** the host string docker's client keeps (ParseHost's answer), as it prints it in errors */
  display: string;
  socketPath?: string;
  /** tcp: the URL's host as docker keeps it ("[a:2375:3]:2375", "é:2375") */
  addr?: string;
  /** tcp: the host to dial, brackets off ("a:2375:3", "::1") */
  hostname?: string;
  /** tcp: the port as written ("080", "99999"); empty when the address has none */
  portText?: string;
  port?: number;
  /** tcp: the path every request goes under, unescaped ('' for none) */
  basePath?: string;
}

export class HostError extends Error {}

/** docker's ParseHost then the client's ParseHostURL, for -H and DOCKER_HOST */
export function parseHost(raw: string, tls: boolean): ParsedHost {
  let host: string;
  try {
    host = dockerParseHost(raw, tls);
  } catch (e) {
    if (e instanceof DockerHostError) throw new HostError(`unable to resolve docker endpoint: ${e.message}`);
    throw e;
  }
  return parseEndpointHost(host, tls);
}

/** the client's ParseHostURL alone: a context's endpoint, which docker takes as it is stored */
export function parseEndpointHost(host: string, tls: boolean): ParsedHost {
  // ssh has its own handling; fd and npipe (where docker's client crashes) are refused later
  for (const proto of ['ssh', 'fd', 'npipe'] as const) if (host.startsWith(`${proto}://`)) return { proto, display: host };
  let u: HostUrl;
  try {
    u = parseHostUrl(host);
  } catch (e) {
    if (e instanceof DockerHostError) throw new HostError(e.message);
    throw e;
  }
  switch (u.proto) {
    case 'unix':
      return { proto: 'unix', display: host, socketPath: u.addr };
    default: {
      // tcp, and whatever else a context holds (http://h): Go's transport dials it over tcp
      const { hostname, port } = urlHostnamePort(u.addr);
      const portText = port !== '' ? port : tls ? '443' : '80';
      return { proto: 'tcp', display: host, addr: u.addr, hostname, portText, port: Number(portText), basePath: u.basePath };
    }
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
    this.host = opts.endpoint ? parseEndpointHost(opts.host, !!opts.tls) : parseHost(opts.host, !!opts.tls);
    this.tls = opts.tls;
    this.fixedVersion = opts.version;
    this.userAgent = opts.userAgent ?? 'berth';
    const agentOpts = { keepAlive: true, maxSockets: 16 };
    this.agent = this.tls ? new (loadHttps().Agent)(agentOpts) : new (loadHttp().Agent)(agentOpts);
  }

  /** The API version requests use: DOCKER_API_VERSION, else min(berth's, the engine's). */
  apiVersion(): Promise<string> {
    if (this.fixedVersion) return Promise.resolve(this.fixedVersion);
    this.negotiated ??= this.pingOnce().then(
      (p) => {
        if (!p.apiVersion) return DEFAULT_API_VERSION;
        return versionLess(p.apiVersion, DEFAULT_API_VERSION) ? p.apiVersion : DEFAULT_API_VERSION;
      },
      (err: unknown) => {
        // a failed ping leaves the default; the real request reports the failure (in its
        // own words when they name its URL)
        if (err instanceof ConnectionError && !err.duringConnect) throw err;
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

  private pinged?: ReturnType<EngineClient['ping']>;
  private pingOnce(): ReturnType<EngineClient['ping']> {
    this.pinged ??= this.ping();
    return this.pinged;
  }

  /**
   * The client's checkVersion, which some of docker's calls make first (ImageList,
   * ContainerCreate, ContainerExecCreate, NetworkCreate, ...): negotiation happens now, and
   * when the ping fails, its error is the call's ("error during connect: Head ".../_ping"").
   */
  async checkVersion(): Promise<void> {
    if (this.fixedVersion) return;
    await this.pingOnce();
  }

  async ping(): Promise<{ apiVersion?: string; osType?: string; experimental?: boolean; builderVersion?: string }> {
    // (docker pings with HEAD, and names that method when the connection fails)
    const res = await this.raw({ method: 'GET', path: '/_ping' }, false, 'HEAD');
    res.body.resume();
    const h = res.headers;
    return {
      apiVersion: h['api-version'] as string | undefined,
      osType: h['ostype'] as string | undefined,
      experimental: h['docker-experimental'] === 'true',
      builderVersion: h['builder-version'] as string | undefined,
    };
  }

  private dialing?: Promise<string>;

  /** the address a tcp endpoint dials, resolved as Go's dialer does (its failures in Go's words) */
  private dialAddress(): Promise<string> {
    if (this.host.proto !== 'tcp') return Promise.resolve('');
    this.dialing ??= resolveDial(this.host);
    return this.dialing;
  }

  private baseRequestOptions(method: string, path: string, headers: Record<string, string>, address: string): http.RequestOptions {
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
      o.host = address;
      o.port = this.host.port;
      (o.headers as Record<string, string>).Host = this.hostHeader();
      if (this.tls) {
        const net = requireBuiltin('node:net') as typeof import('node:net');
        if (!net.isIP(this.host.hostname ?? '')) o.servername = this.host.hostname;
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

  /** what Go's transport sends as Host: the URL's host, its name in ASCII */
  private hostHeader(): string {
    const h = this.host;
    return `${goJoinHostPort(asciiHostname(h.hostname ?? ''), h.portText ?? '')}`;
  }

  /** the endpoint's base path (`tcp://h:2375/base`), escaped as a URL spells it */
  private basePath(): string {
    return this.host.basePath ? goPathEscape(this.host.basePath) : '';
  }

  private async fullPath(path: string, query?: Query, versioned = true): Promise<string> {
    const prefix = versioned ? `/v${await this.apiVersion()}` : '';
    // docker's client joins (and so cleans) the path: /v1.41/containers/../top is /v1.41/top
    return `${goCleanPath(`${this.basePath()}${prefix}${path}`)}${encodeQuery(query)}`;
  }

  /** a failed dial in the words of Go's client: "error during connect: Get "http://...": dial tcp: ..." */
  private dialFailure(e: unknown, method: string, path: string, query: Query | undefined, versioned: boolean, version: string | undefined): unknown {
    if (!(e instanceof DialError)) return e;
    const url = this.goUrlFor(versioned ? version : undefined, path, query);
    return new ConnectionError(this.host.display, e, `error during connect: ${goMethod(method)} "${url}": ${e.message}`);
  }

  /** One request; resolves with the response whatever its status. */
  private async raw(opts: RequestOptions, versioned = true, shownMethod?: string): Promise<EngineResponse> {
    const method = opts.method ?? 'GET';
    const path = await this.fullPath(opts.path, opts.query, versioned);
    let address: string;
    try {
      address = await this.dialAddress();
    } catch (e) {
      throw this.dialFailure(e, shownMethod ?? method, opts.path, opts.query, versioned, versioned ? await this.apiVersion() : undefined);
    }
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
    const reqOpts = this.baseRequestOptions(method, path, headers, address);
    const mod = this.tls ? loadHttps() : loadHttp();
    const version = versioned ? await this.apiVersion() : undefined;
    return new Promise<EngineResponse>((resolve, reject) => {
      const req = mod.request(reqOpts, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
      // (a reused connection was made before; a new one once it connects)
      let connected = false;
      let sock: Duplex & { bytesRead?: number } | undefined;
      let readBefore = 0;
      req.on('socket', (sk) => {
        sock = sk;
        readBefore = sk.bytesRead;
        if (!sk.connecting) connected = true;
        else sk.once('connect', () => (connected = true));
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        // the engine's end closed the connection before a whole answer head: Go's io.EOF, or
        // its transport's unexpected EOF once part of the head had come
        if (connected && err.message === 'socket hang up') {
          const part = (sock?.bytesRead ?? 0) > readBefore;
          const why = part ? 'net/http: HTTP/1.x transport connection broken: unexpected EOF' : 'EOF';
          this.goURL(opts.path, opts.query).then((u) => reject(new Error(`error during connect: ${goMethod(method)} "${u}": ${why}`)), reject);
          return;
        }
        // (only a streamed body can break mid-request: other requests are sent whole)
        const streamed = typeof payload === 'function' || (typeof payload === 'object' && !Buffer.isBuffer(payload));
        const dialed = (): unknown => this.dialFailure(this.wrapError(err), shownMethod ?? method, opts.path, opts.query, versioned, version);
        if (!connected || !streamed) return reject(dialed());
        this.brokenLine(err, method, opts.path, opts.query).then((b) => reject(b ?? dialed()), reject);
      });
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

  /**
   * a unix connection that broke once made, while the request was sent or before its answer
   * (EPIPE, ECONNRESET): Go's client error naming the request and its net.OpError
   */
  private async brokenLine(e: unknown, method: string, path: string, query?: Query): Promise<Error | undefined> {
    const code = (e as NodeJS.ErrnoException).code;
    if (this.host.proto !== 'unix' || (code !== 'EPIPE' && code !== 'ECONNRESET')) return undefined;
    const op = code === 'EPIPE' ? 'write' : 'read';
    const text = code === 'EPIPE' ? 'broken pipe' : 'connection reset by peer';
    return new Error(`error during connect: ${goMethod(method)} "${await this.goURL(path, query)}": ${op} unix @->${this.host.socketPath}: ${op}: ${text}`);
  }

  private wrapError(err: NodeJS.ErrnoException): Error {
    if (err.name === 'AbortError') return err;
    const code = err.code ?? '';
    // what Go's dialer reports of a tcp connect that failed otherwise than refused or timed out
    const connectText: Record<string, string> = { EHOSTUNREACH: 'no route to host', ENETUNREACH: 'network is unreachable', EADDRNOTAVAIL: 'cannot assign requested address' };
    const syscallErr = err as NodeJS.ErrnoException & { address?: string; port?: number };
    if (this.host.proto === 'tcp' && connectText[code] && err.syscall === 'connect' && syscallErr.address) {
      return new DialError(`dial tcp ${goJoinHostPort(syscallErr.address, String(syscallErr.port ?? this.host.port))}: connect: ${connectText[code]}`);
    }
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
    throw errorFromResponse(res.status, text, opts.path, {
      contentType: res.headers['content-type'],
      reason: res.body.statusMessage || undefined,
      url: await this.goURL(opts.path, opts.query),
    });
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
    let address: string;
    try {
      address = await this.dialAddress();
    } catch (e) {
      throw this.dialFailure(e, method, opts.path, opts.query, true, await this.apiVersion());
    }
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host.proto === 'tcp' ? this.hostHeader() : 'api.moby.localhost'}`, `User-Agent: ${this.userAgent}`];
    for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
    if (opts.upload === undefined && method !== 'GET' && method !== 'HEAD') lines.push('Content-Length: 0');
    let res: BulkResponse;
    try {
      res = await bulkExchange(this.connector(address), lines.join('\r\n'), opts.upload, opts.signal);
    } catch (e) {
      // as Go's client: the request failed, naming its URL
      // (a connection closed before any answer is Go's io.EOF of the round trip)
      if (e instanceof UploadError || (e instanceof Error && e.message === 'EOF' && !(e as NodeJS.ErrnoException).code)) {
        throw new Error(`error during connect: ${goMethod(method)} "${await this.goURL(opts.path, opts.query)}": ${e.message}`);
      }
      const broken = await this.brokenLine(e, method, opts.path, opts.query);
      if (broken) throw broken;
      throw this.dialFailure(this.wrapError(e as NodeJS.ErrnoException), method, opts.path, opts.query, true, await this.apiVersion());
    }
    if (res.status >= 200 && res.status < 400) return res;
    const text = await readText(res.body);
    throw errorFromResponse(res.status, text, opts.path);
  }

  /** the URL docker's client names in its errors: http://%2Fpath%2Fto.sock/v1.41/build?a=b */
  async goURL(path: string, query?: Query): Promise<string> {
    return this.goUrlFor(await this.apiVersion(), path, query);
  }

  /** goURL for a known API version (none: an unversioned path such as /_ping) */
  private goUrlFor(version: string | undefined, path: string, query?: Query): string {
    const host = this.host;
    const authority = host.proto === 'unix' ? queryEscape(host.socketPath ?? '') : host.proto === 'tcp' ? escapeUrlHost(host.addr ?? '') : host.display;
    const q = Object.keys(query ?? {})
      .sort()
      .flatMap((k) => {
        const v = query![k];
        if (v === undefined || v === null) return [];
        return (Array.isArray(v) ? v : [String(v)]).map((x) => `${queryEscape(k)}=${queryEscape(x)}`);
      })
      .join('&');
    const prefix = version === undefined ? '' : `/v${version}`;
    return `${this.tls ? 'https' : 'http'}://${authority}${goCleanPath(`${this.basePath()}${prefix}${path}`)}${q ? `?${q}` : ''}`;
  }

  /** how bulk transfers connect: the endpoint's socket, TLS or not */
  private connector(address: string): Connector {
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
          host: address,
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
      const socket = host.proto === 'unix' ? net.connect({ path: host.socketPath!, onread }) : net.connect({ host: address, port: host.port!, onread });
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
    let address: string;
    try {
      address = await this.dialAddress();
    } catch (e) {
      throw this.dialFailure(e, method, opts.path, opts.query, true, await this.apiVersion());
    }
    const version = await this.apiVersion();
    const reqOpts = this.baseRequestOptions(method, path, headers, address);
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
      req.on('error', (err: NodeJS.ErrnoException) => reject(this.dialFailure(this.wrapError(err), method, opts.path, opts.query, true, version)));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** a dial that failed as Go's net.Dial reports it: "dial tcp: lookup a on 10.0.0.1:53: no such host" */
class DialError extends Error {}

/** a host name as Go's transport dials it: non-ASCII names through IDNA (kept as they are when that fails) */
function asciiHostname(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(name)) return name;
  const { domainToASCII } = requireBuiltin('node:url') as typeof import('node:url');
  return domainToASCII(name) || name;
}

/** the first nameserver of /etc/resolv.conf, as Go's resolver names it in its errors */
function nameserver(): string {
  let text = '';
  try {
    text = (requireBuiltin('node:fs') as typeof import('node:fs')).readFileSync('/etc/resolv.conf', 'utf8');
  } catch {
    // Go falls back to the local resolver
  }
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m) return goJoinHostPort(m[1]!.replace(/%.*$/, ''), '53');
  }
  return '127.0.0.1:53';
}

/** Go's dialer before it connects: the port checked, then the name looked up */
async function resolveDial(host: ParsedHost): Promise<string> {
  const portText = host.portText ?? '';
  if (!/^[0-9]+$/.test(portText) || Number(portText) > 65535) throw new DialError(`dial tcp: address ${portText}: invalid port`);
  const name = asciiHostname(host.hostname ?? '');
  const net = requireBuiltin('node:net') as typeof import('node:net');
  if (goIsIPv4(name) || net.isIPv6(name)) return name;
  if (!goIsDomainName(name)) throw new DialError(`dial tcp: lookup ${name}: no such host`);
  const dns = requireBuiltin('node:dns') as typeof import('node:dns');
  try {
    return (await dns.promises.lookup(name)).address;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') throw new DialError(`dial tcp: lookup ${name} on ${nameserver()}: no such host`);
    // a resolver that does not answer: Go's lookup times out, which docker reports as no daemon
    throw new ConnectionError(host.display, e);
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
