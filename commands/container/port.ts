import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { inspectContainer } from '../../src/engine/containers.js';
import { StatusError } from '../../src/cli/errors.js';
import { naturalCompare } from '../../src/util/sortorder.js';

export const spec: CommandModule['spec'] = {
  use: 'CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  args: { kind: 'range', min: 1, max: 2 },
  flags: [],
};

type Binding = { HostIp: string; HostPort: string };

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export const run: CommandModule['run'] = async (cli, { args }) => {
  const info = await inspectContainer(cli.api(), args[0]!);
  const ports = (info.NetworkSettings?.Ports ?? {}) as Record<string, Binding[] | null>;
  const out: string[] = [];
  if (args.length === 2) {
    const want = args[1]!;
    let [port, proto] = want.split('/', 2) as [string, string | undefined];
    proto ||= 'tcp';
    if (!/^\d+$/.test(port) && !/^\d+-\d+$/.test(port)) {
      throw new StatusError(`Error: invalid port (${port}): strconv.ParseUint: parsing "${port}": invalid syntax`, 1);
    }
    const frontends = ports[`${port}/${proto}`];
    if (frontends && frontends.length > 0) {
      for (const f of frontends) out.push(joinHostPort(f.HostIp, f.HostPort));
    } else {
      throw new StatusError(`Error: No public port '${want}' published for ${args[0]}`, 1);
    }
  } else {
    for (const [from, frontends] of Object.entries(ports)) {
      for (const f of frontends ?? []) out.push(`${from} -> ${joinHostPort(f.HostIp, f.HostPort)}`);
    }
    out.sort(naturalCompare);
  }
  if (out.length) cli.out.write(`${out.join('\n')}\n`);
};
