// Bundles berth with esbuild into one CommonJS file, dist/berth.cjs, plus a V8 code cache
// for it, dist/berth.cjs.cache, made with the node that builds (and so will run) it.
//
// Why not ES modules: node cannot cache the compiled code of an ES module, and compiling
// berth's modules on every start cost more than anything else berth did before its first
// request. bin/berth compiles the bundle with vm.Script and this cache, so V8 skips the
// parse; every command's code sits in the bundle behind esbuild's lazy module wrappers and
// runs only when that command does. ink/react (and anything else loaded with import()
// from outside the bundle) stay real ES module imports, made through the launcher.
//
// The build fails if ink or react could be loaded other than through a dynamic import():
// one-shot commands must not pay for the UI stack.
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import Module from 'node:module';
import { Script } from 'node:vm';

let rev = 'dev';
try {
  rev = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  // not a git checkout
}

// loaded on demand as ES modules from node_modules (ink and react are ESM-only or large)
const lazyPackages = ['ink', 'ink-*', 'react', 'react/*', 'react-dom', 'yoga-layout', 'yoga-layout/*'];

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: { berth: 'src/cli/entry.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  external: lazyPackages,
  define: { BERTH_BUILD: JSON.stringify(rev), 'import.meta.url': '__filename' },
  metafile: true,
  logLevel: 'warning',
  jsx: 'automatic',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
});

const out = 'dist/berth.cjs';
const meta = result.metafile.outputs[out];
let code = readFileSync(out, 'utf8');
const lazy = new Set();
for (const imp of meta.imports) {
  if (!imp.external || imp.path.startsWith('node:')) continue;
  if (imp.kind !== 'dynamic-import') {
    console.error(`build: ${imp.path} is loaded with ${imp.kind}; only import() may load it (start-up must not pay for it)`);
    process.exit(1);
  }
  lazy.add(imp.path);
}
// a vm.Script cannot run import() itself without an experimental flag: the launcher lends
// its own (globalThis.__berthImport), which resolves from the package like any import
for (const spec of lazy) {
  const q = JSON.stringify(spec);
  const before = code;
  code = code.split(`import(${q})`).join(`__berthImport(${q})`);
  if (code === before) {
    console.error(`build: could not find import(${q}) in the bundle`);
    process.exit(1);
  }
}
if (/\bimport\(/.test(code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""'))) {
  console.error('build: an import() the launcher cannot serve is left in the bundle');
  process.exit(1);
}
writeFileSync(out, code);

// the code cache: V8 checks it against the source and its own version and flags, and
// bin/berth compiles normally when it does not match (a different node, say)
const script = new Script(Module.wrap(code), { filename: 'berth.cjs', produceCachedData: false });
writeFileSync(`${out}.cache.tmp`, script.createCachedData());
renameSync(`${out}.cache.tmp`, `${out}.cache`);

console.log(`build: ${out} ${code.length} bytes, code cache ${readFileSync(`${out}.cache`).length} bytes`);
