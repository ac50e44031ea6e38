#!/usr/bin/env node
// Records the fixtures of inspect-types.test.ts: the engine's raw JSON for some objects
// and what docker 28 prints for templates run on them (docker inspect -f), addresses masked.
//
//   DOCKER_HOST=unix:///tmp/berth-engine/docker.sock node test/unit/inspect-types/record.mjs NAME=REF ...
//
// NAME picks the fixture file (fixtures/NAME.json); REF is the object to fetch from the engine
// (without =REF the fixture's recorded JSON is reused: only docker's outputs are recorded again).
// The kind (container, image, network, volume) is taken from NAME's prefix.
import { execFile } from 'node:child_process';
import { createServer, request } from 'node:http';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATES } from './templates.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const host = process.env.DOCKER_HOST ?? '';
const needEngine = process.argv.slice(2).some((a) => a.includes('='));
if (needEngine && !host.startsWith('unix://')) throw new Error('set DOCKER_HOST=unix://...');
const socketPath = host.slice('unix://'.length);
const docker = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';

const PATHS = {
  container: (r) => `/v1.41/containers/${encodeURIComponent(r)}/json`,
  image: (r) => `/v1.41/images/${r}/json`,
  network: (r) => `/v1.41/networks/${encodeURIComponent(r)}`,
  volume: (r) => `/v1.41/volumes/${encodeURIComponent(r)}`,
};

function get(path) {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

// docker is pointed at a stand-in engine that answers every inspect with the recorded
// JSON, so what it prints belongs to exactly that JSON (engines list some arrays, such as
// Mounts, in a different order each time)
const fakeSocket = join(tmpdir(), `berth-inspect-record-${process.pid}.sock`);
let served = '';
const server = createServer((req, res) => {
  res.setHeader('Api-Version', '1.41');
  res.setHeader('Ostype', 'linux');
  res.setHeader('Content-Type', req.url.startsWith('/_ping') ? 'text/plain' : 'application/json');
  if (req.url.startsWith('/_ping')) return res.end(req.method === 'HEAD' ? undefined : 'OK');
  res.end(served);
});
await new Promise((resolve) => server.listen(fakeSocket, resolve));

function run(args) {
  const env = { ...process.env, DOCKER_CLI_HINTS: 'false', DOCKER_HOST: `unix://${fakeSocket}` };
  return new Promise((resolve) => {
    execFile(docker, args, { encoding: 'utf8', env }, (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
  });
}

const mask = (s) => s.replace(/0xc[0-9a-f]{6,}/g, '0xPTR');

mkdirSync(join(here, 'fixtures'), { recursive: true });
for (const arg of process.argv.slice(2)) {
  const [name, ref] = arg.split('=');
  const kind = name.split('-')[0];
  if (!PATHS[kind]) throw new Error(`unknown kind in ${name}`);
  const file = join(here, 'fixtures', `${name}.json`);
  const raw = ref === undefined ? JSON.parse(readFileSync(file, 'utf8')).raw : await get(PATHS[kind](ref));
  served = raw;
  const outputs = {};
  for (const t of [...TEMPLATES.all, ...TEMPLATES[kind]]) {
    const r = await run(['inspect', '--type', kind, '-f', t, 'x']);
    outputs[t] = { code: r.code, stdout: mask(r.stdout), stderr: mask(r.stderr) };
  }
  writeFileSync(file, JSON.stringify({ kind, raw, outputs }, null, 1) + '\n');
  console.log(`${name}: ${Object.keys(outputs).length} templates`);
}
server.close();
rmSync(fakeSocket, { force: true });
