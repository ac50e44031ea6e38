// `context inspect`'s Go value (docker/cli cli/command/context/inspect.go): store.Metadata
// embedded, the TLS file listing and the storage paths.
import { any, embed, f, map, slice, str, struct } from './schema.js';

const StoreMetadata = struct('store.Metadata', [
  f('Name', str(), { omitempty: true }),
  f('Metadata', any(), { omitempty: true }),
  f('Endpoints', map(any()), { omitempty: true }),
]);

export const ContextInspect = struct('context.contextWithTLSListing', [
  embed(StoreMetadata),
  f('TLSMaterial', map(slice(str()))),
  f('Storage', struct('store.StorageInfo', [f('MetadataPath', str()), f('TLSPath', str())])),
]);
