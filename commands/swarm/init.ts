import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import type { FlagSpec } from '../../src/cli/flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { goParseUint } from '../../src/cli/opts/goparse.js';
import { parseCIDR } from '../../src/cli/opts/ipam.js';
import { parseStringSlice } from '../../src/cli/opts/ipam.js';
import { ipString } from '../../src/cli/opts/netaddr.js';
import { EngineError } from '../../src/engine/errors.js';
import { initSwarm, swarmUnlockKey } from '../../src/engine/swarm.js';
import { PROGRAM } from '../../src/cli/cli.js';
import { availabilityFlag, availabilityOf, joinInstructions, listenAddrFlag, mergeSwarmSpec, SWARM_FLAGS, unlockInstructions } from './opts.js';

/** pflag's IPNetSlice: CSV values, each net.ParseCIDR'd to its network */
function parseAddrPools(raw: string): string[] {
  return parseStringSlice(raw).map((v) => {
    try {
      const { net } = parseCIDR(v.trim());
      const ones = net.mask.reduce((n, b) => n + (b.toString(2).match(/1/g)?.length ?? 0), 0);
      return `${ipString(net.ip)}/${ones}`;
    } catch {
      throw new Error(`invalid string being converted to CIDR: ${v}`);
    }
  });
}

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Initialize a swarm',
  args: { kind: 'none' },
  flags: ([
    { name: 'advertise-addr', kind: 'value', type: 'string', usage: 'Advertised address (format: "<ip|interface>[:port]")' },
    { name: 'autolock', kind: 'bool', usage: 'Enable manager autolocking (requiring an unlock key to start a stopped manager)' },
    availabilityFlag(),
    { name: 'data-path-addr', kind: 'value', type: 'string', usage: 'Address or interface to use for data path traffic (format: "<ip|interface>")' },
    { name: 'data-path-port', kind: 'value', type: 'uint32', usage: 'Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used.', default: 0, parse: (raw) => goParseUint(raw, 0, 32) },
    { name: 'default-addr-pool', kind: 'list', type: 'ipNetSlice', usage: 'default address pool in CIDR format', defaultText: '[]', parse: parseAddrPools },
    { name: 'default-addr-pool-mask-length', kind: 'value', type: 'uint32', usage: 'default address pool subnet mask length', default: 24, parse: (raw) => goParseUint(raw, 0, 32) },
    { name: 'force-new-cluster', kind: 'bool', usage: 'Force create a new cluster from current state' },
    listenAddrFlag(),
    ...SWARM_FLAGS,
  ] as FlagSpec[]).sort((a, b) => (a.name < b.name ? -1 : 1)),
};

export const run: CommandModule['run'] = async (cli, { opts, changed }) => {
  const api = cli.api();
  const swarmSpec: Record<string, unknown> = {};
  mergeSwarmSpec(swarmSpec, opts, changed);
  const req: Record<string, unknown> = {
    ListenAddr: opts['listen-addr'],
    AdvertiseAddr: opts['advertise-addr'] ?? '',
    DataPathAddr: opts['data-path-addr'] ?? '',
    DataPathPort: opts['data-path-port'],
    DefaultAddrPool: (opts['default-addr-pool'] as string[][]).flat(),
    ForceNewCluster: opts['force-new-cluster'],
    Spec: swarmSpec,
    AutoLockManagers: opts.autolock,
    SubnetSize: opts['default-addr-pool-mask-length'],
  };
  if (changed.has('availability')) {
    try {
      req.Availability = availabilityOf(opts.availability as string);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  }
  let nodeID: string;
  try {
    nodeID = await initSwarm(api, req);
  } catch (e) {
    if (e instanceof EngineError && (e.message.includes('could not choose an IP address to advertise') || e.message.includes("could not find the system's IP address"))) {
      throw new StatusError(`${e.daemonMessage} - specify one with --advertise-addr`, 1);
    }
    throw e;
  }
  cli.out.write(`Swarm initialized: current node (${nodeID}) is now a manager.\n\n`);
  cli.out.write(await joinInstructions(cli, nodeID, true, false));
  cli.out.write(`To add a manager to this swarm, run '${PROGRAM} swarm join-token manager' and follow the instructions.\n`);
  if (opts.autolock) {
    let key: string;
    try {
      key = await swarmUnlockKey(api);
    } catch (e) {
      throw new StatusError(`could not fetch unlock key: ${e instanceof EngineError ? e.daemonMessage : (e as Error).message}`, 1);
    }
    cli.out.write(unlockInstructions(key));
  }
};
