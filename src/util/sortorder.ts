// fvbommel/sortorder's NaturalLess: digit runs compare as numbers, docker uses it for ports.
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i]!;
    const cb = b[j]!;
    const da = isDigit(ca);
    const db = isDigit(cb);
    if (da !== db) return da;
    if (!da) {
      if (ca !== cb) return ca < cb;
      i++;
      j++;
      continue;
    }
    // both digit runs: skip leading zeros, compare by length then value
    let si = i;
    while (si < a.length && a[si] === '0') si++;
    let sj = j;
    while (sj < b.length && b[sj] === '0') sj++;
    let ei = si;
    while (isDigit(a[ei])) ei++;
    let ej = sj;
    while (isDigit(b[ej])) ej++;
    const na = a.slice(si, ei);
    const nb = b.slice(sj, ej);
    if (na.length !== nb.length) return na.length < nb.length;
    if (na !== nb) return na < nb;
    // equal numbers: fewer leading zeros first
    if (si - i !== sj - j) return si - i < sj - j;
    i = ei;
    j = ej;
  }
  return a.length - i < b.length - j;
}

export function naturalCompare(a: string, b: string): number {
  if (naturalLess(a, b)) return -1;
  if (naturalLess(b, a)) return 1;
  return 0;
}
