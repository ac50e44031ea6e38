import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { goParseInt } from '../../src/cli/opts/goparse.js';
import { validateLink } from '../../src/cli/opts/validators.js';
import { parseStringSlice } from '../../src/cli/opts/ipam.js';
import { sortKeys } from '../../src/cli/opts/mount.js';
import { connectNetwork, type EndpointSettings } from '../../src/engine/networks.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NETWORK CONTAINER',
  short: 'Connect a container to a network',
  args: { kind: 'exact', n: 2 },
  flags: [
    { name: 'alias', kind: 'list', type: 'strings', usage: 'Add network-scoped alias for the container', parse: parseStringSlice },
    { name: 'driver-opt', kind: 'list', type: 'strings', usage: 'driver options for the network', parse: parseStringSlice },
    { name: 'gw-priority', kind: 'value', type: 'int', usage: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.', default: 0, parse: (r) => goParseInt(r, 0) },
    { name: 'ip', kind: 'value', type: 'string', usage: 'IPv4 address (e.g., "172.30.100.104")' },
    { name: 'ip6', kind: 'value', type: 'string', usage: 'IPv6 address (e.g., "2001:db8::33")' },
    { name: 'link', kind: 'list', type: 'list', usage: 'Add link to another container', parse: validateLink },
    { name: 'link-local-ip', kind: 'list', type: 'strings', usage: 'Add a link-local address for the container', parse: parseStringSlice },
  ],
};

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** docker/cli convertDriverOpt: key=value pairs, both trimmed */
export function convertDriverOpt(options: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const opt of options) {
    const eq = opt.indexOf('=');
    const k = (eq < 0 ? opt : opt.slice(0, eq)).replace(GO_SPACE, '');
    if (eq < 0 || k === '') throw new Error('invalid key/value pair format in driver options');
    out[k] = opt.slice(eq + 1).replace(GO_SPACE, '');
  }
  return sortKeys(out);
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const slice = (name: string): string[] => ((opts[name] as string[][] | undefined) ?? []).flat();
  const driverOpts = convertDriverOpt(slice('driver-opt'));
  const ipam: NonNullable<EndpointSettings['IPAMConfig']> = {};
  const ip = (opts.ip as string | undefined) ?? '';
  const ip6 = (opts.ip6 as string | undefined) ?? '';
  const linkLocal = slice('link-local-ip');
  if (ip !== '') ipam.IPv4Address = ip;
  if (ip6 !== '') ipam.IPv6Address = ip6;
  if (linkLocal.length > 0) ipam.LinkLocalIPs = linkLocal;
  const links = (opts.link as string[] | undefined) ?? [];
  await connectNetwork(cli.api(), args[0]!, args[1]!, {
    IPAMConfig: ipam,
    Links: links.length > 0 ? links : null,
    Aliases: slice('alias'),
    MacAddress: '',
    DriverOpts: driverOpts,
    GwPriority: opts['gw-priority'] as number,
    NetworkID: '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: null,
  });
};
