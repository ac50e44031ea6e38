// The session helpers' docker texts: logrus error lines, refused hijacks, empty references.
import { describe, expect, it } from 'vitest';
import { checkContainerRef, hijackError, logrusLine } from '../../../src/cli/attach.js';
import { EngineError, InvalidParameterError } from '../../../src/engine/errors.js';
import { signalExitCode } from '../../../src/tty/signals.js';

describe('session helpers', () => {
  it('prints logrus lines as the docker CLI does', () => {
    const d = new Date(2026, 10, 23, 12, 25, 56);
    const line = logrusLine('error', 'error waiting for container: unexpected EOF', d);
    expect(line).toMatch(/^time="2026-11-23T12:25:56(Z|[+-]\d\d:\d\d)" level=error msg="error waiting for container: unexpected EOF"\n$/);
    expect(logrusLine('error', 'plain', d)).toMatch(/ msg=plain\n$/);
    expect(logrusLine('error', 'say "hi"', d)).toMatch(/ msg="say \\"hi\\""\n$/);
  });

  it('reports a refused hijack by its status only', () => {
    expect((hijackError(new InvalidParameterError('Invalid escape keys (foo) provided')) as Error).message).toBe('unable to upgrade to tcp, received 400');
    expect((hijackError(new EngineError('boom', 500)) as Error).message).toBe('unable to upgrade to tcp, received 500');
    const other = new Error('socket hang up');
    expect(hijackError(other)).toBe(other);
  });

  it('refuses an empty or blank container reference', () => {
    expect(() => checkContainerRef('')).toThrow('invalid container name or ID: value is empty');
    expect(() => checkContainerRef('  ')).toThrow('invalid container name or ID: value is empty');
    expect(() => checkContainerRef('web')).not.toThrow();
  });

  it('gives 128+n for a signal', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
    expect(signalExitCode('SIGHUP')).toBe(129);
  });
});
