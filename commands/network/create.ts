import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { parseMapEntry, validateLabel, type KeyValue } from '../../src/cli/opts/validators.js';
import { labelsOf, mapOf } from '../../src/cli/opts/kvmap.js';
import { createIPAMConfig, parseStringSlice } from '../../src/cli/opts/ipam.js';
import { createNetwork, type NetworkCreateOptions } from '../../src/engine/networks.js';

const FLAG_VERSIONS = { attachable: '1.25', ingress: '1.29', scope: '1.30', 'config-only': '1.30', 'config-from': '1.30' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NETWORK',
  short: 'Create a network',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'attachable', kind: 'bool', usage: 'Enable manual container attachment' },
    { name: 'aux-address', kind: 'list', type: 'map', usage: 'Auxiliary IPv4 or IPv6 addresses used by Network driver', defaultText: 'map[]', parse: parseMapEntry },
    { name: 'config-from', kind: 'value', type: 'string', usage: 'The network from which to copy the configuration' },
    { name: 'config-only', kind: 'bool', usage: 'Create a configuration only network' },
    { name: 'driver', short: 'd', kind: 'value', type: 'string', usage: 'Driver to manage the Network', default: 'bridge' },
    { name: 'gateway', kind: 'list', type: 'strings', usage: 'IPv4 or IPv6 Gateway for the master subnet', parse: parseStringSlice },
    { name: 'ingress', kind: 'bool', usage: 'Create swarm routing-mesh network' },
    { name: 'internal', kind: 'bool', usage: 'Restrict external access to the network' },
    { name: 'ip-range', kind: 'list', type: 'strings', usage: 'Allocate container ip from a sub-range', parse: parseStringSlice },
    { name: 'ipam-driver', kind: 'value', type: 'string', usage: 'IP Address Management Driver', default: 'default' },
    { name: 'ipam-opt', kind: 'list', type: 'map', usage: 'Set IPAM driver specific options', defaultText: 'map[]', parse: parseMapEntry },
    { name: 'ipv4', kind: 'bool', usage: 'Enable or disable IPv4 address assignment', default: true },
    { name: 'ipv6', kind: 'bool', usage: 'Enable or disable IPv6 address assignment' },
    { name: 'label', kind: 'list', type: 'list', usage: 'Set metadata on a network', parse: validateLabel },
    { name: 'opt', short: 'o', kind: 'list', type: 'map', usage: 'Set driver specific options', defaultText: 'map[]', parse: parseMapEntry },
    { name: 'scope', kind: 'value', type: 'string', usage: "Control the network's scope" },
    { name: 'subnet', kind: 'list', type: 'strings', usage: 'Subnet in CIDR format that represents a network segment', parse: parseStringSlice },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const slice = (name: string): string[] => ((opts[name] as string[][] | undefined) ?? []).flat();
  const config = createIPAMConfig({
    subnets: slice('subnet'),
    ipRanges: slice('ip-range'),
    gateways: slice('gateway'),
    auxAddresses: (opts['aux-address'] as KeyValue[] | undefined) ?? [],
  });
  const configFrom = (opts['config-from'] as string | undefined) ?? '';
  const o: NetworkCreateOptions = {
    Driver: opts.driver as string,
    Scope: (opts.scope as string | undefined) ?? '',
    ...(changed.has('ipv4') ? { EnableIPv4: opts.ipv4 as boolean } : {}),
    ...(changed.has('ipv6') ? { EnableIPv6: opts.ipv6 as boolean } : {}),
    IPAM: { Driver: opts['ipam-driver'] as string, Options: mapOf(opts['ipam-opt']), Config: config },
    Internal: opts.internal as boolean,
    Attachable: opts.attachable as boolean,
    Ingress: opts.ingress as boolean,
    ConfigOnly: opts['config-only'] as boolean,
    ConfigFrom: configFrom !== '' ? { Network: configFrom } : null,
    Options: mapOf(opts.opt),
    Labels: labelsOf(opts.label),
  };
  const res = await createNetwork(cli.api(), args[0]!, o);
  cli.out.write(`${res.Id}\n`);
};
