// Go's net.ParseIP / IP.String / net.ParseMAC / net.SplitHostPort, as docker's option
// validators use them.

function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    if (p.length > 1 && p[0] === '0') return null; // Go rejects leading zeros
    const v = Number(p);
    if (v > 255) return null;
    out.push(v);
  }
  return out;
}

function parseIPv6(s: string): number[] | null {
  // returns 16 bytes
  if (s.includes('%')) return null; // ParseIP takes no zones
  let ellipsis = -1;
  const ip: number[] = [];
  let rest = s;
  if (rest.length >= 2 && rest[0] === ':' && rest[1] === ':') {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === '') return new Array(16).fill(0);
  }
  let i = 0;
  while (i < 16) {
    const m = /^[0-9a-fA-F]{1,4}/.exec(rest);
    if (!m) return null;
    // an IPv4 tail?
    if (rest.length > m[0].length && rest[m[0].length] === '.') {
      if (ellipsis < 0 && i !== 12) return null;
      if (i + 4 > 16) return null;
      const v4 = parseIPv4(rest);
      if (!v4) return null;
      ip.push(...v4);
      i += 4;
      rest = '';
      break;
    }
    if (m[0].length > 4) return null;
    const v = parseInt(m[0], 16);
    ip.push(v >> 8, v & 0xff);
    i += 2;
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return null;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const n = 16 - i;
    ip.splice(ellipsis, 0, ...new Array(n).fill(0));
  } else if (ellipsis >= 0) {
    return null; // ellipsis must represent at least one 0 group
  }
  return ip;
}

/** net.ParseIP: 4 bytes for IPv4 text, 16 for IPv6, null when invalid */
export function parseIP(s: string): number[] | null {
  for (const c of s) {
    if (c === '.') return parseIPv4(s);
    if (c === ':') return parseIPv6(s);
  }
  return null;
}

function isV4Mapped(b: number[]): boolean {
  return b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
}

/** net.IP.String() */
export function ipString(b: number[]): string {
  if (b.length === 4) return b.join('.');
  if (isV4Mapped(b)) return b.slice(12).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  // longest run of >= 2 zero groups, first one on ties
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number): string => g.toString(16);
  if (bestStart < 0) return groups.map(hex).join(':');
  return `${groups.slice(0, bestStart).map(hex).join(':')}::${groups.slice(bestStart + bestLen).map(hex).join(':')}`;
}

/** net.ParseMAC succeeds */
export function isValidMAC(s: string): boolean {
  const hex = (x: string): boolean => /^[0-9a-fA-F]+$/.test(x);
  if (s.length < 14) return false;
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0) return false;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let i = 0; i < n; i++) {
      const x = i * 3;
      if (!hex(s.slice(x, x + 2))) return false;
      if (i < n - 1 && s[x + 2] !== s[2]) return false;
    }
    return true;
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0) return false;
    const n = (2 * (s.length + 1)) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let i = 0; i < n / 2; i++) {
      const x = i * 5;
      if (!hex(s.slice(x, x + 4))) return false;
      if (i < n / 2 - 1 && s[x + 4] !== '.') return false;
    }
    return true;
  }
  return false;
}

/** net.SplitHostPort; throws Go's AddrError text */
export function splitHostPort(hostport: string): [string, string] {
  const fail = (why: string): Error => new Error(`address ${hostport}: ${why}`);
  const i = hostport.lastIndexOf(':');
  if (i < 0) throw fail('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) throw fail("missing ']' in address");
    if (end + 1 === hostport.length) throw fail('missing port in address');
    if (end + 1 !== i) {
      if (hostport[end + 1] === ':') throw fail('too many colons in address');
      throw fail('missing port in address');
    }
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) throw fail('too many colons in address');
  }
  if (hostport.indexOf('[', j) >= 0) throw fail("unexpected '[' in address");
  if (hostport.indexOf(']', k) >= 0) throw fail("unexpected ']' in address");
  return [host, hostport.slice(i + 1)];
}
