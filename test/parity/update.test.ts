// update against docker: the same flags on twin containers give the same output, exit code
// and resulting HostConfig; errors (bad values, no flags, a missing container among others).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, docker, skipReason, uniqueName, type Result } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/update: skipped: ${reason}`);

describe.skipIf(reason !== '')('update matches docker', () => {
  const tag = uniqueName('up');
  const [d, b] = [`${tag}-d`, `${tag}-b`];
  const HOST_CONFIG = '{{json .HostConfig.RestartPolicy}} {{.HostConfig.Memory}} {{.HostConfig.MemoryReservation}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}} {{.HostConfig.BlkioWeight}} {{.HostConfig.CpusetCpus}} {{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}}';

  beforeAll(async () => {
    await docker(['run', '-d', '--name', d, 'busybox', 'sleep', '600']);
    await docker(['run', '-d', '--name', b, 'busybox', 'sleep', '600']);
  }, 30_000);
  afterAll(async () => {
    await docker(['rm', '-f', d, b]);
  });

  const cases: string[][] = [
    ['-m', '64m'],
    ['-m', '96m', '--memory-swap', '192m', '--memory-reservation', '32m'],
    ['--restart', 'on-failure:3'],
    ['--restart', 'always'],
    ['--cpus', '0.5', '-c', '512', '--pids-limit', '64'],
    ['--cpu-period', '100000', '--cpu-quota', '50000'],
    ['--cpuset-cpus', '0'],
    ['--blkio-weight', '300'],
    ['--restart', 'bogus'],
    ['--restart', 'always:x'],
    ['-m', '1k'],
    ['-m', 'lots'],
    ['--cpus', 'x'],
    ['--blkio-weight', '70000'],
    ['--pids-limit', 'x'],
    [],
  ];
  // the engine's messages name the container by its full ID
  const same = (r: Result, name: string): Result => {
    const m = (s: string): string => s.replaceAll(name, '<ctr>').replace(/\b[0-9a-f]{64}\b/g, '<id>');
    return { ...r, stdout: m(r.stdout), stderr: m(r.stderr) };
  };
  for (const flags of cases) {
    it(flags.join(' ') || '(no flags)', async () => {
      const rd = await docker(['update', ...flags, d]);
      const rb = await berth(['update', ...flags, b]);
      expect(same(rb, b)).toEqual(same({ ...rd, stdout: rd.stdout, stderr: rd.stderr.replaceAll('docker', 'berth') }, d));
      const [hd, hb] = await Promise.all([docker(['inspect', '-f', HOST_CONFIG, d]), docker(['inspect', '-f', HOST_CONFIG, b])]);
      expect(hb.stdout).toBe(hd.stdout);
    });
  }
  it('a missing container among others', async () => {
    const rd = await docker(['update', '-m', '80m', d, 'nosuch-berth-up']);
    const rb = await berth(['update', '-m', '80m', b, 'nosuch-berth-up']);
    expect(same(rb, b)).toEqual(same(rd, d));
  });
});
