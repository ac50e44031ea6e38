import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { RESTART_POLICIES } from '../../src/cli/complete-flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { goParseInt, goParseUint } from '../../src/cli/opts/goparse.js';
import { ramInBytes } from '../../src/cli/opts/units.js';
import { parseCPUs, parseRestartPolicy } from '../../src/cli/opts/validators.js';
import { updateContainer } from '../../src/engine/containers.js';

const int = (raw: string): number => goParseInt(raw, 0);
const bytes = (raw: string): number => ramInBytes(raw);

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Update configuration of one or more containers',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'blkio-weight', kind: 'value', type: 'uint16', usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)', default: 0, parse: (raw) => goParseUint(raw, 0, 16) },
    { name: 'cpu-period', kind: 'value', type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) period', default: 0, parse: int },
    { name: 'cpu-quota', kind: 'value', type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) quota', default: 0, parse: int },
    { name: 'cpu-rt-period', kind: 'value', type: 'int', usage: 'Limit the CPU real-time period in microseconds', default: 0, parse: int },
    { name: 'cpu-rt-runtime', kind: 'value', type: 'int', usage: 'Limit the CPU real-time runtime in microseconds', default: 0, parse: int },
    { name: 'cpu-shares', short: 'c', kind: 'value', type: 'int', usage: 'CPU shares (relative weight)', default: 0, parse: int },
    { name: 'cpus', kind: 'value', type: 'decimal', usage: 'Number of CPUs', parse: parseCPUs },
    { name: 'cpuset-cpus', kind: 'value', type: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
    { name: 'cpuset-mems', kind: 'value', type: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
    { name: 'kernel-memory', kind: 'value', type: 'bytes', usage: 'Kernel memory limit (deprecated)', parse: bytes, hidden: true },
    { name: 'memory', short: 'm', kind: 'value', type: 'bytes', usage: 'Memory limit', parse: bytes },
    { name: 'memory-reservation', kind: 'value', type: 'bytes', usage: 'Memory soft limit', parse: bytes },
    { name: 'memory-swap', kind: 'value', type: 'bytes', usage: 'Swap limit equal to memory plus swap: -1 to enable unlimited swap', parse: (raw) => (raw === '-1' ? -1 : ramInBytes(raw)) },
    { name: 'pids-limit', kind: 'value', type: 'int', usage: 'Tune container pids limit (set -1 for unlimited)', default: 0, parse: int },
    { name: 'restart', kind: 'value', type: 'string', usage: 'Restart policy to apply when a container exits' },
  ],
  flagValues: { restart: RESTART_POLICIES },
};

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  if (changed.size === 0) throw new StatusError('you must provide one or more flags when using this command', 1);
  let restart = { Name: '', MaximumRetryCount: 0 };
  const policy = (opts.restart as string | undefined) ?? '';
  if (policy !== '') {
    try {
      restart = parseRestartPolicy(policy);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  }
  const n = (k: string): number => (opts[k] as number | undefined) ?? 0;
  // container.UpdateConfig as docker's client sends it: zero values leave a setting alone
  const body: Record<string, unknown> = {
    BlkioWeight: n('blkio-weight'),
    CpusetCpus: (opts['cpuset-cpus'] as string | undefined) ?? '',
    CpusetMems: (opts['cpuset-mems'] as string | undefined) ?? '',
    CpuShares: n('cpu-shares'),
    Memory: n('memory'),
    MemoryReservation: n('memory-reservation'),
    MemorySwap: n('memory-swap'),
    KernelMemory: n('kernel-memory'),
    CpuPeriod: n('cpu-period'),
    CpuQuota: n('cpu-quota'),
    CpuRealtimePeriod: n('cpu-rt-period'),
    CpuRealtimeRuntime: n('cpu-rt-runtime'),
    NanoCpus: n('cpus'),
    RestartPolicy: restart,
  };
  if (n('pids-limit') !== 0) body.PidsLimit = n('pids-limit');
  const warnings: string[] = [];
  const errors: string[] = [];
  // one after the other, as docker does; the names that worked are printed as they go
  for (const ref of args) {
    try {
      const r = await updateContainer(cli.api(), ref, body);
      cli.out.write(`${ref}\n`);
      warnings.push(...(r.Warnings ?? []));
    } catch (e) {
      errors.push(errorText(e));
    }
  }
  if (warnings.length > 0) cli.out.write(`${warnings.join('\n')}\n`);
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
};
