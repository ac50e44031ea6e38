import '../../src/cli/core.js';
import { createHash } from 'node:crypto';
import type { CommandModule } from '../../src/cli/spec.js';
import type { FlagSpec } from '../../src/cli/flags.js';
import type { Cli } from '../../src/cli/cli.js';
import { StatusError } from '../../src/cli/errors.js';
import { displayJSONMessages, progressString } from '../../src/cli/jsonstream.js';
import type { JSONMessage, JSONProgress } from '../../src/engine/stream.js';
import { inspectSwarm, updateSwarm, type Swarm } from '../../src/engine/swarm.js';
import { listNodes, type SwarmNode } from '../../src/engine/nodes.js';
import { CA_FLAGS, mergeCAFlags, parsePemFile, type ExternalCA, type PemFile } from './opts.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Display and rotate the root CA',
  args: { kind: 'none' },
  flags: ([
    { name: 'ca-cert', kind: 'value' as const, type: 'pem-file', usage: 'Path to the PEM-formatted root CA certificate to use for the new cluster', parse: parsePemFile },
    { name: 'ca-key', kind: 'value' as const, type: 'pem-file', usage: 'Path to the PEM-formatted root CA key to use for the new cluster', parse: parsePemFile },
    ...CA_FLAGS,
    { name: 'detach', short: 'd', kind: 'bool' as const, usage: 'Exit immediately instead of waiting for the root rotation to converge' },
    { name: 'quiet', short: 'q', kind: 'bool' as const, usage: 'Suppress progress output' },
    { name: 'rotate', kind: 'bool' as const, usage: 'Rotate the swarm CA - if no certificate or key are provided, new ones will be generated' },
  ] as FlagSpec[]).sort((a, b) => (a.name < b.name ? -1 : 1)),
};

function trustRoot(sw: Swarm): string {
  const root = sw.TLSInfo?.TrustRoot ?? '';
  if (root === '') throw new StatusError('No CA information available', 1);
  return `${root.trim()}\n`;
}

export const run: CommandModule['run'] = async (cli, { opts, changed }) => {
  const api = cli.api();
  const sw = await inspectSwarm(api);
  if (!opts.rotate) {
    for (const f of ['ca-cert', 'ca-key', 'cert-expiry', 'external-ca']) {
      if (changed.has(f)) throw new StatusError(`\`--${f}\` flag requires the \`--rotate\` flag to update the CA`, 1);
    }
    cli.out.write(trustRoot(sw));
    return;
  }
  const externalCAs = (opts['external-ca'] as ExternalCA[]) ?? [];
  if (changed.has('external-ca') && externalCAs.length > 0 && !changed.has('ca-cert')) {
    throw new StatusError(
      "rotating to an external CA requires the `--ca-cert` flag to specify the external CA's cert - to add an external CA with the current root CA certificate, use the `update` command instead",
      1,
    );
  }
  if (changed.has('ca-cert') && externalCAs.length === 0 && !changed.has('ca-key')) {
    throw new StatusError('the --ca-cert flag requires that a --ca-key flag and/or --external-ca flag be provided as well', 1);
  }
  const caCert = (opts['ca-cert'] as PemFile | undefined)?.contents ?? '';
  const caKey = (opts['ca-key'] as PemFile | undefined)?.contents ?? '';
  const swarmSpec = sw.Spec ?? {};
  mergeCAFlags(swarmSpec, opts, changed, caCert);
  swarmSpec.CAConfig ??= {};
  swarmSpec.CAConfig.SigningCACert = caCert;
  swarmSpec.CAConfig.SigningCAKey = caKey;
  if (caKey === '' && caCert === '') swarmSpec.CAConfig.ForceRotate = (swarmSpec.CAConfig.ForceRotate ?? 0) + 1;
  await updateSwarm(api, sw.Version.Index, swarmSpec);
  if (opts.detach) return;
  await attach(cli, opts.quiet as boolean);
};

const CERTS = '  rotated TLS certificates';
const ROOTS = '  rotated CA certificates';

/** a progress.Progress as streamformatter's JSON output writes it */
function progressMessage(id: string, action: string, p: JSONProgress = {}): JSONMessage {
  return { status: action, progress: progressString(p, 200, Date.now()), progressDetail: p, id };
}

/** a queue of messages that displayJSONMessages reads as a stream */
class MessageStream implements AsyncIterable<string> {
  private items: string[] = [];
  private wake?: () => void;
  private ended = false;
  push(m: JSONMessage): void {
    this.items.push(`${JSON.stringify(m)}\n`);
    this.wake?.();
  }
  end(): void {
    this.ended = true;
    this.wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.splice(0).join('');
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }
}

/** progress.updateProgress: the nodes whose certificates and trust roots match the desired root */
function updateProgress(out: MessageStream, sw: Swarm, nodes: SwarmNode[]): boolean {
  const desired = sw.TLSInfo ?? {};
  out.push(progressMessage('desired root digest', `sha256:${createHash('sha256').update(desired.TrustRoot ?? '').digest('hex')}`));
  let certsRight = 0;
  let rootsRight = 0;
  for (const n of nodes) {
    const t = n.Description?.TLSInfo ?? {};
    if ((t.CertIssuerPublicKey ?? '') === (desired.CertIssuerPublicKey ?? '') && (t.CertIssuerSubject ?? '') === (desired.CertIssuerSubject ?? '')) certsRight++;
    if ((t.TrustRoot ?? '') === (desired.TrustRoot ?? '')) rootsRight++;
  }
  const total = nodes.length;
  const counts = (current: number): JSONProgress => {
    const p: JSONProgress = {};
    if (current) p.current = current;
    if (total) p.total = total;
    p.units = 'nodes';
    return p;
  };
  out.push(progressMessage(CERTS, '', counts(certsRight)));
  if (certsRight === total && !sw.RootRotationInProgress) {
    out.push(progressMessage(ROOTS, ' ', counts(rootsRight)));
    return rootsRight === total;
  }
  out.push(progressMessage(ROOTS, ' ', counts(0)));
  return false;
}

/** progress.RootRotationProgress: polls until every node has the new root (Ctrl-C leaves it running) */
async function rootRotationProgress(cli: Cli, out: MessageStream): Promise<void> {
  const api = cli.api();
  let interrupted = false;
  let wakeUp: (() => void) | undefined;
  const onSigint = (): void => {
    interrupted = true;
    wakeUp?.();
  };
  process.on('SIGINT', onSigint);
  try {
    out.push(progressMessage('desired root digest', ''));
    out.push(progressMessage(CERTS, ''));
    out.push(progressMessage(ROOTS, ' '));
    let done = false;
    for (;;) {
      const sw = await inspectSwarm(api);
      if (done) return;
      const nodes = await listNodes(api);
      done = updateProgress(out, sw, nodes);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 200);
        wakeUp = () => {
          clearTimeout(t);
          r();
        };
      });
      if (interrupted) {
        if (!done) {
          out.push({ status: 'Operation continuing in background.', id: '' });
          out.push({ status: 'Use `swarmctl cluster inspect default` to check progress.', id: '' });
        }
        return;
      }
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    out.end();
  }
}

async function attach(cli: Cli, quiet: boolean): Promise<void> {
  const stream = new MessageStream();
  const progress = rootRotationProgress(cli, stream);
  if (quiet) {
    await progress;
    return;
  }
  const isTerminal = !!cli.out.isTTY;
  const shown = displayJSONMessages(stream, cli.out, { isTerminal, width: () => cli.out.columns });
  await Promise.all([progress, shown]);
  cli.out.write(trustRoot(await inspectSwarm(cli.api())));
}
