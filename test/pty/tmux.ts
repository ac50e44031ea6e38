// A real pseudo-terminal for tests: a private tmux server running an interactive shell, driven
// with send-keys and read with capture-pane. Each session has its own server socket, so tests
// never touch a user's tmux.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasTmux(): boolean {
  const r = spawnSync('tmux', ['-V'], { stdio: 'ignore' });
  return r.status === 0;
}

export interface SessionOptions {
  width?: number;
  height?: number;
  env?: Record<string, string>;
  cwd?: string;
}

let counter = 0;

export class TmuxSession {
  readonly dir: string;
  private readonly socket: string;
  private readonly target = 'pty:0.0';

  constructor(o: SessionOptions = {}) {
    counter += 1;
    this.dir = mkdtempSync(join(tmpdir(), `berth-pty-${process.pid}-${counter}-`));
    this.socket = join(this.dir, 'tmux.sock');
    const env = { PS1: '$ ', HISTFILE: '/dev/null', TERM: 'xterm', ...o.env };
    const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'pty', '-x', String(o.width ?? 100), '-y', String(o.height ?? 30), '-c', o.cwd ?? process.cwd(), 'env', ...envArgs, 'bash', '--norc', '--noprofile', '-i']);
    this.tmux(['set-option', '-g', 'history-limit', '5000']);
  }

  /** Waits for the shell's first prompt: keys sent before it may be flushed by its start-up. */
  async ready(timeoutMs = 10_000): Promise<this> {
    await this.waitFor(/^\$ $/m, timeoutMs);
    return this;
  }

  tmux(args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** keys as tmux names them: 'Enter', 'C-p', ... */
  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.target, ...keys]);
  }

  /** literal text */
  type(text: string): void {
    this.tmux(['send-keys', '-t', this.target, '-l', text]);
  }

  /** a command line, then Enter */
  line(text: string): void {
    this.type(text);
    this.keys('Enter');
  }

  /** the visible screen and its scrollback, lines joined */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', this.target]);
  }

  async waitFor(what: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      const hit = typeof what === 'string' ? s.includes(what) : what.test(s);
      if (hit) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(what)}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits for `rc-TAG=N`, printed by a command line ending in `; echo "rc-TAG=$?"`. */
  async exitCode(tag: string, timeoutMs = 20_000): Promise<number> {
    const re = new RegExp(`rc-${tag}=(\\d+)$`, 'm');
    const s = await this.waitFor(re, timeoutMs);
    return Number(re.exec(s)![1]);
  }

  resize(width: number, height: number): void {
    this.tmux(['resize-window', '-t', 'pty', '-x', String(width), '-y', String(height)]);
  }

  /** the pid of the shell in the pane */
  shellPid(): number {
    return Number(this.tmux(['display-message', '-p', '-t', this.target, '#{pane_pid}']).trim());
  }

  /** the first process named `comm` below the pane's shell */
  descendantPid(comm: string): number | undefined {
    const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' }).stdout.trim().split('\n');
    const procs = rows.map((r) => r.trim().split(/\s+/)).map(([pid, ppid, c]) => ({ pid: Number(pid), ppid: Number(ppid), comm: c }));
    let frontier = [this.shellPid()];
    while (frontier.length > 0) {
      const kids = procs.filter((p) => frontier.includes(p.ppid));
      const hit = kids.find((p) => p.comm === comm);
      if (hit) return hit.pid;
      frontier = kids.map((p) => p.pid);
    }
    return undefined;
  }

  /** the pane's terminal device */
  tty(): string {
    return this.tmux(['display-message', '-p', '-t', this.target, '#{pane_tty}']).trim();
  }

  /** `stty -g` of the pane's terminal, read from outside */
  ttyState(): string {
    const fd = openSync(this.tty(), 'r');
    try {
      return spawnSync('stty', ['-g'], { stdio: [fd, 'pipe', 'ignore'], encoding: 'utf8' }).stdout.trim();
    } finally {
      closeSync(fd);
    }
  }

  /** Waits until the terminal is in raw mode (no canonical input): a program took it over. */
  async waitRaw(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fd = openSync(this.tty(), 'r');
      let all = '';
      try {
        all = spawnSync('stty', ['-a'], { stdio: [fd, 'pipe', 'ignore'], encoding: 'utf8' }).stdout;
      } finally {
        closeSync(fd);
      }
      if (/(^|\s)-icanon(\s|$)/.test(all) && /(^|\s)-opost(\s|$)/.test(all)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for raw mode; stty -a:\n${all}\nscreen:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  file(name: string): string {
    const p = join(this.dir, name);
    return existsSync(p) ? readFileSync(p, 'utf8') : '';
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  close(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
