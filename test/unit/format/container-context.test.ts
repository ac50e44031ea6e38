import { describe, expect, it } from 'vitest';
import { ContainerContext, containerFormat, containerHeaderContext, displayablePorts } from '../../../src/format/contexts/container.js';
import { renderRows } from '../../../src/format/formatter.js';
import { ellipsis, goQuote, truncateId } from '../../../src/format/display.js';
import { compileSimple } from '../../../src/format/simple.js';

describe('displayablePorts (docker formatter.DisplayablePorts)', () => {
  const cases: [Parameters<typeof displayablePorts>[0], string][] = [
    [[], ''],
    [[{ PrivatePort: 80, Type: 'tcp' }], '80/tcp'],
    [[{ PrivatePort: 81, Type: 'tcp' }, { PrivatePort: 80, Type: 'tcp' }, { PrivatePort: 82, Type: 'tcp' }], '80-82/tcp'],
    [[{ PrivatePort: 80, Type: 'tcp' }, { PrivatePort: 80, Type: 'udp' }], '80/tcp, 80/udp'],
    [[{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }], '0.0.0.0:8080->80/tcp'],
    [[{ IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }], '[::]:8080->80/tcp'],
    [[{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 80, Type: 'tcp' }, { IP: '0.0.0.0', PrivatePort: 81, PublicPort: 81, Type: 'tcp' }], '0.0.0.0:80-81->80-81/tcp'],
    [[{ PrivatePort: 80, Type: 'tcp' }, { PrivatePort: 82, Type: 'tcp' }], '80/tcp, 82/tcp'],
  ];
  for (const [ports, want] of cases) it(want || '(none)', () => expect(displayablePorts(ports)).toBe(want));
});

describe('display helpers', () => {
  it('truncates ids', () => {
    expect(truncateId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(truncateId('abc')).toBe('abc');
  });
  it('ellipsis by display width', () => {
    expect(ellipsis('hello world with a long command line', 20)).toBe('hello world with a …');
    expect(ellipsis('short', 20)).toBe('short');
    expect(ellipsis('日本語日本語日本語日本語', 20)).toBe('日本語日本語日本語…');
  });
  it('quotes as strconv.Quote', () => {
    expect(goQuote('a "b"\n\t\x01é')).toBe('"a \\"b\\"\\n\\t\\x01é"');
  });
});

describe('ps rendering', () => {
  const row = new ContainerContext(
    { Id: 'f'.repeat(64), Names: ['/web', '/other/alias'], Image: 'busybox', ImageID: 'sha256:' + 'a'.repeat(64), Command: 'sleep 1000', Created: Math.floor(Date.now() / 1000) - 3, Ports: [], Labels: { b: '2', a: '1' }, State: 'running', Status: 'Up 2 seconds', Mounts: [] },
    true,
  );
  it('renders the default table with tabwriter padding and no trailing spaces', async () => {
    const out = await renderRows(containerFormat('table', false, false), [row], containerHeaderContext());
    expect(out).toBe(
      'CONTAINER ID   IMAGE     COMMAND        CREATED         STATUS         PORTS     NAMES\n' +
        'ffffffffffff   busybox   "sleep 1000"   3 seconds ago   Up 2 seconds             web\n',
    );
  });
  it('renders custom templates, labels sorted', async () => {
    expect(await renderRows('{{.Names}} {{.Labels}} {{.Label "a"}}', [row], containerHeaderContext())).toBe('web a=1,b=2 1\n');
    expect(await renderRows('table {{.Label "com.example-x_y"}}', [row], containerHeaderContext())).toBe('example x y\n\n');
  });
  it('quiet gives ids', async () => {
    expect(await renderRows(containerFormat('', true, false), [row], containerHeaderContext())).toBe('ffffffffffff\n');
  });
});

describe('the field-only fast path', () => {
  const rows = [
    new ContainerContext({ Id: 'a'.repeat(64), Names: ['/x'], Image: 'busybox', Command: 'sh -c "echo ☃"', Created: 0, Labels: { k: 'v' }, State: 'exited', Status: 'Exited (0)', Mounts: [] }, true),
    new ContainerContext({ Id: 'b'.repeat(64), Names: ['/日本'], Image: 'sha256:' + 'c'.repeat(64), ImageID: 'sha256:' + 'c'.repeat(64), Command: '', Created: 1, Labels: null, State: 'running', Status: 'Up', Mounts: [] }, false),
  ];
  const formats = ['{{.ID}}', '{{ .Names }}:{{.Image}}', 'x{{.Command}}y', '{{.State}}\t{{.Status}}\t{{.Labels}}', 'plain text', '{{.ID}}}}', '{{.Mounts}}{{.Networks}}{{.Ports}}'];
  for (const f of formats) {
    it(`gives what the engine gives for ${f}`, async () => {
      expect(compileSimple(f)).toBeDefined();
      const { parseTemplate } = await import('../../../src/format/template/index.js');
      const { dockerFuncs } = await import('../../../src/format/funcs.js');
      const t = parseTemplate(f.replaceAll('\\t', '\t'), { funcs: dockerFuncs });
      const want = rows.map((r) => `${t.execute(r)}\n`).join('');
      expect(await renderRows(f, rows, containerHeaderContext())).toBe(want);
    });
  }
  it('declines anything beyond field lookups', () => {
    for (const f of ['{{.ID | printf "%s"}}', '{{- .ID}}', '{{/* c */}}', '{{.Label "x"}}', '{{json .}}', '{{.A.B}}', '{{$}}']) expect(compileSimple(f)).toBeUndefined();
  });
  it('hands unknown fields to the engine for its error', async () => {
    await expect(renderRows('{{.Nope}}', rows, containerHeaderContext())).rejects.toThrow('template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext');
  });
});
