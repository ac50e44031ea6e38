// `stats` figures worked out from samples recorded from a real engine (20.10, cgroup v1; see
// fixtures/), and from variants of them for what that engine cannot produce (cgroup v2
// memory, block I/O, several networks, a Windows daemon). Expected values are worked out by
// hand from the samples; test/parity/stats.test.ts checks the same samples against docker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  calculateBlockIO,
  calculateCPUPercentUnix,
  calculateCPUPercentWindows,
  calculateMemUsageUnixNoCache,
  entryFromSample,
  rfc3339Nanos,
  streamFrame,
} from '../../../src/cli/stats.js';
import { StatsContext, emptyEntry, statsFormat, statsHeaderContext, DEFAULT_STATS_TABLE, WINDOWS_STATS_TABLE, type StatsEntry } from '../../../src/format/contexts/stats.js';
import { osTypeFromServer, type StatsResponse } from '../../../src/engine/stats.js';
import { renderRows } from '../../../src/format/formatter.js';

const FIXTURES = join(__dirname, 'fixtures');
const sample = (name: string): StatsResponse => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as StatsResponse;
const streamSamples = (name: string): StatsResponse[] =>
  readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as StatsResponse);

function row(v: StatsResponse, os = 'linux', container = 'c', trunc = true): StatsContext {
  return new StatsContext({ ...entryFromSample(v, os), Container: container }, os, trunc);
}

function cells(c: StatsContext): Record<string, string> {
  return { CPUPerc: c.CPUPerc(), MemUsage: c.MemUsage(), MemPerc: c.MemPerc(), NetIO: c.NetIO(), BlockIO: c.BlockIO(), PIDs: c.PIDs(), Name: c.Name(), ID: c.ID() };
}

describe('figures of recorded samples', () => {
  it('a busy container with a 64 MiB limit (cgroup v1)', () => {
    const v = sample('cgroup1-busy.json');
    // (1583155256 - 1120721949) / (19794890000000 - 19792840000000) * 2 CPUs * 100
    expect(calculateCPUPercentUnix(v)).toBeCloseTo(45.1154, 4);
    // usage 22024192 less total_inactive_file 20971520
    expect(calculateMemUsageUnixNoCache(v.memory_stats)).toBe(1052672);
    expect(cells(row(v))).toEqual({
      CPUPerc: '45.12%',
      MemUsage: '1.004MiB / 64MiB',
      MemPerc: '1.57%',
      NetIO: '746B / 0B',
      BlockIO: '0B / 0B',
      PIDs: '1',
      Name: 'stx-busy',
      ID: 'e451c8adf704',
    });
  });

  it('an idle container without a limit: the host memory is the limit', () => {
    const c = row(sample('cgroup1-idle.json'));
    expect(cells(c)).toMatchObject({ CPUPerc: '0.00%', MemUsage: '744KiB / 23.54GiB', MemPerc: '0.00%', NetIO: '1.75kB / 0B', PIDs: '1' });
  });

  it('a created container: zeroes, and no limit to divide by', () => {
    expect(cells(row(sample('created.json')))).toEqual({
      CPUPerc: '0.00%',
      MemUsage: '0B / 0B',
      MemPerc: '0.00%',
      NetIO: '0B / 0B',
      BlockIO: '0B / 0B',
      PIDs: '0',
      Name: 'stx-c',
      ID: 'dc65d50eb7b5',
    });
  });

  it('a stream: the first sample has no previous one, the next is against the first', () => {
    const [first, second] = streamSamples('cgroup1-busy-stream.jsonl');
    expect(first!.precpu_stats?.system_cpu_usage ?? 0).toBe(0);
    // no previous sample: the share of the container since the host started
    const f = first!.cpu_stats!;
    expect(calculateCPUPercentUnix(first!)).toBeCloseTo((f.cpu_usage!.total_usage! / f.system_cpu_usage!) * 2 * 100, 10);
    // (2365296523 - 1999990763) / (19798920000000 - 19796900000000) * 2 * 100
    expect(calculateCPUPercentUnix(second!)).toBeCloseTo(36.1689, 4);
    expect(row(second!).CPUPerc()).toBe('36.17%');
  });

  it('--no-trunc keeps the whole ID', () => {
    const v = sample('cgroup1-idle.json');
    expect(row(v, 'linux', 'c', false).ID()).toBe(v.id);
  });
});

describe('variants', () => {
  const busy = sample('cgroup1-busy.json');

  it('cgroup v2 memory: usage less inactive_file', () => {
    const v: StatsResponse = { ...busy, memory_stats: { usage: 10_000_000, limit: 20_000_000, stats: { anon: 1, file: 2, inactive_file: 4_000_000 } } };
    expect(calculateMemUsageUnixNoCache(v.memory_stats)).toBe(6_000_000);
    expect(row(v).MemUsage()).toBe('5.722MiB / 19.07MiB');
    expect(row(v).MemPerc()).toBe('30.00%');
  });

  it('cgroup v1 with total_inactive_file not below usage falls back to inactive_file, then to usage', () => {
    expect(calculateMemUsageUnixNoCache({ usage: 100, stats: { total_inactive_file: 100, inactive_file: 30 } })).toBe(70);
    expect(calculateMemUsageUnixNoCache({ usage: 100, stats: { total_inactive_file: 200, inactive_file: 200 } })).toBe(100);
    expect(calculateMemUsageUnixNoCache({})).toBe(0);
  });

  it('block I/O: ops by their first letter, whatever the case; Sync/Total/empty ignored', () => {
    const blk = {
      io_service_bytes_recursive: [
        { major: 8, minor: 0, op: 'Read', value: 1_000_000 },
        { major: 8, minor: 0, op: 'Write', value: 2_500 },
        { major: 8, minor: 0, op: 'Sync', value: 7 },
        { major: 8, minor: 0, op: 'Total', value: 9 },
        { major: 8, minor: 16, op: 'read', value: 24_000 },
        { major: 8, minor: 16, op: 'write', value: 500 },
        { major: 8, minor: 16, op: '', value: 1 },
      ],
    };
    expect(calculateBlockIO(blk)).toEqual([1_024_000, 3_000]);
    expect(row({ ...busy, blkio_stats: blk }).BlockIO()).toBe('1.02MB / 3kB');
  });

  it('networks are summed', () => {
    const v: StatsResponse = { ...busy, networks: { eth0: { rx_bytes: 1500, tx_bytes: 10 }, eth1: { rx_bytes: 2_000_000_000, tx_bytes: 999_999 } } };
    expect(row(v).NetIO()).toBe('2GB / 1MB');
  });

  it('online_cpus missing: the per-CPU list counts', () => {
    const v: StatsResponse = {
      cpu_stats: { cpu_usage: { total_usage: 300, percpu_usage: [1, 2, 3, 4] }, system_cpu_usage: 1000 },
      precpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 600 },
    };
    expect(calculateCPUPercentUnix(v)).toBe(200);
    // no progress of the system or the container: 0
    expect(calculateCPUPercentUnix({ ...v, precpu_stats: { cpu_usage: { total_usage: 400 }, system_cpu_usage: 600 } })).toBe(0);
  });

  // 1.005 is 1.00499999..., 99.995 is 99.99500000...45 as doubles
  it('percentages round half to even on the exact value, as strconv does', () => {
    const at = (p: number): string => new StatsContext({ ...emptyEntry('c'), CPUPercentage: p }, 'linux', true).CPUPerc();
    expect([at(0.125), at(0.375), at(1.005), at(99.995), at(100)]).toEqual(['0.12%', '0.38%', '1.00%', '100.00%', '100.00%']);
  });

  it('a Windows daemon: intervals of 100 ns over the processors, private working set, storage', () => {
    const v: StatsResponse = {
      read: '2024-01-01T00:00:01.5Z',
      preread: '2024-01-01T00:00:00.5Z',
      num_procs: 4,
      cpu_stats: { cpu_usage: { total_usage: 30_000_000 } },
      precpu_stats: { cpu_usage: { total_usage: 10_000_000 } },
      memory_stats: { privateworkingset: 50_000_000 },
      storage_stats: { read_size_bytes: 1000, write_size_bytes: 2000 },
      name: '/w',
      id: 'abc',
    };
    // 1 s = 10^7 intervals, times 4 processors; 2*10^7 used
    expect(calculateCPUPercentWindows(v)).toBe(50);
    const c = row(v, 'windows');
    expect(cells(c)).toEqual({ CPUPerc: '50.00%', MemUsage: '47.68MiB', MemPerc: '--', NetIO: '0B / 0B', BlockIO: '1kB / 2kB', PIDs: '--', Name: 'w', ID: 'abc' });
    // a sample without a previous time: the duration saturates
    expect(calculateCPUPercentWindows({ ...v, preread: '0001-01-01T00:00:00Z' })).toBeCloseTo(2e9 / (Number(((1n << 63n) - 1n) / 100n) * 4), 20);
  });

  it('RFC 3339 times to nanoseconds', () => {
    expect(rfc3339Nanos('1970-01-01T00:00:00Z')).toBe(0n);
    expect(rfc3339Nanos('2026-11-23T14:43:54.858785903Z')).toBe(BigInt(Date.UTC(2026, 10, 23, 14, 43, 54)) * 1_000_000n + 858_785_903n);
    expect(rfc3339Nanos('1970-01-01T01:00:00+01:00')).toBe(0n);
    expect(rfc3339Nanos('0001-01-01T00:00:00Z')).toBe(-62135596800n * 1_000_000_000n);
  });
});

describe('rows without figures', () => {
  it('an invalid row shows dashes, keeping its names', () => {
    const e: StatsEntry = { ...entryFromSample(sample('cgroup1-idle.json'), 'linux'), Container: 'x', IsInvalid: true };
    expect(cells(new StatsContext(e, 'linux', true))).toEqual({
      CPUPerc: '--',
      MemUsage: '-- / --',
      MemPerc: '--',
      NetIO: '--',
      BlockIO: '--',
      PIDs: '--',
      Name: 'stx-a',
      ID: '57458ca6ecef',
    });
  });

  it('a row that never had a sample has no name', () => {
    const c = new StatsContext(emptyEntry('abc'), 'linux', true);
    expect([c.Container(), c.Name(), c.ID()]).toEqual(['abc', '--', '']);
  });
});

describe('formats and frames', () => {
  it('the table is the platform\'s', () => {
    expect(statsFormat('table', 'linux')).toBe(DEFAULT_STATS_TABLE);
    expect(statsFormat('table', 'windows')).toBe(WINDOWS_STATS_TABLE);
    expect(statsFormat('table {{.ID}}', 'windows')).toBe('table {{.ID}}');
  });

  it('the Server header names the platform', () => {
    expect(osTypeFromServer('Docker/20.10.24+dfsg1 (linux)')).toBe('linux');
    expect(osTypeFromServer('Docker/28.0.0 (windows)')).toBe('windows');
    expect(osTypeFromServer('nginx')).toBe('');
    expect(osTypeFromServer(undefined)).toBe('');
  });

  it('a table renders with docker\'s headers', async () => {
    const out = await renderRows(DEFAULT_STATS_TABLE, [row(sample('created.json'), 'linux', 'stx-c')], statsHeaderContext('linux'));
    expect(out.split('\n')[0]).toBe('CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS');
    const win = await renderRows(WINDOWS_STATS_TABLE, [], statsHeaderContext('windows'));
    expect(win).toBe('CONTAINER ID   NAME      CPU %     PRIV WORKING SET   NET I/O   BLOCK I/O\n');
  });

  it('json has every field method, sorted', async () => {
    const out = await renderRows('json', [row(sample('created.json'), 'linux', 'stx-c')], statsHeaderContext('linux'));
    expect(Object.keys(JSON.parse(out) as object)).toEqual(['BlockIO', 'CPUPerc', 'Container', 'ID', 'MemPerc', 'MemUsage', 'Name', 'NetIO', 'PIDs']);
  });

  it('a redraw: home, the table, the table again with line erasers, erase below', () => {
    expect(streamFrame('A\nB\n')).toBe('\x1b[HA\nB\n\x1b[HA \x1b[K\nB \x1b[K\n \x1b[K\n\x1b[J');
    expect(streamFrame('')).toBe('\x1b[H\x1b[H \x1b[K\n\x1b[J');
  });
});
