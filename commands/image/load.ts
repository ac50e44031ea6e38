import '../../src/cli/core.js';
import { openSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { CommandModule } from '../../src/cli/spec.js';
import { PLATFORMS } from '../../src/cli/complete-flags.js';
import { StatusError } from '../../src/cli/errors.js';
import { checkFlagVersions, flagsForEngineVersion } from '../../src/cli/flag-versions.js';
import { goPathError, platformQuery } from '../../src/cli/images.js';
import { displayJSONMessages } from '../../src/cli/jsonstream.js';
import type { UploadSource } from '../../src/engine/bulk.js';
import { loadImage } from '../../src/engine/images.js';
import { copyRaw } from '../../src/engine/stream.js';

const FLAG_VERSIONS = { platform: '1.48' };

export const spec: CommandModule['spec'] = {
  // docker's --platform completion (completion.Platforms)
  flagValues: { platform: PLATFORMS },
  use: '[OPTIONS]',
  short: 'Load an image from a tar archive or STDIN',
  args: { kind: 'none' },
  flags: [
    { name: 'input', short: 'i', kind: 'value', type: 'string', usage: 'Read from tar archive file, instead of STDIN' },
    { name: 'platform', kind: 'value', type: 'string', usage: 'Load only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress the load output' },
  ],
};

export const helpFlags: CommandModule['helpFlags'] = (engine) => flagsForEngineVersion(spec.flags, FLAG_VERSIONS, engine);

export const run: CommandModule['run'] = async (cli, { opts, changed }) => {
  await checkFlagVersions(cli, changed, FLAG_VERSIONS);
  const inputPath = (opts.input as string | undefined) ?? '';
  let input: UploadSource;
  if (inputPath === '') {
    // the descriptor is read as it is (blocking reads off the event loop); process.stdin is
    // only made should it turn out non-blocking
    if (isatty(0)) throw new StatusError('requested load from stdin, but stdin is empty', 1);
    input = { fd: 0, name: '/dev/stdin', fallback: () => cli.in };
  } else {
    let fd: number;
    try {
      fd = openSync(inputPath, 'r');
    } catch (e) {
      throw new StatusError(goPathError('open', inputPath, e), 1);
    }
    input = { fd, name: inputPath, close: true };
  }
  const platform = platformQuery((opts.platform as string | undefined) ?? '', true);
  const isTerminal = !!cli.out.isTTY;
  // the archive is piped to the engine as it is read, at the pace the socket takes it
  const res = await loadImage(cli.api(), input, { quiet: (opts.quiet as boolean) || !isTerminal, platforms: platform ? [platform] : undefined });
  if (String(res.headers['content-type'] ?? '') === 'application/json') {
    await displayJSONMessages(res.body, cli.out, { isTerminal, width: () => cli.out.columns });
  } else {
    await copyRaw(res.body, cli.out);
  }
};
