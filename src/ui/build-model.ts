// What the terminal view of a classic build knows: the upload, the steps the daemon's stream
// announces ("Step 2/5 : RUN make"), each step's output and outcome, and docker's plain log
// (exactly what docker prints without a terminal) to leave on screen at the end. No Ink here:
// the model is fed and read by the view, and by tests.
import type { JSONMessage } from '../engine/stream.js';
import { displayMessage, progressLine, progressText, SENDING } from '../build/output.js';

export type StepState = 'running' | 'done' | 'failed';

export interface Step {
  /** "Step 2/5 : RUN make" */
  title: string;
  index: number;
  count: number;
  state: StepState;
  cached: boolean;
  /** the step's resulting image (" ---> 0a1b2c3d4e5f") */
  result?: string;
  started: number;
  ended?: number;
  /** the last lines of its output (RUN), for the live tail */
  tail: string[];
  /** lines of output seen */
  lines: number;
}

const TAIL = 200;
/** how much of docker's plain log is kept for the end (beyond, the oldest is dropped) */
const LOG_LIMIT = 64 << 20;

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export class BuildModel {
  readonly steps: Step[] = [];
  upload = { bytes: 0, done: false, started: Date.now() };
  /** live progress of pulls and downloads, by id */
  readonly progress = new Map<string, string>();
  /** lines before the first step (downloads, warnings) and after the last (Successfully …) */
  readonly before: string[] = [];
  readonly after: string[] = [];
  failed?: string;
  private partial = '';
  private log: string[] = [];
  private logBytes = 0;
  private dropped = 0;
  /** bumped on every change, so the view knows when to redraw */
  version = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private record(s: string): void {
    this.log.push(s);
    this.logBytes += s.length;
    while (this.logBytes > LOG_LIMIT && this.log.length > 1) {
      const first = this.log.shift()!;
      this.logBytes -= first.length;
      this.dropped += first.length;
    }
  }

  /** docker's plain output so far (what it leaves on a terminal, minus the in-place updates) */
  plainLog(): string {
    const head = this.dropped > 0 ? `[… ${this.dropped} bytes of earlier output not kept]\n` : '';
    return head + this.log.join('');
  }

  get current(): Step | undefined {
    const last = this.steps[this.steps.length - 1];
    return last && last.state === 'running' ? last : undefined;
  }

  setUpload(bytes: number, done: boolean): void {
    this.upload.bytes = bytes;
    if (done && !this.upload.done) {
      this.upload.done = true;
      this.record(progressLine(SENDING, bytes, 0, true));
    }
    this.version++;
  }

  /** a URL context's download progress (raw progress text, lines end with \r) */
  download(text: string): void {
    const line = text.replace(/\r\n$/, '').replace(/\r$/, '');
    if (line !== '') this.progress.set('download', line);
    if (text.endsWith('\r\n')) {
      this.progress.delete('download');
      this.record(`${line}\n`);
    }
    this.version++;
  }

  /** one message of the daemon's stream (not aux); throws the message's error, as docker does */
  message(jm: JSONMessage): void {
    this.version++;
    const p = jm.progressDetail;
    if (jm.id && (p || jm.progress)) {
      const text = p ? progressText(p.current ?? 0, p.total ?? 0, 100).trim() : '';
      this.progress.set(jm.id, `${jm.id}: ${jm.status ?? ''} ${text || jm.progress || ''}`.trimEnd());
    } else if (jm.id && jm.status) {
      this.progress.set(jm.id, `${jm.id}: ${jm.status}`);
    }
    try {
      displayMessage(jm, (s) => {
        this.record(s);
        if (jm.stream !== undefined && jm.stream !== '') this.text(s);
        else if (!jm.id) this.text(s);
      });
    } catch (e) {
      this.fail((e as Error).message);
      throw e;
    }
  }

  /** the build ended with an error: the running step failed */
  fail(message: string): void {
    this.failed = message;
    const cur = this.current;
    if (cur) {
      cur.state = 'failed';
      cur.ended = this.now();
    }
    this.version++;
  }

  /** the build ended well: the last step is done */
  finish(): void {
    const cur = this.current;
    if (cur) {
      cur.state = 'done';
      cur.ended = this.now();
    }
    this.version++;
  }

  /** stream text, split into lines (a line may come in pieces) */
  private text(s: string): void {
    const all = this.partial + s;
    const parts = all.split('\n');
    this.partial = parts.pop()!;
    for (const line of parts) this.line(line);
  }

  private line(raw: string): void {
    // carriage returns redraw a line: keep what shows last
    const cr = raw.lastIndexOf('\r', raw.length - 2);
    const line = (cr >= 0 ? raw.slice(cr + 1) : raw).replace(/\r$/, '');
    const plain = line.replace(ANSI, '');
    const step = /^Step (\d+)\/(\d+) : (.*)$/.exec(plain);
    if (step) {
      const cur = this.current;
      const t = this.now();
      if (cur) {
        cur.state = 'done';
        cur.ended = t;
      }
      this.progress.clear();
      this.steps.push({ title: plain, index: Number(step[1]), count: Number(step[2]), state: 'running', cached: false, started: t, tail: [], lines: 0 });
      return;
    }
    const cur = this.current;
    if (/^Successfully (built|tagged) /.test(plain)) {
      this.finish();
      this.after.push(plain);
      return;
    }
    if (!cur) {
      if (this.steps.length === 0) this.before.push(plain);
      else this.after.push(plain);
      return;
    }
    if (plain === ' ---> Using cache') {
      cur.cached = true;
      return;
    }
    const result = /^ ---> ([0-9a-f]{12,64})$/.exec(plain);
    if (result) {
      cur.result = result[1];
      return;
    }
    if (/^ ---> Running in [0-9a-f]+$/.test(plain) || /^Removing intermediate container [0-9a-f]+$/.test(plain)) return;
    cur.lines++;
    cur.tail.push(line);
    if (cur.tail.length > TAIL) cur.tail.shift();
  }
}
