// service logs' line handling without an engine: docker's logdetails.Parse (url.QueryUnescape),
// parseContext, the logWriter's split and re-assembly, and the taskFormatter's prefix and padding.
// The error texts are those of docker/cli's service/logs.go and Go's net/url; the paths the
// engine never takes (a line without details) cannot be produced against the oracle.
import { describe, expect, it } from 'vitest';
import { decimalWidth, parseDetails, parseLogLine, queryUnescape, renderLogLine, taskPrefix } from '../../../commands/service/logs.js';

const CTX = 'com.docker.swarm.node.id=N1,com.docker.swarm.service.id=S1,com.docker.swarm.task.id=T1';

describe('url.QueryUnescape', () => {
  it('decodes + and %XX, bytes kept as latin1', () => {
    expect(queryUnescape('a+b%2Cc%3D')).toBe('a b,c=');
    expect(Buffer.from(queryUnescape('%C3%A9'), 'latin1').toString('utf8')).toBe('é');
  });
  it('refuses a bad escape as Go does', () => {
    expect(() => queryUnescape('a%zz')).toThrow('invalid URL escape "%zz"');
    expect(() => queryUnescape('a%4')).toThrow('invalid URL escape "%4"');
    expect(() => queryUnescape('%')).toThrow('invalid URL escape "%"');
  });
});

describe('logdetails.Parse', () => {
  it('splits pairs on commas and the first =', () => {
    expect([...parseDetails('a=1,b=x=y,c=')]).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
      ['c', ''],
    ]);
  });
  it('refuses a pair without = or without key', () => {
    expect(() => parseDetails('a=1,b')).toThrow('invalid details format');
    expect(() => parseDetails('=1')).toThrow('invalid details format');
    expect(() => parseDetails('')).toThrow('invalid details format');
  });
});

describe('the logWriter', () => {
  it('takes the task IDs out of the details, keeps the rest sorted', () => {
    const p = parseLogLine(`zz=1,${CTX},FOO=bar+baz hello world\n`, false);
    expect(p.context).toEqual({ nodeID: 'N1', serviceID: 'S1', taskID: 'T1' });
    expect(p.details).toBe('FOO=bar baz,zz=1');
    expect(p.message).toBe('hello world\n');
    expect(renderLogLine(p, 'svc.1.T1@node1', false).toString()).toBe('svc.1.T1@node1    | hello world\n');
    expect(renderLogLine(p, 'svc.1.T1@node1', true).toString()).toBe('svc.1.T1@node1    | FOO=bar baz,zz=1 hello world\n');
  });
  it('keeps the timestamp in front', () => {
    const p = parseLogLine(`2026-01-01T00:00:00.000000001Z ${CTX} msg\n`, true);
    expect(renderLogLine(p, 'x.2@n', true).toString()).toBe('2026-01-01T00:00:00.000000001Z x.2@n    |  msg\n');
  });
  it('passes the message bytes through as they came', () => {
    const bytes = Buffer.concat([Buffer.from(`${CTX} `), Buffer.from([0xff, 0xc3, 0xa9, 0x0a])]);
    const p = parseLogLine(bytes.toString('latin1'), false);
    expect(renderLogLine(p, 'é.1@n', false)).toEqual(Buffer.concat([Buffer.from('é.1@n    | '), Buffer.from([0xff, 0xc3, 0xa9, 0x0a])]));
  });
  it("fails as docker's does on lines it cannot take apart", () => {
    expect(() => parseLogLine('nodetails\n', false)).toThrow('invalid context in log message: nodetails\n');
    expect(() => parseLogLine(`${CTX} msg\n`, true)).toThrow(`invalid context in log message: ${CTX} msg\n`);
    // with -t the second word is taken for the details
    expect(() => parseLogLine(`${CTX} two words\n`, true)).toThrow('invalid details format');
    expect(() => parseLogLine('a=1,b=2 msg', false)).toThrow('missing node id in details: map[a:1 b:2]');
    expect(() => parseLogLine('com.docker.swarm.node.id=N msg', false)).toThrow('missing service id in details: map[]');
    expect(() => parseLogLine('com.docker.swarm.node.id=N,com.docker.swarm.service.id=S,x=1 msg', false)).toThrow('missing task id in details: map[x:1]');
  });
});

describe('the task prefix', () => {
  const flags = { noTaskIDs: false, noTrunc: false };
  const id = 'abcdefghijklmnopqrstuvwxy';
  it('pads one-digit slots to the width of the replica count', () => {
    expect(decimalWidth(10)).toBe(2);
    expect(decimalWidth(0)).toBe(1);
    expect(taskPrefix({ serviceName: 's', slot: 3, taskID: id, nodeName: 'n', padding: 2 }, flags)).toBe('s.3.abcdefghijkl@n ');
    expect(taskPrefix({ serviceName: 's', slot: 10, taskID: id, nodeName: 'n', padding: 2 }, flags)).toBe('s.10.abcdefghijkl@n');
    // a task's own logs: padded to its own slot, so never
    expect(taskPrefix({ serviceName: 's', slot: 7, taskID: id, nodeName: 'n', padding: 1 }, flags)).toBe('s.7.abcdefghijkl@n');
  });
  it('--no-trunc and --no-task-ids', () => {
    expect(taskPrefix({ serviceName: 's', slot: 1, taskID: id, nodeName: 'n', padding: 1 }, { noTaskIDs: false, noTrunc: true })).toBe(`s.1.${id}@n`);
    expect(taskPrefix({ serviceName: 's', slot: 1, taskID: id, nodeName: 'n', padding: 3 }, { noTaskIDs: true, noTrunc: true })).toBe('s.1@n  ');
  });
});
