import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { StatusError } from '../../src/cli/errors.js';
import type { EngineClient } from '../../src/engine/client.js';
import { NotFoundError } from '../../src/engine/errors.js';
import { inspectServiceRaw } from '../../src/engine/services.js';
import { errorText } from '../../src/cli/parallel.js';
import { goPathEscape } from '../../src/engine/path.js';
import type { Service } from '../../src/engine/service-types.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] SERVICE [SERVICE...]',
  short: 'Display detailed information on one or more services',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    { name: 'pretty', kind: 'bool', usage: 'Print the information in a human friendly format' },
  ],
};

/** the service with its defaults filled in, as docker's getRef asks for it; "no such service" when unknown */
async function fetchService(api: EngineClient, ref: string): Promise<string> {
  try {
    return await inspectServiceRaw(api, ref, true);
  } catch (e) {
    if (e instanceof NotFoundError) throw new Error(`Error: no such service: ${ref}`);
    throw e;
  }
}

/**
 * docker keeps only the decoded swarm.Service: its JSON is encoding/json's of that value
 * (field order and omitempty of the Go types, <, > and & escaped), not the engine's text
 */
async function typedJson(raw: string): Promise<string> {
  const types = await import('../../src/format/inspect-types/index.js');
  const text = types.marshalValue(types.ServiceInspect, types.toTypedGo(raw, types.ServiceInspect));
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** resolveNetworks: the names of the service's networks, looked up in the swarm scope (failures skipped) */
async function networkNames(api: EngineClient, svc: Service): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const nw of svc.Spec.TaskTemplate?.Networks ?? []) {
    try {
      const res = await api.json<{ Id?: string; Name?: string }>({ path: `/networks/${goPathEscape(nw.Target ?? '')}`, query: { scope: 'swarm' } });
      names.set(res?.Id ?? '', res?.Name ?? '');
    } catch {
      // docker shows the ID of a network it cannot look up
    }
  }
  return names;
}

async function runPretty(cli: Parameters<CommandModule['run']>[0], refs: string[]): Promise<void> {
  const api = cli.api();
  const [types, { ServiceInspectContext, SERVICE_INSPECT_PRETTY }, { renderRows, FormatError }] = await Promise.all([
    import('../../src/format/inspect-types/index.js'),
    import('../../src/format/contexts/service-inspect.js'),
    import('../../src/format/formatter.js'),
  ]);
  const rows: object[] = [];
  // the first failure ends it before anything is printed, as docker's formatter context does
  for (const ref of refs) {
    let raw: string;
    try {
      raw = await fetchService(api, ref);
    } catch (e) {
      throw new StatusError(errorText(e), 1);
    }
    const svc = JSON.parse(raw) as Service;
    rows.push(new ServiceInspectContext(svc, types.toTypedGo(raw, types.ServiceInspect), await networkNames(api, svc)));
  }
  try {
    cli.out.write(await renderRows(SERVICE_INSPECT_PRETTY, rows, {}));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  let format = (opts.format as string | undefined) ?? '';
  const pretty = opts.pretty as boolean;
  if (pretty && format.length > 0) throw new StatusError('--format is incompatible with human friendly format', 1);
  if (pretty) format = 'pretty';
  if (format === '') {
    const cfg = cli.config().serviceInspectFormat;
    format = typeof cfg === 'string' && cfg.length > 0 ? cfg : 'raw';
  }
  if (format.startsWith('pretty') && format !== 'pretty') throw new StatusError('Cannot supply extra formatting options to the pretty template', 1);
  if (format === 'pretty') return runPretty(cli, args);
  const api = cli.api();
  try {
    await inspectRefs(cli, args, format.startsWith('raw') ? format.slice(3) : format, async (ref) => ({
      raw: await typedJson(await fetchService(api, ref)),
      kind: 'service',
      typedOnly: true,
    }));
  } catch (e) {
    // docker wraps every inspect failure, template errors included, into an exit status 1
    if (e instanceof StatusError) throw new StatusError(e.message, 1);
    throw e;
  }
};
