// run/create's pull of a missing image (docker/cli container/create.go pullImage): the
// image's credentials, POST /images/create, the progress on stderr (the terminal view when
// stderr is a terminal, docker's plain lines otherwise).
import type { Cli } from './cli.js';
import { pullImage } from '../engine/images.js';
import { retrieveAuthHeader } from './auth.js';
import { showProgress } from './progress.js';
import { apiTag, fullName, type ImageRef } from '../util/reference.js';

export { JSONMessageError } from './jsonstream.js';

export async function pullForCreate(cli: Cli, ref: ImageRef, platform: string | undefined, quiet: boolean): Promise<void> {
  const registryAuth = retrieveAuthHeader(cli, ref);
  const res = await pullImage(cli.api(), { fromImage: fullName(ref), tag: apiTag(ref), platform: platform?.toLowerCase(), registryAuth });
  await showProgress(res.body, cli.err, { quiet });
}
