// What create and run share: create the container, pulling its image when missing, as
// docker/cli's createContainer does.
import { writeFileSync, existsSync } from 'node:fs';
import type { Cli } from './cli.js';
import { createContainer } from '../engine/containers.js';
import { NotFoundError } from '../engine/errors.js';
import { StatusError } from './errors.js';
import { pullForCreate } from './pull.js';
import { familiarString, parseNormalizedNamed, withDefaultTag, ReferenceError, type ImageRef } from '../util/reference.js';

/** what buildCreateRequest (commands/container/run-flags.ts) makes of the command line */
export interface CreateRequest {
  name?: string;
  /** the platform query of POST /containers/create (already normalized: linux/amd64) */
  platform?: string;
  pull: 'missing' | 'always' | 'never';
  quiet: boolean;
  cidfile?: string;
  /** the POST /containers/create JSON: Config fields + HostConfig + NetworkingConfig */
  body: Record<string, unknown>;
  /** docker's own warnings (the localhost DNS one), printed after the engine's as `WARNING: ...` */
  warnings?: string[];
}

export async function createWithPull(cli: Cli, p: CreateRequest): Promise<string> {
  const image = p.body.Image as string;
  let ref: ImageRef | undefined;
  try {
    ref = withDefaultTag(parseNormalizedNamed(image));
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    // an image ID or something the engine resolves itself
    if (/[A-Z]/.test(image) && !image.includes('@')) throw new StatusError(e.message, 125);
  }
  if (p.cidfile && existsSync(p.cidfile)) {
    throw new StatusError(`container ID file found, make sure the other container isn't running or delete ${p.cidfile}`, 1);
  }
  if (p.pull === 'always' && ref) await pullForCreate(cli, ref, p.platform, p.quiet);
  const api = cli.api();
  let res;
  try {
    res = await createContainer(api, p.body, p.name, p.platform);
  } catch (e) {
    if (e instanceof NotFoundError && ref && p.pull === 'missing' && /No such image/i.test(e.message)) {
      if (!p.quiet) cli.err.write(`Unable to find image '${familiarString(ref)}' locally\n`);
      await pullForCreate(cli, ref, p.platform, p.quiet);
      res = await createContainer(api, p.body, p.name, p.platform);
    } else {
      throw e;
    }
  }
  for (const w of [...(res.Warnings ?? []), ...(p.warnings ?? [])]) cli.err.write(`WARNING: ${w}\n`);
  if (p.cidfile) writeFileSync(p.cidfile, res.Id);
  return res.Id;
}
