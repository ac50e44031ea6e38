// Docker Content Trust, which berth does not implement: the flag defaults docker derives from
// DOCKER_CONTENT_TRUST, and a trusted pull that fails the way docker's fails when the notary
// server cannot be reached (berth goes no further when it can).
import { mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { StatusError } from './errors.js';
import type { ImageRef } from '../util/reference.js';

/** command.ContentTrustEnabled: DOCKER_CONTENT_TRUST set to anything but a false value */
export function contentTrustEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const e = env.DOCKER_CONTENT_TRUST ?? '';
  if (e === '') return false;
  return !['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(e);
}

/** --disable-content-trust's default */
export function trustDisabledByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  return !contentTrustEnabled(env);
}

/** " on NAMESERVER:53", as Go's resolver names the server that had no answer */
function resolverSuffix(): string {
  try {
    const m = /^\s*nameserver\s+(\S+)/m.exec(readFileSync('/etc/resolv.conf', 'utf8'));
    if (!m) return '';
    return m[1]!.includes(':') ? ` on [${m[1]}]:53` : ` on ${m[1]}:53`;
  } catch {
    return '';
  }
}

/** trust.Server: Docker Hub's notary, else the registry's own host */
function notaryHostPort(ref: ImageRef): [string, number] {
  if (ref.domain === 'docker.io') return ['notary.docker.io', 443];
  const m = /^(.*?)(?::(\d+))?$/.exec(ref.domain)!;
  return [m[1]!.replace(/^\[|\]$/g, ''), m[2] ? Number(m[2]) : 443];
}

/**
 * A trusted pull: docker's notary client first lays out its local repository under the config
 * directory's trust/, then contacts the server.
 */
export async function checkContentTrust(ref: ImageRef, configDir: string): Promise<void> {
  const repo = join(configDir, 'trust', 'tuf', ref.domain, ...ref.path.split('/'));
  for (const d of [join(configDir, 'trust', 'private'), join(repo, 'metadata'), join(repo, 'changelist')]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const [host, port] = notaryHostPort(ref);
  const failure = await new Promise<string | undefined>((resolve) => {
    const sock = connect({ host, port });
    sock.setTimeout(10_000);
    sock.once('connect', () => {
      sock.destroy();
      resolve(undefined);
    });
    sock.once('timeout', () => {
      sock.destroy();
      resolve(`dial tcp ${host}:${port}: i/o timeout`);
    });
    sock.once('error', (e: NodeJS.ErrnoException & { address?: string; port?: number }) => {
      const addr = e.address ? (e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`) : `${host}:${port}`;
      if (e.code === 'ECONNREFUSED') resolve(`dial tcp ${addr}: connect: connection refused`);
      else if (e.code === 'ENOTFOUND') resolve(`dial tcp: lookup ${host}${resolverSuffix()}: no such host`);
      else resolve(`dial tcp ${addr}: ${e.message}`);
    });
  });
  if (failure) throw new StatusError(`Error: error contacting notary server: ${failure}`, 1);
  throw new StatusError('Error: content trust is not supported by berth; use --disable-content-trust', 1);
}
