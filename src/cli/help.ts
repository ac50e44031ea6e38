// docker's help and usage texts (docker/cli's cobra templates with pflag's wrapped flag
// usages), produced from berth's static command metadata.
import type { FlagSpec } from './flags.js';
import type { CommandSpec } from './spec.js';
import { PROGRAM } from './cli.js';
import { configDir } from '../config/config.js';
import { allPaths, groupVerbs, groups, shortOf, topLevel, type CommandEntry } from './registry.js';

/** pflag's wrapN */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: text indented by `i` columns in a `w` wide screen */
function wrap(i: number, w: number, s: string): string {
  if (w === 0) return s.replaceAll('\n', `\n${' '.repeat(i)}`);
  let width = w - i;
  let r = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    r += `\n${' '.repeat(i)}`;
  }
  if (width < 24) return s.replaceAll('\n', r);
  const slop = 5;
  width -= slop;
  let l: string;
  [l, s] = wrapN(width, slop, s);
  r += l.replaceAll('\n', `\n${' '.repeat(i)}`);
  while (s !== '') {
    let t: string;
    [t, s] = wrapN(width, slop, s);
    r += `\n${' '.repeat(i)}${t.replaceAll('\n', `\n${' '.repeat(i)}`)}`;
  }
  return r;
}

function defaultIsZero(f: FlagSpec): boolean {
  const d = f.default;
  return d === undefined || d === false || d === 0 || d === '' || (Array.isArray(d) && d.length === 0);
}

/** pflag's FlagUsagesWrapped */
export function flagUsages(flags: FlagSpec[], cols: number): string {
  const lines: string[] = [];
  let maxlen = 0;
  for (const f of flags) {
    if (f.hidden || f.deprecated) continue;
    let line = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    let usage = f.usage;
    let varname = f.kind === 'bool' ? '' : (f.type ?? 'string');
    const bq = /`([^`]*)`/.exec(usage);
    if (bq) {
      varname = bq[1]!;
      usage = usage.replace(/`([^`]*)`/, '$1');
    }
    if (varname) line += ` ${varname}`;
    line += '\0';
    if (line.length > maxlen) maxlen = line.length;
    line += usage;
    if (f.defaultText !== undefined) {
      if (f.defaultText !== '') line += ` (default ${f.defaultText})`;
    } else if (!defaultIsZero(f)) {
      line += f.type === 'string' || (f.type === undefined && f.kind === 'value') ? ` (default ${JSON.stringify(f.default)})` : ` (default ${String(f.default)})`;
    }
    lines.push(line);
  }
  let out = '';
  for (const line of lines) {
    const sidx = line.indexOf('\0');
    out += `${line.slice(0, sidx)} ${' '.repeat(maxlen - sidx)} ${wrap(maxlen + 2, cols, line.slice(sidx + 1))}\n`;
  }
  return out;
}

function helpWidth(): number {
  const cols = process.stdin.isTTY ? process.stdout.columns || (process.stdin as unknown as { columns?: number }).columns : undefined;
  return (cols && cols > 0 ? cols : 80) - 1;
}

export function useLine(path: string[], spec: CommandSpec): string {
  return `${PROGRAM} ${path.join(' ')}${spec.use ? ` ${spec.use}` : ''}`;
}

export function commandHelp(entry: CommandEntry, path: string[], spec: CommandSpec, flags: FlagSpec[] = spec.flags): string {
  let s = `Usage:  ${useLine(path, spec)}\n\n${(spec.long ?? spec.short).trim()}\n`;
  const paths = [...allPaths(entry), ...(spec.helpAliases ?? [])];
  if (paths.length > 1) {
    s += `\nAliases:\n  ${paths.map((p) => `${PROGRAM} ${p.join(' ')}`).join(', ')}\n`;
  }
  if (spec.example) s += `\nExamples:\n${spec.example}\n`;
  const visible = flags.filter((f) => !f.hidden && !f.deprecated);
  if (visible.length > 0) {
    s += `\nOptions:\n${flagUsages(flags, helpWidth()).trimEnd()}\n`;
  }
  return s;
}

function commandList(items: { name: string; short: string }[]): string {
  // cobra: "  {{rpad .Name .NamePadding}} {{.Short}}", padding at least 11
  const width = Math.max(11, ...items.map((i) => i.name.length));
  return items.map((i) => `  ${i.name.padEnd(width)} ${i.short}\n`).join('');
}

export function groupHelp(group: string): string {
  const g = groups.find((x) => x.name === group)!;
  const items = groupVerbs(group)
    .map((v) => ({ name: v.name, short: v.entry.short }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return `Usage:  ${PROGRAM} ${group} COMMAND\n\n${g.short}\n\nCommands:\n${commandList(items)}\nRun '${PROGRAM} ${group} COMMAND --help' for more information on a command.\n`;
}

export const globalFlagSpecs: FlagSpec[] = [
  { name: 'config', kind: 'value', type: 'string', usage: 'Location of client config files', defaultText: '"~/.docker"' },
  { name: 'context', short: 'c', kind: 'value', type: 'string', usage: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")' },
  { name: 'debug', short: 'D', kind: 'bool', usage: 'Enable debug mode' },
  { name: 'host', short: 'H', kind: 'list', type: 'list', usage: 'Daemon socket to connect to' },
  { name: 'log-level', short: 'l', kind: 'value', type: 'string', usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', default: 'info' },
  { name: 'tls', kind: 'bool', usage: 'Use TLS; implied by --tlsverify' },
  { name: 'tlscacert', kind: 'value', type: 'string', usage: 'Trust certs signed only by this CA', defaultText: '"~/.docker/ca.pem"' },
  { name: 'tlscert', kind: 'value', type: 'string', usage: 'Path to TLS certificate file', defaultText: '"~/.docker/cert.pem"' },
  { name: 'tlskey', kind: 'value', type: 'string', usage: 'Path to TLS key file', defaultText: '"~/.docker/key.pem"' },
  { name: 'tlsverify', kind: 'bool', usage: 'Use TLS and verify the remote' },
  { name: 'version', short: 'v', kind: 'bool', usage: 'Print version information and quit' },
];

/**
 * the global flags as docker's help shows them: the defaults of --config and the TLS files are
 * the paths docker would use (DOCKER_CONFIG or $HOME/.docker, DOCKER_CERT_PATH for the files)
 */
function globalFlagsWithDefaults(env: NodeJS.ProcessEnv = process.env): FlagSpec[] {
  const dir = configDir(undefined, env);
  const certs = env.DOCKER_CERT_PATH || dir;
  const files: Record<string, string> = { config: dir, tlscacert: `${certs}/ca.pem`, tlscert: `${certs}/cert.pem`, tlskey: `${certs}/key.pem` };
  return globalFlagSpecs.map((f) => (files[f.name] !== undefined ? { ...f, defaultText: JSON.stringify(files[f.name]) } : f));
}

export function rootHelp(): string {
  const sections: [string, string][] = [
    ['common', 'Common Commands'],
    ['management', 'Management Commands'],
    ['swarm', 'Swarm Commands'],
    ['other', 'Commands'],
  ];
  let s = `Usage:  ${PROGRAM} [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n`;
  for (const [cat, title] of sections) {
    const items = topLevel.filter((t) => t.category === cat).map((t) => ({ name: t.name, short: shortOf(t.name) ?? '' }));
    if (items.length === 0) continue;
    s += `\n${title}:\n${commandList(items)}`;
  }
  s += `\nGlobal Options:\n${flagUsages(globalFlagsWithDefaults(), helpWidth()).trimEnd()}\n`;
  s += `\nRun '${PROGRAM} COMMAND --help' for more information on a command.\n`;
  s += `\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n`;
  return s;
}

/** docker's texts for wrong argument counts (docker/cli cli/required.go) */
export function argCountError(path: string[], spec: CommandSpec, given: number): string | undefined {
  const rule = spec.args;
  const cmd = `${PROGRAM} ${path.join(' ')}`;
  const usage = useLine(path, spec);
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  switch (rule.kind) {
    case 'none':
      if (given > 0) return `${PROGRAM}: '${cmd}' accepts no arguments\n\nUsage:  ${usage}\n\nRun '${cmd} --help' for more information`;
      return undefined;
    case 'min':
      if (given < rule.n) return `${PROGRAM}: '${cmd}' requires at least ${rule.n} ${plural(rule.n)}\n\nUsage:  ${usage}\n\nSee '${cmd} --help' for more information`;
      return undefined;
    case 'max':
      // docker 28's text has this typo ("SRun")
      if (given > rule.n) return `${PROGRAM}: '${cmd}' requires at most ${rule.n} ${plural(rule.n)}\n\nUsage:  ${usage}\n\nSRun '${cmd} --help' for more information`;
      return undefined;
    case 'exact':
      if (given !== rule.n) return `${PROGRAM}: '${cmd}' requires ${rule.n} ${plural(rule.n)}\n\nUsage:  ${usage}\n\nRun '${cmd} --help' for more information`;
      return undefined;
    case 'range':
      if (given < rule.min || given > rule.max) return `${PROGRAM}: '${cmd}' requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}\n\nUsage:  ${usage}\n\nRun '${cmd} --help' for more information`;
      return undefined;
    default:
      return undefined;
  }
}
