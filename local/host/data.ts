/**
 * Where `npm start` keeps its state (`.liaison-data/`: the sandbox site and the KVS) and whether the
 * Custom UI builds under `static/`, or the backend bundle (`npm start -- --bundle`), are missing or
 * older than their sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_DIR_NAME = '.liaison-data';

export interface DataPaths {
  dir: string;
  kvsFile: string;
  siteFile: string;
}

/** The data folder: `LIAISON_DATA_DIR` when set (tests run hosts side by side), else `.liaison-data/` under root. */
export function dataPaths(root: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): DataPaths {
  const dir = env.LIAISON_DATA_DIR ? env.LIAISON_DATA_DIR : join(root, DATA_DIR_NAME);
  return { dir, kvsFile: join(dir, 'kvs.json'), siteFile: join(dir, 'site.json') };
}

/** `--reset`: forget the stored site and KVS, so the next start seeds the demo site again. */
export function resetData(paths: DataPaths): void {
  rmSync(paths.dir, { recursive: true, force: true });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'build') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/**
 * The Custom UI apps (`static/<name>/` with a `src/`) whose `build/index.html` is missing or older
 * than their sources or the shared `static/common/`.
 */
export function staleStaticBuilds(root: string = process.cwd()): string[] {
  const staticDir = join(root, 'static');
  if (!existsSync(staticDir)) return [];
  const shared = newestMtime(join(staticDir, 'common'));
  return readdirSync(staticDir)
    .filter((name) => name !== 'common' && existsSync(join(staticDir, name, 'src')))
    .filter((name) => {
      const index = join(staticDir, name, 'build', 'index.html');
      if (!existsSync(index)) return true;
      const built = statSync(index).mtimeMs;
      return Math.max(newestMtime(join(staticDir, name)), shared) > built;
    });
}

/** Where `npm run package` puts the backend bundle Forge's bundler builds (`index.cjs`, what `forge deploy` uploads). */
export function backendBundleDir(root: string = process.cwd()): string {
  return join(root, 'dist', 'backend');
}

/** Whether the backend bundle is missing or older than what it is built from (src/, the manifest, tsconfig, the lockfile). */
export function staleBackendBundle(root: string = process.cwd()): boolean {
  const dir = backendBundleDir(root);
  const bundles = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.cjs')) : [];
  if (bundles.length === 0) return true;
  const built = Math.min(...bundles.map((name) => statSync(join(dir, name)).mtimeMs));
  const sources = ['src', 'manifest.yml', 'tsconfig.json', 'package-lock.json'].map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) > built;
}

/** Runs `npm run package` when the bundle is missing or stale (`npm start -- --bundle`, tests on the bundle). Throws if it fails. */
export function packageBackendIfStale(root: string = process.cwd()): void {
  if (!staleBackendBundle(root)) return;
  console.log("Packaging the backend with Forge's bundler: npm run package");
  const build = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error('npm run package failed; fix the bundle and start again');
}
