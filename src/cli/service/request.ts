// What create and update share around the spec: the engine lookups the spec needs, the
// registry credentials of --with-registry-auth, content trust's digest resolution.
import type { Cli } from '../cli.js';
import { StatusError } from '../errors.js';
import { retrieveAuthHeader } from '../auth.js';
import { checkContentTrust, contentTrustEnabled } from '../trust.js';
import type { EngineClient } from '../../engine/client.js';
import { networkIDInScope } from '../../engine/networks.js';
import { swarmObjectIDs } from '../../engine/services.js';
import type { ServiceSpec } from '../../engine/service-types.js';
import { parseNormalizedNamed, withDefaultTag, ReferenceError } from '../../util/reference.js';
import type { Resolver } from './spec.js';

/** the lookups of docker's ToService / ParseSecrets / ParseConfigs, made on the engine */
export function engineResolver(api: EngineClient): Resolver {
  return {
    networkID: (ref) => networkIDInScope(api, ref, 'swarm'),
    secretIDs: (names) => swarmObjectIDs(api, 'secrets', names),
    configIDs: (names) => swarmObjectIDs(api, 'configs', names),
  };
}

/** command.RetrieveAuthTokenFromImage: the X-Registry-Auth of the image's registry */
export function registryAuthFor(cli: Cli, image: string): string {
  try {
    return retrieveAuthHeader(cli, parseNormalizedNamed(image));
  } catch (e) {
    if (e instanceof ReferenceError) throw new StatusError(e.message, 1);
    throw e;
  }
}

/**
 * resolveServiceImageDigestContentTrust: with DOCKER_CONTENT_TRUST, docker asks the notary
 * server for the tag's digest (berth goes as far as docker's failure to reach it)
 */
export async function resolveImageWithTrust(cli: Cli, spec: ServiceSpec): Promise<void> {
  if (!contentTrustEnabled(cli.env)) return;
  const image = spec.TaskTemplate.ContainerSpec?.Image ?? '';
  if (/^[a-f0-9]{64}$/.test(image)) return;
  let ref;
  try {
    ref = parseNormalizedNamed(image);
  } catch (e) {
    if (e instanceof ReferenceError) throw new StatusError(`invalid reference ${image}: ${e.message}`, 1);
    throw e;
  }
  if (ref.digest) return;
  try {
    await checkContentTrust(withDefaultTag(ref), cli.configDir());
  } catch (e) {
    if (e instanceof StatusError) throw new StatusError(`failed to resolve image digest using content trust: ${e.message}`, 1);
    throw e;
  }
}
