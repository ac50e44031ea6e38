// Reaching the engine: unreachable or malformed endpoints, version negotiation and pinning,
// and TCP with TLS (the private engine also listens on 127.0.0.1:2376 inside its network
// namespace, so both CLIs run there through nsenter).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settled as both, skipReason } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/engine: skipped: ${reason}`);

const engineDir = process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine';
const ns = `/var/run/netns/${process.env.BERTH_ENGINE_NS ?? 'berth-test'}`;
const certs = `${engineDir}/certs`;
const tlsReason = reason || (!existsSync(ns) ? `no network namespace ${ns}` : !existsSync(`${certs}/ca.pem`) ? `no test certificates in ${certs}` : '');
if (!reason && tlsReason) console.warn(`parity/engine TLS: skipped: ${tlsReason}`);

describe.skipIf(reason !== '')('endpoints and versions match docker', () => {
  const cases: [Record<string, string | undefined>, string[]][] = [
    [{ DOCKER_HOST: 'unix:///nonexistent/berth.sock' }, ['ps']],
    [{ DOCKER_HOST: 'unix:///nonexistent/berth.sock' }, ['rm', 'x']],
    [{ DOCKER_HOST: 'unix:///nonexistent/berth.sock' }, ['inspect', 'x']],
    [{ DOCKER_HOST: 'unix:///nonexistent/berth.sock' }, ['run', '--rm', 'busybox']],
    [{ DOCKER_HOST: 'unix:///nonexistent/berth.sock' }, ['logs', 'x']],
    [{ DOCKER_HOST: 'tcp://127.0.0.1:1' }, ['ps']],
    [{ DOCKER_HOST: 'bogus://x' }, ['ps']],
    [{}, ['-H', 'unix:///a', '-H', 'unix:///b', 'ps']],
    [{ DOCKER_HOST: 'unix:///nonexistent/berth.sock' }, ['-H', 'unix:///nonexistent/other.sock', 'ps']],
    [{ DOCKER_API_VERSION: '1.30' }, ['version', '--format', '{{.Client.APIVersion}} {{.Server.APIVersion}}']],
    [{ DOCKER_API_VERSION: '1.99' }, ['ps']],
    [{ DOCKER_API_VERSION: '1.24' }, ['ps', '-a', '--format', '{{.Names}}']],
  ];
  for (const [env, args] of cases) {
    it(`${JSON.stringify(env)} berth ${args.join(' ')}`, async () => {
      const { docker: d, berth: b } = await both(args, { env });
      expect(b).toEqual(d);
    });
  }
});

describe.skipIf(tlsReason !== '')('TLS over TCP matches docker', () => {
  const wrap = ['nsenter', `--net=${ns}`];
  const host = 'tcp://127.0.0.1:2376';
  const cases: [Record<string, string | undefined>, string[]][] = [
    [{ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, ['ps', '-a', '--format', '{{.Names}}']],
    [{ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, ['version', '--format', '{{.Server.APIVersion}}']],
    [{ DOCKER_HOST: host, DOCKER_CERT_PATH: certs }, ['--tls', 'ps', '-q']],
    [{ DOCKER_HOST: host }, ['--tlsverify', '--tlscacert', `${certs}/ca.pem`, '--tlscert', `${certs}/cert.pem`, '--tlskey', `${certs}/key.pem`, 'info', '--format', '{{.ServerVersion}}']],
    [{ DOCKER_HOST: host, DOCKER_CONFIG: '/nonexistent/berth-config' }, ['--tls', 'ps']],
    [{ DOCKER_HOST: host }, ['ps']],
    [{}, ['-H', host, '--tlsverify', '--tlscacert', `${certs}/ca.pem`, '--tlscert', `${certs}/cert.pem`, '--tlskey', `${certs}/key.pem`, 'run', '--rm', 'busybox', 'echo', 'over tls']],
  ];
  for (const [env, args] of cases) {
    it(`${JSON.stringify(env)} berth ${args.join(' ')}`, async () => {
      const { docker: d, berth: b } = await both(args, { env, wrap });
      expect(b).toEqual(d);
    });
  }
});
