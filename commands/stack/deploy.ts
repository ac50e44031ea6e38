import '../../src/cli/core.js';
// `stack deploy` / `stack up` (docker/cli cli/command/stack/deploy.go): the stack name checked,
// the compose files loaded (src/stack/loader.ts), then src/stack/deploy.ts on the swarm.
import type { CommandModule } from '../../src/cli/spec.js';
import { logrusLine } from '../../src/cli/attach.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions } from '../../src/cli/flag-versions.js';
import { parseStringSlice } from '../../src/cli/opts/ipam.js';
import { ComposeLoadError, forbiddenMessage, ForbiddenPropertiesError, loadComposeFiles, readComposeFiles } from '../../src/stack/loader.js';
import { checkLoaded, runDeploy, validateStackName } from '../../src/stack/deploy.js';
import type { Cli } from '../../src/cli/cli.js';

const FLAG_VERSIONS = { 'compose-file': '1.25', prune: '1.27', 'resolve-image': '1.30' };

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] STACK',
  short: 'Deploy a new stack or update an existing stack',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'compose-file', short: 'c', kind: 'list', type: 'strings', usage: 'Path to a Compose file, or "-" to read from stdin', parse: parseStringSlice },
    { name: 'detach', short: 'd', kind: 'bool', usage: 'Exit immediately instead of waiting for the stack services to converge', default: true },
    { name: 'prune', kind: 'bool', usage: 'Prune services that are no longer referenced' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress progress output' },
    { name: 'resolve-image', kind: 'value', type: 'string', usage: 'Query the registry to resolve image digest and supported platforms ("always", "changed", "never")', default: 'always' },
    { name: 'with-registry-auth', kind: 'bool', usage: 'Send registry authentication details to Swarm agents' },
  ],
};

// (no helpFlags: the stack group's own help function shows every flag, whatever the engine's API)

async function readAll(cli: Cli): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of cli.in) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks).toString('utf8');
}

export const run: CommandModule['run'] = async (cli, { opts, changed, args }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const namespace = args[0]!;
  validateStackName(namespace);
  const files = (opts['compose-file'] as string[][]).flat();
  // LoadComposefile: read, load (docker's logrus warnings on stderr), then its own warnings and checks
  let read;
  let cfg;
  try {
    read = await readComposeFiles({ files, stdin: () => readAll(cli), env: cli.env, cwd: process.cwd() });
    cfg = loadComposeFiles(read.files, { env: cli.env, workingDir: read.workingDir, warn: (m) => cli.err.write(logrusLine('warning', m)) });
  } catch (e) {
    if (e instanceof ForbiddenPropertiesError) throw new StatusError(forbiddenMessage(e), 1);
    if (e instanceof ComposeLoadError) throw new StatusError(e.message, 1);
    throw e;
  }
  checkLoaded(cli, cfg, read.files);
  await runDeploy(
    cli,
    {
      namespace,
      resolveImage: opts['resolve-image'] as string,
      sendRegistryAuth: opts['with-registry-auth'] === true,
      prune: opts.prune === true,
      detach: opts.detach === true,
      detachChanged: changed.has('detach'),
      quiet: opts.quiet === true,
    },
    cfg,
  );
};
