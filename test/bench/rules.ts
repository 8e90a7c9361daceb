/**
 * Red-flag rule evaluation at scale: the issue rules and the reconciliation of each issue's
 * flags (what every trigger, panel load and daily run does per issue), over every issue of a
 * generated site — facts read through the app's own search (`searchFlagIssues`), then the domain
 * timed alone; and the daily scheduled run (`flag-daily-rules`) end to end over the project.
 *   node --import tsx test/bench/rules.ts --size=10000
 */
import { runAsInvocation } from '../../local/host/runtime';
import { DEMO_USERS } from '../../local/demo/site';
import { benchMain } from './child';
import { percentile, round, sizeLabel, type ExactnessRow, type Figure } from './figures';
import { benchSite, countKinds, startBenchHost } from './host';

/** The domain pass over 10k issues may use this much of a 25 s resolver call (4%). */
const EVALUATE_10K_BUDGET_MS = 1000;

benchMain('rules', async (args) => {
  const issues = Number(args.size ?? 1000);
  const label = sizeLabel(issues);
  const host = await startBenchHost(benchSite(issues));
  const figures: Figure[] = [];
  const exactness: ExactnessRow[] = [];
  try {
    const projectKey = host.sandbox.site.projects[0].key;
    const settings = (await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'liaison-project', functionKey: 'settings.get', payload: { projectKey } })) as { data: { version: number; settings: object } };
    host.takeRequests();
    // The rules are off until a manager switches them on in Settings, which queues their first run
    // over the project (issue 14): measured from the save until that run is done.
    const enabling = performance.now();
    const saved = (await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'liaison-project', functionKey: 'settings.save', payload: { projectKey, version: settings.data.version, ...settings.data.settings, redFlagRules: { on: true } } })) as { ok: boolean; data?: { rulesRun?: string } };
    if (!saved.ok || saved.data?.rulesRun !== 'queued') throw new Error(`switching the rules on did not queue their run: ${JSON.stringify(saved).slice(0, 300)}`);
    await host.app.idle();
    const firstRunMs = performance.now() - enabling;
    const firstRunRequests = host.takeRequests();
    // Imported after the host installed the Forge runtime (@forge/kvs picks its transport on first import).
    const { readLastRun } = await import('../../src/flags/store/flagRunStore');
    const { listFlagRecords } = await import('../../src/flags/store/flagStore');
    /** A run's tally against counts taken elsewhere: the sandbox's own issues, the flag records in storage. */
    const checkRun = async (run: string, wrote: number | null) => {
      const p = (await readLastRun())?.projects.find((r) => r.projectKey === projectKey);
      if (!p) throw new Error(`no ${run} recorded for ${projectKey}`);
      const stored = await listFlagRecords(projectKey, issues + 1);
      const row = (metric: string, app: number, oracle: number): ExactnessRow => ({ report: `rules ${label} ${run}`, metric, app, oracle, difference: app - oracle });
      exactness.push(
        row('issues evaluated', p.evaluated, issuesTheRunReads(host, projectKey, new Set(stored.byIssueId.keys()))),
        row('issues whose flags were written', p.changed, wrote ?? stored.byIssueId.size),
      );
      return p;
    };
    // Before the first run no issue had a flag record: every record in storage is one it wrote.
    await checkRun('first run', null);
    figures.push(
      { name: `rules ${label}: first run after switching on, wall time`, value: round(firstRunMs, 0), unit: 'ms', note: 'settings.save with the rules on, then the flag-rules-runs consumer over the project' },
      { name: `rules ${label}: first run Jira requests`, value: firstRunRequests.length, unit: 'requests', note: Object.entries(countKinds(firstRunRequests)).map(([k, n]) => `${k} ×${n}`).join(', ') },
    );

    const { searchFlagIssues } = await import('../../src/flags/jira/flagIssues');
    const { jiraAsApp } = await import('../../src/platform/jira/jiraClient');
    const { evaluateRules, flagFieldIds, projectRuleSetup } = await import('../../src/flags/services/flagRuleRun');

    const { all, setup } = await runAsInvocation({ moduleKey: 'flag-daily-rules' }, async () => {
      const now = new Date();
      const ids = await flagFieldIds(now);
      const found = await searchFlagIssues(jiraAsApp(), { jql: `project = ${projectKey} ORDER BY key ASC`, ids, maxIssues: issues });
      return { all: found.issues, setup: await projectRuleSetup(projectKey, now) };
    });
    if (!setup) throw new Error('rules are not on in the bench project');
    if (all.length !== issues) throw new Error(`read ${all.length} issues of ${issues}`);

    const runs: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      for (const issue of all) evaluateRules(issue, setup);
      runs.push(performance.now() - started);
    }
    figures.push({
      name: `rules ${label}: evaluate + reconcile every issue`,
      value: round(percentile(runs, 50)),
      unit: 'ms',
      ...(issues === 10_000 ? { budget: EVALUATE_10K_BUDGET_MS } : {}),
      note: `median of 5 passes over ${all.length} issues, open and done; budget: 4% of a 25 s resolver call`,
    });
    host.takeRequests();

    const started = performance.now();
    const run = (await host.app.fireScheduledTrigger('flag-rules-daily')) as { projects: { evaluated: number; changed: number; truncated: boolean }[] };
    const ms = performance.now() - started;
    const made = host.takeRequests();
    const kinds = Object.entries(countKinds(made)).map(([k, n]) => `${k} ×${n}`).join(', ');
    const p = run.projects[0];
    // The same day as the first run, on the same issues: the daily run has nothing left to write.
    await checkRun('daily run', 0);
    figures.push(
      { name: `rules ${label}: daily run wall time`, value: round(ms, 0), unit: 'ms', budget: 600_000, note: `${p.evaluated} issues evaluated, ${p.changed} written${p.truncated ? ', truncated' : ''}; budget: the run's own DAILY_LIMITS.budgetMs` },
      { name: `rules ${label}: daily run Jira requests`, value: made.length, unit: 'requests', note: kinds },
    );
  } finally {
    await host.close();
  }
  return { figures, exactness };
});

/**
 * The issues a project's run reads, counted over the sandbox's own data with none of the app's
 * code: open issues, issues in an active sprint (scope creep reads whole sprints), and issues
 * carrying a flag record (so cleared conditions clear their flags).
 */
function issuesTheRunReads(host: Awaited<ReturnType<typeof startBenchHost>>, projectKey: string, recorded: ReadonlySet<string>): number {
  const site = host.sandbox.site;
  const project = site.projects.find((p) => p.key === projectKey)!;
  const done = new Set(site.statuses.filter((s) => s.statusCategory === 'done').map((s) => s.id));
  const active = new Set(site.sprints.filter((s) => s.state === 'active').map((s) => s.id));
  return site.issues.filter((i) => i.projectId === project.id && (!done.has(i.statusId) || i.sprintIds.some((id) => active.has(id)) || recorded.has(i.id))).length;
}
