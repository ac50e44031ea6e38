// The swarm verbs' shared options (docker/cli cli/command/swarm/opts.go): node addresses,
// external CAs, PEM files, the swarm spec flags that only change what was given, and the
// join and unlock instructions init, join-token, update and unlock-key print.
import { readFileSync } from 'node:fs';
import type { FlagSpec } from '../../src/cli/flags.js';
import type { Cli } from '../../src/cli/cli.js';
import { PROGRAM } from '../../src/cli/cli.js';
import { readCsvRecord } from '../../src/cli/opts/csv.js';
import { goParseDuration, goParseInt, goParseUint } from '../../src/cli/opts/goparse.js';
import { splitHostPort } from '../../src/cli/opts/netaddr.js';
import { goFileError } from '../../src/cli/opts/kvfile.js';
import { inspectSwarm } from '../../src/engine/swarm.js';
import { inspectNode } from '../../src/engine/nodes.js';

export const DEFAULT_LISTEN_ADDR = '0.0.0.0:2377';

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's url.Parse of "tcp://"+addr, the parts ParseTCPAddr uses (host and path) */
function parseTcpURL(addr: string): { host: string; path: string } {
  const raw = `tcp://${addr}`;
  const fail = (why: string): Error => new Error(`parse ${JSON.stringify(raw)}: ${why}`);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw fail('net/url: invalid control character in URL');
  let rest = addr;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  const slash = rest.indexOf('/');
  let authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  const validPort = (p: string): boolean => p === '' || /^:[0-9]*$/.test(p);
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) throw fail("missing ']' in host");
    const colonPort = authority.slice(end + 1);
    if (!validPort(colonPort)) throw fail(`invalid port ${JSON.stringify(colonPort)} after host`);
  } else {
    const i = authority.lastIndexOf(':');
    if (i >= 0) {
      const colonPort = authority.slice(i);
      if (!validPort(colonPort)) throw fail(`invalid port ${JSON.stringify(colonPort)} after host`);
    }
  }
  return { host: authority, path };
}

/** docker's opts.ParseTCPAddr, without the tcp:// its NodeAddrOption trims */
export function parseNodeAddr(tryAddr: string, defaultAddr: string): string {
  if (tryAddr === '' || tryAddr === 'tcp://') return defaultAddr;
  const addr0 = tryAddr.startsWith('tcp://') ? tryAddr.slice(6) : tryAddr;
  if (addr0.includes('://') || addr0 === '') throw new Error(`invalid proto, expected tcp: ${tryAddr}`);
  const [defaultHost, defaultPort] = splitHostPort(defaultAddr.replace(/^tcp:\/\//, ''));
  let addr = addr0;
  if (addr.endsWith(']:')) addr += defaultPort;
  const u = parseTcpURL(addr);
  let host: string;
  let port: string;
  try {
    [host, port] = splitHostPort(u.host);
  } catch {
    try {
      [host, port] = splitHostPort(joinHostPort(u.host, defaultPort));
    } catch {
      throw new Error(`invalid bind address format: ${tryAddr}`);
    }
  }
  if (host === '') host = defaultHost;
  if (port === '') port = defaultPort;
  return `${joinHostPort(host, port)}${u.path}`;
}

/** --listen-addr: each value parsed against the one before it, as NodeAddrOption.Set does */
export function listenAddrFlag(): FlagSpec {
  let current = DEFAULT_LISTEN_ADDR;
  return {
    name: 'listen-addr',
    kind: 'value',
    type: 'node-addr',
    usage: 'Listen address (format: "<ip|interface>[:port]")',
    default: DEFAULT_LISTEN_ADDR,
    defaultText: DEFAULT_LISTEN_ADDR,
    parse: (raw) => (current = parseNodeAddr(raw, current)),
  };
}

/** encoding/pem's Decode found a block */
export function hasPemBlock(text: string): boolean {
  const re = /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t\r]*\n([\s\S]*?)\n?-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let body = m[2]!;
    // headers end at the first blank line when the block has any
    if (/^[^\n:]+:/.test(body)) {
      const blank = body.search(/\r?\n\r?\n/);
      if (blank < 0) continue;
      body = body.slice(blank);
    }
    const b64 = body.replace(/[\s]/g, '');
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(b64) && b64.length % 4 === 0) return true;
  }
  return false;
}

function readFileGo(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(goFileError(e, path));
  }
}

export interface PemFile {
  path: string;
  contents: string;
}

export function parsePemFile(path: string): PemFile {
  const contents = readFileGo(path);
  if (!hasPemBlock(contents)) throw new Error('file contents must be in PEM format');
  return { path, contents };
}

export interface ExternalCA {
  Protocol: string;
  URL: string;
  Options?: Record<string, string>;
  CACert?: string;
}

/** docker's parseExternalCA */
export function parseExternalCA(spec: string): ExternalCA {
  let fields: string[];
  try {
    fields = readCsvRecord(spec);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  const ca: ExternalCA = { Protocol: '', URL: '' };
  const options: Record<string, string> = {};
  let hasProtocol = false;
  let hasURL = false;
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq < 0) throw new Error(`invalid field '${field}' must be a key=value pair`);
    const key = field.slice(0, eq);
    const value = field.slice(eq + 1);
    switch (key.toLowerCase()) {
      case 'protocol':
        hasProtocol = true;
        if (value.toLowerCase() !== 'cfssl') throw new Error(`unrecognized external CA protocol ${value}`);
        ca.Protocol = 'cfssl';
        break;
      case 'url':
        hasURL = true;
        ca.URL = value;
        break;
      case 'cacert': {
        let contents: string;
        try {
          contents = readFileGo(value);
        } catch (e) {
          throw new Error(`unable to read CA cert for external CA: ${(e as Error).message}`);
        }
        if (!hasPemBlock(contents)) throw new Error('CA cert for external CA must be in PEM format');
        ca.CACert = contents;
        break;
      }
      default:
        options[key] = value;
    }
  }
  if (!hasProtocol) throw new Error('the external-ca option needs a protocol= parameter');
  if (!hasURL) throw new Error('the external-ca option needs a url= parameter');
  if (Object.keys(options).length > 0) ca.Options = options;
  return ca;
}

const duration = (raw: string): number => goParseDuration(raw);

export const CA_FLAGS: FlagSpec[] = [
  { name: 'cert-expiry', kind: 'value', type: 'duration', usage: 'Validity period for node certificates (ns|us|ms|s|m|h)', default: 90 * 24 * 3600 * 1e9, defaultText: '2160h0m0s', parse: duration },
  { name: 'external-ca', kind: 'list', type: 'external-ca', usage: 'Specifications of one or more certificate signing endpoints', defaultText: '', parse: parseExternalCA },
];

export const SWARM_FLAGS: FlagSpec[] = [
  { name: 'task-history-limit', kind: 'value', type: 'int', usage: 'Task history retention limit', default: 5, parse: (raw) => goParseInt(raw, 0, 64) },
  { name: 'dispatcher-heartbeat', kind: 'value', type: 'duration', usage: 'Dispatcher heartbeat period (ns|us|ms|s|m|h)', default: 5e9, defaultText: '5s', parse: duration },
  { name: 'max-snapshots', kind: 'value', type: 'uint', usage: 'Number of additional Raft snapshots to retain', default: 0, parse: (raw) => goParseUint(raw, 0, 64) },
  { name: 'snapshot-interval', kind: 'value', type: 'uint', usage: 'Number of log entries between Raft snapshots', default: 10000, parse: (raw) => goParseUint(raw, 0, 64) },
  ...CA_FLAGS,
];

/* eslint-disable @typescript-eslint/no-explicit-any */
function sub(o: Record<string, any>, key: string): Record<string, any> {
  if (o[key] == null || typeof o[key] !== 'object') o[key] = {};
  return o[key];
}

/** mergeSwarmSpecCAFlags: --cert-expiry and --external-ca when given */
export function mergeCAFlags(spec: Record<string, any>, opts: Record<string, unknown>, changed: Set<string>, caCert?: string): void {
  if (changed.has('cert-expiry')) sub(spec, 'CAConfig').NodeCertExpiry = opts['cert-expiry'];
  if (changed.has('external-ca')) {
    const cas = (opts['external-ca'] as ExternalCA[]).map((c) => ({ ...c }));
    if (caCert !== undefined) for (const c of cas) if (!c.CACert) c.CACert = caCert;
    sub(spec, 'CAConfig').ExternalCAs = cas;
  }
}

/** mergeSwarmSpec: only the flags given change the spec */
export function mergeSwarmSpec(spec: Record<string, any>, opts: Record<string, unknown>, changed: Set<string>, caCert?: string): void {
  if (changed.has('task-history-limit')) sub(spec, 'Orchestration').TaskHistoryRetentionLimit = opts['task-history-limit'];
  if (changed.has('dispatcher-heartbeat')) sub(spec, 'Dispatcher').HeartbeatPeriod = opts['dispatcher-heartbeat'];
  if (changed.has('max-snapshots')) sub(spec, 'Raft').KeepOldSnapshots = opts['max-snapshots'];
  if (changed.has('snapshot-interval')) sub(spec, 'Raft').SnapshotInterval = opts['snapshot-interval'];
  if (changed.has('autolock')) sub(spec, 'EncryptionConfig').AutoLockManagers = opts.autolock;
  mergeCAFlags(spec, opts, changed, caCert);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** init's and join's --availability */
export function availabilityOf(raw: string): string {
  const a = raw.toLowerCase();
  if (a === 'active' || a === 'pause' || a === 'drain') return a;
  throw new Error(`invalid availability ${JSON.stringify(raw)}, only active, pause and drain are supported`);
}

export function availabilityFlag(): FlagSpec {
  return { name: 'availability', kind: 'value', type: 'string', usage: 'Availability of the node ("active", "pause", "drain")', default: 'active' };
}

export function unlockInstructions(key: string): string {
  if (key === '') return '';
  return (
    `To unlock a swarm manager after it restarts, run the \`${PROGRAM} swarm unlock\`\ncommand and provide the following key:\n\n    ${key}\n\n` +
    'Remember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n'
  );
}

/** printJoinCommand: the join commands for the roles asked, when the node is a manager */
export async function joinInstructions(cli: Cli, nodeID: string, worker: boolean, manager: boolean): Promise<string> {
  const api = cli.api();
  const node = await inspectNode(api, nodeID);
  const sw = await inspectSwarm(api);
  let s = '';
  const addr = node.ManagerStatus?.Addr;
  if (node.ManagerStatus) {
    if (worker) s += `To add a worker to this swarm, run the following command:\n\n    ${PROGRAM} swarm join --token ${sw.JoinTokens.Worker} ${addr ?? ''}\n\n`;
    if (manager) s += `To add a manager to this swarm, run the following command:\n\n    ${PROGRAM} swarm join --token ${sw.JoinTokens.Manager} ${addr ?? ''}\n\n`;
  }
  return s;
}
