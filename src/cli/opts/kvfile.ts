// docker's pkg/kvfile: --env-file and --label-file contents, and how a file that can't be
// read is reported (Go's `open PATH: no such file or directory`).

// unicode.IsSpace
const leadingSpace = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;

/**
 * Parses the lines of a KEY=VALUE file: blank lines and `#` comments are skipped, a line
 * with no `=` takes its value from `lookup` (and is dropped when lookup finds nothing or
 * there is no lookup). Throws the bare reason (the caller adds `invalid env file (PATH): `).
 */
export function parseKeyValueLines(content: string, lookup?: (key: string) => string | undefined): string[] {
  const out: string[] = [];
  if (content.startsWith('\uFEFF')) content = content.slice(1);
  const lines = content.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let raw of lines) {
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    const line = raw.replace(leadingSpace, '');
    if (line.length === 0 || line[0] === '#') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key.length === 0) throw new Error(`no variable name on line '${line}'`);
    if (/[ \t]/.test(key)) throw new Error(`variable '${key}' contains whitespaces`);
    if (eq >= 0) {
      out.push(line);
      continue;
    }
    if (lookup) {
      const v = lookup(line);
      if (v !== undefined) out.push(`${key}=${v}`);
    }
  }
  return out;
}

const errnoText: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/** Go's *PathError text for a failed read of `file` (op "open", or "read" for a directory) */
export function goFileError(e: unknown, file: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code && errnoText[code]) return `open ${file}: ${errnoText[code]}`;
  return (e as Error).message;
}

/** kvfile.Parse: reads and parses a file, with docker's error texts */
export function parseKeyValueFile(
  file: string,
  readFile: (path: string) => string,
  lookup?: (key: string) => string | undefined,
): string[] {
  let content: string;
  try {
    content = readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new Error(`invalid env file (${file}): read ${file}: is a directory`);
    }
    throw new Error(goFileError(e, file));
  }
  try {
    return parseKeyValueLines(content, lookup);
  } catch (e) {
    throw new Error(`invalid env file (${file}): ${(e as Error).message}`);
  }
}
