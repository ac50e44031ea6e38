import '../../src/cli/core.js';
// docker version: the client's and the engine's versions, docker's default layout or a
// template over system.versionInfo.
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { DEFAULT_API_VERSION } from '../../src/engine/client.js';
import { engineVersion } from '../../src/engine/system.js';
import { parseTemplate } from '../../src/format/template/index.js';
import { dockerFuncs } from '../../src/format/funcs.js';
import { TabWriter } from '../../src/format/tabwriter.js';
import { goFunc, goSlice, GoNil } from '../../src/format/values.js';
import { clientFacts, defaultVersionText, versionContext } from '../../src/format/contexts/version.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Show the Docker version information',
  args: { kind: 'none' },
  flags: [{ name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE }],
};

/** the version template's extra function: a component's Details keys, sorted */
const getDetailsOrder = goFunc({ params: ['types.ComponentVersion'], result: '[]string' }, (c: unknown) => {
  const details = (c as { Details?: unknown }).Details;
  const keys = details && !(details instanceof GoNil) ? Object.keys(details).sort() : [];
  return goSlice(keys, '[]string');
});

/** what was written before a template failed */
function partialOutput(e: unknown): string {
  const p = (e as { partial?: unknown }).partial;
  return typeof p === 'string' ? p : '';
}

async function negotiatedVersion(cli: Cli): Promise<string> {
  // a host berth cannot use fails here, before any output, as docker's client set-up does
  const api = cli.api();
  try {
    return await api.apiVersion();
  } catch {
    // no engine: docker shows the version it would have asked for
    return cli.env.DOCKER_API_VERSION || DEFAULT_API_VERSION;
  }
}

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const format = (opts.format as string | undefined) ?? '';
  let tmpl: ReturnType<typeof parseTemplate> | undefined;
  if (format !== '') {
    try {
      tmpl = parseTemplate(format === 'json' ? '{{json .}}' : format, { name: 'version', funcs: { ...dockerFuncs, getDetailsOrder } });
    } catch (e) {
      throw new StatusError(`template parsing error: ${(e as Error).message}`, 64);
    }
  }
  const apiVersion = await negotiatedVersion(cli);
  let server: Record<string, unknown> | null = null;
  let serverErr: unknown;
  try {
    server = await engineVersion(cli.api());
  } catch (e) {
    serverErr = e;
  }
  const ctx = versionContext(clientFacts(cli, apiVersion), server);
  // docker writes the template's output through a tabwriter, then a newline
  const w = new TabWriter({ minwidth: 20, tabwidth: 1, padding: 1, padchar: ' ' });
  let tmplErr: unknown;
  if (tmpl) {
    try {
      w.write(tmpl.execute(ctx));
    } catch (e) {
      w.write(partialOutput(e));
      tmplErr = e;
    }
  } else {
    w.write(defaultVersionText(ctx));
  }
  w.write('\n');
  cli.out.write(w.flush());
  if (serverErr !== undefined) throw serverErr;
  if (tmplErr !== undefined) throw new StatusError((tmplErr as Error).message, 1);
};
