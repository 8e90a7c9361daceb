/**
 * One call for integration tests: a Jira sandbox on a free port (the demo site unless given one),
 * an in-memory KVS with the manifest's entities, the Forge runtime pointing at both, and the app
 * host with the sandbox's transition hooks and events wired to the manifest's rules and triggers.
 */
import type { SiteData } from '../jira/model';
import { startSandbox, type Sandbox, type SandboxKnobs } from '../jira/server';
import { buildDemoSite } from '../demo/site';
import { seedDemoStorage } from '../demo/changeRequests';
import { createAppHost, type AppHost, type AppHostOptions } from './app';
import { startConfluence, type LocalConfluence } from './confluence';
import { KvsBackend } from './kvs';
import { loadManifest, type LoadedManifest } from './manifest';
import { installForgeRuntime, sandboxJiraTarget } from './runtime';

export interface TestHost {
  sandbox: Sandbox;
  app: AppHost;
  kvs: KvsBackend;
  /** The minimal Confluence that requestConfluence reaches (report pages). */
  confluence: LocalConfluence;
  close(): Promise<void>;
}

export interface TestHostOptions {
  site?: SiteData;
  knobs?: Partial<SandboxKnobs>;
  /** Another manifest (default: the repo's manifest.yml). */
  manifestPath?: string;
  manifest?: LoadedManifest;
  /** Handler modules by file, instead of src/ (see AppHostOptions.modules). */
  modules?: Record<string, Record<string, unknown>>;
  /** Serve the handlers from the bundle Forge's bundler built (see AppHostOptions.bundleDir). */
  bundleDir?: string;
  /**
   * Delay of Jira event delivery to triggers (default TEST_EVENT_DELAY_MS: small but not zero, so a
   * test that reads a trigger's effect without `app.idle()` fails as it would against Forge).
   */
  eventDelayMs?: number;
  /** Other invocation time limits than Forge's (see AppHostOptions.limits). */
  limits?: AppHostOptions['limits'];
}

export const TEST_EVENT_DELAY_MS = 20;

export async function startTestHost(opts: TestHostOptions = {}): Promise<TestHost> {
  const manifest = opts.manifest ?? loadManifest(opts.manifestPath ?? 'manifest.yml');
  const sandbox = await startSandbox({ site: opts.site ?? buildDemoSite(), port: 0, manifestPath: manifest.path, knobs: opts.knobs });
  let confluence: LocalConfluence | undefined;
  try {
    confluence = await startConfluence();
    const kvs = new KvsBackend({ entities: manifest.entities });
    // The part of the demo Jira does not hold: the change requests' internal documents.
    seedDemoStorage(kvs, sandbox.site, manifest.entities);
    installForgeRuntime({ jira: sandboxJiraTarget(sandbox.url), kvs, manifest, confluence: confluence.target });
    const app = await createAppHost({ manifest, modules: opts.modules, eventDelayMs: opts.eventDelayMs ?? TEST_EVENT_DELAY_MS, limits: opts.limits, bundleDir: opts.bundleDir });
    const unwire = app.wireSandbox(sandbox);
    return {
      sandbox,
      app,
      kvs,
      confluence,
      async close() {
        await app.idle();
        unwire();
        await kvs.close();
        await confluence?.close();
        await sandbox.close();
      },
    };
  } catch (e) {
    await confluence?.close();
    await sandbox.close();
    throw e;
  }
}
