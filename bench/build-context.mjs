// Context upload of `build`, berth against the reference docker CLI (DOCKER_BUILDKIT=0):
// 50,000 small files, and one 1 GiB file. Wall time and peak resident memory of the client.
//
//   node bench/build-context.mjs [--rounds R] [--only small|large] [--engine]
//
// What is measured: by default both clients send to a stand-in engine on a unix socket that
// reads the context and throws it away as fast as it comes, then answers as the daemon does
// ("Successfully built"): the time is the client's own work (walking the directory, the
// .dockerignore, the tar, the upload), with nothing of the daemon's (which unpacks and hashes
// every file, and would dominate). --engine sends to the real engine in DOCKER_HOST instead,
// with a Dockerfile that is only `FROM busybox`: the end-to-end time a user waits.
// The contexts are made once under $TMPDIR/berth-bench-build and kept for later runs.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomFillSync } from 'node:crypto';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BERTH = path.join(ROOT, 'bin', 'berth');
const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const ROUNDS = Number(arg('rounds', '3'));
const ONLY = arg('only', '');
const ENGINE = process.argv.includes('--engine');

if (!existsSync(path.join(ROOT, 'dist', 'berth.cjs'))) {
  console.error('bench/build-context: berth is not built (npm run build)');
  process.exit(1);
}
if (!existsSync(DOCKER)) {
  console.error(`bench/build-context: no docker CLI at ${DOCKER}`);
  process.exit(1);
}

const BASE = path.join(os.tmpdir(), 'berth-bench-build');
const DOCKERFILE = 'FROM busybox\n';

/** 50,000 files of 64 to 1,087 bytes in 250 directories of 200 */
function smallContext() {
  const dir = path.join(BASE, 'small');
  if (existsSync(path.join(dir, '.complete'))) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  const buf = Buffer.alloc(1100);
  let n = 0;
  for (let d = 0; d < 250; d++) {
    const sub = path.join(dir, `dir${String(d).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    for (let f = 0; f < 200; f++) {
      randomFillSync(buf);
      writeFileSync(path.join(sub, `file${String(f).padStart(3, '0')}.txt`), buf.subarray(0, 64 + (n++ % 1024)));
    }
  }
  writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

/** one file of 1 GiB (random bytes, written once) */
async function largeContext() {
  const dir = path.join(BASE, 'large');
  if (existsSync(path.join(dir, '.complete'))) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  const out = createWriteStream(path.join(dir, 'big.bin'));
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < 1024; i++) {
    randomFillSync(chunk);
    if (!out.write(Buffer.from(chunk))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  writeFileSync(path.join(dir, '.dockerignore'), '.complete\n');
  writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

/** the stand-in engine: answers _ping, swallows the context, says the build went well */
function discardingEngine(sock) {
  const server = http.createServer((req, res) => {
    const headers = { 'api-version': '1.41', ostype: 'linux', 'docker-experimental': 'false' };
    if (req.url.endsWith('/_ping')) {
      req.resume();
      res.writeHead(200, { ...headers, 'content-type': 'text/plain' });
      res.end('OK');
      return;
    }
    let bytes = 0;
    req.on('data', (c) => (bytes += c.length));
    req.on('end', () => {
      server.lastBytes = bytes;
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      const id = 'a'.repeat(64);
      res.end(
        [
          { stream: 'Step 1/1 : FROM busybox\n' },
          { stream: ' ---> 986af4c47fa0\n' },
          { aux: { ID: `sha256:${id}` } },
          { stream: `Successfully built ${id.slice(0, 12)}\n` },
        ]
          .map((m) => `${JSON.stringify(m)}\r\n`)
          .join(''),
      );
    });
  });
  return new Promise((resolve) => server.listen(sock, () => resolve(server)));
}

/** wall seconds and peak RSS (KiB) of one build, through /usr/bin/time */
function measure(bin, dir, host) {
  return new Promise((resolve, reject) => {
    const args = ['-f', '%e %M %U %S', bin, 'build', '-q', dir];
    const child = spawn('/usr/bin/time', args, {
      env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = err.trim().split('\n').pop() ?? '';
      const [secs, kib, user, sys] = last.split(' ').map(Number);
      if (code !== 0) reject(new Error(`${bin} exited ${code}: ${err}${out}`));
      else resolve({ secs, kib, cpu: user + sys });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function bench(name, dir, host) {
  const res = { docker: [], berth: [] };
  // warm the page cache and both programs once
  await measure(DOCKER, dir, host);
  await measure(BERTH, dir, host);
  for (let r = 0; r < ROUNDS; r++) {
    // alternate who goes first, so neither always meets a warmer machine
    const order = r % 2 ? ['berth', 'docker'] : ['docker', 'berth'];
    for (const who of order) res[who].push(await measure(who === 'docker' ? DOCKER : BERTH, dir, host));
  }
  const sum = (xs) => ({ secs: median(xs.map((x) => x.secs)), cpu: median(xs.map((x) => x.cpu)), kib: Math.max(...xs.map((x) => x.kib)) });
  const d = sum(res.docker);
  const b = sum(res.berth);
  const show = (x) => `${x.secs.toFixed(2)} s (cpu ${x.cpu.toFixed(2)} s) ${(x.kib / 1024).toFixed(0).padStart(4)} MiB`;
  console.log(`${name.padEnd(20)} docker ${show(d)}   berth ${show(b)}   time ${(b.secs / d.secs).toFixed(2)}x cpu ${(b.cpu / d.cpu).toFixed(2)}x`);
}

let host = process.env.DOCKER_HOST;
let server;
if (!ENGINE) {
  const sock = path.join(BASE, 'engine.sock');
  mkdirSync(BASE, { recursive: true });
  try {
    (await import('node:fs')).unlinkSync(sock);
  } catch {
    // none left
  }
  server = await discardingEngine(sock);
  host = `unix://${sock}`;
}
console.log(`build context upload, ${ROUNDS} rounds (median wall and CPU time, peak memory), to ${ENGINE ? `the engine at ${host}` : 'a stand-in engine that discards the context'}`);
if (ONLY !== 'large') await bench('50,000 small files', smallContext(), host);
if (ONLY !== 'small') await bench('one 1 GiB file', await largeContext(), host);
server?.close();

