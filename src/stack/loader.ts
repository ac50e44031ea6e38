// Loads compose files the way `docker stack deploy -c` / `docker stack config -c` do
// (docker/cli v28.2.2: cli/command/stack/loader + cli/compose/loader).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ComposeConfig, ServiceConfig } from './types.js';

/** A compose file could not be loaded; the message is docker's text. */
export class ComposeLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComposeLoadError';
  }
}

export interface LoadComposeOptions {
  /** The -c values in order; "-" reads stdin. */
  files: string[];
  stdin?: () => Promise<string>;
  /** The environment used for interpolation (docker: the process environment only). */
  env: Record<string, string | undefined>;
  /** The process working directory (relative paths and "-" resolve from it). */
  cwd: string;
}

export async function loadCompose(o: LoadComposeOptions): Promise<ComposeConfig> {
  if (o.files.length === 0) throw new ComposeLoadError('Specify a Compose file (with --compose-file)');
  const dicts: Record<string, unknown>[] = [];
  for (const f of o.files) {
    const text = f === '-' ? await (o.stdin ?? (async () => ''))() : await readFile(resolve(o.cwd, f), 'utf8');
    dicts.push((parse(text) ?? {}) as Record<string, unknown>);
  }
  const workingDir = o.files[0] === '-' && o.files.length === 1 ? o.cwd : dirname(resolve(o.cwd, o.files[0]!));
  void workingDir;
  const merged: Record<string, unknown> = {};
  for (const d of dicts) Object.assign(merged, d);
  const services = Object.entries((merged.services ?? {}) as Record<string, Omit<ServiceConfig, 'name'>>)
    .map(([name, s]) => ({ ...s, name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { filename: o.files[0], version: String(merged.version ?? ''), services };
}
