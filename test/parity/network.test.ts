// Differential tests of `network` (ls, create, rm, inspect, connect, disconnect, prune) against
// the reference docker CLI on the same engine. Listings are filtered by a label unique to this
// run, so suites running beside it cannot change what is listed. Verbs that change the
// engine's state run one after the other (docker first, then berth on the same starting
// state); read-only ones and failures that change nothing run side by side.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { asBerth, berth, both, docker, settled, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/network: skipped: ${reason}`);

const TAG = uniqueName('bnet');
const LABEL = `berth.test=${TAG}`;
/** two labels: listings that show every label keep to the other networks (Go walks label maps in no fixed order) */
const NET_A = `${TAG}-a`;
const NET_B = `${TAG}-b`;
const NET_C = `${TAG}-c`;
const NET_CFG = `${TAG}-cfg`;
const CTR = `${TAG}-ctr`;
const CTR2 = `${TAG}-ctr2`;

// subnets of this run: 10.X.Y.0/24, X and Y from the pid (other suites use the default pools)
const X = 150 + (process.pid % 90);
const Y = (process.pid >> 3) % 200;
const subnet = (i: number): string => `10.${X}.${Y + i}.0/24`;
const ip = (i: number, host: number): string => `10.${X}.${Y + i}.${host}`;
const SUB_A = subnet(0);
const SUB_C = subnet(1);
const SUB_NEW = subnet(2);
const SUB_CFG = subnet(3);

const plain = (r: Result): Result => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });
const asBerthResult = (r: Result): Result => ({ code: r.code, stdout: asBerth(r.stdout), stderr: asBerth(r.stderr) });

async function same(args: string[], o?: { input?: string }, exp: ExpectStatic = expect): Promise<void> {
  const { docker: d, berth: b } = await settled(args, o);
  exp({ args, ...plain(b) }).toEqual({ args, ...plain(d) });
}

function ok(r: Result, what: string): Result {
  if (r.code !== 0) throw new Error(`fixture ${what}: ${r.stderr}`);
  return r;
}

const ids: Record<string, string> = {};

describe.skipIf(reason !== '')('network verbs match docker', () => {
  beforeAll(async () => {
    ok(await docker(['network', 'create', '--label', LABEL, '--label', 'tier=front', '--subnet', SUB_A, NET_A]), NET_A);
    ok(await docker(['network', 'create', '--label', LABEL, '--internal', NET_B]), NET_B);
    ok(await docker(['network', 'create', '--label', LABEL, '--attachable', '--subnet', SUB_C, '-o', 'com.docker.network.driver.mtu=1400', NET_C]), NET_C);
    ok(await docker(['network', 'create', '--config-only', '--subnet', SUB_CFG, NET_CFG]), NET_CFG);
    ok(await docker(['run', '-d', '--name', CTR, '--network', NET_A, 'busybox', 'sleep', '600']), CTR);
    ok(await docker(['run', '-d', '--name', CTR2, 'busybox', 'sleep', '600']), CTR2);
    for (const n of [NET_A, NET_B, NET_C]) ids[n] = ok(await docker(['network', 'inspect', '-f', '{{.Id}}', n]), n).stdout.trim();
  }, 120_000);

  afterAll(async () => {
    await docker(['rm', '-f', CTR, CTR2]);
    await docker(['network', 'rm', NET_A, NET_B, NET_C, NET_CFG]);
  });

  describe('network ls', () => {
    const cases = (): string[][] => [
      ['network', 'ls', '-f', `label=${LABEL}`],
      ['network', 'list', '-f', `label=${LABEL}`],
      ['network', 'ls', '-f', `label=${LABEL}`, '-q'],
      ['network', 'ls', '-f', `label=${LABEL}`, '--no-trunc'],
      ['network', 'ls', '-f', `label=${LABEL}`, '--no-trunc', '-q'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-q', '--format', '{{.Name}}'],
      ['network', 'ls', '-f', `label=${LABEL}`, '--format', ''],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'label=tier=front'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'label=tier'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', `name=${NET_B}`],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', `name=${NET_B}`, '-f', `name=${NET_C}`],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'driver=bridge'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'driver=overlay'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'scope=local'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'scope=swarm'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'type=custom'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'type=builtin'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'dangling=true'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', 'dangling=false'],
      ['network', 'ls', '-f', `label=${LABEL}`, '-f', `id=${ids[NET_B]!.slice(0, 12)}`],
      ['network', 'ls', '-f', `id=${ids[NET_C]}`],
      ['network', 'ls', '-f', `name=${TAG}-nosuch`],
      ['network', 'ls', '-f', `name=${TAG}-nosuch`, '--format', 'table {{.Name}}\t{{.Label "tier"}}'],
      ['network', 'ls', '-f', `name=${TAG}-nosuch`, '--format', 'table {{.Nope}}\t{{.Name}}'],
      ['network', 'ls', '-f', `name=${TAG}-nosuch`, '--format', '{{.Nope}}'],
      // filters and flags the CLI or the engine refuses
      ['network', 'ls', '-f', 'dangling=maybe'],
      ['network', 'ls', '-f', 'type=other'],
      ['network', 'ls', '-f', 'nosuch=1'],
      ['network', 'ls', '-f', 'noequals'],
      ['network', 'ls', '-f'],
      ['network', 'ls', '--format'],
      ['network', 'ls', 'extra'],
      ['network', 'ls', '--nope'],
      ['network', 'ls', '-x'],
      ['network', 'ls', '--no-trunc=maybe'],
    ];
    it('listings, filters and errors', async () => {
      for (const args of cases()) await same(args);
    });
    it('config.json networksFormat (and -q or --format over it)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'berth-net-cfg-'));
      try {
        writeFileSync(join(dir, 'config.json'), JSON.stringify({ networksFormat: 'table {{.Name}}\t{{.Internal}}\t{{.Label "tier"}}' }));
        for (const extra of [[], ['-q'], ['--format', '{{.Name}}'], ['--format', 'table']]) {
          await same(['--config', dir, 'network', 'ls', '-f', `label=${LABEL}`, ...extra]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  /** `network ls --format F` over this run's networks; `single` keeps to the one-label networks */
  const lsFormats: { f: string; single?: boolean }[] = [
    { f: '{{.ID}}' },
    { f: '{{.Name}}' },
    { f: '{{.Driver}}' },
    { f: '{{.Scope}}' },
    { f: '{{.IPv4}} {{.IPv6}} {{.Internal}}' },
    { f: '{{.CreatedAt}}' },
    { f: '{{.Label "tier"}}' },
    { f: '{{.Label "nope"}}|{{.Label ""}}' },
    { f: '{{.Labels}}', single: true },
    { f: '{{json .}}', single: true },
    { f: 'json', single: true },
    { f: ' json', single: true },
    { f: 'table' },
    { f: 'table {{.Name}}\t{{.Driver}}' },
    { f: 'table {{.ID}}\t{{.Label "tier"}}\t{{.Label "com.example.some-label_x"}}' },
    { f: 'table {{.Name}}\t{{.IPv4}}\t{{.IPv6}}\t{{.Internal}}\t{{.CreatedAt}}' },
    { f: 'table {{.Labels}}\t{{.Scope}}', single: true },
    { f: 'table {{.Name | lower}}\t{{json .Driver}}\t{{upper .Scope}}' },
    { f: 'table   {{.Name}}   ' },
    { f: 'table {{.}}', single: true },
    { f: 'raw' },
    { f: '{{.Name | upper}}' },
    { f: '{{title .Driver}}' },
    { f: '{{.Name | printf "%-40s|"}}' },
    { f: '{{truncate .Name 5}}' },
    { f: '{{pad .Name 2 2}}|' },
    { f: '{{join (split .Name "-") "_"}}' },
    { f: '{{printf "%q" .Name}}' },
    { f: '{{len .ID}}' },
    { f: '{{if eq .Internal "true"}}internal{{else}}external{{end}} {{.Name}}' },
    { f: '{{json .Name}} {{json .Internal}}' },
    { f: '{{.}}', single: true },
    { f: '{{printf "%v" .}}', single: true },
    { f: '{{printf "%+v" .HeaderContext}}' },
    { f: '{{.Header}}|{{.FullHeader}}' },
    { f: '{{lower .ID}}' },
    { f: '{{with .Label "tier"}}tier={{.}}{{else}}no tier{{end}}' },
    { f: '{{.Name}}{{"\t"}}{{.Scope}}' },
    { f: '  {{.Name}}  ' },
    { f: '{{.Name}}\\t{{.Driver}}\\n' },
    { f: '{{.IPv4 | printf "%s-%s" .IPv6}}' },
    { f: '{{.Label "tier" | len}}' },
    { f: '{{.CreatedAt | len | printf "%T"}}' },
    { f: '{{$n := .Name}}{{$n}}={{$n}}' },
    { f: '{{.Name | js}} {{html .Name}} {{urlquery .Name}}' },
    { f: '{{slice .ID 0 3}}{{.ID | printf "%.5s"}}' },
    // template errors: parse and execution
    { f: '{{.Nope}}' },
    { f: 'table {{.Nope}}' },
    { f: '{{.Label}}' },
    { f: '{{.Label "a" "b"}}' },
    { f: '{{.Label 1}}' },
    { f: '{{.Name' },
    { f: '{{.trunc}}' },
    { f: '{{index . "Name"}}' },
    { f: '{{.Name.Foo}}' },
    { f: '{{nosuchfunc .Name}}' },
  ];

  // read-only: these run a few at a time
  describe.concurrent(`network ls --format (${lsFormats.length} format strings)`, () => {
    for (const { f, single } of lsFormats) {
      it(JSON.stringify(f), async ({ expect: exp }) => {
        const filters = single ? ['-f', `label=${LABEL}`, '-f', `name=${NET_B}`, '-f', `name=${NET_C}`] : ['-f', `label=${LABEL}`];
        await same(['network', 'ls', ...filters, '--format', f], undefined, exp);
        // IDs are cut to 12 characters unless --no-trunc
        if (f.includes('ID') || f.includes('{{.}}') || f.includes('json') || f === 'table' || f === 'raw') await same(['network', 'ls', ...filters, '--no-trunc', '--format', f], undefined, exp);
      });
    }
  });

  const inspectFormats = [
    '{{.Name}}',
    '{{.Id}}',
    '{{.ID}}',
    '{{.Driver}} {{.Scope}}',
    '{{json .IPAM}}',
    '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}',
    '{{.Internal}} {{.Attachable}} {{.Ingress}} {{.ConfigOnly}}',
    '{{json .Labels}}',
    '{{index .Labels "tier"}}',
    '{{.Labels.tier}}',
    '{{.Created}}',
    '{{.Created.Unix}}',
    '{{json .Containers}}',
    '{{range $k, $v := .Containers}}{{$v.Name}} {{$v.IPv4Address}}{{end}}',
    '{{.Options}}',
    '{{.EnableIPv4}} {{.EnableIPv6}}',
    '{{json .ConfigFrom}} {{.ConfigFrom.Network}}',
    '{{.Peers}} {{.Services}}',
    '{{len .IPAM.Config}}',
    '{{.Scope | upper}}',
    'json',
    '{{json .}}',
    '{{.Nope}}',
    '{{.Labels.nope}}',
    '{{',
  ];

  describe.concurrent(`network inspect (${inspectFormats.length} format strings)`, () => {
    for (const f of inspectFormats) {
      it(JSON.stringify(f), async ({ expect: exp }) => {
        await same(['network', 'inspect', '-f', f, NET_A, NET_B], undefined, exp);
      });
    }
    it('default, verbose, several, missing', async ({ expect: exp }) => {
      for (const args of [
        ['network', 'inspect', NET_A],
        ['network', 'inspect', NET_C, NET_B],
        ['network', 'inspect', '-v', NET_B],
        ['network', 'inspect', '--verbose', '-f', '{{.Name}}', NET_B],
        ['network', 'inspect', ids[NET_B]!.slice(0, 12)],
        ['network', 'inspect', `${TAG}-nosuch`],
        ['network', 'inspect', NET_B, `${TAG}-nosuch`, NET_C],
        ['network', 'inspect', '-f', '{{.Name}}', `${TAG}-nosuch`, NET_C],
        ['network', 'inspect', '', ' ', `${TAG}-a/b`, `${TAG} x`, `${TAG}?x`],
        ['network', 'inspect', ` ${NET_B} `, '-f', '{{.Name}}'],
        ['network', 'inspect'],
        ['network', 'inspect', '-f'],
      ]) {
        await same(args, undefined, exp);
      }
    });
  });

  describe('network create', () => {
    // docker sends the subnets in Go's map order (it varies): the configs are sorted here
    const VIEW = '{{.Driver}}|{{.Scope}}|{{.EnableIPv6}}|{{.IPAM.Driver}} {{json .IPAM.Options}}|{{range .IPAM.Config}}{{json .}};{{end}}|{{.Internal}}|{{.Attachable}}|{{.Ingress}}|{{.ConfigOnly}}|{{json .ConfigFrom}}|{{json .Options}}|{{json .Labels}}';

    /** docker creates (and removes) its network, then berth creates (and removes) its own */
    async function createPair(flags: string[]): Promise<void> {
      const results: Record<string, { run: Result; view: string }> = {};
      for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
        const name = `${TAG}-new`;
        const r = await run(['network', 'create', ...flags, name]);
        let view = '';
        if (r.code === 0) {
          const parts = (await docker(['network', 'inspect', '-f', VIEW, name])).stdout.split('|');
          parts[4] = parts[4]!.split(';').sort().join(';');
          view = parts.join('|');
          await docker(['network', 'rm', name]);
        }
        const res = who === 'docker' ? asBerthResult(r) : r;
        // the engine's default pools hand out the next free subnet each time
        const pooled = flags.some((f) => f.startsWith('--subnet')) ? view : view.replace(/"(Subnet|Gateway)":"(172\.\d+|192\.168)\.[^"]*"/g, '"$1":"<pool>"');
        results[who] = { run: { ...plain(res), stdout: res.stdout.replace(/^[0-9a-f]{64}\n$/, '<id>\n') }, view: pooled };
      }
      expect({ flags, ...results.berth }).toEqual({ flags, ...results.docker });
    }

    const pairs: string[][] = [
      [],
      [
        '--label', LABEL, '--label', 'x=y', '--label', 'bare', '--label', 'x=z',
        '-d', 'bridge', '-o', 'com.docker.network.driver.mtu=1400', '-o', `com.docker.network.bridge.name=bnv${process.pid % 100000}`, '-o', 'novalue',
        '--internal', '--attachable', '--ipam-driver', 'default', '--ipam-opt', 'a=b', '--ipam-opt', 'c', '--scope', 'local', '--ipv4=false',
      ],
      ['--subnet', SUB_NEW, '--gateway', ip(2, 254), '--ip-range', `10.${X}.${Y + 2}.128/25`, '--aux-address', `h1=${ip(2, 5)}`, '--aux-address', `h2=${ip(2, 6)}`],
      [`--subnet=${SUB_NEW}`, `--gateway=${ip(2, 1)}`, '--internal=false', '--attachable=true'],
      ['--ipv6', '--subnet', 'fd00:bee:f:1::/64', '--subnet', SUB_NEW],
      ['--ipv6'],
      ['--scope', 'swarm'],
      ['--config-only', '--subnet', SUB_NEW],
      ['--config-from', NET_CFG],
      ['--config-from', `${TAG}-nosuch`],
      ['--ingress'],
      ['-d', 'null'],
    ];
    for (const flags of pairs) {
      it(`berth network create ${flags.join(' ')}`, () => createPair(flags));
    }

    // failures that create nothing: side by side
    const failures = (): string[][] => [
      ['network', 'create', NET_A],
      ['network', 'create', '--subnet', SUB_A, `${TAG}-overlap`],
      ['network', 'create'],
      ['network', 'create', 'a', 'b'],
      ['network', 'create', '--ip-range', '10.0.0.0/8', `${TAG}-x`],
      ['network', 'create', '--gateway', '10.0.0.1', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--subnet', '10.1.0.0/16', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8,10.0.0.0/8', `${TAG}-x`],
      ['network', 'create', '--subnet', 'foo', '--subnet', '10.0.0.0/8', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--subnet', 'foo', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--subnet', '11.0.0.0/33', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--ip-range', 'foo', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--ip-range', '11.0.0.0/9', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--ip-range', '10.1.0.0/16,10.2.0.0/16', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--gateway', '11.0.0.1', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--gateway', 'nope', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--gateway', '10.0.0.1/8', '--gateway', '10.0.0.2', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--gateway', '10.0.0.300/8', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--aux-address', 'a=11.1.1.1', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--aux-address', 'a=', `${TAG}-x`],
      ['network', 'create', '--subnet', '10.0.0.0/8', '--subnet', '12.0.0.0/8', '--gateway', '10.0.0.1', '--gateway', '10.0.0.2', `${TAG}-x`],
      ['network', 'create', '--subnet', '"a', `${TAG}-x`],
      ['network', 'create', '--label', ' a b=c', `${TAG}-x`],
      ['network', 'create', '--label', '', `${TAG}-x`],
      ['network', 'create', '--label', '=x', `${TAG}-x`],
      ['network', 'create', '--ipv4=maybe', `${TAG}-x`],
      ['network', 'create', '-o'],
      ['network', 'create', '--nope', `${TAG}-x`],
    ];
    it('failures', async () => {
      for (const args of failures()) await same(args);
    });
  });

  describe('network rm', () => {
    /** runs `args` (NAME standing for a fresh network) with docker, then with berth */
    async function rmPair(args: string[], fresh = 1): Promise<void> {
      const out: Record<string, Result> = {};
      for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
        const names = Array.from({ length: fresh }, (_, i) => `${TAG}-rm${i}`);
        for (const n of names) ok(await docker(['network', 'create', '--label', LABEL, n]), n);
        const r = await run(args.flatMap((a) => (a === 'NAME' ? names : [a])));
        await docker(['network', 'rm', ...names]);
        out[who] = who === 'docker' ? asBerthResult(r) : plain(r);
      }
      expect({ args, ...out.berth }).toEqual({ args, ...out.docker });
    }
    it('removes', async () => {
      await rmPair(['network', 'rm', 'NAME']);
      await rmPair(['network', 'remove', 'NAME'], 2);
      await rmPair(['network', 'rm', 'NAME', `${TAG}-nosuch`]);
      await rmPair(['network', 'rm', `${TAG}-nosuch`, 'NAME', ''], 2);
      await rmPair(['network', 'rm', '-f', `${TAG}-nosuch`, 'NAME']);
    });
    it('failures', async () => {
      for (const args of [
        ['network', 'rm'],
        ['network', 'rm', `${TAG}-nosuch`],
        ['network', 'rm', `${TAG}-nosuch1`, `${TAG}-nosuch2`],
        ['network', 'rm', '-f', `${TAG}-nosuch`],
        ['network', 'rm', '-f', ''],
        ['network', 'rm', ' ', `${TAG}-a/b`],
        ['network', 'rm', NET_A],
        ['network', 'rm', 'bridge'],
        ['network', 'rm', '--force=nope', 'x'],
      ]) {
        await same(args);
      }
    });
  });

  describe('network connect and disconnect', () => {
    const net = (field: string): string => `{{json (index .NetworkSettings.Networks "${NET_C}").${field}}}`;
    const VIEW = [net('Aliases'), net('IPAMConfig'), net('Links'), net('DriverOpts')].join('|');

    async function connectPair(flags: string[], o: { ipView?: boolean; target?: string } = {}): Promise<void> {
      const target = o.target ?? CTR;
      const out: Record<string, { run: Result; view: string }> = {};
      for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
        const r = await run(['network', 'connect', ...flags, NET_C, target]);
        let view = '';
        if (r.code === 0) {
          view = (await docker(['inspect', '-f', o.ipView ? `${VIEW}|${net('IPAddress')}` : VIEW, target])).stdout;
          ok(await docker(['network', 'disconnect', NET_C, target]), 'disconnect');
        }
        out[who] = { run: who === 'docker' ? asBerthResult(r) : plain(r), view };
      }
      expect({ flags, ...out.berth }).toEqual({ flags, ...out.docker });
    }

    it('connect', async () => {
      await connectPair([]);
      await connectPair(['--alias', 'x1', '--alias', 'y1,z1']);
      await connectPair(['--ip', ip(1, 77)], { ipView: true });
      await connectPair([`--ip=${ip(1, 78)}`, '--link-local-ip', '169.254.10.10', '--link-local-ip', '169.254.10.11'], { ipView: true });
      await connectPair(['--link', `${CTR2}:peer`]);
      await connectPair(['--driver-opt', 'a=b', '--driver-opt', ' k = v ,c=d']);
      await connectPair(['--gw-priority', '5']);
      await connectPair(['--ip6', 'fd00::1']);
      await connectPair(['--ip', 'nope']);
      await connectPair(['--ip', ip(0, 9)]);
      await connectPair([], { target: CTR2 });
    });

    it('disconnect', async () => {
      for (const flags of [[], ['-f'], ['--force']]) {
        const out: Record<string, Result> = {};
        for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
          ok(await docker(['network', 'connect', NET_C, CTR]), 'connect');
          const r = await run(['network', 'disconnect', ...flags, NET_C, CTR]);
          await docker(['network', 'disconnect', NET_C, CTR]);
          out[who] = who === 'docker' ? asBerthResult(r) : plain(r);
        }
        expect({ flags, ...out.berth }).toEqual({ flags, ...out.docker });
      }
    });

    it('failures', async () => {
      for (const args of [
        ['network', 'connect', NET_A, CTR],
        ['network', 'connect', `${TAG}-nosuch`, CTR],
        ['network', 'connect', NET_C, `${TAG}-nosuch`],
        ['network', 'connect', '', CTR],
        ['network', 'connect', NET_C, ' '],
        ['network', 'connect', '--driver-opt', 'novalue', NET_C, CTR],
        ['network', 'connect', '--driver-opt', '=v', NET_C, CTR],
        ['network', 'connect', '--link', 'a:b:c', NET_C, CTR],
        ['network', 'connect', '--link', '', NET_C, CTR],
        ['network', 'connect', '--gw-priority', 'x', NET_C, CTR],
        ['network', 'connect', '--alias', '"x', NET_C, CTR],
        ['network', 'connect', NET_C],
        ['network', 'connect', 'a', 'b', 'c'],
        ['network', 'disconnect', NET_C, CTR],
        ['network', 'disconnect', '-f', NET_C, CTR],
        ['network', 'disconnect', `${TAG}-nosuch`, CTR],
        ['network', 'disconnect', NET_C, `${TAG}-nosuch`],
        ['network', 'disconnect', '', ''],
        ['network', 'disconnect', NET_C],
        ['network', 'disconnect', '-x', NET_C, CTR],
      ]) {
        await same(args);
      }
    });
  });

  it('completion of network and container names', async () => {
    // [words, a name both must offer, a name neither may offer]; other suites' objects come and go
    const cases: [string[], string, string | undefined][] = [
      [['network', 'rm', ''], NET_A, CTR],
      [['network', 'remove', NET_A, ''], NET_B, undefined],
      [['network', 'inspect', '-f', '{{.Name}}', ''], NET_C, undefined],
      [['network', 'connect', ''], NET_C, CTR],
      [['network', 'connect', '--alias', 'x', NET_C, ''], CTR, NET_C],
      [['network', 'connect', NET_A, ''], CTR2, CTR],
      [['network', 'disconnect', NET_A, ''], CTR, CTR2],
      [['network', 'disconnect', '-f', ''], NET_B, undefined],
    ];
    for (const [words, want, never] of cases) {
      // the lists differ whenever other suites' objects come and go: no retries
      const { docker: d, berth: b } = await both(['__complete', ...words]);
      for (const r of [d, b]) {
        const lines = r.stdout.split('\n');
        expect({ words, has: lines.includes(want), never: never !== undefined && lines.includes(never) }).toEqual({ words, has: true, never: false });
      }
      expect({ words, tail: b.stdout.split('\n').slice(-2), stderr: b.stderr }).toEqual({ words, tail: d.stdout.split('\n').slice(-2), stderr: d.stderr });
    }
    for (const words of [['network', 'ls', ''], ['network', 'create', ''], ['network', 'prune', ''], ['network', 'connect', NET_A, CTR, '']]) {
      await same(['__complete', ...words]);
    }
  });

  describe('network prune', () => {
    const PRUNE = `berth.test.prune=${TAG}`;
    /** fresh unused networks labelled for this test, pruned by docker then by berth */
    async function prunePair(args: string[], input?: string, configDir?: string): Promise<void> {
      const out: Record<string, Result> = {};
      for (const [who, run] of [['docker', docker], ['berth', berth]] as const) {
        const names = [`${TAG}-p1-${who}`, `${TAG}-p2-${who}`];
        for (const n of names) ok(await docker(['network', 'create', '--label', PRUNE, n]), n);
        const r = await run([...(configDir ? ['--config', configDir] : []), 'network', 'prune', ...args], { input });
        const left = (await docker(['network', 'ls', '-q', '-f', `label=${PRUNE}`])).stdout;
        await docker(['network', 'rm', ...names]);
        // the order of the deleted networks is the engine's
        const res = who === 'docker' ? asBerthResult(r) : plain(r);
        const norm = (s: string): string => s.replaceAll(`-${who}`, '-WHO').split('\n').sort().join('\n');
        out[who] = { code: res.code, stdout: norm(res.stdout), stderr: norm(res.stderr) + (left === '' ? '' : '[some left]') };
      }
      expect({ args, input, ...out.berth }).toEqual({ args, input, ...out.docker });
    }
    it('prunes', async () => {
      await prunePair(['-f', '--filter', `label=${PRUNE}`]);
      await prunePair(['--filter', `label=${PRUNE}`], 'y\n');
    });
    it('prompts (nothing to prune)', async () => {
      const nothing = `berth.test.none=${TAG}`;
      for (const input of ['y\n', ' Y \n', 'n\n', 'yes\n', '', 'y']) {
        await same(['network', 'prune', '--filter', `label=${nothing}`], { input });
      }
      await same(['network', 'prune', '--force', '--filter', `label=${nothing}`, '--filter', 'until=1s']);
      await same(['network', 'prune', '-f', '--filter', `label=${nothing}`, '--filter', `label!=${nothing}`]);
    });
    it('config.json pruneFilters are merged', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'berth-net-prune-'));
      try {
        writeFileSync(join(dir, 'config.json'), JSON.stringify({ pruneFilters: [`label!=${PRUNE}`, 'label=nobody', 'bogus'] }));
        await prunePair(['-f', '--filter', `label=${PRUNE}`], undefined, dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it('failures', async () => {
      // always restricted to nothing: an engine that took these filters must prune nothing of others'
      const nothing = `label=berth.test.none=${TAG}`;
      for (const args of [
        ['network', 'prune', '-f', '--filter', nothing, '--filter', 'nosuch=1'],
        ['network', 'prune', '-f', '--filter', nothing, '--filter', 'until=notatime'],
        ['network', 'prune', '-f', '--filter', 'noequals'],
        ['network', 'prune', 'extra'],
        ['network', 'prune', '-a'],
      ]) {
        await same(args);
      }
    });
  });
});
