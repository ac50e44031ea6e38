import { describe, expect, it } from 'vitest';
import { loadComposeFiles, parseVolume, shlexSplit, ComposeLoadError, propertyWarnings, deployWarnings } from '../../../src/stack/loader.js';
import { parsePortSpec } from '../../../src/stack/ports.js';
import { composeToYaml } from '../../../src/stack/marshal.js';

const load = (config: Record<string, unknown>, env: Record<string, string> = {}) =>
  loadComposeFiles([{ filename: 'a.yml', config }], { env, workingDir: '/w' });

describe('parseVolume (docker loader.ParseVolume)', () => {
  const cases: [string, object][] = [
    ['/data', { type: 'volume', target: '/data' }],
    ['vol:/data', { type: 'volume', source: 'vol', target: '/data' }],
    ['./src:/src:ro', { type: 'bind', source: './src', target: '/src', read_only: true }],
    ['/a:/b:rw,rshared', { type: 'bind', source: '/a', target: '/b', bind: { propagation: 'rshared' } }],
    ['vol:/x:nocopy', { type: 'volume', source: 'vol', target: '/x', volume: { nocopy: true } }],
    // a one-letter source is a Windows drive, as in docker
    ['v:/x:nocopy', { type: 'bind', source: 'v:/x', target: 'nocopy' }],
    ['C:\\data:/data', { type: 'bind', source: 'C:\\data', target: '/data' }],
    ['ab', { type: 'volume', target: 'ab' }],
  ];
  for (const [spec, want] of cases) {
    it(spec, () => {
      expect(parseVolume(spec)).toEqual(want);
    });
  }
  it('errors', () => {
    expect(() => parseVolume('')).toThrow('invalid empty volume spec');
    expect(() => parseVolume('/a::/b')).toThrow('invalid spec: /a::/b: empty section between colons');
    expect(() => parseVolume('ab:cd:ro:x')).toThrow('invalid spec: ab:cd:ro:x: too many colons');
  });
});

describe('shlexSplit (google/shlex)', () => {
  it('splits as a POSIX shell would', () => {
    expect(shlexSplit('echo "hello world" \'a b\' c\\ d')).toEqual(['echo', 'hello world', 'a b', 'c d']);
    expect(shlexSplit('  a  b  ')).toEqual(['a', 'b']);
    expect(shlexSplit('a # comment')).toEqual(['a']);
    expect(() => shlexSplit('"open')).toThrow('EOF found when expecting closing quote');
  });
});

describe('parsePortSpec (nat.ParsePortSpec)', () => {
  it('ranges, protocols, addresses', () => {
    expect(parsePortSpec('80')).toEqual([{ proto: 'tcp', containerPort: 80, hostIp: '', hostPort: '' }]);
    expect(parsePortSpec('127.0.0.1:8080:80/udp')).toEqual([{ proto: 'udp', containerPort: 80, hostIp: '127.0.0.1', hostPort: '8080' }]);
    expect(parsePortSpec('8000-8001:80-81').map((p) => `${p.hostPort}->${p.containerPort}`)).toEqual(['8000->80', '8001->81']);
    expect(parsePortSpec('8000-8010:80')[0]!.hostPort).toBe('8000-8010');
    expect(() => parsePortSpec('80/foo')).toThrow('invalid proto: foo');
    expect(() => parsePortSpec('80-81:90-95')).toThrow('invalid ranges specified for container and host Ports: 90-95 and 80-81');
  });
});

describe('loadComposeFiles', () => {
  it('normalises the short syntaxes', () => {
    const cfg = load({
      services: {
        web: {
          image: 'x', ports: ['8080:80'], volumes: ['./d:/d'], environment: ['A=1', 'B'], labels: ['k=v', 'e'],
          command: 'a "b c"', healthcheck: { test: 'curl x', interval: '1m30s' }, stop_grace_period: '10s',
          deploy: { resources: { limits: { memory: '1G' } } }, ulimits: { nproc: 5, nofile: { soft: 1, hard: 2 } },
          networks: ['front'], secrets: ['s'],
        },
      },
    }, { B: 'from-env' });
    const s = cfg.services[0]!;
    expect(s.ports).toEqual([{ mode: 'ingress', target: 80, published: 8080, protocol: 'tcp' }]);
    expect(s.volumes).toEqual([{ type: 'bind', source: '/w/d', target: '/d' }]);
    expect(s.environment).toEqual({ A: '1', B: 'from-env' });
    expect(s.labels).toEqual({ k: 'v', e: '' });
    expect(s.command).toEqual(['a', 'b c']);
    expect(s.healthcheck).toEqual({ test: ['CMD-SHELL', 'curl x'], interval: 90e9 });
    expect(s.stop_grace_period).toBe(10e9);
    expect(s.deploy?.resources?.limits?.memory).toBe(1024 ** 3);
    expect(s.ulimits).toEqual({ nproc: { single: 5 }, nofile: { soft: 1, hard: 2 } });
    expect(s.networks).toEqual({ front: null });
    expect(s.secrets).toEqual([{ source: 's' }]);
    expect(cfg.version).toBe('3.13');
  });
  it('external objects get their name', () => {
    const cfg = load({ services: {}, networks: { n: { external: true } }, secrets: { s: { external: true } }, volumes: { v: { external: true, name: 'real' } } });
    expect(cfg.networks).toEqual({ n: { name: 'n', external: { external: true } } });
    expect(cfg.secrets).toEqual({ s: { name: 's', external: { external: true } } });
    expect(cfg.volumes).toEqual({ v: { name: 'real', external: { external: true } } });
  });
  it("errors carry docker's text", () => {
    expect(() => load({ services: { a: { image: 'x', foo: 1 } } })).toThrow(new ComposeLoadError('services.a Additional property foo is not allowed'));
    expect(() => load({ version: '2', services: {} })).toThrow('unsupported Compose file version: 2');
    expect(() => load({ services: { a: { image: 'x', deploy: { replicas: -1 } } } })).toThrow("cannot parse 'Deploy.Replicas', -1 overflows uint");
    expect(() => load({ services: { a: { image: 'x', volumes_from: ['y'] } } })).toThrow('Configuration contains forbidden properties');
  });
  it('prints as stack config does', () => {
    const cfg = load({ services: { b: { image: 'x' }, a: { image: 'y', deploy: { replicas: 0 } } }, 'x-z': { b: 1, a: 2 } });
    expect(composeToYaml(cfg)).toBe('version: "3.13"\nservices:\n  a:\n    deploy:\n      replicas: 0\n    image: "y"\n  b:\n    image: x\nx-z:\n  a: 2\n  b: 1\n');
  });
  it("deploy's warnings", () => {
    const files = [{ filename: 'a', config: { services: { a: { image: 'x', privileged: true, restart: 'always', container_name: 'c' } } } }];
    expect(deployWarnings(files)).toBe(
      'Ignoring unsupported options: privileged, restart\n\nIgnoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\n\n');
    expect(propertyWarnings({ b: 'B', a: 'A' })).toBe('a: A\n\nb: B');
  });
});
