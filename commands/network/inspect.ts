import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { inspectNetworkRaw } from '../../src/engine/networks.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NETWORK [NETWORK...]',
  short: 'Display detailed information on one or more networks',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    { name: 'verbose', short: 'v', kind: 'bool', usage: 'Verbose output for diagnostics' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const verbose = opts.verbose as boolean;
  await inspectRefs(cli, args, (opts.format as string) ?? '', async (ref) => ({ raw: await inspectNetworkRaw(cli.api(), ref, verbose), kind: 'network' }));
};
