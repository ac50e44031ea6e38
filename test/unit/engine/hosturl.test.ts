// The url.Parse subset, net.SplitHostPort/JoinHostPort, docker's ParseHost and the client's
// ParseHostURL, table-driven: every error path with Go's text, and the forms accepted.
import { describe, expect, it } from 'vitest';
import {
  dockerParseHost,
  escapeUrlHost,
  goIsDomainName,
  goIsIPv4,
  goJoinHostPort,
  goParseUrl,
  goQuote,
  goSplitHostPort,
  goTrimSpace,
  parseHostUrl,
  urlHostnamePort,
} from '../../../src/engine/hosturl.js';
import { parseEndpointHost, parseHost } from '../../../src/engine/client.js';

describe('goParseUrl (url.Parse)', () => {
  const ok: [string, string, string][] = [
    ['tcp://a:1', 'a:1', ''],
    ['tcp://a:1/p/q', 'a:1', '/p/q'],
    ['tcp://user@h', 'h', ''],
    ['tcp://u:p@h:2', 'h:2', ''],
    ['tcp://u/x@a', 'u', '/x@a'],
    ['tcp://a#f', 'a', ''],
    ['tcp://a?x=1', 'a', ''],
    ['tcp://a?', 'a', ''],
    ['tcp://%c3%a9', 'é', ''],
    ['tcp://[::1]:80', '[::1]:80', ''],
    ['tcp://[fe80::1%25eth0]:80', '[fe80::1%eth0]:80', ''],
    ['tcp://a:1/x%20y', 'a:1', '/x y'],
    ['tcp://a:1/p%2Fq', 'a:1', '/p/q'],
    ['tcp://a<b', 'a<b', ''],
    ['tcp://a:', 'a:', ''],
    ['TCP://a', 'a', ''],
  ];
  for (const [raw, host, path] of ok) {
    it(`parses ${raw}`, () => {
      const u = goParseUrl(raw);
      expect([u.host, u.path]).toEqual([host, path]);
    });
  }
  const bad: [string, string][] = [
    ['tcp://a b', 'parse "tcp://a b": invalid character " " in host name'],
    ['tcp://a:b', 'parse "tcp://a:b": invalid port ":b" after host'],
    ['tcp://h:-1', 'parse "tcp://h:-1": invalid port ":-1" after host'],
    ['tcp://[::1', 'parse "tcp://[::1": missing \']\' in host'],
    ['tcp://[::1]x', 'parse "tcp://[::1]x": invalid port "x" after host'],
    ['tcp://%zz', 'parse "tcp://%zz": invalid URL escape "%zz"'],
    ['tcp://a%2', 'parse "tcp://a%2": invalid URL escape "%2"'],
    ['tcp://a%20b', 'parse "tcp://a%20b": invalid URL escape "%20"'],
    ['tcp://a%41', 'parse "tcp://a%41": invalid URL escape "%41"'],
    ['tcp://[fe80::1%eth0]:2375', 'parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"'],
    ['tcp://[fe80::1%25e%2Fth0]:1', 'parse "tcp://[fe80::1%25e%2Fth0]:1": invalid URL escape "%2F"'],
    ['tcp://a/%zz', 'parse "tcp://a/%zz": invalid URL escape "%zz"'],
    ['tcp://u%zz@a', 'parse "tcp://u%zz@a": invalid URL escape "%zz"'],
    ['tcp://é@a', 'parse "tcp://é@a": net/url: invalid userinfo'],
    ['tcp://u v@a', 'parse "tcp://u v@a": net/url: invalid userinfo'],
    ['tcp://a\x01', 'parse "tcp://a\\x01": net/url: invalid control character in URL'],
    ['tcp://a\x7f', 'parse "tcp://a\\x7f": net/url: invalid control character in URL'],
    // the fragment is checked after the rest, and the error names the whole URL
    ['tcp://a#%zz', 'parse "tcp://a#%zz": invalid URL escape "%zz"'],
    // the rest is cut at '#' first: the error names what came before it
    ['tcp://a b#f', 'parse "tcp://a b": invalid character " " in host name'],
    [':', 'parse ":": missing protocol scheme'],
  ];
  for (const [raw, msg] of bad) {
    it(`refuses ${JSON.stringify(raw)}`, () => expect(() => goParseUrl(raw)).toThrow(msg));
  }
});

describe('net.SplitHostPort and JoinHostPort', () => {
  const cases: [string, [string, string] | null][] = [
    ['a:1', ['a', '1']],
    ['a:', ['a', '']],
    [':1', ['', '1']],
    ['[::1]:2', ['::1', '2']],
    ['a', null],
    ['a:1:2', null],
    ['[::1]', null],
    ['[::1]x:1', null],
    ['[a:1', null],
    ['a[b]:1', null],
    ['a]:1', null],
    ['[[::1]]:2375', null],
  ];
  for (const [hp, want] of cases) {
    it(`splits ${hp}`, () => {
      const r = goSplitHostPort(hp);
      expect(r ? [r.host, r.port] : null).toEqual(want);
    });
  }
  it('brackets a host with a colon', () => {
    expect(goJoinHostPort('a:2375:3', '2375')).toBe('[a:2375:3]:2375');
    expect(goJoinHostPort('a', '1')).toBe('a:1');
  });
});

describe("docker's ParseHost", () => {
  const ok: [string, boolean, string][] = [
    ['', false, 'unix:///var/run/docker.sock'],
    ['  ', true, 'tcp://localhost:2376'],
    ['tcp://', false, 'tcp://localhost:2375'],
    [':', false, 'tcp://localhost:2375'],
    ['tcp://:2375', false, 'tcp://localhost:2375'],
    // TLS only changes the default for an empty host
    ['tcp://a', true, 'tcp://a:2375'],
    ['h:2375', false, 'tcp://h:2375'],
    ['tcp://a:080', false, 'tcp://a:080'],
    ['tcp://a:2375:3', false, 'tcp://[a:2375:3]:2375'],
    ['tcp://[::1]:', false, 'tcp://[::1]:2375'],
    ['tcp://[::1]:1', false, 'tcp://[::1]:1'],
    ['tcp://user@h#f', false, 'tcp://h:2375'],
    ['tcp://a:2375/path', false, 'tcp://a:2375/path'],
    ['tcp://a/%2525zz', false, 'tcp://a:2375/%25zz'],
    ['tcp://[fe80::1%25eth0]:2375', false, 'tcp://[fe80::1%eth0]:2375'],
    ['tcp://tcp://x', false, 'tcp://x:2375'],
    ['tcp://a:99999999999999999999', false, 'tcp://a:99999999999999999999'],
    [' tcp://a\u00a0', false, 'tcp://a:2375'],
    ['unix://', false, 'unix:///var/run/docker.sock'],
    ['unix://relative', false, 'unix://relative'],
    ['npipe://', false, 'npipe:////./pipe/docker_engine'],
    ['fd://', false, 'fd://'],
    ['ssh://u@h', false, 'ssh://u@h'],
  ];
  for (const [raw, tls, want] of ok) {
    it(`${JSON.stringify(raw)}${tls ? ' (tls)' : ''} is ${want}`, () => expect(dockerParseHost(raw, tls)).toBe(want));
  }
  const bad: [string, string][] = [
    ['tcp://[::1]', 'invalid bind address format: [::1]'],
    ['tcp://a[::1]:80', 'invalid bind address format: a[::1]:80'],
    ['tcp://a]', 'invalid bind address format: a]'],
    ['http://h', 'invalid bind address format: http://h'],
    ['TCP://a', 'invalid bind address format: TCP://a'],
    ['://x', 'invalid bind address format: ://x'],
    ['unix://a://b', 'invalid proto, expected unix: a://b'],
    ['tcp://a:b://c', 'invalid proto, expected tcp: a:b://c'],
    ['tcp://a b', 'parse "tcp://a b": invalid character " " in host name'],
  ];
  for (const [raw, msg] of bad) {
    it(`refuses ${JSON.stringify(raw)}`, () => expect(() => dockerParseHost(raw, false)).toThrow(msg));
  }
  it('leaves U+FEFF, which Go does not count as space', () => expect(goTrimSpace('\ufeffa ')).toBe('\ufeffa'));
});

describe("the client's ParseHostURL", () => {
  it('keeps the URL host and path of tcp', () => {
    expect(parseHostUrl('tcp://[a:2375:3]:2375/b')).toEqual({ proto: 'tcp', addr: '[a:2375:3]:2375', basePath: '/b' });
    expect(parseHostUrl('unix:///x.sock')).toEqual({ proto: 'unix', addr: '/x.sock', basePath: '' });
    expect(parseHostUrl('http://h')).toEqual({ proto: 'http', addr: 'h', basePath: '' });
  });
  it('refuses what has no address', () => {
    expect(() => parseHostUrl('tcp://')).toThrow('unable to parse docker host `tcp://`');
    expect(() => parseHostUrl('h:2375')).toThrow('unable to parse docker host `h:2375`');
  });
  it('parses the unescaped form a second time', () => {
    expect(() => parseHostUrl('tcp://[fe80::1%eth0]:2375')).toThrow('parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"');
  });
});

describe('parseHost / parseEndpointHost (berth client)', () => {
  it('adds docker\'s prefix to ParseHost errors only', () => {
    expect(() => parseHost('tcp://a b', false)).toThrow('unable to resolve docker endpoint: parse "tcp://a b"');
    expect(() => parseHost('tcp://[fe80::1%25eth0]:2375', false)).toThrow(/^parse "tcp:\/\/\[fe80::1%eth0\]:2375": invalid URL escape "%et"$/);
  });
  it('splits a tcp host for dialling', () => {
    const h = parseHost('tcp://a:2375:3/p', false);
    expect([h.display, h.addr, h.hostname, h.portText, h.basePath]).toEqual(['tcp://[a:2375:3]:2375/p', '[a:2375:3]:2375', 'a:2375:3', '2375', '/p']);
  });
  it('a context endpoint without a port takes the scheme\'s', () => {
    expect(parseEndpointHost('http://h', false).portText).toBe('80');
    expect(parseEndpointHost('tcp://[::1]', true).portText).toBe('443');
  });
  it('keeps ssh, fd and npipe as they were', () => {
    expect(parseHost('ssh://', false)).toEqual({ proto: 'ssh', display: 'ssh://' });
    expect(parseHost('fd://', false)).toEqual({ proto: 'fd', display: 'fd://' });
  });
});

describe('resolver and URL helpers', () => {
  it('isDomainName', () => {
    for (const n of ['a', 'a_b', 'a.invalid.', 'xn--9ca', 'A-1']) expect(goIsDomainName(n)).toBe(true);
    for (const n of ['a<b', '-a', 'a-', 'foo..bar', '123', '1.2.3', 'a:2375:3', '', 'x'.repeat(64)]) expect(goIsDomainName(n)).toBe(false);
  });
  it('IPv4 as Go parses it (no leading zeros)', () => {
    expect(goIsIPv4('127.0.0.1')).toBe(true);
    expect(goIsIPv4('01.2.3.4')).toBe(false);
    expect(goIsIPv4('1.2.3')).toBe(false);
    expect(goIsIPv4('256.1.1.1')).toBe(false);
  });
  it("URL.Hostname/Port and the host's escaping", () => {
    expect(urlHostnamePort('[::1]:80')).toEqual({ hostname: '::1', port: '80' });
    expect(urlHostnamePort('h')).toEqual({ hostname: 'h', port: '' });
    expect(escapeUrlHost('é:2375')).toBe('%C3%A9:2375');
    expect(escapeUrlHost('[a:1]:2<b')).toBe('[a:1]:2<b');
  });
  it('quotes as strconv.Quote', () => {
    expect(goQuote('a\x01"\\')).toBe('"a\\x01\\"\\\\"');
    expect(goQuote('é')).toBe('"é"');
  });
});
