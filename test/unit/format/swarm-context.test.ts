// The row contexts of `node ls`, `secret ls` and `config ls` and docker's PrettyPrint,
// without an engine (their output against docker's is in test/parity/node.test.ts and
// secret-config.test.ts).
import { describe, expect, it } from 'vitest';
import { NodeContext, NodePrettyContext, nodeFormat, prettyPrint } from '../../../src/format/contexts/node.js';
import { ConfigContext, SecretContext, secretFormat } from '../../../src/format/contexts/secret.js';
import { renderRows } from '../../../src/format/formatter.js';
import { specBody } from '../../../src/engine/secrets.js';
import type { SwarmNode } from '../../../src/engine/nodes.js';

describe('prettyPrint (formatter.PrettyPrint of a string)', () => {
  for (const [s, want] of [
    ['', ''],
    ['A', 'a'],
    ['ready', 'Ready'],
    ['DOWN', 'Down'],
    ['2026-12-07 15:31:38.5 +0000 UTC', '2026-12-07 15:31:38.5 +0000 utc'],
  ] as const) {
    it(JSON.stringify(s), () => expect(prettyPrint(s)).toBe(want));
  }
});

const tls = { TrustRoot: 'root', CertIssuerSubject: 'c3Vi', CertIssuerPublicKey: 'a2V5' };
const node = (o: Partial<SwarmNode>): SwarmNode => ({
  ID: 'id1',
  Spec: { Role: 'worker', Availability: 'active', Labels: {} },
  Description: { Hostname: 'h1', Engine: { EngineVersion: '20.10' }, TLSInfo: tls },
  Status: { State: 'ready', Addr: '10.0.0.1' },
  ...o,
});

describe('NodeContext (node ls)', () => {
  it('marks the node /info names, and shows the manager status docker shows', async () => {
    const info = { nodeID: 'id2', hasCluster: true, clusterTLS: tls };
    const rows = [
      new NodeContext(node({}), info),
      new NodeContext(node({ ID: 'id2', ManagerStatus: { Leader: true, Reachability: 'reachable' } }), info),
      new NodeContext(node({ ID: 'id3', ManagerStatus: { Reachability: 'unreachable' }, Status: { State: 'down' } }), info),
    ];
    const out = await renderRows('{{.ID}}|{{.Self}}|{{.Status}}|{{.ManagerStatus}}|{{.TLSStatus}}', rows, {});
    expect(out).toBe('id1|false|Ready||Ready\nid2|true|Ready|Leader|Ready\nid3|false|Down|Unreachable|Ready\n');
  });

  it('TLS status: unknown without the cluster root, needs rotation when it differs', async () => {
    const other = node({ Description: { Hostname: 'h', TLSInfo: { ...tls, TrustRoot: 'old' } } });
    expect(new NodeContext(other, { nodeID: '', hasCluster: false }).TLSStatus()).toBe('Unknown');
    expect(new NodeContext(other, { nodeID: '', hasCluster: true, clusterTLS: tls }).TLSStatus()).toBe('Needs Rotation');
    expect(new NodeContext(node({ Description: {} }), { nodeID: '', hasCluster: true, clusterTLS: tls }).TLSStatus()).toBe('Unknown');
  });

  it('formats: table, quiet, raw, and a custom template kept as given', () => {
    expect(nodeFormat('table', true)).toBe('{{.ID}}');
    expect(nodeFormat('raw', true)).toBe('node_id: {{.ID}}');
    expect(nodeFormat('{{.Hostname}}', true)).toBe('{{.Hostname}}');
    expect(nodeFormat('table', false)).toContain('{{if .Self}}*{{else}} {{ end }}');
  });

  it('--pretty: CPUs in whole units, memory in binary units, plugins grouped by type', async () => {
    const n = node({
      Description: {
        Hostname: 'h1',
        Resources: { NanoCPUs: 2_500_000_000, MemoryBytes: 1536 * 1024 * 1024 },
        Engine: { Plugins: [{ Type: 'Log', Name: 'a' }, { Type: 'Net', Name: 'n' }, { Type: 'Log', Name: 'b' }] },
      },
    });
    const out = await renderRows('{{.ResourceNanoCPUs}} {{.ResourceMemory}} {{range $k, $v := .EnginePlugins}}{{$k}}={{$v}};{{end}} {{.HasTLSInfo}} {{.Status.Addr}}', [new NodePrettyContext(n)], {});
    expect(out).toBe('2 1.5GiB Log=a, b;Net=n; false 10.0.0.1\n');
  });
});

describe('secret and config contexts', () => {
  const s = { ID: 's1', CreatedAt: new Date(Date.now() - 3 * 3600_000).toISOString(), UpdatedAt: new Date().toISOString(), Spec: { Name: 'n', Labels: { a: 'b' }, Driver: { Name: 'drv' } } };
  it('the secret has a driver column; the config has none', async () => {
    expect(await renderRows('{{.Name}} {{.Driver}} {{.Label "a"}} {{.CreatedAt}}', [new SecretContext(s)], {})).toBe('n drv b 3 hours ago\n');
    await expect(renderRows('{{.Driver}}', [new ConfigContext(s, 'config')], {})).rejects.toThrow(/can't evaluate field Driver in type \*config.configContext/);
  });
  it('formats', () => {
    expect(secretFormat('table', true, 'secret')).toBe('{{.ID}}');
    expect(secretFormat('table', false, 'config')).not.toContain('Driver');
    expect(secretFormat('raw', false, 'secret')).toBe('raw');
  });
});

describe('specBody (swarm.SecretSpec / ConfigSpec as Go encodes them)', () => {
  it('data base64, labels always, drivers only when named', () => {
    expect(specBody({ Name: 'x', Labels: {}, Data: Buffer.from('hi') })).toEqual({ Name: 'x', Labels: {}, Data: 'aGk=' });
    expect(specBody({ Name: 'x', Labels: { a: '' }, Driver: 'd', Templating: 'golang' })).toEqual({ Name: 'x', Labels: { a: '' }, Driver: { Name: 'd' }, Templating: { Name: 'golang' } });
  });
});
