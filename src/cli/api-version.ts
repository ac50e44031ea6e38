// A command group's "version" annotation (node 1.24, secret 1.25, config 1.30): docker refuses
// the command, its help included, before anything else when the API in use is older.
import type { Cli } from './cli.js';
import { PROGRAM } from './cli.js';
import { StatusError } from './errors.js';
import { versionLess } from '../engine/client.js';

/** a beforeParse hook: `path` is the command's canonical path (docker names it so, aliases too) */
export function requireApiVersion(min: string, path: string): (cli: Cli) => Promise<void> {
  return async (cli) => {
    let current: string;
    try {
      current = await cli.api().apiVersion();
    } catch {
      // no engine: help still shows, and the command's own request reports the failure
      return;
    }
    if (versionLess(current, min)) throw new StatusError(`${PROGRAM} ${path} requires API version ${min}, but the Docker daemon API version is ${current}`, 1);
  };
}
