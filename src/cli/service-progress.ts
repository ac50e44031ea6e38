// Waiting for a service to converge, as docker's WaitOnService and progress.ServiceProgress do:
// every 200 ms the service, its up-to-date tasks and the nodes not down are read, the mode's
// updater (service-updaters.ts) turns them into progress messages, and the wait ends once the
// tasks have stayed converged for the update monitor period (5 s unless the spec says), when a
// job completes, or with the update's paused / rollback-paused error.
//
// The messages go where docker's go: nowhere with --quiet; through jsonmessage's plain display
// when stdout is not a terminal (only lines without a progress bar: "overall progress: ...",
// "verify: ...", task errors); to a live Ink view on a terminal (loaded only there).
//
// Ctrl-C ends the wait, not the service: "Operation continuing in background." when it had not
// converged, nothing when it had; the command then goes on as docker's does with its context
// cancelled (a later wait fails with "context canceled"). SIGTERM fails the wait with that.
import type { Cli } from './cli.js';
import type { JSONMessage } from '../engine/stream.js';
import { activeNodeIDs, inspectService, listUpToDateTasks, type SwarmTask } from '../engine/services.js';
import { displayText } from './jsonstream.js';
import { progressMessage, statusMessage, updaterFor, type Emit, type ProgressUpdater, type WatchedService } from './service-updaters.js';
import { PROGRAM } from './cli.js';
import { withoutCiDetection } from '../util/ci-env.js';

/** what the wait reads of the engine */
export interface ProgressSource {
  inspect(ref: string): Promise<WatchedService>;
  tasks(serviceId: string): Promise<SwarmTask[]>;
  activeNodes(): Promise<Set<string>>;
}

export interface LoopControl {
  /** ms on a monotonic clock */
  now(): number;
  /** sleeps `ms`, or less when interrupted: true when interrupted */
  sleep(ms: number): Promise<boolean>;
}

const POLL_MS = 200;
const DEFAULT_MONITOR_NS = 5_000_000_000;

/** progress.Progress with a Message, or with an Action when the message is empty */
const messageOrAction = (id: string, message: string): JSONMessage => (message !== '' ? statusMessage(id, message) : progressMessage(id, ''));

/**
 * ServiceProgress: polls until the service `ref` converges (or fails, or is interrupted),
 * emitting docker's progress messages. Throws docker's errors.
 */
export async function serviceProgress(src: ProgressSource, ref: string, emit: Emit, ctl: LoopControl): Promise<void> {
  let updater: ProgressUpdater | undefined;
  let converged = false;
  let convergedAt: number | undefined;
  let monitorNs = DEFAULT_MONITOR_NS;
  let rollback = false;
  let message: JSONMessage | undefined;
  for (;;) {
    const service = await src.inspect(ref);
    const monitor = service.Spec.UpdateConfig?.Monitor;
    if (monitor) monitorNs = monitor;
    updater ??= updaterFor(service, emit);
    const us = service.UpdateStatus;
    if (us) {
      switch (us.State) {
        case 'updating':
          rollback = false;
          break;
        case 'completed':
          if (!converged) return;
          break;
        case 'paused':
          throw new Error(`service update paused: ${us.Message ?? ''}`);
        case 'rollback_started':
          if (!rollback && us.Message) emit(progressMessage('rollback', us.Message));
          rollback = true;
          break;
        case 'rollback_paused':
          throw new Error(`service rollback paused: ${us.Message ?? ''}`);
        case 'rollback_completed':
          if (!converged) message = messageOrAction('rollback', us.Message ?? '');
          rollback = true;
          break;
      }
    }
    const sinceNs = (): number => (ctl.now() - convergedAt!) * 1e6;
    if (converged && sinceNs() >= monitorNs) {
      emit(progressMessage('verify', `Service ${ref} converged`));
      if (message) emit(message);
      return;
    }
    const tasks = await src.tasks(service.ID);
    const nodes = await src.activeNodes();
    converged = updater.update(service, tasks, nodes, rollback);
    if (converged) {
      // a job stays done once done: no verification
      if (service.JobStatus) {
        emit(statusMessage('', 'job complete'));
        return;
      }
      convergedAt ??= ctl.now();
      const waitNs = monitorNs - sinceNs();
      if (waitNs >= 0) emit(progressMessage('verify', `Waiting ${Math.trunc(waitNs / 1e9) + 1} seconds to verify that tasks are stable...`));
    } else {
      if (convergedAt !== undefined) emit(progressMessage('verify', 'Detected task failure'));
      convergedAt = undefined;
    }
    if (await ctl.sleep(POLL_MS)) {
      if (!converged) {
        emit(statusMessage('', 'Operation continuing in background.'));
        emit(statusMessage('', `Use \`${PROGRAM} service ps ${ref}\` to check progress.`));
      }
      return;
    }
  }
}

/**
 * The first SIGINT or SIGTERM cancels the command, as docker's context: later waits fail.
 * SIGINT also ends the current wait as ServiceProgress's own handler does ("Operation
 * continuing in background."); on SIGTERM the wait fails with the cancelled context.
 */
let interrupted = false;
let terminated = false;
const interruptWaiters = new Set<() => void>();
let signalsInstalled = false;

function installSignals(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  let count = 0;
  const on = (sig: NodeJS.Signals): void => {
    count++;
    interrupted = true;
    if (sig === 'SIGTERM') terminated = true;
    for (const w of interruptWaiters) w();
    interruptWaiters.clear();
    // docker forces its way out on the third
    if (count >= 3) {
      process.stderr.write('\ngot 3 SIGTERM/SIGINTs, forcefully exiting\n');
      process.exit(1);
    }
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
}

const canceled = (): Error => new Error('context canceled');

const realControl: LoopControl = {
  now: () => performance.now(),
  sleep: (ms) =>
    new Promise<boolean>((resolve, reject) => {
      const settle = (): void => (terminated ? reject(canceled()) : resolve(true));
      if (interrupted) {
        settle();
        return;
      }
      const wake = (): void => {
        clearTimeout(timer);
        settle();
      };
      const timer = setTimeout(() => {
        interruptWaiters.delete(wake);
        resolve(false);
      }, ms);
      interruptWaiters.add(wake);
    }),
};

function engineSource(cli: Cli): ProgressSource {
  const api = cli.api();
  return {
    inspect: (ref) => inspectService(api, ref) as unknown as Promise<WatchedService>,
    tasks: (id) => listUpToDateTasks(api, id),
    activeNodes: () => activeNodeIDs(api),
  };
}

/** jsonmessage's display when the output is not a terminal */
export function plainEmitter(out: NodeJS.WritableStream): Emit {
  return (jm) => {
    const s = displayText(jm, false, 200, Date.now());
    if (s !== '') out.write(s);
  };
}

/** WaitOnService: waits for `serviceId` to converge, showing its progress unless quiet */
export async function waitOnService(cli: Cli, serviceId: string, opts: { quiet: boolean }): Promise<void> {
  if (interrupted) throw canceled();
  installSignals();
  const src = engineSource(cli);
  if (opts.quiet) {
    await serviceProgress(src, serviceId, () => undefined, realControl);
    return;
  }
  if (!cli.out.isTTY) {
    await serviceProgress(src, serviceId, plainEmitter(cli.out), realControl);
    return;
  }
  // React's production build: its development one checks and allocates much more per frame
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV ??= 'production';
  const m = await withoutCiDetection(() => import('../ui/service-progress-view.js')).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
  });
  const view = m.attachServiceProgressView(cli.out);
  try {
    await serviceProgress(src, serviceId, (jm) => view.apply(jm), realControl);
  } finally {
    await view.end();
  }
}
