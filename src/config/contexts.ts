// docker's context store: <config>/contexts/meta/<sha256(name)>/meta.json, with TLS material
// under <config>/contexts/tls/<sha256(name)>/docker/.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// node:crypto costs a millisecond to load; only a named context needs it
const requireBuiltin = createRequire(import.meta.url);

export interface ContextEndpoint {
  host: string;
  skipTLSVerify: boolean;
  tlsDir?: string;
}

export class ContextError extends Error {}

export function contextDirName(name: string): string {
  const { createHash } = requireBuiltin('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(name).digest('hex');
}

/** the docker endpoint of a named context; throws docker's "context not found" */
export function loadContextEndpoint(configDir: string, name: string): ContextEndpoint {
  const id = contextDirName(name);
  const file = join(configDir, 'contexts', 'meta', id, 'meta.json');
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as typeof meta;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
    throw new ContextError(`context "${name}": context not found: open ${file}: ${why}`);
  }
  const ep = meta.Endpoints?.docker;
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  return { host: ep?.Host ?? '', skipTLSVerify: !!ep?.SkipTLSVerify, tlsDir: existsSync(tlsDir) ? tlsDir : undefined };
}
