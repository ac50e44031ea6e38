// Sharper edges (issue 15): the long tail of CLI validation, each case run by docker and by
// berth on the same engine state, comparing exit code, stdout and stderr.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBerth, berth, both, docker, skipReason, uniqueName, type RunOptions } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/edges: skipped: ${reason}`);

/** the engine's own "Docker daemon" wording stays; only the program's name is berth's */
async function same(args: string[], o?: RunOptions): Promise<void> {
  const { docker: d, berth: b } = await both(args, o);
  expect({ args, ...b }).toEqual({ args, ...d });
}

describe.skipIf(reason !== '')('sharper edges match docker', () => {
  const running = uniqueName('edge-run');
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-edges-'));
    const r = await docker(['run', '-d', '--name', running, 'busybox', 'sh', '-c', 'echo out; echo err >&2; sleep 600']);
    if (r.code !== 0) throw new Error(`setup: ${r.stderr}`);
  });
  afterAll(async () => {
    await docker(['rm', '-f', running]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('rm --force of missing containers: reported on stderr, exit 0', async () => {
    for (const args of [
      ['rm', '-f', 'berth-edge-nosuch'],
      ['rm', '-f', 'berth-edge-nosuch', 'berth-edge-nosuch2', 'berth-edge-x/'],
      ['rm', 'berth-edge-nosuch'],
      ['rm', '-f', '/'],
      ['rm', '--force=false', 'berth-edge-nosuch'],
    ]) {
      await same(args);
    }
    // a removal that works beside one that is missing: the name printed, the miss reported
    const [d, b] = [uniqueName('edge-rm'), uniqueName('edge-rm')];
    for (const n of [d, b]) expect((await docker(['create', '--name', n, 'busybox'])).code).toBe(0);
    const rd = await docker(['rm', '-f', 'berth-edge-nosuch', d]);
    const rb = await berth(['rm', '-f', 'berth-edge-nosuch', b]);
    expect({ ...rb, stdout: rb.stdout.replace(b, 'NAME') }).toEqual({ ...rd, stdout: rd.stdout.replace(d, 'NAME') });
  });

  it('inspect --type with an empty or unknown type', async () => {
    for (const args of [
      ['inspect', '--type', '', 'busybox'],
      ['inspect', '--type=', 'busybox'],
      ['inspect', '--type', 'bogus', 'busybox'],
      ['inspect', '--type', 'image', 'busybox', '--format', '{{.Os}}'],
    ]) {
      await same(args);
    }
  });

  it('help topics: unknown, extra words, its own flags', async () => {
    for (const args of [
      ['help', 'berth-nosuch'],
      ['help', 'container', 'berth-nosuch'],
      ['help', 'berth-nosuch', 'ps'],
      ['help', 'ps', 'extra'],
      ['help', 'image', 'nosuch', 'extra'],
      ['help', 'container'],
      ['help', 'container', 'ls'],
      ['help', 'builder', 'build'],
      ['help', 'help'],
      ['help', 'help', 'x'],
      ['help', '-x'],
      ['help', '--all'],
      ['help', 'ps', '-a'],
      ['help', '--help'],
      ['help', '-h'],
      ['help', '-h', 'ps'],
      ['help', '--', '-x'],
      ['help', 'network', 'create'],
    ]) {
      await same(args);
    }
  });

  it('the help flag is a flag like any other: a bad flag after it wins, deprecation notices', async () => {
    for (const args of [
      ['ps', '-h', '--bogus'],
      ['ps', '--help', '--bogus'],
      ['ps', '--help=false', '-q', '--filter', 'name=berth-edge-none'],
      ['ps', '--help=x'],
      ['ps', '-h=false', '-q', '--filter', 'name=berth-edge-none'],
      ['ps', '-qh'],
      ['ps', '-hq'],
      ['image', 'ls', '-h'],
      ['image', '-h'],
      ['--help', 'ps'],
      ['--help', 'image'],
      ['--help', 'image', 'ls'],
      ['-h', 'ps'],
      ['-h', 'image'],
      ['-Dh', 'ps'],
      ['-v', '-h', 'ps'],
      ['--help', 'ps', '--bogus'],
      ['-h', '--bogus'],
      ['--help=x', 'ps'],
      ['--help', 'ps', 'extra'],
    ]) {
      await same(args);
    }
  });

  it('stop and restart: the deprecated --time, its notice and its conflict with --timeout', async () => {
    for (const args of [
      ['stop', '--time', '1', 'berth-edge-nosuch'],
      ['restart', '-t', '1', '--time', '2', 'berth-edge-nosuch'],
      ['stop', '--time=1', '--timeout', '1', 'berth-edge-nosuch'],
      ['restart', '--time', 'x', 'berth-edge-nosuch'],
      ['stop', '--time', '0', '--bogus', 'berth-edge-nosuch'],
      ['stop', '--time', '1'],
      ['stop', '--time', '1', '--help'],
      ['restart', '--time', '1', '--time', '2', 'berth-edge-nosuch'],
      ['restart', '--time', '0', running],
    ]) {
      await same(args);
    }
  });

  it('--log-level is checked before anything else', async () => {
    for (const args of [
      ['--log-level', 'bogus', 'ps'],
      ['--log-level', 'bogus', '--help'],
      ['--log-level', 'bogus', 'ps', '--help'],
      ['--log-level', 'bogus', 'help'],
      ['--log-level', 'bogus'],
      ['--log-level', 'bogus', '-v'],
      ['--log-level', 'bogus', '__complete', 'ps', '-'],
      ['--log-level', 'bogus', 'image'],
      ['--log-level', 'bogus', '-h', 'ps'],
      ['--log-level', 'TRACE', 'ps', '-q', '--filter', 'name=berth-edge-none'],
      ['--log-level=', 'ps', '-q', '--filter', 'name=berth-edge-none'],
      ['-l', 'Warning', 'ps', '-q', '--filter', 'name=berth-edge-none'],
    ]) {
      await same(args);
    }
  });

  it('logs --since/--until: durations, dates in each layout docker picks, unix times, Go-worded errors', async () => {
    // (a moment for the container's two lines to be logged)
    await new Promise((res) => setTimeout(res, 500));
    const values = [
      '0', '0s', '1', '-1', '1.5', '1e3', 'abc', '', '10m', '1h30m', '-10m', '24h', '1d', '0.0', '.5', '1.', '+5', ' 1',
      '9999999999999', '99999999999999999999', '1700000000.5', '1700000000.123456789123',
      '2024', '2024-01', '2024-01-01', '2030-01-01', '0001-01-01', '2024-13-01', '2024-02-30', '2024-1-1', '2024-01-01x',
      '2024-01-01T00:00:00', '2024-01-01T00:00:00Z', '2024-01-01 00:00:00', '2024-01-01T00:00:00.123456789Z',
      '2024-01-01T00:00:00+01:00', '2024-01-01T25', '2024-01-01T10:61', '2024-01-01T10:10:61', '2024-01-01T10:10:10.1234567890Z',
      '2024-01-01Z', '2024-01-01+01:00', '2024-01-01T10+25:00', '2024-01-01T10:10+01:61', 'T10', '2024-01-01T',
      '2024-01-01T1', '2024-01-01T1:2', '2024-01-01T10:10:10,5', '2024-01-01t10', '2024-01-01T10:10:10z', '2024-01-01T10:10:10.5',
    ];
    for (const v of values) {
      await same(['logs', '--since', v, running]);
      await same(['logs', '--until', v, running]);
    }
  });

  it('prune prompts before it contacts the engine (none answering here)', async () => {
    const none = { DOCKER_HOST: 'unix:///nonexistent/berth-edges.sock' };
    for (const input of ['n\n', 'y\n', '']) {
      for (const args of [
        ['volume', 'prune'],
        ['volume', 'prune', '-a'],
        ['volume', 'prune', '-a', '--filter', 'all=1'],
        ['container', 'prune'],
        ['image', 'prune', '-a'],
        ['network', 'prune'],
        ['system', 'prune', '--volumes'],
      ]) {
        await same(args, { env: none, input });
      }
    }
  });

  it('answers that are not the engine\'s JSON errors (an empty body, plain text, JSON without a message) as docker 28 words them', async () => {
    const modes: Record<string, (res: http.ServerResponse) => void> = {
      empty: (res) => res.writeHead(404).end(),
      text: (res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('  boom \n'),
      jsonNoMessage: (res) => res.writeHead(500, { 'Content-Type': 'application/json' }).end('{}'),
      jsonAsText: (res) => res.writeHead(400, { 'Content-Type': 'text/plain' }).end('{"message":"x"}'),
      reason: (res) => res.writeHead(418, 'Short And Stout').end(),
      json: (res) => res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"No such container: x"}'),
    };
    let mode = 'empty';
    const fake = http.createServer((req, res) => {
      if (req.url === '/_ping') return void res.writeHead(200, { 'Api-Version': '1.41' }).end('OK');
      modes[mode]!(res);
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const host = `tcp://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    try {
      for (const m of Object.keys(modes)) {
        mode = m;
        for (const args of [['ps'], ['inspect', '--type', 'container', 'x'], ['network', 'ls']]) await same(args, { env: { DOCKER_HOST: host } });
      }
    } finally {
      fake.closeAllConnections();
      await new Promise((r) => fake.close(r));
    }
  });

  it('secret and config create name an unreadable file as Go quotes it', async () => {
    const none = { DOCKER_HOST: 'unix:///nonexistent/berth-edges.sock' };
    for (const f of ['""', 'x"y', '/nonexistent/a b', '-']) {
      await same(['config', 'create', 'berth-edge', f], { env: none, input: '' });
      await same(['secret', 'create', 'berth-edge', f], { env: none, input: '' });
    }
  });

  it('--cidfile: made first, Go-worded when it cannot be, removed when no container is made', async () => {
    const existing = join(dir, 'exists');
    writeFileSync(existing, 'x');
    for (const args of [
      ['run', '--cidfile', join(dir, 'missing', 'cid'), 'busybox', 'true'],
      ['create', '--cidfile', dir, 'busybox'],
      ['run', '--cidfile', existing, 'busybox', 'true'],
    ]) {
      await same(args);
    }
    // a bad image: the file each made is gone again; a good run: the ID written
    const pair = async (args: (f: string) => string[]): Promise<{ d: string; b: string }> => {
      const d = join(dir, `d-${uniqueName('cid')}`);
      const b = join(dir, `b-${uniqueName('cid')}`);
      const rd = await docker(args(d));
      const rb = await berth(args(b));
      expect({ ...rb, stderr: rb.stderr.replaceAll(b, 'F') }).toEqual({ code: rd.code, stdout: rd.stdout, stderr: asBerth(rd.stderr).replaceAll(d, 'F') });
      return { d, b };
    };
    const bad = await pair((f) => ['run', '--cidfile', f, 'NOSUCH', 'true']);
    expect([existsSync(bad.d), existsSync(bad.b)]).toEqual([false, false]);
    const good = await pair((f) => ['run', '--rm', '--cidfile', f, 'busybox', 'true']);
    expect(readFileSync(good.b, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(good.d, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
  });
});
