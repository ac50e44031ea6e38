// ps --format over many rows: berth against the reference docker CLI, side by side.
// Creates BENCH_ROWS containers (default 10000) labelled berth.bench=rows on the engine in
// DOCKER_HOST (once; they are kept for later runs unless BENCH_CLEANUP=1), then times both.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';
const host = process.env.DOCKER_HOST ?? 'unix:///tmp/berth-engine/docker.sock';
const socketPath = host.replace(/^unix:\/\//, '');
const rows = Number(process.env.BENCH_ROWS ?? 10000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const env = { ...process.env, DOCKER_HOST: host };

function api(method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : undefined;
    const req = http.request({ socketPath, method, path, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const filter = encodeURIComponent(JSON.stringify({ label: { 'berth.bench=rows': true } }));
const existing = JSON.parse((await api('GET', `/v1.41/containers/json?all=1&filters=${filter}`)).body).length;
if (existing < rows) {
  console.log(`creating ${rows - existing} containers...`);
  let next = existing;
  const worker = async () => {
    while (next < rows) {
      next++;
      const r = await api('POST', '/v1.41/containers/create', { Image: 'busybox', Cmd: ['true'], Labels: { 'berth.bench': 'rows' } });
      if (r.status !== 201) throw new Error(r.body);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const format = '{{.ID}}\t{{.Names}}\t{{.Status}}\t{{.Command}}';
const subjects = [['berth', process.execPath, [join(root, 'bin', 'berth')]]];
if (existsSync(DOCKER)) subjects.push(['docker', DOCKER, []]);
const times = Object.fromEntries(subjects.map(([n]) => [n, []]));
for (const fmt of [format, `table ${format}`]) {
  for (const [n] of subjects) times[n] = [];
  for (let i = 0; i < runs; i++) {
    for (const [name, cmd, pre] of subjects) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cmd, [...pre, 'ps', '-a', '--filter', 'label=berth.bench=rows', '--format', fmt], { env, maxBuffer: 1 << 30 });
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
      times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, med(v)]));
  console.log(`ps --format '${fmt.replaceAll('\t', '\\t')}' over ${rows} rows (median of ${runs}):`);
  for (const [k, v] of Object.entries(m)) console.log(`  ${k.padEnd(7)} ${v.toFixed(0)} ms`);
  if (m.docker) console.log(`  berth / docker: ${(m.berth / m.docker).toFixed(2)}x (target <= 1.0x)`);
}
if (process.env.BENCH_CLEANUP === '1') {
  const list = JSON.parse((await api('GET', `/v1.41/containers/json?all=1&filters=${filter}`)).body);
  for (const c of list) await api('DELETE', `/v1.41/containers/${c.Id}?force=1`);
}
