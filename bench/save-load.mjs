// save, load and import of a big image (1 GiB of random data by default), berth against the
// reference docker CLI: wall time, client CPU and the client's peak resident memory, sampled
// from /proc all along. Both CLIs stream the archive; neither should hold it in memory.
//
//   node bench/save-load.mjs [--bytes N] [--rounds R]
//
// Needs a built berth (npm run build), DOCKER_HOST pointing at an engine with busybox, the
// docker CLI (BERTH_REFERENCE_DOCKER, default /usr/local/bin/docker), and about three times
// --bytes of free disk (the image, and the archive written by each CLI). The image it makes
// (bt-bench-<pid>/big:1) and the archives are removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

if (!existsSync(join(ROOT, 'dist', 'berth.cjs'))) {
  console.error('bench/save-load: berth is not built (npm run build)');
  process.exit(1);
}
if (!existsSync(DOCKER)) {
  console.error(`bench/save-load: no docker CLI at ${DOCKER}`);
  process.exit(1);
}

const NAME = `bt-bench-${process.pid}`;
const IMAGE = `${NAME}/big:1`;
const IMPORTED = `${NAME}/imported:1`;
const dir = mkdtempSync(join(tmpdir(), 'berth-bench-save-load-'));

function docker(args, o = {}) {
  const r = spawnSync(DOCKER, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...o });
  if (r.status !== 0 && !o.allowFail) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r;
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

/**
 * Before each run: the dirty pages of the last run written out and the page cache dropped
 * (when allowed: root), so that no run pays for the writeback of the one before it, and every
 * run reads the image and the archives from the same cold start.
 */
let dropped = false;
function settle() {
  spawnSync('sync');
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    dropped = true;
  } catch {
    // not root: sync alone
  }
}

/**
 * One run of `bin args`: seconds, peak RSS (KiB), CPU seconds, bytes it wrote to stdout.
 * `stdinFile` is its stdin itself (as `< file`); `stdinPipe` is fed to its stdin through a
 * pipe. stdout goes to a counting sink (a pipe) unless `stdoutFile` is given.
 */
function once(bin, args, { stdinFile, stdinPipe, stdoutFile } = {}) {
  settle();
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const inFd = stdinFile ? openSync(stdinFile, 'r') : undefined;
    const child = spawn(bin, args, { stdio: [inFd ?? (stdinPipe ? 'pipe' : 'ignore'), 'pipe', 'pipe'] });
    if (inFd !== undefined) closeSync(inFd);
    if (stdinPipe) createReadStream(stdinPipe).pipe(child.stdin);
    let out = 0;
    let err = '';
    let peak = 0;
    let cpu = 0;
    const sink = stdoutFile ? createWriteStream(stdoutFile) : undefined;
    if (sink) child.stdout.pipe(sink);
    else child.stdout.on('data', (c) => (out += c.length));
    child.stderr.on('data', (c) => (err += c));
    const timer = setInterval(() => {
      peak = Math.max(peak, rssKiB(child.pid));
      cpu = cpuSecs(child.pid) ?? cpu;
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${bin} ${args.join(' ')} exited ${code}: ${err}`));
      resolve({ secs, peak, cpu, out });
    });
  });
}

const mib = (n) => n / 1024 / 1024;
const results = {}; // op -> client -> [{secs, peak, cpu}]
const record = (op, who, r) => ((results[op] ??= { docker: [], berth: [] })[who].push(r));
const line = (op, who, r, bytes) =>
  console.log(`${op.padEnd(14)} ${who.padEnd(7)} ${r.secs.toFixed(2).padStart(7)} ${(mib(bytes) / r.secs).toFixed(1).padStart(8)} ${r.cpu.toFixed(2).padStart(12)} ${(r.peak / 1024).toFixed(1).padStart(13)}`);

try {
  console.log(`bench/save-load: making ${IMAGE} with ${mib(BYTES).toFixed(0)} MiB of random data ...`);
  docker(['run', '--name', NAME, 'busybox', 'sh', '-c', `head -c ${BYTES} /dev/urandom > /big`]);
  docker(['commit', NAME, IMAGE]);
  docker(['rm', NAME]);

  console.log(`${ROUNDS} round(s), DOCKER_HOST=${process.env.DOCKER_HOST ?? '(default)'}`);
  console.log('operation      client  seconds    MiB/s  client CPU s  peak RSS MiB');
  const clients = [['docker', DOCKER], ['berth', BERTH]];
  let size = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? clients : [...clients].reverse();
    // save to a file (-o) and to a pipe
    for (const [who, bin] of order) {
      const file = join(dir, `${who}.tar`);
      rmSync(file, { force: true });
      const res = await once(bin, ['save', '-o', file, IMAGE]);
      size = statSync(file).size;
      record('save -o', who, res);
      line('save -o', who, res, size);
    }
    for (const [who, bin] of order) {
      const res = await once(bin, ['save', IMAGE]);
      if (res.out !== size) throw new Error(`${who} save wrote ${res.out} bytes to its stdout, the archive has ${size}`);
      record('save | pipe', who, res);
      line('save | pipe', who, res, res.out);
    }
    // load from a file (-i) and from stdin, the image removed before each
    for (const [who, bin] of order) {
      docker(['rmi', IMAGE]);
      const res = await once(bin, ['load', '-i', join(dir, `${who}.tar`)]);
      record('load -i', who, res);
      line('load -i', who, res, size);
    }
    for (const [who, bin] of order) {
      docker(['rmi', IMAGE]);
      const res = await once(bin, ['load'], { stdinFile: join(dir, `${who}.tar`) });
      record('load < file', who, res);
      line('load < file', who, res, size);
    }
    for (const [who, bin] of order) {
      docker(['rmi', IMAGE]);
      const res = await once(bin, ['load'], { stdinPipe: join(dir, `${who}.tar`) });
      record('load < pipe', who, res);
      line('load < pipe', who, res, size);
    }
    // import: the same archive taken as a root filesystem (any tar is one)
    for (const [who, bin] of order) {
      const res = await once(bin, ['import', join(dir, `${who}.tar`), IMPORTED]);
      record('import file', who, res);
      line('import file', who, res, size);
      docker(['rmi', IMPORTED]);
    }
  }
  console.log('');
  console.log(`(medians over the rounds; the engine sets most of the pace; before each run: sync${dropped ? ' and the page cache dropped' : ''})`);
  console.log('operation      docker s  berth s  time ratio  paired  docker MiB  berth MiB  memory ratio');
  console.log('               (time ratio: docker/berth of the medians, >= 1.00 berth as fast; paired: the median of each round\'s docker/berth;');
  console.log('                memory ratio: berth/docker peak RSS)');
  for (const [op, by] of Object.entries(results)) {
    const d = median(by.docker.map((x) => x.secs));
    const b = median(by.berth.map((x) => x.secs));
    const paired = median(by.docker.map((x, i) => x.secs / by.berth[i].secs));
    const dm = median(by.docker.map((x) => x.peak)) / 1024;
    const bm = median(by.berth.map((x) => x.peak)) / 1024;
    console.log(`${op.padEnd(14)} ${d.toFixed(2).padStart(8)} ${b.toFixed(2).padStart(8)} ${(d / b).toFixed(2).padStart(11)} ${paired.toFixed(2).padStart(7)} ${dm.toFixed(1).padStart(11)} ${bm.toFixed(1).padStart(10)} ${(bm / dm).toFixed(2).padStart(13)}`);
  }
} finally {
  docker(['rm', '-f', NAME], { allowFail: true });
  docker(['rmi', IMAGE], { allowFail: true });
  docker(['rmi', IMPORTED], { allowFail: true });
  rmSync(dir, { recursive: true, force: true });
}
