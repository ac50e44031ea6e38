// Maps built from KEY=VALUE options, keyed as docker's client sends them (Go's JSON sorts
// map keys).
import { sortKeys } from './mount.js';
import { parseMapEntry, type KeyValue } from './validators.js';

/** an opts.MapOpts' values: the last value of a key wins */
export function mapOf(pairs: unknown): Record<string, string> {
  const m: Record<string, string> = {};
  for (const [k, v] of (pairs as KeyValue[] | undefined) ?? []) m[k] = v;
  return sortKeys(m);
}

/** opts.ConvertKVStringsToMap: "k=v" (a bare "k" is "k=") */
export function labelsOf(values: unknown): Record<string, string> {
  return mapOf(((values as string[] | undefined) ?? []).map((v) => parseMapEntry(v)));
}
