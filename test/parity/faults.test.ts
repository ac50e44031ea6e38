// Faults (issue 15): each streaming command through a line that drops or stalls (FaultProxy),
// by docker and by berth against the same engine state: the same exit code and error, and no
// half-written file where docker leaves none.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, HOST, ROOT, skipReason, uniqueName, type Result } from './harness.js';

const OPEN = process.env.BERTH_REGISTRY_OPEN ?? '127.0.0.1:5001';
import { FaultProxy, type Fault } from './fault-proxy.js';

const reason = skipReason();
if (reason) console.warn(`parity/faults: skipped: ${reason}`);

describe.skipIf(reason !== '' || !HOST.startsWith('unix://'))('streaming commands on a failing line', () => {
  const proxy = new FaultProxy(HOST.slice('unix://'.length));
  const chatty = uniqueName('fault-logs');
  let dir = '';
  beforeAll(async () => {
    await proxy.start();
    dir = mkdtempSync(join(tmpdir(), 'berth-faults-'));
    const r = await docker(['run', '-d', '--name', chatty, 'busybox', 'sh', '-c', 'seq 1 20000; sleep 600']);
    if (r.code !== 0) throw new Error(r.stderr);
    await new Promise((res) => setTimeout(res, 1000));
  });
  afterAll(async () => {
    await docker(['rm', '-f', chatty]);
    await proxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function pair(fault: Fault, args: (who: 'd' | 'b') => string[], timeoutMs = 20_000): Promise<{ d: Result; b: Result }> {
    const o = { env: { DOCKER_HOST: proxy.host }, timeoutMs };
    proxy.fault = fault;
    const d = await docker(args('d'), o);
    proxy.fault = fault;
    const b = await berth(args('b'), o);
    proxy.fault = undefined;
    // the proxy's socket and the engine's temporary names differ from run to run
    // (a broken upload fails on a write or on a read, as the timing falls, in either CLI: Go's
    // texts for both are kept, and told apart no further)
    const norm = (t: string): string =>
      t
        .replace(/berth-fault-[A-Za-z0-9]+/g, 'berth-fault-X')
        .replace(/docker-import-\d+/g, 'docker-import-N')
        .replace(/(write unix @->\S+: write: broken pipe|read unix @->\S+: read: connection reset by peer|write unix @->\S+: use of closed network connection)$/gm, '<the connection broke>')
        // docker also logs its context tar writer's failure (logrus lines, berth has none)
        .replace(/^time="[^"]+" level=error msg="Can't (add file \S+ to tar|close tar writer): io: read\/write on closed pipe"\n/gm, '');
    return { d: { code: d.code, stdout: norm(d.stdout), stderr: norm(asBerth(d.stderr)) }, b: { code: b.code, stdout: norm(b.stdout), stderr: norm(b.stderr) } };
  }

  async function same(fault: Fault, args: string[], o: { stdout?: boolean; timeoutMs?: number } = {}): Promise<Result> {
    const { d, b } = await pair(fault, () => args, o.timeoutMs);
    const view = (r: Result): Partial<Result> => (o.stdout === false ? { code: r.code, stderr: r.stderr } : r);
    expect({ args, ...view(b) }).toEqual({ args, ...view(d) });
    // a failing line is a failure, never a hang nor a success
    expect(b.code).toBe(1);
    return b;
  }

  it('logs, logs -f and events cut off mid-answer', async () => {
    await same({ route: /\/logs/, mode: 'drop', after: 3000 }, ['logs', chatty]);
    await same({ route: /\/logs/, mode: 'drop', after: 3000 }, ['logs', '-f', chatty]);
    await same({ route: /\/logs/, mode: 'drop', after: 1e12, afterMs: 1500 }, ['logs', '-f', '--tail', '3', chatty]);
    await same({ route: /\/events/, mode: 'drop', after: 300 }, ['events', '--since', '10m'], { stdout: false });
    await same({ route: /\/events/, mode: 'drop', after: 1e12, afterMs: 1000 }, ['events', '--filter', 'container=berth-fault-none']);
  });

  it('attach cut off while the container is quiet', async () => {
    // (the wait request beside the stream goes down with it: else both wait on for the exit)
    await same({ route: /\/containers\/[^/]+\/(attach|wait)/, mode: 'drop', after: 1e12, afterMs: 1000 }, ['attach', '--no-stdin', chatty]);
  });

  it('save: the error, and no half-written archive left by berth', async () => {
    const { d, b } = await pair({ route: /\/images\/get/, mode: 'drop', after: 100_000 }, (w) => ['save', '-o', join(dir, `${w}.tar`), 'busybox']);
    expect(b).toEqual(d);
    expect(b.code).toBe(1);
    // (docker leaves the part it wrote; berth writes beside and renames only a whole archive)
    expect(existsSync(join(dir, 'b.tar'))).toBe(false);
    await same({ route: /\/images\/get/, mode: 'drop', after: 100_000 }, ['save', 'busybox'], { stdout: false });
  });

  it('load and import: the upload cut off', async () => {
    const tar = join(dir, 'busybox.tar');
    expect((await docker(['save', '-o', tar, 'busybox'])).code).toBe(0);
    await same({ route: /\/images\/load/, mode: 'drop', after: 0, requestAfter: 50_000 }, ['load', '-i', tar]);
    await same({ route: /\/images\/create/, mode: 'drop', after: 0, requestAfter: 50_000 }, ['import', tar, 'berth-fault-import']);
  });

  it('cp both ways: the error, and no half-written file left by berth', async () => {
    const { d, b } = await pair({ route: /\/archive/, mode: 'drop', after: 100_000 }, (w) => ['cp', `${chatty}:/bin/busybox`, join(dir, `${w}.bin`)]);
    expect(b).toEqual(d);
    expect(b.code).toBe(1);
    expect(existsSync(join(dir, 'b.bin'))).toBe(false);
    await same({ route: /\/containers\/.*\/archive/, mode: 'drop', after: 0, requestAfter: 3000 }, ['cp', join(ROOT, 'package-lock.json'), `${chatty}:/tmp/`]);
  });

  it('pull and push cut off mid-progress', async () => {
    expect((await docker(['tag', 'busybox', `${OPEN}/berth-fault:1`])).code).toBe(0);
    expect((await docker(['push', `${OPEN}/berth-fault:1`])).code).toBe(0);
    await same({ route: /\/images\/create/, mode: 'drop', after: 300 }, ['pull', `${OPEN}/berth-fault:1`]);
    await same({ route: /\/push/, mode: 'drop', after: 300 }, ['push', `${OPEN}/berth-fault:1`]);
    await docker(['rmi', `${OPEN}/berth-fault:1`]);
  });

  it('build: the answer cut off, the context upload cut off', async () => {
    const ctx = join(dir, 'ctx');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\nRUN seq 1 3000\n');
    writeFileSync(join(ctx, 'big'), Buffer.alloc(200_000, 7));
    // (--no-cache: a cached step would answer in fewer bytes than the cut)
    await same({ route: /\/build/, mode: 'drop', after: 1000 }, ['build', '--no-cache', '-t', 'berth-fault-b', ctx], { stdout: false });
    // (how much of "Sending build context" each prints before the line breaks is timing)
    await same({ route: /\/build/, mode: 'drop', after: 0, requestAfter: 50_000 }, ['build', '--no-cache', '-t', 'berth-fault-b', ctx], { stdout: false });
  });

  it('stats --no-stream cut off', async () => {
    // (a stream that breaks later leaves docker's table showing "--" for good, berth's too)
    for (const after of [0, 150]) {
      await same({ route: /\/stats/, mode: 'drop', after }, ['stats', '--no-stream', chatty], { timeoutMs: 30_000 });
    }
    // cut inside the sample: docker waits on for good; berth reports it
    proxy.fault = { route: /\/stats/, mode: 'drop', after: 400 };
    const b = await berth(['stats', '--no-stream', chatty], { env: { DOCKER_HOST: proxy.host }, timeoutMs: 30_000 });
    proxy.fault = undefined;
    expect(b).toEqual({ code: 1, stdout: '', stderr: 'unexpected EOF\n' });
  });
});
