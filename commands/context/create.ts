import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { ContextNotFound, contextStore, currentContext, validateContextName, type ContextStore } from '../../src/config/contextstore.js';
import { copyContext, dockerEndpointFromOptions, dockerFlag, dockerOptions, longDescription } from '../../src/config/contextops.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTEXT',
  short: 'Create a context',
  long: longDescription('create'),
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'description', kind: 'value', type: 'string', usage: 'Description of the context' },
    dockerFlag,
    { name: 'from', kind: 'value', type: 'string', usage: 'create context from a named context' },
  ],
};

/** checkContextNameForCreation */
export function checkNameForCreation(store: ContextStore, name: string): void {
  validateContextName(name);
  try {
    store.get(name);
  } catch (e) {
    if (e instanceof ContextNotFound) return;
    throw new StatusError(`error while getting existing contexts: ${(e as Error).message}`, 1);
  }
  throw new StatusError(`context ${JSON.stringify(name)} already exists`, 1);
}

export const run: CommandModule['run'] = async (cli, { opts, args, changed }) => {
  const name = args[0]!;
  const description = (opts.description as string | undefined) ?? '';
  const from = (opts.from as string | undefined) ?? '';
  const docker = dockerOptions(opts, changed);
  const store = contextStore(cli);
  try {
    checkNameForCreation(store, name);
    if (from !== '' || !docker) {
      if (docker && docker.size > 0) throw new StatusError('cannot use --docker flag when --from is set', 1);
      copyContext(store, from !== '' ? from : currentContext(cli), name, description);
    } else {
      let endpoint;
      try {
        endpoint = dockerEndpointFromOptions(store, docker);
      } catch (e) {
        throw new StatusError(`unable to create docker endpoint config: ${(e as Error).message}`, 1);
      }
      const extra = {};
      store.createOrUpdate({ Name: name, Metadata: { Description: description, extra }, Endpoints: new Map([['docker', endpoint.ep]]) });
      store.resetTLSMaterial(name, endpoint.tls ? new Map([['docker', endpoint.tls]]) : undefined);
    }
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new StatusError((e as Error).message, 1);
  }
  cli.out.write(`${name}\n`);
  cli.err.write(`Successfully created context ${JSON.stringify(name)}\n`);
};
