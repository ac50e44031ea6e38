import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { JSON_FORMAT_USAGE } from '../../src/cli/opts.js';
import { inspectRefs } from '../../src/cli/inspect.js';
import { StatusError } from '../../src/cli/errors.js';
import type { EngineClient } from '../../src/engine/client.js';
import { NotFoundError, EngineError, expectObject } from '../../src/engine/errors.js';
import { engineInfo } from '../../src/engine/system.js';
import { readText } from '../../src/engine/client.js';
import { goPathEscape, trimRef } from '../../src/engine/path.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  args: { kind: 'min', n: 1 },
  // docker's --type completion; NoComplete for every other flag
  flagValues: { type: ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'], '*': [] },
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

/** an object reference as docker's client puts it in a path: trimmed (empty fails), escaped as Go does */
const tid = (kind: string, ref: string): string => goPathEscape(trimRef(kind, ref));

/** docker's autodetect order */
const KINDS: Kind[] = [
  { type: 'container', size: true, swarm: false, path: (r, s) => ({ path: `/containers/${tid('container', r)}/json`, query: { size: s ? '1' : undefined } }) },
  { type: 'image', size: false, swarm: false, path: (r) => ({ path: `/images/${goPathEscape(r)}/json` }) },
  { type: 'network', size: false, swarm: false, path: (r) => ({ path: `/networks/${tid('network', r)}` }) },
  { type: 'volume', size: false, swarm: false, path: (r) => ({ path: `/volumes/${tid('volume', r)}` }) },
  // (with the defaults filled in, as docker asks for a service)
  { type: 'service', size: false, swarm: true, path: (r) => ({ path: `/services/${tid('service', r)}`, query: { insertDefaults: 'true' } }) },
  { type: 'task', size: false, swarm: true, path: (r) => ({ path: `/tasks/${tid('task', r)}` }) },
  { type: 'node', size: false, swarm: true, path: (r) => ({ path: `/nodes/${tid('node', r)}` }) },
  { type: 'plugin', size: false, swarm: false, path: (r) => ({ path: `/plugins/${tid('plugin', r)}/json` }) },
  { type: 'secret', size: false, swarm: true, path: (r) => ({ path: `/secrets/${tid('secret', r)}` }) },
  { type: 'config', size: false, swarm: true, path: (r) => ({ path: `/configs/${tid('config', r)}` }) },
];

const VALID = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

async function getRaw(api: EngineClient, kind: Kind, ref: string, size: boolean): Promise<string> {
  // docker's client refuses an empty image reference itself, as not found
  if (kind.type === 'image' && ref === '') throw new Error('Error: No such image: ');
  const { path, query } = kind.path(ref, size);
  const res = await api.request({ path, query });
  const text = await readText(res.body);
  const goType = { container: 'container.InspectResponse', image: 'image.InspectResponse', network: 'network.Inspect' }[kind.type as string];
  return goType ? expectObject(text, goType) : text;
}

function skippable(e: unknown): boolean {
  if (e instanceof NotFoundError) return true;
  // older engines answer unknown endpoints (plugins, swarm objects) with other codes
  return e instanceof EngineError && (e.status === 501 || /not supported|invalid reference format|page not found/i.test(e.message));
}

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  if (opts.type === '') throw new StatusError(`type is empty: must be one of ${VALID.map((v) => `"${v}"`).join(', ')}`, 1);
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
