// Differential tests of `images` and `history` output formats: many --format strings (fields,
// table directives, json, raw, template functions, label lookups, template errors) through
// the reference docker CLI and berth on the same images.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, docker, skipReason } from './harness.js';
import { formatFixtures, imageArchive } from './image-fixtures.js';

const reason = skipReason();
if (reason) console.warn(`parity/image-format: skipped: ${reason}`);

const RUN = `${process.pid}-${Date.now()}`;
const LABEL = `berth.test.imgfmt=${RUN}`;
const REPO = `bt-imgfmt-${RUN}`;
const ALPHA = `${REPO}/alpha`;

/** `images` formats: each runs on the four images above */
const IMAGE_FORMATS: string[] = [
  '{{.ID}}',
  '{{.Repository}}:{{.Tag}}',
  'table',
  'json',
  'raw',
  '{{json .}}',
  'table {{.Repository}}\t{{.Tag}}\t{{.ID}}',
  'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedSince}}',
  '{{.Size}}|{{.VirtualSize}}|{{.SharedSize}}|{{.UniqueSize}}|{{.Containers}}',
  'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.CreatedAt}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.VirtualSize}}\t{{.Containers}}',
  '{{.Digest}}',
  'table {{.Digest}}\t{{.Repository}}',
  '{{upper .Repository}}',
  '{{lower .Tag}}',
  '{{title .Repository}}',
  '{{truncate .ID 5}}',
  '{{pad .Tag 2 3}}|',
  '{{printf "%-40s|%5s" .Repository .Tag}}',
  '{{join (split .Repository "/") " + "}}',
  '{{len .Tag}}',
  '{{if eq .Tag "v1"}}first{{else if eq .Tag "<none>"}}dangling{{else}}other{{end}}',
  '{{.Repository | printf "%q"}}',
  '{{json .Repository}}',
  '{{.}}',
  '{{printf "%v" .}}',
  '{{printf "%T" .}}',
  '{{.Header}}',
  '{{json .Header}}',
  'table {{.Header}}',
  '{{.FullHeader}}',
  '{{.HeaderContext}}',
  '{{.Labels}}',
  '{{.Label "com.example.tier"}}',
  'table {{.Label "com.example.tier"}}',
  '{{.Foo}}',
  '{{.ID',
  '{{range .}}{{end}}',
  '{{with .Tag}}[{{.}}]{{end}}',
  '{{- .Tag -}}  ',
  '{{/* a comment */}}{{.Tag}}',
  '{{$r := .Repository}}{{$r}}/{{.Tag}}',
  '{{index (split .Repository "/") 0}}',
  '{{slice .ID 0 3}}',
  '{{.Repository}}\\t{{.Tag}}\\n',
  '{{.Tag}} {{.Tag}} {{.ID}}',
  '{{printf "%s" .Size}}',
  '{{json .Size}}',
  '{{.ID.Foo}}',
  '{{template "x"}}',
  '{{println .Tag}}',
  '{{html .Repository}} {{js .Tag}} {{urlquery .Repository}}',
  '{{and .Tag .Repository}} {{or "" .Tag}} {{not .Tag}}',
  '{{len .}}',
  '{{.Tag | len | printf "%03d"}}',
  'table {{.Repository}}\t{{.Size}}',
  'table {{.ID}}:{{.Tag}}',
  '{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}',
  'plain text, no actions',
  '',
  '{{.trunc}}',
  '{{printf "%+v" .}}',
  '{{.HeaderContext.Header}}',
  '{{json .HeaderContext}}',
  '{{index . 0}}',
  '{{.Tag.Foo}}',
  '{{printf "%#v" .Tag}}',
];

const HISTORY_FORMATS: string[] = [
  '{{.ID}}',
  '{{json .}}',
  'json',
  'table',
  'raw',
  'table {{.ID}}\t{{.CreatedBy}}',
  '{{.CreatedBy}}',
  '{{.CreatedAt}}|{{.CreatedSince}}',
  '{{.Size}}',
  '{{.Comment}}',
  '{{.}}',
  '{{printf "%+v" .}}',
  '{{.Foo}}',
  'table {{.ID}}\t{{.Comment}}\t{{.Size}}',
  '{{upper .Comment}}',
  '{{printf "%.10s|" .CreatedBy}}',
  '{{.Header}}',
  '{{json .CreatedBy}}',
  '{{.CreatedBy | len}}',
  'table {{.CreatedSince}}\t{{.CreatedAt}}',
  '{{.Tags}}',
  '{{.ID',
];

describe.skipIf(reason !== '')('image formats match docker', () => {
  let config = '';
  beforeAll(async () => {
    const archive = await imageArchive(formatFixtures(RUN, LABEL, REPO));
    const r = await docker(['load'], { input: archive, timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`loading the fixtures failed: ${r.stderr}`);
    config = mkdtempSync(join(tmpdir(), 'berth-imgfmt-'));
  }, 90_000);

  afterAll(async () => {
    const ids = await docker(['images', '-aq', '--no-trunc', '--filter', `label=${LABEL}`]);
    const unique = [...new Set(ids.stdout.split('\n').filter(Boolean))];
    if (unique.length > 0) await docker(['rmi', '-f', ...unique]);
    if (config) rmSync(config, { recursive: true, force: true });
  });

  const scoped = ['images', '--filter', `label=${LABEL}`];

  describe('images --format (differential)', () => {
    for (const f of IMAGE_FORMATS) {
      it(`images --format ${JSON.stringify(f)}`, async () => {
        const { docker: d, berth: b } = await settled([...scoped, '--format', f]);
        expect(b).toEqual(d);
      });
    }
  });

  describe('images --format with other flags (differential)', () => {
    const cases: string[][] = [
      ['--digests', '--format', 'table {{.Repository}}\t{{.Tag}}'],
      ['--digests', '--format', 'raw'],
      ['--digests', '--format', '{{.Digest}}'],
      ['-q', '--format', '{{.Repository}}'],
      ['-q', '--format', 'table'],
      ['-q', '--format', 'raw'],
      ['-q', '--format', 'table {{.ID}}'],
      ['--no-trunc', '--format', '{{.ID}} {{.Repository}}'],
      ['--no-trunc', '--format', 'json'],
      ['-a', '--format', '{{.Repository}}'],
      ['--format', '{{.Foo}}', `${REPO}/nosuch`],
      ['--format', 'table {{.Foo}}', `${REPO}/nosuch`],
      ['--format', '{{.ID'],
    ];
    for (const extra of cases) {
      it(`images ${extra.join(' ')}`, async () => {
        const { docker: d, berth: b } = await settled([...scoped, ...extra]);
        expect(b).toEqual(d);
      });
    }
  });

  describe('imagesFormat from config.json (differential)', () => {
    for (const f of ['{{.Repository}}|{{.Tag}}', 'table {{.ID}}\t{{.Tag}}', 'json']) {
      it(`imagesFormat ${JSON.stringify(f)}`, async () => {
        writeFileSync(join(config, 'config.json'), JSON.stringify({ imagesFormat: f }));
        for (const extra of [[], ['-q'], ['--format', 'table']]) {
          const { docker: d, berth: b } = await settled(['--config', config, ...scoped, ...extra]);
          expect({ extra, ...b }).toEqual({ extra, ...d });
        }
      });
    }
  });

  describe('history --format (differential)', () => {
    for (const f of HISTORY_FORMATS) {
      for (const extra of [[], ['--no-trunc'], ['-H=false']]) {
        it(`history ${extra.join(' ')} --format ${JSON.stringify(f)}`, async () => {
          const { docker: d, berth: b } = await settled(['history', ...extra, '--format', f, `${ALPHA}:v1`]);
          expect(b).toEqual(d);
        });
      }
    }
  });
});
