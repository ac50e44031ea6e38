import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { containerLogs, inspectContainer } from '../../src/engine/containers.js';
import { copyRaw, demuxStream } from '../../src/engine/stream.js';
import { getTimestamp } from '../../src/cli/timestamp.js';
import { StatusError } from '../../src/cli/errors.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'details', kind: 'bool', usage: 'Show extra details provided to logs' },
    { name: 'follow', short: 'f', kind: 'bool', usage: 'Follow log output' },
    { name: 'since', kind: 'value', type: 'string', usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', short: 'n', kind: 'value', type: 'string', usage: 'Number of lines to show from the end of the logs', default: 'all' },
    { name: 'timestamps', short: 't', kind: 'bool', usage: 'Show timestamps' },
    { name: 'until', kind: 'value', type: 'string', usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
};

export const run: CommandModule['run'] = async (cli, { opts, args }) => {
  const api = cli.api();
  const info = await inspectContainer(api, args[0]!);
  const ts = (v: unknown, what: string): string | undefined => {
    if (!v) return undefined;
    try {
      return getTimestamp(v as string);
    } catch (e) {
      throw new StatusError(`invalid value for "${what}": ${(e as Error).message}`, 1);
    }
  };
  const res = await containerLogs(api, info.Id as string, {
    stdout: true,
    stderr: true,
    follow: opts.follow as boolean,
    since: ts(opts.since, 'since'),
    until: ts(opts.until, 'until'),
    timestamps: opts.timestamps as boolean,
    tail: opts.tail as string,
    details: opts.details as boolean,
  });
  if (info.Config?.Tty) await copyRaw(res.body, cli.out);
  else await demuxStream(res.body, cli.out, cli.err);
};
