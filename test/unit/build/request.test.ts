// What reaches the engine: POST /build's query and headers as docker's client sends them,
// recorded by the stand-in engine for both clients (values compared decoded; Go escapes
// query values its own way, and marshals some maps in random order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BuildCapture, DOCKER, haveDocker, type CapturedBuild } from './capture.js';
import { BERTH, hasBuild } from '../../parity/harness.js';

const cap = new BuildCapture();
let root = '';
let ctx = '';
let config = '';

/** the query as name → values (JSON values parsed; ulimits as a set) */
function query(b: CapturedBuild): Record<string, unknown> {
  const u = new URL(`http://x${b.url}`);
  expect(u.pathname).toBe('/v1.41/build');
  const out: Record<string, unknown[]> = {};
  for (const [k, v] of u.searchParams) {
    let value: unknown = v;
    if (['buildargs', 'labels', 'cachefrom', 'ulimits'].includes(k)) value = JSON.parse(v);
    if (k === 'ulimits') value = (value as { Name: string }[]).sort((a, b) => (a.Name < b.Name ? -1 : 1));
    (out[k] ??= []).push(value);
  }
  return out;
}

function registryConfig(b: CapturedBuild): unknown {
  return JSON.parse(Buffer.from(String(b.headers['x-registry-config']), 'base64').toString());
}

describe.skipIf(!haveDocker || !hasBuild())('POST /build as docker sends it', () => {
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'berth-breq-'));
    ctx = path.join(root, 'ctx');
    mkdirSync(ctx);
    writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM busybox\n');
    config = path.join(root, 'config');
    mkdirSync(config);
    writeFileSync(
      path.join(config, 'config.json'),
      JSON.stringify({
        auths: {
          'example.com': { auth: Buffer.from('user:pa:ss').toString('base64') },
          'https://index.docker.io/v1/': { auth: Buffer.from('a:b').toString('base64'), email: 'x@y' },
          'tok.io': { identitytoken: 'T0K' },
          'empty.io': {},
        },
        proxies: { default: { httpProxy: 'http://proxy:3128', noProxy: 'localhost' } },
      }),
    );
    await cap.start();
  });
  afterAll(async () => {
    await cap.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const cases: [string, string[], NodeJS.ProcessEnv?][] = [
    ['no flags', []],
    [
      'every flag with a value',
      [
        '-t', 'a:1', '-t', 'b', '--label', 'l', '--label', 'm=n', '--label', 'm=o', '--build-arg', 'A=1', '--build-arg', 'EMPTY=',
        '--build-arg', 'FROM_ENV', '--build-arg', 'UNSET', '--build-arg', 'http_proxy=mine', '--ulimit', 'nofile=1:2', '--ulimit', 'nproc=3',
        '--ulimit', 'nofile=4:5', '--cache-from', 'a,b', '--cache-from', 'c', '--security-opt', 'x=y,z', '--add-host', 'h:1.2.3.4',
        '--add-host', 'i=::1', '--network', 'host', '--platform', 'Linux/AMD64', '-m', '10m', '--memory-swap', '-1', '--shm-size', '1g',
        '-c', '5', '--cpu-period', '100', '--cpu-quota', '50', '--cpuset-cpus', '0-1', '--cpuset-mems', '0', '--cgroup-parent', 'cg',
        '--isolation', 'process', '--target', 't',
      ],
      { FROM_ENV: 'from the environment' },
    ],
    ['switches', ['-q', '--no-cache', '--pull', '--rm=false', '--force-rm']],
    ['defaults spelled out', ['--rm', '--network', 'default', '--isolation', 'Default', '--memory-swap', '0']],
    ['-f relative to the working directory', ['-f', 'ctx/Dockerfile']],
  ];
  for (const [name, args, env] of cases) {
    it(name, async () => {
      const run = (bin: string) => cap.run(bin, ['build', ...args, ctx], { cwd: root, env: { DOCKER_CONFIG: config, ...env } });
      const d = await run(DOCKER);
      const b = await run(BERTH);
      expect(d.build, d.stderr).toBeDefined();
      expect(b.build, b.stderr).toBeDefined();
      expect(query(b.build!)).toEqual(query(d.build!));
      expect(registryConfig(b.build!)).toEqual(registryConfig(d.build!));
      expect(b.build!.headers['content-type']).toBe(d.build!.headers['content-type']);
      expect(b.build!.headers['transfer-encoding']).toBe(d.build!.headers['transfer-encoding']);
      expect(b.build!.body.equals(d.build!.body)).toBe(true);
    });
  }
});
