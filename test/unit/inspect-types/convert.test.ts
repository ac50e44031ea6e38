// The converter and schema machinery on their own: Go's decoding, promotion and JSON rules.
import { describe, expect, it } from 'vitest';
import {
  ContainerInspect,
  embed,
  f,
  int,
  jsonFields,
  marshalValue,
  parseRawJson,
  promotedFields,
  ptr,
  slice,
  str,
  struct,
  toTypedGo,
  typedInspectValue,
  detectInspectKind,
  RawNumber,
  RawObject,
} from '../../../src/format/inspect-types/index.js';
import { durationString, fileModeString, goTimeRFC3339, goTimeString, parseGoTime } from '../../../src/format/inspect-types/gotime.js';
import { GoNil, GoTyped, typeName } from '../../../src/format/values.js';
import { marshalJSON, parseTemplate, sprint } from '../../../src/format/template/index.js';
import { dockerFuncs } from '../../../src/format/funcs.js';

const run = (tmpl: string, data: unknown): string => parseTemplate(tmpl, { funcs: dockerFuncs }).execute(data);

describe('raw JSON', () => {
  it('keeps number literals, member order and duplicates', () => {
    const r = parseRawJson('{"b": 9007199254740993, "a": [1.0, null], "b": -0}') as RawObject;
    expect(r.entries.map(([k]) => k)).toEqual(['b', 'a', 'b']);
    expect((r.entries[0]![1] as RawNumber).text).toBe('9007199254740993');
    expect(((r.entries[1]![1] as unknown[])[0] as RawNumber).text).toBe('1.0');
  });
  it('rejects malformed text', () => {
    expect(() => parseRawJson('{"a":}')).toThrow();
    expect(() => parseRawJson('[1,]')).toThrow();
    expect(() => parseRawJson('{} x')).toThrow();
  });
});

describe('decoding into Go types', () => {
  const Inner = struct('p.Inner', [f('A', str()), f('B', int('int64'), { json: 'bee', omitempty: true })]);
  const Other = struct('p.Other', [f('A', str()), f('C', str())]);
  const Outer = struct('p.Outer', [f('Name', str()), embed(ptr(Inner)), embed(Other), f('List', slice(str())), f('P', ptr(int()), { omitempty: true })]);

  it('zero values for what is missing, unknown members dropped', () => {
    const v = toTypedGo('{"Name":"n","Zzz":1}', Outer) as Record<string, unknown>;
    expect(typeName(v)).toBe('p.Outer');
    expect(v.List).toBeInstanceOf(GoNil);
    expect(v.Inner).toBeInstanceOf(GoNil); // embedded pointer never allocated
    expect(run('{{.}}|{{json .}}|{{.List}}|{{.P}}', v)).toBe('{n <nil> { } [] <nil>}|{"Name":"n","C":"","List":null}|[]|<nil>');
  });
  it('allocates embedded pointers for their members; ambiguous names are not promoted', () => {
    const v = toTypedGo('{"bee": 7, "c": "see", "a": "ay"}', Outer) as Record<string, unknown>;
    // A is declared by both embedded structs at the same depth: neither template nor JSON has it
    expect(promotedFields(Outer).has('A')).toBe(false);
    expect(jsonFields(Outer).map((x) => x.name)).toEqual(['Name', 'bee', 'C', 'List', 'P']);
    expect(run('{{.B}} {{.C}} {{.Inner.B}}', v)).toBe('7 see 7');
    expect(() => run('{{.A}}', v)).toThrow(/can't evaluate field A/);
    expect(marshalJSON(v)).toBe('{"Name":"","bee":7,"C":"see","List":null}');
  });
  it('null leaves basic fields alone and makes nil pointers, slices and maps', () => {
    const v = toTypedGo('{"Name":"x","Name":null,"List":["a"],"List":null,"P":5}', Outer) as Record<string, unknown>;
    expect(v.Name).toBe('x');
    expect(v.List).toBeInstanceOf(GoNil);
    expect(run('{{.P}} {{json .P}} {{if .P}}set{{end}}', v)).toBe('5 5 set');
  });
  it('keeps int64 exact and types integers', () => {
    const v = toTypedGo('{"bee": 9223372036854775807}', Outer) as Record<string, unknown>;
    expect((v.B as GoTyped).value).toBe(9223372036854775807n);
    expect(run('{{printf "%T %d" .B .B}}', v)).toBe('int64 9223372036854775807');
  });
});

describe('container.InspectResponse', () => {
  const v = typedInspectValue(
    JSON.stringify({
      Id: 'abc',
      Name: '/n',
      State: { Status: 'running', Running: true, Pid: 7 },
      HostConfig: { Memory: 1073741824, NetworkMode: 'default', RestartPolicy: { Name: 'always' }, ConsoleSize: [1] },
      Config: { Cmd: ['sh'], Labels: {} },
      NetworkSettings: { Networks: { bridge: { IPAddress: '172.17.0.2' } } },
    }),
    'container',
  );
  it('promotes the embedded base and resources', () => {
    expect(run('{{.ID}} {{.Name}} {{.State.Pid}} {{.HostConfig.Memory}} {{.HostConfig.RestartPolicy.IsAlways}}', v)).toBe('abc /n 7 1073741824 true');
  });
  it('prints Go values: typed nils, fake pointers, struct fields in order', () => {
    expect(run('{{.Config.Healthcheck}} {{with .State.Health}}h{{else}}none{{end}} {{.HostConfig.ConsoleSize}}', v)).toBe('<nil> none [1 0]');
    expect(run('{{.NetworkSettings.Networks}}', v)).toBe('map[bridge:0xc000010000]');
    expect(run('{{.NetworkSettings.Networks.bridge.IPAddress}}', v)).toBe('172.17.0.2');
  });
  it('marshals in struct order with json names and omitempty', () => {
    const j = run('{{json .HostConfig}}', v);
    expect(j.indexOf('"VolumesFrom":null,"ConsoleSize":[1,0],"CapAdd"')).toBeGreaterThan(0);
    expect(j).toContain('"CpuShares":0,"Memory":1073741824');
    expect(j).not.toContain('KernelMemory');
    expect(run('{{json .NetworkSettings.Networks}}', v)).toContain('"DriverOpts":null,"GwPriority":0,"NetworkID":""');
  });
  it('is told apart from other kinds', () => {
    expect(detectInspectKind(parseRawJson('{"Id":"x","State":{},"HostConfig":{}}'))).toBe('container');
    expect(detectInspectKind(parseRawJson('{"Id":"x","RepoTags":[],"RootFS":{}}'))).toBe('image');
    expect(detectInspectKind(parseRawJson('{"Name":"x","Id":"y","Scope":"local","IPAM":{}}'))).toBe('network');
    expect(detectInspectKind(parseRawJson('{"Name":"x","Driver":"local","Mountpoint":"/m"}'))).toBe('volume');
    expect(detectInspectKind(parseRawJson('{"ID":"x","Spec":{}}'))).toBeUndefined();
    expect(typedInspectValue('{"ID":"x"}')).toBeUndefined();
  });
  it('marshalValue of the whole response', () => {
    expect(marshalValue(ContainerInspect, v).startsWith('{"Id":"abc","Created":"","Path":"","Args":null,"State":{"Status":"running"')).toBe(true);
  });
});

describe('library types', () => {
  it("time.Time's String and JSON", () => {
    const t = parseGoTime('2024-01-02T03:04:05.120Z')!;
    expect(goTimeString(t)).toBe('2024-01-02 03:04:05.12 +0000 UTC');
    expect(goTimeRFC3339(t)).toBe('2024-01-02T03:04:05.12Z');
    expect(goTimeString(parseGoTime('0001-01-01T00:00:00Z')!)).toBe('0001-01-01 00:00:00 +0000 UTC');
    expect(parseGoTime('2024-02-30T00:00:00Z')).toBeUndefined();
  });
  it("time.Duration's String", () => {
    const cases: [bigint, string][] = [
      [0n, '0s'],
      [1n, '1ns'],
      [1500n, '1.5µs'],
      [1500000n, '1.5ms'],
      [1000000000n, '1s'],
      [90000000000n, '1m30s'],
      [3600000000001n, '1h0m0.000000001s'],
      [-2500000000n, '-2.5s'],
    ];
    for (const [d, s] of cases) expect(durationString(d)).toBe(s);
  });
  it("fs.FileMode's String", () => {
    expect(fileModeString(0o1777n)).toBe('-rwxrwxrwx');
    expect(fileModeString(0o644n | (1n << 31n))).toBe('drw-r--r--');
    expect(fileModeString(0n)).toBe('----------');
  });
  it('pointers to basic values print their value at the top', () => {
    const T = struct('p.T', [f('P', ptr(int('int64')))]);
    const v = toTypedGo('{"P": 3}', T) as Record<string, unknown>;
    expect(run('{{.P}}', v)).toBe('3');
    expect(sprint(v.P)).toBe('3');
  });
});
