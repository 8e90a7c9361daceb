/**
 * A test host on a generated site, for benches: the app, the sandbox and the KVS as integration
 * tests get them, plus a log of every Jira request the app makes (product and path), taken where
 * `@forge/api` hands requests to the runtime (`__forge_fetch__`), so a bench can say which
 * requests a call made, not only how many.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateSite } from '../../local/demo/generate';
import { createAppHost, type AppHost } from '../../local/host/app';
import { KvsBackend } from '../../local/host/kvs';
import { loadManifest } from '../../local/host/manifest';
import { installForgeRuntime, sandboxJiraTarget } from '../../local/host/runtime';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { SandboxKnobs } from '../../local/jira/server';
import type { SiteData } from '../../local/jira/model';

/** The `today` every bench site is generated for, so runs compare. */
export const BENCH_TODAY = new Date('2026-11-24T00:00:00Z');

export interface JiraRequest {
  remote: string;
  method: string;
  path: string;
}

export interface BenchHost extends TestHost {
  /** Jira (and Confluence) requests the app made since the last `takeRequests()`. */
  takeRequests(): JiraRequest[];
}

export function benchSite(issues: number, seed = 1): SiteData {
  return generateSite({ issues, seed, today: BENCH_TODAY });
}

/** Logs the app's product requests where @forge/api hands them to the runtime. */
function logRequests(): () => JiraRequest[] {
  let log: JiraRequest[] = [];
  const g = globalThis as unknown as { __forge_fetch__: ForgeFetch };
  const inner = g.__forge_fetch__;
  g.__forge_fetch__ = (descriptor, path, init) => {
    if (descriptor?.type === 'fpp' && (descriptor.remote === 'jira' || descriptor.remote === 'confluence')) {
      log.push({ remote: descriptor.remote, method: (init?.method ?? 'GET').toUpperCase(), path: path.replace(/\?.*$/, '') });
    }
    return inner(descriptor, path, init);
  };
  return () => {
    const taken = log;
    log = [];
    return taken;
  };
}

type ForgeFetch = (descriptor: { type?: string; remote?: string }, path: string, init?: { method?: string }) => Promise<Response>;

export async function startBenchHost(site: SiteData, knobs: Partial<SandboxKnobs> = {}): Promise<BenchHost> {
  const host = await startTestHost({ site, knobs });
  return { ...host, takeRequests: logRequests() };
}

/** The app in this process, the sandbox (and its generated site) in another: for the app's own memory. */
export interface RemoteBenchHost {
  app: AppHost;
  sandboxUrl: string;
  stats: import('./sandbox-process').SandboxStats;
  takeRequests(): JiraRequest[];
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** `oraclePeriods`: name → period, counted by brute force in the sandbox's process (stats.oracle). */
export async function startRemoteBenchHost(issues: number, oraclePeriods: Record<string, { from: string; to: string }> = {}): Promise<RemoteBenchHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'sandbox-process.ts'), `--size=${issues}`, `--periods=${JSON.stringify(oraclePeriods)}`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const started = await new Promise<{ url: string; stats: RemoteBenchHost['stats'] }>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      // Whole lines only: the line (with the oracle's numbers) may arrive in several chunks.
      const line = buffered.split('\n').slice(0, -1).find((l) => l.startsWith('SANDBOX '));
      if (line) resolve(JSON.parse(line.slice('SANDBOX '.length)));
    });
    child.on('exit', (code) => reject(new Error(`the bench sandbox exited with ${code}`)));
  });
  const manifest = loadManifest('manifest.yml');
  const kvs = new KvsBackend({ entities: manifest.entities });
  installForgeRuntime({ jira: sandboxJiraTarget(started.url), kvs, manifest });
  const app = await createAppHost({ manifest });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.stdin?.end();
  });
  return {
    app,
    sandboxUrl: started.url,
    stats: started.stats,
    takeRequests: logRequests(),
    async setLatency(ms) {
      const res = await fetch(`${started.url}/__sandbox/knobs`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs: ms }) });
      if (!res.ok) throw new Error(`knobs answered ${res.status}`);
    },
    async close() {
      await app.idle();
      await kvs.close();
      await stop();
    },
  };
}

/** "GET /rest/api/3/issue/{key}" style: ids and keys folded so requests of one kind group together. */
export function requestKind(r: JiraRequest): string {
  // Ids and keys fold; the API version (/rest/api/3, /rest/agile/1.0) stays.
  const path = r.path
    .replace(/\/[A-Z][A-Z0-9_]*-\d+(?=\/|$)/g, '/{key}')
    .replace(/(?<!\/rest\/api|\/rest\/agile)\/\d+(?=\/|$)/g, '/{id}');
  return `${r.method} ${path}`;
}

export function countKinds(requests: readonly JiraRequest[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) out[requestKind(r)] = (out[requestKind(r)] ?? 0) + 1;
  return out;
}
