// A terminal for tests: a Writable that says it is a TTY of a given size, and a small screen
// model of what the bytes written to it leave on screen (the cursor moves, line erases and
// carriage returns Ink and docker use; colours and modes ignored). Also counts frames.
import { Writable } from 'node:stream';

export class FakeTerminal extends Writable {
  readonly isTTY = true;
  columns: number;
  rows: number;
  readonly chunks: string[] = [];

  constructor(columns = 120, rows = 30) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    cb();
  }

  get output(): string {
    return this.chunks.join('');
  }

  getColorDepth(): number {
    return 1;
  }

  hasColors(): boolean {
    return false;
  }
}

/** the screen (with its scrollback) the bytes leave, trailing spaces and empty trailing lines dropped */
export function screenOf(bytes: string, columns = 1000): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = (): string[] => (lines[row] ??= []);
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === '\x1b') {
      const m = /^\x1b\[([?0-9;]*)([A-Za-z])/.exec(bytes.slice(i));
      if (!m) continue;
      i += m[0].length - 1;
      const raw = m[1] === '' ? 1 : Number(m[1]!.replace('?', '').split(';')[0]);
      // as terminals do, a count of 0 moves by one
      const n = Math.max(1, raw);
      switch (m[2]) {
        case 'A':
          row = Math.max(0, row - n);
          break;
        case 'B':
          row += n;
          break;
        case 'E':
          row += n;
          col = 0;
          line();
          break;
        case 'F':
          row = Math.max(0, row - n);
          col = 0;
          break;
        case 'G':
          col = Math.max(0, n - 1);
          break;
        case 'K':
          if (m[1] === '2') lines[row] = [];
          else if (m[1] === '' || m[1] === '0') line().length = Math.min(line().length, col);
          break;
        case 'J':
          if (m[1] === '2' || m[1] === '3') {
            lines.length = 0;
            lines.push([]);
            row = 0;
            col = 0;
          }
          break;
        case 'H':
          row = 0;
          col = 0;
          break;
        default:
          break; // modes, colours
      }
      continue;
    }
    if (c === '\r') {
      col = 0;
      continue;
    }
    if (c === '\n') {
      row += 1;
      col = 0;
      line();
      continue;
    }
    if (col >= columns) {
      row += 1;
      col = 0;
    }
    const l = line();
    while (l.length < col) l.push(' ');
    l[col] = c;
    col += 1;
  }
  const text = lines.map((l) => (l ?? []).join('').replace(/\s+$/, ''));
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  return text;
}
