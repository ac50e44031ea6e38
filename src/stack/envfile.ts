// env_file reading as docker's pkg/kvfile does it: KEY=VALUE lines passed through untouched
// (no quote handling), comments and blank lines skipped, a bare KEY taken from the
// environment when set there.
import { readFileSync } from 'node:fs';

export function parseEnvFile(path: string, lookup: (k: string) => string | undefined): string[] {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`open ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  const fail = (m: string) => new Error(`invalid env file (${path}): ${m}`);
  const out: string[] = [];
  // bufio.Scanner lines: split on \n, a trailing \r dropped
  const raw = buf.toString('latin1').split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  for (let i = 0; i < raw.length; i++) {
    let bytes = Buffer.from(raw[i]!.replace(/\r$/, ''), 'latin1');
    let line: string;
    try {
      line = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw fail(`invalid utf8 bytes at line ${i + 1}: [${[...bytes].join(' ')}]`);
    }
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    bytes = Buffer.alloc(0);
    line = line.replace(/^[\s\u0085\u00a0]+/u, '');
    if (line === '' || line[0] === '#') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key === '') throw fail(`no variable name on line '${line}'`);
    if (/[ \t]/.test(key)) throw fail(`variable '${key}' contains whitespaces`);
    if (eq >= 0) {
      out.push(line);
      continue;
    }
    const v = lookup(line);
    if (v !== undefined) out.push(`${key}=${v}`);
  }
  return out;
}
