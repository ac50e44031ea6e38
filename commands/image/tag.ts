import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { parseTarget, repoAndTag } from '../../src/cli/images.js';
import { parseNormalizedNamed } from '../../src/util/reference.js';
import { tagImage } from '../../src/engine/images.js';
import { goQuote } from '../../src/format/display.js';

export const spec: CommandModule['spec'] = {
  use: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  args: { kind: 'exact', n: 2 },
  flags: [],
  interspersed: false,
};

const DIGEST = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

/** reference.ParseAnyReference: an ID, a digest, or a name */
function checkSource(s: string): void {
  if (/^[a-f0-9]{64}$/.test(s) || DIGEST.test(s)) return;
  parseNormalizedNamed(s);
}

export const run: CommandModule['run'] = async (cli, { args }) => {
  const [source, target] = args as [string, string];
  try {
    checkSource(source);
  } catch (e) {
    throw new StatusError(`Error parsing reference: ${goQuote(source)} is not a valid repository/tag: ${(e as Error).message}`, 1);
  }
  let ref;
  try {
    ref = parseNormalizedNamed(target);
  } catch (e) {
    throw new StatusError(`Error parsing reference: ${goQuote(target)} is not a valid repository/tag: ${(e as Error).message}`, 1);
  }
  try {
    ref = parseTarget(target);
  } catch (e) {
    throw new StatusError((e as Error).message, 1);
  }
  const { repo, tag } = repoAndTag(ref);
  await tagImage(cli.api(), source, repo, tag);
};
