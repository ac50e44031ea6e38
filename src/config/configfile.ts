// docker's configfile.ConfigFile: config.json read the way docker reads it (encoding/json into
// its struct: keys matched case-insensitively, type errors reported and skipped, `auth`
// decoded into a username and password) and written back the way docker writes it
// (json.MarshalIndent with tabs, docker's field order, HTML characters escaped, the file
// replaced atomically with the old file's mode and owner, 0600 for a new one).
//
// Unlike docker, keys berth does not know are kept: they are written after docker's fields,
// in their order.
import { errnoText } from '../build/gopath.js';
import { chmodSync, chownSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { decodeFirstValue, GoEOF, GoNumber, GoObject, goKind, GoSyntaxError, type GoRaw } from './gojsondecode.js';

/** docker's types.AuthConfig (cli/config/types) */
export interface AuthConfig {
  username?: string;
  password?: string;
  auth?: string;
  email?: string;
  serveraddress?: string;
  identitytoken?: string;
  registrytoken?: string;
}

export const AUTH_FIELDS = ['username', 'password', 'auth', 'email', 'serveraddress', 'identitytoken', 'registrytoken'] as const;

const PROXY_FIELDS = ['httpProxy', 'httpsProxy', 'noProxy', 'ftpProxy', 'allProxy'] as const;

type FieldKind = 'auths' | 'string' | 'strmap' | 'strlist' | 'proxies' | 'plugins';

/** ConfigFile's JSON fields in its struct order, with their Go types */
const FIELDS: [string, FieldKind][] = [
  ['auths', 'auths'],
  ['HttpHeaders', 'strmap'],
  ['psFormat', 'string'],
  ['imagesFormat', 'string'],
  ['networksFormat', 'string'],
  ['pluginsFormat', 'string'],
  ['volumesFormat', 'string'],
  ['statsFormat', 'string'],
  ['detachKeys', 'string'],
  ['credsStore', 'string'],
  ['credHelpers', 'strmap'],
  ['serviceInspectFormat', 'string'],
  ['servicesFormat', 'string'],
  ['tasksFormat', 'string'],
  ['secretFormat', 'string'],
  ['configFormat', 'string'],
  ['nodesFormat', 'string'],
  ['pruneFilters', 'strlist'],
  ['proxies', 'proxies'],
  ['currentContext', 'string'],
  ['cliPluginsExtraDirs', 'strlist'],
  ['plugins', 'plugins'],
  ['aliases', 'strmap'],
  ['features', 'strmap'],
  ['experimental', 'string'],
];

const GO_TYPES: Record<FieldKind, string> = {
  auths: 'map[string]types.AuthConfig',
  string: 'string',
  strmap: 'map[string]string',
  strlist: '[]string',
  proxies: 'map[string]configfile.ProxyConfig',
  plugins: 'map[string]map[string]string',
};

/** a field of Go's struct whose JSON name matches `key` (exactly, else case-insensitively) */
function matchField<T extends string>(names: readonly T[], key: string): T | undefined {
  const exact = names.find((n) => n === key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  return names.find((n) => n.toLowerCase() === lower);
}

export class ConfigFile {
  /** where it is read from and saved to */
  readonly filename: string;
  /** auths, decoded: username/password set from `auth`, serveraddress set to the key; null as docker keeps a JSON null */
  auths: Map<string, AuthConfig> | null = new Map();
  /** the other known fields, decoded (strings, string maps, lists, ...) */
  readonly fields = new Map<string, unknown>();
  /** members berth does not know, in order */
  readonly unknown: [string, GoRaw][] = [];
  /** docker's warning text when the file could not be read entirely */
  loadError?: string;
  /** whether the file existed */
  exists = false;

  constructor(filename: string) {
    this.filename = filename;
  }

  get credsStore(): string {
    return (this.fields.get('credsStore') as string | undefined) ?? '';
  }

  set credsStore(v: string) {
    if (v) this.fields.set('credsStore', v);
    else this.fields.delete('credsStore');
  }

  get credHelpers(): Map<string, string> {
    return (this.fields.get('credHelpers') as Map<string, string> | undefined) ?? new Map();
  }

  authConfigs(): Map<string, AuthConfig> {
    this.auths ??= new Map();
    return this.auths;
  }

  /** ContainsAuth: credentials are configured in some way */
  containsAuth(): boolean {
    return this.credsStore !== '' || this.credHelpers.size > 0 || (this.auths?.size ?? 0) > 0;
  }

  /** docker's warning for a config.json it could not read, or '' (and '' once main has said it) */
  warning(): string {
    if (!this.loadError || startupWarnings.has(this.loadError)) return '';
    return `WARNING: Error ${this.loadError}\n`;
  }

  /** Reads `dir`/config.json as docker's config.Load does; a missing file is an empty config. */
  static load(dir: string): ConfigFile {
    const cf = new ConfigFile(join(dir, 'config.json'));
    let data: Buffer;
    try {
      data = readFileSync(cf.filename);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Go's os.Open error, wrapped as config.Load wraps it; a directory opens in Go and fails on read
      if (code === 'EISDIR') cf.loadError = `parsing config file (${cf.filename}): read ${cf.filename}: is a directory`;
      else if (code !== 'ENOENT') cf.loadError = `loading config file: open ${cf.filename}: ${errnoText(e)}`;
      return cf;
    }
    cf.exists = true;
    try {
      cf.decode(data);
    } catch (e) {
      if (!(e instanceof ConfigDecodeError || e instanceof GoSyntaxError)) throw e;
      cf.loadError = `parsing config file (${cf.filename}): ${e.message}`;
    }
    return cf;
  }

  /** LoadFromReader: JSON into the struct, then each auth decoded */
  private decode(data: Uint8Array): void {
    let root: GoRaw;
    try {
      root = decodeFirstValue(data);
    } catch (e) {
      if (e instanceof GoEOF) return;
      throw e;
    }
    if (!(root instanceof GoObject)) {
      if (root === null) return;
      throw new ConfigDecodeError(`json: cannot unmarshal ${goKind(root)} into Go value of type configfile.ConfigFile`);
    }
    const errors: string[] = [];
    const typeError = (v: GoRaw, struct: string, path: string, type: string): void => {
      errors.push(`json: cannot unmarshal ${goKind(v)} into Go struct field ${struct}.${path} of type ${type}`);
    };
    const names = FIELDS.map(([n]) => n);
    for (const [key, value] of root.entries) {
      const name = matchField(names, key);
      if (!name) {
        const at = this.unknown.findIndex(([k]) => k === key);
        if (at >= 0) this.unknown.splice(at, 1);
        this.unknown.push([key, value]);
        continue;
      }
      const kind = FIELDS.find(([n]) => n === name)![1];
      if (value === null) {
        // null leaves a string as it was and makes a map nil
        if (kind === 'auths') this.auths = null;
        else if (kind !== 'string') this.fields.delete(name);
        continue;
      }
      switch (kind) {
        case 'string':
          if (typeof value === 'string') this.fields.set(name, value);
          else typeError(value, 'ConfigFile', name, 'string');
          break;
        case 'strlist': {
          if (!Array.isArray(value)) {
            typeError(value, 'ConfigFile', name, '[]string');
            break;
          }
          const list: string[] = [];
          for (const v of value) {
            if (typeof v === 'string') list.push(v);
            else {
              if (v !== null) typeError(v, 'ConfigFile', name, 'string');
              list.push('');
            }
          }
          this.fields.set(name, list);
          break;
        }
        case 'strmap': {
          if (!(value instanceof GoObject)) {
            typeError(value, 'ConfigFile', name, GO_TYPES[kind]);
            break;
          }
          const m = (this.fields.get(name) as Map<string, string> | undefined) ?? new Map<string, string>();
          for (const [k, v] of value.entries) {
            if (typeof v === 'string') m.set(k, v);
            else if (v === null) m.set(k, '');
            else typeError(v, 'ConfigFile', name, 'string');
          }
          this.fields.set(name, m);
          break;
        }
        case 'plugins': {
          if (!(value instanceof GoObject)) {
            typeError(value, 'ConfigFile', name, GO_TYPES[kind]);
            break;
          }
          const m = (this.fields.get(name) as Map<string, Map<string, string> | null> | undefined) ?? new Map<string, Map<string, string> | null>();
          for (const [k, v] of value.entries) {
            if (v === null) {
              m.set(k, null);
              continue;
            }
            if (!(v instanceof GoObject)) {
              typeError(v, 'ConfigFile', name, 'map[string]string');
              continue;
            }
            const inner = new Map<string, string>();
            for (const [ik, iv] of v.entries) {
              if (typeof iv === 'string') inner.set(ik, iv);
              else if (iv === null) inner.set(ik, '');
              else typeError(iv, 'ConfigFile', name, 'string');
            }
            m.set(k, inner);
          }
          this.fields.set(name, m);
          break;
        }
        case 'proxies': {
          if (!(value instanceof GoObject)) {
            typeError(value, 'ConfigFile', name, GO_TYPES[kind]);
            break;
          }
          const m = (this.fields.get(name) as Map<string, Record<string, string>> | undefined) ?? new Map<string, Record<string, string>>();
          for (const [k, v] of value.entries) {
            const pc: Record<string, string> = {};
            if (v !== null && !(v instanceof GoObject)) {
              typeError(v, 'ConfigFile', name, 'configfile.ProxyConfig');
              continue;
            }
            for (const [pk, pv] of v?.entries ?? []) {
              const f = matchField(PROXY_FIELDS, pk);
              if (!f || pv === null) continue;
              if (typeof pv === 'string') pc[f] = pv;
              else typeError(pv, 'ProxyConfig', `${name}.${f}`, 'string');
            }
            m.set(k, pc);
          }
          this.fields.set(name, m);
          break;
        }
        case 'auths': {
          if (!(value instanceof GoObject)) {
            typeError(value, 'ConfigFile', name, GO_TYPES[kind]);
            break;
          }
          const m = this.authConfigs();
          for (const [k, v] of value.entries) {
            const ac: AuthConfig = {};
            if (v !== null && !(v instanceof GoObject)) {
              typeError(v, 'ConfigFile', name, 'types.AuthConfig');
              continue;
            }
            for (const [ak, av] of v?.entries ?? []) {
              const f = matchField(AUTH_FIELDS, ak);
              if (!f || av === null) continue;
              if (typeof av === 'string') ac[f] = av;
              else typeError(av, 'AuthConfig', `${name}.${f}`, 'string');
            }
            m.set(k, ac);
          }
          break;
        }
      }
    }
    if (errors.length > 0) throw new ConfigDecodeError(errors[0]!);
    // each auth decoded, in Go's (random) map order: the first failure stops the rest
    for (const [addr, ac] of this.auths ?? []) {
      if (ac.auth) {
        const [user, pass] = decodeAuth(ac.auth);
        ac.username = user;
        ac.password = pass;
      }
      ac.auth = '';
      ac.serveraddress = addr;
    }
  }

  /** SaveToWriter's bytes: json.MarshalIndent(configFile, "", "\t") */
  serialize(): string {
    const lines: string[] = [];
    const member = (key: string, value: string): void => {
      lines.push(`\t${goString(key)}: ${value}`);
    };
    for (const [name, kind] of FIELDS) {
      if (kind === 'auths') {
        if (this.auths === null) {
          member(name, 'null');
          continue;
        }
        const entries = [...this.auths.entries()].sort(([a], [b]) => compareBytes(a, b));
        member(name, indentObject(entries.map(([k, ac]) => [k, authJSON(ac)]), 1));
        continue;
      }
      const v = this.fields.get(name);
      if (v === undefined) continue;
      switch (kind) {
        case 'string':
          if (v !== '') member(name, goString(v as string));
          break;
        case 'strlist':
          if ((v as string[]).length > 0) member(name, indentArray((v as string[]).map(goString), 1));
          break;
        case 'strmap': {
          let m = v as Map<string, string>;
          if (name === 'HttpHeaders') m = new Map([...m].filter(([k]) => k.toLowerCase() !== 'user-agent'));
          if (m.size > 0) member(name, indentObject(sortedEntries(m).map(([k, s]) => [k, goString(s)]), 1));
          break;
        }
        case 'plugins': {
          const m = v as Map<string, Map<string, string> | null>;
          if (m.size > 0) member(name, indentObject(sortedEntries(m).map(([k, inner]) => [k, inner === null ? 'null' : indentObject(sortedEntries(inner).map(([ik, iv]) => [ik, goString(iv)]), 2)]), 1));
          break;
        }
        case 'proxies': {
          const m = v as Map<string, Record<string, string>>;
          if (m.size > 0) {
            member(name, indentObject(sortedEntries(m).map(([k, pc]) => [k, indentObject(PROXY_FIELDS.filter((f) => pc[f]).map((f) => [f, goString(pc[f]!)]), 2)]), 1));
          }
          break;
        }
        default:
          break;
      }
    }
    for (const [k, v] of this.unknown) member(k, indentRaw(v, 1));
    return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n}`;
  }

  /** Save: a temporary file beside the target, its mode and owner copied, then renamed over it */
  save(): void {
    if (this.filename === '') throw new Error("Can't save config with empty filename");
    const dir = dirname(this.filename);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const data = this.serialize();
    let temp = '';
    let fd = -1;
    for (let attempt = 0; fd < 0; attempt++) {
      // node:crypto only when saving: start-up reads config.json through this module
      const { randomInt } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
      temp = join(dir, `${basename(this.filename)}${randomInt(0, 2 ** 32)}`);
      try {
        fd = openSync(temp, 'wx', 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw e;
      }
    }
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      unlinkSync(temp);
      throw e;
    }
    closeSync(fd);
    let target = this.filename;
    try {
      target = realpathSync(this.filename);
    } catch {
      // not there yet
    }
    try {
      const st = statSync(target);
      chmodSync(temp, st.mode & 0o7777);
      try {
        chownSync(temp, st.uid, st.gid);
      } catch {
        // not permitted: docker ignores it too
      }
    } catch {
      // no old file: the temporary file's 0600 stays
    }
    try {
      renameSync(temp, target);
    } catch (e) {
      try {
        unlinkSync(temp);
      } catch {
        // gone already
      }
      throw e;
    }
    this.exists = true;
  }
}

export class ConfigDecodeError extends Error {}

/** decodeAuth: base64 "user:password" */
export function decodeAuth(s: string): [string, string] {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
    throw new ConfigDecodeError(`illegal base64 data at input byte ${illegalBase64Offset(s)}`);
  }
  const decoded = Buffer.from(s, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || colon === 0) throw new ConfigDecodeError('Invalid auth configuration file');
  return [decoded.slice(0, colon), decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '')];
}

/** where base64.StdEncoding.Decode reports the first bad byte */
function illegalBase64Offset(s: string): number {
  const alphabet = /[A-Za-z0-9+/]/;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\r' || c === '\n') continue;
    if (alphabet.test(c)) continue;
    if (c === '=') {
      // padding must come at a quantum's end: 2 or 3 characters into it
      const quantumPos = i % 4;
      if (quantumPos < 2) return i;
      const rest = s.slice(i);
      if (quantumPos === 2 && rest.startsWith('==') && rest.length === 2) return s.length;
      if (quantumPos === 3 && rest.length === 1) return s.length;
      return quantumPos === 2 ? i + 1 : i;
    }
    return i;
  }
  // a trailing partial quantum
  return s.length - (s.length % 4);
}

/** encodeAuth: base64 of "user:password", '' when both are empty */
export function encodeAuth(ac: AuthConfig): string {
  if (!ac.username && !ac.password) return '';
  return Buffer.from(`${ac.username ?? ''}:${ac.password ?? ''}`, 'utf8').toString('base64');
}

/** an auth as SaveToWriter writes it: auth re-encoded, username/password/serveraddress dropped */
function authJSON(ac: AuthConfig): string {
  const out: AuthConfig = { ...ac, auth: encodeAuth(ac), username: '', password: '', serveraddress: '' };
  const members = AUTH_FIELDS.filter((f) => out[f]).map((f): [string, string] => [f, goString(out[f]!)]);
  return indentObject(members, 2);
}

function compareBytes(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

function sortedEntries<V>(m: Map<string, V>): [string, V][] {
  return [...m.entries()].sort(([a], [b]) => compareBytes(a, b));
}

/** an object of already-encoded members at nesting `depth` (its members one tab deeper) */
function indentObject(members: [string, string][], depth: number): string {
  if (members.length === 0) return '{}';
  const pad = '\t'.repeat(depth + 1);
  return `{\n${members.map(([k, v]) => `${pad}${goString(k)}: ${v}`).join(',\n')}\n${'\t'.repeat(depth)}}`;
}

function indentArray(items: string[], depth: number): string {
  if (items.length === 0) return '[]';
  const pad = '\t'.repeat(depth + 1);
  return `[\n${items.map((v) => `${pad}${v}`).join(',\n')}\n${'\t'.repeat(depth)}]`;
}

function indentRaw(v: GoRaw, depth: number): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return goString(v);
  if (v instanceof GoNumber) return v.text;
  if (Array.isArray(v)) return indentArray(v.map((x) => indentRaw(x, depth + 1)), depth);
  return indentObject(v.entries.map(([k, x]) => [k, indentRaw(x, depth + 1)]), depth);
}

const HEX = '0123456789abcdef';

/** encoding/json's string encoding with HTML escaping (json.Marshal's default) */
export function goString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x5c: out += '\\\\'; break;
        case 0x22: out += '\\"'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        default: out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += `\\u202${HEX[c & 0xf]}`;
      continue;
    }
    out += s[i];
  }
  return `${out}"`;
}

/** the warnings main printed at start-up, as docker's Initialize does: not printed again */
export const startupWarnings = new Set<string>();
