import '../../src/cli/core.js';
import type { Cli } from '../../src/cli/cli.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { PROGRAM } from '../../src/cli/cli.js';
import { StatusError } from '../../src/cli/errors.js';
import { credentials, promptForCredentials } from '../../src/cli/auth.js';
import { PromptCancelled } from '../../src/cli/readinput.js';
import { convertToHostname, CredentialsError, INDEX_NAME, INDEX_SERVER, type AuthConfig } from '../../src/config/credentials.js';
import { EngineError } from '../../src/engine/errors.js';
import { registryLogin, type AuthenticateOK } from '../../src/engine/registry.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] [SERVER]',
  short: 'Authenticate to a registry',
  long: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.',
  args: { kind: 'max', n: 1 },
  flags: [
    { name: 'password', short: 'p', kind: 'value', type: 'string', usage: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', kind: 'bool', usage: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', short: 'u', kind: 'value', type: 'string', usage: 'Username' },
  ],
};

/** tui's PrintNote of the hint after a login with stored credentials (stderr) */
function storedCredentialsNote(cli: Cli): string {
  const text = `To login with a different account, run '${PROGRAM} logout' followed by '${PROGRAM} login'`;
  if (cli.err.isTTY) return `\n\x1b[1m\x1b[106m\x1b[30mi\x1b[0m\x1b[0m \x1b[96mInfo → \x1b[0m\x1b[0m\x1b[3m${text}\x1b[0m\n\n\n`;
  return `\n Info -> ${text}\n\n\n`;
}

function daemonText(e: unknown): string {
  if (e instanceof EngineError) return e.daemonMessage;
  return (e as Error).message;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

interface LoginOptions {
  user: string;
  password: string;
}

function storeCredentials(cli: Cli, ac: AuthConfig): void {
  try {
    credentials(cli).store(ac.serveraddress ?? '').store(ac);
  } catch (e) {
    throw new StatusError(`Error saving credentials: ${(e as Error).message}`, 1);
  }
}

/** the engine's answer may carry an identity token: it is stored instead of the password */
function withToken(ac: AuthConfig, res: AuthenticateOK): AuthConfig {
  return res.IdentityToken ? { ...ac, password: '', identitytoken: res.IdentityToken } : ac;
}

/** the login's status, or undefined when the engine refused the stored credentials */
async function loginWithStoredCredentials(cli: Cli, ac: AuthConfig): Promise<string | undefined> {
  cli.err.write(`Authenticating with existing credentials...${ac.username ? ` [Username: ${ac.username}]` : ''}\n`);
  cli.err.write(storedCredentialsNote(cli));
  let res: AuthenticateOK;
  try {
    res = await registryLogin(cli.api(), ac);
  } catch (e) {
    if (e instanceof EngineError && e.status === 401) cli.err.write('Stored credentials invalid or expired\n');
    else cli.err.write(`Login did not succeed, error: ${daemonText(e)}\n`);
    return undefined;
  }
  storeCredentials(cli, withToken(ac, res));
  return res.Status;
}

async function loginUser(cli: Cli, opts: LoginOptions, defaultUsername: string, serverAddress: string): Promise<string> {
  if ((opts.user === '' || opts.password === '') && !cli.in.isTTY) {
    throw new StatusError('Error: Cannot perform an interactive login from a non TTY device', 1);
  }
  if (serverAddress === INDEX_SERVER && opts.user === '' && opts.password === '') {
    // docker's web-based (device code) login needs Docker's servers; berth goes straight to the prompt
    cli.err.write('Failed to start web-based login - falling back to command line login...\n\n');
  }
  const ac = await promptForCredentials(cli, opts.user, opts.password, defaultUsername, serverAddress, serverAddress === INDEX_SERVER);
  const res = await registryLogin(cli.api(), ac);
  storeCredentials(cli, withToken(ac, res));
  return res.Status;
}

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  // docker reads config.json (and reports a broken one) before anything else
  const creds = credentials(cli);
  const o: LoginOptions = { user: (opts.username as string | undefined) ?? '', password: (opts.password as string | undefined) ?? '' };
  const passwordStdin = opts['password-stdin'] as boolean;
  // verifyLoginFlags
  if (changed.has('password-stdin')) {
    if (changed.has('password')) throw new StatusError('conflicting options: cannot specify both --password and --password-stdin', 1);
    if (!changed.has('username')) throw new StatusError('the --password-stdin option requires --username to be set', 1);
  }
  if (changed.has('username') && o.user === '') throw new StatusError('username is empty', 1);
  if (changed.has('password') && o.password === '') throw new StatusError('password is empty', 1);
  // verifyLoginOptions
  if (o.password !== '') cli.err.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  if (passwordStdin) o.password = (await readAll(cli.in)).replace(/\n$/, '').replace(/\r$/, '');

  const arg = args[0] ?? '';
  const serverAddress = arg !== '' && arg !== INDEX_NAME ? arg : INDEX_SERVER;
  const isDefault = serverAddress === INDEX_SERVER;
  // GetDefaultAuthConfig: stored credentials are only looked at without -u and -p
  const key = isDefault ? serverAddress : convertToHostname(serverAddress);
  let ac: AuthConfig = { serveraddress: key };
  let lookupFailed = false;
  if (o.user === '' && o.password === '') {
    try {
      ac = { ...creds.get(key), serveraddress: key, identitytoken: '' };
    } catch (e) {
      if (!(e instanceof CredentialsError)) throw e;
      lookupFailed = true;
    }
  }
  try {
    let status: string | undefined;
    if (!lookupFailed && ac.username && ac.password) status = await loginWithStoredCredentials(cli, ac);
    if (status === undefined) status = await loginUser(cli, o, ac.username ?? '', ac.serveraddress ?? key);
    if (status !== '') cli.out.write(`${status}\n`);
  } catch (e) {
    if (e instanceof PromptCancelled) return 0;
    throw e;
  }
  return 0;
};
