// What create and run share: create the container, pulling its image when missing, as
// docker/cli's createContainer does.
import { closeSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { errnoText, pathError } from '../build/gopath.js';
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
  // as docker: the ID file is created first, and removed again when no container is made
  const cid = p.cidfile ? openCidFile(p.cidfile) : undefined;
  let written = false;
  try {
    const id = await createContainerFor(cli, p);
    if (cid !== undefined) {
      try {
        writeSync(cid, id);
      } catch (e) {
        throw new Error(`failed to write the container ID to the file: ${errnoText(e)}`);
      }
      written = true;
    }
    return id;
  } finally {
    if (cid !== undefined) {
      closeSync(cid);
      if (!written) rmSync(p.cidfile!, { force: true });
    }
  }
}

function openCidFile(path: string): number {
  if (existsSync(path)) throw new StatusError(`container ID file found, make sure the other container isn't running or delete ${path}`, 1);
  try {
    return openSync(path, 'w', 0o666);
  } catch (e) {
    throw new Error(`failed to create the container ID file: ${pathError('open', path, e).message}`);
  }
}

async function createContainerFor(cli: Cli, p: CreateRequest): Promise<string> {
  const image = p.body.Image as string;
  let ref: ImageRef | undefined;
  // docker's ParseAnyReference: a full image ID or a digest goes to the engine unnamed (never
  // pulled); anything else must be a valid name
  if (!/^[a-f0-9]{64}$/.test(image) && !/^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/.test(image)) {
    try {
      ref = withDefaultTag(parseNormalizedNamed(image));
    } catch (e) {
      if (!(e instanceof ReferenceError)) throw e;
      throw new StatusError(e.message, 1);
    }
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
  return res.Id;
}
