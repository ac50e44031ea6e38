// env_file reading as docker's opts.ParseEnvFile does it: KEY=VALUE lines passed through
// untouched, comments and blank lines skipped, a bare KEY taken from the environment when set.
import { readFileSync } from 'node:fs';

export function parseEnvFile(path: string, lookup: (k: string) => string | undefined): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`open ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const variable = (eq < 0 ? line : line.slice(0, eq)).replace(/^[ \t\n\v\f\r]+/, '');
    if (/[ \t\n\v\f\r]/.test(variable)) throw new Error(`poorly formatted environment: variable '${variable}' contains whitespaces`);
    if (variable === '') throw new Error(`poorly formatted environment: no variable name on line '${line}'`);
    if (eq >= 0) out.push(`${variable}=${line.slice(eq + 1)}`);
    else {
      const v = lookup(line);
      if (v !== undefined) out.push(`${variable.trim()}=${v}`);
    }
  }
  return out;
}
