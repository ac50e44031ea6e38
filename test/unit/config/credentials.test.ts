// config.json and credential stores where berth departs from docker or where the oracle can't
// be asked (docker's own behaviour is checked live in test/parity/registry.test.ts): keys
// berth does not know survive a save, the save is atomic (no temporary file left, the target
// of a symlink replaced, 0600 for a new file), the X-Registry-Auth encoding, and the
// credential-helper protocol against a scripted helper.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigFile, decodeAuth } from '../../../src/config/configfile.js';
import { Credentials, NativeStore, convertToHostname, encodeAuthHeader } from '../../../src/config/credentials.js';
import { decodeFirstValue, GoSyntaxError } from '../../../src/config/gojsondecode.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-creds-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ConfigFile', () => {
  it('keeps the keys berth does not know, in their order, after docker\'s fields', () => {
    writeFileSync(join(dir, 'config.json'), '{"zeta": {"n": [1, 2.50, true, null]}, "auths": {}, "alpha": "x<y", "psFormat": "p"}');
    const cf = ConfigFile.load(dir);
    cf.authConfigs().set('r.example', { username: 'u', password: 'p', serveraddress: 'r.example' });
    cf.save();
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(
      '{\n\t"auths": {\n\t\t"r.example": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t},\n\t"psFormat": "p",\n\t"zeta": {\n\t\t"n": [\n\t\t\t1,\n\t\t\t2.50,\n\t\t\ttrue,\n\t\t\tnull\n\t\t]\n\t},\n\t"alpha": "x\\u003cy"\n}',
    );
  });

  it('saves atomically: a new file is 0600, no temporary file stays, a symlinked config.json is replaced at its target', () => {
    const cf = ConfigFile.load(join(dir, 'new', 'sub'));
    cf.save();
    expect(statSync(join(dir, 'new', 'sub', 'config.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new', 'sub')).mode & 0o777).toBe(0o700);
    writeFileSync(join(dir, 'real.json'), '{"auths": {}}');
    chmodSync(join(dir, 'real.json'), 0o644);
    symlinkSync(join(dir, 'real.json'), join(dir, 'config.json'));
    const linked = ConfigFile.load(dir);
    linked.fields.set('detachKeys', 'ctrl-x');
    linked.save();
    expect(lstatSync(join(dir, 'config.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toContain('"detachKeys": "ctrl-x"');
    expect(statSync(join(dir, 'real.json')).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'new', 'real.json']);
  });

  it('reports what docker reports for a file it cannot read, and keeps what it read before the error', () => {
    writeFileSync(join(dir, 'config.json'), '{"detachKeys": "ctrl-a", "auths": {"x": {"auth": "!!!!"}}}');
    const cf = ConfigFile.load(dir);
    expect(cf.loadError).toBe(`parsing config file (${join(dir, 'config.json')}): illegal base64 data at input byte 0`);
    expect(cf.fields.get('detachKeys')).toBe('ctrl-a');
  });

  it('decodes auth as docker does', () => {
    expect(decodeAuth(Buffer.from('user:pa:ss\0\0').toString('base64'))).toEqual(['user', 'pa:ss']);
    expect(() => decodeAuth(Buffer.from(':nouser').toString('base64'))).toThrow('Invalid auth configuration file');
  });
});

describe('Go decoding errors', () => {
  const err = (s: string): string => {
    try {
      decodeFirstValue(Buffer.from(s));
      return '';
    } catch (e) {
      return e instanceof GoSyntaxError ? e.message : `other: ${(e as Error).message}`;
    }
  };
  it('reads only the first value', () => {
    expect(err('{"a": 1} {')).toBe('');
    expect(err('  ')).toBe('other: EOF');
  });
  it('names the character and where it stands', () => {
    expect(err('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(err('{"a": "\u0001"}')).toBe("invalid character '\\x01' in string literal");
    expect(err('{"a": 01}')).toBe("invalid character '1' after object key:value pair");
    expect(err('{"a": [1 2]}')).toBe("invalid character '2' after array element");
    expect(err("{'a': 1}")).toBe("invalid character '\\'' looking for beginning of object key string");
    expect(err('{"a": 1e}')).toBe("invalid character '}' in exponent of numeric literal");
    expect(err('{"a": "\\u12x4"}')).toBe("invalid character 'x' in \\u hexadecimal character escape");
    expect(err('{"a": nul')).toBe('unexpected EOF');
  });
});

describe('credentials', () => {
  it('X-Registry-Auth is padded base64url of the members that are set, HTML escaped', () => {
    const h = encodeAuthHeader({ username: 'u', password: 'p<>?', serveraddress: 'r' });
    expect(h).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(h.length % 4).toBe(0);
    expect(Buffer.from(h, 'base64url').toString()).toBe('{"username":"u","password":"p\\u003c\\u003e?","serveraddress":"r"}');
    expect(encodeAuthHeader({})).toBe('e30=');
  });

  it('ConvertToHostname', () => {
    expect(convertToHostname('https://index.docker.io/v1/')).toBe('index.docker.io');
    expect(convertToHostname('http://h:5000/x')).toBe('h:5000');
    expect(convertToHostname('ftp://h/x')).toBe('ftp:');
    expect(convertToHostname('h')).toBe('h');
  });

  it('speaks the helper protocol: store, get, list, erase, and docker\'s error wording', () => {
    const helper = join(dir, 'docker-credential-fake');
    const log = join(dir, 'log');
    writeFileSync(
      helper,
      `#!/bin/sh\ninput=$(cat)\nprintf '%s %s\\n' "$1" "$input" >> ${log}\ncase "$1" in\n  get) [ "$input" = r.example ] && printf '{"ServerURL":"r.example","Username":"u","Secret":"s"}' && exit 0; echo "credentials not found in native keychain"; exit 1;;\n  list) printf '{"r.example":"u"}';;\n  erase) echo "permission denied"; exit 3;;\nesac\n`,
    );
    chmodSync(helper, 0o755);
    const cf = ConfigFile.load(dir);
    const store = new NativeStore(cf, 'fake', () => undefined);
    const path = process.env.PATH;
    process.env.PATH = `${dir}:${path}`;
    try {
      store.store({ username: 'u', password: 's<', serveraddress: 'r.example' });
      expect(store.get('r.example')).toEqual({ username: 'u', password: 's', identitytoken: undefined, serveraddress: 'r.example' });
      expect(store.get('other.example')).toEqual({ username: undefined, password: undefined, identitytoken: undefined, serveraddress: undefined });
      expect([...store.getAll().keys()]).toEqual(['r.example']);
      expect(() => store.erase('r.example')).toThrow('error erasing credentials - err: exit status 3, out: `permission denied`');
      // config.json keeps only the key (docker stores its email there)
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{\n\t"auths": {\n\t\t"r.example": {}\n\t}\n}');
      expect(readFileSync(log, 'utf8').split('\n')[0]).toBe('store {"ServerURL":"r.example","Username":"u","Secret":"s\\u003c"}');
    } finally {
      process.env.PATH = path;
    }
    const missing = new Credentials(ConfigFile.load(dir), () => undefined, { PATH: '/nonexistent' });
    missing.file.credsStore = 'nope';
    expect(() => missing.get('r.example')).toThrow('error getting credentials - err: exec: "docker-credential-nope": executable file not found in $PATH, out: ``');
  });
});
