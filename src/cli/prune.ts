// command.PruneFilters: config.json's pruneFilters ("key=value" strings) merged into the
// command line's filters, as docker does for every prune.
function add(filters: Record<string, string[]>, k: string, v: string): void {
  const list = (filters[k] ??= []);
  if (!list.includes(v)) list.push(v);
}

export function pruneFilters(filters: Record<string, string[]>, configured: unknown): Record<string, string[]> {
  if (!Array.isArray(configured)) return filters;
  // filters.Args.ExactMatch: true as well when the key has no values at all
  const exactMatch = (k: string, v: string): boolean => !filters[k] || filters[k]!.length === 0 || filters[k]!.includes(v);
  for (const f of configured) {
    if (typeof f !== 'string') continue;
    const eq = f.indexOf('=');
    if (eq < 0) continue;
    const k = f.slice(0, eq);
    const v = f.slice(eq + 1);
    // "label!=x" and "label=x" exclude each other
    if (k === 'label' && exactMatch('label!', v)) continue;
    if (k === 'label!' && exactMatch('label', v)) continue;
    add(filters, k, v);
  }
  return filters;
}
