// docker's context store as `docker context` reads and writes it: <config>/contexts/meta/<id>/meta.json
// (id = sha256 of the name) and TLS files under <config>/contexts/tls/<id>/<endpoint>/, plus the
// in-memory "default" context made from -H / DOCKER_HOST.
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash, randomInt } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Cli } from '../cli/cli.js';
import { DockerHostError, dockerParseHost } from '../engine/hosturl.js';
import { StatusError } from '../cli/errors.js';
import { jsonFloat, jsonString } from '../format/gojson.js';
import { naturalLess } from '../util/sortorder.js';
import { decodeFirstValue, GoEOF, GoSyntaxError, quoteChar } from './gojsondecode.js';

export const DEFAULT_CONTEXT = 'default';
export const DOCKER_ENDPOINT = 'docker';
const RESTRICTED_NAME = '^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$';
const RESTRICTED_NAME_RE = new RegExp(RESTRICTED_NAME);

/** an error docker reports as "not found" (errdefs.IsNotFound) */
export class ContextNotFound extends Error {}

export class ContextStoreError extends Error {}

/** command.DockerContext: Description plus whatever other fields the metadata had */
export interface DockerContextMeta {
  Description: string;
  extra: Record<string, unknown>;
}

/** docker.EndpointMeta */
export interface DockerEndpointMeta {
  Host: string;
  SkipTLSVerify: boolean;
}

/** store.Metadata, typed as docker's context store types it */
export interface ContextMetadata {
  Name: string;
  /** undefined: the file had none (null) */
  Metadata?: DockerContextMeta;
  /** the docker endpoint typed; other endpoints as decoded JSON */
  Endpoints: Map<string, DockerEndpointMeta | unknown>;
}

/** name -> file -> content */
export type TLSData = Map<string, Map<string, Buffer>>;

export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export function validateContextName(name: string): void {
  if (name === '') throw new ContextStoreError('context name cannot be empty');
  if (name === DEFAULT_CONTEXT) throw new ContextStoreError('"default" is a reserved context name');
  if (!RESTRICTED_NAME_RE.test(name)) throw new ContextStoreError(`context name ${goQuoted(name)} is invalid, names are validated against regexp ${goQuoted(RESTRICTED_NAME)}`);
}

function goQuoted(s: string): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------------
// JSON as Go's encoding/json writes it: map keys sorted, HTML characters escaped

export function goMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return jsonString(v, true);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return jsonFloat(v);
  if (Array.isArray(v)) return `[${v.map(goMarshal).join(',')}]`;
  if (v instanceof Map) return goMarshal(Object.fromEntries(v));
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort(byBytes);
  return `{${keys.map((k) => `${jsonString(k, true)}:${goMarshal(o[k])}`).join(',')}}`;
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Go's struct field lookup: the exact name, else a case-insensitive match (the last one wins) */
function field(o: Record<string, unknown>, name: string): unknown {
  let found: unknown;
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) found = o[k];
  return found;
}

function dockerContextOf(v: unknown): DockerContextMeta | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ContextStoreError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
  const extra: Record<string, unknown> = {};
  let description = '';
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'Description') description = typeof x === 'string' ? x : '';
    else extra[k] = x;
  }
  return { Description: description, extra };
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return 'number';
  return typeof v;
}

function endpointMetaOf(v: unknown): DockerEndpointMeta | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ContextStoreError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type context.EndpointMetaBase`);
  const o = v as Record<string, unknown>;
  const host = field(o, 'Host');
  const skip = field(o, 'SkipTLSVerify');
  if (host !== undefined && host !== null && typeof host !== 'string') throw new ContextStoreError(`json: cannot unmarshal ${jsonKind(host)} into Go struct field EndpointMetaBase.Host of type string`);
  if (skip !== undefined && skip !== null && typeof skip !== 'boolean') throw new ContextStoreError(`json: cannot unmarshal ${jsonKind(skip)} into Go struct field EndpointMetaBase.SkipTLSVerify of type bool`);
  return { Host: typeof host === 'string' ? host : '', SkipTLSVerify: skip === true };
}

function isEndpointMeta(v: unknown): v is DockerEndpointMeta & { [TYPED]: true } {
  return !!v && typeof v === 'object' && TYPED in v;
}

const TYPED = Symbol('docker.EndpointMeta');

function typedEndpoint(ep: DockerEndpointMeta): DockerEndpointMeta {
  return Object.assign(Object.create(null) as object, { [TYPED]: true, Host: ep.Host, SkipTLSVerify: ep.SkipTLSVerify }) as DockerEndpointMeta;
}

/** the Go value's JSON: DockerContext's MarshalJSON, EndpointMeta's struct, other endpoints as maps */
export function marshalMetadata(m: ContextMetadata): string {
  const parts: string[] = [];
  if (m.Name !== '') parts.push(`"Name":${jsonString(m.Name, true)}`);
  if (m.Metadata) parts.push(`"Metadata":${marshalDockerContext(m.Metadata)}`);
  if (m.Endpoints.size > 0) {
    const keys = [...m.Endpoints.keys()].sort(byBytes);
    parts.push(`"Endpoints":{${keys.map((k) => `${jsonString(k, true)}:${marshalEndpoint(m.Endpoints.get(k))}`).join(',')}}`);
  }
  return `{${parts.join(',')}}`;
}

function marshalDockerContext(d: DockerContextMeta): string {
  const o: Record<string, unknown> = {};
  if (d.Description !== '') o.Description = d.Description;
  Object.assign(o, d.extra);
  return goMarshal(o);
}

function marshalEndpoint(v: unknown): string {
  if (isEndpointMeta(v)) return `{${v.Host !== '' ? `"Host":${jsonString(v.Host, true)},` : ''}"SkipTLSVerify":${v.SkipTLSVerify}}`;
  return goMarshal(v);
}

/** the "Metadata" of inspect: the DockerContext's JSON */
export function metadataJSON(m: ContextMetadata): string {
  return m.Metadata ? marshalDockerContext(m.Metadata) : 'null';
}

export function endpointsJSON(m: ContextMetadata): string {
  const keys = [...m.Endpoints.keys()].sort(byBytes);
  return `{${keys.map((k) => `${jsonString(k, true)}:${marshalEndpoint(m.Endpoints.get(k))}`).join(',')}}`;
}

// ---------------------------------------------------------------------------------------------

/** moby/sys/atomicwriter.WriteFile: a temporary file in the same directory, renamed over */
function atomicWrite(file: string, data: Buffer | string, mode: number): void {
  const dir = dirname(file);
  const temp = join(dir, `.tmp-${basename(file)}${randomInt(0, 2 ** 32)}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(temp);
    throw e;
  }
  closeSync(fd);
  chmodSync(temp, mode);
  renameSync(temp, file);
}

export interface DefaultContext {
  meta: ContextMetadata;
  tls: TLSData;
}

export class ContextStore {
  readonly metaRoot: string;
  readonly tlsRoot: string;

  constructor(
    readonly configDir: string,
    private readonly resolveDefault: () => DefaultContext,
  ) {
    this.metaRoot = join(configDir, 'contexts', 'meta');
    this.tlsRoot = join(configDir, 'contexts', 'tls');
  }

  metaDir(name: string): string {
    return join(this.metaRoot, contextId(name));
  }

  tlsDir(name: string): string {
    return join(this.tlsRoot, contextId(name));
  }

  private readById(dir: string): ContextMetadata {
    const file = join(dir, 'meta.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ContextNotFound(`context not found: open ${file}: no such file or directory`);
      throw new ContextStoreError(goFsError('open', file, e));
    }
    try {
      return parseStoredMetadata(text);
    } catch (e) {
      throw new ContextStoreError(`parsing ${file}: ${(e as Error).message}`);
    }
  }

  /** GetMetadata: the default context included */
  get(name: string): ContextMetadata {
    if (name === DEFAULT_CONTEXT) return this.resolveDefault().meta;
    try {
      return this.readById(this.metaDir(name));
    } catch (e) {
      const wrapped = e instanceof ContextNotFound ? new ContextNotFound(`context ${goQuoted(name)}: ${e.message}`) : new ContextStoreError(`context ${goQuoted(name)}: ${(e as Error).message}`);
      throw wrapped;
    }
  }

  /** List: every stored context in natural order, then the default one */
  list(): ContextMetadata[] {
    const dirs: string[] = [];
    const walk = (root: string, rel: string): void => {
      let entries;
      try {
        entries = readdirSync(join(root, rel), { withFileTypes: true });
      } catch (e) {
        if (rel === '' && (e as NodeJS.ErrnoException).code === 'ENOENT') return;
        // Go's os.Open error, as docker's store reports it
        throw new Error(goFsError('open', join(root, rel), e));
      }
      for (const ent of entries.sort((a, b) => byBytes(a.name, b.name))) {
        if (!ent.isDirectory()) continue;
        const sub = rel === '' ? ent.name : join(rel, ent.name);
        try {
          if (!statSync(join(root, sub, 'meta.json')).isDirectory()) dirs.push(sub);
        } catch {
          // not a context directory
        }
        walk(root, sub);
      }
    };
    walk(this.metaRoot, '');
    const out: ContextMetadata[] = [];
    for (const d of dirs) {
      try {
        out.push(this.readById(join(this.metaRoot, d)));
      } catch (e) {
        if (e instanceof ContextNotFound) continue;
        throw new ContextStoreError(`failed to read metadata: ${(e as Error).message}`);
      }
    }
    out.sort((a, b) => (naturalLess(a.Name, b.Name) ? -1 : naturalLess(b.Name, a.Name) ? 1 : 0));
    out.push(this.resolveDefault().meta);
    return out;
  }

  names(): string[] {
    return this.list().map((m) => m.Name);
  }

  createOrUpdate(meta: ContextMetadata): void {
    if (meta.Name === DEFAULT_CONTEXT) throw new ContextStoreError('default context cannot be created nor updated');
    this.writeMetaJSON(meta.Name, marshalMetadata(meta));
  }

  /** writes meta.json as given (import keeps the members it does not know) */
  writeMetaJSON(name: string, json: string): void {
    const dir = this.metaDir(name);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    atomicWrite(join(dir, 'meta.json'), json, 0o644);
  }

  remove(name: string): void {
    if (name === DEFAULT_CONTEXT) throw new ContextStoreError('default context cannot be removed');
    rmSync(this.metaDir(name), { recursive: true, force: true });
    rmSync(this.tlsDir(name), { recursive: true, force: true });
  }

  /** ListTLSFiles: endpoint -> file names (ReadDir order) */
  listTLSFiles(name: string): Map<string, string[]> {
    const r = new Map<string, string[]>();
    if (name === DEFAULT_CONTEXT) {
      for (const [ep, files] of this.resolveDefault().tls) r.set(ep, [...files.keys()]);
      return r;
    }
    const dir = this.tlsDir(name);
    let eps;
    try {
      eps = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return r;
      throw new ContextStoreError(`failed to list TLS files for context ${name}: ${(e as Error).message}`);
    }
    for (const ep of eps.sort((a, b) => byBytes(a.name, b.name))) {
      if (!ep.isDirectory()) continue;
      const files = readdirSync(join(dir, ep.name), { withFileTypes: true })
        .filter((f) => !f.isDirectory())
        .map((f) => f.name)
        .sort(byBytes);
      r.set(ep.name, files);
    }
    return r;
  }

  getTLSData(name: string, endpoint: string, file: string): Buffer {
    if (name === DEFAULT_CONTEXT) {
      const data = this.resolveDefault().tls.get(endpoint)?.get(file);
      if (!data) throw new ContextNotFound(`TLS data for ${name}/${endpoint}/${file} does not exist`);
      return data;
    }
    try {
      return readFileSync(join(this.tlsDir(name), endpoint, file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ContextNotFound(`TLS data for ${name}/${endpoint}/${file} does not exist`);
      throw new ContextStoreError(`failed to read TLS data for endpoint ${endpoint}: ${(e as Error).message}`);
    }
  }

  private writeTLS(name: string, endpoint: string, file: string, data: Buffer): void {
    mkdirSync(dirname(this.tlsRoot), { recursive: true, mode: 0o755 });
    const dir = join(this.tlsDir(name), endpoint);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    atomicWrite(join(dir, file), data, 0o600);
  }

  resetTLSMaterial(name: string, data: TLSData | undefined): void {
    if (name === DEFAULT_CONTEXT) throw new ContextStoreError('default context cannot be edited');
    rmSync(this.tlsDir(name), { recursive: true, force: true });
    for (const [ep, files] of data ?? []) for (const [f, d] of files) this.writeTLS(name, ep, f, d);
  }

  resetEndpointTLSMaterial(name: string, endpoint: string, files: Map<string, Buffer> | undefined): void {
    if (name === DEFAULT_CONTEXT) throw new ContextStoreError('default context cannot be edited');
    rmSync(join(this.tlsDir(name), endpoint), { recursive: true, force: true });
    for (const [f, d] of files ?? []) this.writeTLS(name, endpoint, f, d);
  }

  storageInfo(name: string): { MetadataPath: string; TLSPath: string } {
    if (name === DEFAULT_CONTEXT) return { MetadataPath: '<IN MEMORY>', TLSPath: '<IN MEMORY>' };
    return { MetadataPath: this.metaDir(name), TLSPath: this.tlsDir(name) };
  }

  exists(name: string): boolean {
    return existsSync(this.metaDir(name));
  }
}

function goFsError(op: string, file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'not a directory' };
  return `${op} ${file}: ${(code && why[code]) ?? (e as Error).message}`;
}

export { goFsError };

/** metadataStore.getByID's decoding: Name, Metadata as DockerContext, the docker endpoint typed */
export function parseStoredMetadata(text: string): ContextMetadata {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ContextStoreError(goSyntaxMessage(e, text));
  }
  if (raw === null) return { Name: '', Endpoints: new Map() };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ContextStoreError(`json: cannot unmarshal ${jsonKind(raw)} into Go value of type store.untypedContextMetadata`);
  const o = raw as Record<string, unknown>;
  const name = field(o, 'name');
  const eps = field(o, 'endpoints');
  if (name !== undefined && name !== null && typeof name !== 'string') throw new ContextStoreError(`json: cannot unmarshal ${jsonKind(name)} into Go struct field untypedContextMetadata.name of type string`);
  if (eps !== undefined && eps !== null && (typeof eps !== 'object' || Array.isArray(eps))) throw new ContextStoreError(`json: cannot unmarshal ${jsonKind(eps)} into Go struct field untypedContextMetadata.endpoints of type map[string]json.RawMessage`);
  const endpoints = new Map<string, unknown>();
  if (eps && typeof eps === 'object' && !Array.isArray(eps)) {
    for (const [k, v] of Object.entries(eps as Record<string, unknown>)) {
      if (k === DOCKER_ENDPOINT) {
        const ep = endpointMetaOf(v);
        endpoints.set(k, ep ? typedEndpoint(ep) : null);
      } else endpoints.set(k, v);
    }
  }
  return { Name: typeof name === 'string' ? name : '', Metadata: dockerContextOf(field(o, 'metadata')), Endpoints: endpoints };
}

function goSyntaxMessage(e: unknown, text = ''): string {
  return goUnmarshalSyntaxError(text) ?? (e as Error).message;
}

/** json.Unmarshal's syntax error for `text` (Go's wording), or undefined when it is valid JSON */
export function goUnmarshalSyntaxError(text: string): string | undefined {
  const data = Buffer.from(text);
  try {
    decodeFirstValue(data);
  } catch (e) {
    if (e instanceof GoEOF) return 'unexpected end of JSON input';
    if (e instanceof GoSyntaxError) return e.message === 'unexpected EOF' ? 'unexpected end of JSON input' : e.message;
    return undefined;
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    // a value followed by something else: the first character after the shortest valid prefix
    for (let i = 1; i <= text.length; i++) {
      try {
        JSON.parse(text.slice(0, i));
      } catch {
        continue;
      }
      let j = i;
      while (j < text.length && ' \t\r\n'.includes(text[j]!)) j++;
      if (j < text.length) return `invalid character ${quoteChar(text.codePointAt(j)!)} after top-level value`;
    }
    return undefined;
  }
}

export function dockerEndpointOf(m: ContextMetadata): DockerEndpointMeta {
  if (!m.Endpoints.has(DOCKER_ENDPOINT)) throw new ContextStoreError('cannot find docker endpoint in context');
  const ep = m.Endpoints.get(DOCKER_ENDPOINT);
  if (!isEndpointMeta(ep)) throw new ContextStoreError(`endpoint "docker" is not of type EndpointMeta`);
  return ep;
}

/** command.GetDockerContext */
export function dockerContextMeta(m: ContextMetadata): DockerContextMeta {
  const res: DockerContextMeta = m.Metadata ? { Description: m.Metadata.Description, extra: { ...m.Metadata.extra } } : { Description: '', extra: {} };
  if (m.Name === DEFAULT_CONTEXT) res.Description = 'Current DOCKER_HOST based configuration';
  return res;
}

export function newEndpoint(ep: DockerEndpointMeta): DockerEndpointMeta {
  return typedEndpoint(ep);
}

// ---------------------------------------------------------------------------------------------

/** resolveContextName: --context, else default for -H or DOCKER_HOST, else DOCKER_CONTEXT, config.json, default */
export function currentContext(cli: Cli): string {
  const g = cli.globals;
  checkGlobals(cli);
  if (g.context) return g.context;
  if (g.host.length > 0) return DEFAULT_CONTEXT;
  if (cli.env.DOCKER_HOST) return DEFAULT_CONTEXT;
  if (cli.env.DOCKER_CONTEXT) return cli.env.DOCKER_CONTEXT;
  return cli.config().currentContext || DEFAULT_CONTEXT;
}

/** docker's start-up refuses -H with --context before any command runs */
function checkGlobals(cli: Cli): void {
  if (cli.globals.host.length > 0 && cli.globals.context) throw new StatusError('conflicting options: cannot specify both --host and --context', 1);
}

/** the default context: -H or DOCKER_HOST (docker's ParseHost), TLS files when TLS is on */
export function defaultContext(cli: Cli): DefaultContext {
  const g = cli.globals;
  const envVerify = (cli.env.DOCKER_TLS_VERIFY ?? '') !== '';
  const tlsOn = g.tls || g.tlsverify || (!g.tlsverifyChanged && envVerify) || g.tlsverifyChanged;
  const raw = g.host[0] ?? cli.env.DOCKER_HOST ?? '';
  let host: string;
  try {
    host = dockerParseHost(raw, tlsOn);
  } catch (e) {
    // docker's default context is built from ParseHost: its error, bare
    if (e instanceof DockerHostError) throw new StatusError(e.message, 1);
    throw e;
  }
  const tls: TLSData = new Map();
  let skip = false;
  if (tlsOn) {
    const verify = g.tlsverifyChanged ? g.tlsverify : g.tlsverify || envVerify;
    skip = !verify;
    const certDir = cli.env.DOCKER_CERT_PATH || cli.configDir();
    const files = new Map<string, Buffer>();
    const add = (key: string, p: string, optional: boolean): void => {
      // docker drops a default certificate or key that is absent; the CA must be there
      if (optional && !existsSync(p)) return;
      try {
        files.set(key, readFileSync(p));
      } catch (e) {
        throw new StatusError(goFsError('open', p, e), 1);
      }
    };
    add('ca.pem', g.tlscacert ?? join(certDir, 'ca.pem'), false);
    add('cert.pem', g.tlscert ?? join(certDir, 'cert.pem'), g.tlscert === undefined);
    add('key.pem', g.tlskey ?? join(certDir, 'key.pem'), g.tlskey === undefined);
    if (files.size > 0) tls.set(DOCKER_ENDPOINT, files);
  }
  return {
    meta: { Name: DEFAULT_CONTEXT, Metadata: { Description: '', extra: {} }, Endpoints: new Map([[DOCKER_ENDPOINT, typedEndpoint({ Host: host, SkipTLSVerify: skip })]]) },
    tls,
  };
}

export function contextStore(cli: Cli): ContextStore {
  checkGlobals(cli);
  let def: DefaultContext | undefined;
  return new ContextStore(cli.configDir(), () => (def ??= defaultContext(cli)));
}

/** a message for a failure of the store (the Error's text) */
export function storeErrorText(e: unknown): string {
  return (e as Error).message;
}
