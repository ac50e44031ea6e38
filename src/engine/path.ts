// Go's url.URL{Path: p}.String() (EscapedPath), as docker's client puts object names into
// request paths: kept as typed, with only what a path cannot hold percent-encoded ('/' stays,
// so `a/b` reaches the engine as two segments, as docker sends it).

/** escape(s, encodePath) */
export function goPathEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const keep =
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || '-_.~$&+,/:;=@'.includes(String.fromCharCode(byte));
    out += keep ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** the moby client's trimID: references are trimmed, and an empty one fails before any request */
export function trimRef(kind: string, ref: string): string {
  const id = ref.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
  if (id === '') throw new Error(`invalid ${kind} name or ID: value is empty`);
  return id;
}

/** Go's path.Clean */
export function goCleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const parts = p.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}
