// Pulling an image and showing docker's plain progress lines (jsonmessage's non-terminal
// display). The live terminal view belongs to the images commands.
import type { Cli } from './cli.js';
import { pullImage } from '../engine/images.js';
import { jsonMessages, type JSONMessage } from '../engine/stream.js';
import { familiarName, type ImageRef } from '../util/reference.js';

export class JSONMessageError extends Error {}

export function displayPlain(jm: JSONMessage, out: NodeJS.WritableStream): void {
  if (jm.error || jm.errorDetail) throw new JSONMessageError(jm.errorDetail?.message ?? jm.error ?? 'unknown error');
  const pd = jm.progressDetail as { current?: number; total?: number } | undefined;
  if (pd && ((pd.current ?? 0) > 0 || (pd.total ?? 0) > 0)) return;
  let s = '';
  if (jm.id) s += `${jm.id}: `;
  if (jm.from) s += `(from ${jm.from}) `;
  if (jm.progress) s += `${jm.status ?? ''} ${jm.progress}`;
  else if (jm.stream) s += jm.stream;
  else s += `${jm.status ?? ''}\n`;
  out.write(s);
}

export async function pullForCreate(cli: Cli, ref: ImageRef, platform: string | undefined, quiet: boolean): Promise<void> {
  const res = await pullImage(cli.api(), { fromImage: familiarName(ref), tag: ref.digest ?? ref.tag, platform, registryAuth: undefined });
  for await (const msg of jsonMessages(res.body)) {
    const jm = msg as JSONMessage;
    if (jm.aux) continue;
    if (quiet) {
      if (jm.error || jm.errorDetail) throw new JSONMessageError(jm.errorDetail?.message ?? jm.error ?? '');
      continue;
    }
    displayPlain(jm, cli.err);
  }
}
