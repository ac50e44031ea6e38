// What `docker context create/update/export/import` do with the store: the --docker endpoint
// options (validated as docker's client would take them), the export tar, the import of a
// tar or zip archive.
import { readFileSync } from 'node:fs';
import { GoUrlError, goParseUrl } from '../engine/hosturl.js';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { posix } from 'node:path';
import type { FlagSpec } from '../cli/flags.js';
import { encodeHeader, padding, TYPE_DIR, TYPE_REG } from '../build/tar.js';
import {
  ContextNotFound,
  ContextStoreError,
  DOCKER_ENDPOINT,
  dockerContextMeta,
  goFsError,
  goMarshal,
  goUnmarshalSyntaxError,
  marshalMetadata,
  newEndpoint,
  validateContextName,
  type ContextMetadata,
  type ContextStore,
  type DockerEndpointMeta,
  type TLSData,
} from './contextstore.js';

// ---------------------------------------------------------------------------------------------
// --docker: pflag's stringToString

/** encoding/csv's reading of one record, for values with several '=' */
function csvRecord(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let fieldText = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new Error(`parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`);
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            fieldText += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        fieldText += s[i++];
      }
      if (i < s.length && s[i] !== ',') throw new Error(`parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`);
    } else {
      const end = s.indexOf(',', i);
      fieldText = s.slice(i, end < 0 ? s.length : end);
      const q = fieldText.indexOf('"');
      if (q >= 0) throw new Error(`parse error on line 1, column ${i + q + 1}: bare " in non-quoted-field`);
      i = end < 0 ? s.length : end;
    }
    out.push(fieldText);
    if (i >= s.length) break;
    i++; // the comma
  }
  return out;
}

export function parseStringToString(val: string): [string, string][] {
  const n = val.split('=').length - 1;
  let pairs: string[];
  if (n === 0) throw new Error(`${val} must be formatted as key=value`);
  else if (n === 1) pairs = [val.replace(/^"+|"+$/g, '')];
  else pairs = csvRecord(val);
  const out: [string, string][] = [];
  for (const p of pairs) {
    const at = p.indexOf('=');
    if (at < 0) throw new Error(`${p} must be formatted as key=value`);
    out.push([p.slice(0, at), p.slice(at + 1)]);
  }
  return out;
}

export const dockerFlag: FlagSpec = { name: 'docker', kind: 'list', type: 'stringToString', usage: 'set the docker endpoint', defaultText: '[]', parse: parseStringToString };

/** the --docker values, merged as pflag does; undefined when the flag was not given */
export function dockerOptions(opts: Record<string, unknown>, changed: Set<string>): Map<string, string> | undefined {
  if (!changed.has('docker')) return undefined;
  const m = new Map<string, string>();
  for (const pairs of opts.docker as [string, string][][]) for (const [k, v] of pairs) m.set(k, v);
  return m;
}

const KEYS: [string, string][] = [
  ['from', "Copy named context's Docker endpoint configuration"],
  ['host', 'Docker endpoint on which to connect'],
  ['ca', 'Trust certs signed only by this CA'],
  ['cert', 'Path to TLS certificate file'],
  ['key', 'Path to TLS key file'],
  ['skip-tls-verify', 'Skip TLS certificate validation'],
];

export function longDescription(verb: 'create' | 'update'): string {
  const title = verb === 'create' ? 'Create a context' : 'Update a context';
  const rows = [['NAME', 'DESCRIPTION'], ...KEYS].map(([k, d]) => `${k!.padEnd(Math.max(20, k!.length + 3))}${d}`);
  return `${title}\n\nDocker endpoint config:\n\n${rows.join('\n')}\n\nExample:\n\n$ docker context ${verb} my-context --description "some description" --docker "host=tcp://myserver:2376,ca=~/ca-file,cert=~/cert-file,key=~/key-file"\n`;
}

// ---------------------------------------------------------------------------------------------
// the endpoint: docker's getDockerEndpoint

function parseBoolOption(config: Map<string, string>, name: string): boolean {
  const v = config.get(name);
  if (v === undefined) return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new ContextStoreError(`${name}: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** the subset of Go's url.Parse failures a docker host can run into */
function goUrlCheck(raw: string): { scheme: string; host: string; user: string; path: string } {
  const fail = (why: string): never => {
    throw new ContextStoreError(`parse ${JSON.stringify(raw)}: ${why}`);
  };
  let scheme = '';
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) fail('missing protocol scheme');
      scheme = raw.slice(0, i).toLowerCase();
      rest = raw.slice(i + 1);
    }
    break;
  }
  let host = '';
  let user = '';
  let path = rest;
  if (scheme !== '' && rest.startsWith('//')) {
    const auth = rest.slice(2).split(/[/?#]/)[0]!;
    path = rest.slice(2 + auth.length);
    const at = auth.lastIndexOf('@');
    user = at >= 0 ? auth.slice(0, at) : '';
    host = at >= 0 ? auth.slice(at + 1) : auth;
    const colon = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
    if (colon >= 0) {
      const port = host.slice(colon);
      if (!/^:[0-9]*$/.test(port)) fail(`invalid port ${JSON.stringify(port)} after host`);
    }
  } else if (scheme === '' && /^[^/]*:/.test(rest)) {
    fail('first path segment in URL cannot contain colon');
  }
  return { scheme, host, user, path };
}

function validateHost(host: string, tls: TLSFiles | undefined, skip: boolean): void {
  if (host === '') return;
  // an address with an authority (tcp://, unix://, http://...): Go's url.Parse, host rules and all
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(host) && !/^ssh:/i.test(host)) {
    try {
      goParseUrl(host);
    } catch (e) {
      if (e instanceof GoUrlError) throw new ContextStoreError(`invalid docker endpoint options: ${e.message}`);
      throw e;
    }
  }
  const u = (() => {
    try {
      return goUrlCheck(host);
    } catch (e) {
      throw new ContextStoreError(`invalid docker endpoint options: ${(e as Error).message}`);
    }
  })();
  if (u.scheme === 'ssh') {
    const hostname = u.host.replace(/:[0-9]*$/, '');
    if (hostname === '') throw new ContextStoreError('invalid docker endpoint options: ssh host connection is not valid: invalid SSH URL: hostname is empty');
    const bad = (why: string): never => {
      throw new ContextStoreError(`invalid docker endpoint options: ssh host connection is not valid: invalid SSH URL: ${why}`);
    };
    if (u.user.includes(':')) bad('plain-text password is not supported');
    const q = u.path.indexOf('?');
    const hash = u.path.indexOf('#');
    if (q >= 0) bad(`query parameters are not allowed: ${JSON.stringify(u.path.slice(q + 1, hash > q ? hash : undefined))}`);
    if (hash >= 0) bad(`fragments are not allowed: ${JSON.stringify(u.path.slice(hash + 1))}`);
    return;
  }
  const proto = host.includes('://') ? host.slice(0, host.indexOf('://')) : '';
  const socket = proto === 'unix' || proto === 'npipe' || proto === 'fd';
  if (!socket && (tls || skip)) checkTLS(tls);
  const cut = host.indexOf('://');
  if (cut < 0 || host.slice(cut + 3) === '') throw new ContextStoreError(`unable to apply docker endpoint options: unable to parse docker host \`${host}\``);
  if (proto === 'npipe') throw new ContextStoreError('unable to apply docker endpoint options: protocol not available');
}

interface TLSFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

function pemBlocks(data: Buffer): { type: string; body: string }[] {
  const out: { type: string; body: string }[] = [];
  const re = /-----BEGIN ([^-]+)-----([\s\S]*?)-----END \1-----/g;
  for (const m of data.toString('latin1').matchAll(re)) out.push({ type: m[1]!, body: m[0] });
  return out;
}

function checkTLS(tls: TLSFiles | undefined): void {
  const fail = (why: string): never => {
    throw new ContextStoreError(`invalid docker endpoint options: ${why}`);
  };
  if (tls?.ca) {
    let ok = false;
    for (const b of pemBlocks(tls.ca)) {
      if (b.type !== 'CERTIFICATE') continue;
      try {
        new X509Certificate(b.body);
        ok = true;
      } catch {
        // skipped, as AppendCertsFromPEM does
      }
    }
    if (!ok) fail('failed to retrieve context tls info: ca.pem seems invalid');
  }
  if (tls?.key && tls.cert) {
    const keyBlock = pemBlocks(tls.key)[0];
    if (!keyBlock) fail('no valid private key found');
    if (/Proc-Type: 4,ENCRYPTED/.test(keyBlock!.body)) fail('private key is encrypted - support for encrypted private keys has been removed, see https://docs.docker.com/go/deprecated/');
    const certBlocks = pemBlocks(tls.cert);
    const certBlock = certBlocks.find((b) => b.type === 'CERTIFICATE');
    if (!certBlock) {
      if (certBlocks.length === 0) fail('failed to retrieve context tls info: tls: failed to find any PEM data in certificate input');
      if (certBlocks.some((b) => b.type.endsWith('PRIVATE KEY'))) fail('failed to retrieve context tls info: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
      fail(`failed to retrieve context tls info: tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certBlocks.map((b) => b.type).join(' ')}]`);
    }
    const keyBlocks = pemBlocks(tls.key);
    if (!keyBlocks.some((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'))) {
      if (keyBlocks.some((b) => b.type === 'CERTIFICATE')) fail('failed to retrieve context tls info: tls: found a certificate rather than a key in the PEM for the private key');
      fail(`failed to retrieve context tls info: tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keyBlocks.map((b) => b.type).join(' ')}]`);
    }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(certBlock!.body);
    } catch (e) {
      return fail(`failed to retrieve context tls info: tls: failed to parse certificate: ${(e as Error).message}`);
    }
    let key;
    try {
      key = createPrivateKey(keyBlocks.find((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'))!.body);
    } catch {
      return fail('failed to retrieve context tls info: tls: failed to parse private key');
    }
    if (!cert.checkPrivateKey(key)) fail('failed to retrieve context tls info: tls: private key does not match public key');
  }
}

function readOption(path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ContextStoreError(goFsError('open', path, e) === `open ${path}: is a directory` ? `read ${path}: is a directory` : goFsError('open', path, e));
  }
}

/** getDockerEndpointMetadataAndTLS: the endpoint and its TLS files (undefined: none) */
export function dockerEndpointFromOptions(store: ContextStore, config: Map<string, string>): { ep: DockerEndpointMeta; tls?: Map<string, Buffer> } {
  const bad = [...config.keys()].filter((k) => !KEYS.some(([n]) => n === k));
  if (bad.length > 0) throw new ContextStoreError(bad.map((k) => `unrecognized config key: ${k}`).join('\n'));
  const from = config.get('from');
  if (from !== undefined) {
    const meta = store.get(from);
    const ep = meta.Endpoints.get(DOCKER_ENDPOINT);
    if (!ep || typeof ep !== 'object') throw new ContextStoreError(`unable to get endpoint from context ${JSON.stringify(from)}`);
    return { ep: newEndpoint(ep as DockerEndpointMeta) };
  }
  const ca = readOption(config.get('ca'));
  const cert = readOption(config.get('cert'));
  const key = readOption(config.get('key'));
  const tls = ca || cert || key ? { ca, cert, key } : undefined;
  const skip = parseBoolOption(config, 'skip-tls-verify');
  const host = config.get('host') ?? '';
  validateHost(host, tls, skip);
  let files: Map<string, Buffer> | undefined;
  if (tls) {
    files = new Map();
    if (ca) files.set('ca.pem', ca);
    if (cert) files.set('cert.pem', cert);
    if (key) files.set('key.pem', key);
  }
  return { ep: newEndpoint({ Host: host, SkipTLSVerify: skip }), tls: files };
}

// ---------------------------------------------------------------------------------------------
// export

function tarEntry(name: string, typeflag: number, mode: number, data?: Buffer): Buffer[] {
  const size = data?.length ?? 0;
  const h = encodeHeader({ name: Buffer.from(name), typeflag, mode, uid: 0, gid: 0, size, mtime: 0 });
  return data ? [h, data, Buffer.alloc(padding(size))] : [h];
}

/** store.Export: meta.json, then tls/ with each endpoint's files */
export function exportContext(store: ContextStore, name: string, description?: string): Buffer {
  const meta = store.get(name);
  const typed: ContextMetadata = { ...meta, Metadata: dockerContextMeta(meta) };
  if (description) typed.Metadata!.Description = description;
  const chunks: Buffer[] = [...tarEntry('meta.json', TYPE_REG, 0o644, Buffer.from(marshalMetadata(description === undefined ? meta : typed)))];
  const tlsFiles = store.listTLSFiles(name);
  chunks.push(...tarEntry('tls', TYPE_DIR, 0o700));
  for (const [ep, files] of tlsFiles) {
    chunks.push(...tarEntry(posix.join('tls', ep), TYPE_DIR, 0o700));
    for (const f of files) chunks.push(...tarEntry(posix.join('tls', ep, f), TYPE_REG, 0o600, store.getTLSData(name, ep, f)));
  }
  // docker closes the pipe before the tar writer: its archive has no end-of-archive blocks,
  // nor the padding of its last file
  const last = chunks[chunks.length - 1]!;
  if (chunks.length > 1 && last.length < 512 && last.every((b) => b === 0)) chunks.pop();
  return Buffer.concat(chunks);
}

/** create --from: the source context exported (its metadata typed) and imported under the new name */
export function copyContext(store: ContextStore, from: string, to: string, description: string): void {
  const meta = store.get(from);
  const dc = dockerContextMeta(meta);
  if (description !== '') dc.Description = description;
  const tls: TLSData = new Map();
  for (const [ep, files] of store.listTLSFiles(from)) {
    const m = new Map<string, Buffer>();
    for (const f of files) m.set(f, store.getTLSData(from, ep, f));
    tls.set(ep, m);
  }
  validateContextName(to);
  const json = marshalMetadata({ ...meta, Name: to, Metadata: dc });
  // the import decodes it as plain JSON and writes it back: keys sorted
  store.writeMetaJSON(to, reencode(json, to));
  store.resetTLSMaterial(to, tls);
}

// ---------------------------------------------------------------------------------------------
// import

const MAX_IMPORT = 10 << 20;

class TarError extends Error {}

function field(o: Record<string, unknown>, name: string): unknown {
  let found: unknown;
  for (const k of Object.keys(o)) if (k.toLowerCase() === name.toLowerCase()) found = o[k];
  return found;
}

/** parseMetadata + CreateOrUpdate: store.Metadata with untyped members, written back by json.Marshal */
function reencode(text: string, name: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ContextStoreError(jsonSyntax(text, e));
  }
  if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) throw new ContextStoreError(`json: cannot unmarshal ${Array.isArray(raw) ? 'array' : typeof raw} into Go value of type store.Metadata`);
  const o = (raw ?? {}) as Record<string, unknown>;
  const nm = field(o, 'Name');
  if (nm !== undefined && nm !== null && typeof nm !== 'string') throw new ContextStoreError(`json: cannot unmarshal ${Array.isArray(nm) ? 'array' : typeof nm} into Go struct field Metadata.Name of type string`);
  const md = field(o, 'Metadata');
  const eps = field(o, 'Endpoints');
  if (eps !== undefined && eps !== null && (typeof eps !== 'object' || Array.isArray(eps))) throw new ContextStoreError(`json: cannot unmarshal ${Array.isArray(eps) ? 'array' : typeof eps} into Go struct field Metadata.Endpoints of type map[string]interface {}`);
  validateContextName(name);
  const parts: string[] = [`"Name":${goMarshal(name)}`];
  if (md !== undefined && md !== null) parts.push(`"Metadata":${goMarshal(md)}`);
  if (eps && Object.keys(eps).length > 0) parts.push(`"Endpoints":${goMarshal(eps)}`);
  return `{${parts.join(',')}}`;
}

function jsonSyntax(text: string, e: unknown): string {
  return goUnmarshalSyntaxError(text) ?? (e as Error).message;
}

function checkPath(p: string): void {
  if (p !== 'meta.json' && !p.startsWith('tls/')) throw new ContextStoreError(`${p}: unexpected context file`);
  if (posix.normalize(p).replace(/\/$/, '') !== p || p.includes('/./') || p.endsWith('/.')) throw new ContextStoreError(`${p}: unexpected path format`);
  if (p.includes('\\')) throw new ContextStoreError(`${p}: unexpected '\\' in path`);
}

function addTLS(tls: TLSData, p: string, data: Buffer): void {
  const rest = p.slice(4);
  const at = rest.indexOf('/');
  if (at < 0) throw new ContextStoreError('archive format is invalid');
  const ep = rest.slice(0, at);
  if (!tls.has(ep)) tls.set(ep, new Map());
  tls.get(ep)!.set(rest.slice(at + 1), data);
}

function cstr(b: Buffer): string {
  const z = b.indexOf(0);
  return (z < 0 ? b : b.subarray(0, z)).toString('latin1');
}

function octal(b: Buffer): number {
  if (b[0]! & 0x80) {
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i]!;
    return n;
  }
  const s = cstr(b).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError('archive/tar: invalid tar header');
  return parseInt(s, 8);
}

/** archive/tar's Reader over a whole buffer: regular files as [name, data] */
function* tarFiles(buf: Buffer): Generator<[string, Buffer, number]> {
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  const block = (): Buffer | undefined => {
    if (off >= buf.length) return undefined;
    if (buf.length - off < 512) throw new TarError('unexpected EOF');
    const b = buf.subarray(off, off + 512);
    off += 512;
    return b;
  };
  for (;;) {
    let h = block();
    if (!h) return;
    if (h.every((x) => x === 0)) {
      h = block();
      if (!h || h.every((x) => x === 0)) return;
      throw new TarError('archive/tar: invalid tar header');
    }
    const stored = octal(h.subarray(148, 156));
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < 512; i++) {
      const c = i >= 148 && i < 156 ? 0x20 : h[i]!;
      unsigned += c;
      signed += c > 127 ? c - 256 : c;
    }
    if (stored !== unsigned && stored !== signed) throw new TarError('archive/tar: invalid tar header');
    const size = octal(h.subarray(124, 136));
    let typeflag = h[156]!;
    let name = cstr(h.subarray(0, 100));
    const magic = h.subarray(257, 263).toString('latin1');
    if (magic === 'ustar\x00' || magic.startsWith('ustar')) {
      const prefix = cstr(h.subarray(345, 500));
      if (prefix !== '' && magic === 'ustar\x00') name = `${prefix}/${name}`;
    }
    if (off + size > buf.length) throw new TarError('unexpected EOF');
    const data = buf.subarray(off, off + size);
    off += size + padding(size);
    // a padding cut short ends the archive (Go's discard of it meets EOF)
    if (off > buf.length) {
      yield* finalEntry(name, data, typeflag, longName, paxPath);
      return;
    }
    if (typeflag === 0x4c /* L */) {
      longName = cstr(data);
      continue;
    }
    if (typeflag === 0x78 /* x */ || typeflag === 0x67 /* g */) {
      const text = data.toString('utf8');
      let i = 0;
      while (i < text.length) {
        const sp = text.indexOf(' ', i);
        const len = parseInt(text.slice(i, sp), 10);
        if (!(len > 0)) break;
        const rec = text.slice(sp + 1, i + len - 1);
        const eq = rec.indexOf('=');
        if (rec.slice(0, eq) === 'path' && typeflag === 0x78) paxPath = rec.slice(eq + 1);
        i += len;
      }
      continue;
    }
    if (longName !== undefined) name = longName;
    if (paxPath !== undefined) name = paxPath;
    longName = undefined;
    paxPath = undefined;
    if (typeflag === 0) typeflag = name.endsWith('/') ? TYPE_DIR : TYPE_REG;
    yield [name, data, typeflag];
  }
}

function* finalEntry(name: string, data: Buffer, typeflag: number, longName: string | undefined, paxPath: string | undefined): Generator<[string, Buffer, number]> {
  if (typeflag === 0x4c || typeflag === 0x78 || typeflag === 0x67) return;
  if (longName !== undefined) name = longName;
  if (paxPath !== undefined) name = paxPath;
  if (typeflag === 0) typeflag = name.endsWith('/') ? TYPE_DIR : TYPE_REG;
  yield [name, data, typeflag];
}

/** archive/zip's reading of the central directory: regular files as [name, data] */
function zipFiles(buf: Buffer): [string, () => Buffer][] {
  const fail = (): never => {
    throw new ContextStoreError('zip: not a valid zip file');
  };
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail();
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: [string, () => Buffer][] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) fail();
    const creator = buf[p + 5]!;
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    let regular = !name.endsWith('/');
    if (creator === 3 /* unix */ || creator === 19 /* macos */) {
      const mode = external >>> 16;
      if (mode !== 0) regular = (mode & 0o170000) === 0o100000 && regular;
    } else if (external & 0x10) regular = false;
    if (!regular) continue;
    out.push([
      name,
      () => {
        if (buf.readUInt32LE(local) !== 0x04034b50) throw new ContextStoreError('zip: not a valid zip file');
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const raw = buf.subarray(start, start + csize);
        if (method === 0) return Buffer.from(raw);
        if (method === 8) return inflateRawSync(raw);
        throw new ContextStoreError('zip: unsupported compression algorithm');
      },
    ]);
  }
  return out;
}

/** store.Import: a zip (by its signature) or a tar */
export function importContext(store: ContextStore, name: string, data: Buffer): void {
  const tls: TLSData = new Map();
  let imported = false;
  if (data.length > MAX_IMPORT) throw new ContextStoreError('read exceeds the defined limit');
  const isZip = data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  const handle = (p: string, read: () => Buffer): void => {
    checkPath(p);
    if (p === 'meta.json') {
      const json = reencode(read().toString('utf8'), name);
      store.writeMetaJSON(name, json);
      imported = true;
    } else addTLS(tls, p, read());
  };
  if (isZip) {
    for (const [p, read] of zipFiles(data)) handle(p, read);
  } else {
    try {
      for (const [p, d, type] of tarFiles(data)) {
        if (type !== TYPE_REG) continue;
        handle(p, () => d);
      }
    } catch (e) {
      if (e instanceof TarError) throw new ContextStoreError(e.message);
      throw e;
    }
  }
  if (!imported) throw new ContextStoreError('invalid context: no metadata found');
  store.resetTLSMaterial(name, tls);
}

export { ContextNotFound };
