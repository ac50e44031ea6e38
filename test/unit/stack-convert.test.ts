// The compose -> engine converter (src/stack/convert.ts): docker's rules and error texts
// (cli/compose/convert at v28.2.2), without an engine.
import { describe, expect, it } from 'vitest';
import { convertMount, convertNetworks, convertService, convertServices, Namespace, servicesNetworks } from '../../src/stack/convert.js';
import type { ComposeConfig, ServiceConfig } from '../../src/stack/types.js';
import type { Resolver } from '../../src/cli/service/spec.js';

const ns = new Namespace('st');
const cfg = (services: ServiceConfig[], rest: Partial<ComposeConfig> = {}): ComposeConfig => ({ version: '3.8', services, ...rest });
const resolver: Resolver = {
  networkID: async (n) => n,
  secretIDs: async (names) => new Map(names.map((n) => [n, `id-${n}`])),
  configIDs: async (names) => new Map(names.map((n) => [n, `id-${n}`])),
};

describe('stack converter', () => {
  it('scopes names and labels everything with the namespace', () => {
    const s = convertService('1.41', ns, { name: 'web', image: 'busybox', labels: { a: 'b' }, deploy: { labels: { c: 'd' } } }, cfg([]), [], []);
    expect(s.Name).toBe('st_web');
    expect(s.Labels).toEqual({ c: 'd', 'com.docker.stack.image': 'busybox', 'com.docker.stack.namespace': 'st' });
    expect(s.TaskTemplate.ContainerSpec!.Labels).toEqual({ a: 'b', 'com.docker.stack.namespace': 'st' });
    expect(s.TaskTemplate.Networks).toEqual([{ Target: 'st_default', Aliases: ['web'] }]);
    expect(s.Mode).toEqual({ Replicated: {} });
  });

  it('sorts env, ports by published port, networks by target', () => {
    const s = convertService(
      '1.41',
      ns,
      { name: 'w', image: 'busybox', environment: { B: '2', A: null }, ports: [{ target: 80, published: 9000 }, { target: 81, published: 8000, protocol: 'udp' }], networks: { z: null, a: { aliases: ['x'] } } },
      cfg([], { networks: { z: {}, a: {} } }),
      [],
      [],
    );
    expect(s.TaskTemplate.ContainerSpec!.Env).toEqual(['A', 'B=2']);
    expect(s.EndpointSpec!.Ports!.map((p) => p.PublishedPort)).toEqual([8000, 9000]);
    expect(s.TaskTemplate.Networks!.map((n) => [n.Target, n.Aliases])).toEqual([['st_a', ['x', 'w']], ['st_z', ['w']]]);
  });

  it('reports docker errors, the service named', async () => {
    const cases: [ServiceConfig, Partial<ComposeConfig>, string][] = [
      [{ name: 'a', image: 'b', networks: { nope: null } }, {}, 'service a: undefined network "nope"'],
      [{ name: 'a', image: 'b', secrets: [{ source: 's' }] }, {}, 'service a: undefined secret "s"'],
      [{ name: 'a', image: 'b', configs: [{ source: 'c' }] }, {}, 'service a: undefined config "c"'],
      [{ name: 'a', image: 'b', volumes: [{ type: 'volume', source: 'v', target: '/x' }] }, {}, 'service a: undefined volume "v"'],
      [{ name: 'a', image: 'b', deploy: { mode: 'global', replicas: 1 } }, {}, 'service a: replicas can only be used with replicated or replicated-job mode'],
      [{ name: 'a', image: 'b', deploy: { mode: 'weird' } }, {}, 'service a: Unknown mode: weird'],
      [{ name: 'a', image: 'b', healthcheck: { disable: true, test: ['CMD', 'x'] } }, {}, "service a: test and disable can't be set at the same time"],
      [{ name: 'a', image: 'b', credential_spec: { file: 'f', registry: 'r' } }, {}, 'service a: invalid credential spec: cannot specify both "File" and "Registry"'],
      [{ name: 'a', image: 'b', deploy: { resources: { limits: { cpus: 'x' } } } }, {}, 'service a: failed to parse x as a rational number'],
    ];
    for (const [s, rest, msg] of cases) await expect(convertServices('1.41', ns, cfg([s], rest), resolver)).rejects.toThrow(msg);
  });

  it('turns volumes into mounts', () => {
    const vols = { data: { labels: { l: 'v' } }, ext: { external: { external: true }, name: 'outside' } };
    expect(convertMount({ type: 'volume', source: 'data', target: '/d' }, vols, ns)).toEqual({ Type: 'volume', Source: 'st_data', Target: '/d', VolumeOptions: { Labels: { l: 'v', 'com.docker.stack.namespace': 'st' } } });
    expect(convertMount({ type: 'volume', source: 'ext', target: '/e', volume: { nocopy: true } }, vols, ns)).toEqual({ Type: 'volume', Source: 'outside', Target: '/e', VolumeOptions: { NoCopy: true } });
    expect(convertMount({ type: 'tmpfs', target: '/t', tmpfs: { size: 10 } }, vols, ns)).toEqual({ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 10 } });
    expect(() => convertMount({ type: 'tmpfs', source: 'x', target: '/t' }, vols, ns)).toThrow('invalid tmpfs source, source must be empty');
    expect(() => convertMount({ type: 'bind', target: '/t' }, vols, ns)).toThrow('invalid bind source, source cannot be empty');
    expect(() => convertMount({ type: 'volume', source: 'data', target: '/t', bind: {} }, vols, ns)).toThrow('bind options are incompatible with type volume');
    expect(() => convertMount({ type: 'weird', target: '/t' }, vols, ns)).toThrow('volume type must be volume, bind, tmpfs, npipe, or cluster');
  });

  it('lists the networks to create and the external ones', () => {
    const services: ServiceConfig[] = [{ name: 'a', image: 'b' }, { name: 'c', image: 'b', networks: { ext: null, own: null } }];
    const r = convertNetworks(ns, { ext: { external: { external: true }, name: 'outside' }, own: { name: 'given', driver: 'overlay', attachable: true } }, servicesNetworks(services));
    expect([...r.create.keys()]).toEqual(['st_default', 'given']);
    expect(r.create.get('given')).toMatchObject({ Driver: 'overlay', Attachable: true, Labels: { 'com.docker.stack.namespace': 'st' } });
    expect(r.external).toEqual(['outside']);
  });
});
