// Which builder `build` uses, decided before the command parses its flags, as docker 28's
// processBuilder does. berth has the classic builder only, so it answers as docker does
// without the buildx plugin: DOCKER_BUILDKIT=0 → the deprecation notice; unset → the
// "install buildx" notice; DOCKER_BUILDKIT=1 or a builder alias in config.json → an error.
import type { Cli } from '../cli/cli.js';
import { parseGoBool } from '../cli/flags.js';
import { StatusError } from '../cli/errors.js';

export const BUILDX_MISSING_WARNING = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            Install the buildx component to build images with BuildKit:
            https://docs.docker.com/go/buildx/`;

export const BUILDKIT_DISABLED_WARNING = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0
            environment-variable.`;

export const BUILDX_MISSING_ERROR = `ERROR: BuildKit is enabled but the buildx component is missing or broken.
       Install the buildx component to build images with BuildKit:
       https://docs.docker.com/go/buildx/`;

interface ServerInfo {
  osType: string;
  builderVersion: string;
}

async function serverInfo(cli: Cli): Promise<ServerInfo> {
  try {
    const p = await cli.api().ping();
    return { osType: p.osType ?? '', builderVersion: p.builderVersion ?? '' };
  } catch {
    return { osType: '', builderVersion: '' };
  }
}

/** processBuilder for `build` / `image build`: prints docker's notice or throws its error */
export async function selectClassicBuilder(cli: Cli): Promise<void> {
  let buildkitDisabled = false;
  let useBuilder = false;
  const v = cli.env.DOCKER_BUILDKIT ?? '';
  if (v !== '') {
    let enabled: boolean;
    try {
      enabled = parseGoBool(v);
    } catch (e) {
      throw new StatusError(`DOCKER_BUILDKIT environment variable expects boolean value: ${(e as Error).message}`, 1);
    }
    if (enabled) useBuilder = true;
    else buildkitDisabled = true;
  }
  let aliases: unknown;
  try {
    aliases = cli.config().aliases;
  } catch {
    aliases = undefined;
  }
  if (aliases && typeof aliases === 'object' && typeof (aliases as Record<string, unknown>).builder === 'string') useBuilder = true;

  let info: ServerInfo | undefined;
  if (!useBuilder) {
    info = await serverInfo(cli);
    // a Windows daemon that doesn't prefer BuildKit keeps the classic builder, silently
    if (info.builderVersion !== '2' && info.osType === 'windows') return;
  }
  if (buildkitDisabled) {
    info ??= await serverInfo(cli);
    if (info.osType !== 'windows') cli.err.write(`${BUILDKIT_DISABLED_WARNING}\n\n`);
    return;
  }
  // the buildx plugin: berth has none
  if (useBuilder) throw new StatusError(BUILDX_MISSING_ERROR, 1);
  cli.err.write(`${BUILDX_MISSING_WARNING}\n\n`);
}
