// create and update wait for the service to converge where docker calls WaitOnService
// (without --detach, on API >= 1.29), and only there: the commands run in-process on the
// swarm's manager with the progress helper replaced by a recorder.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { uniqueName } from './harness.js';
import { dockerOn, NODE1, swarmSkipReason } from './swarm-harness.js';
import { parseFlags } from '../../src/cli/flags.js';
import { Cli } from '../../src/cli/cli.js';
import type { CommandModule } from '../../src/cli/spec.js';

const waits: { serviceId: string; quiet: boolean }[] = [];
vi.mock('../../src/cli/service-progress.js', () => ({
  waitOnService: async (_cli: unknown, serviceId: string, opts: { quiet: boolean }) => {
    waits.push({ serviceId, quiet: opts.quiet });
  },
}));

const reason = swarmSkipReason();
const NAME = uniqueName('svw').replace(/[^a-zA-Z0-9-]/g, '');

async function runCommand(mod: CommandModule, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const parsed = parseFlags(argv, mod.spec.flags, mod.spec.interspersed !== false);
  const cli = new Cli({ debug: false, host: [NODE1], tls: false, tlsverify: false, tlsverifyChanged: false }, { ...process.env, ...env });
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await mod.run(cli, { ...parsed, path: ['service', 'x'] });
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  return out.trim();
}

describe.skipIf(reason !== '')('service create/update and WaitOnService', () => {
  let create: CommandModule;
  let update: CommandModule;
  beforeAll(async () => {
    create = (await import('../../commands/service/create.js')) as unknown as CommandModule;
    update = (await import('../../commands/service/update.js')) as unknown as CommandModule;
  });
  afterAll(async () => {
    await dockerOn(['service', 'rm', NAME, `${NAME}-2`]).catch(() => undefined);
  });

  it('waits after create and update without --detach, with the ID create printed and the name update was given', async () => {
    waits.length = 0;
    const id = await runCommand(create, ['--name', NAME, '--replicas', '0', '-q', 'busybox', 'sleep', '60']);
    expect(id).toMatch(/^[a-z0-9]{25}$/);
    expect(waits).toEqual([{ serviceId: id, quiet: true }]);
    waits.length = 0;
    expect(await runCommand(update, ['--force', NAME])).toBe(NAME);
    expect(waits).toEqual([{ serviceId: NAME, quiet: false }]);
  });

  it('does not wait with --detach, nor on an API older than 1.29', async () => {
    waits.length = 0;
    await runCommand(create, ['-d', '--name', `${NAME}-2`, '--replicas', '0', 'busybox']);
    await runCommand(update, ['--detach', '--force', `${NAME}-2`]);
    await runCommand(update, ['--force', `${NAME}-2`], { DOCKER_API_VERSION: '1.28' });
    expect(waits).toEqual([]);
  });
});
