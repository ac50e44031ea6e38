// A stand-in engine for build tests: answers GET /_ping as an API 1.41 Linux engine and
// records each POST /build (URL, headers, the whole body), answering 400 "captured", so the
// context docker's CLI sends can be compared with berth's without an engine at all.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';
export const haveDocker = existsSync(DOCKER);
if (!haveDocker && process.env.BERTH_EXPECT_ENGINE === '1' && existsSync('/usr/local/bin/docker')) throw new Error(`cannot run: no docker at ${DOCKER}`);

export interface CapturedBuild {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  build?: CapturedBuild;
}

export class BuildCapture {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'berth-bc-'));
  readonly sock = path.join(this.dir, 'engine.sock');
  private server?: http.Server;
  private last?: CapturedBuild;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = { 'api-version': '1.41', ostype: 'linux', 'docker-experimental': 'false', 'content-type': 'application/json' };
        if ((req.url ?? '').endsWith('/_ping')) {
          res.writeHead(200, { ...headers, 'content-type': 'text/plain' });
          res.end('OK');
          return;
        }
        if (/\/build(\?|$)/.test(req.url ?? '')) {
          this.last = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
        }
        res.writeHead(400, headers);
        res.end(JSON.stringify({ message: 'captured' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.sock, resolve));
    // reachable by an unprivileged user too (permission tests run the clients as nobody)
    chmodSync(this.dir, 0o755);
    chmodSync(this.sock, 0o777);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** runs `bin args` against the stand-in engine, in `cwd` */
  run(bin: string, args: string[], o: { cwd?: string; input?: Buffer | string; env?: NodeJS.ProcessEnv; wrap?: string[] } = {}): Promise<RunResult> {
    this.last = undefined;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: this.dir,
      DOCKER_CONFIG: this.dir,
      DOCKER_BUILDKIT: '0',
      DOCKER_CLI_HINTS: 'false',
      ...o.env,
      DOCKER_HOST: `unix://${this.sock}`,
    };
    return new Promise((resolve, reject) => {
      const [cmd, ...argv] = [...(o.wrap ?? []), bin, ...args];
      const child = spawn(cmd!, argv, { cwd: o.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), build: this.last }),
      );
      child.stdin.on('error', () => undefined);
      child.stdin.end(o.input ?? '');
    });
  }
}

export interface TarEntry {
  name: string;
  type: string;
  mode: number;
  size: number;
  linkname: string;
}

/** the entries of an uncompressed tar (PAX path/linkpath records applied) */
export function listTar(buf: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let pax: Record<string, string> = {};
  const str = (b: Buffer): string => {
    const z = b.indexOf(0);
    return (z < 0 ? b : b.subarray(0, z)).toString('utf8');
  };
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    const size = parseInt(str(h.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(h[156]!);
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      pax = {};
      let p = 0;
      while (p < data.length) {
        const sp = data.indexOf(0x20, p);
        const len = Number(data.subarray(p, sp).toString());
        const rec = data.subarray(sp + 1, p + len - 1).toString('utf8');
        const eq = rec.indexOf('=');
        pax[rec.slice(0, eq)] = rec.slice(eq + 1);
        p += len;
      }
      continue;
    }
    const prefix = str(h.subarray(345, 500));
    let name = str(h.subarray(0, 100));
    if (prefix) name = `${prefix}/${name}`;
    out.push({
      name: pax.path ?? name,
      type,
      mode: parseInt(str(h.subarray(100, 108)).trim() || '0', 8),
      size: pax.size ? Number(pax.size) : size,
      linkname: pax.linkpath ?? str(h.subarray(157, 257)),
    });
    pax = {};
  }
  return out;
}
