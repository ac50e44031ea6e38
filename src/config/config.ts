// The docker CLI's config.json: read lazily, every key kept (berth writes it back without
// losing what it does not know).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

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

export function loadConfig(dir: string): ConfigFile {
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  if (text.trim() === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as ConfigFile) : {};
  } catch (e) {
    throw new ConfigError(`loading config file: ${file}: ${(e as Error).message}`);
  }
}
