import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { confirm } from '../../src/cli/prompt.js';
import { inspectNetwork, removeNetwork } from '../../src/engine/networks.js';
import { NotFoundError } from '../../src/engine/errors.js';

export const spec: CommandModule['spec'] = {
  use: 'NETWORK [NETWORK...]',
  short: 'Remove one or more networks',
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'force', short: 'f', kind: 'bool', usage: 'Do not error if the network does not exist' }],
};

const INGRESS_WARNING =
  'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue?';

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  let failed = false;
  // one after the other, as docker does: each failure is reported as it happens
  for (const name of args) {
    const nw = await inspectNetwork(api, name).catch(() => undefined);
    if (nw?.Ingress && !(await confirm(cli, INGRESS_WARNING))) continue;
    try {
      await removeNetwork(api, name);
    } catch (e) {
      if (opts.force && e instanceof NotFoundError) continue;
      cli.err.write(`${errorText(e)}\n`);
      failed = true;
      continue;
    }
    cli.out.write(`${name}\n`);
  }
  if (failed) throw new StatusError('exit status 1', 1);
};
