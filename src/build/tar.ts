// Tar headers as Go's archive/tar Writer writes them for docker's build contexts: USTAR when
// the entry fits (long ASCII names split into prefix/name), else a PAX extended header
// (path, linkpath, size, mtime, xattrs) followed by the entry's header; numbers in
// zero-padded octal, NUL-terminated; checksum as "%06o\0 ". The daemon would take any valid
// tar, but the same bytes make the same cache keys and make the two clients comparable.

export const BLOCK = 512;
/** the end-of-archive marker Go's Writer.Close writes (two zero blocks, no record padding) */
export const TRAILER = Buffer.alloc(2 * BLOCK);

export const TYPE_REG = 0x30; // '0'
export const TYPE_LINK = 0x31; // '1'
export const TYPE_SYMLINK = 0x32; // '2'
export const TYPE_CHAR = 0x33; // '3'
export const TYPE_BLOCK = 0x34; // '4'
export const TYPE_DIR = 0x35; // '5'
export const TYPE_FIFO = 0x36; // '6'
const TYPE_XHEADER = 0x78; // 'x'

export interface TarHeader {
  /** the entry's path, as bytes (directories end with "/") */
  name: Buffer;
  linkname?: Buffer;
  typeflag: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** seconds since the epoch (whole) */
  mtime: number;
  uname?: string;
  gname?: string;
  devmajor?: number;
  devminor?: number;
  /** extra PAX records (SCHILY.xattr.*) */
  pax?: Record<string, string>;
}

const NAME_SIZE = 100;
const PREFIX_SIZE = 155;

/** archive/tar's isASCII: every rune below 0x80 and no NUL */
function isASCII(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c >= 0x80 || c === 0) return false;
  }
  return true;
}

/** archive/tar's toASCII: drops every non-ASCII rune and NUL */
function toASCII(b: Buffer): Buffer {
  if (isASCII(b)) return b;
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80 && c !== 0) out.push(c);
  }
  return Buffer.from(out);
}

function fitsInOctal(n: number, x: number): boolean {
  const octBits = (n - 1) * 3;
  return x >= 0 && (n >= 22 || x < 2 ** octBits);
}

/** formatter.formatString: copy, NUL-terminate when shorter, no trailing "/" cut in two */
function putString(blk: Buffer, off: number, len: number, s: Buffer): void {
  s.copy(blk, off, 0, Math.min(len, s.length));
  if (s.length < len) blk[off + s.length] = 0;
  if (s.length > len && blk[off + len - 1] === 0x2f) {
    let n = len - 1;
    while (n > 0 && s[n - 1] === 0x2f) n--;
    blk[off + n] = 0;
  }
}

/** formatter.formatOctal: zero-padded to the field less one, NUL-terminated; 0 when it doesn't fit */
function putOctal(blk: Buffer, off: number, len: number, x: number): void {
  if (!fitsInOctal(len, x)) x = 0;
  let s = x.toString(8);
  const pad = len - s.length - 1;
  if (pad > 0) s = '0'.repeat(pad) + s;
  putString(blk, off, len, Buffer.from(s, 'latin1'));
}

function checksum(blk: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : blk[i]!;
  return sum;
}

/** setFormat(USTAR|PAX): magic, version, then the checksum */
function finish(blk: Buffer): Buffer {
  blk.write('ustar\x00', 257, 'latin1');
  blk.write('00', 263, 'latin1');
  const sum = checksum(blk);
  putOctal(blk, 148, 7, sum);
  blk[155] = 0x20;
  return blk;
}

/** templateV7Plus: the fields every header shares */
function template(h: TarHeader, name: Buffer, linkname: Buffer, str: (b: Buffer) => Buffer): Buffer {
  const blk = Buffer.alloc(BLOCK);
  blk[156] = h.typeflag;
  putString(blk, 0, 100, str(name));
  putString(blk, 157, 100, str(linkname));
  putOctal(blk, 100, 8, h.mode);
  putOctal(blk, 108, 8, h.uid);
  putOctal(blk, 116, 8, h.gid);
  putOctal(blk, 124, 12, h.size);
  putOctal(blk, 136, 12, h.mtime);
  putString(blk, 265, 32, str(Buffer.from(h.uname ?? '', 'utf8')));
  putString(blk, 297, 32, str(Buffer.from(h.gname ?? '', 'utf8')));
  putOctal(blk, 329, 8, h.devmajor ?? 0);
  putOctal(blk, 337, 8, h.devminor ?? 0);
  return blk;
}

/** splitUSTARPath */
function splitUSTARPath(name: Buffer): [Buffer, Buffer] | undefined {
  let length = name.length;
  if (length <= NAME_SIZE || !isASCII(name)) return undefined;
  if (length > PREFIX_SIZE + 1) length = PREFIX_SIZE + 1;
  else if (name[length - 1] === 0x2f) length--;
  const i = name.subarray(0, length).lastIndexOf(0x2f);
  const nlen = name.length - i - 1;
  const plen = i;
  if (i <= 0 || nlen > NAME_SIZE || nlen === 0 || plen > PREFIX_SIZE) return undefined;
  return [name.subarray(0, i), name.subarray(i + 1)];
}

/** formatPAXRecord */
function paxRecord(k: string, v: Buffer): Buffer {
  const kb = Buffer.from(k, 'utf8');
  let size = kb.length + v.length + 3;
  size += String(size).length;
  let head = `${size} `;
  if (head.length + kb.length + 1 + v.length + 1 !== size) {
    size = head.length + kb.length + 1 + v.length + 1;
    head = `${size} `;
  }
  return Buffer.concat([Buffer.from(head, 'latin1'), kb, Buffer.from('='), v, Buffer.from('\n')]);
}

function pathBase(p: Buffer): [Buffer, Buffer] {
  // path.Split: dir keeps its trailing slash
  const i = p.lastIndexOf(0x2f);
  return [p.subarray(0, i + 1), p.subarray(i + 1)];
}

/** path.Join(dir, "PaxHeaders.0", file) */
function paxName(name: Buffer): Buffer {
  const [dir, file] = pathBase(name);
  const parts = [dir.toString('latin1'), 'PaxHeaders.0', file.toString('latin1')].filter((x) => x !== '');
  // path.Clean of the joined parts (dir may end with "/")
  const joined = parts.join('/').replace(/\/+/g, '/');
  const segs: string[] = [];
  for (const s of joined.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (segs.length > 0 && segs[segs.length - 1] !== '..') segs.pop();
      else if (!joined.startsWith('/')) segs.push('..');
      continue;
    }
    segs.push(s);
  }
  return Buffer.from((joined.startsWith('/') ? '/' : '') + segs.join('/'), 'latin1');
}

/**
 * The bytes Go's Writer.WriteHeader puts out for `h` with Format PAX wanted (what
 * go-archive's FileInfoHeader asks for): one USTAR header, or a PAX extended header, its
 * records and the entry's header. Mtimes are whole seconds here: go-archive truncates them,
 * and Go rounds those of headers without a format (the Dockerfile docker adds).
 */
export function encodeHeader(h: TarHeader): Buffer {
  const name = h.name;
  const linkname = h.linkname ?? Buffer.alloc(0);
  const paxHdrs = new Map<string, Buffer>();
  let ustar = true;
  let pax = true;

  const verifyString = (s: Buffer, size: number, key: string): void => {
    const tooLong = s.length > size;
    if (!isASCII(s) || tooLong) {
      const canSplit = key === 'path';
      if (!canSplit || !splitUSTARPath(s)) ustar = false;
      paxHdrs.set(key, s);
    }
  };
  const verifyNumeric = (n: number, size: number, key: string | undefined): void => {
    if (!fitsInOctal(size, n)) {
      ustar = false;
      if (key === undefined) pax = false;
      else paxHdrs.set(key, Buffer.from(String(n), 'latin1'));
    }
  };
  verifyString(name, NAME_SIZE, 'path');
  verifyString(linkname, NAME_SIZE, 'linkpath');
  verifyString(Buffer.from(h.uname ?? '', 'utf8'), 32, 'uname');
  verifyString(Buffer.from(h.gname ?? '', 'utf8'), 32, 'gname');
  verifyNumeric(h.mode, 8, undefined);
  verifyNumeric(h.uid, 8, 'uid');
  verifyNumeric(h.gid, 8, 'gid');
  verifyNumeric(h.size, 12, 'size');
  verifyNumeric(h.devmajor ?? 0, 8, undefined);
  verifyNumeric(h.devminor ?? 0, 8, undefined);
  if (!fitsInOctal(12, h.mtime)) {
    ustar = false;
    paxHdrs.set('mtime', Buffer.from(String(h.mtime), 'latin1'));
  }
  if (h.pax && Object.keys(h.pax).length > 0) {
    ustar = false;
    for (const [k, v] of Object.entries(h.pax)) paxHdrs.set(k, Buffer.from(v, 'latin1'));
  }
  if (!ustar && !pax) throw new Error('archive/tar: cannot encode header');

  if (ustar) {
    let n: Buffer = name;
    let prefix: Buffer = Buffer.alloc(0);
    const split = splitUSTARPath(name);
    if (split) [prefix, n] = split;
    const blk = template(h, n, linkname, (b) => b);
    putString(blk, 345, 155, prefix);
    return finish(blk);
  }

  const parts: Buffer[] = [];
  if (paxHdrs.size > 0) {
    const keys = [...paxHdrs.keys()].sort();
    const data = Buffer.concat(keys.map((k) => paxRecord(k, paxHdrs.get(k)!)));
    let xname = toASCII(paxName(name));
    if (xname.length > NAME_SIZE) xname = xname.subarray(0, NAME_SIZE);
    let e = xname.length;
    while (e > 0 && xname[e - 1] === 0x2f) e--;
    xname = xname.subarray(0, e);
    const xblk = Buffer.alloc(BLOCK);
    xblk[156] = TYPE_XHEADER;
    putString(xblk, 0, 100, xname);
    putOctal(xblk, 100, 8, 0);
    putOctal(xblk, 108, 8, 0);
    putOctal(xblk, 116, 8, 0);
    putOctal(xblk, 124, 12, data.length);
    putOctal(xblk, 136, 12, 0);
    parts.push(finish(xblk), data, Buffer.alloc(padding(data.length)));
  }
  parts.push(finish(template(h, name, linkname, toASCII)));
  return Buffer.concat(parts);
}

/** zero bytes after `size` bytes of data, to the next block */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** whether a data-carrying entry type (others are header-only) */
export function hasData(typeflag: number): boolean {
  return typeflag === TYPE_REG || typeflag === 0 || typeflag === 0x37;
}

/**
 * IsArchive's tar half: does the first header parse as Go's tar.Reader.Next would (a
 * checksum that adds up, a known magic, numeric fields that parse, and for extended headers
 * the header they describe within the bytes at hand)?
 */
export function looksLikeTar(buf: Buffer): boolean {
  let off = 0;
  for (let guard = 0; guard < 8; guard++) {
    if (buf.length - off < BLOCK) return false;
    const blk = buf.subarray(off, off + BLOCK);
    if (blk.every((b) => b === 0)) return false;
    const field = (o: number, n: number): string => {
      let s = blk.subarray(o, o + n).toString('latin1');
      const z = s.indexOf('\0');
      if (z >= 0) s = s.slice(0, z);
      return s.trim();
    };
    const octal = (o: number, n: number): number | undefined => {
      // base-256 numbers start with 0x80 or 0xff
      if (blk[o]! & 0x80) return 0;
      const s = field(o, n);
      if (s === '') return 0;
      if (!/^[0-7]+$/.test(s)) return undefined;
      return parseInt(s, 8);
    };
    const sum = octal(148, 8);
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
      const c = i >= 148 && i < 156 ? 0x20 : blk[i]!;
      unsigned += c;
      signed += c > 127 ? c - 256 : c;
    }
    if (sum === undefined || (sum !== unsigned && sum !== signed)) return false;
    const fields: [number, number][] = [[100, 8], [108, 8], [116, 8], [124, 12], [136, 12]];
    if (blk.toString('latin1', 257, 263) === 'ustar\0') fields.push([329, 8], [337, 8]);
    for (const [o, n] of fields) {
      if (octal(o, n) === undefined) return false;
    }
    const type = blk[156]!;
    const size = octal(124, 12) ?? 0;
    // PAX and GNU long-name headers: the real header follows their data
    if (type === 0x78 || type === 0x67 || type === 0x4c || type === 0x4b) {
      off += BLOCK + size + padding(size);
      continue;
    }
    return true;
  }
  return false;
}
