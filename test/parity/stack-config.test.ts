// `stack config`: the compose loader against docker's, file by file (merges, interpolation,
// normalisation, schema errors, YAML errors), comparing exit code, stdout and stderr. It needs
// no engine: only the reference CLI and a build.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asBerth, berth, docker, hasBuild, hasOracle, ROOT, type RunOptions } from './harness.js';

const reason = !hasOracle() ? 'no reference docker CLI' : !hasBuild() ? 'berth is not built' : '';
if (reason) console.warn(`parity/stack-config: skipped: ${reason}`);

const FIX = path.join(ROOT, 'test', 'fixtures', 'stack');
// a fixed environment: the loader reads the process environment (and lets it fill `KEY` entries)
const ENV: Record<string, string | undefined> = {
  HOME: '/home/tester', TAG: '1.25', EMPTY: '', REPLICAS: '3', PORT: '8080', RO: 'yes', RATIO: '0.25', A: undefined, B: undefined, C: undefined,
};

async function compare(args: string[], o: RunOptions = {}) {
  const opts = { ...o, env: { ...ENV, ...o.env } };
  const [d, b] = await Promise.all([docker(['stack', 'config', ...args], opts), berth(['stack', 'config', ...args], opts)]);
  // logrus warnings carry the time: the same second is not guaranteed
  for (const r of [d, b]) r.stderr = r.stderr.replace(/^time="[^"]*"/gm, 'time="T"');
  expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: args.includes('--help') ? asBerth(d.stdout) : d.stdout, stderr: asBerth(d.stderr) });
  return d;
}

describe.skipIf(reason !== '')('stack config', () => {
  const dir = reason ? '' : mkdtempSync(path.join(os.tmpdir(), 'berth-stack-'));
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const file = (text: string, name?: string) => {
    const p = path.join(dir, name ?? `f${n++}.yml`);
    writeFileSync(p, text);
    return p;
  };

  describe('good files', () => {
    it('a full file: ports, volumes, deploy, healthcheck, secrets, anchors, x- fields', async () => {
      const d = await compare(['-c', path.join(FIX, 'full.yml')]);
      expect(d.code).toBe(0);
    });
    it('scalars as yaml.v3 reads and writes them (octal, yes/no, quoting, block strings)', async () => {
      await compare(['-c', path.join(FIX, 'scalars.yml')]);
    });
    it('two files merged', async () => {
      await compare(['-c', path.join(FIX, 'full.yml'), '-c', path.join(FIX, 'override.yml')]);
    });
    it('-c as a comma-separated list', async () => {
      await compare(['-c', `${path.join(FIX, 'full.yml')},${path.join(FIX, 'override.yml')}`]);
    });
    it('-c - reads stdin (working dir: the current one)', async () => {
      await compare(['-c', '-'], { input: 'services:\n  app:\n    image: busybox\n    volumes: ["./x:/x"]\nsecrets:\n  s: {file: ./s.txt}\n' });
    });
    it('stdin then a file', async () => {
      await compare(['-c', '-', '-c', path.join(FIX, 'override.yml')], { input: 'version: "3.8"\nservices:\n  web:\n    image: a\n' });
    });
    it('--skip-interpolation', async () => {
      await compare(['--skip-interpolation', '-c', path.join(FIX, 'full.yml')]);
    });
    it('no version: 3.13', async () => {
      await compare(['-c', file('services:\n  a:\n    image: x\n')]);
    });
    for (const v of ['3', '3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.9', '3.10', '3.11', '3.12', '3.13']) {
      it(`version ${v}`, async () => {
        await compare(['-c', file(`version: "${v}"\nservices:\n  a:\n    image: x\n    deploy: {replicas: 2}\n`)]);
      });
    }
    it('interpolation forms', async () => {
      await compare(['-c', file([
        'services:',
        '  web:',
        '    image: "nginx:${TAG}"',
        '    hostname: "$TAG-x"',
        '    user: "${UNSET:-dflt}"',
        '    working_dir: "${EMPTY:-was-empty}"',
        '    domainname: "${EMPTY-kept-empty}"',
        '    stop_signal: "${UNSET-unset}"',
        '    container_name: "${TAG:?need tag}"',
        '    command: "echo $$HOME ${TAG}"',
        '    read_only: "${RO}"',
        '    deploy:',
        '      replicas: "${REPLICAS}"',
        '      update_config: {max_failure_ratio: "${RATIO}", parallelism: "${REPLICAS}"}',
        '    ports:',
        '      - target: "${PORT}"',
        '        published: 80',
        '    labels:',
        '      a: "${TAG}"',
        '      b: "$${TAG}"',
        '',
      ].join('\n'))]);
    });
    it('environment: list, mapping, env_file, and the environment filling bare keys', async () => {
      const env = file('A=from-file\n# comment\n\nB=two words\n  C=indented\nHOME\nNOPE\n', 'e1.env');
      await compare(['-c', file(`services:\n  a:\n    image: x\n    env_file: [${env}]\n    environment: [A, "D=d", "E=", TAG, EMPTY, "UNSET"]\n  b:\n    image: x\n    environment: {X: 1, Y: 1.5, Z: null, W: ""}\n`)]);
    });
    it('networks, volumes, secrets and configs: external, names, drivers, labels', async () => {
      await compare(['-c', file([
        'version: "3.8"',
        'services:',
        '  a:',
        '    image: x',
        '    networks: {n1: {aliases: [a1], ipv4_address: 10.0.0.5}, n2: null}',
        '    configs: [c1, {source: c2, target: /etc/c2, uid: "1", gid: "2", mode: 0444}]',
        'networks:',
        '  n1: {driver: overlay, internal: true, labels: [k=v], x-net: 1}',
        '  n2: {external: true, x-ext: {a: 1}}',
        '  n3: {external: true, name: real-n3}',
        'volumes:',
        '  v1: {external: true}',
        '  v2: {name: named, labels: {a: b}}',
        '  v3:',
        'secrets:',
        '  s1: {file: ./s1.txt, labels: {a: b}}',
        '  s2: {external: true}',
        '  s3: {external: {name: old}}',
        'configs:',
        '  c1: {file: /etc/hosts, template_driver: golang}',
        '  c2: {external: true, name: cfg2}',
        '',
      ].join('\n'))]);
    });
    it('external.name: deprecated (a warning from 3.4 / 3.5 on)', async () => {
      for (const v of ['3.3', '3.4', '3.5']) {
        await compare(['-c', file(`version: "${v}"\nservices: {}\nvolumes: {v: {external: {name: old}}}\nnetworks: {n: {external: {name: oldn}}}\n`)]);
      }
    });
    it('a port published on one address: a warning', async () => {
      await compare(['-c', file('services:\n  a:\n    image: x\n    ports: ["127.0.0.1:80:80", "0.0.0.0:81:81", "[::1]:82:82/udp"]\n')]);
    });
    it('~ without HOME: a warning', async () => {
      await compare(['-c', file('services:\n  a:\n    image: x\n    volumes: ["~/x:/x"]\n')], { env: { HOME: undefined } });
    });
    it('ports and volumes, short and long syntax', async () => {
      await compare(['-c', file([
        'services:',
        '  a:',
        '    image: x',
        '    ports: [80, "8080:80", "9000-9002:9000-9002", "53:53/udp", "8000-8002:80", "1000/sctp", {target: 1, published: 2, protocol: udp, mode: host}]',
        '    volumes:',
        '      - /abs:/in:ro',
        '      - ./rel:/rel:rw,rshared',
        '      - ~/home:/home',
        '      - named:/named:nocopy',
        '      - /anon',
        '      - type: bind',
        '        source: ./b',
        '        target: /b',
        '        bind: {propagation: rslave}',
        '      - type: volume',
        '        source: v',
        '        target: /v',
        '        volume: {nocopy: true}',
        '      - {type: tmpfs, target: /tmp, tmpfs: {size: 10000}}',
        'volumes: {named: {}, v: {}}',
        '',
      ].join('\n'))]);
    });
    it('deploy in full, healthcheck, logging, ulimits, sysctls, extra_hosts', async () => {
      await compare(['-c', file([
        'version: "3.9"',
        'services:',
        '  a:',
        '    image: x',
        '    init: false',
        '    stop_grace_period: 0s',
        '    healthcheck: {test: [CMD, curl, -f, "http://x"], interval: 1m30s, timeout: 500ms, retries: 0, start_period: 1h2m3s}',
        '    logging: {driver: json-file, options: {max-size: 10m, max-file: 3}}',
        '    ulimits: {nproc: 1024, nofile: {soft: 100, hard: 200}}',
        '    sysctls: [net.ipv4.ip_forward=1, a.b]',
        '    extra_hosts: {h1: 1.1.1.1, h2: "[::1]"}',
        '    dns: 8.8.8.8',
        '    tmpfs: /run',
        '    expose: [80, "81"]',
        '    entrypoint: /bin/sh -c \'echo "a b"\'',
        '    deploy:',
        '      mode: replicated',
        '      replicas: 0',
        '      endpoint_mode: dnsrr',
        '      labels: {a: b}',
        '      resources:',
        '        limits: {cpus: "1.5", memory: 1.5G, pids: 100}',
        '        reservations: {cpus: "0.25", memory: 20M, generic_resources: [{discrete_resource_spec: {kind: gpu, value: 2}}]}',
        '      restart_policy: {condition: any, delay: 5s, max_attempts: 0, window: 2m}',
        '      update_config: {parallelism: 0, delay: 1s, failure_action: rollback, monitor: 30s, max_failure_ratio: 0.1, order: stop-first}',
        '      placement: {max_replicas_per_node: 2, preferences: [{spread: node.id}]}',
        '    healthcheck_x: &hc 1',
        '',
      ].join('\n').replace('    healthcheck_x: &hc 1\n', ''))]);
    });
    it('anchors, merge keys and x- extension fields', async () => {
      await compare(['-c', file([
        'x-defaults: &defaults',
        '  image: busybox',
        '  environment: {A: "1"}',
        '  deploy: &dep {replicas: 2}',
        'x-more: &more {labels: [z=1]}',
        'services:',
        '  a:',
        '    <<: [*defaults, *more]',
        '    environment: {B: "2"}',
        '  b:',
        '    <<: *defaults',
        '    deploy: {<<: *dep, mode: replicated}',
        '    x-service: {z: 1, a: [1, 2], "10": x, "9": y}',
        '',
      ].join('\n'))]);
    });
    it('unsupported and deprecated options are not reported by config', async () => {
      await compare(['-c', file('services:\n  a:\n    image: x\n    privileged: true\n    restart: always\n    container_name: c\n    expose: ["80"]\n    network_mode: host\n    build: .\n')]);
    });
    it('an empty services mapping, and no services', async () => {
      await compare(['-c', file('services: {}\n')]);
      await compare(['-c', file('version: "3.8"\n')]);
    });
  });

  describe('bad files', () => {
    const bad: [string, string][] = [
      ['a duplicate key', 'services:\n  web:\n    image: a\n    image: b\n'],
      ['mapping values not allowed', 'services:\n  web: a: b\n'],
      ['a tab as indentation', 'services:\n  web:\n\timage: x\n'],
      ['an unclosed quote', 'services:\n  web:\n    image: "abc\n'],
      ['an unclosed flow sequence', 'services:\n  web:\n    image: [\n'],
      ['an unclosed flow mapping', 'x: {'],
      ['a bad block mapping', 'services:\n  web:\n    image: a\n  - b\n'],
      ['an unknown anchor', 'a: &x 1\nb: *y\n'],
      ['a list at the top', '- a\n- b\n'],
      ['a scalar at the top', 'hello\n'],
      ['an empty file', ''],
      ['version 2', 'version: "2"\nservices: {}\n'],
      ['version 3.99', 'version: "3.99"\n'],
      ['a number as version', 'version: 3.8\nservices: {}\n'],
      ['an unknown service field', 'services:\n  web:\n    image: a\n    foo: 1\n'],
      ['an unknown top-level field', 'services: {}\nfoo: 1\n'],
      ['a bad type', 'services: {web: {image: a, deploy: {replicas: "x"}}}\n'],
      ['a list where a mapping is due', 'services: {web: {image: a, deploy: [1]}}\n'],
      ['a bad enum-free oneOf', 'services: {web: {image: a, environment: {A: [1]}}}\n'],
      ['a bad port', 'services: {web: {image: a, ports: ["x:80"]}}\n'],
      ['a bad duration', 'services: {web: {image: a, stop_grace_period: 10}}\n'],
      ['a bad duration string', 'services: {web: {image: a, healthcheck: {interval: 10x}}}\n'],
      ['a bad service name', 'services: {"we b": {image: a}}\n'],
      ['a required variable missing (:?)', 'services:\n  web:\n    image: ${NOPE:?set NOPE}\n'],
      ['a required variable empty (:?)', 'services:\n  web:\n    image: ${EMPTY:?set EMPTY}\n'],
      ['a required variable missing (?)', 'services:\n  web:\n    image: ${NOPE?}\n'],
      ['an invalid interpolation', 'services:\n  web:\n    image: "${}"\n'],
      ['a lone $', 'services:\n  web:\n    image: "a $ b"\n'],
      ['a cast that fails', 'services:\n  web:\n    image: a\n    deploy: {replicas: "${TAG}"}\n'],
      ['a bad boolean', 'services:\n  web:\n    image: a\n    read_only: "${TAG}"\n'],
      ['a forbidden property', 'services:\n  web:\n    image: a\n    volumes_from: [x]\n'],
      ['external volume with a driver', 'services: {}\nvolumes: {v: {external: true, driver: foo}}\n'],
      ['external.name and name', 'services: {}\nnetworks: {n: {external: {name: a}, name: b}}\n'],
      ['secret with driver and file', 'services: {}\nsecrets: {s: {driver: d, file: ./f}}\n'],
      ['an !!int tag on a word', 'a: !!int x\n'],
      ['a bind without source', 'services: {web: {image: a, volumes: [{type: bind, target: /x}]}}\n'],
      ['a missing env_file', 'services: {web: {image: a, env_file: ./nope.env}}\n'],
    ];
    for (const [name, text] of bad) {
      it(name, async () => {
        const d = await compare(['-c', file(text)]);
        expect(d.code).not.toBe(0);
      });
    }
    it('a missing file', async () => {
      await compare(['-c', path.join(dir, 'nope.yml')]);
    });
    it('no -c at all', async () => {
      await compare([]);
    });
    it('versions that differ between files', async () => {
      await compare(['-c', file('version: "3.8"\nservices: {}\n'), '-c', file('version: "3.7"\nservices: {}\n')]);
    });
    it('an argument', async () => {
      await compare(['extra']);
    });
  });

  describe('merges (test/fixtures/stack/merge)', () => {
    const m = (f: string) => path.join(FIX, 'merge', `${f}.yml`);
    for (const order of [['base', 'over'], ['over', 'base'], ['base', 'over', 'over2'], ['base', 'over2'], ['over2', 'base'], ['over2', 'over']]) {
      it(order.join(' + '), async () => {
        await compare(order.flatMap((f) => ['-c', m(f)]));
      });
    }
  });

  // one file each: field forms, scalars, decode errors (test/fixtures/stack/cases)
  for (const sub of ['cases', 'interp', 'mutated']) {
    describe(`the case files in test/fixtures/stack/${sub}`, () => {
      const cases = path.join(FIX, sub);
      for (const f of readdirSync(cases).filter((x) => x.endsWith('.yml')).sort()) {
        it(f, async () => {
          await compare(['-c', path.join(cases, f)]);
        });
      }
    });
  }

  it('help', async () => {
    await compare(['--help']);
  });
  it('fixtures exist', () => {
    expect(existsSync(path.join(FIX, 'full.yml'))).toBe(true);
  });
});
