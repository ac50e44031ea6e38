// berth run/create --help option lists against docker's (the oracle, when present).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flagUsages } from '../../../src/cli/help.js';
import { createFlags, runFlags } from '../../../commands/container/run-flags.js';

import { DOCKER, ENGINE_SOCK as SOCK } from './oracle.js';

const haveOracle = existsSync(DOCKER) && existsSync(SOCK);

function dockerOptions(cmd: string): string {
  const out = execFileSync(DOCKER, [cmd, '--help'], {
    env: { ...process.env, DOCKER_HOST: `unix://${SOCK}`, DOCKER_DEFAULT_PLATFORM: '', DOCKER_CONTENT_TRUST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  return out.slice(out.indexOf('Options:\n') + 'Options:\n'.length);
}

describe('flag lists', () => {
  it('are sorted by name and unique', () => {
    for (const flags of [createFlags, runFlags]) {
      const names = flags.map((f) => f.name);
      expect([...names].sort()).toEqual(names);
      expect(new Set(names).size).toBe(names.length);
      const shorts = flags.filter((f) => f.short).map((f) => f.short);
      expect(new Set(shorts).size).toBe(shorts.length);
    }
  });
  it('run has create\'s flags plus detach, detach-keys and sig-proxy', () => {
    const c = new Set(createFlags.map((f) => f.name));
    const extra = runFlags.map((f) => f.name).filter((n) => !c.has(n));
    expect(extra.sort()).toEqual(['detach', 'detach-keys', 'sig-proxy']);
  });
});

describe.skipIf(!haveOracle)(`help text against ${DOCKER} (engine API 1.41)`, () => {
  for (const [cmd, flags] of [['create', createFlags], ['run', runFlags]] as const) {
    it(`${cmd} --help options match docker's`, () => {
      expect(flagUsages(flags, 79)).toBe(dockerOptions(cmd));
    });
  }
});
