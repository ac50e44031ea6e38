/**
 * Go's text/tabwriter (elastic tabstops), as vendored by docker/cli
 * (cli/command/formatter/tabwriter), which measures cells in terminal
 * columns (East Asian wide characters count 2, combining marks 0) instead of
 * runes. docker's tables use `new TabWriter({minwidth: 10, tabwidth: 1,
 * padding: 3, padchar: ' '})`.
 *
 * Cells are terminated by '\t' (or '\v'); lines by '\n' (or '\f', which also
 * flushes). Text after the last tab of a line is a cell that is not part of a
 * column and is never padded, so lines have no trailing blanks. A line with no
 * tab at all ends the current block of columns.
 */

export const FilterHTML = 1 << 0;
export const StripEscape = 1 << 1;
export const AlignRight = 1 << 2;
export const DiscardEmptyColumns = 1 << 3;
export const TabIndent = 1 << 4;
export const Debug = 1 << 5;

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags?: number;
}

interface Cell {
  size: number; // length in UTF-16 units of the cell's text in buf
  width: number; // display width
  htab: boolean;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Terminal width of a code point (go-runewidth, non-East-Asian locale). */
export function runeWidth(r: number): number {
  if (r === 0) return 0;
  if (r < 0x20 || (r >= 0x7f && r < 0xa0)) return 0;
  if (r < 0x300) return 1;
  if (r === 0x200d || (r >= 0xfe00 && r <= 0xfe0f) || (r >= 0xe0100 && r <= 0xe01ef)) return 0;
  const c = String.fromCodePoint(r);
  if (ZERO_WIDTH.test(c)) return 0;
  if (
    (r >= 0x1100 && r <= 0x115f) ||
    (r >= 0x231a && r <= 0x231b) ||
    (r >= 0x2329 && r <= 0x232a) ||
    (r >= 0x23e9 && r <= 0x23ec) ||
    r === 0x23f0 ||
    r === 0x23f3 ||
    (r >= 0x25fd && r <= 0x25fe) ||
    (r >= 0x2614 && r <= 0x2615) ||
    (r >= 0x2648 && r <= 0x2653) ||
    r === 0x267f ||
    r === 0x2693 ||
    r === 0x26a1 ||
    (r >= 0x26aa && r <= 0x26ab) ||
    (r >= 0x26bd && r <= 0x26be) ||
    (r >= 0x26c4 && r <= 0x26c5) ||
    r === 0x26ce ||
    r === 0x26d4 ||
    r === 0x26ea ||
    (r >= 0x26f2 && r <= 0x26f3) ||
    r === 0x26f5 ||
    r === 0x26fa ||
    r === 0x26fd ||
    r === 0x2705 ||
    (r >= 0x270a && r <= 0x270b) ||
    r === 0x2728 ||
    r === 0x274c ||
    r === 0x274e ||
    (r >= 0x2753 && r <= 0x2755) ||
    r === 0x2757 ||
    (r >= 0x2795 && r <= 0x2797) ||
    r === 0x27b0 ||
    r === 0x27bf ||
    (r >= 0x2b1b && r <= 0x2b1c) ||
    r === 0x2b50 ||
    r === 0x2b55 ||
    (r >= 0x2e80 && r <= 0x303e) ||
    (r >= 0x3041 && r <= 0x33ff) ||
    (r >= 0x3400 && r <= 0x4dbf) ||
    (r >= 0x4e00 && r <= 0x9fff) ||
    (r >= 0xa000 && r <= 0xa4cf) ||
    (r >= 0xa960 && r <= 0xa97f) ||
    (r >= 0xac00 && r <= 0xd7a3) ||
    (r >= 0xf900 && r <= 0xfaff) ||
    (r >= 0xfe10 && r <= 0xfe19) ||
    (r >= 0xfe30 && r <= 0xfe6f) ||
    (r >= 0xff00 && r <= 0xff60) ||
    (r >= 0xffe0 && r <= 0xffe6) ||
    (r >= 0x16fe0 && r <= 0x18aff) ||
    (r >= 0x1b000 && r <= 0x1b2ff) ||
    r === 0x1f004 ||
    r === 0x1f0cf ||
    r === 0x1f18e ||
    (r >= 0x1f191 && r <= 0x1f19a) ||
    (r >= 0x1f200 && r <= 0x1f251) ||
    (r >= 0x1f300 && r <= 0x1f64f && !(r >= 0x1f321 && r <= 0x1f32c) && r !== 0x1f336 && r !== 0x1f37d) ||
    (r >= 0x1f680 && r <= 0x1f6ff) ||
    (r >= 0x1f7e0 && r <= 0x1f7eb) ||
    (r >= 0x1f90c && r <= 0x1f9ff) ||
    (r >= 0x1fa70 && r <= 0x1faff) ||
    (r >= 0x20000 && r <= 0x2fffd) ||
    (r >= 0x30000 && r <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Terminal width of a string (runewidth.StringWidth). */
export function stringWidth(s: string): number {
  let w = 0;
  for (const c of s) w += runeWidth(c.codePointAt(0)!);
  return w;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  private out = '';
  private buf = '';
  private unmeasured = '';
  private cell: Cell = { size: 0, width: 0, htab: false };
  private endChar = '';
  private lines: Cell[][] = [];
  private widths: number[] = [];

  constructor(opts: TabWriterOptions) {
    if (opts.minwidth < 0 || opts.tabwidth < 0 || opts.padding < 0) {
      throw new Error('negative minwidth, tabwidth, or padding');
    }
    this.minwidth = opts.minwidth;
    this.tabwidth = opts.tabwidth;
    this.padding = opts.padding;
    this.padchar = opts.padchar.length > 0 ? opts.padchar[0]! : ' ';
    let flags = opts.flags ?? 0;
    if (this.padchar === '\t') flags &= ~AlignRight;
    this.flags = flags;
    this.reset();
  }

  private reset(): void {
    this.buf = '';
    this.unmeasured = '';
    this.cell = { size: 0, width: 0, htab: false };
    this.endChar = '';
    this.lines = [[]];
    this.widths = [];
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      cellw = Math.floor((cellw + this.tabwidth - 1) / this.tabwidth) * this.tabwidth;
      const n = cellw - textw;
      if (n < 0) throw new Error('internal error');
      this.out += '\t'.repeat(Math.floor((n + this.tabwidth - 1) / this.tabwidth));
      return;
    }
    this.out += this.padchar.repeat(Math.max(0, cellw - textw));
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      let useTabs = (this.flags & TabIndent) !== 0;
      line.forEach((c, j) => {
        if (j > 0 && this.flags & Debug) this.out += '|';
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j]!, useTabs);
        } else {
          useTabs = false;
          if ((this.flags & AlignRight) === 0) {
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j]!, false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j]!, false);
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
          }
        }
      });
      if (i + 1 === this.lines.length) {
        this.out += this.buf.slice(pos, pos + this.cell.size);
        pos += this.cell.size;
      } else {
        this.out += '\n';
      }
    }
    return pos;
  }

  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      let line = this.lines[t]!;
      if (column >= line.length - 1) continue;
      pos = this.writeLines(pos, line0, t);
      line0 = t;
      let width = this.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        line = this.lines[t]!;
        if (column >= line.length - 1) break;
        const c = line[column]!;
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags & DiscardEmptyColumns) width = 0;
      this.widths.push(width);
      pos = this.format(pos, line0, t);
      this.widths.pop();
      line0 = t;
    }
    return this.writeLines(pos, line0, line1);
  }

  private append(text: string): void {
    this.buf += text;
    // measured apart from buf: slicing the ever-growing buf would flatten it on every cell
    this.unmeasured += text;
    this.cell.size += text.length;
  }

  private updateWidth(): void {
    this.cell.width += stringWidth(this.unmeasured);
    this.unmeasured = '';
  }

  private endEscape(): void {
    if (this.endChar === ';') this.cell.width++;
    this.unmeasured = '';
    this.endChar = '';
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1]!;
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private flushInternal(): void {
    if (this.cell.size > 0) {
      if (this.endChar !== '') this.endEscape();
      this.terminateCell(false);
    }
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  /** Write text; complete blocks may be formatted right away. */
  write(s: string): void {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      if (this.endChar === '') {
        switch (ch) {
          case '\t':
          case '\v':
          case '\n':
          case '\f': {
            this.append(s.slice(n, i));
            this.updateWidth();
            n = i + 1;
            const ncells = this.terminateCell(ch === '\t');
            if (ch === '\n' || ch === '\f') {
              this.lines.push([]);
              if (ch === '\f' || ncells === 1) {
                this.flushInternal();
                if (ch === '\f' && this.flags & Debug) this.out += '---\n';
              }
            }
            break;
          }
          case '<':
          case '&':
            if (this.flags & FilterHTML) {
              this.append(s.slice(n, i));
              this.updateWidth();
              n = i;
              this.endChar = ch === '<' ? '>' : ';';
            }
            break;
        }
      } else if (ch === this.endChar) {
        this.append(s.slice(n, i + 1));
        n = i + 1;
        this.endEscape();
      }
    }
    this.append(s.slice(n));
  }

  /** Format everything buffered and return all output produced since the last flush. */
  flush(): string {
    this.flushInternal();
    const o = this.out;
    this.out = '';
    return o;
  }
}
