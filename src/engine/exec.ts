// /containers/{id}/exec and /exec/{id}: create, start (detached or hijacked), resize, inspect.
import { versionAtLeast, type EngineClient, type HijackedConnection } from './client.js';
import { goPathEscape, trimRef } from './path.js';

export interface ExecCreateOptions {
  User: string;
  Privileged: boolean;
  Tty: boolean;
  /** [height, width]; sent from API 1.42 on, as docker's client does */
  ConsoleSize?: [number, number];
  AttachStdin: boolean;
  AttachStderr: boolean;
  AttachStdout: boolean;
  Detach: boolean;
  DetachKeys: string;
  Env: string[] | null;
  WorkingDir: string;
  Cmd: string[];
}

export interface ExecStartOptions {
  Detach: boolean;
  Tty: boolean;
  ConsoleSize?: [number, number];
}

export interface ExecInspect {
  ID: string;
  ContainerID: string;
  Running: boolean;
  ExitCode: number | null;
  Pid: number;
  [key: string]: unknown;
}

/** the body docker's client sends: field order of container.ExecOptions, ConsoleSize omitted when empty or unsupported */
function execBody(o: ExecCreateOptions, apiVersion: string): Record<string, unknown> {
  const body: Record<string, unknown> = { User: o.User, Privileged: o.Privileged, Tty: o.Tty };
  if (o.ConsoleSize && versionAtLeast(apiVersion, '1.42')) body.ConsoleSize = o.ConsoleSize;
  Object.assign(body, {
    AttachStdin: o.AttachStdin,
    AttachStderr: o.AttachStderr,
    AttachStdout: o.AttachStdout,
    Detach: o.Detach,
    DetachKeys: o.DetachKeys,
    Env: o.Env,
    WorkingDir: o.WorkingDir,
    Cmd: o.Cmd,
  });
  return body;
}

function startBody(o: ExecStartOptions, apiVersion: string): Record<string, unknown> {
  const body: Record<string, unknown> = { Detach: o.Detach, Tty: o.Tty };
  if (o.ConsoleSize && versionAtLeast(apiVersion, '1.42')) body.ConsoleSize = o.ConsoleSize;
  return body;
}

export async function createExec(api: EngineClient, container: string, o: ExecCreateOptions): Promise<{ Id: string }> {
  const v = await api.apiVersion();
  await api.checkVersion();
  return api.json<{ Id: string }>({ method: 'POST', path: `/containers/${goPathEscape(trimRef('container', container))}/exec`, body: execBody(o, v) });
}

/** Starts a detached exec (no stream). */
export async function startExecDetached(api: EngineClient, execId: string, o: ExecStartOptions): Promise<void> {
  const v = await api.apiVersion();
  await api.call({ method: 'POST', path: `/exec/${goPathEscape(execId)}/start`, body: startBody(o, v) });
}

/** Starts an exec and hijacks the connection for its streams. */
export async function startExecAttached(api: EngineClient, execId: string, o: ExecStartOptions): Promise<HijackedConnection> {
  const v = await api.apiVersion();
  return api.hijack({ method: 'POST', path: `/exec/${goPathEscape(execId)}/start`, body: startBody(o, v) });
}

export function resizeExec(api: EngineClient, execId: string, h: number, w: number): Promise<void> {
  return api.call({ method: 'POST', path: `/exec/${goPathEscape(execId)}/resize`, query: { h, w } });
}

export function inspectExec(api: EngineClient, execId: string): Promise<ExecInspect> {
  return api.json<ExecInspect>({ path: `/exec/${goPathEscape(execId)}/json` });
}
