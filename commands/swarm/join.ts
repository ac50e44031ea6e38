import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { engineInfo } from '../../src/engine/system.js';
import { joinSwarm } from '../../src/engine/swarm.js';
import { availabilityFlag, availabilityOf, listenAddrFlag } from './opts.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] HOST:PORT',
  short: 'Join a swarm as a node and/or manager',
  args: { kind: 'exact', n: 1 },
  // (docker registers no completion for the argument: the shell's default)
  noArgsCompletion: true,
  flags: [
    { name: 'advertise-addr', kind: 'value', type: 'string', usage: 'Advertised address (format: "<ip|interface>[:port]")' },
    availabilityFlag(),
    { name: 'data-path-addr', kind: 'value', type: 'string', usage: 'Address or interface to use for data path traffic (format: "<ip|interface>")' },
    listenAddrFlag(),
    { name: 'token', kind: 'value', type: 'string', usage: 'Token for entry into the swarm' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  const api = cli.api();
  const req: Record<string, unknown> = {
    ListenAddr: opts['listen-addr'],
    AdvertiseAddr: opts['advertise-addr'] ?? '',
    DataPathAddr: opts['data-path-addr'] ?? '',
    RemoteAddrs: [args[0]],
    JoinToken: opts.token ?? '',
  };
  if (changed.has('availability')) {
    try {
      req.Availability = availabilityOf(opts.availability as string);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  }
  await joinSwarm(api, req);
  const info = await engineInfo(api);
  cli.out.write(info.Swarm?.ControlAvailable ? 'This node joined a swarm as a manager.\n' : 'This node joined a swarm as a worker.\n');
};
