// `docker version`'s data: system.versionInfo {Client clientVersion; Server *types.Version}
// as docker 28 builds it from the engine's /version, its JSON, and the default template's
// output (written out here rather than run through the template engine; the tabwriter that
// aligns it is the caller's).
import os from 'node:os';
import { GoNil, goSlice, goStruct } from '../values.js';
import { BERTH_VERSION, type Cli } from '../../cli/cli.js';
import { DEFAULT_API_VERSION } from '../../engine/client.js';
import { ClientVersion, decode, decodeStruct, f, map, marshal, ptr, slice, str, struct, bool, type ClientFacts } from './info.js';

const ComponentVersion = struct('types.ComponentVersion', [f('Name', str()), f('Version', str()), f('Details', map(str()), { omitempty: true })]);

/** types.Version as vendored by docker CLI 28.2 */
export const ServerVersion = struct('types.Version', [
  f('Platform', struct('struct { Name string }', [f('Name', str())]), { omitempty: true }),
  f('Components', slice(ComponentVersion), { omitempty: true }),
  f('Version', str()),
  f('APIVersion', str(), { json: 'ApiVersion' }),
  f('MinAPIVersion', str(), { omitempty: true }),
  f('GitCommit', str()),
  f('GoVersion', str()),
  f('Os', str()),
  f('Arch', str()),
  f('KernelVersion', str(), { omitempty: true }),
  f('Experimental', bool(), { omitempty: true }),
  f('BuildTime', str(), { omitempty: true }),
]);

const VersionInfo = struct('system.versionInfo', [f('Client', ClientVersion), f('Server', ptr(ServerVersion))]);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * docker's reformatDate: an RFC 3339 time as time.ANSIC ("Mon Jan _2 15:04:05 2006") in the
 * timestamp's own zone; anything else unchanged.
 */
export function reformatDate(s: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return s;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return s;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  if (date.getUTCDate() !== d) return s;
  date.setUTCFullYear(y);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[mo - 1]} ${String(d).padStart(2, ' ')} ${pad(h)}:${pad(mi)}:${pad(se)} ${y}`;
}

/** The server part as docker keeps it: the Engine's BuildTime reformatted, an Engine component made up when the engine lists none. */
function serverValue(raw: Record<string, unknown>): Record<string, unknown> {
  const v = decodeStruct(ServerVersion, raw, '*types.Version');
  let components = v.Components as unknown;
  let foundEngine = false;
  if (Array.isArray(components)) {
    for (const c of components as Record<string, unknown>[]) {
      if (c.Name !== 'Engine') continue;
      foundEngine = true;
      const details = c.Details;
      if (details instanceof GoNil || details === undefined) continue;
      const d = details as Record<string, string>;
      if (Object.prototype.hasOwnProperty.call(d, 'BuildTime')) d.BuildTime = reformatDate(d.BuildTime!);
    }
  }
  if (!foundEngine) {
    const engine = decode(ComponentVersion, {
      Name: 'Engine',
      Version: v.Version,
      Details: {
        ApiVersion: v.APIVersion,
        MinAPIVersion: v.MinAPIVersion,
        GitCommit: v.GitCommit,
        GoVersion: v.GoVersion,
        Os: v.Os,
        Arch: v.Arch,
        BuildTime: reformatDate(String(v.BuildTime)),
        Experimental: String(v.Experimental),
      },
    });
    components = goSlice([...(Array.isArray(components) ? components : []), engine], '[]types.ComponentVersion');
    v.Components = components;
  }
  return v;
}

/** The versionInfo value templates run over; `server` null: the engine could not be asked. */
export function versionContext(client: ClientFacts, server: Record<string, unknown> | null): Record<string, unknown> {
  const obj: Record<string, unknown> = {
    Client: decodeStruct(ClientVersion, { ...client }),
    Server: server === null ? new GoNil('*types.Version', ServerVersion.fields.map((x) => x.name)) : serverValue(server),
  };
  goStruct(obj, 'system.versionInfo');
  Object.defineProperty(obj, 'MarshalJSON', { value: () => marshal(VersionInfo, obj), enumerable: false });
  return obj;
}

type V = Record<string, unknown>;
const s = (v: unknown): string => (v === undefined || v === null || v instanceof GoNil ? '' : String(v));

/**
 * What docker's default version template writes (before its tabwriter): cells end with a
 * tab, no newline at the end (docker adds one).
 */
export function defaultVersionText(ctx: V): string {
  const c = ctx.Client as V;
  const platform = c.Platform instanceof GoNil ? '' : s((c.Platform as V).Name);
  let out = `Client:${platform ? ` ${platform}` : ''}`;
  out += `\n Version:\t${s(c.Version)}`;
  const api = s(c.APIVersion);
  const dflt = s(c.DefaultAPIVersion);
  out += `\n API version:\t${api}${api !== dflt ? ` (downgraded from ${dflt})` : ''}`;
  out += `\n Go version:\t${s(c.GoVersion)}`;
  out += `\n Git commit:\t${s(c.GitCommit)}`;
  out += `\n Built:\t${s(c.BuildTime)}`;
  out += `\n OS/Arch:\t${s(c.Os)}/${s(c.Arch)}`;
  out += `\n Context:\t${s(c.Context)}`;
  if (ctx.Server instanceof GoNil) return out;
  const sv = ctx.Server as V;
  const name = s((sv.Platform as V).Name);
  out += `\n\nServer:${name ? ` ${name}` : ''}`;
  for (const comp of (Array.isArray(sv.Components) ? sv.Components : []) as V[]) {
    const details = (comp.Details instanceof GoNil ? {} : comp.Details) as Record<string, string>;
    const d = (k: string): string => s(details[k]);
    out += `\n ${s(comp.Name)}:`;
    if (comp.Name === 'Engine') {
      out += `\n  Version:\t${s(comp.Version)}`;
      out += `\n  API version:\t${d('ApiVersion')} (minimum version ${d('MinAPIVersion')})`;
      out += `\n  Go version:\t${d('GoVersion')}`;
      out += `\n  Git commit:\t${d('GitCommit')}`;
      out += `\n  Built:\t${d('BuildTime')}`;
      out += `\n  OS/Arch:\t${d('Os')}/${d('Arch')}`;
      out += `\n  Experimental:\t${d('Experimental')}`;
    } else {
      out += `\n  Version:\t${s(comp.Version)}`;
      for (const key of Object.keys(details).sort()) out += `\n  ${key}:\t${d(key)}`;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// what berth reports about itself

declare const BERTH_BUILD: string | undefined;
declare const BERTH_BUILD_TIME: string | undefined;

/** runtime.GOOS for Node's platform names */
export function goOS(platform: string = process.platform): string {
  switch (platform) {
    case 'win32':
      return 'windows';
    case 'sunos':
      return 'solaris';
    default:
      return platform;
  }
}

/** runtime.GOARCH for Node's architecture names */
export function goArch(arch: string = process.arch, littleEndian = os.endianness() === 'LE'): string {
  switch (arch) {
    case 'x64':
      return 'amd64';
    case 'ia32':
      return '386';
    case 'ppc64':
      return littleEndian ? 'ppc64le' : 'ppc64';
    case 'mipsel':
      return 'mipsle';
    default:
      return arch;
  }
}

/** docker's resolveContextName: --context, else "default" when -H or DOCKER_HOST, else DOCKER_CONTEXT, else the config's */
export function contextName(cli: Cli): string {
  if (cli.globals.context) return cli.globals.context;
  if (cli.globals.host.length > 0) return 'default';
  if (cli.env.DOCKER_HOST) return 'default';
  if (cli.env.DOCKER_CONTEXT) return cli.env.DOCKER_CONTEXT;
  let current: string | undefined;
  try {
    current = cli.config().currentContext;
  } catch {
    current = undefined;
  }
  return current || 'default';
}

/**
 * The client's clientVersion. docker reports its Go build; berth keeps the same fields
 * (so templates and scripts reading them keep working) with what berth has:
 *   Version     berth's version (BERTH_VERSION)
 *   GoVersion   the JavaScript runtime, written the way Go writes its own: "node20.18.1"
 *   GitCommit   the commit berth was built from (the bundle's BERTH_BUILD), else "unknown"
 *   BuildTime   the bundle's BERTH_BUILD_TIME (RFC 3339, shown as docker shows its own)
 *               when the build defines one, else "unknown"
 *   Os/Arch     Node's platform and architecture under Go's names (linux/amd64)
 * `apiVersion` undefined leaves ApiVersion out, as `docker info` does.
 */
export function clientFacts(cli: Cli, apiVersion: string | undefined): ClientFacts {
  const commit = typeof BERTH_BUILD === 'string' && BERTH_BUILD !== '' ? BERTH_BUILD : 'unknown';
  const built = typeof BERTH_BUILD_TIME === 'string' && BERTH_BUILD_TIME !== '' ? reformatDate(BERTH_BUILD_TIME) : 'unknown';
  return {
    Version: BERTH_VERSION,
    ...(apiVersion !== undefined ? { ApiVersion: apiVersion } : {}),
    DefaultAPIVersion: DEFAULT_API_VERSION,
    GitCommit: commit,
    GoVersion: `node${process.versions.node}`,
    Os: goOS(),
    Arch: goArch(),
    BuildTime: built,
    Context: contextName(cli),
  };
}
