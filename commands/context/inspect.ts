import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { StatusError } from '../../src/cli/errors.js';
import { contextStore, currentContext, endpointsJSON, goMarshal, metadataJSON } from '../../src/config/contextstore.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] [CONTEXT] [CONTEXT...]',
  short: 'Display detailed information on one or more contexts',
  args: { kind: 'any' },
  flags: [{ name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE }],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const refs = args.length > 0 ? args : [currentContext(cli)];
  if (refs[0] === '') throw new StatusError('no context specified', 1);
  const store = contextStore(cli);
  await inspectRefs(cli, refs, (opts.format as string) ?? '', async (ref) => {
    const m = store.get(ref);
    const tls = store.listTLSFiles(ref);
    const parts: string[] = [];
    if (m.Name !== '') parts.push(`"Name":${goMarshal(m.Name)}`);
    if (m.Metadata) parts.push(`"Metadata":${metadataJSON(m)}`);
    if (m.Endpoints.size > 0) parts.push(`"Endpoints":${endpointsJSON(m)}`);
    parts.push(`"TLSMaterial":${goMarshal(Object.fromEntries([...tls].map(([k, v]) => [k, v.length > 0 ? v : null])))}`);
    parts.push(`"Storage":${JSON.stringify(store.storageInfo(ref)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')}`);
    // docker has only the Go value: a template that fails on it is an error, with no raw fallback
    return { raw: `{${parts.join(',')}}`, kind: 'context', typedOnly: true };
  });
};
