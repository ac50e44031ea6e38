// Pull and push progress in a real terminal (tmux) against the engine's registry: berth draws
// its own live view (Ink), docker redraws with cursor moves; when the command ends, the screen
// must hold what docker's holds. Each case runs docker, then berth, from the same state.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BERTH, DOCKER, HOST, ROOT, docker, hasBuild, hasEngine, hasOracle } from '../parity/harness.js';
import { TmuxSession, hasTmux } from './tmux.js';
import { EngineProxy } from '../parity/engine-proxy.js';
import { GRACE_MS } from '../../src/cli/progress.js';

const engineDir = process.env.BERTH_ENGINE_DIR ?? (HOST.startsWith('unix://') ? dirname(HOST.slice('unix://'.length)) : '/tmp/berth-engine');
const regDir = process.env.BERTH_REGISTRY_DIR ?? join(engineDir, 'registry');
const OPEN = process.env.BERTH_REGISTRY_OPEN ?? '127.0.0.1:5001';

function skipReason(): string {
  if (!hasTmux()) return 'tmux is not installed';
  if (!hasOracle()) return `no reference docker CLI at ${DOCKER}`;
  if (!hasEngine()) return `no engine at ${HOST}`;
  if (!hasBuild()) return 'berth is not built (npm run build)';
  const pidFile = join(regDir, 'open', 'registry.pid');
  if (!existsSync(pidFile)) return 'no registry: run scripts/engine.sh up';
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
  } catch {
    return 'the registry is not running: run scripts/engine.sh up';
  }
  return '';
}
const reason = skipReason();
if (reason) console.warn(`pty/pull: skipped: ${reason}`);

describe.skipIf(reason !== '')('pull and push in a real terminal', () => {
  const prefix = `bt-pty-reg-${process.pid}`;
  const label = `berth.test.registry=${process.pid}`;
  const image = `${OPEN}/${prefix}/layers:v1`;
  let work: string;
  let session: TmuxSession | undefined;

  const quiet = { env: { DOCKER_CONFIG: '' } };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'berth-pty-reg-'));
    quiet.env.DOCKER_CONFIG = join(work, 'config');
    mkdirSync(quiet.env.DOCKER_CONFIG);
    const ctx = join(work, 'ctx');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), `FROM busybox\nLABEL ${label}\nRUN head -c 2000000 /dev/urandom > /a\nRUN head -c 500000 /dev/urandom > /b\nRUN echo ${prefix} > /c\n`);
    const built = await docker(['build', '-q', '-t', image, ctx], { ...quiet, timeoutMs: 120_000 });
    if (built.code !== 0) throw new Error(built.stderr);
    const pushed = await docker(['push', image], quiet);
    if (pushed.code !== 0) throw new Error(pushed.stderr);
  }, 180_000);

  afterEach(() => {
    session?.close();
    session = undefined;
  });

  afterAll(async () => {
    if (!work) return;
    await docker(['rmi', '-f', image], quiet);
    rmSync(join(regDir, 'open', 'data', 'docker', 'registry', 'v2', 'repositories', prefix), { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  /** runs `cmd` with `bin` in a fresh terminal; the lines it left on screen, and its status */
  async function screenOf(bin: string, cmd: string, tag: string, host = HOST): Promise<{ lines: string[]; code: number }> {
    session?.close();
    session = await new TmuxSession({ width: 130, height: 40, cwd: ROOT, env: { DOCKER_HOST: host, DOCKER_CONFIG: quiet.env.DOCKER_CONFIG, DOCKER_CLI_HINTS: 'false' } }).ready();
    session.line(`clear; ${bin} ${cmd}; echo "rc-${tag}=$?"`);
    const code = await session.exitCode(tag, 60_000);
    const all = session.screen().split('\n').map((l) => l.replace(/\s+$/, ''));
    const start = all.findIndex((l) => l.includes(`rc-${tag}=$?`));
    const end = all.findIndex((l, i) => i > start && l.startsWith(`rc-${tag}=`));
    return { lines: all.slice(start + 1, end), code };
  }

  /** docker's screen, then berth's, each after `before`; both must be equal and match `shows` */
  async function both(cmd: string, before: () => Promise<unknown>, shows: RegExp, host = HOST): Promise<void> {
    await before();
    const d = await screenOf(DOCKER, cmd, 'docker', host);
    expect(d.lines.join('\n')).toMatch(shows);
    await before();
    const b = await screenOf(`${process.execPath} ${BERTH}`, cmd, 'berth', host);
    expect(b.lines.join('\n')).toBe(d.lines.join('\n').replace(/'docker /g, "'berth "));
    expect(b.code).toBe(d.code);
  }

  const removeImage = (): Promise<unknown> => docker(['rmi', '-f', image], quiet);
  const nothing = async (): Promise<void> => undefined;

  it('a pull of a new image ends on docker\'s screen', async () => {
    await both(`pull ${image}`, removeImage, /^[0-9a-f]{12}: Pull complete$(\n.*){3}\nStatus: Downloaded newer image/m);
  });

  it('a slow pull (the engine paced by a proxy): berth\'s live view, then docker\'s final screen', async () => {
    const proxy = new EngineProxy(HOST.slice('unix://'.length));
    // about 30 lines, 60 ms apart: the stream outlasts the grace period, so the live view draws
    proxy.pace = (req) => (req.url?.includes('/images/create') ? Math.ceil((3 * GRACE_MS) / 30) : 0);
    await proxy.start();
    try {
      await both(`pull ${image}`, removeImage, /^[0-9a-f]{12}: Pull complete$/m, proxy.host);
    } finally {
      await proxy.stop();
    }
  });

  it('a pull of what is there, and one that fails', async () => {
    await both(`pull ${image}`, nothing, /Status: Image is up to date/);
    await both(`pull ${OPEN}/${prefix}/layers:nosuchtag`, nothing, /manifest unknown/);
  });

  it('a push ends on docker\'s screen', async () => {
    await both(`push ${image}`, nothing, /^[0-9a-f]{12}: Layer already exists$/m);
  });

  it('run pulls a missing image with its progress on the terminal (stderr)', async () => {
    await both(`run --rm ${image} cat /c`, removeImage, new RegExp(`Pull complete[^]*\n${prefix}$`));
  });
});
