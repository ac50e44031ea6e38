// The loaded compose configuration, as docker's cli/compose/types/types.go (v28.2.2) models it.
// Field names are the YAML keys `stack config` prints (yaml.v3 lower-cases untagged Go field
// names: HealthCheck -> healthcheck, Ipam -> ipam). Field order below is the Go struct order,
// which is the order `stack config` prints them in. Conventions:
//   - an absent optional field = Go's zero value (omitted when printed, omitempty);
//   - Duration = nanoseconds (Go time.Duration), printed as Go's Duration.String() ("1m30s");
//   - UnitBytes = bytes (int64), printed as a quoted decimal string;
//   - `extras` holds the `x-` extension fields that Go keeps in an inline map (printed inline,
//     after the struct fields, keys sorted).

/** Nanoseconds, as Go's time.Duration. */
export type Duration = number;
/** Bytes, as docker's types.UnitBytes (int64). */
export type UnitBytes = number;

/** key -> value; null = the key was given without `=value` (Go's nil *string). */
export type MappingWithEquals = Record<string, string | null>;
export type Mapping = Record<string, string>;
export type Labels = Record<string, string>;

export interface ComposeConfig {
  /** The first file's name (Go: Config.Filename, never printed). */
  filename?: string;
  version: string;
  /** The services in name order (Go: a list, printed as a map keyed by name). */
  services: ServiceConfig[];
  networks?: Record<string, NetworkConfig>;
  volumes?: Record<string, VolumeConfig>;
  secrets?: Record<string, SecretConfig>;
  configs?: Record<string, ConfigObjConfig>;
  /** Top-level `x-` fields. */
  extras?: Record<string, unknown>;
}

export interface ServiceConfig {
  /** The service's key in `services:` (never printed as a field). */
  name: string;
  build?: BuildConfig;
  cap_add?: string[];
  cap_drop?: string[];
  cgroupns_mode?: string;
  cgroup_parent?: string;
  command?: string[];
  configs?: ServiceConfigObjConfig[];
  container_name?: string;
  credential_spec?: CredentialSpecConfig;
  depends_on?: string[];
  deploy?: DeployConfig;
  devices?: string[];
  dns?: string[];
  dns_search?: string[];
  domainname?: string;
  entrypoint?: string[];
  environment?: MappingWithEquals;
  env_file?: string[];
  expose?: string[];
  external_links?: string[];
  extra_hosts?: string[];
  hostname?: string;
  healthcheck?: HealthCheckConfig;
  image?: string;
  init?: boolean;
  ipc?: string;
  isolation?: string;
  labels?: Labels;
  links?: string[];
  logging?: LoggingConfig;
  mac_address?: string;
  network_mode?: string;
  /** network name -> its service-level config (null = listed without options). */
  networks?: Record<string, ServiceNetworkConfig | null>;
  pid?: string;
  ports?: ServicePortConfig[];
  privileged?: boolean;
  read_only?: boolean;
  restart?: string;
  secrets?: ServiceSecretConfig[];
  security_opt?: string[];
  shm_size?: string;
  stdin_open?: boolean;
  stop_grace_period?: Duration;
  stop_signal?: string;
  sysctls?: Mapping;
  tmpfs?: string[];
  tty?: boolean;
  ulimits?: Record<string, UlimitsConfig>;
  user?: string;
  oom_score_adj?: number;
  userns_mode?: string;
  volumes?: ServiceVolumeConfig[];
  working_dir?: string;
  extras?: Record<string, unknown>;
}

export interface BuildConfig {
  context?: string;
  dockerfile?: string;
  args?: MappingWithEquals;
  labels?: Labels;
  cache_from?: string[];
  extra_hosts?: string[];
  network?: string;
  target?: string;
}

export interface LoggingConfig {
  driver?: string;
  options?: Record<string, string>;
}

export interface DeployConfig {
  mode?: string;
  replicas?: number;
  labels?: Labels;
  update_config?: UpdateConfig;
  rollback_config?: UpdateConfig;
  resources?: Resources;
  restart_policy?: RestartPolicy;
  placement?: Placement;
  endpoint_mode?: string;
}

export interface HealthCheckConfig {
  test?: string[];
  timeout?: Duration;
  interval?: Duration;
  retries?: number;
  start_period?: Duration;
  start_interval?: Duration;
  disable?: boolean;
}

export interface UpdateConfig {
  parallelism?: number;
  delay?: Duration;
  failure_action?: string;
  monitor?: Duration;
  /** float32 in Go. */
  max_failure_ratio?: number;
  order?: string;
}

export interface Resources {
  limits?: ResourceLimit;
  reservations?: Resource;
}

export interface ResourceLimit {
  /** Kept as the string written (Go: NanoCPUs string). */
  cpus?: string;
  memory?: UnitBytes;
  pids?: number;
}

export interface Resource {
  cpus?: string;
  memory?: UnitBytes;
  generic_resources?: GenericResource[];
}

export interface GenericResource {
  discrete_resource_spec?: DiscreteGenericResource;
}

export interface DiscreteGenericResource {
  kind: string;
  value: number;
}

export interface RestartPolicy {
  condition?: string;
  delay?: Duration;
  max_attempts?: number;
  window?: Duration;
}

export interface Placement {
  constraints?: string[];
  preferences?: PlacementPreferences[];
  max_replicas_per_node?: number;
}

export interface PlacementPreferences {
  spread?: string;
}

export interface ServiceNetworkConfig {
  aliases?: string[];
  driver_opts?: Record<string, string>;
  ipv4_address?: string;
  ipv6_address?: string;
}

export interface ServicePortConfig {
  mode?: string;
  target?: number;
  published?: number;
  protocol?: string;
}

export interface ServiceVolumeConfig {
  type?: string;
  source?: string;
  target?: string;
  read_only?: boolean;
  consistency?: string;
  bind?: ServiceVolumeBind;
  volume?: ServiceVolumeVolume;
  image?: ServiceVolumeImage;
  tmpfs?: ServiceVolumeTmpfs;
  /** Deliberately empty in docker (present = `cluster: {}`). */
  cluster?: Record<string, never>;
}

export interface ServiceVolumeBind {
  propagation?: string;
}

export interface ServiceVolumeVolume {
  nocopy?: boolean;
  subpath?: string;
}

export interface ServiceVolumeImage {
  subpath?: string;
}

export interface ServiceVolumeTmpfs {
  size?: number;
}

export interface FileReferenceConfig {
  source?: string;
  target?: string;
  uid?: string;
  gid?: string;
  /** File mode (uint32), e.g. 0o440 = 288. */
  mode?: number;
}

export type ServiceConfigObjConfig = FileReferenceConfig;
export type ServiceSecretConfig = FileReferenceConfig;

export interface UlimitsConfig {
  /** A ulimit given as one number (printed as that number). */
  single?: number;
  soft?: number;
  hard?: number;
}

export interface NetworkConfig {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  ipam?: IPAMConfig;
  external?: External;
  internal?: boolean;
  attachable?: boolean;
  labels?: Labels;
  extras?: Record<string, unknown>;
}

export interface IPAMConfig {
  driver?: string;
  config?: IPAMPool[];
}

export interface IPAMPool {
  subnet?: string;
}

export interface VolumeConfig {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: External;
  labels?: Labels;
  extras?: Record<string, unknown>;
  'x-cluster-spec'?: ClusterVolumeSpec;
}

export interface ClusterVolumeSpec {
  group?: string;
  access_mode?: AccessMode;
  accessibility_requirements?: TopologyRequirement;
  capacity_range?: CapacityRange;
  secrets?: VolumeSecret[];
  availability?: string;
}

export interface AccessMode {
  scope?: string;
  sharing?: string;
  mount_volume?: MountVolume;
  block_volume?: Record<string, never>;
}

export interface MountVolume {
  fs_type?: string;
  mount_flags?: string[];
}

export interface TopologyRequirement {
  requisite?: Topology[];
  preferred?: Topology[];
}

export interface Topology {
  segments?: Mapping;
}

export interface CapacityRange {
  required_bytes?: UnitBytes;
  limit_bytes?: UnitBytes;
}

export interface VolumeSecret {
  key?: string;
  secret?: string;
}

/** External: printed as `true`/`false`, or `{name: ...}` when the deprecated name is set. */
export interface External {
  name?: string;
  external?: boolean;
}

export interface CredentialSpecConfig {
  config?: string;
  file?: string;
  registry?: string;
}

export interface FileObjectConfig {
  name?: string;
  file?: string;
  external?: External;
  labels?: Labels;
  extras?: Record<string, unknown>;
  driver?: string;
  driver_opts?: Record<string, string>;
  template_driver?: string;
}

export type SecretConfig = FileObjectConfig;
export type ConfigObjConfig = FileObjectConfig;

/** Properties stack deploy ignores ("Ignoring unsupported options: ..."). */
export const UNSUPPORTED_PROPERTIES = [
  'build', 'cgroupns_mode', 'cgroup_parent', 'devices', 'domainname', 'external_links', 'ipc',
  'links', 'mac_address', 'network_mode', 'pid', 'privileged', 'restart', 'security_opt',
  'shm_size', 'userns_mode',
] as const;

/** Properties removed from v3 whose use is harmless (a warning each). */
export const DEPRECATED_PROPERTIES: Record<string, string> = {
  container_name: 'Setting the container name is not supported.',
  expose: "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.",
};

/** Properties that make loading fail. */
export const FORBIDDEN_PROPERTIES: Record<string, string> = {
  extends: 'Support for `extends` is not implemented yet.',
  volume_driver: 'Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.',
  volumes_from: 'To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.',
  cpu_quota: 'Set resource limits using deploy.resources',
  cpu_shares: 'Set resource limits using deploy.resources',
  cpuset: 'Set resource limits using deploy.resources',
  mem_limit: 'Set resource limits using deploy.resources',
  memswap_limit: 'Set resource limits using deploy.resources',
};
