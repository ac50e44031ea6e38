import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { StatusError } from '../../src/cli/errors.js';
import type { EngineClient } from '../../src/engine/client.js';
import { NotFoundError, EngineError } from '../../src/engine/errors.js';
import { engineInfo } from '../../src/engine/system.js';
import { readText } from '../../src/engine/client.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  args: { kind: 'min', n: 1 },
  flags: [
    { name: 'format', short: 'f', kind: 'value', type: 'string', usage: JSON_FORMAT_USAGE },
    { name: 'size', short: 's', kind: 'bool', usage: 'Display total file sizes if the type is container' },
    { name: 'type', kind: 'value', type: 'string', usage: 'Only inspect objects of the given type' },
  ],
};

interface Kind {
  type: string;
  size: boolean;
  swarm: boolean;
  path: (ref: string, size: boolean) => { path: string; query?: Record<string, string | undefined> };
}

const enc = encodeURIComponent;

/** docker's autodetect order */
const KINDS: Kind[] = [
  { type: 'container', size: true, swarm: false, path: (r, s) => ({ path: `/containers/${enc(r)}/json`, query: { size: s ? '1' : undefined } }) },
  { type: 'image', size: false, swarm: false, path: (r) => ({ path: `/images/${r}/json` }) },
  { type: 'network', size: false, swarm: false, path: (r) => ({ path: `/networks/${enc(r)}` }) },
  { type: 'volume', size: false, swarm: false, path: (r) => ({ path: `/volumes/${enc(r)}` }) },
  { type: 'service', size: false, swarm: true, path: (r) => ({ path: `/services/${enc(r)}` }) },
  { type: 'task', size: false, swarm: true, path: (r) => ({ path: `/tasks/${enc(r)}` }) },
  { type: 'node', size: false, swarm: true, path: (r) => ({ path: `/nodes/${enc(r)}` }) },
  { type: 'plugin', size: false, swarm: false, path: (r) => ({ path: `/plugins/${enc(r)}/json` }) },
  { type: 'secret', size: false, swarm: true, path: (r) => ({ path: `/secrets/${enc(r)}` }) },
  { type: 'config', size: false, swarm: true, path: (r) => ({ path: `/configs/${enc(r)}` }) },
];

const VALID = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

async function getRaw(api: EngineClient, kind: Kind, ref: string, size: boolean): Promise<string> {
  const { path, query } = kind.path(ref, size);
  const res = await api.request({ path, query });
  return readText(res.body);
}

function skippable(e: unknown): boolean {
  if (e instanceof NotFoundError) return true;
  // older engines answer unknown endpoints (plugins, swarm objects) with other codes
  return e instanceof EngineError && (e.status === 501 || /not supported|page not found/i.test(e.message));
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const type = (opts.type as string | undefined) ?? '';
  const size = opts.size as boolean;
  if (type !== '' && !VALID.includes(type)) {
    throw new StatusError(`unknown type: "${type}": must be one of ${VALID.map((v) => `"${v}"`).join(', ')}`, 1);
  }
  const api = cli.api();
  let swarmManager: Promise<boolean> | undefined;
  const isManager = (): Promise<boolean> => {
    swarmManager ??= engineInfo(api).then(
      (i) => !!i.Swarm?.ControlAvailable,
      () => false,
    );
    return swarmManager;
  };
  await inspectRefs(cli, args, (opts.format as string) ?? '', async (ref) => {
    for (const kind of KINDS) {
      if (type !== '' && kind.type !== type) continue;
      if (type === '' && kind.swarm && !(await isManager())) continue;
      try {
        const raw = await getRaw(api, kind, ref, size);
        if (size && !kind.size) cli.err.write(`WARNING: --size ignored for ${kind.type}\n`);
        return raw;
      } catch (e) {
        if (type === '' && skippable(e)) continue;
        throw e;
      }
    }
    throw new Error(`Error: No such object: ${ref}`);
  });
};
