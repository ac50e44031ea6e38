// The docker CLI's config.json: read lazily, every key kept (berth writes it back without
// losing what it does not know).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigFile as GoConfigFile } from './configfile.js';

export interface ConfigFile {
  psFormat?: string;
  imagesFormat?: string;
  statsFormat?: string;
  detachKeys?: string;
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  currentContext?: string;
  [key: string]: unknown;
}

/** --config, else DOCKER_CONFIG, else ~/.docker */
export function configDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  return join(homedir(), '.docker');
}

export class ConfigError extends Error {}

/** the keys berth reads as strings: a value of another type is dropped, as Go's decoder leaves the field empty */
const STRING_KEYS = ['psFormat', 'imagesFormat', 'statsFormat', 'networksFormat', 'volumesFormat', 'pluginsFormat', 'servicesFormat', 'tasksFormat', 'secretFormat', 'configFormat', 'nodesFormat', 'detachKeys', 'credsStore', 'currentContext'];

/**
 * config.json as docker's config.Load leaves it: a file that does not parse is an empty
 * config, and a field of the wrong type is left empty. `warn` gets docker's warning for both
 * (the decoding itself is ConfigFile's, which words errors as Go does).
 */
export function loadConfig(dir: string, warn: (text: string) => void = () => undefined): ConfigFile {
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const warning = GoConfigFile.load(dir).warning();
    if (warning) warn(warning);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    parsed = {};
  }
  const warning = GoConfigFile.load(dir).warning();
  if (warning) warn(warning);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const cfg = parsed as ConfigFile;
  for (const k of STRING_KEYS) if (k in cfg && typeof cfg[k] !== 'string') delete cfg[k];
  if ('pruneFilters' in cfg && !(Array.isArray(cfg.pruneFilters) && cfg.pruneFilters.every((x) => typeof x === 'string'))) delete cfg.pruneFilters;
  return cfg;
}
