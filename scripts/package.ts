/**
 * `npm run package`: builds the backend bundle the way `forge deploy` does, offline, into
 * dist/backend/ (index.cjs + index.cjs.map).
 *
 * `forge deploy` (@forge/cli 13.3.0: RuntimeBundler.packageCode) reads the handlers manifest.yml names
 * (ConfigFile.getAppHandlers), turns them into entry points (@forge/bundler getEntryPoints) and runs
 * @forge/bundler's node bundler on them: webpack with ts-loader against the app's tsconfig.json,
 * forcing `jsx: react` and `jsxFactory: ForgeUI.createElement`. This script calls the same pieces
 * with the same arguments; what it leaves out is the step after webpack that fetches Forge's runtime
 * wrapper (`__forge__.cjs`, which loads index.cjs on Atlassian's side) from Atlassian's CDN, and the
 * upload. The webpack configuration is the bundler's own, only its output folder is ours.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { getCompiler, getEntryPoints, getNodeBundler, getWrapperProvider, handleWebpackCompilationResult } from '@forge/bundler';
import type { BundlerArgs } from '@forge/bundler/out/types';
import type { ConfigWithOutput } from '@forge/bundler/out/webpack';
import { ConfigFile, FileSystemReader, FileSystemWriter, type Logger, type StatsigService } from '@forge/cli-shared';
import { backendBundleDir } from '../local/host/data';

const ROOT = resolve(__dirname, '..');

export interface PackagedBundle {
  dir: string;
  /** The bundle files (`<entry>.cjs`) with their sizes in bytes. */
  files: { file: string; bytes: number }[];
  /** Handler exports manifest.yml names, by entry (`index` -> ['handler', ...]). */
  handlers: Record<string, string[]>;
  ms: number;
}

const consoleLogger: Logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace: () => undefined,
  debug: () => undefined,
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (error) => console.error(error.message),
};

/** Builds the bundle into `outDir` (default dist/backend). Throws the bundler's own error on failure. */
export async function packageBackend(outDir = backendBundleDir(ROOT), logger: Logger = consoleLogger): Promise<PackagedBundle> {
  const started = Date.now();
  // forge deploy runs in the app's folder: ConfigFile reads ./manifest.yml and entry points resolve against ./src.
  process.chdir(ROOT);
  const fileReader = new FileSystemReader();
  const configFile = new ConfigFile(fileReader, new FileSystemWriter());
  const handlers = await configFile.getAppHandlers();
  const args: BundlerArgs = { appDirectory: ROOT, entryPoints: getEntryPoints(handlers) };

  // The bundler consults Statsig only for the EAP `app.package.bundler: typescript`, which this app does not use.
  const statsig = {} as StatsigService;
  const chosen = (await (getNodeBundler(logger, getWrapperProvider({ fileSystemReader: fileReader, statsigService: statsig }), configFile, statsig) as unknown as ChosenBundler).getBundler()) as Partial<ConfigSource>;
  if (typeof chosen.getConfigs !== 'function') throw new Error('@forge/bundler: the node bundler has no webpack configuration (getConfigs); update scripts/package.ts for this bundler version');
  const [config, ...others] = await chosen.getConfigs(args);
  if (others.length) throw new Error('@forge/bundler: expected one webpack configuration for the node runtime');
  // Built beside outDir and moved in at the end, so a host or test reading outDir never sees half a bundle.
  const building = `${outDir}.building-${process.pid}`;
  config.output.path = building;
  rmSync(building, { recursive: true, force: true });

  await new Promise<void>((done, fail) => {
    const compiler = getCompiler(config);
    compiler.run((error, stats) => {
      try {
        handleWebpackCompilationResult(logger, error, stats);
      } catch (e) {
        compiler.close(() => fail(e));
        return;
      }
      compiler.close((closeError) => (closeError ? fail(closeError) : done()));
    });
  }).catch((e) => {
    rmSync(building, { recursive: true, force: true });
    throw e;
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(building, outDir);

  const byEntry: Record<string, string[]> = {};
  for (const { module, func } of handlers) (byEntry[module] ??= []).push(func);
  const files = Object.keys(byEntry).map((entry) => {
    const file = join(outDir, `${entry}.cjs`);
    return { file, bytes: statSync(file).size };
  });
  return { dir: outDir, files, handlers: byEntry, ms: Date.now() - started };
}

/** What getNodeBundler answers: a chooser that picks the node bundler from manifest.yml's `app.package`. */
interface ChosenBundler {
  getBundler(): Promise<unknown>;
}
interface ConfigSource {
  getConfigs(args: BundlerArgs): Promise<ConfigWithOutput[]>;
}

if (require.main === module) {
  packageBackend()
    .then((bundle) => {
      for (const { file, bytes } of bundle.files) console.log(`${relative(ROOT, file)}: ${(bytes / 1024 / 1024).toFixed(2)} MB`);
      for (const [entry, names] of Object.entries(bundle.handlers)) console.log(`${entry}: ${names.join(', ')}`);
      console.log(`Packaged with @forge/bundler in ${(bundle.ms / 1000).toFixed(1)} s`);
    })
    .catch((e) => {
      console.error(`npm run package failed: ${(e as Error)?.message ?? e}`);
      process.exit(1);
    });
}
