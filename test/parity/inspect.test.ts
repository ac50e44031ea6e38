// inspect and container inspect against docker: raw JSON, -f json, templates (typed first,
// then the raw map), errors and exit codes, type autodetection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both as once, docker, settled as both, skipReason, uniqueName } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/inspect: skipped: ${reason}`);

describe.skipIf(reason !== '')('inspect matches docker', () => {
  const c1 = uniqueName('insp');
  const c2 = uniqueName('insp');
  const vol = uniqueName('vol');
  beforeAll(async () => {
    await docker(['volume', 'create', vol]);
    await docker(['create', '--name', c1, '-m', '1g', '-l', 'a=b', '-l', 'html=<x>&', '-e', 'FOO=bar', '-p', '127.0.0.1:18081:80', '-v', `${vol}:/v`, 'busybox', 'sleep', '60']);
    await docker(['run', '--name', c2, 'busybox', 'sh', '-c', 'exit 7']);
  });
  afterAll(async () => {
    await docker(['rm', '-f', c1, c2]);
    await docker(['volume', 'rm', vol]);
  });

  const formats = [
    '{{.Name}}',
    '{{.Id}}',
    '{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}',
    '{{.HostConfig.Memory}}',
    '{{.Config.Env}}',
    '{{json .Config.Env}}',
    '{{json .Config.Labels}}',
    '{{.Config.Labels}}',
    '{{index .Config.Labels "a"}}',
    '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}',
    '{{.Foo}}',
    '{{.Config.Foo}}',
    '{{.Id',
    '{{nosuchfunc .Id}}',
    '{{len .Mounts}}',
    '{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}}{{end}}',
    '{{(index .HostConfig.PortBindings "80/tcp")}}',
    '{{json .HostConfig.PortBindings}}',
    '{{.NetworkSettings.IPAddress}}',
    '{{upper .Name}} {{lower "ABC"}} {{title "hello world"}}',
    '{{join .Config.Cmd ","}} {{split "a,b" ","}}',
    '{{printf "%s|%5d|%-6s|%q" .Name 42 "x" "y"}}',
    '{{if .State.Running}}up{{else}}down{{end}}',
    '{{with .Config.Healthcheck}}hc{{else}}no healthcheck{{end}}',
    '{{.Created}}',
    '{{.Path}} {{.Args}}',
    '{{truncate .Id 5}}',
    '{{pad .Name 2 3}}|',
    '{{json .}}',
    'json',
    '',
  ];
  for (const f of formats) {
    it(`inspect -f ${JSON.stringify(f)}`, async () => {
      const args = f === '' ? ['inspect', c1, c2] : ['inspect', '-f', f, c1, c2];
      const { docker: d, berth: b } = await both(args);
      expect(b).toEqual(d);
    });
  }
  const more: string[][] = [
    ['container', 'inspect', 'nosuch-berth'],
    ['container', 'inspect', '-f', '{{.Name}}', 'nosuch-berth', 'nosuch-berth-2'],
    ['inspect', 'nosuch-berth'],
    ['inspect', '-f', '{{.Name}}', 'nosuch-berth'],
    ['inspect', '--type', 'foo', 'x'],
    ['inspect', '--type', 'network', 'nosuch-berth'],
    ['inspect', '--type', 'volume', 'nosuch-berth'],
    ['inspect', '--type', 'image', 'nosuch-berth'],
    ['inspect', '--type', 'plugin', 'nosuch-berth'],
    ['inspect', '--type', 'service', 'nosuch-berth'],
    ['inspect', '-f', '{{.Name}}', 'bridge'],
    ['inspect', '-f', '{{.Id}}', 'busybox'],
    ['inspect', '-f', '{{.Name}}', 'busybox'],
    ['inspect', '--type', 'image', '-s', '-f', '{{.Size}}', 'busybox'],
    ['container', 'inspect'],
  ];
  for (const args of more) {
    it(`berth ${args.join(' ')}`, async () => {
      const { docker: d, berth: b } = await both(args);
      expect(b).toEqual(d);
    });
  }
  it('inspect -s and a volume by name', async () => {
    for (const args of [['inspect', '-s', '-f', '{{.SizeRw}}', c1], ['inspect', '-f', '{{.Name}} {{.Driver}}', vol], ['inspect', '--type', 'volume', vol]]) {
      const { docker: d, berth: b } = await both(args);
      expect({ args, ...b }).toEqual({ args, ...d });
    }
  });
});

// docker runs --format templates on the Go value the client decoded before the raw map:
// Go's field order and zero values in {{json .}}, typed nils, structs and pointers as fmt
// prints them. Go pointer addresses change from run to run: both sides are compared with
// them masked.
describe.skipIf(reason !== '')('inspect templates on typed values match docker', () => {
  const net = uniqueName('tnet');
  const vol = uniqueName('tvol');
  const created = uniqueName('tcreated');
  const running = uniqueName('trunning');
  const unhealthy = uniqueName('tunhealthy');
  const exited = uniqueName('texited');
  const all = [created, running, unhealthy, exited];
  beforeAll(async () => {
    await docker(['network', 'create', net]);
    await docker(['volume', 'create', '--label', 'k=v', vol]);
    await Promise.all([
      docker(['create', '--name', created, '-l', 'a=b', '-e', 'FOO=bar', '-p', '127.0.0.1::80', '-v', `${vol}:/v`, '--restart', 'on-failure:3', '--health-cmd', 'true', '--health-interval', '1h', '--health-start-period', '90s', 'busybox', 'sleep', '60']),
      docker(['run', '-d', '--name', running, '--network', net, '--network-alias', 'web', '-p', '127.0.0.1::80/udp', '--restart', 'unless-stopped', '--stop-timeout', '3', 'busybox', 'sleep', '600']),
      docker(['run', '-d', '--name', unhealthy, '--health-cmd', 'exit 1', '--health-interval', '100ms', '--health-retries', '2', 'busybox', 'sleep', '600']),
      docker(['run', '--name', exited, '--init', '--ulimit', 'nofile=100:200', '--mount', 'type=tmpfs,destination=/t,tmpfs-mode=1777', '--tmpfs', '/run', '--cap-add', 'NET_ADMIN', '--dns', '1.1.1.1', 'busybox', 'sh', '-c', 'exit 3']),
    ]);
    await docker(['network', 'connect', 'bridge', running]);
    // a few failed checks, then a stopped container: its health log no longer changes
    await new Promise((res) => setTimeout(res, 1000));
    await docker(['stop', '-t', '0', unhealthy]);
  }, 60_000);
  afterAll(async () => {
    await docker(['rm', '-f', ...all]);
    await docker(['network', 'rm', net]);
    await docker(['volume', 'rm', vol]);
  });

  // (run once: the outputs do not change with time, and unmasked they always differ)
  const mask = (r: { code: number | null; stdout: string; stderr: string }): typeof r => ({
    code: r.code,
    stdout: r.stdout.replace(/0xc[0-9a-f]{6,}/g, '0xPTR'),
    stderr: r.stderr.replace(/0xc[0-9a-f]{6,}/g, '0xPTR'),
  });

  const containerFormats = [
    '{{json .}}',
    '{{.}}',
    '{{.State}}',
    '{{json .State}} {{.State.Health}}',
    '{{with .State.Health}}{{.Status}} {{.FailingStreak}} {{range .Log}}{{.ExitCode}}{{end}}{{else}}no health{{end}}',
    '{{.Config.Healthcheck}} {{json .Config.Healthcheck}}',
    '{{with .Config.Healthcheck}}{{.Interval}} {{.StartPeriod}} {{.Retries}}{{else}}none{{end}}',
    '{{json .Config}}',
    '{{.Config.ExposedPorts}} {{.Config.Volumes}} {{.Config.Entrypoint}} {{.Config.Labels.zz}}',
    '{{index .Config.ExposedPorts "80/tcp"}}',
    '{{json .HostConfig}}',
    '{{.HostConfig.RestartPolicy}} {{.HostConfig.RestartPolicy.IsNone}} {{.HostConfig.LogConfig}} {{.HostConfig.NetworkMode}}',
    '{{.HostConfig.PortBindings}} {{.HostConfig.ConsoleSize}} {{.HostConfig.Memory}} {{.HostConfig.CPUShares}}',
    '{{.HostConfig.Mounts}} {{.HostConfig.Ulimits}} {{.HostConfig.Tmpfs}} {{.HostConfig.Init}} {{.HostConfig.OomKillDisable}}',
    '{{json .NetworkSettings}}',
    '{{.NetworkSettings}}',
    '{{.NetworkSettings.Networks}}',
    '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}: {{$v}} {{$v.Aliases}};{{end}}',
    '{{range $p, $b := .NetworkSettings.Ports}}{{$p}}={{range $b}}{{.HostIP}}{{end}};{{end}}',
    '{{.Mounts}} {{json .Mounts}}',
    '{{.SizeRw}} {{.ExecIDs}} {{.GraphDriver.Name}} {{.ContainerJSONBase}}',
    '{{printf "%T %T %T" . .HostConfig.Memory .HostConfig.NetworkMode}}',
  ];
  for (const f of containerFormats) {
    it(`container inspect -f ${JSON.stringify(f)}`, async () => {
      const { docker: d, berth: b } = await once(['container', 'inspect', '-f', f, ...all]);
      expect(mask(b)).toEqual(mask(d));
    });
  }

  it('the fallback to the raw map makes later typed passes strict (missingkey=error)', async () => {
    const { docker: d, berth: b } = await once(['inspect', '-f', '{{with .State.Health}}{{.Foo}}{{end}}{{.Config.Labels.zz}}', running, unhealthy, running]);
    expect(mask(b)).toEqual(mask(d));
  });

  it('sizes are pointers: <nil> without -s', async () => {
    for (const args of [['inspect', '-f', '{{.SizeRw}} {{json .SizeRootFs}}', created], ['inspect', '-s', '-f', '{{.SizeRootFs}} {{if .SizeRw}}sized{{end}}', created]]) {
      const { docker: d, berth: b } = await once(args);
      expect({ args, ...mask(b) }).toEqual({ args, ...mask(d) });
    }
  });

  for (const f of ['{{json .}}', '{{.}}', '{{.Created}} {{json .Created}}', '{{.Labels}} {{.Options}} {{.Config}}']) {
    it(`inspect -f ${JSON.stringify(f)} on a network, a volume and an image`, async () => {
      const { docker: d, berth: b } = await once(['inspect', '-f', f, net, vol, 'busybox']);
      expect(mask(b)).toEqual(mask(d));
    });
  }
});
