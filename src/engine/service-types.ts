// The Engine API's swarm.ServiceSpec (moby api/types/swarm), the members berth builds and
// edits. Optional members are the ones Go leaves out when empty (omitempty); a spec read
// back from the engine may carry members berth does not name, and keeps them.

/** mount.Mount: the members the client looks at (the rest travel as they are) */
export interface MountSpec {
  Type?: string;
  Source?: string;
  Target?: string;
  BindOptions?: { NonRecursive?: boolean; ReadOnlyForceRecursive?: boolean };
}

export interface SecretReference {
  File: { Name: string; UID: string; GID: string; Mode: number } | null;
  SecretID: string;
  SecretName: string;
}

export interface ConfigReference {
  File?: { Name: string; UID: string; GID: string; Mode: number };
  Runtime?: Record<string, never>;
  ConfigID: string;
  ConfigName: string;
}

export interface PortConfig {
  Name?: string;
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface PlacementPreference {
  Spread: { SpreadDescriptor: string } | null;
}

export interface CredentialSpec {
  Config: string;
  File: string;
  Registry: string;
}

export interface GenericResource {
  NamedResourceSpec?: { Kind?: string; Value?: string };
  DiscreteResourceSpec?: { Kind?: string; Value?: number };
}

export interface Ulimit {
  Name: string;
  Hard: number;
  Soft: number;
}

export interface HealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface NetworkAttachmentConfig {
  Target?: string;
  Aliases?: string[];
  DriverOpts?: Record<string, string>;
}

export interface ContainerSpec {
  Image?: string;
  Labels?: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  Groups?: string[];
  Privileges?: { CredentialSpec: CredentialSpec | null; SELinuxContext: unknown; [k: string]: unknown };
  Init?: boolean | null;
  StopSignal?: string;
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Mounts?: MountSpec[];
  StopGracePeriod?: number | null;
  Healthcheck?: HealthConfig;
  Hosts?: string[];
  DNSConfig?: { Nameservers?: string[]; Search?: string[]; Options?: string[] };
  Secrets?: SecretReference[];
  Configs?: ConfigReference[];
  Isolation?: string;
  Sysctls?: Record<string, string>;
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Ulimits?: Ulimit[];
  OomScoreAdj?: number;
  [k: string]: unknown;
}

export interface UpdateConfig {
  Parallelism: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio: number;
  Order: string;
}

export interface RestartPolicy {
  Condition?: string;
  Delay?: number | null;
  MaxAttempts?: number | null;
  Window?: number | null;
}

export interface Placement {
  Constraints?: string[];
  Preferences?: PlacementPreference[];
  MaxReplicas?: number;
  Platforms?: { Architecture?: string; OS?: string }[];
}

export interface TaskSpec {
  ContainerSpec?: ContainerSpec;
  PluginSpec?: unknown;
  NetworkAttachmentSpec?: unknown;
  Resources?: {
    Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
    Reservations?: { NanoCPUs?: number; MemoryBytes?: number; GenericResources?: GenericResource[] };
  };
  RestartPolicy?: RestartPolicy;
  Placement?: Placement;
  Networks?: NetworkAttachmentConfig[];
  LogDriver?: { Name?: string; Options?: Record<string, string> };
  ForceUpdate: number;
  Runtime?: string;
  [k: string]: unknown;
}

export interface ServiceMode {
  Replicated?: { Replicas?: number };
  Global?: Record<string, never>;
  ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
  GlobalJob?: Record<string, never>;
}

export interface ServiceSpec {
  Name?: string;
  Labels: Record<string, string> | null;
  TaskTemplate: TaskSpec;
  Mode: ServiceMode;
  UpdateConfig?: UpdateConfig;
  RollbackConfig?: UpdateConfig;
  Networks?: NetworkAttachmentConfig[];
  EndpointSpec?: { Mode?: string; Ports?: PortConfig[] };
  [k: string]: unknown;
}

/** swarm.Service, as GET /services/{id} answers */
export interface Service {
  ID: string;
  Version: { Index?: number };
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  [k: string]: unknown;
}
