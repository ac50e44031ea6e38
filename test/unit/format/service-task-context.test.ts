// The row contexts of `service ls` and of the task table (service ps, node ps), without an
// engine: docker/cli's formatter_test.go cases and the renderings its code gives.
import { describe, expect, it } from 'vitest';
import { ServiceContext, servicePorts, serviceListFormat } from '../../../src/format/contexts/service.js';
import { TaskContext, displayImage, prettyPrint, taskFormat } from '../../../src/format/contexts/task.js';
import type { PortConfig, Service } from '../../../src/engine/service-types.js';

const p = (Protocol: string, TargetPort: number, PublishedPort: number, PublishMode = 'ingress'): PortConfig => ({ Protocol, TargetPort, PublishedPort, PublishMode });

describe('servicePorts (serviceContext.Ports)', () => {
  it('groups ranges as docker/cli TestServiceContext_Ports expects', () => {
    const ports = [
      p('tcp', 80, 81), p('tcp', 80, 80), p('tcp', 95, 95), p('tcp', 90, 90), p('tcp', 91, 91), p('tcp', 92, 92), p('tcp', 93, 93), p('tcp', 94, 94),
      p('udp', 95, 95), p('udp', 90, 90), p('udp', 96, 96), p('udp', 91, 91), p('udp', 92, 92), p('udp', 93, 93), p('udp', 94, 94),
      p('tcp', 60, 60), p('tcp', 61, 61), p('tcp', 61, 62), p('sctp', 97, 97), p('sctp', 98, 98),
    ];
    expect(servicePorts(ports)).toBe('*:97-98->97-98/sctp, *:60-61->60-61/tcp, *:62->61/tcp, *:80-81->80/tcp, *:90-95->90-95/tcp, *:90-96->90-96/udp');
  });
  it('leaves host-mode ports out, and prints nothing for none', () => {
    expect(servicePorts([p('tcp', 80, 8080, 'host')])).toBe('');
    expect(servicePorts(null)).toBe('');
    expect(servicePorts([p('tcp', 80, 8080), p('tcp', 443, 8443)])).toBe('*:8080->80/tcp, *:8443->443/tcp');
  });
  it('a smaller port after a larger one starts a new range (uint32 differences wrap)', () => {
    expect(servicePorts([p('tcp', 81, 100), p('tcp', 80, 101)])).toBe('*:100->81/tcp, *:101->80/tcp');
  });
});

const svc = (mode: Service['Spec']['Mode'], status?: object, maxReplicas?: number): Service =>
  ({
    ID: 'abcdefghijklmnopqrstuvwxy',
    Version: {},
    Spec: { Name: 's', Labels: null, Mode: mode, TaskTemplate: { ForceUpdate: 0, ContainerSpec: { Image: 'busybox:latest@sha256:' + 'a'.repeat(64) }, Placement: maxReplicas ? { MaxReplicas: maxReplicas } : undefined } },
    ServiceStatus: status,
  }) as unknown as Service;

describe('ServiceContext', () => {
  it('Mode and Replicas for each service mode', () => {
    const st = { RunningTasks: 1, DesiredTasks: 2, CompletedTasks: 3 };
    expect(new ServiceContext(svc({ Replicated: { Replicas: 2 } }, st)).Replicas()).toBe('1/2');
    expect(new ServiceContext(svc({ Replicated: { Replicas: 2 } }, st, 4)).Replicas()).toBe('1/2 (max 4 per node)');
    expect(new ServiceContext(svc({ Global: {} }, st, 4)).Replicas()).toBe('1/2');
    expect(new ServiceContext(svc({ ReplicatedJob: { TotalCompletions: 5 } }, st)).Replicas()).toBe('1/2 (3/5 completed)');
    expect(new ServiceContext(svc({ GlobalJob: {} }, st)).Replicas()).toBe('1/2 (3/5 completed)');
    expect(new ServiceContext(svc({ Replicated: { Replicas: 2 } })).Replicas()).toBe('0/0');
    expect(new ServiceContext(svc({ ReplicatedJob: {} })).Mode()).toBe('replicated job');
    expect(new ServiceContext(svc({ GlobalJob: {} })).Mode()).toBe('global job');
    expect(new ServiceContext(svc({})).Mode()).toBe('');
  });
  it('ID truncated, image without its digest', () => {
    const c = new ServiceContext(svc({ Global: {} }));
    expect(c.ID()).toBe('abcdefghijkl');
    expect(c.Image()).toBe('busybox:latest');
  });
  it('formats: table, raw, quiet', () => {
    expect(serviceListFormat('table', true)).toBe('{{.ID}}');
    expect(serviceListFormat('raw', true)).toBe('id: {{.ID}}');
    expect(serviceListFormat('{{.Name}}', true)).toBe('{{.Name}}');
  });
});

describe('task context', () => {
  it('prettyPrint capitalises the first letter only (formatter.PrettyPrint)', () => {
    expect(prettyPrint('running')).toBe('Running');
    expect(prettyPrint('RUNNING')).toBe('Running');
    expect(prettyPrint('x')).toBe('x');
    expect(prettyPrint('X')).toBe('x');
    expect(prettyPrint('')).toBe('');
  });
  it('displayImage drops the digest of a tagged reference only', () => {
    expect(displayImage('busybox:latest@sha256:' + 'b'.repeat(64))).toBe('busybox:latest');
    expect(displayImage('busybox@sha256:' + 'b'.repeat(64))).toBe('busybox@sha256:' + 'b'.repeat(64));
    expect(displayImage('docker.io/library/busybox:1')).toBe('busybox:1');
    expect(displayImage('busybox')).toBe('busybox');
    expect(displayImage('Not A Ref')).toBe('Not A Ref');
  });
  it('Error is quoted, and cut to 30 columns unless --no-trunc', () => {
    const task = { ID: 'x'.repeat(25), Status: { Err: 'task: non-zero exit (3): something long happened', State: 'failed' }, DesiredState: 'shutdown' };
    expect(new TaskContext(task, true, 'n', 'node').Error()).toBe('"task: non-zero exit (3): some…"');
    expect(new TaskContext(task, false, 'n', 'node').Error()).toBe('"task: non-zero exit (3): something long happened"');
    expect(new TaskContext(task, true, 'n', 'node').ID()).toBe('x'.repeat(12));
    expect(new TaskContext({ ID: 'a' }, true, 'n', 'node').Error()).toBe('');
  });
  it('Ports lists every published port of the task, comma-joined', () => {
    const task = { ID: 'a', Status: { PortStatus: { Ports: [p('tcp', 80, 8080, 'host'), p('udp', 53, 53, 'host')] } } };
    expect(new TaskContext(task, true, 'n', 'node').Ports()).toBe('*:8080->80/tcp,*:53->53/udp');
  });
  it('CurrentState: the state and how long ago, lower-cased', () => {
    const task = { ID: 'a', Status: { State: 'running', Timestamp: new Date(Date.now() - 90_000).toISOString() } };
    expect(new TaskContext(task, true, 'n', 'node').CurrentState()).toBe('Running about a minute ago');
  });
  it('formats: table, raw, quiet', () => {
    expect(taskFormat('table', true)).toBe('{{.ID}}');
    expect(taskFormat('raw', true)).toBe('id: {{.ID}}');
    expect(taskFormat('json', false)).toBe('json');
  });
});
