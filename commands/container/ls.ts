import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { goParseInt } from '../../src/cli/opts/goparse.js';
import { filterFlag, filtersOf, TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { listContainers } from '../../src/engine/containers.js';
import { StatusError } from '../../src/cli/errors.js';
import { loadEngine } from '../../src/format/engine.js';
import { compileSimple } from '../../src/format/simple.js';
import { renderRows, FormatError } from '../../src/format/formatter.js';
import { ContainerContext, containerFormat, containerHeaderContext } from '../../src/format/contexts/container.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'List containers',
  args: { kind: 'none' },
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
    filterFlag(),
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'last', short: 'n', kind: 'value', type: 'int', usage: 'Show n last created containers (includes all states)', default: -1, parse: (r) => goParseInt(r, 0) },
    { name: 'latest', short: 'l', kind: 'bool', usage: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display container IDs' },
    { name: 'size', short: 's', kind: 'bool', usage: 'Display total file sizes' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, changed }) => {
  const quiet = opts.quiet as boolean;
  let size = opts.size as boolean;
  let limit = opts.last as number;
  if (opts.latest && limit === -1) limit = 1;
  const userFormat = (opts.format as string | undefined) ?? '';
  if (userFormat !== '') {
    // docker runs the template once on an empty row: errors surface before any request,
    // and a template that shows .Size asks the engine for sizes
    const probe = new ContainerContext({}, true);
    const simple = compileSimple(userFormat);
    if (!simple || simple.execute(probe) === undefined) {
      const engine = await loadEngine();
      let tmpl;
      try {
        tmpl = engine.parseTemplate(userFormat, { name: '', funcs: engine.dockerFuncs });
      } catch (e) {
        throw new StatusError(`failed to parse template: ${(e as Error).message}`, 1);
      }
      try {
        tmpl.execute(probe);
      } catch (e) {
        throw new StatusError(`failed to execute template: ${(e as Error).message}`, 1);
      }
    }
    if (!quiet && !size && !changed.has('size') && probe.fieldsUsed.has('Size')) size = true;
  }
  let format = userFormat;
  if (format === '') {
    const cfg = cli.config().psFormat;
    format = cfg && !quiet ? cfg : 'table';
  } else if (quiet) {
    cli.err.write('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
  }
  const containers = await listContainers(cli.api(), { all: opts.all as boolean, limit, size, filters: filtersOf(opts.filter) });
  const trunc = !opts['no-trunc'];
  const fmt = format === 'json' ? 'json' : containerFormat(format, quiet, size);
  try {
    cli.out.write(await renderRows(fmt, containers.map((c) => new ContainerContext(c, trunc)), containerHeaderContext()));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
};
