// A recording proxy in front of the engine's socket: the CLI under test talks to it, it
// forwards every request and remembers what it saw (method, path, X-Registry-Auth), and it
// can answer some routes itself (search results an offline engine cannot fetch).
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Seen {
  method: string;
  url: string;
  registryAuth?: string;
  body: string;
}

export type Fake = (req: http.IncomingMessage, body: string) => { status: number; body: string } | undefined;

export class EngineProxy {
  readonly seen: Seen[] = [];
  fake?: Fake;
  /** milliseconds between the lines of an answer (a slow engine), per request; 0 for none */
  pace?: (req: http.IncomingMessage) => number;
  private readonly dir: string;
  readonly socket: string;
  private server?: http.Server;

  constructor(private readonly upstream: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'berth-proxy-'));
    this.socket = join(this.dir, 'engine.sock');
  }

  get host(): string {
    return `unix://${this.socket}`;
  }

  start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const auth = req.headers['x-registry-auth'];
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', registryAuth: typeof auth === 'string' ? auth : undefined, body: body.toString('utf8') });
        const faked = this.fake?.(req, body.toString('utf8'));
        if (faked) {
          res.writeHead(faked.status, { 'Content-Type': 'application/json', 'Api-Version': '1.41', 'Ostype': 'linux' });
          res.end(faked.body);
          return;
        }
        const up = http.request({ socketPath: this.upstream, path: req.url, method: req.method, headers: req.headers }, (ures) => {
          res.writeHead(ures.statusCode ?? 502, ures.headers);
          // the engine answers some requests (wait) with headers long before the body, and
          // clients go on once they have them
          res.flushHeaders();
          const gap = this.pace?.(req) ?? 0;
          if (gap <= 0) {
            ures.pipe(res);
            return;
          }
          // line by line, `gap` ms apart
          let pending = '';
          const queue: string[] = [];
          let draining = false;
          let ended = false;
          const drain = (): void => {
            const line = queue.shift();
            if (line === undefined) {
              draining = false;
              if (ended) res.end(pending);
              return;
            }
            res.write(line);
            setTimeout(drain, gap);
          };
          ures.setEncoding('utf8');
          ures.on('data', (chunk: string) => {
            const parts = (pending + chunk).split('\n');
            pending = parts.pop()!;
            for (const p of parts) queue.push(`${p}\n`);
            if (!draining) {
              draining = true;
              drain();
            }
          });
          ures.on('end', () => {
            ended = true;
            if (!draining) res.end(pending);
          });
        });
        up.on('error', (e) => {
          res.writeHead(502);
          res.end(String(e));
        });
        up.end(body);
      });
    });
    // attach and exec hijack the connection (Upgrade: tcp): from the answer on, bytes flow both ways
    server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      this.seen.push({ method: req.method ?? '', url: req.url ?? '', body: '' });
      const up = net.connect(this.upstream, () => {
        const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        up.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      const close = (): void => {
        up.destroy();
        socket.destroy();
      };
      up.on('error', close);
      socket.on('error', close);
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.socket, resolve));
  }

  /** what was seen since the last call */
  take(): Seen[] {
    return this.seen.splice(0);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
