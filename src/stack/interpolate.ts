// Variable substitution in compose files, as docker's cli/compose/template and
// cli/compose/interpolation (v28.2.2) do it: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?error}, ${VAR?error}, $$ for a literal $. Only string values are substituted (keys
// never); a value that changed at a path docker types (replicas, ports' target, read_only...)
// is cast to that type.

export type Lookup = (name: string) => string | undefined;

export class InvalidTemplateError extends Error {
  constructor(readonly template: string) {
    super(`Invalid template: ${goQuote(template)}`);
  }
}

/** Go's %#v / %q of a string */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

const SUBST = '[_a-z][_a-z0-9]*(?::?[-?][^}]*)?';
// docker's pattern: \$(?i:(?P<escaped>\$)|(?P<named>SUBST)|{(?P<braced>SUBST)}|(?P<invalid>))
const PATTERN = new RegExp(`\\$(?:(\\$)|(${SUBST})|\\{(${SUBST})\\}|())`, 'gi');

function partition(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

/** docker's template.Substitute */
export function substitute(template: string, lookup: Lookup): string {
  let error: Error | undefined;
  const result = template.replace(PATTERN, (_m, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    if (error) return '';
    if (escaped) return escaped;
    const sub = named || braced;
    if (!sub) {
      error = new InvalidTemplateError(template);
      return '';
    }
    if (sub.includes(':-')) {
      const [name, def] = partition(sub, ':-');
      const v = lookup(name);
      return v === undefined || v === '' ? def : v;
    }
    if (sub.includes('-')) {
      const [name, def] = partition(sub, '-');
      const v = lookup(name);
      return v === undefined ? def : v;
    }
    for (const [sep, nonEmpty] of [[':?', true], ['?', false]] as const) {
      if (sub.includes(sep)) {
        const [name, msg] = partition(sub, sep);
        const v = lookup(name);
        if (v === undefined || (nonEmpty && v === '')) {
          error = new InvalidTemplateError(`required variable ${name} is missing a value: ${msg}`);
          return '';
        }
        return v;
      }
    }
    return lookup(sub) ?? '';
  });
  if (error) throw error;
  return result;
}

type Cast = (v: string) => unknown;

class CastError extends Error {}

function goAtoiError(v: string): string {
  return `strconv.Atoi: parsing ${goQuote(v)}: ${/^[-+]?[0-9]+$/.test(v) ? 'value out of range' : 'invalid syntax'}`;
}

const toInt: Cast = (v) => {
  if (!/^[-+]?[0-9]+$/.test(v)) throw new CastError(goAtoiError(v));
  const n = parseInt(v, 10);
  if (!Number.isSafeInteger(n) && Math.abs(n) >= 2 ** 63) throw new CastError(goAtoiError(v));
  return n;
};

const toFloat: Cast = (v) => {
  const t = v.replace(/_/g, '');
  if (/^[-+]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) && !/^[-+]?0[xX]/.test(v)) {
    throw new CastError(`strconv.ParseFloat: parsing ${goQuote(v)}: invalid syntax`);
  }
  return Number(v);
};

const toBoolean: Cast = (v) => {
  switch (v.toLowerCase()) {
    case 'y': case 'yes': case 'true': case 'on': return true;
    case 'n': case 'no': case 'false': case 'off': return false;
  }
  throw new CastError(`invalid boolean: ${v}`);
};

const svc = (...p: string[]) => ['services', '*', ...p].join('.');
const CASTS: [string, Cast][] = [
  [svc('configs', '[]', 'mode'), toInt],
  [svc('secrets', '[]', 'mode'), toInt],
  [svc('healthcheck', 'retries'), toInt],
  [svc('healthcheck', 'disable'), toBoolean],
  [svc('deploy', 'replicas'), toInt],
  [svc('deploy', 'update_config', 'parallelism'), toInt],
  [svc('deploy', 'update_config', 'max_failure_ratio'), toFloat],
  [svc('deploy', 'rollback_config', 'parallelism'), toInt],
  [svc('deploy', 'rollback_config', 'max_failure_ratio'), toFloat],
  [svc('deploy', 'restart_policy', 'max_attempts'), toInt],
  [svc('deploy', 'placement', 'max_replicas_per_node'), toInt],
  [svc('ports', '[]', 'target'), toInt],
  [svc('ports', '[]', 'published'), toInt],
  [svc('ulimits', '*'), toInt],
  [svc('ulimits', '*', 'hard'), toInt],
  [svc('ulimits', '*', 'soft'), toInt],
  [svc('privileged'), toBoolean],
  [svc('oom_score_adj'), toInt],
  [svc('read_only'), toBoolean],
  [svc('stdin_open'), toBoolean],
  [svc('tty'), toBoolean],
  [svc('volumes', '[]', 'read_only'), toBoolean],
  [svc('volumes', '[]', 'volume', 'nocopy'), toBoolean],
  ['networks.*.external', toBoolean],
  ['networks.*.internal', toBoolean],
  ['networks.*.attachable', toBoolean],
  ['volumes.*.external', toBoolean],
  ['secrets.*.external', toBoolean],
  ['configs.*.external', toBoolean],
];

function castFor(path: string[]): Cast | undefined {
  for (const [pattern, cast] of CASTS) {
    const parts = pattern.split('.');
    if (parts.length !== path.length) continue;
    if (parts.every((p, i) => p === '*' || p === path[i])) return cast;
  }
  return undefined;
}

/** docker's interpolation.Interpolate over a whole file's mapping; errors carry docker's text. */
export function interpolateConfig(config: Record<string, unknown>, lookup: Lookup): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = walk(v, [k], lookup);
  return out;
}

function walk(value: unknown, path: string[], lookup: Lookup): unknown {
  if (typeof value === 'string') {
    let next: string;
    try {
      next = substitute(value, lookup);
    } catch (e) {
      if (e instanceof InvalidTemplateError) {
        throw new Error(`invalid interpolation format for ${path.join('.')}: ${goQuote(e.template)}; you may need to escape any $ with another $`);
      }
      throw e;
    }
    if (next === value) return value;
    const cast = castFor(path);
    if (!cast) return next;
    try {
      return cast(next);
    } catch (e) {
      throw new Error(`error while interpolating ${path.join('.')}: failed to cast to expected type: ${(e as Error).message}`);
    }
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, [...path, '[]'], lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k], lookup);
    return out;
  }
  return value;
}
