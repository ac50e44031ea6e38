import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { contextStore, dockerContextMeta, dockerEndpointOf, validateContextName } from '../../src/config/contextstore.js';
import { dockerEndpointFromOptions, dockerFlag, dockerOptions, longDescription } from '../../src/config/contextops.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTEXT',
  short: 'Update a context',
  long: longDescription('update'),
  args: { kind: 'exact', n: 1 },
  flags: [{ name: 'description', kind: 'value', type: 'string', usage: 'Description of the context' }, dockerFlag],
};

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  const name = args[0]!;
  const description = (opts.description as string | undefined) ?? '';
  const docker = dockerOptions(opts, changed);
  const store = contextStore(cli);
  try {
    validateContextName(name);
    const c = store.get(name);
    const dc = dockerContextMeta(c);
    if (description !== '') dc.Description = description;
    c.Metadata = dc;
    let tls: Map<string, Buffer> | undefined;
    if (docker) {
      try {
        const ep = dockerEndpointFromOptions(store, docker);
        c.Endpoints.set('docker', ep.ep);
        tls = ep.tls;
      } catch (e) {
        throw new StatusError(`unable to create docker endpoint config: ${(e as Error).message}`, 1);
      }
    }
    store.createOrUpdate(c);
    if (docker) store.resetEndpointTLSMaterial(name, 'docker', tls);
    void dockerEndpointOf;
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new StatusError((e as Error).message, 1);
  }
  cli.out.write(`${name}\n`);
  cli.err.write(`Successfully updated context ${JSON.stringify(name)}\n`);
};
