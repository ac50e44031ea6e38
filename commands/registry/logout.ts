import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { credentials } from '../../src/cli/auth.js';
import { convertToHostname, INDEX_SERVER } from '../../src/config/credentials.js';

export const spec: CommandModule['spec'] = {
  use: '[SERVER]',
  short: 'Log out from a registry',
  long: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.',
  args: { kind: 'max', n: 1 },
  flags: [],
};

export const run: CommandModule['run'] = async (cli, { args }) => {
  const creds = credentials(cli);
  const given = args[0] ?? '';
  const isDefault = given === '';
  const serverAddress = isDefault ? INDEX_SERVER : given;
  let hostname = serverAddress;
  const regs = [serverAddress];
  if (!isDefault) {
    hostname = convertToHostname(serverAddress);
    // older clients stored credentials under these forms too
    regs.push(hostname, `http://${hostname}`, `https://${hostname}`);
  }
  cli.out.write(`Removing login credentials for ${hostname}\n`);
  const errs = new Map<string, Error>();
  for (const r of regs) {
    try {
      creds.store(r).erase(r);
    } catch (e) {
      errs.set(r, e as Error);
    }
  }
  // docker reports only when every attempt failed (a repeated address counts once in its map)
  if (errs.size === regs.length) {
    cli.err.write('WARNING: could not erase credentials:\n');
    for (const [k, e] of errs) cli.err.write(`${k}: ${e.message}\n`);
  }
};
