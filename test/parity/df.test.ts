// `system df` against the reference docker CLI. df reports the whole engine, which the suites
// running beside this one keep changing, and the engine lists images of the same second in no
// fixed order: so both CLIs talk to the engine through a snapshot proxy that forwards every
// request but answers GET /system/df with one recorded answer of the real engine. Both see
// the same engine state; nothing is made up.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, HOST, settled, skipReason, uniqueName } from './harness.js';

const reason = skipReason() || (HOST.startsWith('unix://') ? '' : 'the snapshot proxy needs a unix-socket engine');
if (reason) console.warn(`parity/df: skipped: ${reason}`);

class SnapshotProxy {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'berth-df-'));
  readonly sock = path.join(this.dir, 'engine.sock');
  private server?: http.Server;
  private snapshot?: { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

  constructor(private readonly engineSock: string) {}

  start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const snap = req.method === 'GET' && /^(\/v[\d.]+)?\/system\/df(\?|$)/.test(req.url ?? '');
      if (snap && this.snapshot) {
        res.writeHead(this.snapshot.status, this.snapshot.headers);
        res.end(this.snapshot.body);
        return;
      }
      const up = http.request({ socketPath: this.engineSock, method: req.method, path: req.url, headers: req.headers }, (ur) => {
        if (!snap) {
          res.writeHead(ur.statusCode ?? 502, ur.headers);
          ur.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        ur.on('data', (c: Buffer) => chunks.push(c));
        ur.on('end', () => {
          this.snapshot = { status: ur.statusCode ?? 502, headers: ur.headers, body: Buffer.concat(chunks) };
          res.writeHead(this.snapshot.status, this.snapshot.headers);
          res.end(this.snapshot.body);
        });
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    });
    return new Promise((resolve) => this.server!.listen(this.sock, resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe.skipIf(reason !== '')('system df matches docker', () => {
  const proxy = new SnapshotProxy(HOST.slice('unix://'.length));
  const tag = uniqueName('df');
  const env = (): Record<string, string> => ({ DOCKER_HOST: `unix://${proxy.sock}` });

  beforeAll(async () => {
    // something of each kind in use and not: a running container with a volume, an exited
    // one with a written file, an image of its own
    await docker(['volume', 'create', `${tag}-vol`]);
    await docker(['run', '-d', '--name', `${tag}-run`, '-v', `${tag}-vol:/v`, 'busybox', 'sleep', '600']);
    await docker(['run', '--name', `${tag}-exited`, 'busybox', 'sh', '-c', 'echo data > /file']);
    await docker(['commit', `${tag}-exited`, `${tag}-img:1`]);
    await proxy.start();
  }, 60_000);

  afterAll(async () => {
    await proxy.stop();
    await docker(['rm', '-f', `${tag}-run`, `${tag}-exited`]);
    await docker(['rmi', `${tag}-img:1`]);
    await docker(['volume', 'rm', `${tag}-vol`]);
  });

  const cases: string[][] = [
    ['system', 'df'],
    ['system', 'df', '-v'],
    ['system', 'df', '--verbose'],
    ['system', 'df', '--format', 'json'],
    ['system', 'df', '--format', 'raw'],
    ['system', 'df', '-v', '--format', 'raw'],
    ['system', 'df', '-v', '--format', 'json'],
    ['system', 'df', '--format', '{{json .}}'],
    ['system', 'df', '--format', '{{.Type}}: {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}'],
    ['system', 'df', '--format', 'table {{.Type}}\t{{.Reclaimable}}'],
    ['system', 'df', '--format', 'table'],
    ['system', 'df', '-v', '--format', '{{range .Images}}{{.Repository}}:{{.Tag}} {{.Containers}} {{.UniqueSize}}\n{{end}}'],
    ['system', 'df', '-v', '--format', '{{range .Containers}}{{.Names}} {{.Size}} {{.LocalVolumes}}\n{{end}}'],
    ['system', 'df', '-v', '--format', '{{range .Volumes}}{{.Name}} {{.Links}} {{.Size}}\n{{end}}'],
    ['system', 'df', '-v', '--format', '{{len .BuildCache}} {{len .Images}}'],
    ['system', 'df', '-v', '--format', 'table {{len .Volumes}}'],
    ['system', 'df', '-v', '--format', '{{.Type}}'],
    ['system', 'df', '--format', '{{.Nope}}'],
    ['system', 'df', '--format', '{{'],
    ['system', 'df', '-v', '--format', '{{'],
    ['system', 'df', 'extra'],
    ['system', 'df', '--nope'],
  ];
  for (const args of cases) {
    it(args.slice(2).join(' ') || '(no flags)', async () => {
      const { docker: d, berth: b } = await settled(args, { env: env() });
      expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: d.stdout, stderr: d.stderr });
    });
  }

  it('the snapshot holds this suite\'s objects (the comparisons above see real usage)', async () => {
    const { docker: d } = await settled(['system', 'df', '-v', '--format', '{{range .Volumes}}{{.Name}} {{.Links}}\n{{end}}'], { env: env() });
    expect(d.stdout).toContain(`${tag}-vol 1`);
  });
});
