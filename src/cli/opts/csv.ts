// The first record of Go's encoding/csv Reader (comma ',', strict quotes), as docker's
// --mount, --gpus and --network option parsers read their values, with Go's error texts.

const Q = 0x22; // "
const COMMA = 0x2c;
const NL = 0x0a;

class CsvParseError extends Error {}

function parseError(startLine: number, line: number, col: number, err: string): CsvParseError {
  if (startLine !== line) return new CsvParseError(`record on line ${startLine}; parse error on line ${line}, column ${col}: ${err}`);
  return new CsvParseError(`parse error on line ${line}, column ${col}: ${err}`);
}

const errBareQuote = 'bare " in non-quoted-field';
const errQuote = 'extraneous or missing " in quoted-field';

/** Reads the first CSV record of `value`; throws `EOF` for an empty input, as Go does. */
export function readCsvRecord(value: string): string[] {
  const data = Buffer.from(value, 'utf8');
  let offset = 0;
  let numLine = 0;
  const readLine = (): Buffer | null => {
    if (offset >= data.length) return null;
    let end = data.indexOf(NL, offset);
    let line: Buffer;
    if (end < 0) {
      line = data.subarray(offset);
      offset = data.length;
      if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    } else {
      end += 1;
      line = data.subarray(offset, end);
      offset = end;
      const n = line.length;
      if (n >= 2 && line[n - 2] === 0x0d) line = Buffer.concat([line.subarray(0, n - 2), Buffer.from([NL])]);
    }
    numLine++;
    return line;
  };
  const lengthNL = (b: Buffer): number => (b.length > 0 && b[b.length - 1] === NL ? 1 : 0);

  let line: Buffer | null;
  for (;;) {
    line = readLine();
    if (line === null) throw new Error('EOF');
    if (line.length === lengthNL(line)) continue; // skip empty lines
    break;
  }
  const recLine = numLine;
  const fields: Buffer[] = [];
  let cur: number[] = [];
  let pos = { line: numLine, col: 1 };
  let ln: Buffer = line;
  parse: for (;;) {
    if (ln.length === 0 || ln[0] !== Q) {
      const i = ln.indexOf(COMMA);
      const field = i >= 0 ? ln.subarray(0, i) : ln.subarray(0, ln.length - lengthNL(ln));
      const j = field.indexOf(Q);
      if (j >= 0) throw parseError(recLine, numLine, pos.col + j, errBareQuote);
      fields.push(Buffer.from(field));
      if (i >= 0) {
        ln = ln.subarray(i + 1);
        pos.col += i + 1;
        continue parse;
      }
      break parse;
    }
    // quoted field
    ln = ln.subarray(1);
    pos.col += 1;
    cur = [];
    for (;;) {
      const i = ln.indexOf(Q);
      if (i >= 0) {
        cur.push(...ln.subarray(0, i));
        ln = ln.subarray(i + 1);
        pos.col += i + 1;
        const rn = ln.length > 0 ? ln[0] : -1;
        if (rn === Q) {
          cur.push(Q);
          ln = ln.subarray(1);
          pos.col += 1;
        } else if (rn === COMMA) {
          ln = ln.subarray(1);
          pos.col += 1;
          fields.push(Buffer.from(cur));
          continue parse;
        } else if (lengthNL(ln) === ln.length) {
          fields.push(Buffer.from(cur));
          break parse;
        } else {
          throw parseError(recLine, numLine, pos.col - 1, errQuote);
        }
      } else if (ln.length > 0) {
        cur.push(...ln);
        pos.col += ln.length;
        const next = readLine();
        ln = next ?? Buffer.alloc(0);
        if (next !== null && next.length > 0) pos = { line: pos.line + 1, col: 1 };
      } else {
        throw parseError(recLine, pos.line, pos.col, errQuote);
      }
    }
  }
  return fields.map((f) => f.toString('utf8'));
}
