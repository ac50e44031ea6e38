import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { logrusLine } from '../../src/cli/attach.js';
import { StatusError } from '../../src/cli/errors.js';
import { parseStringSlice } from '../../src/cli/opts/ipam.js';
import { ComposeLoadError, loadComposeFiles, readComposeFiles } from '../../src/stack/loader.js';
import { composeToYaml } from '../../src/stack/marshal.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Outputs the final config file, after doing merges and interpolations',
  args: { kind: 'none' },
  flags: [
    { name: 'compose-file', short: 'c', kind: 'list', type: 'strings', usage: 'Path to a Compose file, or "-" to read from stdin', parse: parseStringSlice },
    { name: 'skip-interpolation', kind: 'bool', usage: 'Skip interpolation and output only merged config' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const files = ((opts['compose-file'] as unknown[] | undefined) ?? []).flat() as string[];
  const env = process.env;
  try {
    const read = await readComposeFiles({ files, env, cwd: process.cwd(), stdin: () => readStdin(cli.in) });
    const cfg = loadComposeFiles(read.files, {
      env,
      workingDir: read.workingDir,
      skipInterpolation: opts['skip-interpolation'] === true,
      warn: (m) => cli.err.write(logrusLine('warning', m)),
    });
    cli.out.write(composeToYaml(cfg));
  } catch (e) {
    if (e instanceof ComposeLoadError) throw new StatusError(e.message, 1);
    throw e;
  }
};

async function readStdin(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
