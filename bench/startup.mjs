// Start-up: `berth ps` on an idle engine against `node -e 0` and the reference docker CLI,
// runs interleaved side by side, medians and ratios printed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';
const host = process.env.DOCKER_HOST ?? 'unix:///tmp/berth-engine/docker.sock';
const runs = Number(process.env.BENCH_RUNS ?? 30);
const env = { ...process.env, DOCKER_HOST: host };

const subjects = [
  { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
  { name: 'berth ps', cmd: process.execPath, args: [join(root, 'bin', 'berth'), 'ps'] },
  { name: 'berth --version', cmd: process.execPath, args: [join(root, 'bin', 'berth'), '--version'] },
];
if (existsSync(DOCKER)) subjects.push({ name: 'docker ps', cmd: DOCKER, args: ['ps'] });

const times = new Map(subjects.map((s) => [s.name, []]));
for (let i = 0; i < runs + 2; i++) {
  for (const s of subjects) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(s.cmd, s.args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(`${s.name} failed: ${r.stderr}`);
      process.exit(1);
    }
    if (i >= 2) times.get(s.name).push(ms); // two warm-up rounds
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const m = Object.fromEntries([...times].map(([k, v]) => [k, median(v)]));
for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(16)} ${v.toFixed(1)} ms (median of ${runs})`);
console.log(`berth ps / node -e 0: ${(m['berth ps'] / m['node -e 0']).toFixed(2)}x (target <= 1.5x)`);
if (m['docker ps']) console.log(`berth ps / docker ps: ${(m['berth ps'] / m['docker ps']).toFixed(2)}x`);
