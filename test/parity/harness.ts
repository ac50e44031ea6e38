// Differential testing: the same command line through the reference docker CLI and through
// berth, on the same engine, comparing exit code, stdout and stderr.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const DOCKER = process.env.BERTH_REFERENCE_DOCKER ?? '/usr/local/bin/docker';
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BERTH = join(ROOT, 'bin', 'berth');
export const HOST = process.env.DOCKER_HOST ?? 'unix:///tmp/berth-engine/docker.sock';

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function hasOracle(): boolean {
  return existsSync(DOCKER);
}

export function hasEngine(): boolean {
  return HOST.startsWith('unix://') ? existsSync(HOST.slice('unix://'.length)) : true;
}

export function hasBuild(): boolean {
  return existsSync(join(ROOT, 'dist', 'berth.cjs'));
}

/** why a differential suite cannot run here, or '' */
export function skipReason(): string {
  let why = '';
  if (!hasOracle()) why = `no reference docker CLI at ${DOCKER}`;
  else if (!hasEngine()) why = `no engine at ${HOST}`;
  else if (!hasBuild()) why = 'berth is not built (npm run build)';
  // npm test started an engine and found the oracle: a suite that still can't run is broken
  if (why && process.env.BERTH_EXPECT_ENGINE === '1' && existsSync('/usr/local/bin/docker')) throw new Error(`suite cannot run: ${why}`);
  return why;
}

export interface RunOptions {
  input?: string | Buffer;
  /** stdin is this file itself (a regular file, as `< file` gives), not a pipe */
  stdinFile?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** a command the program runs under, e.g. ['nsenter', '--net=/var/run/netns/x'] */
  wrap?: string[];
}

export function run(bin: string, args: string[], o: RunOptions = {}): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: HOST, DOCKER_CLI_HINTS: 'false', DOCKER_BUILDKIT: '0', ...o.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  // berth runs through its own launcher (#!/usr/bin/env -S node --), as users run it:
  // `node bin/berth` would let node take arguments such as --env-file for itself
  let cmd = bin;
  let argv = args;
  if (o.wrap && o.wrap.length > 0) {
    argv = [...o.wrap.slice(1), cmd, ...argv];
    cmd = o.wrap[0]!;
  }
  return new Promise((resolve, reject) => {
    const stdinFd = o.stdinFile !== undefined ? openSync(o.stdinFile, 'r') : undefined;
    const child = spawn(cmd, argv, { env, stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'] });
    if (stdinFd !== undefined) closeSync(stdinFd);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    if (!child.stdin) return;
    child.stdin.on('error', () => undefined);
    if (o.input !== undefined) child.stdin.end(o.input);
    else child.stdin.end();
  });
}

export const docker = (args: string[], o?: RunOptions): Promise<Result> => run(DOCKER, args, o);
export const berth = (args: string[], o?: RunOptions): Promise<Result> => run(BERTH, args, o);

/** docker's text with berth in place of docker where the program names itself */
export function asBerth(s: string): string {
  return s
    .replace(/^docker: /gm, 'berth: ')
    .replace(/'docker( |')/g, "'berth$1")
    .replace(/Usage:  docker/g, 'Usage:  berth')
    .replace(/unknown command: docker /g, 'unknown command: berth ')
    .replace(/^  docker /gm, '  berth ')
    .replace(/, docker /g, ', berth ');
}

/** Runs both at once (so time-dependent columns agree) and returns them, docker's renamed. */
export async function both(args: string[], o?: RunOptions): Promise<{ docker: Result; berth: Result }> {
  const [d, b] = await Promise.all([docker(args, o), berth(args, o)]);
  return { docker: { code: d.code, stdout: asBerth(d.stdout), stderr: asBerth(d.stderr) }, berth: b };
}

let seq = 0;
/** a container name unique to this test run */
export function uniqueName(prefix = 'bt'): string {
  seq += 1;
  return `${prefix}-${process.pid}-${seq}`;
}

/** a relative time that a second can change ("3 seconds", "Less than a second", "About a minute") */
const SHORT_DURATION = /\b(Less than a second|\d+ seconds?|About a minute)\b/g;

/**
 * Runs both, retrying (up to `tries`) while they differ: listings show times ("3 seconds
 * ago", "Up 4 seconds") that can straddle a second between two processes. A real difference
 * persists. When the machine is so loaded that berth's request keeps landing a second after
 * docker's, the last results are compared with those short durations masked (on both sides,
 * and only those: everything else must still be identical).
 */
export async function settled(args: string[], o?: RunOptions, tries = 6): Promise<{ docker: Result; berth: Result }> {
  const same = (x: { docker: Result; berth: Result }): boolean =>
    x.docker.code === x.berth.code && x.docker.stdout === x.berth.stdout && x.docker.stderr === x.berth.stderr;
  let r = await both(args, o);
  for (let i = 1; i < tries && !same(r); i++) {
    // an uneven pause, so a retry doesn't meet the same second boundary in step
    await new Promise((res) => setTimeout(res, 150 + Math.floor(Math.random() * 400)));
    r = await both(args, o);
  }
  if (same(r)) return r;
  // ("9 seconds" and "10 seconds" differ in width, and so may a table's column padding)
  const m = (t: string): string => (t.search(SHORT_DURATION) >= 0 ? t.replace(SHORT_DURATION, '<seconds>').replace(/ {2,}/g, '  ') : t);
  const mask = (x: Result): Result => ({ code: x.code, stdout: m(x.stdout), stderr: m(x.stderr) });
  const masked = { docker: mask(r.docker), berth: mask(r.berth) };
  // masked only if that is all that differs; else the real results go back, to fail on
  return same(masked) ? masked : r;
}
