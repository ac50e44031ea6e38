// The credentials a command sends with a pull, push or search, as docker's cli resolves them:
// config.json (and its credential helpers) loaded once per command, the image's registry
// mapped to its key (Docker Hub's is https://index.docker.io/v1/), the X-Registry-Auth header
// encoded the way docker encodes it.
import type { Cli } from './cli.js';
import { StatusError } from './errors.js';
import { readInput, withEchoDisabled } from './readinput.js';
import { Credentials, CredentialsError, INDEX_SERVER, authConfigKey, convertToHostname, encodeAuthHeader, type AuthConfig } from '../config/credentials.js';
import { EngineError } from '../engine/errors.js';
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

const REGISTER_SUGGEST = "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.";
const PAT_SUGGEST = 'You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/';

/** hints.Enabled: DOCKER_CLI_HINTS, unless set to a false value */
export function hintsEnabled(env: NodeJS.ProcessEnv): boolean {
  const v = env.DOCKER_CLI_HINTS;
  if (v === undefined || v === '') return true;
  return !['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v);
}

/**
 * command.PromptUserForCredentials: the username (with the stored one as default) and the
 * password (echo off) asked on the terminal; `suggest` shows Docker Hub's account hints first.
 */
export async function promptForCredentials(cli: Cli, argUser: string, argPassword: string, defaultUsername: string, serverAddress: string, suggest: boolean): Promise<AuthConfig> {
  let user = argUser.trim();
  if (user === '') {
    if (suggest) {
      cli.out.write(`${REGISTER_SUGGEST}\n`);
      if (hintsEnabled(cli.env)) cli.out.write(`${PAT_SUGGEST}\n\n`);
    }
    const def = defaultUsername.trim();
    user = await readInput(cli, def === '' ? 'Username: ' : `Username (${def}): `);
    if (user === '') user = def;
    if (user === '') throw new StatusError('Error: Non-null Username Required', 1);
  }
  let password = argPassword.trim();
  if (password === '') {
    password = await withEchoDisabled(cli, async () => {
      const p = await readInput(cli, 'Password: ');
      cli.out.write('\n');
      return p;
    });
    if (password === '') throw new StatusError('Error: Password Required', 1);
  }
  return { username: user, password, serveraddress: serverAddress };
}

/**
 * The engine's client asks for credentials when the engine answers 401 (docker's
 * RegistryAuthenticationPrivilegedFunc): "Login prior to CMD:", the prompts (Docker Hub's
 * hints shown whatever the registry, as docker shows them), then `attempt` once more with them.
 */
export async function withRegistryPrivilege<T>(cli: Cli, indexName: string, cmdName: string, registryAuth: string, attempt: (registryAuth: string) => Promise<T>): Promise<T> {
  try {
    return await attempt(registryAuth);
  } catch (e) {
    if (!(e instanceof EngineError) || e.status !== 401) throw e;
  }
  const key = authConfigKey(indexName);
  cli.out.write(`\nLogin prior to ${cmdName}:\n`);
  let stored: AuthConfig = {};
  try {
    stored = credentials(cli).get(key === INDEX_SERVER ? key : convertToHostname(key));
  } catch (e) {
    if (!(e instanceof CredentialsError)) throw e;
    cli.err.write(`Unable to retrieve stored credentials for ${key}, error: ${e.message}.\n`);
  }
  const ac = await promptForCredentials(cli, '', '', stored.username ?? '', key, true);
  return attempt(encodeAuthHeader(ac));
}
