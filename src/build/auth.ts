// The registry credentials docker sends with a build (X-Registry-Config): configFile.
// GetAllCredentials — the default store's (config.json's auths, or credsStore's helper), each
// credHelpers entry's over them — every AuthConfig member in docker's order. A helper that
// fails is logged as docker's logrus warning and left out; a store that fails sends none.
import type { Cli } from '../cli/cli.js';
import { credentials } from '../cli/auth.js';
import { AUTH_FIELDS } from '../config/configfile.js';
import { logrus } from './output.js';

/** registry → AuthConfig, as docker marshals map[string]registry.AuthConfig */
export function authConfigsForBuild(cli: Cli): Record<string, Record<string, string>> {
  let all: Map<string, Record<string, string | undefined>>;
  try {
    all = credentials(cli).getAll((registry, err) => cli.err.write(logrus('warning', `Failed to get credentials for registry: ${registry}`, { error: err.message }))) as Map<string, Record<string, string | undefined>>;
  } catch {
    return {};
  }
  const out: Record<string, Record<string, string>> = {};
  for (const key of [...all.keys()].sort()) {
    const ac = all.get(key)!;
    const entry: Record<string, string> = {};
    for (const f of AUTH_FIELDS) {
      const v = ac[f];
      if (v) entry[f] = v;
    }
    out[key] = entry;
  }
  return out;
}
