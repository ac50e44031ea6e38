// PLACEHOLDER: the progress helper's branch provides the real waitOnService (docker's
// WaitOnService: the convergence progress of a service after create, update, scale and
// rollback); this one, which returns at once, is replaced when the branches merge.
import type { Cli } from './cli.js';

export async function waitOnService(cli: Cli, serviceId: string, opts: { quiet: boolean }): Promise<void> {
  void cli;
  void serviceId;
  void opts;
}
