// login's prompts in a real terminal (tmux), berth against docker: the username prompt (with
// the stored username as default), the password typed without echo, the messages, the
// config written, Ctrl-C at a prompt (a quiet end, status 0) and the terminal's echo back on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BERTH, DOCKER, HOST, ROOT, hasBuild, hasEngine, hasOracle } from '../parity/harness.js';
import { TmuxSession, hasTmux } from './tmux.js';

const engineDir = process.env.BERTH_ENGINE_DIR ?? (HOST.startsWith('unix://') ? dirname(HOST.slice('unix://'.length)) : '/tmp/berth-engine');
const regDir = process.env.BERTH_REGISTRY_DIR ?? join(engineDir, 'registry');
const AUTH = process.env.BERTH_REGISTRY ?? '127.0.0.1:5000';

function skipReason(): string {
  if (!hasTmux()) return 'tmux is not installed';
  if (!hasOracle()) return `no reference docker CLI at ${DOCKER}`;
  if (!hasEngine()) return `no engine at ${HOST}`;
  if (!hasBuild()) return 'berth is not built (npm run build)';
  if (!existsSync(join(regDir, 'password'))) return 'no registry: run scripts/engine.sh up';
  return '';
}
const reason = skipReason();
if (reason) console.warn(`pty/login: skipped: ${reason}`);

describe.skipIf(reason !== '')('login prompts in a real terminal', () => {
  const USER = reason ? '' : readFileSync(join(regDir, 'username'), 'utf8').trim();
  const PASSWORD = reason ? '' : readFileSync(join(regDir, 'password'), 'utf8').trim();
  let work: string;
  let session: TmuxSession | undefined;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'berth-pty-login-'));
  });

  afterEach(() => {
    session?.close();
    session = undefined;
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  interface Outcome {
    screen: string;
    code: number;
    config?: string;
    echo: boolean;
  }

  /**
   * Runs `login ARGS` with `bin` in a fresh terminal and config directory (holding `config`),
   * typing each of `answers` when its prompt shows ('^C' sends Ctrl-C).
   */
  async function login(bin: string, args: string, answers: [RegExp, string][], config?: string): Promise<Outcome> {
    const cfg = join(work, 'config');
    rmSync(cfg, { recursive: true, force: true });
    mkdirSync(cfg);
    if (config !== undefined) writeFileSync(join(cfg, 'config.json'), config);
    session?.close();
    session = await new TmuxSession({ width: 120, height: 30, cwd: ROOT, env: { DOCKER_HOST: HOST, DOCKER_CONFIG: cfg, DOCKER_CLI_HINTS: 'false' } }).ready();
    session.line(`clear; ${bin} login ${args}; echo "rc-login=$?"; stty -a | grep -o -- ' -\\?echo ' | head -1 > ${join(work, 'echo.tmp')}; mv ${join(work, 'echo.tmp')} ${join(work, 'echo')}`);
    for (const [prompt, answer] of answers) {
      await session.waitFor(prompt);
      if (answer === '^C') session.keys('C-c');
      else session.line(answer);
    }
    const code = await session.exitCode('login', 30_000);
    const lines = session.screen().split('\n').map((l) => l.replace(/\s+$/, ''));
    const start = lines.findIndex((l) => l.includes('rc-login=$?'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('rc-login='));
    const deadline = Date.now() + 5000;
    while (!existsSync(join(work, 'echo')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const echo = existsSync(join(work, 'echo')) ? readFileSync(join(work, 'echo'), 'utf8').trim() === 'echo' : false;
    rmSync(join(work, 'echo'), { force: true });
    const file = join(cfg, 'config.json');
    return { screen: lines.slice(start + 1, end).join('\n'), code, config: existsSync(file) ? readFileSync(file, 'utf8') : undefined, echo };
  }

  async function both(args: string, answers: [RegExp, string][], config?: string): Promise<Outcome> {
    const d = await login(DOCKER, args, answers, config);
    const b = await login(`${process.execPath} ${BERTH}`, args, answers, config);
    const cfgPath = join(work, 'config', 'config.json');
    expect(b.screen).toBe(d.screen.replace(/'docker /g, "'berth ").replaceAll(cfgPath, cfgPath));
    expect(b.code).toBe(d.code);
    expect(b.config).toBe(d.config);
    expect(b.echo).toBe(true);
    expect(d.echo).toBe(true);
    return d;
  }

  it('username and password typed at the prompts; the password is not echoed', async () => {
    const d = await both(AUTH, [
      [/Username: $/m, USER],
      [/Password: $/m, PASSWORD],
    ]);
    expect(d.code).toBe(0);
    expect(d.screen).not.toContain(PASSWORD);
    expect(d.screen).toMatch(/Login Succeeded/);
  });

  it('the stored username is the default; a wrong password fails', async () => {
    const stale = JSON.stringify({ auths: { [AUTH]: { auth: Buffer.from(`${USER}:stale`).toString('base64') } } });
    const d = await both(AUTH, [
      [new RegExp(`Username \\(${USER}\\): $`, 'm'), ''],
      [/Password: $/m, 'wrong-password'],
    ], stale);
    expect(d.code).toBe(1);
  });

  it('-u given: only the password is asked for', async () => {
    await both(`-u ${USER} ${AUTH}`, [[/Password: $/m, PASSWORD]]);
  });

  it('an empty username or password', async () => {
    await both(AUTH, [[/Username: $/m, '']]);
    await both(AUTH, [
      [/Username: $/m, 'someone'],
      [/Password: $/m, ''],
    ]);
  });

  it('Ctrl-C at a prompt ends quietly, the terminal as it was', async () => {
    const d = await both(AUTH, [[/Username: $/m, '^C']]);
    expect(d.code).toBe(0);
    await both(AUTH, [
      [/Username: $/m, 'someone'],
      [/Password: $/m, '^C'],
    ]);
  });
});
