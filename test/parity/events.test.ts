// `events` against the reference docker CLI: the same past window of the engine's event
// stream (--since/--until fixed, so both see the same events), restricted by a label unique
// to this run so other suites' events stay out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { both, docker, skipReason, uniqueName } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/events: skipped: ${reason}`);

describe.skipIf(reason !== '')('events match docker', () => {
  const tag = uniqueName('ev');
  const label = `berth.ev=${tag}`;
  let since = '';
  let until = '';

  beforeAll(async () => {
    since = String(Math.floor(Date.now() / 1000) - 1);
    await docker(['run', '--name', `${tag}-a`, '--label', label, '--label', 'tier=web', 'busybox', 'sh', '-c', 'exit 2']);
    await docker(['create', '--name', `${tag}-b`, '--label', label, 'busybox', 'true']);
    await docker(['rm', `${tag}-a`, `${tag}-b`]);
    await new Promise((r) => setTimeout(r, 1100));
    until = String(Math.floor(Date.now() / 1000));
  }, 30_000);

  afterAll(async () => {
    await docker(['rm', '-f', `${tag}-a`, `${tag}-b`]);
  });

  const window = (): string[] => ['--since', since, '--until', until, '--filter', `label=${label}`];
  const cases: [string, () => string[]][] = [
    ['plain', () => ['events', ...window()]],
    ['system events', () => ['system', 'events', ...window()]],
    ['--filter event=die', () => ['events', ...window(), '--filter', 'event=die']],
    ['--filter event twice', () => ['events', ...window(), '--filter', 'event=create', '--filter', 'event=destroy']],
    ['--filter type=container', () => ['events', ...window(), '--filter', 'type=container']],
    ['--filter container=name', () => ['events', '--since', since, '--until', until, '--filter', `container=${tag}-a`]],
    ['--format json', () => ['events', ...window(), '--format', 'json']],
    ['--format {{json .}}', () => ['events', ...window(), '--format', '{{json .}}']],
    ['--format {{.}}', () => ['events', ...window(), '--format', '{{.}}']],
    ['--format fields', () => ['events', ...window(), '--format', '{{.Type}} {{.Action}} {{.Actor.ID}} {{.Status}} {{.ID}} {{.From}} {{.Scope}}']],
    ['--format times', () => ['events', ...window(), '--format', '{{.Time}} {{.TimeNano}}']],
    ['--format attributes', () => ['events', ...window(), '--format', '{{.Actor.Attributes}} {{index .Actor.Attributes "name"}} {{json .Actor}}']],
    ['--format range', () => ['events', ...window(), '--format', '{{range $k, $v := .Actor.Attributes}}{{$k}}={{$v}};{{end}}']],
    ['--format printf', () => ['events', ...window(), '--format', '{{printf "%-10s|%s" .Type .Action}}']],
    ['--format with table (not special)', () => ['events', ...window(), '--format', 'table {{.Action}}']],
    ['bad field', () => ['events', ...window(), '--format', '{{.Foo}}']],
    ['bad template', () => ['events', ...window(), '--format', '{{']],
    ['bad since', () => ['events', '--since', 'yesterday']],
    ['bad until', () => ['events', '--until', '5x']],
    ['bad filter', () => ['events', '--filter', 'nope']],
    ['extra argument', () => ['events', 'extra']],
    ['duration window', () => ['events', '--since', '2000h', '--until', '1000h']],
    ['RFC 3339 window', () => ['events', '--since', '2001-01-01T00:00:00Z', '--until', '2001-01-02']],
  ];
  for (const [name, argv] of cases) {
    it(name, async () => {
      const { docker: d, berth: b } = await both(argv());
      expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }).toEqual({ code: d.code, stdout: d.stdout, stderr: d.stderr });
    });
  }

  it('the window is not empty (the comparison above means something)', async () => {
    const { docker: d } = await both(['events', ...window()]);
    expect(d.stdout.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(6);
  });
});
