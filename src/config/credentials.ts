// Registry credentials as docker keeps them: in config.json's `auths` (base64 "user:password"),
// or in a credential helper (`credsStore` for every registry, `credHelpers` per registry), a
// program docker-credential-NAME spoken to over stdin/stdout (get, store, erase, list). And the
// X-Registry-Auth header the engine takes them in.
//
// Secrets never reach a log or an error message: helper failures quote only what the helper
// printed, as docker does.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ConfigFile, goString, type AuthConfig } from './configfile.js';

export type { AuthConfig } from './configfile.js';

/** registry.IndexServer: the key Docker Hub's credentials are stored under */
export const INDEX_SERVER = 'https://index.docker.io/v1/';
/** registry.IndexName */
export const INDEX_NAME = 'docker.io';

const HELPER_PREFIX = 'docker-credential-';
/** the username a helper stores identity tokens under */
const TOKEN_USERNAME = '<token>';
const NOT_FOUND = 'credentials not found in native keychain';

/** credentials.ConvertToHostname: "https://host:port/path" -> "host:port" */
export function convertToHostname(url: string): string {
  let s = url;
  const sep = s.indexOf('://');
  if (sep >= 0) {
    const scheme = s.slice(0, sep);
    if (scheme === 'http' || scheme === 'https') s = s.slice(sep + 3);
  }
  const slash = s.indexOf('/');
  return slash >= 0 ? s.slice(0, slash) : s;
}

/** getAuthConfigKey: Docker Hub's names map to the index server's key */
export function authConfigKey(indexName: string): string {
  if (indexName === INDEX_NAME || indexName === 'index.docker.io' || indexName === 'registry-1.docker.io') return INDEX_SERVER;
  return indexName;
}

/** registrytypes.EncodeAuthConfig: base64url (padded) of the JSON docker's client sends */
export function encodeAuthHeader(ac: AuthConfig): string {
  const fields = ['username', 'password', 'auth', 'email', 'serveraddress', 'identitytoken', 'registrytoken'] as const;
  const members = fields.filter((f) => ac[f]).map((f) => `${goString(f)}:${goString(ac[f]!)}`);
  return Buffer.from(`{${members.join(',')}}`, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** a failure of the credential store, worded as docker words it */
export class CredentialsError extends Error {
  /** what docker still has for the registry (config.json's part) when its helper fails */
  partial?: AuthConfig;
}

export interface CredentialStore {
  get(serverAddress: string): AuthConfig;
  getAll(): Map<string, AuthConfig>;
  store(ac: AuthConfig): void;
  erase(serverAddress: string): void;
}

/** where the unencrypted-storage warning goes (docker writes it to its stderr) */
export type WarningSink = (text: string) => void;

let warnedUnencrypted = false;

/** the plain-text store: config.json's auths */
export class FileStore implements CredentialStore {
  constructor(
    private readonly file: ConfigFile,
    private readonly warn: WarningSink = (t) => process.stderr.write(t),
  ) {}

  get(serverAddress: string): AuthConfig {
    const auths = this.file.authConfigs();
    const found = auths.get(serverAddress);
    if (found) return { ...found };
    // older files stored "https://host/v1/" style keys
    for (const [k, ac] of auths) if (serverAddress === convertToHostname(k)) return { ...ac };
    return {};
  }

  getAll(): Map<string, AuthConfig> {
    return new Map([...this.file.authConfigs()].map(([k, v]) => [k, { ...v }]));
  }

  store(ac: AuthConfig): void {
    const auths = this.file.authConfigs();
    const key = ac.serveraddress ?? '';
    const old = auths.get(key);
    if (old && sameAuth(old, ac)) return; // nothing changed: the file is left alone
    auths.set(key, { ...ac });
    this.file.save();
    if (!warnedUnencrypted && ac.password) {
      this.warn(`\nWARNING! Your credentials are stored unencrypted in '${this.file.filename}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
      warnedUnencrypted = true;
    }
  }

  erase(serverAddress: string): void {
    const auths = this.file.authConfigs();
    if (!auths.has(serverAddress)) return;
    auths.delete(serverAddress);
    this.file.save();
  }
}

function sameAuth(a: AuthConfig, b: AuthConfig): boolean {
  const fields = ['username', 'password', 'auth', 'email', 'serveraddress', 'identitytoken', 'registrytoken'] as const;
  return fields.every((f) => (a[f] ?? '') === (b[f] ?? ''));
}

interface HelperResult {
  out: string;
  /** Go's exec error text when the program failed ("exit status 1"), else undefined */
  err?: string;
}

/** Go's exec.LookPath for a bare program name */
export function lookPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const p = join(dir === '' ? '.' : dir, name);
    try {
      if (!statSync(p).isFile()) continue;
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** one call to docker-credential-NAME ACTION with `input` on its stdin */
function runHelper(program: string, action: string, input: string): HelperResult {
  const path = program.includes('/') ? program : lookPath(program);
  if (!path) return { out: '', err: `exec: "${program}": executable file not found in $PATH` };
  const r = spawnSync(path, [action], { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  const out = r.stdout ? r.stdout.toString('utf8') : '';
  if (r.error) return { out, err: `fork/exec ${path}: ${(r.error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : r.error.message}` };
  if (r.signal) return { out, err: `signal: ${signalName(r.signal)}` };
  if (r.status !== 0) return { out, err: `exit status ${r.status}` };
  return { out };
}

function signalName(sig: NodeJS.Signals): string {
  const names: Record<string, string> = { SIGKILL: 'killed', SIGTERM: 'terminated', SIGINT: 'interrupt', SIGSEGV: 'segmentation fault', SIGABRT: 'aborted', SIGPIPE: 'broken pipe', SIGHUP: 'hangup' };
  return names[sig] ?? sig;
}

/** the helper's own wording of two errors it may report, as docker-credential-helpers recognises them */
function helperError(out: string, err: string): string {
  const t = out.trim();
  if (t === 'no credentials server URL') return 'no credentials server URL';
  if (t === 'no credentials username') return 'no credentials username';
  return err;
}

/** Go's json.Decoder reading a Credentials object (case-insensitive members, first value only) */
function parseCredentials(out: string): { ServerURL?: string; Username?: string; Secret?: string } {
  let v: unknown;
  try {
    v = JSON.parse(out.trim() === '' ? 'null' : out);
  } catch (e) {
    throw new CredentialsError((e as Error).message);
  }
  const res: Record<string, string> = {};
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const lk = k.toLowerCase();
      const name = lk === 'serverurl' ? 'ServerURL' : lk === 'username' ? 'Username' : lk === 'secret' ? 'Secret' : undefined;
      if (name && typeof x === 'string') res[name] = x;
    }
  }
  return res;
}

/** Store through a credential helper; config.json keeps only the registry's key (and email) */
export class NativeStore implements CredentialStore {
  private readonly program: string;
  private readonly fileStore: FileStore;

  constructor(file: ConfigFile, helper: string, warn?: WarningSink) {
    this.program = HELPER_PREFIX + helper;
    this.fileStore = new FileStore(file, warn);
  }

  private fromHelper(serverAddress: string): AuthConfig {
    const r = runHelper(this.program, 'get', serverAddress);
    if (r.err !== undefined) {
      if (r.out.trim() === NOT_FOUND) return {};
      throw new CredentialsError(`error getting credentials - err: ${helperError(r.out, r.err)}, out: \`${r.out.trim()}\``);
    }
    const creds = { ServerURL: serverAddress, ...parseCredentials(r.out) };
    const ac: AuthConfig = {};
    if (creds.Username === TOKEN_USERNAME) ac.identitytoken = creds.Secret ?? '';
    else {
      ac.password = creds.Secret ?? '';
      ac.username = creds.Username ?? '';
    }
    ac.serveraddress = serverAddress;
    return ac;
  }

  get(serverAddress: string): AuthConfig {
    const ac = this.fileStore.get(serverAddress);
    let creds: AuthConfig;
    try {
      creds = this.fromHelper(serverAddress);
    } catch (e) {
      if (e instanceof CredentialsError) e.partial = ac;
      throw e;
    }
    ac.username = creds.username;
    ac.identitytoken = creds.identitytoken;
    ac.password = creds.password;
    ac.serveraddress = creds.serveraddress;
    return ac;
  }

  getAll(): Map<string, AuthConfig> {
    const r = runHelper(this.program, 'list', 'unused');
    if (r.err !== undefined) throw new CredentialsError(`error listing credentials - err: ${helperError(r.out, r.err)}, out: \`${r.out.trim()}\``);
    let listed: Record<string, string>;
    try {
      listed = JSON.parse(r.out) as Record<string, string>;
    } catch (e) {
      throw new CredentialsError((e as Error).message);
    }
    const files = this.fileStore.getAll();
    const out = new Map<string, AuthConfig>();
    for (const registry of Object.keys(listed ?? {})) {
      const creds = this.fromHelper(registry);
      const ac: AuthConfig = { ...(files.get(registry) ?? {}) };
      ac.username = creds.username;
      ac.password = creds.password;
      ac.identitytoken = creds.identitytoken;
      if (!ac.serveraddress) ac.serveraddress = creds.serveraddress;
      out.set(registry, ac);
    }
    return out;
  }

  store(ac: AuthConfig): void {
    const creds = ac.identitytoken
      ? { ServerURL: ac.serveraddress ?? '', Username: TOKEN_USERNAME, Secret: ac.identitytoken }
      : { ServerURL: ac.serveraddress ?? '', Username: ac.username ?? '', Secret: ac.password ?? '' };
    // json.Encoder: HTML-escaped strings, a newline after the value
    const input = `{"ServerURL":${goString(creds.ServerURL)},"Username":${goString(creds.Username)},"Secret":${goString(creds.Secret)}}\n`;
    const r = runHelper(this.program, 'store', input);
    if (r.err !== undefined) throw new CredentialsError(`error storing credentials - err: ${helperError(r.out, r.err)}, out: \`${r.out.trim()}\``);
    this.fileStore.store({ ...ac, username: '', password: '', identitytoken: '' });
  }

  erase(serverAddress: string): void {
    const r = runHelper(this.program, 'erase', serverAddress);
    if (r.err !== undefined) throw new CredentialsError(`error erasing credentials - err: ${helperError(r.out.trim(), r.err)}, out: \`${r.out.trim()}\``);
    this.fileStore.erase(serverAddress);
  }
}

/**
 * A config file with its credential stores, as docker's cli holds it: loaded once, the
 * platform's default helper detected when the file configures no credentials at all.
 */
export class Credentials {
  readonly file: ConfigFile;
  private readonly warn: WarningSink;

  constructor(file: ConfigFile, warn: WarningSink = (t) => process.stderr.write(t), env: NodeJS.ProcessEnv = process.env) {
    this.file = file;
    this.warn = warn;
    if (!file.containsAuth()) file.credsStore = detectDefaultStore(file.credsStore, env);
  }

  /** config.LoadDefaultConfigFile: a file docker cannot parse is reported and read as far as it went */
  static load(dir: string, stderr: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Credentials {
    const file = ConfigFile.load(dir);
    const warning = file.warning();
    if (warning) stderr.write(warning);
    return new Credentials(file, (t) => stderr.write(t), env);
  }

  /** GetCredentialsStore: the registry's helper, else credsStore's, else the file */
  store(registryHostname: string): CredentialStore {
    let helper = this.file.credsStore;
    if (registryHostname !== '') {
      const specific = this.file.credHelpers.get(registryHostname);
      if (specific !== undefined) helper = specific;
    }
    return helper ? new NativeStore(this.file, helper, this.warn) : new FileStore(this.file, this.warn);
  }

  /** GetAuthConfig */
  get(registryHostname: string): AuthConfig {
    return this.store(registryHostname).get(registryHostname);
  }

  /** GetAllCredentials: the default store's, overridden by each credHelpers entry's */
  getAll(onWarning?: (registry: string, err: Error) => void): Map<string, AuthConfig> {
    const all = this.store('').getAll();
    for (const registry of this.file.credHelpers.keys()) {
      try {
        all.set(registry, this.get(registry));
      } catch (e) {
        onWarning?.(registry, e as Error);
      }
    }
    return all;
  }

  /** GetAuthConfig with the error ignored, as most of docker's callers ignore it */
  getOrPartial(registryHostname: string): AuthConfig {
    try {
      return this.get(registryHostname);
    } catch (e) {
      if (e instanceof CredentialsError) return e.partial ?? {};
      throw e;
    }
  }

  /** ResolveAuthConfig for an image's registry */
  forRegistry(indexName: string): AuthConfig {
    return this.getOrPartial(authConfigKey(indexName));
  }
}

/** credentials.DetectDefaultStore on Linux: pass when both it and its helper are there, else secretservice's helper */
export function detectDefaultStore(store: string, env: NodeJS.ProcessEnv = process.env): string {
  if (store !== '') return store;
  const platformDefault = lookPath('pass', env) ? 'pass' : 'secretservice';
  return lookPath(HELPER_PREFIX + platformDefault, env) ? platformDefault : '';
}
