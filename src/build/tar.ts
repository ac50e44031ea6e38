// Tar headers as Go's archive/tar Writer writes them for docker's build contexts: USTAR when
// the entry fits (long ASCII names split into prefix/name), else a PAX extended header
// (path, linkpath, size, mtime, xattrs) followed by the entry's header; numbers in
// zero-padded octal, NUL-terminated; checksum as "%06o\0 ". The daemon would take any valid
// tar, but the same bytes make the same cache keys and make the two clients comparable.
import type { BigIntStats } from 'node:fs';

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

function octalField(blk: Buffer, off: number, len: number): number {
  if (blk[off]! & 0x80) {
    // base-256
    let v = 0;
    for (let i = off + 1; i < off + len; i++) v = v * 256 + blk[i]!;
    return v;
  }
  const s = blk.toString('latin1', off, off + len).replace(/^[ \0]+|[ \0]+$/g, '');
  return s === '' ? 0 : parseInt(s, 8);
}

function headerValid(blk: Buffer): boolean {
  const sum = octalField(blk, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : blk[i]!;
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return sum === unsigned || sum === signed;
}

/** the path a PAX extended header or a GNU long-name entry sets, if any */
function extendedName(type: number, data: Buffer): string | undefined {
  if (type === 0x4c) return data.toString('utf8').replace(/\0+$/, '');
  if (type !== 0x78) return undefined;
  let p = 0;
  let name: string | undefined;
  while (p < data.length) {
    const sp = data.indexOf(0x20, p);
    if (sp < 0) break;
    const len = Number(data.toString('latin1', p, sp));
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, p + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (rec.slice(0, eq) === 'path') name = rec.slice(eq + 1);
    p += len;
  }
  return name;
}

/** one entry of a tar being read: its header block(s) and what its data takes */
interface TarReadEntry {
  /** the extended headers (PAX, GNU long names) with their data, then the header */
  head: Buffer[];
  header: Buffer;
  name: string;
  /** data bytes, and with padding */
  size: number;
  padded: number;
}

/** Go's tar.Reader over a byte stream, as far as rewriting one needs: entry by entry */
class TarStreamReader {
  private buf = Buffer.alloc(0);
  private readonly it: AsyncIterator<Buffer | string>;
  private eof = false;

  constructor(src: AsyncIterable<Buffer | string>) {
    this.it = src[Symbol.asyncIterator]();
  }

  /** at least n bytes buffered (fewer at the end) */
  private async want(n: number): Promise<void> {
    while (this.buf.length < n && !this.eof) {
      const r = await this.it.next();
      if (r.done) this.eof = true;
      else this.buf = Buffer.concat([this.buf, typeof r.value === 'string' ? Buffer.from(r.value) : r.value]);
    }
  }

  private take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** exactly n bytes, or Go's io.ErrUnexpectedEOF */
  async read(n: number): Promise<Buffer> {
    await this.want(n);
    if (this.buf.length < n) throw new Error('unexpected EOF');
    return this.take(n);
  }

  /** up to n bytes as they come (for passing data through) */
  async *stream(n: number): AsyncGenerator<Buffer> {
    while (n > 0) {
      await this.want(1);
      if (this.buf.length === 0) throw new Error('unexpected EOF');
      const part = this.take(Math.min(n, this.buf.length));
      n -= part.length;
      yield part;
    }
  }

  /** the next entry; undefined at the end-of-archive blocks */
  async next(): Promise<TarReadEntry | undefined> {
    const head: Buffer[] = [];
    let longName: string | undefined;
    for (;;) {
      // no bytes at all where a header would start: the end, without its marker
      await this.want(BLOCK);
      if (this.buf.length === 0 && head.length === 0) return undefined;
      const blk = await this.read(BLOCK);
      if (blk.every((b) => b === 0)) {
        await this.want(BLOCK);
        if (this.buf.length === 0) return undefined;
        const second = await this.read(BLOCK);
        if (!second.every((b) => b === 0)) throw new Error('archive/tar: invalid tar header');
        return undefined;
      }
      if (!headerValid(blk)) throw new Error('archive/tar: invalid tar header');
      const type = blk[156]!;
      const size = octalField(blk, 124, 12);
      if (type === 0x78 || type === 0x67 || type === 0x4c || type === 0x4b) {
        const data = await this.read(size + padding(size));
        const n = extendedName(type, data.subarray(0, size));
        if (n !== undefined) longName = n;
        head.push(blk, data);
        continue;
      }
      let name = longName;
      if (name === undefined) {
        const str = (o: number, l: number): string => {
          const b = blk.subarray(o, o + l);
          const z = b.indexOf(0);
          return (z < 0 ? b : b.subarray(0, z)).toString('utf8');
        };
        const prefix = blk.toString('latin1', 257, 263) === 'ustar\0' ? str(345, 155) : '';
        name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
      }
      const dataSize = type === TYPE_REG || type === 0 || type === 0x37 ? size : 0;
      return { head, header: blk, name, size: dataSize, padded: dataSize + padding(dataSize) };
    }
  }
}

/** the entry's header with another data size (and so another checksum) */
function resized(e: TarReadEntry, size: number): Buffer[] {
  const h = Buffer.from(e.header);
  putOctal(h, 124, 12, size);
  h.fill(0x20, 148, 156);
  putOctal(h, 148, 7, checksum(h));
  h[155] = 0x20;
  return [...e.head, h];
}

/**
 * archive.ReplaceFileTarWrapper as build.AddDockerfileToBuildContext uses it, on a tar stream
 * (a downloaded context with the Dockerfile from stdin): entries pass as they are, the
 * Dockerfile's random name is added to .dockerignore, the Dockerfile (and a .dockerignore
 * when there was none) are appended, the last without padding and no end-of-archive blocks,
 * as docker's writer is closed after its pipe. What is not a tar fails as Go's reader does.
 */
export async function* addDockerfileToTar(src: AsyncIterable<Buffer | string>, df: { name: string; content: Buffer; now: number }): AsyncGenerator<Buffer> {
  const r = new TarStreamReader(src);
  let sawDockerignore = false;
  for (let e = await r.next(); e; e = await r.next()) {
    if (e.name === '.dockerignore') {
      sawDockerignore = true;
      const data = (await r.read(e.padded)).subarray(0, e.size);
      const content = Buffer.concat([data, Buffer.from(`\n${df.name}\n`)]);
      yield Buffer.concat([...resized(e, content.length), content, Buffer.alloc(padding(content.length))]);
      continue;
    }
    yield Buffer.concat([...e.head, e.header]);
    yield* r.stream(e.padded);
  }
  const mtime = Math.round(df.now / 1000);
  const added: [TarHeader, Buffer][] = [[{ name: Buffer.from(df.name), typeflag: TYPE_REG, mode: 0o600, uid: 0, gid: 0, size: df.content.length, mtime }, df.content]];
  if (!sawDockerignore) {
    const content = Buffer.from(`.dockerignore\n${df.name}\n`);
    added.push([{ name: Buffer.from('.dockerignore'), typeflag: TYPE_REG, mode: 0o600, uid: 0, gid: 0, size: content.length, mtime }, content]);
  }
  for (let i = 0; i < added.length; i++) {
    const [h, data] = added[i]!;
    yield Buffer.concat([encodeHeader(h), data, i < added.length - 1 ? Buffer.alloc(padding(data.length)) : Buffer.alloc(0)]);
  }
}

/**
 * replaceDockerfileForContentTrust: the tar re-read entry by entry, the Dockerfile's content
 * handed to `rewrite` (which resolves its FROM images, or throws), the archive closed properly.
 */
export async function* rewriteDockerfileInTar(src: AsyncIterable<Buffer | string>, dockerfile: string, rewrite: (content: Buffer) => Promise<Buffer>): AsyncGenerator<Buffer> {
  const r = new TarStreamReader(src);
  for (let e = await r.next(); e; e = await r.next()) {
    if (e.name === dockerfile) {
      const content = await rewrite((await r.read(e.padded)).subarray(0, e.size));
      yield Buffer.concat([...resized(e, content.length), content, Buffer.alloc(padding(content.length))]);
      continue;
    }
    yield Buffer.concat([...e.head, e.header]);
    yield* r.stream(e.padded);
  }
  yield TRAILER;
}

/** major/minor of a dev_t as glibc splits it */
function devMajor(rdev: bigint): number {
  return Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
}
function devMinor(rdev: bigint): number {
  return Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
}

/**
 * tar.FileInfoHeader + go-archive's FileInfoHeader and sysStat, from an Lstat. uid/gid are
 * 0 (a build context) unless `keepOwner` (cp's archive keeps the file's own).
 */
export function headerFromStat(name: Buffer, st: BigIntStats, link: Buffer | undefined, keepOwner = false): TarHeader {
  const mode = Number(st.mode);
  const fmt = mode & 0o170000;
  let typeflag: number;
  let size = 0;
  switch (fmt) {
    case 0o100000:
      typeflag = TYPE_REG;
      size = Number(st.size);
      break;
    case 0o040000:
      typeflag = TYPE_DIR;
      break;
    case 0o120000:
      typeflag = TYPE_SYMLINK;
      break;
    case 0o020000:
      typeflag = TYPE_CHAR;
      break;
    case 0o060000:
      typeflag = TYPE_BLOCK;
      break;
    case 0o010000:
      typeflag = TYPE_FIFO;
      break;
    case 0o140000:
      throw new Error('archive/tar: sockets not supported');
    default:
      throw new Error(`archive/tar: unknown file mode ${mode.toString(8)}`);
  }
  // ModTime truncated to the second (floor, also before 1970)
  const ns = st.mtimeNs;
  let secs = ns / 1_000_000_000n;
  if (ns < 0n && secs * 1_000_000_000n !== ns) secs -= 1n;
  const h: TarHeader = {
    name: typeflag === TYPE_DIR && name[name.length - 1] !== 0x2f ? Buffer.concat([name, Buffer.from('/')]) : name,
    linkname: link,
    typeflag,
    mode: mode & 0o7777,
    uid: keepOwner ? Number(st.uid) : 0,
    gid: keepOwner ? Number(st.gid) : 0,
    size,
    mtime: Number(secs),
  };
  // sysStat copies Rdev for modes with the S_IFBLK or S_IFCHR bits (dirs and links included)
  if (mode & 0o060000) {
    h.devmajor = devMajor(st.rdev);
    h.devminor = devMinor(st.rdev);
  }
  return h;
}
