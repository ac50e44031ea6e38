// The registry credentials docker sends with a build (X-Registry-Config): every entry of
// config.json's "auths", decoded as docker's config loader decodes them. Credential stores
// and helpers (credsStore, credHelpers) are not queried here.
import type { Cli } from '../cli/cli.js';

interface FileAuth {
  auth?: string;
  username?: string;
  password?: string;
  email?: string;
  identitytoken?: string;
  registrytoken?: string;
}

/** registry → AuthConfig, fields in Go's order, empty ones left out */
export function authConfigsForBuild(cli: Cli): Record<string, Record<string, string>> {
  let auths: Record<string, FileAuth> | undefined;
  try {
    auths = cli.config().auths as Record<string, FileAuth> | undefined;
  } catch {
    auths = undefined;
  }
  const out: Record<string, Record<string, string>> = {};
  if (!auths || typeof auths !== 'object') return out;
  for (const key of Object.keys(auths).sort()) {
    const a = auths[key] ?? {};
    let username = a.username ?? '';
    let password = a.password ?? '';
    if (a.auth) {
      const text = Buffer.from(a.auth, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      if (colon >= 0) {
        username = text.slice(0, colon);
        password = text.slice(colon + 1).replace(/\0+$/, '');
      }
    }
    const entry: Record<string, string> = {};
    if (username) entry.username = username;
    if (password) entry.password = password;
    if (a.email) entry.email = a.email;
    entry.serveraddress = key;
    if (a.identitytoken) entry.identitytoken = a.identitytoken;
    if (a.registrytoken) entry.registrytoken = a.registrytoken;
    out[key] = entry;
  }
  return out;
}
