// inspect and container inspect against docker: raw JSON, -f json, templates (typed first,
// then the raw map), errors and exit codes, type autodetection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, settled as both, skipReason, uniqueName } from './harness.js';

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
