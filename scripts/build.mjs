// Bundles berth with esbuild into one CommonJS file, dist/berth.cjs, plus a V8 code cache
// for it, dist/berth.cjs.cache, made with the node that builds (and so will run) it.
//
// Why not ES modules: node keeps no compiled code for ES modules, and compiling berth's
// modules on every start cost more than anything else berth did before its first request.
// bin/berth compiles the bundle with vm.Script and this cache, so V8 skips the parse; each
// command's code sits behind esbuild's lazy module wrappers and runs only when that command
// does.
//
// The UI stack stays out of one-shot commands. Packages that are ES modules only (ink and
// its kind) cannot be require()d by a CommonJS bundle, so they are imported for real, by
// the launcher, before the code that uses them runs: every import() whose target reaches
// such a package (or react) statically is rewritten into __berthUi(() => import(...)),
// which loads them first. Sources stay plain TypeScript: a command writes
// `await import('../../src/ui/progress.js')` and gets this for free. The build fails if a
// command or start-up code reaches ink or react other than through an import().
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

// built beside dist/ and swapped in at the end: a berth running meanwhile never finds dist/ half made
const outDir = `.dist-${process.pid}`;
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
import Module from 'node:module';
import { Script } from 'node:vm';

let rev = 'dev';
try {
  rev = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  // not a git checkout
}

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const isEsmOnly = (spec) => {
  const pj = `node_modules/${packageOf(spec)}/package.json`;
  return existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).type === 'module';
};
/** the UI stack: never loaded by start-up or by a command's own module graph */
const isUiPackage = (spec) => /^(ink|react|react-dom|yoga-layout)$/.test(packageOf(spec)) || packageOf(spec).startsWith('ink-');

const options = {
  entryPoints: { berth: 'src/cli/entry.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: outDir,
  outExtension: { '.js': '.cjs' },
  define: { BERTH_BUILD: JSON.stringify(rev), 'import.meta.url': '__filename' },
  logLevel: 'warning',
  jsx: 'automatic',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
};

// pass 1: the module graph, with every UI package left outside
const graph = (await build({ ...options, write: false, metafile: true, logLevel: 'silent', external: ['ink', 'ink-*', 'react', 'react/*', 'react-dom', 'yoga-layout'] })).metafile.inputs;
const reachesUi = new Set();
for (let changed = true; changed; ) {
  changed = false;
  for (const [file, info] of Object.entries(graph)) {
    if (reachesUi.has(file)) continue;
    if (info.imports.some((i) => i.kind !== 'dynamic-import' && (i.external ? isUiPackage(i.path) : reachesUi.has(i.path)))) {
      reachesUi.add(file);
      changed = true;
    }
  }
}
// what runs eagerly: start-up's static graph and each import() target that is not UI
const eager = new Set();
const visit = (file, via) => {
  if (eager.has(file) || !graph[file]) return;
  if (reachesUi.has(file)) {
    console.error(`build: ${file} reaches ink/react statically (${via}); load the UI with import() where it is needed`);
    process.exit(1);
  }
  eager.add(file);
  for (const i of graph[file].imports) {
    if (i.external) continue;
    if (i.kind === 'dynamic-import') {
      // a command's own module always loads when it runs; other import()s may be the UI's
      if (file === 'src/cli/registry.ts' || !reachesUi.has(i.path)) visit(i.path, `import() in ${file}`);
    } else visit(i.path, `imported by ${file}`);
  }
};
visit('src/cli/entry.ts', 'start-up');
// the import() calls to wrap, per importing file: their specifiers as written
const wrapIn = new Map();
for (const [file, info] of Object.entries(graph)) {
  for (const i of info.imports) {
    if (i.kind === 'dynamic-import' && !i.external && reachesUi.has(i.path)) {
      if (!wrapIn.has(file)) wrapIn.set(file, new Set());
      wrapIn.get(file).add(i.original);
    }
  }
}
const esmPackages = new Set();
for (const info of Object.values(graph)) for (const i of info.imports) if (i.external && isUiPackage(i.path) && isEsmOnly(i.path)) esmPackages.add(i.path);

const plugin = {
  name: 'berth-lazy-ui',
  setup(b) {
    // ES-module-only packages: served from what __berthUi loaded; CommonJS ones (react) are
    // plain require()s, which only UI modules (run after __berthUi) reach
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (!isUiPackage(args.path)) return undefined;
      if (esmPackages.has(args.path)) return { path: args.path, namespace: 'berth-esm' };
      return { path: args.path, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'berth-esm' }, (args) => ({
      contents: `module.exports = __berthLoaded(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
    b.onLoad({ filter: /\.(ts|tsx)$/ }, (args) => {
      const rel = args.path.slice(process.cwd().length + 1);
      const specs = wrapIn.get(rel);
      if (!specs) return undefined;
      let src = readFileSync(args.path, 'utf8');
      for (const spec of specs) {
        let found = false;
        for (const q of ["'", '"', '`']) {
          const call = `import(${q}${spec}${q})`;
          if (src.includes(call)) {
            src = src.split(call).join(`__berthUi(() => ${call})`);
            found = true;
          }
        }
        if (!found) {
          console.error(`build: ${rel}: cannot find import('${spec}') to wrap (write it as a plain string literal)`);
          process.exit(1);
        }
      }
      return { contents: src, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const specs = JSON.stringify([...esmPackages].sort());
rmSync(outDir, { recursive: true, force: true });
const result = await build({
  ...options,
  metafile: true,
  plugins: [plugin],
  banner: {
    js: [
      'var __berthEsm = Object.create(null);',
      'var __berthLoaded = (s) => { const m = __berthEsm[s]; if (!m) throw new Error(`berth: ${s} used before it was loaded (build fault)`); return m; };',
      `var __berthUi = async (load) => { await Promise.all(${specs}.map(async (s) => { if (!__berthEsm[s]) { const ci = process.env.CI; process.env.CI = 'false'; let ns; try { ns = await __berthImport(s); } finally { if (ci === undefined) delete process.env.CI; else process.env.CI = ci; } __berthEsm[s] = { __esModule: true, ...ns }; } })); return load(); };`,
    ].join('\n'),
  },
});

const out = `${outDir}/berth.cjs`;
const code = readFileSync(out, 'utf8');
for (const imp of result.metafile.outputs[out].imports) {
  if (imp.external && !imp.path.startsWith('node:') && !isUiPackage(imp.path) && imp.kind !== 'require-call') {
    console.error(`build: unexpected external ${imp.kind} of ${imp.path}`);
    process.exit(1);
  }
}
// a vm.Script cannot run import() itself (not without an experimental flag); only the
// launcher's __berthImport may appear
if (/\bimport\(/.test(code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""'))) {
  console.error('build: an import() is left in the bundle: a vm.Script cannot run it');
  process.exit(1);
}

// bin/berth reads the bundle as latin1 (no UTF-8 decoding to pay for): it must be ASCII,
// which esbuild's default charset makes it
if (/[^\x00-\x7f]/.test(code)) {
  console.error('build: the bundle is not ASCII');
  process.exit(1);
}

// the code cache: V8 checks it against the source and its own version and flags, and
// bin/berth compiles from source when it does not match (another node, say)
const script = new Script(Module.wrap(code), { filename: 'berth.cjs' });
writeFileSync(`${out}.cache.tmp`, script.createCachedData());
renameSync(`${out}.cache.tmp`, `${out}.cache`);

const old = `.dist-old-${process.pid}`;
if (existsSync('dist')) renameSync('dist', old);
renameSync(outDir, 'dist');
rmSync(old, { recursive: true, force: true });

console.log(`build: dist/berth.cjs ${code.length} bytes, code cache ${readFileSync('dist/berth.cjs.cache').length} bytes; UI loaded by import(): ${[...esmPackages].join(', ') || 'none yet'}`);
