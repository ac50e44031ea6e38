// berth in a real pseudo-terminal (tmux) against the real engine: typing into a shell and
// reading the screen, the container's TTY following the window, detaching and attaching
// again, and the local terminal (`stty -g`) the same after every way out — exit, detach,
// a signal, the engine connection dropping.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BERTH, DOCKER, HOST, ROOT, berth, hasBuild, hasEngine, hasOracle, uniqueName } from '../parity/harness.js';
import { TmuxSession, hasTmux } from './tmux.js';

function skipReason(): string {
  if (!hasTmux()) return 'tmux is not installed';
  if (!hasEngine()) return `no engine at ${HOST}`;
  if (!hasBuild()) return 'berth is not built (npm run build)';
  return '';
}
const reason = skipReason();
if (reason) console.warn(`pty/interactive: skipped: ${reason}`);

const B = `${process.execPath} ${BERTH}`;

describe.skipIf(reason !== '')('interactive sessions in a real terminal', () => {
  const containers: string[] = [];
  let session: TmuxSession | undefined;
  let configDir: string;

  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'berth-pty-config-'));
  });

  afterEach(() => {
    session?.close();
    session = undefined;
  });

  afterAll(async () => {
    if (containers.length > 0) await berth(['rm', '-f', ...containers]);
    rmSync(configDir, { recursive: true, force: true });
  });

  async function open(env: Record<string, string> = {}): Promise<TmuxSession> {
    session = new TmuxSession({ cwd: ROOT, env: { DOCKER_HOST: HOST, DOCKER_CONFIG: configDir, DOCKER_CLI_HINTS: 'false', ...env } });
    return session.ready();
  }

  /**
   * `cmd` between two `stty -g` snapshots, with its exit status printed as rc-TAG=N. A
   * non-interactive sh runs them: bash itself would put its own terminal settings back
   * after a job killed by a signal, hiding what berth left behind.
   */
  function runGuarded(s: TmuxSession, cmd: string, tag: string): void {
    s.line(`clear; sh -c 'stty -g > ${s.path(`before-${tag}`)}; ${cmd}; echo "rc-${tag}=$?"; stty -g > ${s.path(`after-${tag}`)}'`);
  }

  async function expectRestored(s: TmuxSession, tag: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (s.file(`after-${tag}`) === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const before = s.file(`before-${tag}`);
    expect(before).not.toBe('');
    expect(s.file(`after-${tag}`)).toBe(before);
  }

  /** types `stty size` until the container reports `want` (a resize travels asynchronously) */
  async function expectSize(s: TmuxSession, want: string): Promise<void> {
    const re = new RegExp(`^${want}$`, 'm');
    for (let i = 0; i < 20; i++) {
      s.line('stty size');
      try {
        await s.waitFor(re, 500);
        return;
      } catch {
        // not yet
      }
    }
    await s.waitFor(re, 1000);
  }

  async function running(name: string): Promise<string> {
    return (await berth(['inspect', '-f', '{{.State.Running}}', name])).stdout.trim();
  }

  it('run -it: typing, the screen, the size at start and after a resize, exit code, terminal restored', async () => {
    const s = await open();
    const name = uniqueName('pty-run');
    containers.push(name);
    runGuarded(s, `${B} run -it --rm --name ${name} busybox sh`, 'run');
    await s.waitRaw();
    await s.waitFor('/ # ');
    s.line('echo hello-$((6*7))');
    await s.waitFor(/^hello-42$/m);
    // bytes pass through as they are: UTF-8 and escape sequences reach the terminal
    s.line(`printf '\\342\\234\\223 \\033[1mbold\\033[0m done\\n'`);
    await s.waitFor(/^✓ bold done$/m);
    await expectSize(s, '30 100');
    s.resize(90, 25);
    await expectSize(s, '25 90');
    s.line('exit 3');
    expect(await s.exitCode('run')).toBe(3);
    await expectRestored(s, 'run');
  });

  it('detach with ctrl-p ctrl-q, the container runs on, attach again and continue', async () => {
    const s = await open();
    const name = uniqueName('pty-detach');
    containers.push(name);
    runGuarded(s, `${B} run -it --name ${name} busybox sh`, 'run');
    await s.waitRaw();
    await s.waitFor('/ # ');
    s.line('V=kept-value');
    s.keys('C-p', 'C-q');
    expect(await s.exitCode('run')).toBe(0);
    await expectRestored(s, 'run');
    expect(await running(name)).toBe('true');

    runGuarded(s, `${B} attach ${name}`, 'attach1');
    await s.waitRaw();
    // a partial sequence followed by another key is passed through (ctrl-p then a letter)
    s.line('echo $V-again');
    await s.waitFor(/^kept-value-again$/m);
    s.keys('C-p', 'C-q');
    await s.waitFor(/^(\/ # )?read escape sequence$/m);
    expect(await s.exitCode('attach1')).toBe(1);
    await expectRestored(s, 'attach1');
    expect(await running(name)).toBe('true');

    runGuarded(s, `${B} container attach ${name}`, 'attach2');
    await s.waitRaw();
    s.line('exit 5');
    expect(await s.exitCode('attach2')).toBe(5);
    await expectRestored(s, 'attach2');
    expect(await running(name)).toBe('false');
  });

  it('exec -it: shell, size and resize, exit code, detach', async () => {
    const name = uniqueName('pty-exec');
    containers.push(name);
    await berth(['run', '-d', '--name', name, 'busybox', 'sleep', '600']);
    const s = await open();
    runGuarded(s, `${B} exec -it ${name} sh`, 'exec');
    await s.waitRaw();
    await s.waitFor('/ # ');
    await expectSize(s, '30 100');
    s.resize(80, 20);
    await expectSize(s, '20 80');
    s.line('exit 4');
    expect(await s.exitCode('exec')).toBe(4);
    await expectRestored(s, 'exec');

    runGuarded(s, `${B} exec -it ${name} sh`, 'exec2');
    await s.waitRaw();
    await s.waitFor('/ # ');
    s.keys('C-p', 'C-q');
    await s.waitFor(/read escape sequence$/m);
    expect(await s.exitCode('exec2')).toBe(1);
    await expectRestored(s, 'exec2');
  });

  it('--detach-keys and config.json detachKeys replace ctrl-p ctrl-q', async () => {
    const name = uniqueName('pty-keys');
    containers.push(name);
    const s = await open();
    runGuarded(s, `${B} run -it --name ${name} --detach-keys ctrl-x,x busybox sh`, 'flag');
    await s.waitRaw();
    await s.waitFor('/ # ');
    s.keys('C-p', 'C-q'); // not the sequence now: passed to the shell
    s.line('echo still-here');
    await s.waitFor(/^still-here$/m);
    s.keys('C-x', 'x');
    expect(await s.exitCode('flag')).toBe(0);
    await expectRestored(s, 'flag');
    expect(await running(name)).toBe('true');

    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ detachKeys: 'ctrl-a,a' }));
    try {
      runGuarded(s, `${B} exec -it ${name} sh`, 'config');
      await s.waitRaw();
      await s.waitFor('/ # ');
      s.keys('C-a', 'a');
      await s.waitFor(/read escape sequence$/m);
      expect(await s.exitCode('config')).toBe(1);
      await expectRestored(s, 'config');
    } finally {
      rmSync(join(configDir, 'config.json'), { force: true });
    }
  });

  it('start -ai: attaches a TTY container and returns its status', async () => {
    const name = uniqueName('pty-start');
    containers.push(name);
    await berth(['create', '-it', '--name', name, 'busybox', 'sh']);
    const s = await open();
    runGuarded(s, `${B} start -ai ${name}`, 'start');
    await s.waitRaw();
    s.line('echo started-$((1+1)); exit 6');
    await s.waitFor(/^started-2$/m);
    expect(await s.exitCode('start')).toBe(6);
    await expectRestored(s, 'start');
  });

  it('signals: each way they end berth leaves the terminal as it was', async () => {
    const name = uniqueName('pty-sig');
    containers.push(name);
    await berth(['run', '-d', '--name', name, 'busybox', 'sleep', '600']);
    const s = await open();
    // exec: the first SIGTERM ends the session quietly (docker's cancelled context): status 0
    runGuarded(s, `${B} exec -it ${name} sh`, 'term');
    await s.waitRaw();
    await s.waitFor('/ # ');
    process.kill(s.descendantPid('node')!, 'SIGTERM');
    expect(await s.exitCode('term')).toBe(0);
    await expectRestored(s, 'term');

    // run without the proxy: SIGHUP ends berth (129)
    const hup = uniqueName('pty-hup');
    containers.push(hup);
    runGuarded(s, `${B} run -it --rm --name ${hup} --sig-proxy=false busybox sh`, 'hup');
    await s.waitRaw();
    await s.waitFor('/ # ');
    process.kill(s.descendantPid('node')!, 'SIGHUP');
    expect(await s.exitCode('hup')).toBe(129);
    await expectRestored(s, 'hup');

    // run without the proxy: the third SIGTERM forces the exit (1), with docker's message
    const forced = uniqueName('pty-force');
    containers.push(forced);
    runGuarded(s, `${B} run -it --rm --name ${forced} --sig-proxy=false busybox sh`, 'force');
    await s.waitRaw();
    await s.waitFor('/ # ');
    const pid = s.descendantPid('node')!;
    for (let i = 0; i < 3; i++) {
      process.kill(pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await s.exitCode('force')).toBe(1);
    await s.waitFor('got 3 SIGTERM/SIGINTs, forcefully exiting');
    await expectRestored(s, 'force');
  });

  it('the engine connection dropping ends the session with the terminal restored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-pty-proxy-'));
    const sock = join(dir, 'p.sock');
    const target = HOST.slice('unix://'.length);
    const conns = new Set<net.Socket>();
    const proxy = net.createServer((c) => {
      const u = net.connect(target);
      conns.add(c);
      conns.add(u);
      c.pipe(u);
      u.pipe(c);
      const done = (): void => {
        c.destroy();
        u.destroy();
        conns.delete(c);
        conns.delete(u);
      };
      for (const x of [c, u]) {
        x.on('error', done);
        x.on('close', done);
      }
    });
    await new Promise<void>((r) => proxy.listen(sock, r));
    const name = uniqueName('pty-drop');
    containers.push(name);
    try {
      const s = await open({ DOCKER_HOST: `unix://${sock}` });
      runGuarded(s, `${B} run -it --name ${name} busybox sh`, 'drop');
      await s.waitRaw();
      // a round trip through the shell: the start request has long been answered
      s.line('echo up-$((40+2))');
      await s.waitFor(/^up-42$/m);
      await new Promise((r) => setTimeout(r, 200));
      for (const c of conns) c.destroy();
      const code = await s.exitCode('drop');
      expect(code).toBe(125);
      await s.waitFor('level=error msg="error waiting for container: unexpected EOF"');
      await expectRestored(s, 'drop');
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const diffReason = reason || (hasOracle() ? '' : `no reference docker CLI at ${DOCKER}`);

describe.skipIf(diffReason !== '')('the same screen as docker', () => {
  /** runs `cli ...args` in a fresh 100x30 terminal, types `keys`, and returns the screen */
  async function screenOf(cli: string, args: string, input: string[][], done: RegExp): Promise<string> {
    const s = new TmuxSession({ cwd: ROOT, env: { DOCKER_HOST: HOST, DOCKER_CLI_HINTS: 'false' } });
    try {
      await s.ready();
      s.line(`clear; ${cli} ${args}; echo "rc-x=$?"`);
      await s.waitRaw();
      for (const keys of input) {
        if (keys[0] === 'literal') s.type(keys[1]!);
        else s.keys(...keys);
        await new Promise((r) => setTimeout(r, 150));
      }
      await s.waitFor(done);
      return s.screen().replace(cli, 'CLI').trimEnd();
    } finally {
      s.close();
    }
  }

  it('run -it: terminal modes, size and typed bytes as the container sees them', async () => {
    const args = `run -it --rm busybox sh -c 'sleep 0.3; stty size; stty -g; IFS= read -r l; printf "%s" "$l" | od -An -c; exit 3'`;
    const input = [['literal', 'h\u00e9llo\tx \\ y'], ['Enter']];
    const [d, b] = await Promise.all([
      screenOf(DOCKER, args, input, /rc-x=\d+/),
      screenOf(B, args, input, /rc-x=\d+/),
    ]);
    if (process.env.BERTH_SHOW_SCREENS) console.log(b);
    expect(b).toBe(d);
    expect(b).toContain('rc-x=3');
  });
});

