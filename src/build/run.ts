// runBuild: docker 28's classic build from the client's side. The context is prepared and
// streamed (never held in memory), POST /build is sent with docker's query and headers, and
// the answer is shown: docker's plain lines when stdout is not a terminal, a live view when
// it is (loaded only then), the image ID alone with -q.
import { rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { withoutCiDetection } from '../util/ci-env.js';
import type { BodyWriter, Query } from '../engine/client.js';
import type { Cli } from '../cli/cli.js';
import { StatusError } from '../cli/errors.js';
import { buildQuery, imageBuild, type ImageBuildOptions } from '../engine/build.js';
import { jsonMessages, type JSONMessage } from '../engine/stream.js';
import { prepareContext, contextStream, ContextError, PrepareError, isURL } from './prepare.js';
import { BodyError, streamUpload, tarUpload } from './upload.js';
import { rewriteDockerfileInTar } from './tar.js';
import { trustedDockerfile } from './trust.js';
import { auxImageId, BuildMessageError, displayMessage, progressLine, SENDING } from './output.js';
import { authConfigsForBuild } from './auth.js';
import { pathError } from './gopath.js';

export interface BuildOptions {
  context: string;
  dockerfileName: string;
  tags: string[];
  labels: string[];
  buildArgs: string[];
  extraHosts: string[];
  ulimits: { Name: string; Hard: number; Soft: number }[];
  memory: number;
  memorySwap: number;
  shmSize: number;
  cpuShares: number;
  cpuPeriod: number;
  cpuQuota: number;
  cpuSetCpus: string;
  cpuSetMems: string;
  cgroupParent: string;
  isolation: string;
  quiet: boolean;
  noCache: boolean;
  rm: boolean;
  forceRm: boolean;
  pull: boolean;
  cacheFrom: string[];
  compress: boolean;
  securityOpt: string[];
  networkMode: string;
  squash: boolean;
  target: string;
  imageIDFile: string;
  platform: string;
  /** --disable-content-trust (true unless DOCKER_CONTENT_TRUST) */
  untrusted: boolean;
}

/** What shows a build: docker's plain lines, or the terminal view. */
export interface BuildView {
  /** the context upload: bytes read so far, `done` once at its end */
  upload(bytes: number, done: boolean): void;
  /** a URL context's download progress text (docker's raw progress lines) */
  download?(text: string): void;
  /** one message of the daemon's stream (aux messages excepted) */
  message(jm: JSONMessage): void;
  /** the build is over; `err` is what will be printed */
  end(err?: unknown): Promise<void>;
}

/**
 * docker's output without a terminal: the upload's last line (to `writeProg`), then the
 * stream as it comes (to `writeBuild`); both are stdout unless -q buffers them.
 */
export function plainView(writeProg: (s: string) => void, writeBuild: (s: string) => void, isTerminal: boolean): BuildView {
  let lastShown = 0;
  return {
    upload(bytes, done) {
      if (done) {
        writeProg(progressLine(SENDING, bytes, 0, true));
      } else if (isTerminal) {
        // on a terminal without the live view (-q), docker writes every update, rate-limited
        const now = Date.now();
        if (now - lastShown >= 100) {
          lastShown = now;
          writeProg(progressLine(SENDING, bytes, 0, false));
        }
      }
    },
    download(text) {
      writeProg(text);
    },
    message(jm) {
      displayMessage(jm, writeBuild);
    },
    async end() {
      // nothing kept on screen to finish
    },
  };
}

/** the URL docker's client names in its errors: http://%2Fpath%2Fto.sock/v1.41/build?... */
function requestURL(cli: Cli, query: Query): Promise<string> {
  return cli.api().goURL('/build', query);
}

/** ConvertKVStringsToMapWithNil */
function kvWithNil(values: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) out[v] = null;
    else out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** ConvertKVStringsToMap */
function kv(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    out[eq < 0 ? v : v.slice(0, eq)] = eq < 0 ? '' : v.slice(eq + 1);
  }
  return out;
}

interface ProxyConfig {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  ftpProxy?: string;
  allProxy?: string;
}

/** configFile.ParseProxyConfig: the config's proxies become build args unless given */
function withProxies(cli: Cli, args: Record<string, string | null>): Record<string, string | null> {
  let proxies: Record<string, ProxyConfig> | undefined;
  try {
    proxies = cli.config().proxies as Record<string, ProxyConfig> | undefined;
  } catch {
    proxies = undefined;
  }
  if (!proxies) return args;
  let host = '';
  try {
    host = cli.hostSpec();
  } catch {
    host = '';
  }
  const cfg = proxies[host] ?? proxies.default;
  if (!cfg) return args;
  const permitted: [string, string | undefined][] = [
    ['HTTP_PROXY', cfg.httpProxy],
    ['HTTPS_PROXY', cfg.httpsProxy],
    ['NO_PROXY', cfg.noProxy],
    ['FTP_PROXY', cfg.ftpProxy],
    ['ALL_PROXY', cfg.allProxy],
  ];
  for (const [k, v] of permitted) {
    if (!v) continue;
    if (!(k in args)) args[k] = v;
    if (!(k.toLowerCase() in args)) args[k.toLowerCase()] = v;
  }
  return args;
}

function isTTY(s: NodeJS.WriteStream): boolean {
  return !!s.isTTY;
}

export async function runBuild(cli: Cli, o: BuildOptions): Promise<number> {
  // -q keeps docker's two buffers: the upload line and the build's output, shown on failure
  const progBuff: string[] = [];
  const buildBuff: string[] = [];
  const writeProg = o.quiet ? (s: string) => void progBuff.push(s) : (s: string) => void cli.out.write(s);
  const writeBuild = o.quiet ? (s: string) => void buildBuff.push(s) : (s: string) => void cli.out.write(s);
  const terminal = isTTY(cli.out);

  if (o.imageIDFile !== '') {
    try {
      rmSync(o.imageIDFile);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new StatusError(`Removing image ID file: ${pathError('remove', o.imageIDFile, e).message}`, 1);
    }
  }

  let view: BuildView;
  // a terminal of unknown size (rows 0) would make Ink clear the whole screen on every frame
  if (terminal && !o.quiet && (cli.out.rows ?? 0) > 0) {
    const { renderBuildView } = await withoutCiDetection(() => import('../ui/build-view.js'));
    view = renderBuildView({ stdout: cli.out, stderr: cli.err });
  } else {
    view = plainView(writeProg, writeBuild, terminal);
  }

  let prepared;
  try {
    prepared = await prepareContext({
      context: o.context,
      dockerfileName: o.dockerfileName,
      stdin: cli.in,
      env: cli.env,
      progress: (s) => (view.download ? view.download(s) : writeProg(s)),
      log: (line) => void cli.err.write(line),
    });
  } catch (e) {
    if (e instanceof PrepareError && o.quiet && isURL(o.context)) cli.err.write(`${progBuff.join('')}\n`);
    await view.end(e);
    if (e instanceof ContextError) throw new StatusError(e.message, 1);
    throw e;
  }

  const onBytes = (n: number, done: boolean): void => view.upload(n, done);
  let upload: BodyWriter;
  if (prepared.tar && !o.compress && o.untrusted) {
    upload = tarUpload(prepared.tar, onBytes);
  } else {
    let stream = contextStream(prepared);
    if (!o.untrusted) {
      // content trust: the Dockerfile's FROM images are resolved as the context goes
      const src = stream;
      stream = Readable.from(rewriteDockerfileInTar(src, prepared.relDockerfile, (content) => trustedDockerfile(cli, content)), { objectMode: false });
    }
    upload = streamUpload(o.compress ? [stream, createGzip()] : [stream], onBytes);
  }

  const opts: ImageBuildOptions = {
    tags: o.tags,
    securityOpt: o.securityOpt,
    extraHosts: o.extraHosts,
    suppressOutput: o.quiet,
    noCache: o.noCache,
    remove: o.rm,
    forceRemove: o.forceRm,
    pullParent: o.pull,
    squash: o.squash,
    isolation: o.isolation,
    cpuSetCpus: o.cpuSetCpus,
    networkMode: o.networkMode,
    cpuSetMems: o.cpuSetMems,
    cpuShares: o.cpuShares,
    cpuQuota: o.cpuQuota,
    cpuPeriod: o.cpuPeriod,
    memory: o.memory,
    memorySwap: o.memorySwap,
    cgroupParent: o.cgroupParent,
    shmSize: o.shmSize,
    dockerfile: prepared.relDockerfile,
    target: o.target,
    ulimits: o.ulimits,
    buildArgs: withProxies(cli, kvWithNil(o.buildArgs)),
    labels: kv(o.labels),
    cacheFrom: o.cacheFrom,
    platform: o.platform,
    version: '1',
    authConfigs: authConfigsForBuild(cli),
  };

  let imageId = '';
  try {
    let res;
    try {
      res = await imageBuild(cli.api(), upload, opts);
    } catch (e) {
      if (o.quiet) cli.err.write(progBuff.join(''));
      if (e instanceof BodyError) throw new StatusError(`error during connect: Post "${await requestURL(cli, buildQuery(opts))}": ${e.message}`, 1);
      throw e;
    } finally {
      // an answer before the whole context was read: stop producing it
      prepared.tar?.close();
    }
    try {
      for await (const value of jsonMessages<JSONMessage>(res.body)) {
        const jm: JSONMessage = value && typeof value === 'object' ? value : {};
        if (jm.aux !== undefined && jm.aux !== null) {
          const id = auxImageId(jm.aux);
          if (id === undefined && (typeof jm.aux !== 'object' || Array.isArray(jm.aux))) {
            const kind = Array.isArray(jm.aux) ? 'array' : typeof jm.aux === 'boolean' ? 'bool' : typeof jm.aux;
            cli.err.write(`Failed to parse aux message: json: cannot unmarshal ${kind} into Go value of type build.Result`);
          } else {
            imageId = id ?? '';
          }
          continue;
        }
        view.message(jm);
      }
    } catch (e) {
      if (e instanceof BuildMessageError) {
        if (o.quiet) cli.err.write(progBuff.join('') + buildBuff.join(''));
        throw new StatusError(e.message, e.code || 1);
      }
      throw e;
    }
    if (o.quiet) {
      imageId = buildBuff.join('');
      cli.out.write(imageId);
    }
    if (o.imageIDFile !== '') {
      if (imageId === '') throw new StatusError(`Server did not provide an image ID. Cannot write ${o.imageIDFile}`, 1);
      try {
        writeFileSync(o.imageIDFile, imageId, { mode: 0o666 });
      } catch (e) {
        throw new StatusError(pathError('open', o.imageIDFile, e).message, 1);
      }
    }
    await view.end();
    return 0;
  } catch (e) {
    await view.end(e);
    throw e;
  } finally {
    prepared.cleanup();
  }
}
