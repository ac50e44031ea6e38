/**
 * Typed inspect results: docker's `inspect --format` runs its template on the Go value the
 * client decoded (container.InspectResponse, image.InspectResponse, network.Inspect,
 * volume.Volume) before falling back to the raw JSON as a map. This module describes those
 * Go types (./schema.ts) and decodes engine JSON into them as template data (./convert.ts).
 *
 *   const data = typedInspectValue('container', rawJsonText);   // or toTypedGo(text, ContainerInspect)
 *   tmpl.execute(data);
 */
import { parseRawJson, RawObject, type Raw } from './rawjson.js';
import { toTypedGo } from './convert.js';
import { ContainerInspect } from './container.js';
import { ImageInspect } from './image.js';
import { NetworkInspect } from './network.js';
import { VolumeInspect } from './volume.js';
import { ContextInspect } from './context.js';
import { ServiceInspect } from './service.js';
import { NodeInspect, SecretInspect, ConfigInspect } from './swarm.js';
import type { GoStruct } from './schema.js';

export { toTypedGo, marshalValue, decodeValue, zeroValue } from './convert.js';
export { parseRawJson, RawJsonError, RawNumber, RawObject, type Raw } from './rawjson.js';
export * from './schema.js';
export { ContainerInspect, HostConfig, Config, NetworkSettings, State, Health, MountPoint, EndpointSettings, Duration, FileMode } from './container.js';
export { ImageInspect } from './image.js';
export { NetworkInspect } from './network.js';
export { VolumeInspect } from './volume.js';
export { ServiceInspect } from './service.js';
export { NodeInspect, SecretInspect, ConfigInspect } from './swarm.js';

/** The object kinds whose Go types berth models. */
export type InspectKind = 'container' | 'image' | 'network' | 'volume' | 'context' | 'service' | 'node' | 'secret' | 'config';

export const INSPECT_TYPES: Record<InspectKind, GoStruct> = {
  container: ContainerInspect,
  image: ImageInspect,
  network: NetworkInspect,
  volume: VolumeInspect,
  context: ContextInspect,
  service: ServiceInspect,
  node: NodeInspect,
  secret: SecretInspect,
  config: ConfigInspect,
};

/**
 * Which kind of object an inspect result is, from the members the engine sends
 * (for callers that only have the JSON); undefined when it is none of the modelled ones.
 */
export function detectInspectKind(raw: Raw): InspectKind | undefined {
  if (!(raw instanceof RawObject)) return undefined;
  const keys = new Set(raw.entries.map(([k]) => k));
  if (keys.has('State') && keys.has('HostConfig')) return 'container';
  if (keys.has('RootFS') && (keys.has('RepoTags') || keys.has('RepoDigests'))) return 'image';
  if (keys.has('IPAM') && keys.has('Scope')) return 'network';
  if (keys.has('Mountpoint') && keys.has('Driver') && !keys.has('Id')) return 'volume';
  if (keys.has('ID') && keys.has('Spec') && keys.has('Endpoint')) return 'service';
  return undefined;
}

/**
 * The typed value docker's first template pass sees for an inspect result; `kind`
 * undefined: detected from the JSON. Undefined when the kind is not modelled.
 */
export function typedInspectValue(json: string, kind?: InspectKind): unknown {
  const raw = parseRawJson(json);
  const k = kind ?? detectInspectKind(raw);
  if (!k) return undefined;
  return toTypedGo(raw, INSPECT_TYPES[k]);
}
