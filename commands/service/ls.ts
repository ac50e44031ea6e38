import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import type { EngineClient } from '../../src/engine/client.js';
import { listServices } from '../../src/engine/services.js';
import type { Service } from '../../src/engine/service-types.js';
import { listTasks } from '../../src/engine/tasks.js';
import { listNodes } from '../../src/engine/nodes.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { ServiceContext, serviceHeaderContext, serviceListFormat, type ServiceStatus } from '../../src/format/contexts/service.js';
import { naturalLess } from '../../src/util/sortorder.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List services',
  args: { kind: 'none' },
  flags: [
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display IDs' },
  ],
};

type WithStatus = Service & { ServiceStatus?: ServiceStatus };

/**
 * AppendServiceStatus: engines before API 1.41 send no ServiceStatus; it is counted from the
 * tasks (desired: not shut down; running: running on a node that is not down).
 */
export async function appendServiceStatus(api: EngineClient, services: WithStatus[]): Promise<void> {
  const status = new Map<string, ServiceStatus>();
  for (const s of services) {
    if (s.ServiceStatus) continue;
    if (s.Spec?.Mode?.Replicated) {
      s.ServiceStatus = { DesiredTasks: s.Spec.Mode.Replicated.Replicas ?? 0 };
      status.set(s.ID, { RunningTasks: 0, DesiredTasks: 0 });
    } else if (s.Spec?.Mode?.Global) {
      s.ServiceStatus = {};
      status.set(s.ID, { RunningTasks: 0, DesiredTasks: 0 });
    }
  }
  if (status.size === 0) return;
  const tasks = await listTasks(api, { service: [...status.keys()] });
  if (tasks.length === 0) return;
  const active = new Set((await listNodes(api)).filter((n) => n.Status?.State !== 'down').map((n) => n.ID));
  for (const t of tasks) {
    const st = status.get(t.ServiceID ?? '');
    if (!st) continue;
    if (t.DesiredState !== 'shutdown') st.DesiredTasks! += 1;
    if (active.has(t.NodeID ?? '') && t.Status?.State === 'running') st.RunningTasks! += 1;
  }
  for (const s of services) {
    const st = status.get(s.ID);
    if (st) s.ServiceStatus = st;
  }
}

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const api = cli.api();
  const quiet = opts.quiet as boolean;
  const services = ((await listServices(api, { filters: filtersOf(opts.filter), status: !quiet })) ?? []) as WithStatus[];
  if (!quiet) await appendServiceStatus(api, services);
  await printServices(cli, services, (opts.format as string | undefined) ?? '', quiet);
};

/** the service table of `service ls` and `stack services`: servicesFormat, natural name order */
export async function printServices(cli: Cli, services: WithStatus[], format: string, quiet: boolean): Promise<void> {
  if (format === '') {
    const cfg = cli.config().servicesFormat;
    format = typeof cfg === 'string' && cfg.length > 0 && !quiet ? cfg : 'table';
  }
  const sorted = [...services].sort((a, b) => (naturalLess(a.Spec?.Name ?? '', b.Spec?.Name ?? '') ? -1 : naturalLess(b.Spec?.Name ?? '', a.Spec?.Name ?? '') ? 1 : 0));
  try {
    cli.out.write(await renderRows(serviceListFormat(format, quiet), sorted.map((s) => new ServiceContext(s)), serviceHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}
