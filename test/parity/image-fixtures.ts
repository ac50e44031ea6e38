// Test images made without pulling or building: `docker save`-format archives written here
// (manifest.json, image config, one layer per non-empty history entry), loaded into the
// engine. Their creation times are fixed in the past, so listings sort the same way on every
// run and "CREATED" columns ("5 years ago") don't tick while two CLIs print them.
import { createHash } from 'node:crypto';
import tar from 'tar-stream';

export interface FixtureHistory {
  created: string;
  created_by?: string;
  comment?: string;
  author?: string;
  /** entries without a layer (LABEL, CMD, ...) */
  empty_layer?: boolean;
}

export interface FixtureImage {
  repoTags: string[];
  created: string;
  labels?: Record<string, string>;
  author?: string;
  comment?: string;
  cmd?: string[];
  history: FixtureHistory[];
  /** one list of files per layer (history entries with a layer, in order) */
  layers: { name: string; content: string }[][];
}

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

async function tarBuffer(entries: { name: string; content: Buffer | string; mtime?: Date; type?: 'directory' }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const e of entries) {
    const mtime = e.mtime ?? new Date('2020-01-01T00:00:00Z');
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory', mode: 0o755, mtime });
    else pack.entry({ name: e.name, mode: 0o644, mtime }, typeof e.content === 'string' ? Buffer.from(e.content) : e.content);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** a docker-save archive holding `images` */
export async function imageArchive(images: FixtureImage[]): Promise<Buffer> {
  const files: { name: string; content: Buffer | string; type?: 'directory' }[] = [];
  const manifest: { Config: string; RepoTags: string[] | null; Layers: string[] }[] = [];
  for (const img of images) {
    const layerPaths: string[] = [];
    const diffIds: string[] = [];
    for (const layerFiles of img.layers) {
      const layer = await tarBuffer(layerFiles.map((f) => ({ name: f.name, content: f.content })));
      const id = sha256(layer);
      diffIds.push(`sha256:${id}`);
      layerPaths.push(`${id}/layer.tar`);
      if (!files.some((f) => f.name === `${id}/layer.tar`)) {
        files.push({ name: `${id}/`, content: '', type: 'directory' });
        files.push({ name: `${id}/VERSION`, content: '1.0' });
        files.push({ name: `${id}/layer.tar`, content: layer });
      }
    }
    const config = {
      architecture: 'amd64',
      author: img.author,
      comment: img.comment,
      config: { Cmd: img.cmd ?? ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Labels: img.labels ?? null },
      created: img.created,
      history: img.history,
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIds },
    };
    const text = JSON.stringify(config);
    const configName = `${sha256(text)}.json`;
    files.push({ name: configName, content: text });
    manifest.push({ Config: configName, RepoTags: img.repoTags.length > 0 ? img.repoTags : null, Layers: layerPaths });
  }
  files.push({ name: 'manifest.json', content: JSON.stringify(manifest) });
  return tarBuffer(files);
}

/** a plain root filesystem archive, for import */
export function rootfsArchive(files: { name: string; content: string }[]): Promise<Buffer> {
  return tarBuffer(files);
}

/** four images (two tags of one, a dangling one, sizes from bytes to megabytes) labelled `label` */
export function formatFixtures(run: string, label: string, repo: string): FixtureImage[] {
  const [k, v] = label.split('=') as [string, string];
  return [
    {
      repoTags: [`${repo}/alpha:v1`, `${repo}/alpha:v2`],
      created: '2020-03-04T05:06:07Z',
      labels: { [k]: v, 'com.example.tier': 'db', 'com.example.x-y_z': 'dashes & <html>' },
      author: 'berth tests',
      history: [
        { created: '2020-03-04T05:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:0123456789abcdef in / ' },
        { created: '2020-03-04T05:03:00Z', created_by: `/bin/sh -c #(nop)\tLABEL ${label} com.example.tier=db with a long tail`, comment: 'labelled', empty_layer: true },
        { created: '2020-03-04T05:06:07Z', created_by: 'RUN echo "héllo wörld" > /greeting # ünïcödé', comment: 'a "quoted" <comment>' },
      ],
      layers: [[{ name: 'hello', content: `hello ${run}\n` }], [{ name: 'greeting', content: 'héllo wörld\n' }]],
    },
    {
      repoTags: [`${repo}/beta:latest`],
      created: '2021-05-06T07:08:09Z',
      labels: { [k]: v, 'com.example.tier': 'web' },
      history: [{ created: '2021-05-06T07:08:09Z', created_by: 'ADD beta /' }],
      layers: [[{ name: 'beta', content: `${'b'.repeat(3000)} ${run}\n` }]],
    },
    {
      repoTags: [],
      created: '2019-01-02T03:04:05Z',
      labels: { [k]: v },
      history: [{ created: '2019-01-02T03:04:05Z', created_by: 'ADD dangling /' }],
      layers: [[{ name: 'dangling', content: `dangling ${run}\n` }]],
    },
    {
      repoTags: [`${repo}/gamma:1.0`],
      created: '2022-07-08T09:10:11Z',
      labels: { [k]: v },
      history: [{ created: '2022-07-08T09:10:11Z', created_by: 'ADD gamma /', comment: 'gamma' }],
      layers: [[{ name: 'gamma', content: `${'g'.repeat(1_500_000)} ${run}\n` }]],
    },
  ];
}
