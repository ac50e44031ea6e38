// What showing a pull's progress costs in CPU, on a synthetic stream of many layers in the
// engine's message shapes (test/unit/ui/streams.ts; 60 layers, ~2,700 messages by default):
//
//  1. in process, the renderers alone: docker's plain lines (not a terminal), docker's
//     terminal display (cursor moves, jsonstream.ts), and berth's Ink view, the stream paced
//     as an engine paces it (1 message per --gap ms) so the view redraws as it would live;
//  2. end to end, `berth pull` against `docker pull` through a fake engine serving the same
//     paced stream, output to a pipe and to a pseudo-terminal (script(1)), the client's CPU
//     (user+system, from the shell's `times`) and, apart, what the same command costs on a
//     one-message stream (start-up, request), so the rendering's share shows.
//
//   node bench/pull-progress.mjs [--layers N] [--gap MS] [--rounds R] [--only inproc|e2e]
//
// Needs a built berth (npm run build) for the end-to-end part and the docker CLI
// (BERTH_REFERENCE_DOCKER, default /usr/local/bin/docker); no engine (it is faked).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BERTH = join(ROOT, 'bin', 'berth');
const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const LAYERS = Number(arg('layers', '60'));
const GAP = Number(arg('gap', '1'));
const ROUNDS = Number(arg('rounds', '3'));
const ONLY = arg('only', '');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

// the TypeScript sources, bundled once for this run (ink and react stay packages; the bundle
// sits under node_modules so that node finds them)
const cacheDir = join(ROOT, 'node_modules', '.cache', 'berth-bench');
mkdirSync(cacheDir, { recursive: true });
const entry = join(cacheDir, 'pull-progress-entry.ts');
const { writeFileSync } = await import('node:fs');
writeFileSync(
  entry,
  [
    `export { renderProgress } from ${JSON.stringify(join(ROOT, 'src/ui/progress-view.tsx'))};`,
    `export { displayJSONMessages } from ${JSON.stringify(join(ROOT, 'src/cli/jsonstream.ts'))};`,
    `export { pullStream, toJsonLines } from ${JSON.stringify(join(ROOT, 'test/unit/ui/streams.ts'))};`,
  ].join('\n'),
);
const bundle = join(cacheDir, 'pull-progress.mjs');
await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: bundle, packages: 'external', jsx: 'automatic', logLevel: 'warning' });
const lib = await import(pathToFileURL(bundle).href);

const messages = lib.pullStream({ layers: LAYERS, existing: 3, steps: 10, retry: [5, 9] });
const body = lib.toJsonLines(messages);
const lines = body.split('\n').filter(Boolean).map((l) => `${l}\r\n`);
console.log(`stream: ${LAYERS} layers, ${messages.length} messages, ${(body.length / 1024).toFixed(0)} KiB, paced ${GAP} ms apart (${ms(messages.length * GAP)} of streaming)`);

class Sink extends Writable {
  constructor(tty) {
    super();
    this.bytes = 0;
    if (tty) {
      this.isTTY = true;
      this.columns = 120;
      this.rows = 40;
    }
  }
  _write(chunk, _enc, cb) {
    this.bytes += chunk.length;
    cb();
  }
}

async function* source(paced) {
  for (const l of lines) {
    yield Buffer.from(l);
    if (paced && GAP > 0) await new Promise((r) => setTimeout(r, GAP));
  }
}

/** CPU (user+system) of this process while `fn` runs */
async function cpuOf(fn) {
  const before = process.cpuUsage();
  const t0 = performance.now();
  const extra = await fn();
  const d = process.cpuUsage(before);
  return { cpu: (d.user + d.system) / 1000, wall: performance.now() - t0, extra };
}

async function inProcess() {
  console.log('\nin process (median of %d rounds):', ROUNDS);
  const rows = [];
  const cases = [
    [
      'the paced stream alone (no display)',
      async () => {
        for await (const chunk of source(true)) void chunk;
      },
    ],
    ['docker plain lines (not a terminal)', async () => lib.displayJSONMessages(source(true), new Sink(false), { isTerminal: false })],
    ['docker terminal display (cursor moves)', async () => lib.displayJSONMessages(source(true), new Sink(true), { isTerminal: true, width: () => 120 })],
    [
      'berth Ink view',
      async () => {
        let frames = 0;
        await lib.renderProgress(source(true), new Sink(true), { onFrame: () => frames++ });
        return frames;
      },
    ],
  ];
  for (const [name, fn] of cases) {
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(await cpuOf(fn));
    rows.push([name, median(runs.map((r) => r.cpu)), median(runs.map((r) => r.wall)), runs[0].extra]);
  }
  const base = rows[0][1];
  for (const [name, cpu, wall, frames] of rows) {
    const over = cpu - base;
    const note = frames ? `  ${frames} frames, ${ms(over / frames)} a frame` : '';
    console.log(`  ${name.padEnd(42)} cpu ${ms(cpu).padStart(9)}  over the stream alone ${ms(over).padStart(9)} (${((over * 1000) / messages.length).toFixed(1)} µs/message)  wall ${ms(wall)}${note}`);
  }
}

/** a fake engine on a unix socket: ping, version, and the paced stream for any pull */
async function fakeEngine(dir, stream) {
  const sock = join(dir, 'engine.sock');
  const server = http.createServer((req, res) => {
    const headers = { 'Api-Version': '1.41', 'Ostype': 'linux', 'Docker-Experimental': 'false', 'Content-Type': 'application/json' };
    if (req.url.endsWith('/_ping')) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : 'OK');
      return;
    }
    if (req.url.endsWith('/version')) {
      res.writeHead(200, headers);
      res.end(JSON.stringify({ ApiVersion: '1.41', MinAPIVersion: '1.12', Version: '20.10.24', Os: 'linux', Arch: 'amd64' }));
      return;
    }
    req.resume();
    res.writeHead(200, headers);
    let i = 0;
    const next = () => {
      if (i >= stream.length) return res.end();
      res.write(stream[i++]);
      if (GAP > 0) setTimeout(next, GAP);
      else setImmediate(next);
    };
    next();
  });
  await new Promise((r) => server.listen(sock, r));
  return { host: `unix://${sock}`, close: () => new Promise((r) => server.close(r)) };
}

/** user+system ms of `cmd`'s processes, from the shell's `times` (its children's line); async: the fake engine runs in this process */
function childCpu(cmd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${cmd} >/dev/null 2>&1; times`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', () => {
      const line = out.trim().split('\n').pop() ?? '';
      const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      resolve((secs[0] + secs[1]) * 1000);
    });
  });
}

async function endToEnd() {
  if (!existsSync(join(ROOT, 'dist', 'berth.cjs'))) {
    console.log('\nend to end: skipped (berth is not built: npm run build)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-pull-'));
  const full = await fakeEngine(dir, lines);
  const oneDir = join(dir, 'one');
  mkdirSync(oneDir);
  const one = await fakeEngine(oneDir, [lines[lines.length - 1]]);
  const env = (host) => ({ ...process.env, DOCKER_HOST: host, DOCKER_CONFIG: join(dir, 'config'), TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' });
  const clients = [['berth', `${process.execPath} ${BERTH}`]];
  if (existsSync(DOCKER)) clients.push(['docker', DOCKER]);
  console.log('\nend to end, client CPU (user+system), median of %d rounds:', ROUNDS);
  for (const [mode, wrap] of [
    ['pipe', (c) => c],
    // script(1)'s pseudo-terminal has no size of its own here: berth draws live only on a sized one
    ['terminal', (c) => `script -qfec 'stty rows 40 cols 120; ${c}' /dev/null`],
  ]) {
    for (const [name, bin] of clients) {
      const cmd = wrap(`${bin} pull example.test/library/many:latest`);
      const total = [];
      const base = [];
      for (let i = 0; i < ROUNDS; i++) {
        total.push(await childCpu(cmd, env(full.host)));
        base.push(await childCpu(cmd, env(one.host)));
      }
      const t = median(total);
      const b = median(base);
      console.log(`  ${`${name} pull to a ${mode}`.padEnd(28)} ${ms(t).padStart(10)}   one-message stream ${ms(b).padStart(9)}   rendering ≈ ${ms(Math.max(0, t - b))}`);
    }
  }
  await full.close();
  await one.close();
  rmSync(dir, { recursive: true, force: true });
}

if (ONLY !== 'e2e') await inProcess();
if (ONLY !== 'inproc') await endToEnd();
