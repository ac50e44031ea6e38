// Keeps a container's (or an exec's) TTY the size of the local terminal: once at start —
// retried while the engine refuses (an exec that is not running yet), as docker's
// initTtySize does — then on every SIGWINCH. Resizes go out one at a time, the newest size
// winning, so a burst of window changes cannot reach the engine out of order.
import { ttySize, type WindowSize } from './terminal.js';

export interface ResizeTarget {
  /** POST .../resize?h=&w= */
  resize(height: number, width: number): Promise<void>;
}

export interface MonitorOptions {
  /** where the size is read (docker: stdout) */
  out: NodeJS.WriteStream;
  /** where "failed to resize tty" goes */
  err: NodeJS.WritableStream;
  /** size source, for tests */
  size?: () => WindowSize;
  /** delays between the start-up retries, for tests */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class TtySizeMonitor {
  private stopped = false;
  private inFlight = false;
  private again = false;
  private readonly size: () => WindowSize;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onWinch = (): void => this.update();
  private idle: Promise<void> = Promise.resolve();
  private settle: () => void = () => undefined;

  constructor(private readonly target: ResizeTarget, private readonly o: MonitorOptions) {
    this.size = o.size ?? (() => ttySize(o.out));
    this.sleep = o.sleep ?? defaultSleep;
  }

  /** One resize to `h`x`w`; errors are swallowed (docker logs them at debug level). */
  async resizeTo(height: number, width: number): Promise<boolean> {
    if (height === 0 && width === 0) return true;
    try {
      await this.target.resize(height, width);
      return true;
    } catch {
      return false;
    }
  }

  /** initTtySize then SIGWINCH handling, as docker's MonitorTtySize. */
  start(): void {
    process.on('SIGWINCH', this.onWinch);
    void this.initial();
  }

  private async initial(): Promise<void> {
    const first = this.size();
    if (await this.resizeTo(first.height, first.width)) return;
    for (let retry = 0; retry < 10; retry++) {
      await this.sleep((retry + 1) * 10);
      if (this.stopped) return;
      const s = this.size();
      if (await this.resizeTo(s.height, s.width)) return;
    }
    if (!this.stopped) this.o.err.write('failed to resize tty, using default size\n');
  }

  /** Sends the current size, after any resize still on its way. */
  update(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.idle = new Promise<void>((r) => (this.settle = r));
    void (async () => {
      do {
        this.again = false;
        const s = this.size();
        await this.resizeTo(s.height, s.width);
      } while (this.again && !this.stopped);
      this.inFlight = false;
      this.settle();
    })();
  }

  /** resolves when no resize is in flight */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  stop(): void {
    this.stopped = true;
    process.removeListener('SIGWINCH', this.onWinch);
  }
}
