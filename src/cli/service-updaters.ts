// docker's progress updaters for a service's convergence (cli/command/service/progress): one
// per service mode, each turning a poll's up-to-date tasks into progress messages (the
// JSONMessages docker's streamformatter makes of them) and telling whether the service has
// converged. Pure: no engine, no clock; service-progress.ts runs the poll loop around them.
//
// Where docker walks a Go map (tasks by slot, by node) its order is random; berth walks them in
// slot order, and node ID order.
import type { JSONMessage } from '../engine/stream.js';
import type { SwarmTask } from '../engine/services.js';
import type { ServiceMode } from '../engine/service-types.js';
import { progressString } from './jsonstream.js';

/** the members of swarm.Service the progress reads */
export interface WatchedService {
  ID: string;
  Spec: { Mode: ServiceMode; UpdateConfig?: { Monitor?: number } };
  UpdateStatus?: { State?: string; Message?: string } | null;
  JobStatus?: { JobIteration?: { Index?: number } } | null;
}

export const numberedStates: Record<string, number> = {
  new: 1,
  allocated: 2,
  pending: 3,
  assigned: 4,
  accepted: 5,
  preparing: 6,
  ready: 7,
  starting: 8,
  running: 9,
  complete: 10,
  shutdown: 11,
  failed: 12,
  rejected: 13,
};

const num = (s: string | undefined): number => numberedStates[s ?? ''] ?? 0;

/** the longest state name shown ("allocated", "preparing"; "complete" counts for jobs) */
export const LONGEST_STATE = Math.max(...Object.keys(numberedStates).filter((s) => !terminalState(s) || s === 'complete').map((s) => s.length));

const MAX_PROGRESS = 9;
const MAX_PROGRESS_BARS = 20;
const MAX_JOB_PROGRESS = 10;

export function terminalState(state: string | undefined): boolean {
  return num(state) > numberedStates.running!;
}

/** streamformatter's WriteProgress of an Action: a progress message with its detail and pre-rendered bar */
export function progressMessage(id: string, action: string, current = 0, total = 0, hideCounts = false): JSONMessage {
  const detail: JSONMessage['progressDetail'] = {};
  if (current) detail.current = current;
  if (total) detail.total = total;
  if (hideCounts) detail.hidecounts = true;
  const jm: JSONMessage = {};
  if (action !== '') jm.status = action;
  jm.progressDetail = detail;
  // the producer has no terminal: JSONProgress.String() at its default width, 200
  const bar = progressString(detail, 200, 0);
  if (bar !== '') jm.progress = bar;
  if (id !== '') jm.id = id;
  return jm;
}

/** streamformatter's WriteProgress of a Message (progress.Message): a status line */
export function statusMessage(id: string, message: string): JSONMessage {
  const jm: JSONMessage = {};
  if (id !== '') jm.id = id;
  if (message !== '') jm.status = message;
  return jm;
}

/** truncError: one line, at most 75 bytes */
export function truncError(msg: string): string {
  const one = msg.replaceAll('\n', ' ');
  const bytes = Buffer.from(one, 'utf8');
  if (bytes.length <= 75) return one;
  return `${bytes.subarray(0, 74).toString('utf8')}…`;
}

/** Go's %-*s */
const padState = (state: string | undefined): string => (state ?? '').padEnd(LONGEST_STATE);
/** Go's %*d */
const padNum = (n: number, width: number): string => String(n).padStart(width);

export type Emit = (jm: JSONMessage) => void;

export interface ProgressUpdater {
  update(service: WatchedService, tasks: SwarmTask[], activeNodes: Set<string>, rollback: boolean): boolean;
}

function writeOverallProgress(emit: Emit, numerator: number, denominator: number, rollback: boolean): void {
  const text = rollback ? `rolling back update: ${numerator} out of ${denominator} tasks` : `${numerator} out of ${denominator} tasks`;
  emit(progressMessage('overall progress', text));
}

/** of several tasks in one place, the one with the lowest desired state, then the lowest observed state */
function favoured(existing: SwarmTask | undefined, task: SwarmTask): boolean {
  if (!existing) return true;
  if (num(existing.DesiredState) < num(task.DesiredState)) return false;
  if (num(existing.DesiredState) === num(task.DesiredState) && num(existing.Status?.State) <= num(task.Status?.State)) return false;
  return true;
}

const bySlot = (a: [number, SwarmTask], b: [number, SwarmTask]): number => a[0] - b[0];

export class ReplicatedUpdater implements ProgressUpdater {
  private slotMap = new Map<number, number>();
  private initialized = false;
  private done = false;
  constructor(private readonly emit: Emit) {}

  update(service: WatchedService, tasks: SwarmTask[], activeNodes: Set<string>, rollback: boolean): boolean {
    const replicas = service.Spec.Mode.Replicated?.Replicas;
    if (replicas === undefined || replicas === null) throw new Error('no replica count');
    if (!this.initialized) {
      this.slotMap = new Map();
      writeOverallProgress(this.emit, 0, replicas, rollback);
      if (replicas <= MAX_PROGRESS_BARS) for (let i = 1; i <= replicas; i++) this.emit(progressMessage(`${i}/${replicas}`, ' '));
      this.initialized = true;
    }
    const slots = this.tasksBySlot(tasks, activeNodes);
    if (this.done && slots.some(([, t]) => t.Status?.State !== 'running')) this.done = false;
    let running = 0;
    for (const [slot, task] of slots) {
      let mapped = this.slotMap.get(slot) ?? 0;
      if (mapped === 0) {
        mapped = this.slotMap.size + 1;
        this.slotMap.set(slot, mapped);
      }
      if (!terminalState(task.DesiredState) && task.Status?.State === 'running') running++;
      this.writeTaskProgress(task, mapped, replicas);
    }
    if (!this.done) {
      writeOverallProgress(this.emit, running, replicas, rollback);
      if (running === replicas) this.done = true;
    }
    return running === replicas;
  }

  private tasksBySlot(tasks: SwarmTask[], activeNodes: Set<string>): [number, SwarmTask][] {
    const m = new Map<number, SwarmTask>();
    for (const task of tasks) {
      if (num(task.DesiredState) === 0 || num(task.Status?.State) === 0) continue;
      const slot = task.Slot ?? 0;
      if (!favoured(m.get(slot), task)) continue;
      if (task.NodeID && !activeNodes.has(task.NodeID)) continue;
      m.set(slot, task);
    }
    return [...m.entries()].sort(bySlot);
  }

  private writeTaskProgress(task: SwarmTask, mapped: number, replicas: number): void {
    if (this.done || replicas > MAX_PROGRESS_BARS || mapped > replicas) return;
    const id = `${mapped}/${replicas}`;
    if (task.Status?.Err) {
      this.emit(progressMessage(id, truncError(task.Status.Err)));
      return;
    }
    if (!terminalState(task.DesiredState) && !terminalState(task.Status?.State)) {
      this.emit(progressMessage(id, padState(task.Status?.State), num(task.Status?.State), MAX_PROGRESS, true));
    }
  }
}

/** stringid.TruncateID */
const truncateID = (id: string): string => {
  const i = id.indexOf(':');
  const s = i >= 0 ? id.slice(i + 1) : id;
  return s.length > 12 ? s.slice(0, 12) : s;
};

export class GlobalUpdater implements ProgressUpdater {
  private initialized = false;
  private done = false;
  constructor(private readonly emit: Emit) {}

  update(_service: WatchedService, tasks: SwarmTask[], activeNodes: Set<string>, rollback: boolean): boolean {
    const byNode = new Map<string, SwarmTask>();
    for (const task of tasks) {
      if (num(task.DesiredState) === 0 || num(task.Status?.State) === 0) continue;
      const node = task.NodeID ?? '';
      if (favoured(byNode.get(node), task)) byNode.set(node, task);
    }
    const nodeCount = byNode.size;
    if (!this.initialized) {
      if (nodeCount === 0) {
        this.emit(progressMessage('overall progress', 'waiting for new tasks'));
        return false;
      }
      writeOverallProgress(this.emit, 0, nodeCount, rollback);
      this.initialized = true;
    }
    const nodes = [...byNode.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (this.done && nodes.some(([, t]) => t.Status?.State !== 'running')) this.done = false;
    let running = 0;
    for (const [node, task] of nodes) {
      if (!activeNodes.has(node)) continue;
      if (!terminalState(task.DesiredState) && task.Status?.State === 'running') running++;
      this.writeTaskProgress(task, nodeCount);
    }
    if (!this.done) {
      writeOverallProgress(this.emit, running, nodeCount, rollback);
      if (running === nodeCount) this.done = true;
    }
    return running === nodeCount;
  }

  private writeTaskProgress(task: SwarmTask, nodeCount: number): void {
    if (this.done || nodeCount > MAX_PROGRESS_BARS) return;
    const id = truncateID(task.NodeID ?? '');
    if (task.Status?.Err) {
      this.emit(progressMessage(id, truncError(task.Status.Err)));
      return;
    }
    if (!terminalState(task.DesiredState) && !terminalState(task.Status?.State)) {
      this.emit(progressMessage(id, padState(task.Status?.State), num(task.Status?.State), MAX_PROGRESS, true));
    }
  }
}

export class ReplicatedJobUpdater implements ProgressUpdater {
  private initialized = false;
  private readonly concurrent: number;
  private readonly total: number;
  private readonly jobIteration: number;
  private readonly progressDigits: number;
  private readonly activeDigits: number;

  constructor(
    service: WatchedService,
    private readonly emit: Emit,
  ) {
    const job = service.Spec.Mode.ReplicatedJob ?? {};
    this.concurrent = job.MaxConcurrent ?? 0;
    this.total = job.TotalCompletions ?? 0;
    this.jobIteration = service.JobStatus?.JobIteration?.Index ?? 0;
    this.progressDigits = String(this.total).length;
    this.activeDigits = String(this.concurrent).length;
  }

  update(_service: WatchedService, tasks: SwarmTask[]): boolean {
    if (!this.initialized) {
      this.writeOverallProgress(0, 0);
      if (this.total <= MAX_PROGRESS_BARS) for (let i = 1; i <= this.total; i++) this.emit(progressMessage(`${i}/${this.total}`, ' '));
      this.initialized = true;
    }
    const m = new Map<number, SwarmTask>();
    for (const task of tasks) {
      if (!task.JobIteration || (task.JobIteration.Index ?? 0) !== this.jobIteration) continue;
      if (num(task.DesiredState) === 0 || num(task.Status?.State) === 0) continue;
      const slot = task.Slot ?? 0;
      const existing = m.get(slot);
      if (!existing || num(existing.Status?.State) > num(task.Status?.State)) m.set(slot, task);
    }
    let active = 0;
    let complete = 0;
    // docker walks slots 0..n-1 of the map: a slot it lacks reads as Go's zero task
    for (let i = 0; i < m.size; i++) {
      const task: SwarmTask = m.get(i) ?? { ID: '', Slot: 0, Status: { State: '' } };
      this.writeTaskProgress(task);
      if (num(task.Status?.State) < numberedStates.complete!) active++;
      if (task.Status?.State === 'complete') complete++;
    }
    this.writeOverallProgress(active, complete);
    return complete === this.total;
  }

  private writeOverallProgress(active: number, completed: number): void {
    this.emit(progressMessage('job progress', `${padNum(completed, this.progressDigits)} out of ${this.total} complete`, completed, this.total, true));
    const desired = Math.min(this.total - completed, this.concurrent);
    this.emit(progressMessage('active tasks', `${padNum(active, this.activeDigits)} out of ${padNum(desired, this.activeDigits)} tasks`));
  }

  private writeTaskProgress(task: SwarmTask): void {
    if (this.total > MAX_PROGRESS_BARS) return;
    const id = `${(task.Slot ?? 0) + 1}/${this.total}`;
    if (task.Status?.Err) {
      this.emit(progressMessage(id, truncError(task.Status.Err)));
      return;
    }
    this.emit(progressMessage(id, padState(task.Status?.State), num(task.Status?.State), MAX_JOB_PROGRESS, true));
  }
}

export class GlobalJobUpdater implements ProgressUpdater {
  private initialized = false;
  private total = 0;
  private progressDigits = 1;
  private taskNodes = new Set<string>();
  constructor(private readonly emit: Emit) {}

  update(service: WatchedService, tasks: SwarmTask[], activeNodes: Set<string>): boolean {
    const iteration = service.JobStatus?.JobIteration?.Index ?? 0;
    const current = (t: SwarmTask): boolean => !!t.JobIteration && (t.JobIteration.Index ?? 0) === iteration;
    if (!this.initialized) {
      if (tasks.length === 0 && activeNodes.size !== 0) {
        this.emit(progressMessage('job progress', 'waiting for tasks'));
        return false;
      }
      this.taskNodes = new Set(tasks.filter(current).map((t) => t.NodeID ?? ''));
      this.total = this.taskNodes.size;
      this.progressDigits = String(this.total).length;
      this.writeOverallProgress(0);
      this.initialized = true;
    }
    const byNode = new Map<string, SwarmTask>();
    for (const task of tasks) {
      if (!current(task) || !this.taskNodes.has(task.NodeID ?? '')) continue;
      const old = byNode.get(task.NodeID ?? '');
      if (!old || num(old.Status?.State) > num(task.Status?.State)) byNode.set(task.NodeID ?? '', task);
    }
    let complete = 0;
    for (const [, task] of [...byNode.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      this.writeTaskProgress(task);
      if (task.Status?.State === 'complete') complete++;
    }
    this.writeOverallProgress(complete);
    return complete === this.total;
  }

  private writeTaskProgress(task: SwarmTask): void {
    if (this.total > MAX_PROGRESS_BARS) return;
    const id = task.NodeID ?? '';
    if (task.Status?.Err) {
      this.emit(progressMessage(id, truncError(task.Status.Err)));
      return;
    }
    this.emit(progressMessage(id, padState(task.Status?.State), num(task.Status?.State), MAX_JOB_PROGRESS, true));
  }

  private writeOverallProgress(complete: number): void {
    this.emit(progressMessage('job progress', `${padNum(complete, this.progressDigits)} out of ${this.total} complete`, complete, this.total, true));
  }
}

/** initializeUpdater */
export function updaterFor(service: WatchedService, emit: Emit): ProgressUpdater {
  const mode = service.Spec.Mode;
  if (mode.Replicated && mode.Replicated.Replicas !== undefined && mode.Replicated.Replicas !== null) return new ReplicatedUpdater(emit);
  if (mode.Global) return new GlobalUpdater(emit);
  if (mode.ReplicatedJob) return new ReplicatedJobUpdater(service, emit);
  if (mode.GlobalJob) return new GlobalJobUpdater(emit);
  throw new Error('unrecognized service mode');
}
