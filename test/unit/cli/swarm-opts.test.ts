// swarm's option parsers: --listen-addr as docker's opts.ParseTCPAddr reads it (the values
// follow Go's net.SplitHostPort / url.Parse), and encoding/pem's "is there a block" check.
import { describe, expect, it } from 'vitest';
import { hasPemBlock, parseNodeAddr } from '../../../commands/swarm/opts.js';

describe('parseNodeAddr', () => {
  const def = '0.0.0.0:2377';
  it.each([
    ['eth0', 'eth0:2377'],
    [':3000', '0.0.0.0:3000'],
    ['1.2.3.4:', '1.2.3.4:2377'],
    ['tcp://1.2.3.4:5', '1.2.3.4:5'],
    ['::1', '[::1]:2377'],
    ['[::1]:', '[::1]:2377'],
    ['[::1]:99', '[::1]:99'],
    ['', def],
    ['tcp://', def],
  ])('%s', (raw, want) => {
    expect(parseNodeAddr(raw, def)).toBe(want);
  });
  it('uses the value before it as the default (NodeAddrOption.Set)', () => {
    expect(parseNodeAddr(':6000', '1.2.3.4:5000')).toBe('1.2.3.4:6000');
  });
  it.each([
    ['foo://x', 'invalid proto, expected tcp: foo://x'],
    ['x:abc', 'parse "tcp://x:abc": invalid port ":abc" after host'],
    ['[::1', 'parse "tcp://[::1": missing \']\' in host'],
  ])('%s fails', (raw, msg) => {
    expect(() => parseNodeAddr(raw, def)).toThrow(msg);
  });
});

describe('hasPemBlock', () => {
  it('finds a block', () => {
    expect(hasPemBlock('junk\n-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n')).toBe(true);
  });
  it('refuses text, mismatched ends and bad base64', () => {
    expect(hasPemBlock('hello\n')).toBe(false);
    expect(hasPemBlock('-----BEGIN A-----\nQUJD\n-----END B-----\n')).toBe(false);
    expect(hasPemBlock('-----BEGIN A-----\n!!!!\n-----END A-----\n')).toBe(false);
  });
});
