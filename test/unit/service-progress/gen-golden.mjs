// Makes the golden files: the reference docker CLI's `service rollback NAME` against the
// replay of each recording, piped and on a pseudo-terminal 120 columns wide (script(1), no
// newline translation). Run it by hand after recording: node gen-golden.mjs [DOCKER]
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRecording, replay } from './replay.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DOCKER = process.argv[2] ?? '/usr/local/bin/docker';
const run = (cmd, args, env) =>
  new Promise((resolve) => {
    const c = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    c.stdout.on('data', (b) => out.push(b));
    c.stderr.on('data', (b) => err.push(b));
    c.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });

for (const f of readdirSync(here).filter((n) => n.endsWith('.json') && !n.endsWith('.golden.json'))) {
  const rec = loadRecording(join(here, f));
  const dir = mkdtempSync(join(tmpdir(), 'berth-replay-'));
  const env = { DOCKER_CONFIG: dir, DOCKER_HOST: `unix://${join(dir, 's')}`, DOCKER_CLI_HINTS: 'false' };
  let server = await replay(rec, join(dir, 's'));
  const piped = await run(DOCKER, ['service', 'rollback', rec.name], env);
  await new Promise((r) => server.close(r));
  server = await replay(rec, join(dir, 's'));
  const tty = await run('script', ['-qec', `stty cols 120 rows 50 -onlcr; ${DOCKER} service rollback ${rec.name}`, '/dev/null'], env);
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
  const golden = { code: piped.code, stdout: piped.stdout, stderr: piped.stderr, tty: tty.stdout };
  writeFileSync(join(here, f.replace(/\.json$/, '.golden.json')), `${JSON.stringify(golden, null, 1)}\n`);
  console.error(`golden: ${f}: exit ${piped.code}, ${piped.stdout.split('\n').length} lines`);
}
