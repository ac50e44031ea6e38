// service create/update spec building without an engine: docker's own unit cases
// (cli/command/service/update_test.go, opts_test.go, opts/swarmopts/port_test.go) ported,
// plus the wire encoding of the spec (Go's omitempty) and google/shlex's splitting.
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../src/cli/flags.js';
import { createFlags, updateFlags } from '../../../src/cli/service/flags.js';
import { float32Shortest, parseFloat32, parsePortConfig } from '../../../src/cli/service/opts.js';
import { shlexSplit } from '../../../src/cli/service/shlex.js';
import { makeEnv, serviceMode, toServiceSpec, updateServiceSpec, type Resolver } from '../../../src/cli/service/spec.js';
import { goServiceSpec } from '../../../src/engine/service-encode.js';
import type { ServiceSpec } from '../../../src/engine/service-types.js';

const resolver: Resolver = {
  networkID: async (ref) => {
    if (ref === 'missing') throw new Error('network missing not found');
    return `id-${ref}`;
  },
  secretIDs: async (names) => new Map(names.map((n) => [n, `sid-${n}`])),
  configIDs: async (names) => new Map(names.map((n) => [n, `cid-${n}`])),
};

const updateArgs = (argv: string[]): { opts: Record<string, unknown>; changed: Set<string> } => {
  const p = parseFlags([...argv, 'svc'], updateFlags());
  return { opts: p.opts, changed: p.changed };
};

const bare = (cspec: ServiceSpec['TaskTemplate']['ContainerSpec'] = {}): ServiceSpec => ({ Labels: {}, TaskTemplate: { ContainerSpec: cspec, ForceUpdate: 0 }, Mode: { Replicated: { Replicas: 1 } } });

async function updated(argv: string[], spec: ServiceSpec): Promise<ServiceSpec> {
  await updateServiceSpec(spec, updateArgs(argv), resolver);
  return spec;
}

describe('service update (docker update_test.go)', () => {
  it('--args replaces the arguments', async () => {
    const s = await updated(['--args', 'the "new args"'], bare({ Args: ['old', 'args'] }));
    expect(s.TaskTemplate.ContainerSpec!.Args).toEqual(['the', 'new args']);
  });

  it('labels and container labels: removed, then added', async () => {
    const s = bare({ Labels: { toremove: 'thelabeltoremove', tokeep: 'value' } });
    s.Labels = { toremove: 'x', tokeep: 'y' };
    await updated(['--label-add', 'tokeep=newvalue', '--label-add', 'toadd=added', '--label-rm', 'toremove', '--container-label-add', 'c=1', '--container-label-rm', 'toremove'], s);
    expect(s.Labels).toEqual({ tokeep: 'newvalue', toadd: 'added' });
    expect(s.TaskTemplate.ContainerSpec!.Labels).toEqual({ tokeep: 'value', c: '1' });
  });

  it('constraints are sorted, placement preferences appended after removals', async () => {
    const s = bare();
    s.TaskTemplate.Placement = { Constraints: ['node.role==manager', 'node.id==x'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.a' } }, { Spread: { SpreadDescriptor: 'node.labels.b' } }] };
    await updated(['--constraint-add', 'node=toadd', '--constraint-rm', 'node.id==x', '--placement-pref-add', 'spread=node.labels.c', '--placement-pref-rm', 'spread=node.labels.a'], s);
    expect(s.TaskTemplate.Placement!.Constraints).toEqual(['node.role==manager', 'node=toadd']);
    expect(s.TaskTemplate.Placement!.Preferences).toEqual([{ Spread: { SpreadDescriptor: 'node.labels.b' } }, { Spread: { SpreadDescriptor: 'node.labels.c' } }]);
  });

  it('environment: removed by key, added replacing a key, no duplicates', async () => {
    const s = await updated(['--env-add', 'toadd=newenv', '--env-add', 'foo=bar', '--env-rm', 'toremove'], bare({ Env: ['foo=baz', 'toremove=theenvtoremove', 'tokeep=value'] }));
    expect([...s.TaskTemplate.ContainerSpec!.Env!].sort()).toEqual(['foo=bar', 'toadd=newenv', 'tokeep=value']);
  });

  it('groups: added, removed, sorted', async () => {
    const s = await updated(['--group-add', 'wheel', '--group-add', 'docker', '--group-rm', 'root', '--group-add', 'foo', '--group-rm', 'docker'], bare({ Groups: ['bar', 'root'] }));
    expect(s.TaskTemplate.ContainerSpec!.Groups).toEqual(['bar', 'foo', 'wheel']);
  });

  it('DNS config: duplicates dropped, removals applied, each list sorted', async () => {
    const argv = ['--dns-add', '1.1.1.1', '--dns-add', '1.1.1.1', '--dns-add', '2.2.2.2', '--dns-rm', '3.3.3.3', '--dns-rm', '2.2.2.2', '--dns-add', '2001:db8:abc8::1'];
    argv.push('--dns-search-add', 'example.com', '--dns-search-add', 'example.com', '--dns-search-add', 'example.org', '--dns-search-rm', 'example.org', '--dns-option-add', 'ndots:9', '--dns-option-rm', 'timeout:3');
    const s = await updated(argv, bare({ DNSConfig: { Nameservers: ['3.3.3.3', '5.5.5.5'], Search: ['localdomain'], Options: ['timeout:3'] } }));
    expect(s.TaskTemplate.ContainerSpec!.DNSConfig).toEqual({ Nameservers: ['1.1.1.1', '2001:db8:abc8::1', '5.5.5.5'], Search: ['example.com', 'localdomain'], Options: ['ndots:9'] });
  });

  it('mounts: by target, sorted by source then target; a repeated target is refused', async () => {
    const s = await updated(['--mount-add', 'type=volume,source=vol2,target=/toadd', '--mount-rm', '/toremove'], bare({ Mounts: [{ Target: '/toremove', Source: 'vol1', Type: 'bind' }, { Target: '/tokeep', Source: 'vol3', Type: 'bind' }] }));
    expect(s.TaskTemplate.ContainerSpec!.Mounts!.map((m) => m.Target)).toEqual(['/toadd', '/tokeep']);
    await expect(updated(['--mount-add', 'type=volume,source=vol4,target=/toadd', '--mount-add', 'type=volume,source=vol5,target=/toadd'], bare())).rejects.toThrow('duplicate mount target');
  });

  it('ports: --publish-rm matches protocol and mode, additions kept once, sorted', async () => {
    const s = bare();
    s.EndpointSpec = { Ports: [{ TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp', PublishMode: 'ingress' }] };
    await updated(['--publish-add', '8081:81', '--publish-add', '8082:82', '--publish-rm', '80', '--publish-rm', '81/tcp', '--publish-rm', '82/udp'], s);
    expect(s.EndpointSpec!.Ports!.map((p) => p.TargetPort)).toEqual([81, 82]);
    const dup = bare();
    dup.EndpointSpec = { Ports: [{ TargetPort: 80, PublishedPort: 80, Protocol: 'tcp', PublishMode: 'ingress' }] };
    await updated(['--publish-add', '80:80'], dup);
    expect(dup.EndpointSpec!.Ports).toHaveLength(1);
  });

  it('hosts: removal by name or name:ip, entries left without names dropped, additions last', async () => {
    const argv = ['--host-add', 'example.net:2.2.2.2', '--host-add', 'ipv6.net:2001:db8:abc8::1', '--host-add', 'host.docker.internal:host-gateway'];
    argv.push('--host-rm', 'example.net:2001:db8:abc8::1', '--host-rm', 'example.net', '--host-rm', 'gateway.docker.internal:host-gateway');
    const s = await updated(argv, bare({ Hosts: ['1.2.3.4 example.com', '4.3.2.1 example.org', '2001:db8:abc8::1 example.net', 'gateway.docker.internal:host-gateway'] }));
    expect(s.TaskTemplate.ContainerSpec!.Hosts).toEqual(['1.2.3.4 example.com', '4.3.2.1 example.org', '2.2.2.2 example.net', '2001:db8:abc8::1 ipv6.net', 'host-gateway host.docker.internal']);
    const ip = await updated(['--host-rm', 'host1:127.0.0.1'], bare({ Hosts: ['127.0.0.2 host3 host1 host2 host4', '127.0.0.1 host1 host4', '127.0.0.3 host1'] }));
    expect(ip.TaskTemplate.ContainerSpec!.Hosts).toEqual(['127.0.0.2 host3 host1 host2 host4', '127.0.0.1 host4', '127.0.0.3 host1']);
  });

  it('healthcheck table', async () => {
    const cases: [string[], object | undefined, object | string][] = [
      [['--health-cmd', 'cmd1'], undefined, { Test: ['CMD-SHELL', 'cmd1'] }],
      [['--health-retries', '10'], { Test: ['CMD-SHELL', 'cmd1'] }, { Test: ['CMD-SHELL', 'cmd1'], Retries: 10 }],
      [['--health-retries', '10'], { Test: ['NONE'] }, { Retries: 10 }],
      [['--health-cmd', ''], { Test: ['CMD-SHELL', 'cmd1'], Retries: 10 }, { Retries: 10 }],
      [['--no-healthcheck'], { Test: ['CMD-SHELL', 'cmd1'] }, { Test: ['NONE'] }],
      [['--no-healthcheck', '--health-cmd', 'cmd1'], undefined, '--no-healthcheck conflicts with --health-* options'],
      [['--health-interval', '1m', '--health-timeout', '30s', '--health-start-period', '1s'], undefined, { Interval: 60e9, Timeout: 30e9, StartPeriod: 1e9 }],
    ];
    for (const [argv, before, after] of cases) {
      const p = updated(argv, bare({ Healthcheck: before as never }));
      if (typeof after === 'string') await expect(p).rejects.toThrow(after);
      else expect((await p).TaskTemplate.ContainerSpec!.Healthcheck).toEqual(after);
    }
  });

  it('generic resources: added by kind, removal of an absent kind refused', async () => {
    const s = bare();
    s.TaskTemplate.Resources = { Reservations: { GenericResources: [{ DiscreteResourceSpec: { Kind: 'foo', Value: 1 } }] } };
    await updated(['--generic-resource-add', 'bar=2', '--generic-resource-rm', 'foo'], s);
    expect(s.TaskTemplate.Resources!.Reservations!.GenericResources).toEqual([{ DiscreteResourceSpec: { Kind: 'bar', Value: 2 } }]);
    await expect(updated(['--generic-resource-rm', 'nope'], bare())).rejects.toThrow('could not find generic-resource `nope` to remove it');
  });

  it('networks: removal by name, a second attachment refused, sorted by ID', async () => {
    const s = bare();
    s.TaskTemplate.Networks = [{ Target: 'id-b' }, { Target: 'id-c' }];
    await updated(['--network-add', 'a', '--network-rm', 'c'], s);
    expect(s.TaskTemplate.Networks).toEqual([{ Target: 'id-a' }, { Target: 'id-b' }]);
    await expect(updated(['--network-add', 'b'], s)).rejects.toThrow('service is already attached to network b');
    await expect(updated(['--network-add', 'missing'], s)).rejects.toThrow('network missing not found');
  });

  it('capabilities: the tri-state of docker\'s TestUpdateCaps', async () => {
    const cases: [string[], [string[]?, string[]?], [string[]?, string[]?]][] = [
      [['--cap-add', 'CAP_SOME_CAP'], [undefined, ['CAP_SOME_CAP']], [undefined, undefined]],
      [['--cap-add', 'some_cap'], [undefined, undefined], [['CAP_SOME_CAP'], undefined]],
      [['--cap-drop', 'CAP_SOME_CAP'], [['CAP_SOME_CAP'], undefined], [undefined, undefined]],
      [['--cap-add', 'ALL'], [['CAP_A'], undefined], [['ALL'], undefined]],
      [['--cap-add', 'RESET', '--cap-add', 'CAP_B'], [['CAP_A'], undefined], [['CAP_B'], undefined]],
      [['--cap-add', 'CAP_X', '--cap-drop', 'cap_x'], [undefined, undefined], [['CAP_X'], undefined]],
    ];
    for (const [argv, [add0, drop0], [add1, drop1]] of cases) {
      const s = await updated(argv, bare({ CapabilityAdd: add0, CapabilityDrop: drop0 }));
      expect({ argv, add: s.TaskTemplate.ContainerSpec!.CapabilityAdd, drop: s.TaskTemplate.ContainerSpec!.CapabilityDrop }).toEqual({ argv, add: add1, drop: drop1 });
    }
  });

  it('--replicas only on a replicated service; --force counts up', async () => {
    await expect(updated(['--replicas', '2'], { ...bare(), Mode: { Global: {} } })).rejects.toThrow('replicas can only be used with replicated mode');
    const s = await updated(['--replicas', '3', '--force'], bare());
    expect(s.Mode.Replicated!.Replicas).toBe(3);
    expect(s.TaskTemplate.ForceUpdate).toBe(1);
  });
});

describe('service create spec (docker opts_test.go)', () => {
  const createArgs = (argv: string[]): { opts: Record<string, unknown>; changed: Set<string> } => {
    const p = parseFlags([...argv, 'busybox'], createFlags(), false);
    return { opts: p.opts, changed: p.changed };
  };

  it('modes and their conflicts', () => {
    expect(serviceMode('replicated', undefined, undefined, 0)).toEqual({ Replicated: { Replicas: undefined } });
    expect(serviceMode('replicated-job', 3, undefined, 0)).toEqual({ ReplicatedJob: { MaxConcurrent: 3, TotalCompletions: 3 } });
    expect(serviceMode('global-job', undefined, undefined, 0)).toEqual({ GlobalJob: {} });
    expect(() => serviceMode('global', 1, undefined, 0)).toThrow('replicas can only be used with replicated or replicated-job mode');
    expect(() => serviceMode('replicated', undefined, 1, 0)).toThrow('max-concurrent can only be used with replicated-job mode');
    expect(() => serviceMode('bogus', undefined, undefined, 0)).toThrow('Unknown mode: bogus, only replicated and global supported');
  });

  it('update/rollback configuration is refused for jobs', async () => {
    await expect(toServiceSpec(createArgs(['--mode', 'replicated-job', '--update-delay', '1s']), 'busybox', [], resolver)).rejects.toThrow('update and rollback configuration is not supported for jobs');
  });

  it('an update config takes swarmkit\'s defaults for what was not given', async () => {
    const s = await toServiceSpec(createArgs(['--update-delay', '2s']), 'busybox', [], resolver);
    expect(s.UpdateConfig).toEqual({ Parallelism: 1, Delay: 2e9, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0, Order: 'stop-first' });
    expect(s.RollbackConfig).toBeUndefined();
  });

  it('env files first, then -e; a later value of a key replaces the earlier', () => {
    const files: Record<string, string> = { f: 'A=1\n# c\nB=2\n' };
    expect(makeEnv(['f'], ['A=3', 'C'], (p) => files[p]!, () => undefined)).toEqual(['B=2', 'A=3', 'C']);
  });
});

describe('service flag values', () => {
  it('ports (swarmopts port_test.go)', () => {
    expect(parsePortConfig('80')).toEqual([{ Protocol: 'tcp', TargetPort: 80, PublishMode: 'ingress' }]);
    expect(parsePortConfig('80:8080/udp')).toEqual([{ Protocol: 'udp', TargetPort: 8080, PublishedPort: 80, PublishMode: 'ingress' }]);
    expect(parsePortConfig('80-82:8080/udp').map((p) => [p.PublishedPort, p.TargetPort])).toEqual([[80, 8080], [81, 8080], [82, 8080]]);
    expect(parsePortConfig('target=80,published=8080,mode=host')).toEqual([{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }]);
    expect(() => parsePortConfig('127.0.0.1:80:80')).toThrow('hostip is not supported');
    expect(() => parsePortConfig('published=80')).toThrow("missing mandatory field 'target'");
    expect(() => parsePortConfig('target=80,mode=x')).toThrow("invalid publish mode value (x): must be either 'ingress' or 'host'");
  });

  it('float32 values go out in their shortest form', () => {
    expect(parseFloat32('0.1')).toBe(0.1);
    expect(parseFloat32('.3')).toBe(0.3);
    expect(float32Shortest(Math.fround(0.7))).toBe(0.7);
    expect(() => parseFloat32('1e39')).toThrow('value out of range');
  });

  it('google/shlex words', () => {
    expect(shlexSplit('sh -c "echo a" \'b c\' d\\ e #x')).toEqual(['sh', '-c', 'echo a', 'b c', 'd e']);
    expect(shlexSplit('')).toEqual([]);
    expect(() => shlexSplit("'sh")).toThrow('EOF found when expecting closing quote');
    expect(() => shlexSplit('sh\\')).toThrow('EOF found after escape character');
  });
});

describe('the spec on the wire (Go encoding of swarm.ServiceSpec)', () => {
  it('drops omitempty zero members, keeps pointers, writes the members Go always writes', () => {
    const spec: ServiceSpec = {
      Labels: {},
      TaskTemplate: {
        ContainerSpec: { Image: 'busybox', Dir: '', Hostname: '', TTY: false, ReadOnly: false, Init: false, StopGracePeriod: 0, Env: [], Labels: {}, Privileges: { CredentialSpec: null, SELinuxContext: null }, DNSConfig: {} },
        Resources: { Limits: { NanoCPUs: 0 }, Reservations: {} },
        ForceUpdate: 0,
      },
      Mode: { Replicated: { Replicas: 0 } },
      EndpointSpec: { Mode: '', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 0, PublishMode: 'ingress' }] },
      UpdateConfig: { Parallelism: 1, Delay: 0, MaxFailureRatio: 0, Order: 'stop-first' },
    };
    expect(goServiceSpec(spec)).toEqual({
      Labels: {},
      TaskTemplate: {
        ContainerSpec: { Image: 'busybox', Init: false, StopGracePeriod: 0, Privileges: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false }, DNSConfig: {} },
        Resources: { Limits: {}, Reservations: {} },
        ForceUpdate: 0,
      },
      Mode: { Replicated: { Replicas: 0 } },
      EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishMode: 'ingress' }] },
      UpdateConfig: { Parallelism: 1, MaxFailureRatio: 0, Order: 'stop-first' },
    });
  });
});
