// A swarm.ServiceSpec as the Go client puts it on the wire: docker decodes the engine's JSON
// into moby's Go types and encodes them again, so members tagged omitempty disappear when
// zero ("Dir": "", "TTY": false, empty lists and maps) and members without the tag appear
// even when the engine never sent them (Privileges.NoNewPrivileges, newer than 20.10). The
// engine stores the same either way; this keeps berth's request bytes docker's.
import type { ServiceSpec } from './service-types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's isEmptyValue for the JSON kinds: false, 0, "", an empty slice or map, nil */
function emptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/**
 * the members of one struct: `omit` lists the omitempty ones whose zero value is dropped;
 * `ptr` the omitempty pointers (and structs), dropped only when null; `always` the members
 * without omitempty, written with their zero value when absent; a map member (`maps`) is
 * dropped when it has no keys
 */
interface Shape {
  omit?: string[];
  ptr?: string[];
  maps?: string[];
  always?: Record<string, unknown>;
  sub?: Record<string, (v: unknown) => unknown>;
}

function shape(v: unknown, s: Shape): unknown {
  if (!isObj(v)) return v;
  const out: Obj = { ...v };
  for (const k of s.omit ?? []) if (k in out && emptyValue(out[k])) delete out[k];
  for (const k of s.ptr ?? []) if (k in out && (out[k] === null || out[k] === undefined)) delete out[k];
  for (const k of s.maps ?? []) if (k in out && (out[k] === null || out[k] === undefined || (isObj(out[k]) && Object.keys(out[k] as Obj).length === 0))) delete out[k];
  for (const [k, z] of Object.entries(s.always ?? {})) if (!(k in out) || out[k] === undefined) out[k] = z;
  for (const [k, f] of Object.entries(s.sub ?? {})) if (k in out && out[k] !== null && out[k] !== undefined) out[k] = f(out[k]);
  return out;
}

const each = (f: (v: unknown) => unknown) => (v: unknown): unknown => (Array.isArray(v) ? v.map(f) : v);

const mount = (v: unknown): unknown =>
  shape(v, {
    omit: ['Type', 'Source', 'Target', 'ReadOnly', 'Consistency'],
    ptr: ['BindOptions', 'VolumeOptions', 'TmpfsOptions', 'ClusterOptions'],
    sub: {
      BindOptions: (b) => shape(b, { omit: ['Propagation', 'NonRecursive', 'CreateMountpoint', 'ReadOnlyNonRecursive', 'ReadOnlyForceRecursive'] }),
      VolumeOptions: (o) => shape(o, { omit: ['NoCopy', 'Subpath'], maps: ['Labels'], ptr: ['DriverConfig'], sub: { DriverConfig: (d) => shape(d, { omit: ['Name'], maps: ['Options'] }) } }),
      TmpfsOptions: (o) => shape(o, { omit: ['SizeBytes', 'Mode', 'Options'] }),
    },
  });

const healthcheck = (v: unknown): unknown => shape(v, { omit: ['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] });

const containerSpec = (v: unknown): unknown =>
  shape(v, {
    omit: ['Image', 'Command', 'Args', 'Hostname', 'Env', 'Dir', 'User', 'Groups', 'StopSignal', 'TTY', 'OpenStdin', 'ReadOnly', 'Mounts', 'Hosts', 'Secrets', 'Configs', 'Isolation', 'CapabilityAdd', 'CapabilityDrop', 'Ulimits', 'OomScoreAdj'],
    maps: ['Labels', 'Sysctls'],
    ptr: ['Privileges', 'Init', 'StopGracePeriod', 'Healthcheck', 'DNSConfig'],
    sub: {
      Privileges: (p) => shape(p, { always: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false }, ptr: ['Seccomp', 'AppArmor'] }),
      Mounts: each(mount),
      Healthcheck: healthcheck,
      DNSConfig: (d) => shape(d, { omit: ['Nameservers', 'Search', 'Options'] }),
      Configs: each((c) => shape(c, { ptr: ['File', 'Runtime'] })),
    },
  });

const resources = (v: unknown): unknown =>
  shape(v, {
    omit: ['NanoCPUs', 'MemoryBytes', 'GenericResources'],
    sub: {
      GenericResources: each((g) =>
        shape(g, {
          ptr: ['NamedResourceSpec', 'DiscreteResourceSpec'],
          sub: { NamedResourceSpec: (n) => shape(n, { omit: ['Kind', 'Value'] }), DiscreteResourceSpec: (n) => shape(n, { omit: ['Kind', 'Value'] }) },
        }),
      ),
    },
  });

const network = (v: unknown): unknown => shape(v, { omit: ['Target', 'Aliases'], maps: ['DriverOpts'] });

const taskSpec = (v: unknown): unknown =>
  shape(v, {
    omit: ['Networks', 'Runtime'],
    ptr: ['ContainerSpec', 'PluginSpec', 'NetworkAttachmentSpec', 'Resources', 'RestartPolicy', 'Placement', 'LogDriver'],
    always: { ForceUpdate: 0 },
    sub: {
      ContainerSpec: containerSpec,
      Resources: (r) => shape(r, { ptr: ['Limits', 'Reservations'], sub: { Limits: (l) => shape(l, { omit: ['NanoCPUs', 'MemoryBytes', 'Pids'] }), Reservations: resources } }),
      RestartPolicy: (p) => shape(p, { omit: ['Condition'], ptr: ['Delay', 'MaxAttempts', 'Window'] }),
      Placement: (p) =>
        shape(p, {
          omit: ['Constraints', 'Preferences', 'MaxReplicas', 'Platforms'],
          sub: { Platforms: each((x) => shape(x, { omit: ['Architecture', 'OS'] })), Preferences: each((x) => shape(x, { ptr: ['Spread'] })) },
        }),
      Networks: each(network),
      LogDriver: (d) => shape(d, { omit: ['Name'], maps: ['Options'] }),
    },
  });

const updateConfig = (v: unknown): unknown => shape(v, { omit: ['Delay', 'FailureAction', 'Monitor'], always: { Parallelism: 0, MaxFailureRatio: 0, Order: '' } });

/** the spec as encoding/json writes moby's swarm.ServiceSpec */
export function goServiceSpec(spec: ServiceSpec): ServiceSpec {
  return shape(spec, {
    omit: ['Name', 'Networks'],
    ptr: ['UpdateConfig', 'RollbackConfig', 'EndpointSpec'],
    always: { Labels: null, Mode: {} },
    sub: {
      TaskTemplate: taskSpec,
      Mode: (m) =>
        shape(m, {
          ptr: ['Replicated', 'Global', 'ReplicatedJob', 'GlobalJob'],
          sub: { Replicated: (r) => shape(r, { ptr: ['Replicas'] }), ReplicatedJob: (r) => shape(r, { ptr: ['MaxConcurrent', 'TotalCompletions'] }) },
        }),
      UpdateConfig: updateConfig,
      RollbackConfig: updateConfig,
      Networks: each(network),
      EndpointSpec: (e) => shape(e, { omit: ['Mode', 'Ports'], sub: { Ports: each((p) => shape(p, { omit: ['Name', 'Protocol', 'TargetPort', 'PublishedPort', 'PublishMode'] })) } }),
    },
  }) as ServiceSpec;
}
