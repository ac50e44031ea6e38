// docker/cli formatter/image.go: the row context of `images`, its rows per repository and tag
// (with `<none>` for dangling images and missing digests), headers and renderings.
import { GO_TYPE, GoNil, goInt, goMap, goSlice, goStruct } from '../values.js';
import { headerContextField, subHeaderContext } from './subheader.js';
import { loadedEngine } from '../engine.js';
import { goTimeString, truncateId } from '../display.js';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../../util/units.js';
import { familiarName, parseNormalizedNamed } from '../../util/reference.js';
import type { ImageSummary } from '../../engine/images.js';

export const DEFAULT_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
export const DEFAULT_IMAGE_TABLE_WITH_DIGEST = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

const RAW = 'repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';
const RAW_WITH_DIGEST = 'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';

/** formatter.NewImageFormat */
export function imageFormat(source: string, quiet: boolean, digest: boolean): string {
  switch (source) {
    case 'table':
      if (quiet) return '{{.ID}}';
      return digest ? DEFAULT_IMAGE_TABLE_WITH_DIGEST : DEFAULT_IMAGE_TABLE;
    case 'raw':
      if (quiet) return 'image_id: {{.ID}}';
      return digest ? RAW_WITH_DIGEST : RAW;
    default:
      if (source.startsWith('table') && digest && !source.includes('{{.Digest}}')) return `${source}\t{{.Digest}}`;
      return source;
  }
}

export const IMAGE_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

/** the header row's context: formatter.SubHeaderContext, a map of the titles */
export function imageHeaderContext(): object {
  return subHeaderContext(IMAGE_HEADERS);
}

/** an image.Summary as a Go value, for templates that print the row context itself ({{.}}) */
function summaryValue(i: ImageSummary): object {
  return goStruct(
    {
      Containers: goInt(i.Containers ?? 0, 'int64'),
      Created: goInt(i.Created ?? 0, 'int64'),
      ID: i.Id ?? '',
      Labels: i.Labels ? goMap({ ...i.Labels }, 'map[string]string') : new GoNil('map[string]string'),
      ParentID: i.ParentId ?? '',
      Descriptor: new GoNil('*v1.Descriptor'),
      Manifests: new GoNil('[]image.ManifestSummary'),
      RepoDigests: i.RepoDigests ? goSlice([...i.RepoDigests], '[]string') : new GoNil('[]string'),
      RepoTags: i.RepoTags ? goSlice([...i.RepoTags], '[]string') : new GoNil('[]string'),
      SharedSize: goInt(i.SharedSize ?? 0, 'int64'),
      Size: goInt(i.Size ?? 0, 'int64'),
      VirtualSize: goInt(i.VirtualSize ?? 0, 'int64'),
    },
    'image.Summary',
  );
}

/**
 * formatter.imageContext. Its enumerable properties are the Go struct's fields, in order
 * (what `{{.}}` prints); the methods are the template's fields.
 */
export class ImageContext {
  readonly [GO_TYPE] = '*formatter.imageContext';
  readonly HeaderContext = headerContextField();
  readonly trunc: boolean;
  readonly i: object;
  readonly repo: string;
  readonly tag: string;
  readonly digest: string;
  declare private readonly s: ImageSummary;

  constructor(i: Partial<ImageSummary>, trunc: boolean, repo = '', tag = '', digest = '') {
    const s: ImageSummary = { Id: '', RepoTags: null, RepoDigests: null, Created: 0, Size: 0, SharedSize: 0, Labels: null, Containers: 0, ...i };
    this.trunc = trunc;
    this.i = summaryValue(s);
    this.repo = repo;
    this.tag = tag;
    this.digest = digest;
    // the summary the methods read, and the promoted Header field: not printed as fields
    Object.defineProperty(this, 's', { value: s, enumerable: false });
    Object.defineProperty(this, 'Header', { value: undefined, enumerable: false });
  }

  FullHeader(): unknown {
    return undefined;
  }

  ID(): string {
    return this.trunc ? truncateId(this.s.Id) : this.s.Id;
  }

  Repository(): string {
    return this.repo;
  }

  Tag(): string {
    return this.tag;
  }

  Digest(): string {
    return this.digest;
  }

  CreatedSince(): string {
    return `${humanDuration(Date.now() - this.s.Created * 1000)} ago`;
  }

  CreatedAt(): string {
    return goTimeString(this.s.Created);
  }

  Size(): string {
    return humanSizeWithPrecision(this.s.Size ?? 0, 3);
  }

  Containers(): string {
    const n = this.s.Containers ?? 0;
    return n === -1 ? 'N/A' : String(n);
  }

  VirtualSize(): string {
    return humanSize(this.s.Size ?? 0);
  }

  SharedSize(): string {
    const n = this.s.SharedSize ?? 0;
    return n === -1 ? 'N/A' : humanSize(n);
  }

  UniqueSize(): string {
    const size = this.s.Size ?? 0;
    const shared = this.s.SharedSize ?? 0;
    return size === -1 || shared === -1 ? 'N/A' : humanSize(size - shared);
  }

  /** formatter.MarshalJSON: every argument-less method but FullHeader, HTML-escaped */
  MarshalJSON(): string {
    return loadedEngine().marshalJSON(
      {
        Containers: this.Containers(),
        CreatedAt: this.CreatedAt(),
        CreatedSince: this.CreatedSince(),
        Digest: this.Digest(),
        ID: this.ID(),
        Repository: this.Repository(),
        SharedSize: this.SharedSize(),
        Size: this.Size(),
        Tag: this.Tag(),
        UniqueSize: this.UniqueSize(),
        VirtualSize: this.VirtualSize(),
      },
      true,
    );
  }
}

export function isDangling(img: ImageSummary): boolean {
  const tags = img.RepoTags ?? [];
  const digests = img.RepoDigests ?? [];
  if (tags.length === 0 && digests.length === 0) return true;
  return tags.length === 1 && tags[0] === '<none>:<none>' && digests.length === 1 && digests[0] === '<none>@<none>';
}

/**
 * formatter.imageFormat: one row per repository and tag (and per digest when digests are
 * shown); docker walks Go maps here, in no fixed order, berth keeps the engine's order.
 */
export function imageRows(images: ImageSummary[], o: { trunc: boolean; digest: boolean; format: string }): ImageContext[] {
  const needDigest = o.digest || o.format.includes('{{.Digest}}');
  const rows: ImageContext[] = [];
  for (const img of images) {
    if (isDangling(img)) {
      rows.push(new ImageContext(img, o.trunc, '<none>', '<none>', '<none>'));
      continue;
    }
    const repoTags = new Map<string, string[]>();
    const repoDigests = new Map<string, string[]>();
    for (const s of img.RepoTags ?? []) {
      try {
        const ref = parseNormalizedNamed(s);
        if (ref.tag === undefined) continue;
        const name = familiarName(ref);
        repoTags.set(name, [...(repoTags.get(name) ?? []), ref.tag]);
      } catch {
        // not a reference: skipped, as docker does
      }
    }
    for (const s of img.RepoDigests ?? []) {
      try {
        const ref = parseNormalizedNamed(s);
        if (ref.digest === undefined) continue;
        const name = familiarName(ref);
        repoDigests.set(name, [...(repoDigests.get(name) ?? []), ref.digest]);
      } catch {
        // skipped
      }
    }
    for (const [repo, tags] of repoTags) {
      let digests = repoDigests.get(repo) ?? [];
      repoDigests.delete(repo);
      if (!needDigest) digests = [];
      for (const tag of tags) {
        if (digests.length === 0) {
          rows.push(new ImageContext(img, o.trunc, repo, tag, '<none>'));
          continue;
        }
        for (const d of digests) rows.push(new ImageContext(img, o.trunc, repo, tag, d));
      }
    }
    for (const [repo, digests] of repoDigests) {
      if (o.digest) for (const d of digests) rows.push(new ImageContext(img, o.trunc, repo, '<none>', d));
      else rows.push(new ImageContext(img, o.trunc, repo, '<none>', ''));
    }
  }
  return rows;
}
