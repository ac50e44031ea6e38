// Docker Content Trust for build (DOCKER_CONTENT_TRUST): docker rewrites the Dockerfile's
// FROM lines to digests it gets from Notary, inside the context as it is sent. berth has no
// Notary client: the lookup fails as docker's does when the server cannot be reached, and
// otherwise says it is not supported (src/cli/trust.ts) — from inside the upload, as docker's.
import type { Cli } from '../cli/cli.js';
import { checkContentTrust } from '../cli/trust.js';
import { parseNormalizedNamed, withDefaultTag } from '../util/reference.js';

/** dockerfileFromLinePattern */
const FROM_LINE = /^[\s]*FROM[ \f\r\t\v]+([^ \f\r\t\v\n#]+)/i;

/** rewriteDockerfileFromForContentTrust: each FROM image resolved (here: refused) in turn */
export async function trustedDockerfile(cli: Cli, content: Buffer): Promise<Buffer> {
  // bufio.Scanner's lines (a trailing \r dropped), written back with Fprintln
  const text = content.toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const m = FROM_LINE.exec(line);
    if (m && m[1] !== 'scratch') {
      const ref = withDefaultTag(parseNormalizedNamed(m[1]!));
      if (!ref.digest) await checkContentTrust(ref, cli.configDir());
    }
    out.push(`${line}\n`);
  }
  return Buffer.from(out.join(''));
}
