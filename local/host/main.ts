/**
 * `npm start`: builds stale Custom UI bundles, starts the Jira sandbox with the demo site (or talks
 * to a real site when JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN are set), the Forge runtime with
 * a KVS persisted in .liaison-data/, and the Jira-like shell on PORT (default 4000).
 * A fresh demo site is then brought to life: the demo story (local/demo/story.ts) plays what the SHOP
 * project's people did over the last weeks through the app's own resolvers (asks, change requests,
 * flags, reports, a share link), once; `LIAISON_DEMO_STORY=off` leaves the demo as the site holds it.
 *   npm start -- --reset   wipes .liaison-data/ first (fresh demo site, empty storage, the story played again).
 *   npm start -- --bundle  serves the handlers from the bundle Forge's bundler builds (`npm run package`,
 *                          run first when dist/backend is missing or stale) instead of src/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startSandbox, type Sandbox } from '../jira/server';
import { buildDemoSite, DEMO_USERS } from '../demo/site';
import { seedDemoStorage } from '../demo/changeRequests';
import { buildRecommendedDemoSite } from '../demo/recommendedAccess';
import { generateSite } from '../demo/generate';
import type { SiteData } from '../jira/model';
import { createAppHost } from './app';
import { startConfluence, type LocalConfluence } from './confluence';
import { backendBundleDir, dataPaths, packageBackendIfStale, resetData, staleStaticBuilds } from './data';
import { KvsBackend } from './kvs';
import { loadManifest } from './manifest';
import { basicAuthJiraTarget, forgeQueue, installForgeRuntime, sandboxJiraTarget, type JiraTarget } from './runtime';
import { startShellServer } from './server';
import { playDemoStory, readStoryNote, writeStoryNote } from './story';
import { myself } from './shell/jira';

/**
 * The site a fresh sandbox starts from: the demo site, with `LIAISON_SITE=demo-recommended` the
 * demo with SHOP's Jira permissions set up as the client access check recommends, or with
 * `LIAISON_SITE=generated:<issues>` a generated one of that size (large-project benches and browser
 * tests). A saved site wins.
 */
/** `npm start`'s event delivery delay (ms) unless LIAISON_EVENT_DELAY_MS says otherwise. */
const DEMO_EVENT_DELAY_MS = 300;

function initialSite(spec: string | undefined): SiteData {
  if (!spec || spec === 'demo') return buildDemoSite();
  if (spec === 'demo-recommended') return buildRecommendedDemoSite();
  const m = /^generated:(\d+)$/.exec(spec);
  if (!m) throw new Error(`LIAISON_SITE must be 'demo', 'demo-recommended' or 'generated:<issues>', not '${spec}'`);
  return generateSite({ issues: Number(m[1]) });
}

/** Where `npm start` notes that the demo story was played (in the data folder, so `--reset` forgets it). */
const STORY_NOTE_FILE = 'demo-story.json';

/** Plays the demo story on a fresh demo site (once: a later start keeps what people did since). */
async function bringDemoToLife(app: Awaited<ReturnType<typeof createAppHost>>, sandbox: Sandbox, noteFile: string, freshSite: boolean): Promise<void> {
  const note = readStoryNote(noteFile);
  if (note) return;
  if (!freshSite) {
    console.log('The demo story has not been played on this data folder: npm start -- --reset to start over with it');
    return;
  }
  // Events reach triggers at once while the story plays (its steps wait for them), then as configured again.
  const eventDelayMs = app.eventDelayMs;
  app.eventDelayMs = 0;
  try {
    const result = await playDemoStory(app, sandbox.site);
    writeStoryNote(noteFile, result);
    console.log(`Demo story: ${result.steps.length} steps played through the app as SHOP's people in ${(result.ms / 1000).toFixed(1)} s`);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (the demo was left half played: npm start -- --reset to start over)`);
  } finally {
    app.eventDelayMs = eventDelayMs;
  }
}

async function main(): Promise<void> {
  const root = process.cwd();
  const paths = dataPaths(root);
  if (process.argv.includes('--reset')) {
    resetData(paths);
    console.log(`Wiped ${paths.dir}`);
  }

  const stale = staleStaticBuilds(root);
  if (stale.length) {
    console.log(`Building Custom UI (${stale.join(', ')}): npm run build`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (build.status !== 0) throw new Error('npm run build failed; fix the build and start again');
  }
  const bundleDir = process.argv.includes('--bundle') ? backendBundleDir(root) : undefined;
  if (bundleDir) packageBackendIfStale(root);

  const manifest = loadManifest(join(root, 'manifest.yml'));
  const port = Number(process.env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not '${process.env.PORT}'`);

  const { JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN } = process.env;
  const realSiteVars = [JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN].filter(Boolean).length;
  if (realSiteVars > 0 && realSiteVars < 3) throw new Error('To use a real Jira site set all of JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN');
  const realSite = realSiteVars === 3;

  let sandbox: Sandbox | undefined;
  let freshSite = false;
  let jira: JiraTarget;
  if (realSite) {
    jira = basicAuthJiraTarget(JIRA_BASE_URL!, JIRA_EMAIL!, JIRA_API_TOKEN!);
  } else {
    const sandboxPort = Number(process.env.SANDBOX_PORT ?? (port === 0 ? 0 : port + 1));
    freshSite = !existsSync(paths.siteFile);
    sandbox = await startSandbox({ site: initialSite(process.env.LIAISON_SITE), port: sandboxPort, dataFile: paths.siteFile, manifestPath: manifest.path });
    jira = sandboxJiraTarget(sandbox.url);
  }
  // Confluence (report pages): the real site's own /wiki, or a minimal local one beside the sandbox.
  let localConfluence: LocalConfluence | undefined;
  let confluence: JiraTarget;
  if (realSite) confluence = jira;
  else {
    const confluencePort = Number(process.env.CONFLUENCE_PORT ?? (port === 0 ? 0 : port + 2));
    localConfluence = await startConfluence({ port: confluencePort, dataFile: join(paths.dir, 'confluence.json') });
    confluence = localConfluence.target;
  }
  const kvs = new KvsBackend({ entities: manifest.entities, dataFile: paths.kvsFile });
  // The part of the demo Jira does not hold (the change requests' internal documents), unless stored already.
  if (sandbox) seedDemoStorage(kvs, sandbox.site, manifest.entities);
  let shellUrl = '';
  // Web trigger URLs (share links) point at the shell, which serves /public/<key> (urlFormat v2) and /x1/<key> (v1).
  installForgeRuntime({ jira, kvs, manifest, confluence, webtriggerBaseUrl: () => shellUrl });

  // Jira events reach triggers late, as on Forge (documented: up to about 3 minutes); short here.
  const eventDelayMs = Number(process.env.LIAISON_EVENT_DELAY_MS ?? DEMO_EVENT_DELAY_MS);
  if (!Number.isFinite(eventDelayMs) || eventDelayMs < 0) throw new Error(`LIAISON_EVENT_DELAY_MS must be a number of milliseconds, not '${process.env.LIAISON_EVENT_DELAY_MS}'`);
  const app = await createAppHost({ manifest, siteUrl: () => (realSite ? jira.baseUrl : shellUrl), eventDelayMs, bundleDir });
  const unwire = sandbox ? app.wireSandbox(sandbox) : () => undefined;
  const shell = await startShellServer({
    app,
    port,
    mode: realSite ? 'site' : 'sandbox',
    defaultAccountId: realSite ? undefined : DEMO_USERS.pm,
    siteUrl: realSite ? jira.baseUrl : undefined,
    dashboardsFile: join(paths.dir, 'dashboards.json'),
    issuePanelsFile: join(paths.dir, 'issue-panels.json'),
    clockControl: process.env.LIAISON_CLOCK_CONTROL === 'on',
  });
  shellUrl = shell.url;
  // After the shell is up (links the app makes, such as share links, point at it), before it is announced.
  if (sandbox && (process.env.LIAISON_SITE ?? 'demo') === 'demo' && process.env.LIAISON_DEMO_STORY !== 'off') {
    await bringDemoToLife(app, sandbox, join(paths.dir, STORY_NOTE_FILE), freshSite);
  }

  const actor = await myself(realSite ? { provider: 'app' } : { provider: 'user', accountId: DEMO_USERS.pm });
  if (bundleDir) console.log(`Serving the app from ${relative(root, bundleDir)}/, the bundle Forge's bundler built (not src/)`);
  console.log(`Liaison local host: ${shell.url}`);
  console.log(`Acting as ${actor.displayName} (${actor.accountId})${realSite ? '' : ' — switch users from the avatar menu'}`);
  if (sandbox) console.log(`Jira sandbox: ${sandbox.url} (site and storage kept in ${paths.dir}; npm start -- --reset to start over)`);
  else console.log(`Jira site: ${jira.baseUrl} — asUser() and asApp() both run as ${actor.displayName}, the API token's user`);
  if (localConfluence) console.log(`Confluence (local, report pages): ${localConfluence.url}/wiki`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: saving data and stopping…`);
    try {
      await shell.close();
      await Promise.race([app.idle(), new Promise((r) => setTimeout(r, 5000))]);
      unwire();
      forgeQueue().close();
      await kvs.close();
      await localConfluence?.close();
      await sandbox?.close();
      process.exit(0);
    } catch (e) {
      console.error('Could not stop cleanly:', e);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(`Liaison local host could not start: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});
