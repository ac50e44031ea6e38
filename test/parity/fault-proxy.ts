// A faulty line between a CLI and the engine (issue 15's fault injection): a raw socket proxy
// that forwards everything until a request whose path matches `route` is seen, then, on that
// connection, lets `after` bytes of the answer through and drops the connection (`drop`), or
// holds everything back from then on (`stall`). The engine itself is real; only the line fails.
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Fault {
  route: RegExp;
  mode: 'drop' | 'stall';
  /** bytes of the matching answer let through first */
  after: number;
  /** (drop) bytes of the request body let through before the connection drops instead */
  requestAfter?: number;
  /** (drop) milliseconds after the matching request before the connection drops, for answers that go quiet (attach, logs -f, events) */
  afterMs?: number;
}

export class FaultProxy {
  fault?: Fault;
  private readonly dir: string;
  readonly socket: string;
  private server?: net.Server;
  private readonly conns = new Set<net.Socket>();

  constructor(private readonly upstream: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'berth-fault-'));
    this.socket = join(this.dir, 'engine.sock');
  }

  get host(): string {
    return `unix://${this.socket}`;
  }

  start(): Promise<void> {
    this.server = net.createServer((client) => {
      const engine = net.connect(this.upstream);
      this.conns.add(client);
      this.conns.add(engine);
      let armed: Fault | undefined;
      let sentBack = 0;
      let sentOn = 0;
      let seen = '';
      const kill = (): void => {
        client.destroy();
        engine.destroy();
      };
      client.on('data', (d: Buffer) => {
        if (!armed && this.fault) {
          // (a kept-alive connection carries several requests: any of them may be the one)
          // (the head of a request may come in one chunk with a large body: keep its start)
          seen = (seen + d.toString('latin1', 0, Math.min(d.length, 8192))).slice(-16384);
          for (const m of seen.matchAll(/(?:^|\r\n)(?:GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g)) {
            if (this.fault.route.test(m[1]!)) armed = this.fault;
          }
          if (armed) {
            // count the answer from the matching request on
            sentBack = 0;
            if (armed.afterMs !== undefined) setTimeout(kill, armed.afterMs);
          }
        }
        if (armed?.requestAfter !== undefined) {
          const room = armed.requestAfter - sentOn;
          if (d.length > room) {
            if (room > 0) engine.write(d.subarray(0, room));
            if (armed.mode === 'drop') kill();
            sentOn = armed.requestAfter;
            return;
          }
          sentOn += d.length;
        }
        engine.write(d);
      });
      engine.on('data', (d: Buffer) => {
        if (!armed || armed.requestAfter !== undefined) {
          client.write(d);
          return;
        }
        const room = armed.after - sentBack;
        if (d.length <= room) {
          sentBack += d.length;
          client.write(d);
          return;
        }
        if (room > 0) client.write(d.subarray(0, room));
        sentBack = armed.after;
        if (armed.mode === 'drop') kill();
        else engine.pause();
      });
      const end = (): void => {
        this.conns.delete(client);
        this.conns.delete(engine);
      };
      client.on('close', () => {
        engine.destroy();
        end();
      });
      engine.on('close', () => {
        if (!armed || armed.mode === 'drop') client.destroy();
        end();
      });
      client.on('error', () => undefined);
      engine.on('error', () => undefined);
    });
    return new Promise((res) => this.server!.listen(this.socket, res));
  }

  async stop(): Promise<void> {
    for (const c of this.conns) c.destroy();
    await new Promise<void>((res) => (this.server ? this.server.close(() => res()) : res()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
