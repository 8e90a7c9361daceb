/**
 * Browser-test support: runs the local host the way `npm start` does (a child process), and
 * Debian's Chromium through playwright-core. Never downloads a browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

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

/** Starts `tsx local/host/main.ts` on a free port with its data in `dataDir` (a new temp folder by default). */
export async function startHost(opts: { dataDir?: string; args?: string[]; env?: Record<string, string> } = {}): Promise<RunningHost> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'liaison-browser-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/host/main.ts', ...(opts.args ?? [])], {
    env: { ...process.env, PORT: '0', LIAISON_DATA_DIR: dataDir, ...opts.env },
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

/** The Custom UI iframe of a Forge module in the shell, once its bundle has rendered something. */
export async function appFrame(page: Page, resource: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[src*="/apps/${resource}/"]`, { timeout: 30_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame for ${resource}`);
  await frame.waitForSelector('body *', { timeout: 30_000 });
  return frame;
}

export const browserAvailable = existsSync(CHROMIUM_PATH);
