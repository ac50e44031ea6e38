// A stream copied to stdout (save, export, cp to -), failing as Go's io.Copy to os.Stdout
// fails: "write /dev/stdout: no space left on device" (a closed pipe ends berth elsewhere,
// as docker ends: see pipes.ts).
import { errnoText } from '../build/gopath.js';
import { copyRaw, type ByteSource } from '../engine/stream.js';

export async function copyToStdout(src: ByteSource, out: NodeJS.WritableStream): Promise<void> {
  // a failed write may surface only after the last one was taken (stdout a file or device)
  let outErr: unknown;
  const onErr = (e: unknown): void => void (outErr ??= e);
  out.on('error', onErr);
  try {
    await copyRaw(src, out);
    await new Promise<void>((r) => out.write(Buffer.alloc(0), () => r()));
    if (outErr !== undefined) throw outErr;
  } catch (e) {
    // the write failed (not the source): Go's *PathError on /dev/stdout
    if (e === outErr && (e as NodeJS.ErrnoException).code) throw new Error(`write /dev/stdout: ${errnoText(e)}`);
    throw e;
  } finally {
    out.removeListener('error', onErr);
  }
}
