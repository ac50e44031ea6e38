// docker/cli service/formatter.go, the inspect part: `service inspect --pretty`'s template and
// the serviceInspectContext it runs on. The methods hand the template Go values of the typed
// swarm.Service (inspect-types/service.ts), so that it prints them as Go does (durations,
// pointers, slices, maps in key order).
import { GO_TYPE, GoNil, GoTyped, goInt, goMap, goSlice } from '../values.js';
import { bytesSize, humanDuration } from '../../util/units.js';
import type { Service } from '../../engine/service-types.js';
import { sinceMs } from './task.js';

export const SERVICE_INSPECT_PRETTY = `
ID:		{{.ID}}
Name:		{{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Service Mode:
{{- if .IsModeGlobal }}	Global
{{- else if .IsModeReplicated }}	Replicated
{{- if .ModeReplicatedReplicas }}
 Replicas:	{{ .ModeReplicatedReplicas }}
{{- end }}{{ end }}
{{- if .HasUpdateStatus }}
UpdateStatus:
 State:		{{ .UpdateStatusState }}
{{- if .HasUpdateStatusStarted }}
 Started:	{{ .UpdateStatusStarted }}
{{- end }}
{{- if .UpdateIsCompleted }}
 Completed:	{{ .UpdateStatusCompleted }}
{{- end }}
 Message:	{{ .UpdateStatusMessage }}
{{- end }}
Placement:
{{- if .TaskPlacementConstraints }}
 Constraints:	{{ .TaskPlacementConstraints }}
{{- end }}
{{- if .TaskPlacementPreferences }}
 Preferences:   {{ .TaskPlacementPreferences }}
{{- end }}
{{- if .MaxReplicas }}
 Max Replicas Per Node:   {{ .MaxReplicas }}
{{- end }}
{{- if .HasUpdateConfig }}
UpdateConfig:
 Parallelism:	{{ .UpdateParallelism }}
{{- if .HasUpdateDelay}}
 Delay:		{{ .UpdateDelay }}
{{- end }}
 On failure:	{{ .UpdateOnFailure }}
{{- if .HasUpdateMonitor}}
 Monitoring Period: {{ .UpdateMonitor }}
{{- end }}
 Max failure ratio: {{ .UpdateMaxFailureRatio }}
 Update order:      {{ .UpdateOrder }}
{{- end }}
{{- if .HasRollbackConfig }}
RollbackConfig:
 Parallelism:	{{ .RollbackParallelism }}
{{- if .HasRollbackDelay}}
 Delay:		{{ .RollbackDelay }}
{{- end }}
 On failure:	{{ .RollbackOnFailure }}
{{- if .HasRollbackMonitor}}
 Monitoring Period: {{ .RollbackMonitor }}
{{- end }}
 Max failure ratio: {{ .RollbackMaxFailureRatio }}
 Rollback order:    {{ .RollbackOrder }}
{{- end }}
ContainerSpec:
 Image:		{{ .ContainerImage }}
{{- if .ContainerArgs }}
 Args:		{{ range $arg := .ContainerArgs }}{{ $arg }} {{ end }}
{{- end -}}
{{- if .ContainerEnv }}
 Env:		{{ range $env := .ContainerEnv }}{{ $env }} {{ end }}
{{- end -}}
{{- if .ContainerWorkDir }}
 Dir:		{{ .ContainerWorkDir }}
{{- end -}}
{{- if .HasContainerInit }}
 Init:		{{ .ContainerInit }}
{{- end -}}
{{- if .ContainerUser }}
 User: {{ .ContainerUser }}
{{- end }}
{{- if .HasCapabilities }}
Capabilities:
{{- if .HasCapabilityAdd }}
 Add: {{ .CapabilityAdd }}
{{- end }}
{{- if .HasCapabilityDrop }}
 Drop: {{ .CapabilityDrop }}
{{- end }}
{{- end }}
{{- if .ContainerSysCtls }}
SysCtls:
{{- range $k, $v := .ContainerSysCtls }}
 {{ $k }}{{if $v }}: {{ $v }}{{ end }}
{{- end }}{{ end }}
{{- if .ContainerUlimits }}
Ulimits:
{{- range $k, $v := .ContainerUlimits }}
 {{ $k }}: {{ $v }}
{{- end }}{{ end }}
{{- if .ContainerMounts }}
Mounts:
{{- end }}
{{- range $mount := .ContainerMounts }}
 Target:	{{ $mount.Target }}
  Source:	{{ $mount.Source }}
  ReadOnly:	{{ $mount.ReadOnly }}
  Type:		{{ $mount.Type }}
{{- end -}}
{{- if .Configs}}
Configs:
{{- range $config := .Configs }}
 Target:	{{$config.File.Name}}
  Source:	{{$config.ConfigName}}
{{- end }}{{ end }}
{{- if .Secrets }}
Secrets:
{{- range $secret := .Secrets }}
 Target:	{{$secret.File.Name}}
  Source:	{{$secret.SecretName}}
{{- end }}{{ end }}
{{- if .HasLogDriver }}
Log Driver:
{{- if .HasLogDriverName }}
 Name:		{{ .LogDriverName }}
{{- end }}
{{- if .LogOpts }}
 LogOpts:
{{- range $k, $v := .LogOpts }}
  {{ $k }}{{if $v }}:       {{ $v }}{{ end }}
{{- end }}{{ end }}
{{ end }}
{{- if .HasResources }}
Resources:
{{- if .HasResourceReservations }}
 Reservations:
{{- if gt .ResourceReservationNanoCPUs 0.0 }}
  CPU:		{{ .ResourceReservationNanoCPUs }}
{{- end }}
{{- if .ResourceReservationMemory }}
  Memory:	{{ .ResourceReservationMemory }}
{{- end }}{{ end }}
{{- if .HasResourceLimits }}
 Limits:
{{- if gt .ResourceLimitsNanoCPUs 0.0 }}
  CPU:		{{ .ResourceLimitsNanoCPUs }}
{{- end }}
{{- if .ResourceLimitMemory }}
  Memory:	{{ .ResourceLimitMemory }}
{{- end }}{{ end }}{{ end }}
{{- if gt .ResourceLimitPids 0 }}
  PIDs:		{{ .ResourceLimitPids }}
{{- end }}
{{- if .Networks }}
Networks:
{{- range $network := .Networks }} {{ $network }}{{ end }} {{ end }}
Endpoint Mode:	{{ .EndpointMode }}
{{- if .Ports }}
Ports:
{{- range $port := .Ports }}
 PublishedPort = {{ $port.PublishedPort }}
  Protocol = {{ $port.Protocol }}
  TargetPort = {{ $port.TargetPort }}
  PublishMode = {{ $port.PublishMode }}
{{- end }} {{ end -}}
{{- if .Healthcheck }}
 Healthcheck:
  Interval = {{ .Healthcheck.Interval }}
  Retries = {{ .Healthcheck.Retries }}
  StartPeriod =	{{ .Healthcheck.StartPeriod }}
  Timeout =	{{ .Healthcheck.Timeout }}
  {{- if .Healthcheck.Test }}
  Tests:
	{{- range $test := .Healthcheck.Test }}
	 Test = {{ $test }}
  {{- end }} {{ end -}}
{{- end }}
`;

type Obj = Record<string, unknown>;

/** a field of a typed Go value, through pointers; undefined past a nil one */
function tget(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === undefined || cur === null || cur instanceof GoNil) return undefined;
    cur = (cur as Obj)[p];
  }
  return cur;
}

const n = (v: unknown): number => Number(v instanceof GoTyped ? v.value : (v ?? 0));
const nilStrings = (): GoNil => new GoNil('[]string');

/** service.serviceInspectContext: `svc` is the engine's JSON, `typed` the same decoded into swarm.Service */
export class ServiceInspectContext {
  readonly [GO_TYPE] = '*service.serviceInspectContext';
  declare private readonly svc: Service & Obj;
  declare private readonly typed: Obj;
  declare private readonly networkNames: Map<string, string>;

  constructor(svc: Service, typed: unknown, networkNames: Map<string, string>) {
    for (const [k, v] of Object.entries({ svc, typed, networkNames })) Object.defineProperty(this, k, { value: v, enumerable: false });
  }

  private get spec(): Obj {
    return this.typed.Spec as Obj;
  }

  private task(...path: string[]): unknown {
    return tget(this.spec.TaskTemplate, ...path);
  }

  private cs(...path: string[]): unknown {
    return tget(this.spec.TaskTemplate, 'ContainerSpec', ...path);
  }

  ID(): unknown {
    return this.typed.ID;
  }
  Name(): unknown {
    return tget(this.spec, 'Annotations', 'Name');
  }
  Labels(): unknown {
    return tget(this.spec, 'Annotations', 'Labels');
  }
  HasLogDriver(): boolean {
    return !(this.task('LogDriver') instanceof GoNil);
  }
  HasLogDriverName(): boolean {
    return this.task('LogDriver', 'Name') !== '';
  }
  LogDriverName(): unknown {
    return this.task('LogDriver', 'Name');
  }
  LogOpts(): unknown {
    return this.task('LogDriver', 'Options');
  }
  Configs(): unknown {
    return this.cs('Configs');
  }
  Secrets(): unknown {
    return this.cs('Secrets');
  }
  Healthcheck(): unknown {
    return this.cs('Healthcheck');
  }
  IsModeGlobal(): boolean {
    return !(tget(this.spec, 'Mode', 'Global') instanceof GoNil);
  }
  IsModeReplicated(): boolean {
    return !(tget(this.spec, 'Mode', 'Replicated') instanceof GoNil);
  }
  ModeReplicatedReplicas(): unknown {
    return tget(this.spec, 'Mode', 'Replicated', 'Replicas');
  }
  HasUpdateStatus(): boolean {
    return !!this.svc.UpdateStatus && ((this.svc.UpdateStatus as Obj).State ?? '') !== '';
  }
  UpdateStatusState(): unknown {
    return tget(this.typed, 'UpdateStatus', 'State');
  }
  HasUpdateStatusStarted(): boolean {
    return ((this.svc.UpdateStatus as Obj | undefined)?.StartedAt ?? null) !== null;
  }
  UpdateStatusStarted(): string {
    return `${humanDuration(sinceMs((this.svc.UpdateStatus as Obj).StartedAt as string))} ago`;
  }
  UpdateIsCompleted(): boolean {
    const us = this.svc.UpdateStatus as Obj | undefined;
    return us?.State === 'completed' && (us.CompletedAt ?? null) !== null;
  }
  UpdateStatusCompleted(): string {
    return `${humanDuration(sinceMs((this.svc.UpdateStatus as Obj).CompletedAt as string))} ago`;
  }
  UpdateStatusMessage(): unknown {
    return tget(this.typed, 'UpdateStatus', 'Message');
  }
  TaskPlacementConstraints(): unknown {
    return this.task('Placement', 'Constraints') ?? nilStrings();
  }
  TaskPlacementPreferences(): unknown {
    const prefs = this.svc.Spec.TaskTemplate?.Placement?.Preferences;
    const out = (prefs ?? []).filter((p) => p.Spread).map((p) => `spread=${p.Spread!.SpreadDescriptor ?? ''}`);
    return out.length > 0 ? goSlice(out, '[]string') : nilStrings();
  }
  MaxReplicas(): unknown {
    return this.task('Placement', 'MaxReplicas') ?? goInt(0, 'uint64');
  }
  private updateConfig(which: 'UpdateConfig' | 'RollbackConfig', ...path: string[]): unknown {
    return tget(this.spec[which], ...path);
  }
  HasUpdateConfig(): boolean {
    return !(this.spec.UpdateConfig instanceof GoNil);
  }
  UpdateParallelism(): unknown {
    return this.updateConfig('UpdateConfig', 'Parallelism');
  }
  HasUpdateDelay(): boolean {
    return n(this.svc.Spec.UpdateConfig?.Delay) > 0;
  }
  UpdateDelay(): unknown {
    return this.updateConfig('UpdateConfig', 'Delay');
  }
  UpdateOnFailure(): unknown {
    return this.updateConfig('UpdateConfig', 'FailureAction');
  }
  UpdateOrder(): unknown {
    return this.updateConfig('UpdateConfig', 'Order');
  }
  HasUpdateMonitor(): boolean {
    return n(this.svc.Spec.UpdateConfig?.Monitor) > 0;
  }
  UpdateMonitor(): unknown {
    return this.updateConfig('UpdateConfig', 'Monitor');
  }
  UpdateMaxFailureRatio(): unknown {
    return this.updateConfig('UpdateConfig', 'MaxFailureRatio');
  }
  HasRollbackConfig(): boolean {
    return !(this.spec.RollbackConfig instanceof GoNil);
  }
  RollbackParallelism(): unknown {
    return this.updateConfig('RollbackConfig', 'Parallelism');
  }
  HasRollbackDelay(): boolean {
    return n(this.svc.Spec.RollbackConfig?.Delay) > 0;
  }
  RollbackDelay(): unknown {
    return this.updateConfig('RollbackConfig', 'Delay');
  }
  RollbackOnFailure(): unknown {
    return this.updateConfig('RollbackConfig', 'FailureAction');
  }
  HasRollbackMonitor(): boolean {
    return n(this.svc.Spec.RollbackConfig?.Monitor) > 0;
  }
  RollbackMonitor(): unknown {
    return this.updateConfig('RollbackConfig', 'Monitor');
  }
  RollbackMaxFailureRatio(): unknown {
    return this.updateConfig('RollbackConfig', 'MaxFailureRatio');
  }
  RollbackOrder(): unknown {
    return this.updateConfig('RollbackConfig', 'Order');
  }
  ContainerImage(): unknown {
    return this.cs('Image');
  }
  ContainerArgs(): unknown {
    return this.cs('Args');
  }
  ContainerEnv(): unknown {
    return this.cs('Env');
  }
  ContainerWorkDir(): unknown {
    return this.cs('Dir');
  }
  ContainerUser(): unknown {
    return this.cs('User');
  }
  HasContainerInit(): boolean {
    return !(this.cs('Init') instanceof GoNil);
  }
  ContainerInit(): boolean {
    const init = this.svc.Spec.TaskTemplate?.ContainerSpec?.Init;
    return init === true;
  }
  ContainerMounts(): unknown {
    return this.cs('Mounts');
  }
  ContainerSysCtls(): unknown {
    return this.cs('Sysctls');
  }
  HasContainerSysCtls(): boolean {
    return Object.keys(this.svc.Spec.TaskTemplate?.ContainerSpec?.Sysctls ?? {}).length > 0;
  }
  ContainerUlimits(): unknown {
    const out: Record<string, string> = {};
    for (const u of this.svc.Spec.TaskTemplate?.ContainerSpec?.Ulimits ?? []) out[u.Name] = `${u.Soft}:${u.Hard}`;
    return goMap(out, 'map[string]string');
  }
  HasContainerUlimits(): boolean {
    return (this.svc.Spec.TaskTemplate?.ContainerSpec?.Ulimits ?? []).length > 0;
  }
  HasResources(): boolean {
    return !!this.svc.Spec.TaskTemplate?.Resources;
  }
  HasResourceReservations(): boolean {
    const r = this.svc.Spec.TaskTemplate?.Resources?.Reservations;
    return !!r && ((r.NanoCPUs ?? 0) > 0 || (r.MemoryBytes ?? 0) > 0);
  }
  ResourceReservationNanoCPUs(): number {
    return (this.svc.Spec.TaskTemplate?.Resources?.Reservations?.NanoCPUs ?? 0) / 1e9;
  }
  ResourceReservationMemory(): string {
    const m = this.svc.Spec.TaskTemplate?.Resources?.Reservations?.MemoryBytes ?? 0;
    return m === 0 ? '' : bytesSize(m);
  }
  HasResourceLimits(): boolean {
    const l = this.svc.Spec.TaskTemplate?.Resources?.Limits;
    return !!l && ((l.NanoCPUs ?? 0) > 0 || (l.MemoryBytes ?? 0) > 0 || (l.Pids ?? 0) > 0);
  }
  ResourceLimitsNanoCPUs(): number {
    return (this.svc.Spec.TaskTemplate?.Resources?.Limits?.NanoCPUs ?? 0) / 1e9;
  }
  ResourceLimitMemory(): string {
    const m = this.svc.Spec.TaskTemplate?.Resources?.Limits?.MemoryBytes ?? 0;
    return m === 0 ? '' : bytesSize(m);
  }
  ResourceLimitPids(): unknown {
    return goInt(this.svc.Spec.TaskTemplate?.Resources?.Limits?.Pids ?? 0, 'int64');
  }
  Networks(): unknown {
    const out = (this.svc.Spec.TaskTemplate?.Networks ?? []).map((nw) => this.networkNames.get(nw.Target ?? '') ?? nw.Target ?? '');
    return out.length > 0 ? goSlice(out, '[]string') : nilStrings();
  }
  EndpointMode(): unknown {
    const es = this.spec.EndpointSpec;
    return es instanceof GoNil ? '' : String(((es as Obj).Mode as GoTyped).value);
  }
  Ports(): unknown {
    return tget(this.typed, 'Endpoint', 'Ports');
  }
  HasCapabilities(): boolean {
    return this.HasCapabilityAdd() || this.HasCapabilityDrop();
  }
  HasCapabilityAdd(): boolean {
    return (this.svc.Spec.TaskTemplate?.ContainerSpec?.CapabilityAdd ?? []).length > 0;
  }
  HasCapabilityDrop(): boolean {
    return (this.svc.Spec.TaskTemplate?.ContainerSpec?.CapabilityDrop ?? []).length > 0;
  }
  CapabilityAdd(): string {
    return (this.svc.Spec.TaskTemplate?.ContainerSpec?.CapabilityAdd ?? []).join(', ');
  }
  CapabilityDrop(): string {
    return (this.svc.Spec.TaskTemplate?.ContainerSpec?.CapabilityDrop ?? []).join(', ');
  }
}
