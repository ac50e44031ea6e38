// docker/go-units as docker prints sizes and durations (values checked against Go's fmt).
import { describe, expect, it } from 'vitest';
import { bytesSize, formatG, humanDuration, humanDurationNs, humanSize, humanSizeWithPrecision } from '../../../src/util/units.js';

describe('formatG (%.Ng)', () => {
  const cases: [number, number, string][] = [
    [0, 4, '0'],
    [1, 4, '1'],
    [1.5, 4, '1.5'],
    [100, 4, '100'],
    [1000, 4, '1000'],
    [1024, 4, '1024'],
    [23.5400390625, 4, '23.54'],
    [123456, 4, '1.235e+05'],
    [10000, 4, '1e+04'],
    [9999.5, 4, '1e+04'],
    [999.95, 4, '1000'],
    [0.0001234, 4, '0.0001234'],
    [0.00001234, 4, '1.234e-05'],
    [0.000099996, 4, '0.0001'],
    [-5000, 4, '-5000'],
    [-50000, 4, '-5e+04'],
    [1.0625, 4, '1.062'], // exact tie: half to even
    [1.0635, 4, '1.063'], // 1.0635 is slightly below the tie in binary
    [1.1875, 4, '1.188'], // exact tie, odd digit: up
    [0.25, 1, '0.2'],
    [0.35, 1, '0.3'], // 0.35 is below the tie in binary
    [2.5, 1, '2'],
    [3.5, 1, '4'],
    [1e21, 4, '1e+21'],
    [5e-324, 4, '4.941e-324'],
    [NaN, 4, 'NaN'],
    [Infinity, 4, '+Inf'],
    [-Infinity, 4, '-Inf'],
    [12.3456, 3, '12.3'],
    [1.23456, 2, '1.2'],
  ];
  it.each(cases)('%s with precision %s', (v, p, want) => {
    expect(formatG(v, p)).toBe(want);
  });
});

describe('HumanSize / HumanSizeWithPrecision', () => {
  const cases: [number, string][] = [
    [0, '0B'],
    [1, '1B'],
    [999, '999B'],
    [1000, '1kB'],
    [1024, '1.024kB'],
    [1e6, '1MB'],
    [1062500, '1.062MB'],
    [2746000, '2.746MB'],
    [796000, '796kB'],
    [1.5e9, '1.5GB'],
    [3.2e12, '3.2TB'],
    [1e27, '1000YB'],
    [1e28, '1e+04YB'],
    [-1, '-1B'],
  ];
  it.each(cases)('HumanSize(%s)', (n, want) => {
    expect(humanSize(n)).toBe(want);
  });
  it('precision', () => {
    expect(humanSizeWithPrecision(1234567, 3)).toBe('1.23MB');
    expect(humanSizeWithPrecision(1999999, 2)).toBe('2MB');
    expect(humanSizeWithPrecision(0, 3)).toBe('0B');
  });
});

describe('BytesSize', () => {
  const cases: [number, string][] = [
    [0, '0B'],
    [1023, '1023B'],
    [1024, '1KiB'],
    [1088, '1.062KiB'],
    [1536, '1.5KiB'],
    [1024 * 1024, '1MiB'],
    [25276502016, '23.54GiB'],
    [2 ** 40, '1TiB'],
    [2 ** 50 * 3, '3PiB'],
    [2 ** 90, '1024YiB'],
  ];
  it.each(cases)('BytesSize(%s)', (n, want) => {
    expect(bytesSize(n)).toBe(want);
  });
});

describe('HumanDuration', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const cases: [number, string][] = [
    [-5 * s, 'Less than a second'],
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [s, '1 second'],
    [1999, '1 second'],
    [2 * s, '2 seconds'],
    [59 * s + 999, '59 seconds'],
    [m, 'About a minute'],
    [2 * m - 1, 'About a minute'],
    [2 * m, '2 minutes'],
    [59 * m + 59 * s, '59 minutes'],
    [h, 'About an hour'],
    [1.5 * h - 1, 'About an hour'],
    [1.5 * h, '2 hours'],
    [47 * h, '47 hours'],
    [47.5 * h, '2 days'],
    [13 * d, '13 days'],
    [14 * d, '2 weeks'],
    [59 * d, '8 weeks'],
    [60 * d, '2 months'],
    [729 * d, '24 months'],
    [2 * 365 * d, '2 years'],
    // hours round to 17520 (the years branch) but the years use the truncated hours
    [17519.6 * h, '1 years'],
    [10 * 365 * d, '10 years'],
  ];
  it.each(cases)('HumanDuration(%s ms)', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
  it('from nanoseconds', () => {
    expect(humanDurationNs(5e9)).toBe('5 seconds');
    expect(humanDurationNs(7776000000000000)).toBe('3 months');
  });
});
