// What `secret` and `config` share: ls, inspect (--pretty), rm, and reading the data of create
// from a file or stdin as docker's readSecretData / readConfigData do.
import { readFileSync, statSync } from 'node:fs';
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import { errorText } from './parallel.js';
import { filtersOf } from './opts.js';
import { inspectRefs } from './inspect.js';
import { goPathError } from './images.js';
import type { EngineClient } from '../engine/client.js';
import type { SwarmSecret } from '../engine/secrets.js';
import { listSecrets, inspectSecretRaw, removeSecret } from '../engine/secrets.js';
import { listConfigs, inspectConfigRaw, removeConfig } from '../engine/configs.js';
import { renderRows, FormatError } from '../format/formatter.js';
import { ConfigContext, SecretContext, SecretPrettyContext, secretFormat, secretHeaderContext } from '../format/contexts/secret.js';
import { naturalCompare } from '../util/sortorder.js';

export type SwarmObjectKind = 'secret' | 'config';

const API: Record<SwarmObjectKind, { list: (api: EngineClient, f?: Record<string, string[]>) => Promise<SwarmSecret[]>; inspectRaw: (api: EngineClient, ref: string) => Promise<string>; remove: (api: EngineClient, ref: string) => Promise<void> }> = {
  secret: { list: listSecrets, inspectRaw: inspectSecretRaw, remove: removeSecret },
  config: { list: listConfigs, inspectRaw: inspectConfigRaw, remove: removeConfig },
};

const rethrowFormat = (e: unknown): never => {
  if (e instanceof FormatError) throw new StatusError(e.message, 1);
  throw e;
};

/** the swarm verbs' inspect reports every failure with status 1 (a bad template too, 64 elsewhere) */
export async function exitOne(p: Promise<void>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StatusError && e.status !== 1) throw new StatusError(e.message, 1);
    throw e;
  }
}

export async function listSwarmObjects(cli: Cli, kind: SwarmObjectKind, opts: Record<string, unknown>): Promise<void> {
  const quiet = opts.quiet as boolean;
  const list = await API[kind].list(cli.api(), filtersOf(opts.filter));
  let format = (opts.format as string | undefined) ?? '';
  if (format === '') {
    const cfg = kind === 'secret' ? cli.config().secretFormat : cli.config().configFormat;
    format = typeof cfg === 'string' && cfg !== '' && !quiet ? cfg : 'table';
  }
  const sorted = [...list].sort((a, b) => naturalCompare(a.Spec?.Name ?? '', b.Spec?.Name ?? ''));
  const rows = sorted.map((s) => (kind === 'secret' ? new SecretContext(s) : new ConfigContext(s, 'config')));
  try {
    cli.out.write(await renderRows(secretFormat(format, quiet, kind), rows, secretHeaderContext(kind)));
  } catch (e) {
    rethrowFormat(e);
  }
}

export async function inspectSwarmObjects(cli: Cli, kind: SwarmObjectKind, opts: Record<string, unknown>, refs: string[]): Promise<void> {
  const api = cli.api();
  const format = opts.pretty ? 'pretty' : ((opts.format as string | undefined) ?? '');
  if (format.startsWith('pretty') && format !== 'pretty') throw new StatusError('cannot supply extra formatting options to the pretty template', 1);
  if (format !== 'pretty') {
    await exitOne(inspectRefs(cli, refs, format, async (ref) => ({ raw: await API[kind].inspectRaw(api, ref), kind })));
    return;
  }
  // docker stops at the first failure and prints nothing of the objects before it
  const rows: SecretPrettyContext[] = [];
  for (const ref of refs) {
    try {
      rows.push(new SecretPrettyContext(JSON.parse(await API[kind].inspectRaw(api, ref)) as SwarmSecret, kind));
    } catch (e) {
      throw new StatusError(errorText(e), 1);
    }
  }
  try {
    cli.out.write(await renderRows(secretFormat('pretty', false, kind), rows, {}));
  } catch (e) {
    rethrowFormat(e);
  }
}

export async function removeSwarmObjects(cli: Cli, kind: SwarmObjectKind, refs: string[]): Promise<void> {
  const api = cli.api();
  const errors: string[] = [];
  for (const ref of refs) {
    try {
      await API[kind].remove(api, ref);
    } catch (e) {
      errors.push(errorText(e));
      continue;
    }
    cli.out.write(`${ref}\n`);
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
}

/** everything stdin holds, up to `limit` bytes */
async function readStdin(cli: Cli, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of cli.in) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(b);
    n += b.length;
    if (n >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/**
 * readSecretData / readConfigData: `-` is stdin, else a file; at most twice the engine's
 * size limit is read (the engine refuses what is larger). Errors carry docker's texts.
 */
export async function readObjectData(cli: Cli, kind: SwarmObjectKind, file: string): Promise<Buffer> {
  const limit = 2 * (kind === 'secret' ? 500 : 1000) * 1024;
  if (file === '-') {
    let data: Buffer;
    try {
      data = await readStdin(cli, limit);
    } catch (e) {
      throw new Error(`error reading from STDIN: ${errorText(e)}`);
    }
    if (data.length === 0) throw new Error('error reading from STDIN: data is empty');
    return data;
  }
  if (file === '') throw new Error(`${kind} file is required`);
  let data: Buffer;
  try {
    statSync(file);
  } catch (e) {
    throw new Error(`error reading from ${file}: ${goPathError('open', file, e)}`);
  }
  try {
    data = readFileSync(file).subarray(0, limit);
  } catch (e) {
    const op = (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'read' : 'open';
    throw new Error(`error reading from ${file}: ${goPathError(op, file, e)}`);
  }
  if (data.length === 0) throw new Error(`error reading from ${file}: data is empty`);
  return data;
}
