// docker's context store: <config>/contexts/meta/<sha256(name)>/meta.json, with TLS material
// under <config>/contexts/tls/<sha256(name)>/docker/.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { decodeFirstValue, GoEOF, GoSyntaxError } from './gojsondecode.js';

// node:crypto costs a millisecond to load; only a named context needs it
const requireBuiltin = createRequire(import.meta.url);

/** json.Unmarshal's wording of a syntax error */
function goSyntaxError(text: string, e: unknown): string {
  try {
    decodeFirstValue(Buffer.from(text));
  } catch (x) {
    if (x instanceof GoEOF) return 'unexpected end of JSON input';
    if (x instanceof GoSyntaxError) return x.message === 'unexpected EOF' ? 'unexpected end of JSON input' : x.message;
  }
  return (e as Error).message;
}

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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
    throw new ContextError(`context "${name}": context not found: open ${file}: ${why}`);
  }
  try {
    meta = JSON.parse(text) as typeof meta;
  } catch (e) {
    throw new ContextError(`context "${name}": parsing ${file}: ${goSyntaxError(text, e)}`);
  }
  const ep = meta.Endpoints?.docker;
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  return { host: ep?.Host ?? '', skipTLSVerify: !!ep?.SkipTLSVerify, tlsDir: existsSync(tlsDir) ? tlsDir : undefined };
}
