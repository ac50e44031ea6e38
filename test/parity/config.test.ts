// A config.json docker cannot read entirely: docker warns and carries on with what it could
// read (nothing, for a file that does not parse). berth must print the same and go on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, skipReason } from './harness.js';

const reason = skipReason();
if (reason) console.warn(`parity/config: skipped: ${reason}`);

describe.skipIf(reason !== '')('config.json as docker reads it', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const cases: [string, string][] = [
    ['a format of the wrong type', '{"psFormat": 3}'],
    ['a file cut short', '{"psFormat": "{{.Names}}", '],
    ['not JSON at all', 'hello'],
    ['auths of the wrong type', '{"auths": 3, "psFormat": "table {{.ID}}"}'],
    ['a good psFormat beside a bad field', '{"psFormat": "table {{.ID}}", "detachKeys": 5}'],
    ['an empty file', ''],
    ['null', 'null'],
  ];
  for (const [name, text] of cases) {
    it(name, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-cfg-'));
      dirs.push(dir);
      writeFileSync(path.join(dir, 'config.json'), text);
      const { docker: d, berth: b } = await both(['ps', '--filter', 'label=berth.config.none=1'], { env: { DOCKER_CONFIG: dir } });
      expect(b).toEqual({ ...d, stderr: d.stderr.replaceAll(dir, dir) });
    });
  }
});
