// The --format differential: many format strings across the listings and inspections
// (ps, images, inspect, version, info, network, volume), each run with the reference docker
// CLI and with berth on the same engine state. stdout must be identical, and so must the exit
// code and stderr's first line (template errors name the template by its place, as Go does).
//
// Listings are filtered to this file's own objects (a label unique to the run), so suites
// running beside it cannot change what is listed. Each object carries that one label only:
// docker joins {{.Labels}} in Go's random map order, so two labels would compare by chance. Version's client facts (berth's own
// version, Go version, commit, build time) are the only masked values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve as resolveCommand } from '../../src/cli/registry.js';
import { docker, settled, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/format: skipped: ${reason}`);

const tag = uniqueName('fmt');
const label = `berth.fmt=${tag}`;
const names = { run: `${tag}-run`, exited: `${tag}-exited`, created: `${tag}-created`, net: `${tag}-net`, vol: `${tag}-vol`, image: `${tag}-img` };

/** format strings that every context can take (they don't name a field) */
const generic = [
  'plain text',
  '',
  '{{"quoted"}}',
  '{{`raw`}}',
  '{{printf "%d-%s" 42 "x"}}',
  '{{/* a comment */}}after',
  '{{- " trimmed " -}}',
  '{{$x := "v"}}{{$x}}',
  '{{if true}}yes{{else}}no{{end}}',
  '{{range $i, $e := split "a,b,c" ","}}{{$i}}={{$e}};{{end}}',
  '{{len "abc"}}',
  '{{index (split "a b" " ") 1}}',
  '{{slice "abcdef" 1 3}}',
  '{{upper "x"}}{{lower "Y"}}{{title "hello world"}}',
  '{{pad "x" 2 3}}|{{truncate "abcdef" 3}}',
  '{{join (split "a:b" ":") "+"}}',
  '{{eq 1 1 2}} {{ne "a" "b"}} {{lt 1 2}} {{ge 2.5 2.5}}',
  '{{and 1 0}} {{or 0 "" "z"}} {{not true}}',
  '{{html "<a&b>"}} {{js "it\'s"}} {{urlquery "a b&c"}}',
  '{{printf "%5.2f|%-4s|%x|%q|%t|%v" 3.14159 "ab" 255 "q" true nil}}',
  '{{println "a" 1}}',
  '{{json "s"}} {{json 1.5}}',
  // errors: parse and execution
  '{{',
  '{{.}',
  '{{end}}',
  '{{nosuchfunc}}',
  '{{template "missing"}}',
  '{{index "abc" 5}}',
  '{{slice "abc" 2 1}}',
  '{{printf}}',
  '{{len 3}}',
  '{{range 3}}{{.}}{{end}}',
  '{{define "t"}}T{{end}}{{template "t"}}',
  '{{block "b" .}}B{{end}}',
  '{{with $x := 1}}{{$x}}{{end}}',
];

interface Family {
  /** the command words berth must have for this family to run */
  command: string[];
  argv: (format: string) => string[];
  formats: string[];
  /** applied to both outputs before comparing */
  mask?: (s: string) => string;
}

const CLIENT_FACTS = /"(Version|GoVersion|GitCommit|BuildTime)":"[^"]*"/g;
const maskVersion = (s: string): string => s.replace(CLIENT_FACTS, '"$1":"<client>"');

const families: Record<string, Family> = {
  ps: {
    command: ['ps'],
    argv: (f) => ['ps', '-a', '--filter', `label=${label}`, '--format', f],
    formats: [
      ...generic,
      '{{.ID}}',
      '{{.Names}}',
      '{{.Image}} {{.Command}}',
      '{{.Status}}',
      '{{.State}}',
      '{{.Ports}}',
      '{{.Labels}}',
      '{{.Label "berth.fmt"}}',
      '{{.Label "nosuch"}}',
      '{{.Mounts}}',
      '{{.Networks}}',
      '{{.LocalVolumes}}',
      '{{.Size}}',
      '{{.RunningFor}}',
      '{{.CreatedAt | len | printf "%T"}}',
      'table {{.Names}}\t{{.State}}',
      'table {{.ID}}\t{{.Image}}\t{{.Label "berth.fmt"}}',
      'table',
      'table {{.Names}}\t{{.Size}}',
      'json',
      '{{json .Labels}}',
      '{{.Names | upper}}',
      '{{if eq .State "running"}}up:{{.Names}}{{end}}',
      '{{range split .Labels ","}}[{{.}}]{{end}}',
      '{{.Nope}}',
      '{{.Names.Nope}}',
      '{{.Label}}',
      '{{.Command | truncate 5}}',
    ],
  },
  inspect: {
    command: ['inspect'],
    argv: (f) => ['inspect', '--format', f, names.run, names.exited],
    formats: [
      ...generic,
      '{{.Name}}',
      '{{.State.Status}} {{.State.ExitCode}}',
      '{{.Config.Labels}}',
      '{{index .Config.Labels "berth.fmt"}}',
      '{{json .Config.Env}}',
      '{{range .Config.Env}}{{.}};{{end}}',
      '{{.HostConfig.RestartPolicy.Name}}',
      '{{.HostConfig.Memory}}',
      '{{json .Mounts}}',
      '{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}',
      '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}',
      '{{.NetworkSettings.Ports}}',
      '{{json .NetworkSettings.Ports}}',
      '{{.Config.Cmd}}',
      '{{.Path}} {{.Args}}',
      '{{.State}}',
      '{{.Config.ExposedPorts}}',
      '{{.NoSuchField}}',
      '{{.Config.NoSuch}}',
      '{{index .Config.Labels "nosuch"}}',
      '{{len .Config.Labels}}',
      '{{.State.Running | not}}',
      '{{printf "%.12s" .Id}}',
      '{{json .State}}',
      '{{.Created | len}}',
    ],
  },
  imageInspect: {
    command: ['inspect'],
    argv: (f) => ['inspect', '--type', 'image', '--format', f, `${names.image}:v1`],
    formats: [
      '{{.Id}}',
      '{{.RepoTags}}',
      '{{json .Config.Labels}}',
      '{{.Config.Cmd}}',
      '{{.Os}}/{{.Architecture}}',
      '{{.Size}}',
      '{{json .RootFS}}',
      '{{range .RootFS.Layers}}{{.}}{{end}}',
      '{{index .Config.Labels "berth.fmt"}}',
      '{{.ContainerConfig}}',
    ],
  },
  networkInspect: {
    command: ['inspect'],
    argv: (f) => ['inspect', '--type', 'network', '--format', f, names.net],
    formats: ['{{.Name}} {{.Driver}} {{.Scope}}', '{{json .IPAM.Config}}', '{{.Labels}}', '{{.Internal}} {{.Attachable}}', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', '{{json .Options}}'],
  },
  volumeInspect: {
    command: ['inspect'],
    argv: (f) => ['inspect', '--type', 'volume', '--format', f, names.vol],
    formats: ['{{.Name}} {{.Driver}}', '{{.Labels}}', '{{json .Options}}', '{{.Scope}}', '{{.Mountpoint | len | printf "%T"}}'],
  },
  version: {
    command: ['version'],
    argv: (f) => ['version', '--format', f],
    mask: maskVersion,
    formats: [
      '{{.Server.Version}}',
      '{{.Server.APIVersion}} {{.Server.MinAPIVersion}}',
      '{{.Server.Os}}/{{.Server.Arch}}',
      '{{.Client.APIVersion}}',
      '{{.Client.Os}} {{.Client.Arch}}',
      '{{.Client.DefaultAPIVersion}}',
      '{{range .Server.Components}}{{.Name}}={{.Version}};{{end}}',
      '{{json .Server.Components}}',
      '{{.Server.KernelVersion}}',
      '{{.Server.Experimental}}',
      '{{json .}}',
      '{{.Server.Platform.Name}}',
      '{{.Client.Context}}',
      '{{.Server.Nope}}',
    ],
  },
  info: {
    command: ['info'],
    argv: (f) => ['info', '--format', f],
    formats: [
      '{{.ServerVersion}}',
      '{{.Driver}}',
      '{{json .DriverStatus}}',
      '{{.OSType}}/{{.Architecture}}',
      '{{.NCPU}} {{.MemTotal}}',
      '{{json .Plugins}}',
      '{{range .Plugins.Volume}}{{.}} {{end}}',
      '{{.Swarm.LocalNodeState}}',
      '{{json .RegistryConfig.IndexConfigs}}',
      '{{.LoggingDriver}} {{.CgroupDriver}} {{.CgroupVersion}}',
      '{{.DockerRootDir | len | printf "%T"}}',
      '{{.SecurityOptions}}',
      '{{.Name | len | printf "%T"}}',
      '{{.ClientInfo.Context}}',
      '{{.Nope}}',
    ],
  },
  images: {
    command: ['images'],
    argv: (f) => ['images', '--filter', `label=${label}`, '--format', f],
    formats: [
      '{{.Repository}}:{{.Tag}}',
      '{{.ID}}',
      '{{.Digest}}',
      '{{.Size}}',
      '{{.CreatedSince}}',
      '{{.CreatedAt | len | printf "%T"}}',
      'table {{.Repository}}\t{{.Tag}}\t{{.Size}}',
      'table',
      'json',
      '{{json .}}',
      '{{.Containers}}',
      '{{.VirtualSize}}',
      '{{.SharedSize}} {{.UniqueSize}}',
      '{{.Repository | upper}}',
      '{{.Nope}}',
      '{{.Labels}}',
      '{{.Label "berth.fmt"}}',
    ],
  },
  networks: {
    command: ['network', 'ls'],
    argv: (f) => ['network', 'ls', '--filter', `label=${label}`, '--format', f],
    formats: ['{{.Name}}', '{{.ID}}', '{{.Driver}} {{.Scope}}', '{{.IPv6}} {{.Internal}}', '{{.Labels}}', '{{.Label "berth.fmt"}}', 'table {{.Name}}\t{{.Driver}}', 'table', 'json', '{{json .}}', '{{.CreatedAt | len | printf "%T"}}', '{{.Nope}}'],
  },
  volumes: {
    command: ['volume', 'ls'],
    argv: (f) => ['volume', 'ls', '--filter', `label=${label}`, '--format', f],
    formats: ['{{.Name}}', '{{.Driver}}', '{{.Scope}}', '{{.Labels}}', '{{.Label "berth.fmt"}}', '{{.Mountpoint | len | printf "%T"}}', 'table {{.Name}}\t{{.Driver}}', 'table', 'json', '{{json .}}', '{{.Links}} {{.Size}}', '{{.Nope}}'],
  },
};

const firstLine = (s: string): string => s.split('\n')[0] ?? '';

async function compare(fam: Family, format: string): Promise<void> {
  const r = await settled(fam.argv(format));
  const norm = (x: Result) => ({ code: x.code, stdout: fam.mask ? fam.mask(x.stdout) : x.stdout, stderr: firstLine(x.stderr) });
  expect(norm(r.berth)).toEqual(norm(r.docker));
}

const total = Object.values(families).reduce((n, f) => n + f.formats.length, 0);

describe.skipIf(reason !== '')(`--format across listings and inspections (${total} format strings)`, () => {
  beforeAll(async () => {
    const ok = (r: Result): void => {
      if (r.code !== 0) throw new Error(`fixture: ${r.stderr}`);
    };
    ok(await docker(['network', 'create', '--label', label, names.net]));
    ok(await docker(['volume', 'create', '--label', label, names.vol]));
    ok(await docker(['run', '-d', '--name', names.run, '--label', label, '-e', 'A=1', '-v', `${names.vol}:/data`, '--network', names.net, '-p', '127.0.0.1::80', 'busybox', 'sleep', '600']));
    ok(await docker(['run', '--name', names.exited, '--label', label, 'busybox', 'sh', '-c', 'exit 3']).then((r) => ({ ...r, code: r.code === 3 ? 0 : r.code })));
    ok(await docker(['create', '--name', names.created, '--label', label, 'busybox', 'echo', 'a long command line to truncate']));
    ok(await docker(['commit', names.exited, `${names.image}:v1`]));
  }, 60_000);

  afterAll(async () => {
    await docker(['rm', '-f', names.run, names.exited, names.created]);
    await docker(['rmi', `${names.image}:v1`]);
    await docker(['network', 'rm', names.net]);
    await docker(['volume', 'rm', names.vol]);
  });

  it('has at least 150 format strings', () => {
    expect(total).toBeGreaterThanOrEqual(150);
  });

  for (const [name, fam] of Object.entries(families)) {
    const missing = resolveCommand(fam.command)?.entry === undefined;
    describe.skipIf(missing)(`${name}${missing ? ` (skipped: berth has no \`${fam.command.join(' ')}\` yet)` : ''}`, () => {
      for (const format of fam.formats) {
        it(JSON.stringify(format), () => compare(fam, format), 30_000);
      }
    });
  }
});
