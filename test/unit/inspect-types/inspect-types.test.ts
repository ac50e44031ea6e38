// Typed inspect values against recorded docker 28 output: each fixture holds an engine's raw
// JSON for an object and what `docker inspect -f TEMPLATE` printed for it (record.mjs);
// berth's inspect (typed pass on the Go models, raw map fallback) must print the same.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Cli } from '../../../src/cli/cli.js';
import { inspectRefs } from '../../../src/cli/inspect.js';
import type { InspectKind } from '../../../src/format/inspect-types/index.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}
interface Fixture {
  kind: InspectKind;
  raw: string;
  outputs: Record<string, Output>;
}

/** Go pointer addresses differ from run to run: both sides print them masked */
const mask = (s: string): string => s.replace(/0xc[0-9a-f]{6,}/g, '0xPTR');

async function berthInspect(raw: string, kind: InspectKind | undefined, format: string): Promise<Output> {
  let stdout = '';
  const cli = { out: { write: (s: string) => (stdout += s) } } as unknown as Cli;
  try {
    await inspectRefs(cli, ['x'], format, async () => (kind ? { raw, kind } : raw));
    return { code: 0, stdout: mask(stdout), stderr: '' };
  } catch (e) {
    return { code: (e as { status?: number }).status ?? 1, stdout: mask(stdout), stderr: mask(`${(e as Error).message}\n`) };
  }
}

/**
 * Known differences, with why: a non-nil pointer to a basic type (*int64, *bool, *int) prints
 * its value inside a struct where Go prints its address; a named slice type (StrSlice) shows
 * as its underlying []string in %T.
 */
const KNOWN: Record<string, string> = {
  '{{.HostConfig.Resources}}': 'OomKillDisable (*bool) inside a struct',
  '{{.Config}}|container-rich': 'StopTimeout (*int) inside a struct',
  '{{.Config}}|container-synthetic': 'StopTimeout (*int) inside a struct',
  '{{.ContainerJSONBase}}|container-synthetic': 'SizeRw (*int64) inside a struct',
};

const fixtures = readdirSync(join(here, 'fixtures')).filter((n) => n.endsWith('.json'));

for (const file of fixtures) {
  const name = file.replace(/\.json$/, '');
  const fx = JSON.parse(readFileSync(join(here, 'fixtures', file), 'utf8')) as Fixture;
  describe(`inspect typed pass: ${name}`, () => {
    for (const [format, want] of Object.entries(fx.outputs)) {
      const known = KNOWN[`${format}|${name}`] ?? KNOWN[format];
      const test = known ? it.fails : it;
      test(`${format}${known ? ` (known: ${known})` : ''}`, async () => {
        expect(await berthInspect(fx.raw, fx.kind, format)).toEqual(want);
      });
    }
    it('kind told from the JSON gives the same output', async () => {
      expect(await berthInspect(fx.raw, undefined, '{{json .}}')).toEqual(fx.outputs['{{json .}}']);
    });
  });
}
