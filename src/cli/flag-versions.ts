// Flags docker annotates with the API version they need: help hides them for older engines,
// and setting one against an older engine fails before any request (docker's
// areFlagsSupported), each offending flag on its own line, in flag-name order.
import { ConnectionError } from '../engine/errors.js';
import type { Cli } from './cli.js';
import type { FlagSpec } from './flags.js';
import type { EngineFacts } from './spec.js';
import { StatusError } from './errors.js';
import { versionLess } from '../engine/client.js';

export type FlagVersions = Record<string, string>;

/** the flags help shows for this engine: those needing a newer API are hidden */
export function flagsForEngineVersion(flags: FlagSpec[], versions: FlagVersions, engine: EngineFacts): FlagSpec[] {
  return flags.map((f) => {
    const v = versions[f.name];
    if (v === undefined || engine.apiVersion === undefined || !versionLess(engine.apiVersion, v)) return f;
    return { ...f, hidden: true };
  });
}

export async function checkFlagVersions(cli: Cli, changed: Set<string>, versions: FlagVersions): Promise<void> {
  const names = [...changed].filter((n) => versions[n] !== undefined).sort();
  if (names.length === 0) return;
  let current: string;
  try {
    current = await cli.api().apiVersion();
  } catch (e) {
    // no engine to ask: docker's check passes (the client's own version), the command's first
    // request then reports the engine
    if (e instanceof ConnectionError) return;
    throw e;
  }
  const errors = names.filter((n) => versionLess(current, versions[n]!)).map((n) => `"--${n}" requires API version ${versions[n]}, but the Docker daemon API version is ${current}`);
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
}
