import '../../src/cli/core.js';
import { openSync } from 'node:fs';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { goPathError } from '../../src/cli/images.js';
import { displayJSONMessages } from '../../src/cli/jsonstream.js';
import type { UploadSource } from '../../src/engine/bulk.js';
import { importImage } from '../../src/engine/images.js';
import { parseNormalizedNamed } from '../../src/util/reference.js';

function platformDefault(): { default?: string } {
  const p = process.env.DOCKER_DEFAULT_PLATFORM;
  return p ? { default: p } : {};
}

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
  short: 'Import the contents from a tarball to create a filesystem image',
  args: { kind: 'min', n: 1 },
  noArgsCompletion: true,
  flags: [
    { name: 'change', short: 'c', kind: 'list', type: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', kind: 'value', type: 'string', usage: 'Set commit message for imported image' },
    { name: 'platform', kind: 'value', type: 'string', usage: 'Set platform if server is multi-platform capable', ...platformDefault() },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const source = args[0]!;
  const ref = args[1] ?? '';
  let fromSrc = '-';
  let body: UploadSource | undefined;
  if (source === '-') {
    // read off the descriptor itself, as load does
    body = { fd: 0, name: '/dev/stdin', fallback: () => cli.in };
  } else if (source.startsWith('https://') || source.startsWith('http://')) {
    // the engine fetches it
    fromSrc = source;
  } else {
    let fd: number;
    try {
      fd = openSync(source, 'r');
    } catch (e) {
      throw new StatusError(goPathError('open', source, e), 1);
    }
    body = { fd, name: source, close: true };
  }
  if (ref !== '') {
    try {
      parseNormalizedNamed(ref);
    } catch (e) {
      throw new StatusError((e as Error).message, 1);
    }
  }
  const res = await importImage(cli.api(), {
    fromSrc,
    repo: ref,
    message: (opts.message as string | undefined) ?? '',
    platform: (opts.platform as string | undefined) ?? '',
    changes: (opts.change as string[]) ?? [],
    body,
  });
  await displayJSONMessages(res.body, cli.out, { isTerminal: !!cli.out.isTTY, width: () => cli.out.columns });
};
