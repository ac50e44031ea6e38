// `stats` / `container stats` against the reference docker CLI.
//
// Two engines: a stand-in that answers with samples recorded from a real engine (and variants
// of them), where every figure is fixed and the outputs must be byte-identical; and the real
// engine, where CPU and network figures move between two samples, so running containers are
// compared on their stable parts (names, IDs, PIDs of a sleeping container, the memory limit,
// columns and headers) and a container that never ran byte for byte.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, DOCKER, HOST, ROOT, asBerth, berth, both, docker, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/stats: skipped: ${reason}`);

const FIXTURES = join(ROOT, 'test', 'unit', 'stats', 'fixtures');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

const same = (b: Result, d: Result): void => {
  expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: d.stdout, stderr: d.stderr });
};

/** an engine that answers /_ping and /containers/{name}/stats from recorded samples */
class StandIn {
  readonly dir = mkdtempSync(join(tmpdir(), 'berth-stats-'));
  readonly sock = join(this.dir, 'engine.sock');
  readonly requests: string[] = [];
  private server?: http.Server;

  constructor(
    private readonly os: string,
    private readonly samples: Record<string, unknown>,
  ) {}

  get host(): string {
    return `unix://${this.sock}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      this.requests.push(`${req.method} ${req.url}`);
      const headers = { 'Api-Version': '1.41', Ostype: this.os, Server: `Docker/20.10.24 (${this.os})`, 'Content-Type': 'application/json' };
      if (req.url?.endsWith('/_ping')) {
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : 'OK');
        return;
      }
      const m = /^\/v[\d.]+\/containers\/(.*)\/stats\?stream=0$/.exec(req.url ?? '');
      const name = m ? decodeURIComponent(m[1]!) : '';
      const answer = this.samples[name];
      if (answer === undefined) {
        res.writeHead(404, headers);
        res.end(JSON.stringify({ message: `No such container: ${name}` }));
      } else if (answer === 'empty') {
        res.writeHead(200, headers);
        res.end();
      } else if (answer === 'broken') {
        res.writeHead(500, headers);
        res.end(JSON.stringify({ message: 'cgroup went away' }));
      } else if (answer === 'slow') {
        res.writeHead(200, headers);
        res.flushHeaders();
        setTimeout(() => res.end(JSON.stringify(this.samples.busy)), 2600);
      } else {
        res.writeHead(200, headers);
        res.end(`${JSON.stringify(answer)}\n`);
      }
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.sock, resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe.skipIf(reason !== '')('stats on recorded samples matches docker byte for byte', () => {
  const busy = fixture('cgroup1-busy.json');
  const linux = new StandIn('linux', {
    busy,
    idle: fixture('cgroup1-idle.json'),
    created: fixture('created.json'),
    // cgroup v2 names its counters without total_
    v2: { ...busy, name: '/v2', memory_stats: { usage: 10_000_000, limit: 20_000_000, stats: { anon: 5_000_000, file: 5_000_000, inactive_file: 4_000_000 } } },
    // the recording engine has no block device: block I/O as a cgroup v1 engine reports it
    blk: {
      ...busy,
      name: '/blk',
      blkio_stats: {
        io_service_bytes_recursive: [
          { major: 8, minor: 0, op: 'Read', value: 1_000_000 },
          { major: 8, minor: 0, op: 'Write', value: 2_500 },
          { major: 8, minor: 0, op: 'Sync', value: 7 },
          { major: 8, minor: 0, op: 'Total', value: 9 },
          { major: 8, minor: 16, op: 'read', value: 24_000 },
          { major: 8, minor: 16, op: 'write', value: 500 },
          { major: 8, minor: 16, op: '', value: 1 },
        ],
      },
    },
    nets: { ...busy, name: '/nets', networks: { eth0: { rx_bytes: 1500, tx_bytes: 10 }, eth1: { rx_bytes: 2_000_000_000, tx_bytes: 999_999 } } },
    // no online_cpus: the per-CPU list counts; the same usage on more CPUs
    percpu: { ...busy, name: '/p', cpu_stats: { ...(busy.cpu_stats as object), online_cpus: 0, cpu_usage: { total_usage: 1583155256, percpu_usage: [1, 2, 3, 4] } } },
    // a name of one character has nothing after the slash
    short: { ...busy, name: '/' },
    empty: 'empty',
    broken: 'broken',
    slow: 'slow',
  });
  const windows = new StandIn('windows', {
    win: {
      read: '2024-01-01T00:00:01.5Z',
      preread: '2024-01-01T00:00:00.5Z',
      num_procs: 4,
      cpu_stats: { cpu_usage: { total_usage: 30_000_000 } },
      precpu_stats: { cpu_usage: { total_usage: 10_000_000 } },
      memory_stats: { privateworkingset: 50_000_000 },
      storage_stats: { read_size_bytes: 1000, write_size_bytes: 2000 },
      networks: { eth0: { rx_bytes: 5, tx_bytes: 6 } },
      name: '/win',
      id: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
    },
  });

  beforeAll(async () => {
    await Promise.all([linux.start(), windows.start()]);
  });
  afterAll(async () => {
    await Promise.all([linux.stop(), windows.stop()]);
  });

  const all = ['busy', 'idle', 'created', 'v2', 'blk', 'nets', 'percpu', 'short'];
  const cases: string[][] = [
    ['stats', '--no-stream', ...all],
    ['stats', '--no-stream', '--no-trunc', ...all],
    ['stats', '--no-stream', '--format', 'json', ...all],
    ['stats', '--no-stream', '--format', '{{.}}', ...all],
    ['stats', '--no-stream', '--format', 'table {{.Container}}\t{{.Name}}\t{{.MemUsage}}\t{{.MemPerc}}', ...all],
    ['stats', '--no-stream', 'nosuch', 'busy', 'broken'],
    ['stats', '--no-stream', 'empty'],
  ];
  for (const args of cases) {
    it(args.join(' '), async () => {
      const { docker: d, berth: b } = await both(args, { env: { DOCKER_HOST: linux.host } });
      same(b, d);
    });
  }

  it('a sample that takes more than 2 s: "timeout waiting for stats"', async () => {
    const { docker: d, berth: b } = await both(['stats', '--no-stream', 'slow', 'busy'], { env: { DOCKER_HOST: linux.host } });
    same(b, d);
  });

  it('a Windows daemon: its own table and columns', async () => {
    for (const args of [['stats', '--no-stream', 'win'], ['stats', '--no-stream', '--format', 'json', 'win'], ['stats', '--no-stream', '--format', '{{.}}', 'win']]) {
      const { docker: d, berth: b } = await both(args, { env: { DOCKER_HOST: windows.host } });
      same(b, d);
    }
  });

  it('the same requests: ping, then one stats?stream=0 per container named', async () => {
    linux.requests.length = 0;
    await docker(['stats', '--no-stream', 'busy', 'idle'], { env: { DOCKER_HOST: linux.host } });
    const seenByDocker = linux.requests.splice(0).filter((r) => !r.endsWith('/_ping')).sort();
    await berth(['stats', '--no-stream', 'busy', 'idle'], { env: { DOCKER_HOST: linux.host } });
    const seenByBerth = linux.requests.splice(0).filter((r) => !r.endsWith('/_ping')).sort();
    expect(seenByBerth).toEqual(seenByDocker);
  });
});

/** the complete redraws of a streamed output (each ends with erase-below) */
function frames(out: string): string[] {
  const parts = out.split('\x1b[J');
  parts.pop();
  return parts;
}

/** the table inside one redraw, checking the redraw is docker's shape around it */
function tableOf(frame: string): string {
  expect(frame.startsWith('\x1b[H')).toBe(true);
  const body = frame.slice(3);
  const second = body.indexOf('\x1b[H');
  const table = body.slice(0, second);
  const erasing = body.slice(second);
  expect(erasing).toBe(`${`\x1b[H${table}`.split('\n').map((l) => `${l} \x1b[K\n`).join('')}`);
  return table;
}

/** the cells of a table's lines (columns are 3 spaces or more apart) */
const cellsOf = (table: string): string[][] =>
  table
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(/ {3,}/));

interface Running {
  /** resolves at the first complete redraw */
  firstFrame: Promise<void>;
  done: Promise<Result & { signal: NodeJS.Signals | null }>;
}

/**
 * A command run until `ms`, then sent `signal` (SIGKILL: docker 28 outlives SIGINT with
 * names). With `afterFirstFrame`, `ms` counts from its first redraw instead.
 */
function start(bin: string, args: string[], ms: number, signal: NodeJS.Signals = 'SIGKILL', afterFirstFrame = false): Running {
  let framed!: () => void;
  const firstFrame = new Promise<void>((resolve) => (framed = resolve));
  const done = new Promise<Result & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, DOCKER_HOST: HOST, DOCKER_CLI_HINTS: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let t: NodeJS.Timeout | undefined;
    let seenFrame = false;
    child.stdout.on('data', (c: Buffer) => {
      out.push(c);
      if (seenFrame || !Buffer.concat(out).includes('\x1b[J')) return;
      seenFrame = true;
      framed();
      if (afterFirstFrame) t = setTimeout(() => child.kill(signal), ms);
    });
    child.stderr.on('data', (c: Buffer) => err.push(c));
    if (!afterFirstFrame) t = setTimeout(() => child.kill(signal), ms);
    const hard = setTimeout(() => child.kill('SIGKILL'), ms + 15_000);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(t);
      clearTimeout(hard);
      framed();
      resolve({ code, signal: sig, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
  return { firstFrame, done };
}

const runFor = (bin: string, args: string[], ms: number, signal: NodeJS.Signals = 'SIGKILL', afterFirstFrame = false): Running['done'] =>
  start(bin, args, ms, signal, afterFirstFrame).done;

describe.skipIf(reason !== '')('stats on the engine matches docker', () => {
  const tag = uniqueName('stats');
  const label = `berth.test=${tag}`;
  const r1 = `${tag}-r1`;
  const r2 = `${tag}-r2`;
  const c1 = `${tag}-c1`;
  let r1id = '';
  let configDir = '';

  beforeAll(async () => {
    await Promise.all([
      docker(['run', '-d', '--label', label, '--name', r1, 'busybox', 'sleep', '600']),
      docker(['run', '-d', '--label', label, '--name', r2, '-m', '64m', 'busybox', 'sleep', '600']),
      docker(['create', '--label', label, '--name', c1, 'busybox', 'true']),
    ]);
    r1id = (await docker(['inspect', '-f', '{{.Id}}', r1])).stdout.trim();
    configDir = mkdtempSync(join(tmpdir(), 'berth-stats-config-'));
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ statsFormat: 'table {{.Name}}\t{{.PIDs}}\t{{.Container}}' }));
  }, 60_000);

  afterAll(async () => {
    await docker(['rm', '-f', r1, r2, c1, `${tag}-e1`, `${tag}-e2`]);
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  // a container that never ran has fixed figures: byte for byte
  const exact = (): string[][] => [
    ['stats', '--no-stream', c1],
    ['container', 'stats', '--no-stream', c1],
    ['stats', '--no-stream', '--no-trunc', c1],
    ['stats', '--no-stream', c1, c1],
    ['stats', '--no-stream', '-a', '--format', '{{.Name}}', c1],
    ['stats', '--no-stream', '--format', 'json', c1],
    ['stats', '--no-stream', '--format', '{{json .}}', c1],
    ['stats', '--no-stream', '--format', '{{.}}', c1],
    ['stats', '--no-stream', '--format', 'table {{.}}', c1],
    ['stats', '--no-stream', '--format', ' json', c1],
    ['stats', '--no-stream', '--format', 'raw', c1],
    ['stats', '--no-stream', '--format', 'table', c1],
    ['stats', '--no-stream', '--format', 'table {{.Header}}\t{{.FullHeader}}', c1],
    ['stats', '--no-stream', '--format', '{{.HeaderContext}} {{.CPUPerc | printf "%T"}} {{.Label "x"}}', c1],
    ['stats', '--no-stream', '--format', 'table {{.Label "a.b-c_d"}}\t{{.Name}}', c1],
    ['--config', 'CONFIG', 'stats', '--no-stream', c1],
    ['--config', 'CONFIG', 'stats', '--no-stream', '--format', '{{.ID}}', c1],
    // errors
    ['stats', '--no-stream', 'nosuch-berth-stats'],
    ['stats', '--no-stream', 'nosuch-berth-a', c1, 'nosuch-berth-b'],
    ['stats', '--no-stream', ''],
    ['stats', '--no-stream', ' '],
    ['stats', '--no-stream', 'a/b', '%zz', 'x?y#z'],
    ['stats', '--no-stream', '--format', '{{.Foo}}', c1],
    ['stats', '--no-stream', '--format', '{{.s}}', c1],
    ['stats', '--no-stream', '--format', '{{.ID', c1],
    ['stats', '--format', '{{.Foo}}', c1],
    ['stats', '--foo'],
    ['stats', '--format'],
    ['stats', '--no-stream=maybe'],
  ];
  it('a container that never ran, formats and errors: byte for byte', async () => {
    const cases = exact();
    // a few at a time: each waits on the engine more than on the CPU
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async (args) => {
          const argv = args.map((a) => (a === 'CONFIG' ? configDir : a));
          const { docker: d, berth: b } = await both(argv);
          expect({ args, code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ args, code: d.code, stdout: d.stdout, stderr: d.stderr });
        }),
      );
    }
  });

  it('running containers: the same rows, names, IDs, PIDs and memory limits', async () => {
    const named = [r1, r2, c1, r1id.slice(0, 10)];
    const runs = await Promise.all([
      both(['stats', '--no-stream', ...named]),
      both(['stats', '--no-stream', '--no-trunc', '--format', '{{.Container}}|{{.Name}}|{{.ID}}|{{.PIDs}}|{{.MemUsage}}', ...named]),
      both(['stats', '--no-stream', '--format', 'json', ...named]),
      both(['--config', configDir, 'stats', '--no-stream', r1, r2]),
    ]);
    for (const { docker: d, berth: b } of runs) {
      expect({ code: b.code, stderr: b.stderr }).toEqual({ code: d.code, stderr: d.stderr });
    }
    // the table: headers, row count, column count, and the stable columns
    const [dt, bt] = [cellsOf(runs[0]!.docker.stdout), cellsOf(runs[0]!.berth.stdout)];
    expect(bt[0]).toEqual(dt[0]);
    expect(bt.length).toBe(5);
    expect(bt.map((r) => r.length)).toEqual(dt.map((r) => r.length));
    const stable = (rows: string[][]): string[][] => rows.map((r) => [r[0]!, r[1]!, r[3]!.split(' / ')[1]!, r[7]!]);
    expect(stable(bt)).toEqual(stable(dt));
    expect(stable(bt).slice(1)).toEqual([
      [r1id.slice(0, 12), r1, expect.any(String), '1'],
      [expect.any(String), r2, '64MiB', '1'],
      [expect.any(String), c1, '0B', '0'],
      [r1id.slice(0, 12), r1, expect.any(String), '1'],
    ]);
    // stable fields of a template, memory limit included
    const fields = (out: string): string[] => out.split('\n').map((l) => l.replace(/\|[^|]* \/ /, '|'));
    expect(fields(runs[1]!.berth.stdout)).toEqual(fields(runs[1]!.docker.stdout));
    expect(runs[1]!.berth.stdout.split('\n')[0]).toMatch(new RegExp(`^${r1}\\|${r1}\\|${r1id}\\|1\\|`));
    // json: the same keys, the same stable values
    const json = (out: string): Record<string, string>[] =>
      out
        .trim()
        .split('\n')
        .map((l) => {
          const o = JSON.parse(l) as Record<string, string>;
          return { ...o, CPUPerc: 'x', MemPerc: 'x', NetIO: 'x', BlockIO: 'x', MemUsage: o.MemUsage!.split(' / ')[1]! };
        });
    expect(json(runs[2]!.berth.stdout)).toEqual(json(runs[2]!.docker.stdout));
    expect(Object.keys(JSON.parse(runs[2]!.berth.stdout.split('\n')[0]!) as object)).toEqual(Object.keys(JSON.parse(runs[2]!.docker.stdout.split('\n')[0]!) as object));
    // statsFormat from config.json, stable fields only
    expect(runs[3]!.berth.stdout).toBe(runs[3]!.docker.stdout);
    expect(runs[3]!.berth.stdout).toMatch(new RegExp(`\\n${r2} +1 +${r2}\\n`));
  });

  it('streaming piped: docker\'s redraws, byte for byte on stable columns', async () => {
    // the engine answers a container that never ran after about a second
    const stable = ['stats', '--format', 'table {{.Name}}\t{{.ID}}\t{{.PIDs}}', r1, c1];
    const fixed = ['stats', c1];
    const live = ['stats', r1, r2];
    const [ds, bs, df, bf, dl, bl] = await Promise.all([
      runFor(DOCKER, stable, 3000),
      runFor(BERTH, stable, 3000),
      runFor(DOCKER, fixed, 3000),
      runFor(BERTH, fixed, 3000),
      runFor(DOCKER, live, 3000),
      runFor(BERTH, live, 3000),
    ]);
    for (const [d, b] of [[ds, bs], [df, bf]] as const) {
      const [fd, fb] = [frames(d.stdout), frames(b.stdout)];
      expect({ docker: fd.length >= 1, berth: fb.length >= 1, stderr: [d.stderr, b.stderr] }).toEqual({ docker: true, berth: true, stderr: [d.stderr, b.stderr] });
      // every redraw of the same figures is the same bytes, in both
      for (const f of [...fd, ...fb]) expect(f).toBe(fd[0]);
      tableOf(fd[0]!);
      expect(b.stderr).toBe(asBerth(d.stderr));
    }
    // live figures: the same redraw shape, headers, rows and stable columns
    const [fd, fb] = [frames(dl.stdout), frames(bl.stdout)];
    expect(fb.length).toBeGreaterThanOrEqual(2);
    const key = (t: string): string[][] => cellsOf(t).map((r) => [r[0]!, r[1]!, r[7] ?? '', String(r.length)]);
    const want = key(tableOf(fd[0]!));
    for (const f of fb) expect(key(tableOf(f))).toEqual(want);
    expect(want.length).toBe(3);
  });

  it('no containers named: rows follow starts and deaths (and creations with --all)', async () => {
    const e1 = `${tag}-e1`;
    const e2 = `${tag}-e2`;
    const fmt = ['--format', '{{.Name}}'];
    const runs = [
      start(DOCKER, ['stats', ...fmt], 5000, 'SIGKILL', true),
      start(BERTH, ['stats', ...fmt], 5000, 'SIGKILL', true),
      start(DOCKER, ['stats', '-a', ...fmt], 5000, 'SIGKILL', true),
      start(BERTH, ['stats', '-a', ...fmt], 5000, 'SIGKILL', true),
    ];
    // once all four drew the containers there were
    await Promise.all(runs.map((r) => r.firstFrame));
    await Promise.all([docker(['run', '-d', '--label', label, '--name', e1, 'busybox', 'sleep', '2']), docker(['create', '--label', label, '--name', e2, 'busybox', 'true'])]);
    const [d, b, da, ba] = await Promise.all(runs.map((r) => r.done));
    const lines = (f: string): string[] => tableOf(f).split('\n');
    /** for each name: whether the first redraw had it, any had it, the last had it */
    const seen = (out: string): Record<string, string> => {
      const fs = frames(out).map(lines);
      const at = (name: string): string => {
        if (fs.length === 0) return 'no redraw';
        return [fs[0]!.includes(name) ? 'first' : '', fs.some((l) => l.includes(name)) ? 'some' : '', fs[fs.length - 1]!.includes(name) ? 'last' : ''].join(' ');
      };
      return { r1: at(r1), c1: at(c1), e1: at(e1), e2: at(e2) };
    };
    // plain: running containers, e1 from its start to its death; --all: e1 and e2 from their creation on
    const plain = { r1: 'first some last', c1: '  ', e1: ' some ', e2: '  ' };
    const withAll = { r1: 'first some last', c1: 'first some last', e1: ' some last', e2: ' some last' };
    expect({ docker: seen(d.stdout), berth: seen(b.stdout), dockerAll: seen(da.stdout), berthAll: seen(ba.stdout) }).toEqual({
      docker: plain,
      berth: plain,
      dockerAll: withAll,
      berthAll: withAll,
    });
  }, 30_000);

  // docker ends on SIGINT only once it draws: before every row had its first sample, it waits
  // for ever (a collector cut off by the signal retries without end); berth ends at once
  it('no containers named: SIGINT ends it as docker (128+2, nothing on stderr)', async () => {
    const args = ['stats', '--format', '{{.Name}}'];
    const [d, b] = await Promise.all([runFor(DOCKER, args, 300, 'SIGINT', true), runFor(BERTH, args, 300, 'SIGINT', true)]);
    expect({ code: b.code, signal: b.signal, stderr: b.stderr }).toEqual({ code: d.code, signal: d.signal, stderr: d.stderr });
    expect(b.code).toBe(130);
  });

  it('containers named: berth ends on the first SIGINT (docker 28 needs three: docker/cli#6090)', async () => {
    const b = await runFor(BERTH, ['stats', '--format', '{{.Name}}', c1], 300, 'SIGINT', true);
    expect({ code: b.code, stderr: b.stderr }).toEqual({ code: 130, stderr: '' });
    expect(frames(b.stdout).length).toBeGreaterThanOrEqual(1);
  });
});
