// The object every command receives: streams, global options, a lazy engine client and a
// lazy config file. Nothing here touches the engine until a command asks for it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineClient, HostError, type TlsOptions } from '../engine/client.js';
import { configDir, loadConfig, type ConfigFile } from '../config/config.js';
import { ContextError, loadContextEndpoint, type ContextEndpoint } from '../config/contexts.js';
import { StatusError } from './errors.js';

export interface GlobalOptions {
  config?: string;
  context?: string;
  debug: boolean;
  host: string[];
  logLevel?: string;
  tls: boolean;
  tlscacert?: string;
  tlscert?: string;
  tlskey?: string;
  tlsverify: boolean;
  tlsverifyChanged: boolean;
}

export const PROGRAM = 'berth';
export const BERTH_VERSION = '0.1.0';

export class Cli {
  readonly name = PROGRAM;
  readonly out: NodeJS.WriteStream = process.stdout;
  readonly err: NodeJS.WriteStream = process.stderr;
  /**
   * stdin, made on first use: node makes a pipe's descriptor non-blocking when it wraps it,
   * and bulk uploads (load, import) read the descriptor itself with blocking reads
   */
  get in(): NodeJS.ReadStream {
    return process.stdin;
  }
  readonly env: NodeJS.ProcessEnv;
  readonly globals: GlobalOptions;
  private client?: EngineClient;
  private cfg?: ConfigFile;

  constructor(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env) {
    this.globals = globals;
    this.env = env;
  }

  configDir(): string {
    return configDir(this.globals.config, this.env);
  }

  config(): ConfigFile {
    this.cfg ??= loadConfig(this.configDir(), (text) => this.err.write(text));
    return this.cfg;
  }

  /** The endpoint, as docker resolves it: -H, else DOCKER_HOST, else the default socket. */
  /**
   * The endpoint, as docker resolves it: -H, else --context, else DOCKER_HOST, else
   * DOCKER_CONTEXT or config.json's currentContext, else the default socket.
   */
  hostSpec(): string {
    const g = this.globals;
    if (g.host.length > 0 && g.context) throw new StatusError('conflicting options: cannot specify both --host and --context', 1);
    if (g.host.length > 1) throw new StatusError('Failed to initialize: unable to resolve docker endpoint: Specify only one -H', 1);
    if (g.host[0] !== undefined) return g.host[0];
    const name = g.context ?? (this.env.DOCKER_HOST ? undefined : this.env.DOCKER_CONTEXT || this.config().currentContext);
    if (name && name !== 'default') {
      try {
        const ep = loadContextEndpoint(this.configDir(), name);
        this.contextTls = ep;
        this.hostFromContext = true;
        return ep.host;
      } catch (e) {
        if (e instanceof ContextError) throw new StatusError(`Failed to initialize: unable to resolve docker endpoint: ${e.message}`, 1);
        throw e;
      }
    }
    return this.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  }

  private contextTls?: ContextEndpoint;
  private hostFromContext = false;

  /** docker's TLS defaults: the CA must be readable; a default cert/key that is absent is dropped */
  private tlsOptions(): TlsOptions | undefined {
    const g = this.globals;
    const envVerify = (this.env.DOCKER_TLS_VERIFY ?? '') !== '';
    const verify = g.tlsverifyChanged ? g.tlsverify : g.tlsverify || envVerify;
    const ctx = this.contextTls;
    if (ctx?.tlsDir) {
      const read = (f: string): Buffer | undefined => (existsSync(join(ctx.tlsDir!, f)) ? readFileSync(join(ctx.tlsDir!, f)) : undefined);
      return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify: !ctx.skipTLSVerify };
    }
    const enabled = g.tls || verify || g.tlsverifyChanged;
    if (!enabled) return undefined;
    const certDir = this.env.DOCKER_CERT_PATH || this.configDir();
    const readFile = (p: string): Buffer => {
      try {
        return readFileSync(p);
      } catch {
        throw new StatusError(`Failed to initialize: unable to resolve docker endpoint: open ${p}: no such file or directory`, 1);
      }
    };
    const optional = (flag: string | undefined, file: string): Buffer | undefined => {
      if (flag) return readFile(flag);
      const p = join(certDir, file);
      return existsSync(p) ? readFile(p) : undefined;
    };
    return {
      ca: readFile(g.tlscacert ?? join(certDir, 'ca.pem')),
      cert: optional(g.tlscert, 'cert.pem'),
      key: optional(g.tlskey, 'key.pem'),
      verify,
    };
  }

  api(): EngineClient {
    if (!this.client) {
      const host = this.hostSpec();
      const tls = this.tlsOptions();
      try {
        this.client = new EngineClient({
          host,
          endpoint: this.hostFromContext,
          tls,
          version: this.env.DOCKER_API_VERSION || undefined,
          userAgent: `Docker-Client/28.2.2 (linux) berth/${BERTH_VERSION}`,
        });
      } catch (e) {
        if (e instanceof HostError) throw new StatusError(`Failed to initialize: ${e.message}`, 1);
        throw e;
      }
    }
    return this.client;
  }

  /** starts negotiating the API version in the background; errors surface on first use */
  warmUp(): void {
    try {
      this.api().apiVersion().catch(() => undefined);
    } catch {
      // a bad host: the command reports it when it asks for the client
      this.client = undefined;
    }
  }

  close(): void {
    this.client?.close();
  }

  /** stdout writes that keep order with the process's exit */
  print(s: string): void {
    this.out.write(s);
  }
}
