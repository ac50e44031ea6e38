import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { TABLE_FORMAT_USAGE } from '../../src/cli/opts.js';
import { loadEngine } from '../../src/format/engine.js';
import { finalFormat, FormatError, isTable, renderRows } from '../../src/format/formatter.js';
import { ContainerContext, containerFormat, containerHeaderContext } from '../../src/format/contexts/container.js';
import { ImageContext, imageFormat, imageHeaderContext, isDangling } from '../../src/format/contexts/image.js';
import { VolumeContext, volumeFormat, volumeHeaderContext } from '../../src/format/contexts/volume.js';
import {
  BUILD_CACHE_HEADER,
  BuildCacheContext,
  builderSize,
  DU_BUILD_CACHE_TABLE,
  DU_CONTAINER_TABLE,
  DU_HEADER,
  DU_IMAGE_TABLE,
  DU_TABLE,
  DU_VOLUME_TABLE,
  sortBuildCache,
  summaryRows,
  verboseValue,
  type DiskUsage,
} from '../../src/format/contexts/diskusage.js';
import { familiarName, parseNormalizedNamed } from '../../src/util/reference.js';
import { humanSize } from '../../src/util/units.js';
import type { ImageSummary } from '../../src/engine/images.js';

export const spec: CommandModule['spec'] = {
  use: '[OPTIONS]',
  short: 'Show docker disk usage',
  args: { kind: 'none' },
  flags: [
    { name: 'format', kind: 'value', type: 'string', usage: TABLE_FORMAT_USAGE },
    { name: 'verbose', short: 'v', kind: 'bool', usage: 'Show detailed information on space usage' },
  ],
};

const RAW_SUMMARY = 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
const RAW_BUILD_CACHE =
  'build_cache_id: {{.ID}}\nparent_id: {{.Parent}}\nbuild_cache_type: {{.CacheType}}\ndescription: {{.Description}}\ncreated_at: {{.CreatedAt}}\ncreated_since: {{.CreatedSince}}\nlast_used_at: {{.LastUsedAt}}\nlast_used_since: {{.LastUsedSince}}\nusage_count: {{.UsageCount}}\nin_use: {{.InUse}}\nshared: {{.Shared}}\n';

/** formatter.NewDiskUsageFormat */
function diskUsageFormat(source: string, verbose: boolean): string {
  if (verbose && source === 'raw') {
    return `{{range .Images}}type: Image\n${imageFormat('raw', false, true)}\n{{end -}}\n{{range .Containers}}type: Container\n${containerFormat('raw', false, true)}\n{{end -}}\n{{range .Volumes}}type: Volume\n${volumeFormat('raw', false)}\n{{end -}}\n{{range .BuildCache}}type: Build Cache\n${RAW_BUILD_CACHE}\n{{end -}}`;
  }
  if (!verbose && source === 'table') return DU_TABLE;
  if (!verbose && source === 'raw') return RAW_SUMMARY;
  return source;
}

function imageRowsOf(images: ImageSummary[], trunc: boolean): ImageContext[] {
  const rows: ImageContext[] = [];
  for (const i of images) {
    let repo = '<none>';
    let tag = '<none>';
    if ((i.RepoTags ?? []).length > 0 && !isDangling(i)) {
      // only the first tag is shown
      let ref;
      try {
        ref = parseNormalizedNamed(i.RepoTags![0]!);
      } catch {
        continue;
      }
      if (ref.tag !== undefined) {
        repo = familiarName(ref);
        tag = ref.tag;
      }
    }
    rows.push(new ImageContext(i, trunc, repo, tag));
  }
  return rows;
}

async function render(format: string, rows: object[], header: object): Promise<string> {
  try {
    return await renderRows(format, rows, header);
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}

export const run: CommandModule['run'] = async (cli, { opts }) => {
  const verbose = opts.verbose as boolean;
  const source = ((opts.format as string | undefined) ?? '') || 'table';
  const format = diskUsageFormat(source, verbose);
  const du = await cli.api().json<DiskUsage>({ path: '/system/df' });

  if (!verbose) {
    cli.out.write(await render(format, summaryRows(du), DU_HEADER));
    return;
  }

  const trunc = isTable(format);
  const images = imageRowsOf(du.Images ?? [], trunc);
  // the virtual size is not shown
  const containers = (du.Containers ?? []).map((c) => new ContainerContext({ ...c, SizeRootFs: 0 }, trunc));
  const volumes = (du.Volumes ?? []).map((v) => new VolumeContext(v));
  const cache = sortBuildCache(du.BuildCache ?? []).map((b) => new BuildCacheContext(b, trunc));

  if (format === 'table') {
    let out = 'Images space usage:\n\n';
    out += await render(DU_IMAGE_TABLE, images, imageHeaderContext());
    out += '\nContainers space usage:\n\n';
    out += await render(DU_CONTAINER_TABLE, containers, containerHeaderContext());
    out += '\nLocal Volumes space usage:\n\n';
    out += await render(DU_VOLUME_TABLE, volumes, volumeHeaderContext());
    out += `\nBuild cache usage: ${humanSize(builderSize(du))}\n\n`;
    out += await render(DU_BUILD_CACHE_TABLE, cache, BUILD_CACHE_HEADER);
    cli.out.write(out);
    return;
  }

  // any other format runs once on the whole of it, with nothing added after
  const engine = await loadEngine();
  let tmpl;
  try {
    tmpl = engine.parseTemplate(finalFormat(format), { name: '', funcs: engine.dockerFuncs });
  } catch (e) {
    throw new StatusError(`template parsing error: ${(e as Error).message}`, 1);
  }
  let out: string;
  try {
    out = tmpl.execute(verboseValue(images, containers, volumes, cache));
  } catch (e) {
    // executed straight to the output: what came before the error is printed, unwrapped
    cli.out.write((e as { partial?: string }).partial ?? '');
    throw new StatusError((e as Error).message, 1);
  }
  cli.out.write(out);
};
