// The data model and default renderings of `version` and `info`: decoding the engine's JSON
// into docker's Go structs, their JSON, templates over them, and docker's text layouts.
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../src/format/template/index.js';
import { dockerFuncs } from '../../../src/format/funcs.js';
import { TabWriter } from '../../../src/format/tabwriter.js';
import {
  ClientVersion,
  decode,
  decodeStruct,
  dockerInfoContext,
  jsonString,
  marshal,
  renderClientInfo,
  renderServerInfo,
  sparseInfoContext,
  SystemInfo,
  type ClientFacts,
} from '../../../src/format/contexts/info.js';
import { defaultVersionText, goArch, goOS, reformatDate, versionContext } from '../../../src/format/contexts/version.js';

/** GET /v1.41/info from the private test engine (Docker 20.10.24) */
const ENGINE_INFO = "{\"ID\":\"ZL52:VK75:ML5V:PXBK:6WN5:TEXC:5LYO:JIUV:KRH3:QXD6:EGJS:EGTP\",\"Containers\":3,\"ContainersRunning\":1,\"ContainersPaused\":1,\"ContainersStopped\":1,\"Images\":1,\"Driver\":\"overlay2\",\"DriverStatus\":[[\"Backing Filesystem\",\"extfs\"],[\"Supports d_type\",\"true\"],[\"Native Overlay Diff\",\"true\"],[\"userxattr\",\"false\"]],\"Plugins\":{\"Volume\":[\"local\"],\"Network\":[\"bridge\",\"host\",\"ipvlan\",\"macvlan\",\"null\",\"overlay\"],\"Authorization\":null,\"Log\":[\"awslogs\",\"fluentd\",\"gcplogs\",\"gelf\",\"journald\",\"json-file\",\"local\",\"logentries\",\"splunk\",\"syslog\"]},\"MemoryLimit\":true,\"SwapLimit\":true,\"KernelMemory\":true,\"KernelMemoryTCP\":true,\"CpuCfsPeriod\":true,\"CpuCfsQuota\":true,\"CPUShares\":true,\"CPUSet\":true,\"PidsLimit\":true,\"IPv4Forwarding\":true,\"BridgeNfIptables\":true,\"BridgeNfIp6tables\":true,\"Debug\":false,\"NFd\":41,\"OomKillDisable\":true,\"NGoroutines\":57,\"SystemTime\":\"2026-11-23T12:25:25.362287746Z\",\"LoggingDriver\":\"json-file\",\"CgroupDriver\":\"cgroupfs\",\"CgroupVersion\":\"1\",\"NEventsListener\":0,\"KernelVersion\":\"6.18.44-fc-v669\",\"OperatingSystem\":\"Debian GNU/Linux 12 (bookworm)\",\"OSVersion\":\"12\",\"OSType\":\"linux\",\"Architecture\":\"x86_64\",\"IndexServerAddress\":\"https://index.docker.io/v1/\",\"RegistryConfig\":{\"AllowNondistributableArtifactsCIDRs\":[],\"AllowNondistributableArtifactsHostnames\":[],\"InsecureRegistryCIDRs\":[\"127.0.0.0/8\"],\"IndexConfigs\":{\"docker.io\":{\"Name\":\"docker.io\",\"Mirrors\":[],\"Secure\":true,\"Official\":true}},\"Mirrors\":[]},\"NCPU\":2,\"MemTotal\":25276502016,\"GenericResources\":null,\"DockerRootDir\":\"/tmp/berth-engine/data\",\"HttpProxy\":\"\",\"HttpsProxy\":\"\",\"NoProxy\":\"\",\"Name\":\"vm\",\"Labels\":[],\"ExperimentalBuild\":false,\"ServerVersion\":\"20.10.24+dfsg1\",\"Runtimes\":{\"io.containerd.runc.v2\":{\"path\":\"runc\"},\"io.containerd.runtime.v1.linux\":{\"path\":\"runc\"},\"runc\":{\"path\":\"runc\"}},\"DefaultRuntime\":\"runc\",\"Swarm\":{\"NodeID\":\"\",\"NodeAddr\":\"\",\"LocalNodeState\":\"inactive\",\"ControlAvailable\":false,\"Error\":\"\",\"RemoteManagers\":null},\"LiveRestoreEnabled\":false,\"Isolation\":\"\",\"InitBinary\":\"docker-init\",\"ContainerdCommit\":{\"ID\":\"1.6.20~ds1-1+deb12u3\",\"Expected\":\"1.6.20~ds1-1+deb12u3\"},\"RuncCommit\":{\"ID\":\"1.1.5+ds1-1+deb12u1\",\"Expected\":\"1.1.5+ds1-1+deb12u1\"},\"InitCommit\":{\"ID\":\"\",\"Expected\":\"\"},\"SecurityOptions\":[\"name=seccomp,profile=default\"],\"Warnings\":null}";

/** docker 28.2.2's `docker info` Server: section for ENGINE_INFO (Runtimes in sorted order: docker's is Go's random map order) */
const DOCKER_SERVER_TEXT = ` Containers: 3
  Running: 1
  Paused: 1
  Stopped: 1
 Images: 1
 Server Version: 20.10.24+dfsg1
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: cgroupfs
 Cgroup Version: 1
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog
 Swarm: inactive
 Runtimes: io.containerd.runc.v2 io.containerd.runtime.v1.linux runc
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: 1.6.20~ds1-1+deb12u3
 runc version: 1.1.5+ds1-1+deb12u1
 init version: 
 Security Options:
  seccomp
   Profile: default
 Kernel Version: 6.18.44-fc-v669
 Operating System: Debian GNU/Linux 12 (bookworm)
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 23.54GiB
 Name: vm
 ID: ZL52:VK75:ML5V:PXBK:6WN5:TEXC:5LYO:JIUV:KRH3:QXD6:EGJS:EGTP
 Docker Root Dir: /tmp/berth-engine/data
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  127.0.0.0/8
 Live Restore Enabled: false

`;

/** GET /v1.41/version from the same engine */
const ENGINE_VERSION = "{\"Platform\":{\"Name\":\"\"},\"Components\":[{\"Name\":\"Engine\",\"Version\":\"20.10.24+dfsg1\",\"Details\":{\"ApiVersion\":\"1.41\",\"Arch\":\"amd64\",\"BuildTime\":\"2026-05-07T21:09:36.000000000+00:00\",\"Experimental\":\"false\",\"GitCommit\":\"5d6db84\",\"GoVersion\":\"go1.19.8\",\"KernelVersion\":\"6.18.44-fc-v669\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\"}},{\"Name\":\"containerd\",\"Version\":\"1.6.20~ds1\",\"Details\":{\"GitCommit\":\"1.6.20~ds1-1+deb12u3\"}},{\"Name\":\"runc\",\"Version\":\"1.1.5+ds1\",\"Details\":{\"GitCommit\":\"1.1.5+ds1-1+deb12u1\"}},{\"Name\":\"docker-init\",\"Version\":\"0.19.0\",\"Details\":{\"GitCommit\":\"\"}}],\"Version\":\"20.10.24+dfsg1\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"GitCommit\":\"5d6db84\",\"GoVersion\":\"go1.19.8\",\"Os\":\"linux\",\"Arch\":\"amd64\",\"KernelVersion\":\"6.18.44-fc-v669\",\"BuildTime\":\"2026-05-07T21:09:36.000000000+00:00\"}";

/** docker 28.2.2's own client facts: with them, berth's output must be docker's byte for byte */
const DOCKER_CLIENT: ClientFacts = {
  Version: '28.2.2',
  DefaultAPIVersion: '1.50',
  GitCommit: 'e6534b4',
  GoVersion: 'go1.24.3',
  Os: 'linux',
  Arch: 'amd64',
  BuildTime: 'Fri May 30 12:07:14 2025',
  Context: 'default',
};

const run = (text: string, data: unknown, name = ''): string => parseTemplate(text, { name, funcs: dockerFuncs }).execute(data);
const runError = (text: string, data: unknown, name = ''): string => {
  try {
    run(text, data, name);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the template did not fail');
};

const tabbed = (s: string): string => {
  const w = new TabWriter({ minwidth: 20, tabwidth: 1, padding: 1, padchar: ' ' });
  w.write(s);
  w.write('\n');
  return w.flush();
};

describe('info: the default layout', () => {
  const info = (): Record<string, unknown> => decodeStruct(SystemInfo, JSON.parse(ENGINE_INFO) as Record<string, unknown>);

  it("prints docker's Server: section for the test engine", () => {
    const r = renderServerInfo(info(), { clientDebug: false });
    expect(r.out).toBe(DOCKER_SERVER_TEXT);
    expect(r.err).toBe('');
    expect(r.errors).toEqual([]);
  });

  it('prints the Client: section', () => {
    expect(renderClientInfo(DOCKER_CLIENT, false)).toBe('Client:\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n');
    expect(renderClientInfo({ ...DOCKER_CLIENT, Version: '' }, true)).toBe('Client:\n Context:    default\n Debug Mode: true\n');
  });

  it('adds the debug figures when the client or the daemon debugs', () => {
    const want = ' Debug Mode: false\n  File Descriptors: 34\n  Goroutines: 44\n';
    const raw = { ...(JSON.parse(ENGINE_INFO) as Record<string, unknown>), NFd: 34, NGoroutines: 44, SystemTime: 'T', NEventsListener: 2 };
    const client = renderServerInfo(decodeStruct(SystemInfo, raw), { clientDebug: true }).out;
    expect(client).toContain(`${want}  System Time: T\n  EventsListeners: 2\n Experimental:`);
    const daemon = renderServerInfo(decodeStruct(SystemInfo, { ...raw, Debug: true }), { clientDebug: false }).out;
    expect(daemon).toContain(' Debug Mode: true\n  File Descriptors: 34\n');
  });

  it('prints the optional sections', () => {
    const raw = {
      ...(JSON.parse(ENGINE_INFO) as Record<string, unknown>),
      Plugins: { Volume: null, Network: ['bridge'], Authorization: ['authz-broker'], Log: ['json-file'] },
      SystemStatus: [['Role', 'primary']],
      CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
      DiscoveredDevices: [{ Source: 'cdi', ID: 'vendor.com/gpu=0' }],
      HttpProxy: 'http://proxy:3128',
      HttpsProxy: 'https://proxy:3129',
      NoProxy: 'localhost',
      Labels: ['a=b', 'c=d'],
      RegistryConfig: {
        InsecureRegistryCIDRs: ['127.0.0.0/8', '10.0.0.0/8'],
        IndexConfigs: {
          'z.example:5000': { Name: 'z.example:5000', Mirrors: [], Secure: false, Official: false },
          'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true },
          'a.example:5000': { Name: 'a.example:5000', Mirrors: [], Secure: false, Official: false },
        },
        Mirrors: ['https://mirror.example/'],
      },
      ProductLicense: 'Community Engine',
      DefaultAddressPools: [{ Base: '10.10.0.0/16', Size: 24 }],
      Warnings: ['WARNING: No swap limit support', 'WARNING: bridge-nf-call-iptables is disabled'],
    };
    const r = renderServerInfo(decodeStruct(SystemInfo, raw), { clientDebug: false, userName: 'someone' });
    expect(r.out).toContain(' Storage Driver: overlay2\n  Backing Filesystem: extfs\n');
    expect(r.out).toContain('  userxattr: false\n Role: primary\n Logging Driver: json-file\n');
    expect(r.out).toContain(' Plugins:\n  Volume: \n  Network: bridge\n  Authorization: authz-broker\n  Log: json-file\n CDI spec directories:\n  /etc/cdi\n  /var/run/cdi\n Discovered Devices:\n  cdi: vendor.com/gpu=0\n Swarm: inactive\n');
    expect(r.out).toContain(
      ' Debug Mode: false\n HTTP Proxy: http://proxy:3128\n HTTPS Proxy: https://proxy:3129\n No Proxy: localhost\n Username: someone\n Labels:\n  a=b\n  c=d\n Experimental: false\n',
    );
    expect(r.out).toContain(
      ' Insecure Registries:\n  a.example:5000\n  z.example:5000\n  127.0.0.0/8\n  10.0.0.0/8\n Registry Mirrors:\n  https://mirror.example/\n Live Restore Enabled: false\n Product License: Community Engine\n Default Address Pools:\n   Base: 10.10.0.0/16, Size: 24\n\n',
    );
    expect(r.err).toBe('WARNING: No swap limit support\nWARNING: bridge-nf-call-iptables is disabled\n');
  });

  it('reports security options it cannot read, and skips the Linux-only lines elsewhere', () => {
    const raw = { ...(JSON.parse(ENGINE_INFO) as Record<string, unknown>), SecurityOptions: ['name=seccomp,profile'] };
    const bad = renderServerInfo(decodeStruct(SystemInfo, raw), { clientDebug: false });
    expect(bad.errors).toEqual(['invalid security option "profile"']);
    expect(bad.out).not.toContain('Security Options');
    const opts = renderServerInfo(decodeStruct(SystemInfo, { ...raw, SecurityOptions: ['apparmor', 'name=seccomp,profile=builtin', 'name=rootless', 'name=cgroupns'] }), { clientDebug: false });
    expect(opts.out).toContain(' Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  rootless\n  cgroupns\n Kernel Version:');
    const win = renderServerInfo(decodeStruct(SystemInfo, { ...raw, OSType: 'windows', Isolation: 'process' }), { clientDebug: false });
    expect(win.out).not.toContain('Init Binary');
    expect(win.out).toContain(' Default Runtime: runc\n Default Isolation: process\n Kernel Version:');
  });

  it('prints an active swarm', () => {
    const raw = {
      ...(JSON.parse(ENGINE_INFO) as Record<string, unknown>),
      Swarm: {
        NodeID: 'node1',
        NodeAddr: '10.0.0.1',
        LocalNodeState: 'active',
        ControlAvailable: true,
        Error: '',
        RemoteManagers: [
          { NodeID: 'b', Addr: '10.0.0.2:2377' },
          { NodeID: 'a', Addr: '10.0.0.1:2377' },
        ],
        Nodes: 2,
        Managers: 1,
        Cluster: {
          ID: 'clus',
          Version: { Index: 10 },
          CreatedAt: '2026-01-01T00:00:00.123456789Z',
          UpdatedAt: '2026-01-01T00:00:01Z',
          Spec: {
            Name: 'default',
            Labels: {},
            Orchestration: { TaskHistoryRetentionLimit: 5 },
            Raft: { SnapshotInterval: 10000, KeepOldSnapshots: 0, LogEntriesForSlowFollowers: 500, ElectionTick: 10, HeartbeatTick: 1 },
            Dispatcher: { HeartbeatPeriod: 5000000000 },
            CAConfig: { NodeCertExpiry: 7776000000000000, ExternalCAs: [{ Protocol: 'cfssl', URL: 'https://ca.example' }] },
            TaskDefaults: {},
            EncryptionConfig: { AutoLockManagers: false },
          },
          TLSInfo: { TrustRoot: 'root', CertIssuerSubject: 'c3ViamVjdA==', CertIssuerPublicKey: 'a2V5' },
          RootRotationInProgress: false,
          DefaultAddrPool: ['10.0.0.0/8'],
          SubnetSize: 24,
          DataPathPort: 4789,
        },
      },
    };
    const info = decodeStruct(SystemInfo, raw);
    const r = renderServerInfo(info, { clientDebug: false });
    expect(r.out).toContain(
      [
        ' Swarm: active',
        '  NodeID: node1',
        '  Is Manager: true',
        '  ClusterID: clus',
        '  Managers: 1',
        '  Nodes: 2',
        '  Default Address Pool: 10.0.0.0/8  ',
        '  SubnetSize: 24',
        '  Data Path Port: 4789',
        '  Orchestration:',
        '   Task History Retention Limit: 5',
        '  Raft:',
        '   Snapshot Interval: 10000',
        '   Number of Old Snapshots to Retain: 0',
        '   Heartbeat Tick: 1',
        '   Election Tick: 10',
        '  Dispatcher:',
        '   Heartbeat Period: 5 seconds',
        '  CA Configuration:',
        '   Expiry Duration: 3 months',
        '   Force Rotate: 0',
        '   External CAs:',
        '     cfssl: https://ca.example',
        '  Autolock Managers: false',
        '  Root Rotation In Progress: false',
        '  Node Address: 10.0.0.1',
        '  Manager Addresses:',
        '   10.0.0.1:2377',
        '   10.0.0.2:2377',
        ' Runtimes: ',
      ].join('\n'),
    );
    // the cluster's JSON: embedded Meta and Annotations flattened, omitempty honoured
    expect(run('{{json .Swarm.Cluster.Spec.Raft}} {{json .Swarm.Cluster.Spec.Annotations}} {{.Swarm.Cluster.Version}} {{.Swarm.Cluster.CreatedAt}}', info)).toBe(
      '{"SnapshotInterval":10000,"KeepOldSnapshots":0,"LogEntriesForSlowFollowers":500,"ElectionTick":10,"HeartbeatTick":1} {"Name":"default","Labels":{}} 10 2026-01-01 00:00:00.123456789 +0000 UTC',
    );
    const cluster = run('{{json .Swarm.Cluster}}', info);
    expect(cluster.startsWith('{"ID":"clus","Version":{"Index":10},"CreatedAt":"2026-01-01T00:00:00.123456789Z","UpdatedAt":"2026-01-01T00:00:01Z","Spec":{"Name":"default","Labels":{},"Orchestration":{"TaskHistoryRetentionLimit":5}')).toBe(true);
    // a worker, or a manager whose swarm reports an error, prints less
    const worker = renderServerInfo(decodeStruct(SystemInfo, { ...raw, Swarm: { ...raw.Swarm, ControlAvailable: false, Error: 'rpc error' } }), { clientDebug: false });
    expect(worker.out).toContain(' Swarm: active\n  NodeID: node1\n  Error: rpc error\n  Is Manager: false\n  Node Address: 10.0.0.1\n  Manager Addresses:\n');
    const locked = renderServerInfo(decodeStruct(SystemInfo, { ...raw, Swarm: { ...raw.Swarm, LocalNodeState: 'locked' } }), { clientDebug: false });
    expect(locked.out).toContain(' Swarm: locked\n Runtimes:');
  });
});

describe('info: templates and JSON over dockerInfo', () => {
  const ctx = (): Record<string, unknown> => dockerInfoContext({ server: JSON.parse(ENGINE_INFO) as Record<string, unknown>, client: DOCKER_CLIENT, debug: false });

  it('promotes system.Info fields and keeps Go names', () => {
    expect(run('{{.ServerVersion}} {{.Info.ServerVersion}} {{.CPUCfsPeriod}} {{.HTTPProxy}}| {{.NCPU}} {{.MemTotal}}', ctx())).toBe('20.10.24+dfsg1 20.10.24+dfsg1 true | 2 25276502016');
    expect(run('{{.ClientInfo.Version}} {{.ClientInfo.Debug}} {{.ClientInfo.Plugins}} {{.ClientErrors}} {{.ServerErrors}}', ctx())).toBe('28.2.2 false [] [] []');
  });

  it('prints structs and maps as Go does', () => {
    expect(run('{{.Plugins}}', ctx())).toBe('{[local] [bridge host ipvlan macvlan null overlay] [] [awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog]}');
    expect(run('{{.Swarm}}', ctx())).toBe('{  inactive false  [] 0 0 <nil> []}');
    expect(run('{{.Runtimes}}', ctx())).toBe('map[io.containerd.runc.v2:{{runc []  map[]} map[]} io.containerd.runtime.v1.linux:{{runc []  map[]} map[]} runc:{{runc []  map[]} map[]}]');
    expect(run('{{.ClientInfo}}', ctx())).toBe('{false {<nil> 28.2.2  1.50 e6534b4 go1.24.3 linux amd64 Fri May 30 12:07:14 2025 default} [] []}');
    expect(run('{{.RegistryConfig.InsecureRegistryCIDRs}} {{index .RegistryConfig.IndexConfigs "docker.io"}}', ctx())).toBe('[127.0.0.0/8] {docker.io [] true true}');
  });

  it("fails with Go's messages and types", () => {
    expect(runError('{{.Foo}}', ctx())).toBe('template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type system.dockerInfo');
    expect(runError('{{.ClientInfo.Foo}}', ctx())).toBe('template: :1:13: executing "" at <.ClientInfo.Foo>: can\'t evaluate field Foo in type *system.clientInfo');
    expect(runError('{{.Swarm.Foo}}', ctx())).toBe('template: :1:8: executing "" at <.Swarm.Foo>: can\'t evaluate field Foo in type swarm.Info');
  });

  it("marshals as docker does: json tags, omitempty, sorted ServiceConfig", () => {
    const text = run('{{json .}}', ctx());
    expect(text.startsWith('{"ID":"ZL52:VK75:ML5V:PXBK:6WN5:TEXC:5LYO:JIUV:KRH3:QXD6:EGJS:EGTP","Containers":3,')).toBe(true);
    // fields the 28.2 struct does not have are gone; renamed ones carry their json names
    expect(text).not.toContain('BridgeNfIptables');
    expect(text).toContain('"CpuCfsPeriod":true,"CpuCfsQuota":true,');
    expect(text).toContain('"HttpProxy":"","HttpsProxy":""');
    expect(text).toContain('"RegistryConfig":{"IndexConfigs":{"docker.io":{"Mirrors":[],"Name":"docker.io","Official":true,"Secure":true}},"InsecureRegistryCIDRs":["127.0.0.0/8"],"Mirrors":[]}');
    expect(text).toContain('"InitCommit":{"ID":""},"SecurityOptions":["name=seccomp,profile=default"],"CDISpecDirs":null,"Warnings":null,');
    expect(text.endsWith(',"ClientInfo":{"Debug":false,"Version":"28.2.2","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default","Plugins":[],"Warnings":null}}')).toBe(true);
    expect(run('{{json .Runtimes}}', ctx())).toBe('{"io.containerd.runc.v2":{"path":"runc"},"io.containerd.runtime.v1.linux":{"path":"runc"},"runc":{"path":"runc"}}');
  });

  it("gives docker's JSON for the empty Info of an unreachable engine", () => {
    const empty = dockerInfoContext({ server: {}, client: DOCKER_CLIENT, debug: false });
    expect(run('{{json .}}', empty)).toBe(
      '{"ID":"","Containers":0,"ContainersRunning":0,"ContainersPaused":0,"ContainersStopped":0,"Images":0,"Driver":"","DriverStatus":null,"Plugins":{"Volume":null,"Network":null,"Authorization":null,"Log":null},"MemoryLimit":false,"SwapLimit":false,"CpuCfsPeriod":false,"CpuCfsQuota":false,"CPUShares":false,"CPUSet":false,"PidsLimit":false,"IPv4Forwarding":false,"Debug":false,"NFd":0,"OomKillDisable":false,"NGoroutines":0,"SystemTime":"","LoggingDriver":"","CgroupDriver":"","NEventsListener":0,"KernelVersion":"","OperatingSystem":"","OSVersion":"","OSType":"","Architecture":"","IndexServerAddress":"","RegistryConfig":null,"NCPU":0,"MemTotal":0,"GenericResources":null,"DockerRootDir":"","HttpProxy":"","HttpsProxy":"","NoProxy":"","Name":"","Labels":null,"ExperimentalBuild":false,"ServerVersion":"","Runtimes":null,"DefaultRuntime":"","Swarm":{"NodeID":"","NodeAddr":"","LocalNodeState":"","ControlAvailable":false,"Error":"","RemoteManagers":null},"LiveRestoreEnabled":false,"Isolation":"","InitBinary":"","ContainerdCommit":{"ID":""},"RuncCommit":{"ID":""},"InitCommit":{"ID":""},"SecurityOptions":null,"CDISpecDirs":null,"Warnings":null,"ClientInfo":{"Debug":false,"Version":"28.2.2","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default","Plugins":[],"Warnings":null}}',
    );
  });

  it('leaves the Info out of the JSON when there is none, and the errors in', () => {
    const none = dockerInfoContext({ server: null, client: DOCKER_CLIENT, debug: true, serverErrors: ['boom'] });
    expect(run('{{json .}}', none)).toBe(
      '{"ServerErrors":["boom"],"ClientInfo":{"Debug":true,"Version":"28.2.2","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default","Plugins":[],"Warnings":null}}',
    );
  });

  it('the client-only probe answers client fields and fails on server ones', () => {
    const probe = sparseInfoContext({ server: {}, client: DOCKER_CLIENT, debug: false });
    expect(run('{{.ClientInfo.Context}}', probe)).toBe('default');
    expect(() => run('{{.ServerVersion}}', probe)).toThrow(/can't evaluate field ServerVersion in type system.sparseInfo/);
  });
});

describe('version', () => {
  const server = (): Record<string, unknown> => JSON.parse(ENGINE_VERSION) as Record<string, unknown>;
  const client: ClientFacts = { ...DOCKER_CLIENT, ApiVersion: '1.41' };

  it("prints docker's layout", () => {
    expect(tabbed(defaultVersionText(versionContext(client, server())))).toBe(
      `Client:
 Version:           28.2.2
 API version:       1.41 (downgraded from 1.50)
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:14 2025
 OS/Arch:           linux/amd64
 Context:           default

Server:
 Engine:
  Version:          20.10.24+dfsg1
  API version:      1.41 (minimum version 1.12)
  Go version:       go1.19.8
  Git commit:       5d6db84
  Built:            Thu May  7 21:09:36 2026
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.6.20~ds1
  GitCommit:        1.6.20~ds1-1+deb12u3
 runc:
  Version:          1.1.5+ds1
  GitCommit:        1.1.5+ds1-1+deb12u1
 docker-init:
  Version:          0.19.0
  GitCommit:        
`,
    );
  });

  it('prints only the client without an engine, without a downgrade note when none happened', () => {
    expect(tabbed(defaultVersionText(versionContext({ ...client, ApiVersion: '1.50' }, null)))).toBe(
      'Client:\n Version:           28.2.2\n API version:       1.50\n Go version:        go1.24.3\n Git commit:        e6534b4\n Built:             Fri May 30 12:07:14 2025\n OS/Arch:           linux/amd64\n Context:           default\n',
    );
  });

  it('makes up the Engine component for engines that list none, and shows the platform name', () => {
    const old = { Platform: { Name: 'Docker Engine - Community' }, Version: '17.06.0', ApiVersion: '1.30', MinAPIVersion: '1.12', GitCommit: 'abc', GoVersion: 'go1.8', Os: 'linux', Arch: 'amd64', BuildTime: '2017-06-23T21:19:04.990631145+00:00' };
    const text = tabbed(defaultVersionText(versionContext(client, old)));
    expect(text).toContain(
      '\n\nServer: Docker Engine - Community\n Engine:\n  Version:          17.06.0\n  API version:      1.30 (minimum version 1.12)\n  Go version:       go1.8\n  Git commit:       abc\n  Built:            Fri Jun 23 21:19:04 2017\n  OS/Arch:          linux/amd64\n  Experimental:     false\n',
    );
    expect(run('{{json .Server.Components}}', versionContext(client, old))).toBe(
      '[{"Name":"Engine","Version":"17.06.0","Details":{"ApiVersion":"1.30","Arch":"amd64","BuildTime":"Fri Jun 23 21:19:04 2017","Experimental":"false","GitCommit":"abc","GoVersion":"go1.8","MinAPIVersion":"1.12","Os":"linux"}}]',
    );
  });

  it("marshals and templates as docker's versionInfo", () => {
    const ctx = versionContext(client, server());
    expect(run('{{json .}}', ctx)).toBe(
      '{"Client":{"Version":"28.2.2","ApiVersion":"1.41","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default"},"Server":{"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"20.10.24+dfsg1","Details":{"ApiVersion":"1.41","Arch":"amd64","BuildTime":"Thu May  7 21:09:36 2026","Experimental":"false","GitCommit":"5d6db84","GoVersion":"go1.19.8","KernelVersion":"6.18.44-fc-v669","MinAPIVersion":"1.12","Os":"linux"}},{"Name":"containerd","Version":"1.6.20~ds1","Details":{"GitCommit":"1.6.20~ds1-1+deb12u3"}},{"Name":"runc","Version":"1.1.5+ds1","Details":{"GitCommit":"1.1.5+ds1-1+deb12u1"}},{"Name":"docker-init","Version":"0.19.0","Details":{"GitCommit":""}}],"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84","GoVersion":"go1.19.8","Os":"linux","Arch":"amd64","KernelVersion":"6.18.44-fc-v669","BuildTime":"2026-05-07T21:09:36.000000000+00:00"}}',
    );
    expect(run('{{.Client}}', ctx)).toBe('{<nil> 28.2.2 1.41 1.50 e6534b4 go1.24.3 linux amd64 Fri May 30 12:07:14 2025 default}');
    expect(runError('{{.Foo}}', ctx, 'version')).toBe('template: version:1:2: executing "version" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo');
    expect(runError('{{.Server.Foo}}', ctx, 'version')).toBe('template: version:1:9: executing "version" at <.Server.Foo>: can\'t evaluate field Foo in type *types.Version');
    const none = versionContext(client, null);
    expect(run('{{json .Server}}', none)).toBe('null');
    expect(runError('{{.Server.Version}}', none, 'version')).toMatch(/nil pointer evaluating \*types.Version.Version/);
  });

  it("reformats RFC 3339 build times as time.ANSIC in the timestamp's zone", () => {
    expect(reformatDate('2026-05-07T21:09:36.000000000+00:00')).toBe('Thu May  7 21:09:36 2026');
    expect(reformatDate('2025-05-30T12:07:14Z')).toBe('Fri May 30 12:07:14 2025');
    expect(reformatDate('2024-02-29T23:59:59.5-07:00')).toBe('Thu Feb 29 23:59:59 2024');
    expect(reformatDate('2023-02-29T00:00:00Z')).toBe('2023-02-29T00:00:00Z');
    expect(reformatDate('unknown')).toBe('unknown');
    expect(reformatDate('')).toBe('');
  });

  it("names Node's platforms as Go does", () => {
    expect(goOS('linux')).toBe('linux');
    expect(goOS('win32')).toBe('windows');
    expect(goOS('darwin')).toBe('darwin');
    expect(goArch('x64')).toBe('amd64');
    expect(goArch('ia32')).toBe('386');
    expect(goArch('arm64')).toBe('arm64');
    expect(goArch('ppc64', true)).toBe('ppc64le');
    expect(goArch('ppc64', false)).toBe('ppc64');
    expect(goArch('s390x')).toBe('s390x');
  });
});

describe('the Go type description', () => {
  it('decodes zero values, typed nils and named types', () => {
    const v = decodeStruct(ClientVersion, {});
    expect(run('{{.Platform}}|{{.Version}}|{{.Context}}', v)).toBe('<nil>||');
    expect(marshal(ClientVersion, v)).toBe('{"Context":""}');
    const info = decodeStruct(SystemInfo, { Swarm: { LocalNodeState: 'active' }, Isolation: 'hyperv', Labels: [] });
    expect(run('{{printf "%T %T %T %T" .Swarm.LocalNodeState .Isolation .Labels .MemTotal}}', info)).toBe('swarm.LocalNodeState container.Isolation []string int64');
    expect(run('{{printf "%T %T" .DriverStatus .RegistryConfig}}', info)).toBe('[][2]string *registry.ServiceConfig');
    expect(run('{{.Labels}} {{.Warnings}} {{json .Labels}} {{json .Warnings}}', info)).toBe('[] [] [] null');
  });

  it('matches JSON keys as encoding/json does (exact, then ignoring case)', () => {
    const v = decode(SystemInfo, { containers: 7, CpuCfsPeriod: true, CPUCFSQUOTA: true, HTTPProxy: 'p' }) as Record<string, unknown>;
    expect(run('{{.Containers}} {{.CPUCfsPeriod}} {{.CPUCfsQuota}} {{.HTTPProxy}}', v)).toBe('7 true true p');
  });

  it('writes JSON strings as encoding/json does without HTML escaping', () => {
    expect(jsonString('a<b>&"c"\\\n\t\u0001\u2028')).toBe('"a<b>&\\"c\\"\\\\\\n\\t\\u0001\\u2028"');
    expect(jsonString('\ud800x')).toBe('"\\ufffdx"');
    expect(jsonString('😀')).toBe('"😀"');
  });
});
