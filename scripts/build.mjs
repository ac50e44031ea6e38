// Bundles berth with esbuild: one entry chunk for start-up, one chunk per command loaded
// on demand. The build fails if the start-up chunk pulls in the UI stack (ink/react).
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

let rev = 'dev';
try {
  rev = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  // not a git checkout
}

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: { berth: 'src/cli/entry.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
  define: { BERTH_BUILD: JSON.stringify(rev) },
  metafile: true,
  logLevel: 'warning',
  jsx: 'automatic',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
});

// the entry chunk and what it imports statically must not reach ink or react
const meta = result.metafile;
const entry = Object.keys(meta.outputs).find((k) => k.endsWith('dist/berth.js'));
const seen = new Set();
const stack = [entry];
while (stack.length) {
  const f = stack.pop();
  if (seen.has(f)) continue;
  seen.add(f);
  for (const imp of meta.outputs[f].imports) {
    if (imp.kind !== 'import-statement') continue;
    if (/^(ink|react)(\/|$)/.test(imp.path)) {
      console.error(`build: start-up code imports ${imp.path} statically (from ${f})`);
      process.exit(1);
    }
    if (imp.external) continue;
    stack.push(imp.path);
  }
}
const size = readFileSync('dist/berth.js').length;
console.log(`build: dist/berth.js ${size} bytes, ${Object.keys(meta.outputs).length} files`);
