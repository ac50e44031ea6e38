// `info`'s Swarm section on the suite's swarm, against docker's: the manager (cluster spec,
// raft, dispatcher, CA, manager addresses), each worker, and --format on the swarm fields.
// Masked: the client's own version line, and the Runtimes line docker prints in Go's random
// map order (berth sorts it; see test/parity/system.test.ts).
import { describe, expect, it } from 'vitest';
import { type Result } from './harness.js';
import { bothOn, swarmSkipReason } from './swarm-harness.js';

const reason = swarmSkipReason();
if (reason) console.warn(`parity/swarm-info: skipped: ${reason}`);

function mask(s: string): string {
  const cut = s.indexOf('\nServer:');
  const client = cut < 0 ? s : s.slice(0, cut);
  const rest = cut < 0 ? '' : s.slice(cut);
  return (client.replace(/^( Version: +).*$/m, '$1<client>') + rest)
    .replace(/^( Runtimes: )(.*)$/m, (_m, label: string, names: string) => label + names.split(' ').sort().join(' '));
}
const masked = (r: Result): Result => ({ ...r, stdout: mask(r.stdout) });

describe.skipIf(reason !== '')('info on a swarm matches docker', () => {
  for (const node of [1, 2, 3]) {
    it(`info on node${node}`, async () => {
      // containers start and stop on the nodes while other cases run: retried while the counts move
      let d: Result | undefined;
      let b: Result | undefined;
      for (let i = 0; i < 5; i++) {
        ({ docker: d, berth: b } = await bothOn(['info'], node));
        if (mask(d.stdout) === mask(b.stdout)) break;
      }
      expect(masked(b!)).toEqual(masked(d!));
      expect(d!.stdout).toContain(' Swarm: active');
    });
  }
  it('info --format on the swarm fields', async () => {
    const formats = [
      '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Managers}} {{.Swarm.Nodes}}',
      '{{json .Swarm.Cluster.Spec}}',
      // (Raft printed whole holds a *uint64 docker shows as an address: berth has no pointers to
      // scalars in its value model, so its fields are asked for one by one)
      '{{.Swarm.Cluster.Spec.Raft.SnapshotInterval}} {{.Swarm.Cluster.Spec.Raft.KeepOldSnapshots}} {{.Swarm.Cluster.Spec.CAConfig}}',
      '{{.Swarm.Cluster.Spec.Dispatcher}} {{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod.Seconds}} {{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry.Hours}}',
      '{{range .Swarm.RemoteManagers}}{{.Addr}} {{end}}',
      '{{.Swarm.Cluster.DefaultAddrPool}} {{.Swarm.Cluster.SubnetSize}} {{.Swarm.Cluster.DataPathPort}}',
      '{{.Swarm}}',
    ];
    for (const node of [1, 2]) {
      for (const f of formats) {
        const { docker: d, berth: b } = await bothOn(['info', '--format', f], node);
        // a pointer docker prints as its address, berth as a fixed one (README's known differences)
        const ptr = (r: Result): Result => ({ ...r, stdout: r.stdout.replace(/0xc[0-9a-f]{9}/g, '0xPTR') });
        expect({ node, f, ...ptr(b) }).toEqual({ node, f, ...ptr(d) });
      }
    }
  });
});
