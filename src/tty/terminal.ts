// The local terminal while a TTY session is attached: raw mode exactly as docker sets it
// (moby/term's makeRaw: no echo, no line editing, no signals from keys, no output
// post-processing, 8-bit), and its restoration on every way out — a normal end, an error, a
// detach, a signal that ends berth, a crash (process 'exit'), and, as a last resort, Node's
// own reset of the terminal state it saw at start-up.
//
// Node's setRawMode (libuv) is not docker's raw mode: it leaves output post-processing on, so
// a bare \n written by a full-screen program in the container would come out as \r\n. The
// modes are therefore set with stty(1), run on the terminal itself; setRawMode is only the
// fallback where stty is missing.
import { spawnSync } from 'node:child_process';
import { isatty } from 'node:tty';
import type { ReadStream } from 'node:tty';

/** moby/term makeRaw, flag by flag */
export const RAW_STTY_ARGS = [
  '-ignbrk', '-brkint', '-parmrk', '-istrip', '-inlcr', '-igncr', '-icrnl', '-ixon',
  '-opost',
  '-echo', '-echonl', '-icanon', '-isig', '-iexten',
  '-parenb', 'cs8',
  'min', '1', 'time', '0',
];

/** Signals whose default action ends the process, and which Node does not already handle by resetting the terminal. */
const FATAL_SIGNALS: NodeJS.Signals[] = ['SIGHUP', 'SIGQUIT', 'SIGALRM', 'SIGUSR2', 'SIGVTALRM', 'SIGXCPU', 'SIGXFSZ', 'SIGPWR', 'SIGSYS', 'SIGTRAP', 'SIGABRT', 'SIGINT', 'SIGTERM'];

function stty(fd: number, args: string[]): { ok: boolean; out: string } {
  try {
    const r = spawnSync('stty', args, { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
    return { ok: r.status === 0, out: (r.stdout ?? '').trim() };
  } catch {
    return { ok: false, out: '' };
  }
}

export interface RawModeOptions {
  /** the terminal's file descriptor (docker: the input's) */
  fd?: number;
  /** the stream on that descriptor, for the setRawMode fallback */
  stream?: ReadStream;
  env?: NodeJS.ProcessEnv;
}

/**
 * One raw-mode session of a terminal. enter() once; restore() any number of times (only the
 * first does anything).
 */
export class RawTerminal {
  private readonly fd: number;
  private readonly stream?: ReadStream;
  private readonly env: NodeJS.ProcessEnv;
  private saved: string | undefined;
  private viaNode = false;
  private active = false;
  private readonly onExit = (): void => this.restore();
  /** back from a stop (ctrl-z elsewhere, kill -STOP): the shell has put its own modes back */
  private readonly onCont = (): void => {
    if (this.active && this.saved !== undefined) stty(this.fd, RAW_STTY_ARGS);
  };
  private readonly signalHandlers = new Map<NodeJS.Signals, () => void>();

  constructor(o: RawModeOptions = {}) {
    this.fd = o.fd ?? 0;
    this.stream = o.stream;
    this.env = o.env ?? process.env;
  }

  get isRaw(): boolean {
    return this.active;
  }

  /** Sets raw mode; a no-op when the descriptor is not a terminal or NORAW is set (as in docker). */
  enter(): void {
    if (this.active || !isatty(this.fd) || (this.env.NORAW ?? '') !== '') return;
    const saved = stty(this.fd, ['-g']);
    if (saved.ok && saved.out !== '' && stty(this.fd, RAW_STTY_ARGS).ok) {
      this.saved = saved.out;
    } else if (this.stream && typeof this.stream.setRawMode === 'function') {
      this.stream.setRawMode(true);
      this.viaNode = true;
    } else {
      throw new Error('unable to set IO streams as raw terminal: stty failed');
    }
    this.active = true;
    process.on('exit', this.onExit);
    process.on('SIGCONT', this.onCont);
    for (const sig of FATAL_SIGNALS) {
      const h = (): void => this.onSignal(sig);
      this.signalHandlers.set(sig, h);
      process.on(sig, h);
    }
  }

  /** Puts the terminal back as it was before enter(). */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    if (this.viaNode) {
      try {
        this.stream?.setRawMode(false);
      } catch {
        // the terminal is gone
      }
    } else if (this.saved !== undefined) {
      stty(this.fd, [this.saved]);
    }
    process.removeListener('exit', this.onExit);
    process.removeListener('SIGCONT', this.onCont);
    for (const [sig, h] of this.signalHandlers) process.removeListener(sig, h);
    this.signalHandlers.clear();
  }

  /**
   * A signal arrived while raw. When nothing else listens for it (no signal proxy), it would
   * have ended berth: restore the terminal and let it do so.
   */
  private onSignal(sig: NodeJS.Signals): void {
    if (process.listenerCount(sig) > 1) return;
    this.restore();
    process.kill(process.pid, sig);
  }
}

export interface WindowSize {
  height: number;
  width: number;
}

/** docker's Out().GetTtySize(): 0x0 when the descriptor is not a terminal */
export function ttySize(stream: NodeJS.WriteStream | undefined): WindowSize {
  const s = stream as (NodeJS.WriteStream & { getWindowSize?: () => [number, number] }) | undefined;
  if (!s || !s.isTTY || typeof s.getWindowSize !== 'function') return { height: 0, width: 0 };
  try {
    const [width, height] = s.getWindowSize();
    return { height, width };
  } catch {
    return { height: 0, width: 0 };
  }
}
