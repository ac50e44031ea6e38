// What a command file exports: its static description (flags, arguments, usage) and its
// handler. The registry (registry.ts) loads a command's file only when it is invoked.
import type { FlagSpec } from './flags.js';
import type { Cli } from './cli.js';

export type ArgRule =
  | { kind: 'none' }
  | { kind: 'exact'; n: number }
  | { kind: 'min'; n: number }
  | { kind: 'max'; n: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'any' };

export interface CommandSpec {
  /** cobra's Use without the command's own name: `[OPTIONS] CONTAINER [CONTAINER...]` */
  use: string;
  short: string;
  long?: string;
  args: ArgRule;
  flags: FlagSpec[];
  /** paths help lists among the aliases without berth routing them (docker's `builder build`) */
  helpAliases?: string[][];
  /** false: the first positional argument ends flag parsing (run, exec) */
  interspersed?: boolean;
  example?: string;
  /** docker gives it no completion of arguments: cobra answers with its default directive */
  noArgsCompletion?: boolean;
  /** its arguments are directories (build's PATH): cobra's ShellCompDirectiveFilterDirs */
  dirArgsCompletion?: boolean;
  /** the API version the command needs (docker's "version" annotation): help says so on older engines */
  apiVersion?: string;
  /**
   * what docker completes a flag's value with: the listed
   * values, [] for none (NoFileComp); '*' for every flag not listed; a flag left out gets the
   * shell's default. Left undefined there: no completion for any flag (docker's NoComplete).
   * A lone "<networks>", "<images>", "<envvars>" or "<files>": names read when completing
   * (completeFlagSource); a lone "<ipc>", "<pid>", "<link>", "<containers>", "<log-drivers>",
   * "<log-opts>", "<volume-drivers>", "<security-opt>", "<storage-opt>", "<ulimits>",
   * "<detach-keys>" or "<event-filters>": docker's completion function of that name, given the
   * word typed and the flags before it (completeVerbFlag in complete-flags.ts).
   */
  flagValues?: Record<string, string[]>;
}

export interface Invocation {
  opts: Record<string, unknown>;
  changed: Set<string>;
  args: string[];
  /** the command path as typed, for messages: ['container', 'ls'] or ['ps'] */
  path: string[];
}

/** what docker's help knows of the engine when it hides unsupported flags */
export interface EngineFacts {
  apiVersion?: string;
  osType?: string;
  experimental?: boolean;
}

export interface CommandModule {
  spec: CommandSpec;
  /** the flags help shows for this engine (docker hides what the engine cannot use) */
  helpFlags?: (engine: EngineFacts) => FlagSpec[];
  /** runs before the flags are parsed, help included (docker's processBuilder for build) */
  beforeParse?: (cli: Cli) => Promise<void>;
  run(cli: Cli, inv: Invocation): Promise<number | void>;
}
