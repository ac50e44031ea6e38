// The rows `images` prints for what docker's formatter/image.go does with RepoTags and
// RepoDigests; digests can't be made on the test engine (no registry), so they are covered here.
import { describe, expect, it } from 'vitest';
import { ImageContext, imageFormat, imageHeaderContext, imageRows } from '../../../src/format/contexts/image.js';
import { HistoryContext, historyFormat, rfc3339Local } from '../../../src/format/contexts/history.js';
import { renderRows } from '../../../src/format/formatter.js';
import type { ImageSummary } from '../../../src/engine/images.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

function img(o: Partial<ImageSummary>): ImageSummary {
  return { Id: `sha256:${'a'.repeat(64)}`, RepoTags: null, RepoDigests: null, Created: 1_600_000_000, Size: 1_984_234, SharedSize: -1, Labels: null, Containers: -1, ...o };
}

const rowsOf = (i: ImageSummary[], digest: boolean, format = 'table'): string[][] =>
  imageRows(i, { trunc: true, digest, format: imageFormat(format, false, digest) }).map((r) => [r.Repository(), r.Tag(), r.Digest()]);

describe('imageRows (formatter.imageFormat)', () => {
  it('dangling images: one <none> row', () => {
    expect(rowsOf([img({})], false)).toEqual([['<none>', '<none>', '<none>']]);
    expect(rowsOf([img({ RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'] })], true)).toEqual([['<none>', '<none>', '<none>']]);
  });
  it('a row per tag, familiar names, digests hidden unless asked for', () => {
    const i = img({ RepoTags: ['docker.io/library/busybox:latest', 'busybox:1', 'reg.example:5000/team/app:v2'], RepoDigests: [`busybox@${D1}`] });
    expect(rowsOf([i], false)).toEqual([
      ['busybox', 'latest', '<none>'],
      ['busybox', '1', '<none>'],
      ['reg.example:5000/team/app', 'v2', '<none>'],
    ]);
    expect(rowsOf([i], true)).toEqual([
      ['busybox', 'latest', D1],
      ['busybox', '1', D1],
      ['reg.example:5000/team/app', 'v2', '<none>'],
    ]);
  });
  it('a template naming {{.Digest}} shows digests without --digests', () => {
    const i = img({ RepoTags: ['app:1'], RepoDigests: [`app@${D1}`, `app@${D2}`] });
    expect(rowsOf([i], false, '{{.Repository}} {{.Digest}}')).toEqual([
      ['app', '1', D1],
      ['app', '1', D2],
    ]);
  });
  it('digest-only references: a row each with --digests, one with an empty digest without', () => {
    const i = img({ RepoTags: ['app:1'], RepoDigests: [`other@${D1}`, `other@${D2}`] });
    expect(rowsOf([i], true)).toEqual([
      ['app', '1', '<none>'],
      ['other', '<none>', D1],
      ['other', '<none>', D2],
    ]);
    expect(rowsOf([i], false)).toEqual([
      ['app', '1', '<none>'],
      ['other', '<none>', ''],
    ]);
  });
  it('references that do not parse are skipped', () => {
    expect(rowsOf([img({ RepoTags: ['UPPER:1', 'ok:2'] })], false)).toEqual([['ok', '2', '<none>']]);
  });
});

describe('imageFormat (formatter.NewImageFormat)', () => {
  it('table, raw and quiet forms', () => {
    expect(imageFormat('table', true, true)).toBe('{{.ID}}');
    expect(imageFormat('table', false, true)).toContain('{{.Digest}}');
    expect(imageFormat('raw', true, false)).toBe('image_id: {{.ID}}');
    expect(imageFormat('raw', false, true)).toContain('digest: {{.Digest}}');
  });
  it('--digests adds the column to a custom table once', () => {
    expect(imageFormat('table {{.ID}}', false, true)).toBe('table {{.ID}}\t{{.Digest}}');
    expect(imageFormat('table {{.Digest}}', false, true)).toBe('table {{.Digest}}');
    expect(imageFormat('{{.ID}}', true, true)).toBe('{{.ID}}');
  });
});

describe('ImageContext', () => {
  it('sizes and counts as docker prints them', () => {
    const c = new ImageContext(img({ Size: 1_984_234, SharedSize: 1_000_000, Containers: 3 }), true, 'r', 't', 'd');
    expect([c.Size(), c.VirtualSize(), c.SharedSize(), c.UniqueSize(), c.Containers(), c.ID()]).toEqual(['1.98MB', '1.984MB', '1MB', '984.2kB', '3', 'aaaaaaaaaaaa']);
    const n = new ImageContext(img({}), false);
    expect([n.SharedSize(), n.UniqueSize(), n.Containers(), n.ID().length]).toEqual(['N/A', 'N/A', 'N/A', 71]);
  });
  it('renders a table with docker\'s headers', async () => {
    const rows = imageRows([img({ RepoTags: ['app:1'] })], { trunc: true, digest: false, format: 'table {{.Repository}}\t{{.SharedSize}}\t{{.UniqueSize}}' });
    expect(await renderRows('table {{.Repository}}\t{{.SharedSize}}\t{{.UniqueSize}}', rows, imageHeaderContext())).toBe('REPOSITORY   SHARED SIZE   UNIQUE SIZE\napp          N/A           N/A\n');
  });
});

describe('HistoryContext', () => {
  const h = { Id: '<missing>', Created: 1_600_000_000, CreatedBy: `/bin/sh -c\t${'x'.repeat(60)}`, Tags: null, Size: 1234, Comment: 'c' };
  it('human and raw forms', () => {
    const human = new HistoryContext(h, true, true);
    const raw = new HistoryContext(h, false, false);
    expect([human.ID(), human.Size(), human.CreatedBy()]).toEqual(['<missing>', '1.23kB', `/bin/sh -c ${'x'.repeat(33)}…`]);
    expect([raw.Size(), raw.CreatedSince(), raw.CreatedAt(), raw.CreatedBy().includes('\t')]).toEqual(['1234', rfc3339Local(1_600_000_000), rfc3339Local(1_600_000_000), false]);
  });
  it('formats', () => {
    expect(historyFormat('table', true, true)).toBe('{{.ID}}');
    expect(historyFormat('table', false, false)).toContain('{{.CreatedAt}}');
    expect(historyFormat('{{.ID}}', false, false)).toBe('{{.ID}}');
  });
});
