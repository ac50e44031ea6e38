// Twin services for the `service create` / `service update` differential suites: the same
// flags given to docker for one service and to berth for another (each of a name of its own),
// then what the engine stored compared (`service inspect` of both), and what each CLI sent
// (a recording proxy in front of the manager: the request bodies, queries and X-Registry-Auth).
// Masked, and only these: IDs, names, timestamps, version indexes, and what the engine
// allocates per service (virtual IP addresses, published ports it picks, its update progress).
import { expect } from 'vitest';
import { asBerth, berth, docker, uniqueName, type Result, type RunOptions } from './harness.js';
import { EngineProxy, type Seen } from './engine-proxy.js';
import { NODE1 } from './swarm-harness.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** what docker makes in no fixed order (Go map walks), sorted on both sides before comparing */
export interface Unordered {
  env?: boolean;
  secrets?: boolean;
  configs?: boolean;
  ports?: boolean;
  generic?: boolean;
}

export class Twins {
  readonly proxy = new EngineProxy(NODE1.replace(/^unix:\/\//, ''));
  private readonly made = new Set<string>();

  async start(): Promise<void> {
    await this.proxy.start();
  }

  async stop(): Promise<void> {
    const names = [...this.made];
    for (let i = 0; i < names.length; i += 20) await docker(['service', 'rm', ...names.slice(i, i + 20)], { env: { DOCKER_HOST: NODE1 } });
    await this.proxy.stop();
  }

  /** run options through the proxy */
  via(o: RunOptions = {}): RunOptions {
    return { timeoutMs: 60_000, ...o, env: { ...o.env, DOCKER_HOST: this.proxy.host } };
  }

  remember(...names: string[]): void {
    for (const n of names) this.made.add(n);
  }

  async remove(...names: string[]): Promise<void> {
    await docker(['service', 'rm', ...names], { env: { DOCKER_HOST: NODE1 } });
    for (const n of names) this.made.delete(n);
  }

  names(tag: string): { d: string; b: string } {
    const base = uniqueName(`sv${tag}`).replace(/[^a-zA-Z0-9-]/g, '');
    return { d: `${base}-d`, b: `${base}-b` };
  }
}

/** a create's or update's output with the service ID (or the names) masked */
export function maskOutput(r: Result, names: string[] = []): Result {
  let stdout = r.stdout.replace(/^[a-z0-9]{25}$/gm, '<ID>');
  let stderr = r.stderr;
  for (const n of names) {
    stdout = stdout.split(n).join('<NAME>');
    stderr = stderr.split(n).join('<NAME>');
  }
  return { code: r.code, stdout, stderr };
}

const byKey = (k: (x: Json) => string) => (a: Json, b: Json): number => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0);

function sortSpec(spec: Json | undefined, u: Unordered): void {
  const cs = spec?.TaskTemplate?.ContainerSpec;
  if (!cs) return;
  if (u.env && cs.Env) cs.Env = [...cs.Env].sort();
  if (u.secrets && cs.Secrets) cs.Secrets = [...cs.Secrets].sort(byKey((s) => s.File?.Name ?? ''));
  if (u.configs && cs.Configs) cs.Configs = [...cs.Configs].sort(byKey((c) => `${c.File?.Name ?? ''}/${c.ConfigName}`));
  if (u.ports && spec.EndpointSpec?.Ports) spec.EndpointSpec.Ports = [...spec.EndpointSpec.Ports].sort(byKey((p) => JSON.stringify(p)));
  const g = spec.TaskTemplate?.Resources?.Reservations;
  if (u.generic && g?.GenericResources) g.GenericResources = [...g.GenericResources].sort(byKey((x) => JSON.stringify(x)));
}

/** `service inspect` output with the per-service parts masked */
export function maskService(s: Json, u: Unordered = {}, ownPorts = false): Json {
  const o = structuredClone(s);
  o.ID = '<ID>';
  if (o.Version) o.Version = { Index: '<INDEX>' };
  o.CreatedAt = '<TIME>';
  o.UpdatedAt = '<TIME>';
  for (const spec of [o.Spec, o.PreviousSpec]) {
    if (!spec) continue;
    spec.Name = '<NAME>';
    sortSpec(spec, u);
  }
  delete o.UpdateStatus;
  if (o.JobStatus?.LastExecution) o.JobStatus.LastExecution = '<TIME>';
  if (o.Endpoint) {
    for (const v of o.Endpoint.VirtualIPs ?? []) v.Addr = '<ADDR>';
    // ports the engine picked (none given): each service gets its own
    if (!ownPorts) for (const p of o.Endpoint.Ports ?? []) if (p.PublishMode === 'ingress') p.PublishedPort = '<PORT>';
    if (u.ports && o.Endpoint.Ports) o.Endpoint.Ports = [...o.Endpoint.Ports].sort(byKey((p: Json) => JSON.stringify(p)));
    if (u.ports && o.Endpoint.Spec?.Ports) o.Endpoint.Spec.Ports = [...o.Endpoint.Spec.Ports].sort(byKey((p: Json) => JSON.stringify(p)));
  }
  return o;
}

/**
 * a service as stored, once swarmkit's allocator has filled its Endpoint when the spec publishes
 * ports (it does so a moment after the create or update returns: until then Endpoint is
 * `{Spec: {}}`); gives up after 15 s and returns what it has, so a test still compares
 */
export async function inspect(name: string): Promise<Json> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await docker(['service', 'inspect', name], { env: { DOCKER_HOST: NODE1 } });
    if (r.code !== 0) throw new Error(`service inspect ${name}: ${r.stderr}`);
    const s = (JSON.parse(r.stdout) as Json[])[0]!;
    const want = s.Spec?.EndpointSpec ?? {};
    const have = s.Endpoint?.Spec ?? {};
    // a service with no ports keeps `{Spec: {}}` (or its networks' VIPs) for good: only ports wait
    const allocated = !(want.Ports?.length > 0) || JSON.stringify(have) === JSON.stringify(want);
    if (allocated || Date.now() > deadline) return s;
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** the request a CLI sent: the last one matching */
export function sent(seen: Seen[], method: string, match: (s: Seen) => boolean): Seen | undefined {
  return [...seen].reverse().find((s) => s.method === method && match(s));
}

/** a request body with the name masked (and docker's unordered members sorted) */
export function maskBody(body: string, u: Unordered = {}): Json {
  const o = JSON.parse(body) as Json;
  o.Name = '<NAME>';
  sortSpec(o, u);
  return o;
}

export interface TwinResult {
  d: string;
  b: string;
  docker: Result;
  berth: Result;
}

/**
 * `service create --name X FLAGS IMAGE...` by docker and by berth (at once, or one after the
 * other with docker's service removed first: ingress ports can be held by one service only);
 * their outputs, stored specs and requests must be the same
 */
export async function createTwins(t: Twins, tag: string, flags: string[], tail: string[], o: { u?: Unordered; sequential?: boolean; run?: RunOptions; ownPorts?: boolean } = {}): Promise<TwinResult> {
  const { d, b } = t.names(tag);
  t.remember(d, b);
  const dArgs = ['service', 'create', '--name', d, ...flags, ...tail];
  const bArgs = ['service', 'create', '--name', b, ...flags, ...tail];
  let dr: Result;
  let br: Result;
  let ds: Json | undefined;
  if (o.sequential) {
    dr = await docker(dArgs, t.via(o.run));
    if (dr.code === 0) {
      ds = await inspect(d);
      await t.remove(d);
    }
    br = await berth(bArgs, t.via(o.run));
  } else {
    [dr, br] = await Promise.all([docker(dArgs, t.via(o.run)), berth(bArgs, t.via(o.run))]);
  }
  const dm = maskOutput({ code: dr.code, stdout: asBerth(dr.stdout), stderr: asBerth(dr.stderr) }, [d]);
  const bm = maskOutput(br, [b]);
  expect({ flags, ...bm }).toEqual({ flags, ...dm });
  if (dr.code === 0 && br.code === 0) {
    ds ??= await inspect(d);
    const bs = await inspect(b);
    expect({ flags, service: maskService(bs, o.u, o.ownPorts) }).toEqual({ flags, service: maskService(ds, o.u, o.ownPorts) });
    const reqOf = (n: string): Seen | undefined => sent(t.proxy.seen, 'POST', (s) => /\/services\/create$/.test(s.url) && s.body.includes(`"Name":"${n}"`));
    const dq = reqOf(d);
    const bq = reqOf(b);
    expect(bq && dq).toBeTruthy();
    expect({ flags, auth: bq!.registryAuth, body: maskBody(bq!.body, o.u) }).toEqual({ flags, auth: dq!.registryAuth, body: maskBody(dq!.body, o.u) });
  }
  return { d, b, docker: dr, berth: br };
}

/**
 * Two services made alike by docker (`service create -d --name X BASE... IMAGE...`, then
 * docker's `service update PRE... X` for each step of `pre`), then `service update FLAGS X`
 * by docker on one and by berth on the other: the same output (names masked), the same spec
 * and previous spec stored, the same update request sent (body, query, X-Registry-Auth).
 */
export async function updateTwins(
  t: Twins,
  tag: string,
  base: string[],
  flags: string[],
  o: { tail?: string[]; pre?: string[][]; u?: Unordered; run?: RunOptions; ownPorts?: boolean; sequential?: boolean } = {},
): Promise<TwinResult> {
  const { d, b } = t.names(tag);
  t.remember(d, b);
  const host = { env: { DOCKER_HOST: NODE1 }, timeoutMs: 60_000 };
  const make = async (n: string): Promise<void> => {
    const r = await docker(['service', 'create', '-d', '-q', '--name', n, ...base, ...(o.tail ?? ['busybox', 'sleep', '600'])], host);
    if (r.code !== 0) throw new Error(`service create ${n}: ${r.stderr}`);
    for (const step of o.pre ?? []) {
      const u = await docker(['service', 'update', '-d', '-q', ...step, n], host);
      if (u.code !== 0) throw new Error(`service update ${step.join(' ')} ${n}: ${u.stderr}`);
    }
  };
  await Promise.all([make(d), make(b)]);
  const dArgs = ['service', 'update', ...flags, d];
  const bArgs = ['service', 'update', ...flags, b];
  let dr: Result;
  let br: Result;
  let ds: Json | undefined;
  if (o.sequential) {
    // ingress ports are swarm-wide: docker's twin goes before berth's updates
    dr = await docker(dArgs, t.via(o.run));
    if (dr.code === 0) {
      ds = await inspect(d);
      await t.remove(d);
    }
    br = await berth(bArgs, t.via(o.run));
  } else {
    [dr, br] = await Promise.all([docker(dArgs, t.via(o.run)), berth(bArgs, t.via(o.run))]);
  }
  const dm = maskOutput({ code: dr.code, stdout: asBerth(dr.stdout), stderr: asBerth(dr.stderr) }, [d]);
  const bm = maskOutput(br, [b]);
  expect({ flags, ...bm }).toEqual({ flags, ...dm });
  if (dr.code === 0 && br.code === 0) {
    ds ??= await inspect(d);
    const bs = await inspect(b);
    expect({ flags, service: maskService(bs, o.u, o.ownPorts) }).toEqual({ flags, service: maskService(ds, o.u, o.ownPorts) });
    const reqOf = (n: string): Seen | undefined => sent(t.proxy.seen, 'POST', (s) => /\/services\/[a-z0-9]+\/update\?/.test(s.url) && s.body.includes(`"Name":"${n}"`));
    const dq = reqOf(d);
    const bq = reqOf(b);
    expect(bq && dq).toBeTruthy();
    const query = (s: Seen): Record<string, string> => {
      const q = Object.fromEntries(new URL(s.url, 'http://x').searchParams);
      delete q.version;
      return q;
    };
    expect({ flags, auth: bq!.registryAuth, query: query(bq!), body: maskBody(bq!.body, o.u) }).toEqual({ flags, auth: dq!.registryAuth, query: query(dq!), body: maskBody(dq!.body, o.u) });
  }
  return { d, b, docker: dr, berth: br };
}
