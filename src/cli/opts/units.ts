// docker/go-units: byte sizes as docker's --memory, --shm-size, --tmpfs-size take them.
import { goParseFloat } from './goparse.js';

const KiB = 1024;
const binaryMap: Record<string, number> = { k: KiB, m: KiB ** 2, g: KiB ** 3, t: KiB ** 4, p: KiB ** 5 };
const decimalMap: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };

/** Go's int64(float64) conversion, as amd64 does it (out of range gives math.MinInt64) */
function toInt64(f: number): number {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return -(2 ** 63);
  return Math.trunc(f);
}

function parseSize(sizeStr: string, uMap: Record<string, number>): number {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ('01234567890. '.includes(sizeStr[i]!)) {
      sep = i;
      break;
    }
  }
  if (sep === -1) throw new Error(`invalid size: '${sizeStr}'`);
  let num: string;
  let sfx: string;
  if (sizeStr[sep] !== ' ') {
    num = sizeStr.slice(0, sep + 1);
    sfx = sizeStr.slice(sep + 1);
  } else {
    num = sizeStr.slice(0, sep);
    sfx = sizeStr.slice(sep + 1);
  }
  let size = goParseFloat(num);
  if (size < 0) throw new Error(`invalid size: '${sizeStr}'`);
  if (sfx.length === 0) return toInt64(size);
  const bad = (): Error => new Error(`invalid suffix: '${sfx}'`);
  // go-units counts bytes, not characters
  if (Buffer.byteLength(sfx) > 3) throw bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) throw bad();
    return toInt64(size);
  }
  const mul = uMap[sfx[0]!];
  if (mul === undefined) throw bad();
  size *= mul;
  if (sfx.length === 2 && sfx[1] !== 'b') throw bad();
  if (sfx.length === 3 && sfx.slice(1) !== 'ib') throw bad();
  return toInt64(size);
}

/** units.RAMInBytes: "1k" is 1024, "1.5g", "10 MiB"; errors `invalid size: 'abc'` */
export function ramInBytes(size: string): number {
  return parseSize(size, binaryMap);
}

/** units.FromHumanSize: "1k" is 1000 */
export function fromHumanSize(size: string): number {
  return parseSize(size, decimalMap);
}
