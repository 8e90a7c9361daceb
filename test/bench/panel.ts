/**
 * Issue panel load: the resolvers the Client ask and Red flags panels call when an issue opens
 * (`asks.get`, `flags.get`), as the PM, over a sample of the site's issues, in a project whose
 * Liaison settings are saved (so the flag rules run on load, as they do for a project using
 * Liaison). Each issue is opened twice: the first opening may write flags the rules decide
 * (work the issue trigger or the daily run would normally have done already); the second is
 * the steady state, which the budgets hold: p95 ≤ 150 ms and ≤ 2 Jira requests per load.
 *   node --import tsx test/bench/panel.ts --size=10000 --loads=50
 */
import { DEMO_USERS } from '../../local/demo/site';
import { benchMain } from './child';
import { percentile, round, sizeLabel, type Figure } from './figures';
import { benchSite, countKinds, startBenchHost, type BenchHost } from './host';

const PANELS = [
  { functionKey: 'asks.get', moduleKey: 'client-ask-panel' },
  { functionKey: 'flags.get', moduleKey: 'red-flags-panel' },
] as const;

type Answer = { ok: boolean; error?: unknown };

async function call(host: BenchHost, moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<unknown> {
  const answer = (await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey, functionKey, payload })) as Answer;
  if (!answer.ok) throw new Error(`${functionKey} ${JSON.stringify(payload)} answered ${JSON.stringify(answer.error)}`);
  return answer;
}

/** Saves the project's settings unchanged as the PM: that is what switches the flag rules on. */
async function useLiaison(host: BenchHost, projectKey: string): Promise<void> {
  const current = (await call(host, 'liaison-project', 'settings.get', { projectKey })) as { data: { version: number; settings: Record<string, unknown> } };
  await call(host, 'liaison-project', 'settings.save', { projectKey, version: current.data.version, ...current.data.settings });
}

/** Every n-th issue of the project, so the sample spans old, done work and open, current work. */
function sampleKeys(host: BenchHost, projectKey: string, count: number): string[] {
  const keys = host.sandbox.site.issues.filter((i) => i.key.startsWith(`${projectKey}-`)).map((i) => i.key);
  const step = Math.max(1, Math.floor(keys.length / count));
  return keys.filter((_, n) => n % step === 0).slice(0, count);
}

benchMain('panel', async (args) => {
  const issues = Number(args.size ?? 1000);
  const loads = Number(args.loads ?? 50);
  const label = sizeLabel(issues);
  const host = await startBenchHost(benchSite(issues), { latencyMs: 0 });
  const figures: Figure[] = [];
  try {
    const projectKey = host.sandbox.site.projects[0].key;
    await useLiaison(host, projectKey);
    const keys = sampleKeys(host, projectKey, loads + 1);
    // One warm-up opening: the field ids and role actors the app caches in KVS are read once per site, not per load.
    for (const p of PANELS) await call(host, p.moduleKey, p.functionKey, { issueKey: keys[loads] });
    host.takeRequests();

    for (const panel of PANELS) {
      for (const pass of ['first', 'repeat'] as const) {
        const times: number[] = [];
        const requests: number[] = [];
        const kinds: Record<string, number> = {};
        for (const issueKey of keys.slice(0, loads)) {
          const started = performance.now();
          await call(host, panel.moduleKey, panel.functionKey, { issueKey });
          times.push(performance.now() - started);
          const made = host.takeRequests();
          requests.push(made.length);
          for (const [k, n] of Object.entries(countKinds(made))) kinds[k] = (kinds[k] ?? 0) + n;
        }
        await host.app.idle();
        const perLoad = requests.reduce((a, b) => a + b, 0) / loads;
        const made = Object.entries(kinds).map(([k, n]) => `${k} ×${round(n / loads, 2)}`).join(', ');
        const steady = pass === 'repeat';
        figures.push(
          { name: `panel ${label}: ${panel.functionKey} ${pass} p50`, value: round(percentile(times, 50)), unit: 'ms' },
          { name: `panel ${label}: ${panel.functionKey} ${pass} p95`, value: round(percentile(times, 95)), unit: 'ms', ...(steady ? { budget: 150, note: `${loads} loads, 0 ms Jira latency` } : {}) },
          { name: `panel ${label}: ${panel.functionKey} ${pass} Jira requests/load`, value: round(perLoad, 2), unit: 'requests', ...(steady ? { budget: 2 } : {}), note: made || 'none' },
        );
      }
    }
  } finally {
    await host.close();
  }
  return figures;
});
