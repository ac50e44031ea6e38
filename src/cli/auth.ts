// The credentials a command sends with a pull, push or search, as docker's cli resolves them:
// config.json (and its credential helpers) loaded once per command, the image's registry
// mapped to its key (Docker Hub's is https://index.docker.io/v1/), the X-Registry-Auth header
// encoded the way docker encodes it.
import type { Cli } from './cli.js';
import { Credentials, authConfigKey, encodeAuthHeader, type AuthConfig } from '../config/credentials.js';
import type { ImageRef } from '../util/reference.js';

const loaded = new WeakMap<Cli, Credentials>();

/** the command's config file and credential stores (a config docker cannot parse is reported once) */
export function credentials(cli: Cli): Credentials {
  let c = loaded.get(cli);
  if (!c) {
    c = Credentials.load(cli.configDir(), cli.err, cli.env);
    loaded.set(cli, c);
  }
  return c;
}

/**
 * command.ResolveAuthConfig (pull): every member of the stored AuthConfig. Errors of a
 * credential helper are ignored, as docker ignores them there.
 */
export function resolveAuthConfig(cli: Cli, indexName: string): AuthConfig {
  return credentials(cli).forRegistry(indexName);
}

/** the X-Registry-Auth of a pull of `ref` */
export function pullAuthHeader(cli: Cli, ref: ImageRef): string {
  return encodeAuthHeader(resolveAuthConfig(cli, ref.domain));
}

/**
 * command.RetrieveAuthTokenFromImage (push, run/create's pull): username, password, server
 * address and tokens only (a credential helper's failure is ignored).
 */
export function retrieveAuthHeader(cli: Cli, ref: ImageRef): string {
  const ac = credentials(cli).getOrPartial(authConfigKey(ref.domain));
  return encodeAuthHeader({ username: ac.username, password: ac.password, serveraddress: ac.serveraddress, identitytoken: ac.identitytoken, registrytoken: ac.registrytoken });
}
