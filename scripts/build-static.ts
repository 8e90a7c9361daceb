/**
 * Bundles every Custom UI app (each `static/<name>` with an index.html) into
 * `static/<name>/build/`: index.html + one hashed JS and one hashed CSS file, minified, with
 * relative URLs so the app works under any base path (Forge's CDN or the local shell).
 * Prints raw and gzipped sizes; exits non-zero on any error.
 *
 *   npm run build                 all apps
 *   npm run build -- project-page one app
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '..');
const STATIC = join(ROOT, 'static');
/** Budget per app (gzipped JS + CSS), from DESIGN's bench budgets. */
export const BUDGET_GZIP_BYTES = 250 * 1024;

/**
 * Module substitutions for the browser bundles:
 * - `@forge/bridge/out/...`: single bridge modules (static/common/forge.ts); the package's exports
 *   map names only its index, which would pull in every bridge feature.
 * - Atlaskit's feature-gate client: replaced by static/common/build-support/feature-gates-uninitialised.ts,
 *   which answers as the real, never-initialised client does inside a Forge app.
 */
const substitutions: Plugin = {
  name: 'liaison-substitutions',
  setup(b) {
    b.onResolve({ filter: /^@forge\/bridge\/out\// }, (args) => ({ path: require.resolve(join(ROOT, 'node_modules', args.path)) }));
    b.onResolve({ filter: /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/ }, () => ({
      path: join(STATIC, 'common', 'build-support', 'feature-gates-uninitialised.ts'),
    }));
  },
};

export function appNames(): string[] {
  return readdirSync(STATIC)
    .filter((name) => statSync(join(STATIC, name)).isDirectory() && existsSync(join(STATIC, name, 'index.html')))
    .sort();
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export interface BuiltApp {
  name: string;
  files: { file: string; raw: number; gzip: number; lazy: boolean }[];
}

/** Builds one app into `outDir` (default static/<name>/build; the bench builds elsewhere so running apps keep theirs). */
export async function buildApp(name: string, outDir = join(STATIC, name, 'build')): Promise<BuiltApp> {
  const appDir = join(STATIC, name);
  const entryFile = join(appDir, 'src', 'index.tsx');
  if (!existsSync(entryFile)) throw new Error(`static/${name} has an index.html but no src/index.tsx`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const result = await build({
    entryPoints: { app: entryFile },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    // ES modules with code splitting: what Atlaskit loads with import() (theme files, for one)
    // becomes separate chunks fetched only when needed, instead of weighing on every page load.
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: outDir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    // No publicPath: esbuild then writes every chunk import and asset URL relative to the file
    // that holds it, so the app works under any base path; the HTML links the entry relatively.
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'file', '.png': 'file', '.woff': 'file', '.woff2': 'file' },
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    plugins: [substitutions],
  });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('\n'));
  for (const warning of result.warnings) console.warn(`  warning (${name}): ${warning.text}`);

  const metafile = result.metafile as Metafile;
  const entryPoint = relative(ROOT, entryFile);
  const entryName = Object.keys(metafile.outputs).find((file) => metafile.outputs[file].entryPoint === entryPoint && file.endsWith('.js'));
  if (!entryName) throw new Error(`static/${name}: esbuild produced no entry JavaScript`);
  const entry = metafile.outputs[entryName];
  const js = resolve(ROOT, entryName);
  const css = entry.cssBundle ? resolve(ROOT, entry.cssBundle) : undefined;

  // Eager: the entry, its CSS and the chunks it imports statically (transitively); lazy: chunks only import() reaches.
  const eager = new Set<string>([entryName, ...(entry.cssBundle ? [entry.cssBundle] : [])]);
  const pending = [entryName];
  while (pending.length > 0) {
    const output = metafile.outputs[pending.pop()!];
    for (const imported of output.imports) {
      if (imported.kind === 'import-statement' && !imported.external && !eager.has(imported.path)) {
        eager.add(imported.path);
        pending.push(imported.path);
      }
    }
  }

  const template = readFileSync(join(appDir, 'index.html'), 'utf8');
  if (!template.includes('</head>') || !template.includes('</body>')) throw new Error(`static/${name}/index.html needs a <head> and a <body>`);
  const cssTag = css ? `  <link rel="stylesheet" href="./${basename(css)}">\n` : '';
  // A module script runs after the document is parsed; the host defines the bridge before it.
  const html = template
    .replace('</head>', `${cssTag}</head>`)
    .replace('</body>', `  <script type="module" src="./${basename(js)}"></script>\n</body>`);
  writeFileSync(join(outDir, 'index.html'), html);

  const files = [join(outDir, 'index.html'), ...Object.keys(metafile.outputs).map((file) => resolve(ROOT, file))].map((file) => {
    const content = readFileSync(file);
    const key = relative(ROOT, file);
    const lazy = key.endsWith('.js') || key.endsWith('.css') ? !eager.has(key) : false;
    return { file: relative(appDir, file), raw: content.length, gzip: gzipSync(content, { level: 9 }).length, lazy };
  });
  return { name, files };
}

/** Raw and gzipped bytes loaded with the page (held to the budget) and loaded only on demand. */
export function appSizes(app: BuiltApp): { eager: { raw: number; gzip: number }; lazy: { raw: number; gzip: number } } {
  const sum = (files: BuiltApp['files']) => files.reduce((acc, f) => ({ raw: acc.raw + f.raw, gzip: acc.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { eager: sum(app.files.filter((f) => !f.lazy)), lazy: sum(app.files.filter((f) => f.lazy)) };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = appNames().filter((name) => wanted.length === 0 || wanted.includes(name));
  const unknown = wanted.filter((name) => !appNames().includes(name));
  if (unknown.length) throw new Error(`No Custom UI app named ${unknown.join(', ')} under static/ (apps: ${appNames().join(', ')})`);
  if (names.length === 0) throw new Error('No Custom UI apps found (static/<name>/index.html)');

  let overBudget = false;
  for (const name of names) {
    const started = Date.now();
    const app = await buildApp(name);
    const { eager, lazy } = appSizes(app);
    const eagerFiles = app.files.filter((f) => !f.lazy);
    const lazyFiles = app.files.filter((f) => f.lazy);
    console.log(`static/${name}/build  (${Date.now() - started} ms)`);
    for (const f of eagerFiles) console.log(`  ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}`);
    console.log(`  ${'loaded with the page'.padEnd(44)} ${kb(eager.raw).padStart(10)}  gzip ${kb(eager.gzip).padStart(9)}`);
    if (lazyFiles.length > 0) {
      console.log(`  ${`${lazyFiles.length} chunks loaded only on demand`.padEnd(44)} ${kb(lazy.raw).padStart(10)}  gzip ${kb(lazy.gzip).padStart(9)}`);
    }
    if (eager.gzip > BUDGET_GZIP_BYTES) {
      overBudget = true;
      console.error(`  over budget: ${kb(eager.gzip)} gzipped loaded with the page > ${kb(BUDGET_GZIP_BYTES)}`);
    }
  }
  if (overBudget) throw new Error('A Custom UI bundle is over its size budget');
}

// Run as a script (npm run build); imported (by test/bench/bundles.ts), it only exports.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`build-static failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
