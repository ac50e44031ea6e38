// image.InspectResponse as docker CLI 28.2 vendors it (github.com/docker/docker v28.2.2
// api/types/image; moby/docker-image-spec v1.3.1; opencontainers/image-spec v1.1.1).
import { bool, embed, f, int, map, ptr, slice, str, struct, time } from './schema.js';
import { Config, Descriptor, DriverData, HealthConfig, Platform } from './container.js';

const strs = slice(str());
const strMap = map(str());
const int64 = int('int64');
const set = map(struct('struct {}', []));

const ImageConfig = struct('v1.ImageConfig', [
  f('User', str(), { json: 'User', omitempty: true }),
  f('ExposedPorts', set, { json: 'ExposedPorts', omitempty: true }),
  f('Env', strs, { json: 'Env', omitempty: true }),
  f('Entrypoint', strs, { json: 'Entrypoint', omitempty: true }),
  f('Cmd', strs, { json: 'Cmd', omitempty: true }),
  f('Volumes', set, { json: 'Volumes', omitempty: true }),
  f('WorkingDir', str(), { json: 'WorkingDir', omitempty: true }),
  f('Labels', strMap, { json: 'Labels', omitempty: true }),
  f('StopSignal', str(), { json: 'StopSignal', omitempty: true }),
  f('ArgsEscaped', bool(), { json: 'ArgsEscaped', omitempty: true }),
]);

const DockerOCIImageConfigExt = struct('v1.DockerOCIImageConfigExt', [
  f('Healthcheck', ptr(HealthConfig), { omitempty: true }),
  f('OnBuild', strs, { omitempty: true }),
  f('Shell', strs, { omitempty: true }),
]);

const DockerOCIImageConfig = struct('v1.DockerOCIImageConfig', [embed(ImageConfig), embed(DockerOCIImageConfigExt)]);

const RootFS = struct('image.RootFS', [f('Type', str(), { omitempty: true }), f('Layers', strs, { omitempty: true })]);

const ManifestSummary = struct('image.ManifestSummary', [
  f('ID', str(), { json: 'ID' }),
  f('Descriptor', Descriptor, { json: 'Descriptor' }),
  f('Available', bool(), { json: 'Available' }),
  f('Size', struct('struct { Content int64 "json:\\"Content\\""; Total int64 "json:\\"Total\\"" }', [f('Content', int64, { json: 'Content' }), f('Total', int64, { json: 'Total' })]), {
    json: 'Size',
  }),
  f('Kind', str('image.ManifestKind'), { json: 'Kind' }),
  f(
    'ImageData',
    ptr(
      struct('image.ImageProperties', [
        f('Platform', Platform, { json: 'Platform' }),
        f('Size', struct('struct { Unpacked int64 "json:\\"Unpacked\\"" }', [f('Unpacked', int64, { json: 'Unpacked' })])),
        f('Containers', strs, { json: 'Containers' }),
      ]),
    ),
    { json: 'ImageData', omitempty: true },
  ),
  f('AttestationData', ptr(struct('image.AttestationProperties', [f('For', str('digest.Digest'), { json: 'For' })])), { json: 'AttestationData', omitempty: true }),
]);

/** image.InspectResponse: what `docker image inspect` templates run on */
export const ImageInspect = struct('image.InspectResponse', [
  f('ID', str(), { json: 'Id' }),
  f('RepoTags', strs),
  f('RepoDigests', strs),
  f('Parent', str()),
  f('Comment', str()),
  f('Created', str(), { omitempty: true }),
  f('Container', str(), { omitempty: true }),
  f('ContainerConfig', ptr(Config), { omitempty: true }),
  f('DockerVersion', str()),
  f('Author', str()),
  f('Config', ptr(DockerOCIImageConfig)),
  f('Architecture', str()),
  f('Variant', str(), { omitempty: true }),
  f('Os', str()),
  f('OsVersion', str(), { omitempty: true }),
  f('Size', int64),
  f('VirtualSize', int64, { json: 'VirtualSize', omitempty: true }),
  f('GraphDriver', DriverData),
  f('RootFS', RootFS),
  f('Metadata', struct('image.Metadata', [f('LastTagTime', time(), { omitempty: true })])),
  f('Descriptor', ptr(Descriptor), { json: 'Descriptor', omitempty: true }),
  f('Manifests', slice(ManifestSummary), { json: 'Manifests', omitempty: true }),
]);
