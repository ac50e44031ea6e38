// service logs' line handling without an engine: docker's logdetails.Parse (url.QueryUnescape),
// parseContext, the logWriter's split and re-assembly, and the taskFormatter's prefix and padding.
// The error texts are those of docker/cli's service/logs.go and Go's net/url; the paths the
// engine never takes (a line without details) cannot be produced against the oracle.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyLogFrames, decimalWidth, parseDetails, parseLogLine, queryUnescape, renderLogLine, taskPrefix } from '../../../commands/service/logs.js';

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

describe('the frame copy (stdcopy.StdCopy into the logWriters)', () => {
  const frame = (type: number, payload: string): Buffer => {
    const p = Buffer.from(payload);
    const h = Buffer.alloc(8);
    h[0] = type;
    h.writeUInt32BE(p.length, 4);
    return Buffer.concat([h, p]);
  };
  const sink = (): { w: import('node:stream').Writable; text: () => string } => {
    const chunks: Buffer[] = [];
    const w = new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
    });
    return { w, text: () => Buffer.concat(chunks).toString() };
  };
  async function* pieces(buf: Buffer, size: number): AsyncGenerator<Buffer> {
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  }
  const signal = new AbortController().signal;

  it('splits stdout and stderr, whatever the chunking, each frame formatted whole', async () => {
    const all = Buffer.concat([frame(1, `${CTX} a\n`), frame(2, `${CTX} e\n`), frame(1, `${CTX} b\n`)]);
    for (const size of [1, 3, 8, 9, 1000]) {
      const out = sink();
      const err = sink();
      await copyLogFrames(pieces(all, size), out.w, err.w, (p) => renderLogLine(parseLogLine(p.toString('latin1'), false), 'x.1@n', false), signal);
      expect([out.text(), err.text()]).toEqual(['x.1@n    | a\nx.1@n    | b\n', 'x.1@n    | e\n']);
    }
  });
  it('ends on a systemerr frame with docker\'s "error from daemon in stream"', async () => {
    const out = sink();
    const all = Buffer.concat([frame(1, 'raw\n'), frame(3, 'it broke\n'), frame(1, 'never\n')]);
    await expect(copyLogFrames(pieces(all, 5), out.w, out.w, undefined, signal)).rejects.toThrow('error from daemon in stream: it broke\n');
    expect(out.text()).toBe('raw\n');
  });
  it('refuses an unknown stream type, drops a frame cut short', async () => {
    const out = sink();
    await expect(copyLogFrames(pieces(Buffer.concat([frame(1, 'ok\n'), frame(7, 'x')]), 100), out.w, out.w, undefined, signal)).rejects.toThrow('Unrecognized input header: 7');
    const out2 = sink();
    await copyLogFrames(pieces(Buffer.concat([frame(1, 'ok\n'), frame(1, 'cut here\n').subarray(0, 12)]), 4), out2.w, out2.w, undefined, signal);
    expect(out2.text()).toBe('ok\n');
  });
  it('reads the stream only as fast as the output takes it', async () => {
    let pulled = 0;
    let written = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 200; i++) {
        pulled++;
        yield frame(1, `line ${i}\n`);
      }
    }
    const slow = new Writable({
      highWaterMark: 16,
      write(_c, _e, cb) {
        written++;
        setTimeout(cb, 1);
      },
    });
    const done = copyLogFrames(endless(), slow, slow, undefined, signal);
    await new Promise((r) => setTimeout(r, 30));
    // a frame or two ahead of the writes at most, never the whole stream
    expect(pulled).toBeLessThan(written + 4);
    expect(pulled).toBeLessThan(200);
    await done;
    expect(pulled).toBe(200);
  });
});
