import { describe, expect, it } from 'vitest';
import { TabWriter, AlignRight, Debug, DiscardEmptyColumns, stringWidth } from '../../../src/format/tabwriter.js';

// docker's tables: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0) over "HEADER\n" + "ROW\n"...
// Expected outputs come from docker CLI 28.2.2: docker images --format 'table {{"..."}}'
// (one image, so the template text appears twice: header row and data row).
function dockerTable(rowText: string, rows = 2): string {
  const w = new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
  for (let i = 0; i < rows; i++) w.write(rowText + '\n');
  return w.flush();
}

describe('TabWriter (docker tables)', () => {
  it('pads columns to minwidth 10 or cell width + 3, never the last cell', () => {
    expect(dockerTable('a\tb\tc')).toBe('a         b         c\na         b         c\n');
    expect(dockerTable('x\tlonger-cell-value\tz')).toBe('x         longer-cell-value   z\nx         longer-cell-value   z\n');
    const w = new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
    w.write('REPOSITORY\tTAG\tIMAGE ID\n');
    w.write('busybox\tlatest\t986af4c47fa0\n');
    expect(w.flush()).toBe('REPOSITORY   TAG       IMAGE ID\nbusybox      latest    986af4c47fa0\n');
  });
  it('ends a column block at a line without tabs', () => {
    expect(dockerTable('a\tb\n\nccccccccccccc\td')).toBe('a         b\n\nccccccccccccc   d\na               b\n\nccccccccccccc   d\n');
    expect(dockerTable('a\tb\nc\nd\te')).toBe('a         b\nc\nd         e\na         b\nc\nd         e\n');
  });
  it('measures terminal width (wide and combining characters)', () => {
    expect(dockerTable('日本語\tx\né\ty\t')).toBe('日本語    x\né         y         \n日本語    x\né         y         \n');
    expect(dockerTable('😀x\ty\n\u0301z\tw')).toBe('😀x       y\n\u0301z         w\n😀x       y\n\u0301z         w\n');
    expect(stringWidth('日本語😀é')).toBe(9);
  });
  it('handles empty cells and columns of different lengths', () => {
    expect(dockerTable('\t\tx')).toBe('                    x\n                    x\n');
    expect(dockerTable('a\t\tb\naaaaaaaaaaaaaaaa\tc\td\te')).toBe(
      'a                            b\naaaaaaaaaaaaaaaa   c         d         e\na                            b\naaaaaaaaaaaaaaaa   c         d         e\n',
    );
  });
  it('keeps a trailing line without newline, and can be flushed repeatedly', () => {
    const w = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 1, padchar: '.' });
    w.write('a\tbb\tc\naaa\tb');
    expect(w.flush()).toBe('a...bb.c\naaa.b');
    w.write('x\ty\n');
    expect(w.flush()).toBe('x.y\n');
    expect(w.flush()).toBe('');
  });
  it('supports Go flags', () => {
    const r = new TabWriter({ minwidth: 5, tabwidth: 0, padding: 1, padchar: ' ', flags: AlignRight });
    r.write('a\tbbb\tc\n1234567\t1\t\n');
    expect(r.flush()).toBe('       a  bbbc\n 1234567    1\n');
    const d = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 1, padchar: ' ', flags: Debug });
    d.write('a\tb\tc\n');
    expect(d.flush()).toBe('a |b |c\n');
    const e = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 1, padchar: ' ', flags: DiscardEmptyColumns });
    e.write('a\v\vb\n');
    expect(e.flush()).toBe('a b\n');
    const t = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 1, padchar: '\t' });
    t.write('a\tb\naaaaaaaaa\tb\n');
    expect(t.flush()).toBe('a\t\tb\naaaaaaaaa\tb\n');
  });
  it('rejects negative sizes', () => {
    expect(() => new TabWriter({ minwidth: -1, tabwidth: 0, padding: 0, padchar: ' ' })).toThrow();
  });
});

describe('tabwriter at scale', () => {
  it('stays linear: 20,000 rows in well under a second', () => {
    const w = new TabWriter({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });
    const t0 = performance.now();
    w.write('A\tB\tC\n');
    for (let i = 0; i < 20000; i++) w.write(`${i.toString(16).padStart(12, '0')}\tname-${i}\tUp ${i % 60} seconds\n`);
    const out = w.flush();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(out.split('\n')[1]).toBe('000000000000   name-0       Up 0 seconds');
  });
});
