// The address grammar docker's client applies to -H, DOCKER_HOST and context endpoints: the
// subset of Go's net/url.Parse and net.SplitHostPort/JoinHostPort those addresses meet, with
// Go's own error texts, then docker's ParseHost (docker/cli opts/hosts.go) and the moby
// client's ParseHostURL (which keeps the URL's path as a base path for every request).

/** a url.Parse failure: `parse "tcp://a b": invalid character " " in host name` */
export class GoUrlError extends Error {}

export interface GoUrl {
  scheme: string;
  /** the authority without its userinfo, unescaped ("é:2375", "[::1]:80") */
  host: string;
  /** the unescaped path */
  path: string;
}

/** strconv.Quote, for the ASCII and UTF-8 an address holds */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** strings.TrimSpace: Unicode White_Space at both ends (not U+FEFF, which String.trim drops) */
export function goTrimSpace(s: string): string {
  const ws = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
  return s.replace(new RegExp(`^${ws}+|${ws}+$`, 'gu'), '');
}

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const unhex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

type Mode = 'host' | 'zone' | 'path' | 'userinfo' | 'fragment';

/** url.shouldEscape, for the modes addresses use */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && "!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    if (mode === 'path') return ch === '?';
    if (mode === 'userinfo') return '@/?:'.includes(ch);
    if (mode === 'fragment') return false;
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

/** url.unescape over the bytes of `s` (a string of UTF-8 text) */
function unescape(s: string, mode: Mode): string {
  const b = Buffer.from(s, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c === 0x25) {
      if (i + 2 >= b.length || !isHex(b[i + 1]!) || !isHex(b[i + 2]!)) {
        throw new GoUrlError(`invalid URL escape ${goQuote(b.subarray(i, i + 3).toString('utf8'))}`);
      }
      const esc = b.subarray(i, i + 3).toString('latin1');
      // in a host, %XX only spells non-ASCII bytes (and %25, for an IPv6 zone's %)
      if (mode === 'host' && unhex(b[i + 1]!) < 8 && esc !== '%25') throw new GoUrlError(`invalid URL escape ${goQuote(esc)}`);
      const v = (unhex(b[i + 1]!) << 4) | unhex(b[i + 2]!);
      if (mode === 'zone' && esc !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) throw new GoUrlError(`invalid URL escape ${goQuote(esc)}`);
      out.push(v);
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        throw new GoUrlError(`invalid character ${goQuote(String.fromCharCode(c))} in host name`);
      }
      out.push(c);
      i++;
    }
  }
  return Buffer.from(out).toString('utf8');
}

/** url.validOptionalPort */
function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function parseUrlHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new GoUrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${goQuote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) return unescape(host.slice(0, zone), 'host') + unescape(host.slice(zone, i), 'zone') + unescape(host.slice(i), 'host');
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${goQuote(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

/** url.validUserinfo: runes, so any non-ASCII fails */
function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseAuthority(authority: string): string {
  const i = authority.lastIndexOf('@');
  const host = parseUrlHost(i < 0 ? authority : authority.slice(i + 1));
  if (i >= 0) {
    const userinfo = authority.slice(0, i);
    if (!validUserinfo(userinfo)) throw new GoUrlError('net/url: invalid userinfo');
    // the user and password are checked for their escapes, then dropped: docker never uses them
    for (const part of userinfo.split(':').slice(0, 2)) unescape(part, 'userinfo');
  }
  return host;
}

/**
 * url.Parse for an absolute URL with an authority ("tcp://..."): the fragment and query are
 * dropped, the userinfo checked and dropped. Errors carry Go's `parse "...": ` prefix.
 */
export function goParseUrl(raw: string): GoUrl {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const wrap = (url: string, e: unknown): never => {
    if (e instanceof GoUrlError) throw new GoUrlError(`parse ${goQuote(url)}: ${e.message}`);
    throw e;
  };
  let parsed: GoUrl;
  try {
    parsed = parseWithoutFragment(u);
  } catch (e) {
    return wrap(u, e);
  }
  if (hash >= 0) {
    try {
      unescape(raw.slice(hash + 1), 'fragment');
    } catch (e) {
      wrap(raw, e);
    }
  }
  return parsed;
}

function parseWithoutFragment(raw: string): GoUrl {
  for (const ch of Buffer.from(raw, 'utf8')) {
    if (ch < 0x20 || ch === 0x7f) throw new GoUrlError('net/url: invalid control character in URL');
  }
  // getScheme
  let scheme = '';
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) break;
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new GoUrlError('missing protocol scheme');
      scheme = raw.slice(0, i).toLowerCase();
      rest = raw.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else if (rest.includes('?')) rest = rest.slice(0, rest.indexOf('?'));
  let host = '';
  if (scheme !== '' && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    host = parseAuthority(authority);
  }
  return { scheme, host, path: unescape(rest, 'path') };
}

/** net.SplitHostPort; null where Go reports an error */
export function goSplitHostPort(hostport: string): { host: string; port: string } | null {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return null;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return null;
    if (end + 1 !== i) return null;
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return null;
  }
  if (hostport.slice(j).includes('[')) return null;
  if (hostport.slice(k).includes(']')) return null;
  return { host, port: hostport.slice(i + 1) };
}

/** net.JoinHostPort */
export function goJoinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** a failure of docker's ParseHost, or of the client's ParseHostURL (`endpoint` false) */
export class DockerHostError extends Error {
  constructor(
    message: string,
    /** true for ParseHost's errors, which docker prefixes with "unable to resolve docker endpoint: " */
    readonly endpoint: boolean,
  ) {
    super(message);
  }
}

const DEFAULT_HTTP_HOST = 'localhost';
const DEFAULT_HTTP_PORT = '2375';
const DEFAULT_TLS_HTTP_PORT = '2376';
const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
const DEFAULT_NAMED_PIPE = '//./pipe/docker_engine';

/** docker's ParseHost (opts/hosts.go): -H or DOCKER_HOST as the client's host string */
export function dockerParseHost(val: string, defaultToTLS: boolean): string {
  const host = goTrimSpace(val);
  if (host === '') return defaultToTLS ? `tcp://${DEFAULT_HTTP_HOST}:${DEFAULT_TLS_HTTP_PORT}` : `unix://${DEFAULT_UNIX_SOCKET}`;
  try {
    return parseDaemonHost(host);
  } catch (e) {
    if (e instanceof GoUrlError) throw new DockerHostError(e.message, true);
    throw e;
  }
}

function parseDaemonHost(addr: string): string {
  const cut = addr.indexOf('://');
  let proto = cut < 0 ? addr : addr.slice(0, cut);
  let host = cut < 0 ? '' : addr.slice(cut + 3);
  if (cut < 0 && proto !== '') {
    host = proto;
    proto = 'tcp';
  }
  switch (proto) {
    case 'tcp':
      return parseTcpAddr(host);
    case 'unix':
      return simpleProtoAddr(proto, host, DEFAULT_UNIX_SOCKET);
    case 'npipe':
      return simpleProtoAddr(proto, host, DEFAULT_NAMED_PIPE);
    case 'fd':
    case 'ssh':
      return addr;
    default:
      throw new DockerHostError(`invalid bind address format: ${addr}`, true);
  }
}

function simpleProtoAddr(proto: string, addr: string, defaultAddr: string): string {
  let a = addr.startsWith(`${proto}://`) ? addr.slice(proto.length + 3) : addr;
  if (a.includes('://')) throw new DockerHostError(`invalid proto, expected ${proto}: ${a}`, true);
  if (a === '') a = defaultAddr;
  return `${proto}://${a}`;
}

function parseTcpAddr(tryAddr: string): string {
  if (tryAddr === '' || tryAddr === 'tcp://') return `tcp://${DEFAULT_HTTP_HOST}:${DEFAULT_HTTP_PORT}`;
  let addr = tryAddr.startsWith('tcp://') ? tryAddr.slice(6) : tryAddr;
  if (addr.includes('://') || addr === '') throw new DockerHostError(`invalid proto, expected tcp: ${tryAddr}`, true);
  // (url.Parse refuses "[::1]:" where older Go took it)
  if (addr.endsWith(']:')) addr += DEFAULT_HTTP_PORT;
  const u = goParseUrl(`tcp://${addr}`);
  const hp = goSplitHostPort(u.host) ?? goSplitHostPort(goJoinHostPort(u.host, DEFAULT_HTTP_PORT));
  if (!hp) throw new DockerHostError(`invalid bind address format: ${tryAddr}`, true);
  const host = hp.host === '' ? DEFAULT_HTTP_HOST : hp.host;
  const port = hp.port === '' ? DEFAULT_HTTP_PORT : hp.port;
  // strconv.Atoi fails with 0 only on what is not a number; url.Parse let through digits only
  if (!/^[+-]?[0-9]+$/.test(port)) throw new DockerHostError(`invalid bind address format: ${tryAddr}`, true);
  return `tcp://${goJoinHostPort(host, port)}${u.path}`;
}

export interface HostUrl {
  /** the scheme: tcp, unix, ssh, fd, npipe, or whatever a context endpoint holds */
  proto: string;
  /** what follows "://": for tcp the URL's host ("[a:2375:3]:2375"), else the address as it is */
  addr: string;
  /** the path every request goes under (tcp only), unescaped */
  basePath: string;
}

/** the moby client's ParseHostURL */
export function parseHostUrl(host: string): HostUrl {
  const cut = host.indexOf('://');
  const proto = cut < 0 ? host : host.slice(0, cut);
  let addr = cut < 0 ? '' : host.slice(cut + 3);
  if (cut < 0 || addr === '') throw new DockerHostError(`unable to parse docker host \`${host}\``, false);
  let basePath = '';
  if (proto === 'tcp') {
    try {
      const u = goParseUrl(`tcp://${addr}`);
      addr = u.host;
      basePath = u.path;
    } catch (e) {
      if (e instanceof GoUrlError) throw new DockerHostError(e.message, false);
      throw e;
    }
  }
  return { proto, addr, basePath };
}

/** url.URL's splitHostPort: Hostname() and Port() of a URL's host */
export function urlHostnamePort(hostport: string): { hostname: string; port: string } {
  let hostname = hostport;
  let port = '';
  const colon = hostname.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(hostname.slice(colon))) {
    port = hostname.slice(colon + 1);
    hostname = hostname.slice(0, colon);
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return { hostname, port };
}

/** url.escape in host mode: how a URL's String() spells its host */
export function escapeUrlHost(host: string): string {
  let out = '';
  for (const b of Buffer.from(host, 'utf8')) {
    if (b < 0x80 && !shouldEscape(b, 'host')) out += String.fromCharCode(b);
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** url.escape in path mode: a URL's EscapedPath when it has no RawPath */
export function escapeUrlPath(p: string): string {
  let out = '';
  for (const b of Buffer.from(p, 'utf8')) {
    if (b < 0x80 && !shouldEscape(b, 'path')) out += String.fromCharCode(b);
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** net's isDomainName: what Go's resolver agrees to look up */
export function goIsDomainName(s: string): boolean {
  if (s === '.') return true;
  const l = s.length;
  if (l === 0 || l > 254 || (l === 254 && s[l - 1] !== '.')) return false;
  let last = '.';
  let nonNumeric = false;
  let partlen = 0;
  for (let i = 0; i < l; i++) {
    const c = s[i]!;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_') {
      nonNumeric = true;
      partlen++;
    } else if (c >= '0' && c <= '9') {
      partlen++;
    } else if (c === '-') {
      if (last === '.') return false;
      partlen++;
      nonNumeric = true;
    } else if (c === '.') {
      if (last === '.' || last === '-') return false;
      if (partlen > 63 || partlen === 0) return false;
      partlen = 0;
    } else {
      return false;
    }
    last = c;
  }
  if (last === '-' || partlen > 63) return false;
  return nonNumeric;
}

/** Go's dotted-decimal IPv4 (no leading zeros, four parts) */
export function goIsIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}
