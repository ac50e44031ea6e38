// Output throughput of an attached container, berth against the reference docker CLI: 1 GiB
// of zeros from `run --rm busybox sh -c 'head -c N /dev/zero'` to a pipe, without and with
// a TTY, the client's resident memory sampled all along.
//
//   node bench/stream.mjs [--bytes N] [--rounds R] [--only plain|tty]
//
// Needs a built berth (npm run build), DOCKER_HOST pointing at an engine with busybox, and
// the docker CLI (BERTH_REFERENCE_DOCKER, default /usr/local/bin/docker).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BERTH = join(ROOT, 'bin', 'berth');
const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const BYTES = Number(arg('bytes', String(1024 ** 3)));
const ROUNDS = Number(arg('rounds', '1'));
const ONLY = arg('only', '');

if (!existsSync(join(ROOT, 'dist', 'berth.cjs'))) {
  console.error('bench/stream: berth is not built (npm run build)');
  process.exit(1);
}
if (!existsSync(DOCKER)) {
  console.error(`bench/stream: no docker CLI at ${DOCKER}`);
  process.exit(1);
}

function rssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const TICK = 100; // USER_HZ on Linux
/** user+system CPU seconds of a live process (all its threads) */
function cpuSecs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return undefined;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** one run: seconds, bytes read from its stdout, peak and late RSS of the client */
function once(bin, tty) {
  const args = ['run', '--rm', ...(tty ? ['-t'] : []), 'busybox', 'sh', '-c', `head -c ${BYTES} /dev/zero`];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    let peak = 0;
    let cpu = 0;
    const samples = [];
    const timer = setInterval(() => {
      const r = rssKiB(child.pid);
      if (r > 0) {
        peak = Math.max(peak, r);
        samples.push(r);
      }
      cpu = cpuSecs(child.pid) ?? cpu;
    }, 100);
    child.stdout.on('data', (c) => (bytes += c.length));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${bin} exited ${code}`));
      // memory at one quarter of the run and at its end: flat when they are close
      const q = samples[Math.floor(samples.length / 4)] ?? 0;
      const last = samples[samples.length - 1] ?? 0;
      resolve({ secs, bytes, peak, q, last, cpu });
    });
  });
}

const mib = (n) => n / 1024 / 1024;
const modes = [
  ['plain', false],
  ['tty', true],
].filter(([m]) => !ONLY || m === ONLY);

console.log(`bench/stream: ${mib(BYTES).toFixed(0)} MiB through run --rm busybox to a pipe, ${ROUNDS} round(s), DOCKER_HOST=${process.env.DOCKER_HOST ?? '(default)'}`);
console.log('mode   client  seconds   MiB/s  client CPU s  peak RSS MiB  RSS 25%->end MiB');
const summary = [];
for (const [mode, tty] of modes) {
  const times = { docker: [], berth: [] };
  for (let r = 0; r < ROUNDS; r++) {
    // alternate who goes first, so that neither always meets a warmer engine
    const order = r % 2 === 0 ? [['docker', DOCKER], ['berth', BERTH]] : [['berth', BERTH], ['docker', DOCKER]];
    for (const [name, bin] of order) {
      const res = await once(bin, tty);
      if (res.bytes !== BYTES && !tty) throw new Error(`${name}: ${res.bytes} bytes instead of ${BYTES}`);
      times[name].push(res.secs);
      console.log(
        `${mode.padEnd(6)} ${name.padEnd(7)} ${res.secs.toFixed(2).padStart(7)} ${(mib(res.bytes) / res.secs).toFixed(1).padStart(7)} ${res.cpu.toFixed(2).padStart(13)} ${(res.peak / 1024).toFixed(1).padStart(13)}  ${(res.q / 1024).toFixed(1)} -> ${(res.last / 1024).toFixed(1)}`,
      );
    }
  }
  summary.push([mode, median(times.docker), median(times.berth)]);
}
console.log('');
console.log('(medians over the rounds; the engine, not the client, sets the pace: compare several rounds)');
console.log('mode   docker s  berth s  ratio (docker time / berth time; >= 1.00: berth at least as fast)');
for (const [mode, d, b] of summary) {
  console.log(`${mode.padEnd(6)} ${d.toFixed(2).padStart(8)} ${b.toFixed(2).padStart(8)}  ${(d / b).toFixed(2)}`);
}
