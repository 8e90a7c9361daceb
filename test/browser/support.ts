/**
 * Browser-test support: runs the local host the way `npm start` does (a child process), and
 * Debian's Chromium through playwright-core. Never downloads a browser.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { packageBackendIfStale } from '../../local/host/data';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningHost {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Whether a host serves the app from the bundle Forge's bundler builds (`npm start -- --bundle`):
 * `LIAISON_BUNDLE=1` puts every browser test on the bundle, `LIAISON_BUNDLE=0` every one on src/;
 * unset, each session's own choice holds (one flow per feature runs on the bundle by default).
 */
export function servesBundle(preferred = false): boolean {
  const forced = process.env.LIAISON_BUNDLE;
  return forced === '1' ? true : forced === '0' ? false : preferred;
}

/**
 * Starts `tsx local/host/main.ts` on a free port with its data in `dataDir` (a new temp folder by default);
 * with `bundle`, the host serves the app from the bundle (`--bundle`), packaged first if stale; with
 * `story`, a new data folder gets the demo story (`npm start`'s default; off otherwise).
 */
export async function startHost(opts: { dataDir?: string; args?: string[]; env?: Record<string, string>; bundle?: boolean; story?: boolean } = {}): Promise<RunningHost> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'liaison-browser-'));
  // Packaged here rather than by the host, whose start would otherwise include the build.
  if (opts.bundle) packageBackendIfStale(resolve(__dirname, '..', '..'));
  const args = [...(opts.args ?? []), ...(opts.bundle ? ['--bundle'] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/host/main.ts', ...args], {
    // The demo story (npm start's lived-in SHOP) only where a test asks for it: the other tests start from the bare demo site.
    env: { ...process.env, PORT: '0', LIAISON_DATA_DIR: dataDir, LIAISON_DEMO_STORY: opts.story ? 'on' : 'off', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Liaison local host: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it started:\n${output}`));
    });
  });
  if (opts.bundle && !output.includes("the bundle Forge's bundler built")) throw new Error(`host was asked to serve the bundle but did not say so:\n${output}`);
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function removeDataDir(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A browser context acting as the given demo user (the shell's `liaison-user` cookie). */
export async function contextAs(browser: Browser, hostUrl: string, accountId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  await context.addCookies([{ name: 'liaison-user', value: accountId, url: hostUrl }]);
  return context;
}

/**
 * The Custom UI iframe of a Forge module in the shell, once its bundle has rendered something. An
 * issue panel not yet on the issue is added first as a person does in Jira: with the app's button
 * in the issue view's apps menu (Jira shows a panel only once it was added, or shown for all).
 */
export async function appFrame(page: Page, resource: string): Promise<Frame> {
  const frameSelector = `iframe[src*="/apps/${resource}/"]`;
  const addButton = page.locator(`button[data-add-panel-resource="${resource}"]`);
  if ((await page.locator(frameSelector).count()) === 0 && (await addButton.count()) > 0) {
    await Promise.all([page.waitForURL(/[?&]added=/, { timeout: 30_000 }), addButton.first().click()]);
  }
  const handle = await page.waitForSelector(frameSelector, { timeout: 30_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame for ${resource}`);
  await frame.waitForSelector('body *', { timeout: 30_000 });
  return frame;
}

/** The app's frame once `ready(frame)` is visible (up to 30 s): the sign the app has loaded what the test reads. */
export async function appFrameShowing(page: Page, resource: string, ready: (frame: Frame) => Locator): Promise<Frame> {
  const frame = await appFrame(page, resource);
  await ready(frame).waitFor({ timeout: 30_000 });
  return frame;
}

export const browserAvailable = existsSync(CHROMIUM_PATH);

/**
 * Builds the Custom UI bundles (scripts/build-static.ts) when the app `resource` has none: the host
 * serves the built bundles, and a test file may run on its own, before any `npm run build`.
 */
export function buildIfMissing(resource: string): void {
  const root = resolve(__dirname, '..', '..');
  if (!existsSync(join(root, 'static', resource, 'build', 'index.html'))) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-static.ts'], { cwd: root, stdio: 'inherit' });
}

/** One host and one browser shared by the tests of a describe block (see browserSession). */
export interface BrowserSession {
  /** The running host (a new one after restartHost). */
  readonly host: RunningHost;
  /** A new page, in a context of its own, acting as the demo user `accountId`. */
  pageAs(accountId: string): Promise<Page>;
  /** pageAs, then opens `path` (the host's address is put in front) in the new page. */
  openAs(accountId: string, path: string): Promise<Page>;
  /** Stops the host and starts it again on the same data folder. */
  restartHost(): Promise<void>;
}

/**
 * Call inside a describe block: starts the host (with `env` added to its environment, e.g.
 * `LIAISON_SITE`) and the browser before its tests (after `prepare`, if given) and, after them, closes every context pageAs opened, the browser and the host, and
 * removes the host's data folder.
 */
export function browserSession(opts: { prepare?: () => void | Promise<void>; bundle?: boolean; env?: Record<string, string>; story?: boolean } = {}): BrowserSession {
  const bundle = servesBundle(opts.bundle);
  let host: RunningHost | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await opts.prepare?.();
    [host, browser] = await Promise.all([startHost({ bundle, env: opts.env, story: opts.story }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    if (host) {
      await host.stop();
      removeDataDir(host.dataDir);
    }
  });

  const running = (): RunningHost => {
    if (!host) throw new Error('the host is not running: use the browser session inside a test');
    return host;
  };
  const pageAs = async (accountId: string): Promise<Page> => {
    if (!browser) throw new Error('the browser is not running: use the browser session inside a test');
    const context = await contextAs(browser, running().url, accountId);
    contexts.push(context);
    return context.newPage();
  };
  return {
    get host() {
      return running();
    },
    pageAs,
    async openAs(accountId, path) {
      const page = await pageAs(accountId);
      await page.goto(running().url + path);
      return page;
    },
    async restartHost() {
      const { dataDir } = running();
      await running().stop();
      host = await startHost({ dataDir, bundle, env: opts.env, story: opts.story });
    },
  };
}

/** Where screenshots go (git-ignored). */
export const RESULTS_DIR = resolve(__dirname, '..', '..', 'test-results');

/** A resolver call as the shell's bridge posts it to the host (`/api/invoke`). */
export interface InvokeCall {
  functionKey?: string;
  payload?: Record<string, unknown>;
}

/** The answer holdBackNextAnswer holds: `answered` once the host answered the call, `delivered` once the app has the answer. */
export interface HeldAnswer {
  answered: Promise<void>;
  delivered: Promise<void>;
}

/** How long after the hold-back is set the held call must have come and been answered. */
const HOLD_BACK_WAIT_MS = 30_000;

/**
 * Holds back the answer of the next resolver call `match` accepts, `ms` milliseconds, as a slow host
 * may deliver it: the call reaches the host at once, its answer reaches the app late. Calls
 * `match` refuses go through untouched; later calls are never held (the route stays until the page closes).
 */
export async function holdBackNextAnswer(page: Page, match: (call: InvokeCall) => boolean, ms = 3_000): Promise<HeldAnswer> {
  let answered!: () => void;
  let delivered!: () => void;
  // A call that never comes fails the wait with this message, not the test's timeout without one.
  const noCall = () => new Error(`no resolver call matching the hold-back came within ${(ms + HOLD_BACK_WAIT_MS) / 1000} s`);
  const bounded = (settle: (resolve: () => void) => void) => {
    const promise = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(noCall()), ms + HOLD_BACK_WAIT_MS);
      settle(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    // Handled here so an unawaited one cannot end the run; awaiting it still throws.
    promise.catch(() => undefined);
    return promise;
  };
  const held: HeldAnswer = { answered: bounded((r) => (answered = r)), delivered: bounded((r) => (delivered = r)) };
  let holding = true;
  await page.route('**/api/invoke', async (route) => {
    if (!holding || !match((route.request().postDataJSON() as InvokeCall | null) ?? {})) return route.continue();
    holding = false;
    const answer = await route.fetch();
    answered();
    await new Promise<void>((r) => setTimeout(r, ms));
    await route.fulfill({ response: answer });
    delivered();
  });
  return held;
}

/**
 * Retries `check` until it stops throwing (playwright-core has no `expect` with auto-waiting).
 * The last failure is rethrown when time runs out, so the assertion message stays the real one.
 */
export async function eventually<T>(check: () => Promise<T>, opts: { timeout?: number; interval?: number } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeout ?? 15_000);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, opts.interval ?? 200));
    }
  }
}

/**
 * Waits until every app frame of the page has rendered and shows no spinner (Atlaskit's loading
 * status); a page without app frames (the shell's "not available" page) is settled once loaded.
 * A spinner that stays past 30 s is left for the caller's own assertions to report.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const frames = page.locator('iframe[data-liaison-frame]');
  const count = await frames.count();
  for (let i = 0; i < count; i++) {
    const frame = await (await frames.nth(i).elementHandle())!.contentFrame();
    if (!frame) continue;
    await frame.waitForSelector('body *', { timeout: 30_000 });
    await eventually(async () => assert.equal(await frame.locator('[role="status"][aria-live="polite"]:has(svg)').count().catch(() => 0), 0, 'still loading'), { timeout: 30_000 }).catch(() => undefined);
  }
  // Layout after the last render (menus placed, fonts applied) before a test measures or scans.
  await page.waitForTimeout(300);
}

/** The visible text of the page and of every frame in it (Custom UI apps live in iframes). */
export async function allFramesText(page: Page): Promise<string> {
  const texts = await Promise.all(page.frames().map((frame) => frame.locator('body').innerText().catch(() => '')));
  return texts.join('\n');
}

/**
 * Screenshots into test-results/: `<name>.png`, the window as a person sees it, and with `resource`
 * also `<name>-full.png`, where the app's iframe is stretched to its content height for the picture
 * (full-page modules scroll inside their iframe, so the first picture shows only the top).
 * Returns the paths.
 */
export async function screenshot(page: Page, name: string, resource?: string): Promise<string[]> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const paths = [join(RESULTS_DIR, `${name}.png`)];
  await page.screenshot({ path: paths[0] });
  if (resource) {
    const iframe = page.locator(`iframe[src*="/apps/${resource}/"]`);
    const before = await iframe.evaluate((el: HTMLIFrameElement) => {
      const old = el.style.height;
      el.style.height = `${el.contentDocument!.documentElement.scrollHeight}px`;
      return old;
    });
    paths.push(join(RESULTS_DIR, `${name}-full.png`));
    await page.screenshot({ path: paths[1], fullPage: true });
    await iframe.evaluate((el: HTMLIFrameElement, old: string) => void (el.style.height = old), before);
  }
  return paths;
}

/** The shell's user switcher button (its accessible name says who is acting). */
export function userSwitcher(page: Page) {
  return page.getByRole('button', { name: /^Acting as .*\. Switch user$/ });
}

/** A person in the shell's user switcher menu, by display name. */
export function switcherPerson(scope: Page | Locator, displayName: string): Locator {
  return scope.getByRole('menuitemradio', { name: new RegExp(`^${escapeRegExp(displayName)}\\b`) });
}

/**
 * Switches the acting user with `choose` (a click or a key press on `displayName` in the open menu):
 * waits for the shell's /switch-user answer, the reload, and the switcher naming the new person.
 */
export async function switchUserBy(page: Page, displayName: string, choose: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/switch-user'), choose()]);
  await page.waitForLoadState('load');
  await page.getByRole('button', { name: `Acting as ${displayName}. Switch user` }).waitFor({ timeout: 15_000 });
}

/** Acts as another person through the shell's avatar menu, the way a person does; waits for the reload. */
export async function switchUserWithMenu(page: Page, displayName: string): Promise<void> {
  await userSwitcher(page).click();
  await switchUserBy(page, displayName, () => switcherPerson(page, displayName).click());
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The field whose label is exactly `label`, with or without Atlaskit's required marker ("Due date*"). */
export function fieldByLabel(scope: Frame | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^\\s*${escapeRegExp(label)}\\s*\\*?\\s*$`));
}

/**
 * Chooses an option in an Atlaskit select the way a keyboard user does: focus the field by its
 * label, type the option's words, pick the option so named. `scope` is the form or frame around the field.
 */
export async function chooseOption(scope: Frame | Locator, label: string, option: string): Promise<void> {
  const input = fieldByLabel(scope, label);
  await input.click();
  await input.fill(option);
  // The exact option ("Paid", not "Unpaid"): the menu is in the frame's body, outside the form.
  await input.locator('xpath=/ancestor::body').getByRole('option', { name: option, exact: true }).click();
}

/** Picks a day (YYYY-MM-DD) in Atlaskit's date picker by typing it and pressing Enter, as a person may. */
export async function pickDate(scope: Frame | Locator, label: string, isoDay: string): Promise<void> {
  const input = fieldByLabel(scope, label);
  await input.click();
  await input.fill(isoDay);
  await input.press('Enter');
}

/**
 * A dialog an app opened with Forge's modal (`Modal` from @forge/bridge): the shell's dialog named
 * `title` and the Custom UI frame inside it, once the app has rendered in it.
 */
export async function modalDialog(page: Page, title: string | RegExp): Promise<{ dialog: Locator; frame: Frame }> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor({ timeout: 30_000 });
  const handle = await dialog.locator('iframe').elementHandle({ timeout: 30_000 });
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error(`no frame in the dialog ${String(title)}`);
  await frame.waitForSelector('body button', { timeout: 30_000 });
  return { dialog, frame };
}

/**
 * The labels of the buttons a frame shows as primary (Atlaskit's brand-bold background, compared
 * through the design token so the theme does not matter): a panel offers at most one main next step.
 */
export async function primaryButtonLabels(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'var(--ds-background-brand-bold, #0C66E4)';
    document.body.append(probe);
    const brand = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [...document.querySelectorAll('button')]
      .filter((button) => button.getClientRects().length > 0 && getComputedStyle(button).backgroundColor === brand)
      .map((button) => (button.getAttribute('aria-label') ?? button.textContent ?? '').trim());
  });
}

/**
 * The primary buttons of a frame grouped by the panel they belong to, for pages holding several:
 * a button's panel is its nearest enclosing `form`, `section`, `[role=region]` or `[role=dialog]`
 * (else the frame's body), named by its accessible label or heading. A nested panel counts its
 * own buttons, not its parent's. Only panels holding a primary button are listed.
 */
export async function primaryButtonsByPanel(frame: Frame): Promise<{ panel: string; buttons: string[] }[]> {
  return frame.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'var(--ds-background-brand-bold, #0C66E4)';
    document.body.append(probe);
    const brand = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const PANEL = 'form, section, [role="region"], [role="dialog"]';
    const nameOf = (panel: Element): string => {
      if (panel === document.body) return 'the page';
      const labelledBy = panel.getAttribute('aria-labelledby');
      const label = panel.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? panel.querySelector('h1, h2, h3, h4')?.textContent ?? panel.tagName.toLowerCase();
      return `${panel.tagName.toLowerCase()} "${label.trim().slice(0, 60)}"`;
    };
    const panels = new Map<Element, string[]>();
    for (const button of document.querySelectorAll('button')) {
      if (button.getClientRects().length === 0 || getComputedStyle(button).backgroundColor !== brand) continue;
      const panel = button.closest(PANEL) ?? document.body;
      panels.set(panel, [...(panels.get(panel) ?? []), (button.getAttribute('aria-label') ?? button.textContent ?? '').trim()]);
    }
    return [...panels].map(([panel, buttons]) => ({ panel: nameOf(panel), buttons }));
  });
}
