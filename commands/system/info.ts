import '../../src/cli/core.js';
// docker info / docker system info: the client's and the engine's state, docker's default
// layout or a template over system.dockerInfo.
import type { CommandModule } from '../../src/cli/spec.js';
import type { Cli } from '../../src/cli/cli.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { StatusError } from '../../src/cli/errors.js';
import { ConnectionError, EngineError } from '../../src/engine/errors.js';
import { engineInfo } from '../../src/engine/system.js';
import { parseTemplate } from '../../src/format/template/index.js';
import { dockerFuncs } from '../../src/format/funcs.js';
import { decodeStruct, dockerInfoContext, renderClientInfo, renderServerInfo, sparseInfoContext, SystemInfo, type InfoData } from '../../src/format/contexts/info.js';
import { clientFacts } from '../../src/format/contexts/version.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Display system-wide information',
  args: { kind: 'none' },
  flags: [{ name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE }],
};

const JSON_FORMAT = '{{json .}}';

/**
 * docker's needsServerInfo: the engine is asked unless the template renders from the
 * client's fields alone.
 */
function needsServerInfo(format: string, data: InfoData): boolean {
  if (format === '' || format === JSON_FORMAT || format === 'json') return true;
  if (!/\.[a-zA-Z]/.test(format)) return true;
  try {
    parseTemplate(format, { name: '', funcs: dockerFuncs }).execute(sparseInfoContext(data));
    return false;
  } catch {
    return true;
  }
}

function errorText(e: unknown): string {
  if (e instanceof EngineError) return e.daemonMessage;
  return e instanceof Error ? e.message : String(e);
}

/** the Docker Hub user name config.json holds, as docker's ConfigFile decodes it */
function hubUserName(cli: Cli): string {
  try {
    const entry = cli.config().auths?.['https://index.docker.io/v1/'] as { auth?: string; username?: string } | undefined;
    if (!entry) return '';
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0) return decoded.slice(0, i);
    }
    return entry.username ?? '';
  } catch {
    return '';
  }
}

function partialOutput(e: unknown): string {
  const p = (e as { partial?: unknown }).partial;
  return typeof p === 'string' ? p : '';
}

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const format = (opts.format as string | undefined) ?? '';
  const debug = cli.globals.debug;
  // docker leaves the negotiated API version out of the client's part
  const data: InfoData = { server: {}, client: clientFacts(cli, undefined), debug, serverErrors: [] };

  let connErr: unknown;
  if (needsServerInfo(format, data)) {
    try {
      data.server = await engineInfo(cli.api());
    } catch (e) {
      if (format === '') data.server = null;
      if (e instanceof ConnectionError || !(e instanceof EngineError)) {
        if (e instanceof StatusError) throw e;
        connErr = e;
      } else {
        data.serverErrors!.push(errorText(e));
        // with a template, the error could go unseen: docker prints it now
        if (format !== '') cli.err.write(`${errorText(e)}\n`);
      }
    }
  }

  if (format === '') {
    let out = renderClientInfo(data.client, debug);
    out += '\nServer:\n';
    let err = '';
    const errors = [...(data.serverErrors ?? [])];
    if (data.server !== null) {
      const info = decodeStruct(SystemInfo, data.server);
      const r = renderServerInfo(info, { clientDebug: debug, userName: hubUserName(cli) });
      out += r.out;
      err += r.err;
      errors.push(...r.errors);
    }
    cli.out.write(out);
    for (const e of errors) err += `ERROR: ${e}\n`;
    if (err) cli.err.write(err);
    const messages: string[] = [];
    if (errors.length > 0) messages.push('errors pretty printing info');
    if (connErr !== undefined) messages.push(errorText(connErr));
    if (messages.length > 0) throw new StatusError(messages.join('\n'), 1);
    return;
  }

  // a template: docker reports the connection error first, then the template's
  const messages: string[] = connErr !== undefined ? [errorText(connErr)] : [];
  let tmpl;
  try {
    tmpl = parseTemplate(format === 'json' ? JSON_FORMAT : format, { name: '', funcs: dockerFuncs });
  } catch (e) {
    messages.push(`template parsing error: ${(e as Error).message}`);
    throw new StatusError(messages.join('\n'), 64);
  }
  let out: string;
  try {
    out = tmpl.execute(dockerInfoContext(data));
  } catch (e) {
    out = partialOutput(e);
    messages.push((e as Error).message);
  }
  cli.out.write(`${out}\n`);
  if (messages.length > 0) throw new StatusError(messages.join('\n'), 1);
};
