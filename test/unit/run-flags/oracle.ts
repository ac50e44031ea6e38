// Test helpers: run the docker CLI (the oracle) against the private engine through a
// capturing proxy, which answers POST /containers/create itself (400 "captured") and
// records the request, so docker's exact request bodies can be compared without creating
// anything. Other requests go through to the engine.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const DOCKER = '/usr/local/bin/docker';
/** the private engine's socket: DOCKER_HOST's (scripts/test.sh sets it), else the dev engine's */
export const ENGINE_SOCK = (process.env.DOCKER_HOST ?? '').startsWith('unix://')
  ? (process.env.DOCKER_HOST as string).slice('unix://'.length)
  : '/tmp/berth-engine/docker.sock';
export const haveOracle = existsSync(DOCKER) && existsSync(ENGINE_SOCK);
export const skipReason = `needs ${DOCKER} and the private engine at ${ENGINE_SOCK}`;
if (!haveOracle && existsSync(DOCKER) && process.env.BERTH_EXPECT_ENGINE === '1') throw new Error(`cannot run: ${skipReason}`);

export interface Captured {
  url: string;
  body: Record<string, unknown>;
}

export interface OracleResult {
  status: number;
  stdout: string;
  stderr: string;
  captured?: Captured;
}

export class CaptureProxy {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'berth-rf-'));
  readonly sock = path.join(this.dir, 'proxy.sock');
  private server?: http.Server;
  private last?: Captured;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.method === 'POST' && /\/containers\/create(\?|$)/.test(req.url ?? '')) {
          this.last = { url: req.url ?? '', body: JSON.parse(body.toString()) as Record<string, unknown> };
          res.writeHead(400, { 'content-type': 'application/json', 'api-version': '1.41' });
          res.end(JSON.stringify({ message: 'captured' }));
          return;
        }
        const up = http.request({ socketPath: ENGINE_SOCK, method: req.method, path: req.url, headers: req.headers }, (ur) => {
          res.writeHead(ur.statusCode ?? 500, ur.headers);
          ur.pipe(res);
        });
        up.on('error', () => res.destroy());
        up.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.sock, resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** runs docker with argv against the proxy */
  run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<OracleResult> {
    this.last = undefined;
    return new Promise((resolve) => {
      execFile(
        DOCKER,
        argv,
        { env: { ...baseEnv(this.dir), ...env, DOCKER_HOST: `unix://${this.sock}` }, cwd: process.cwd() },
        (err, stdout, stderr) => {
          const status = err ? ((err as { code?: number }).code ?? 1) : 0;
          resolve({ status: typeof status === 'number' ? status : 1, stdout, stderr, captured: this.last });
        },
      );
    });
  }
}

/** a clean environment for the oracle: no proxies from a config file, no trust, no default platform */
export function baseEnv(configDir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: configDir, DOCKER_CONFIG: configDir };
}

/** Engine API calls straight to the private engine */
export function engine(method: string, p: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      { socketPath: ENGINE_SOCK, method, path: p, headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
