/**
 * Report generation on a generated site: the Jira reading (src/reports/jira/reportFacts.ts, the same
 * steps the resolver and the queued job run), the requests it makes against the minimum the site
 * allows, its time at 0 ms of Jira latency, the domain build (CPU time), the Reports page's
 * Generate end to end at 150 ms of latency (the resolver call, and the queued job when it hands
 * over), and this process's peak memory. Scopes: the weekly report of the week of BENCH_TODAY
 * (what a PM runs every week), a custom year (the longest period the app allows), and — up to
 * 10k — that year with every issue of the project in scope (the domain build's 10k budget).
 *
 * The minimum, computed from the site (the sandbox answers the counts; the app's own requests are
 * what the bench logs): the project, the field list, the board list, ceil(sprints / 50) sprint
 * pages, ceil(issues in scope / 100) search pages, ceil(old children outside the scope of the open
 * epics and the epics with work in scope / 100) pages (at least one per 50 epics: a JQL names 50), one worklog page per issue in scope with more than 20 worklogs, ceil(people / 200)
 * name pages.
 *   node --import tsx test/bench/report.ts --size=10000
 */
import os from 'node:os';
import { DEMO_USERS } from '../../local/demo/people';
import { runAsInvocation } from '../../local/host/runtime';
import { benchMain, peakRssMB } from './child';
import { round, sizeLabel, type Figure } from './figures';
import { BENCH_TODAY, countKinds, startRemoteBenchHost, type RemoteBenchHost } from './host';
import { compareWithOracle } from './oracle';
import type { ExactnessRow } from './figures';
type ReportModel = import('../../src/reports/domain/model').ReportModel;

type GatherState = import('../../src/reports/jira/reportFacts').GatherState;
type ReportScope = import('../../src/reports/jira/reportFacts').ReportScope;

/** The domain build (facts → the audience's bounded model) of 10,000 issues in scope (issue 8). */
const BUILD_10K_BUDGET_MS = 300;
/** Requests a reading may make, as a multiple of the minimum (issue 8). */
const REQUEST_RATIO_BUDGET = 1.1;
const MEMORY_BUDGET_MB = 256;
/** A 50k-issue project's year, manager report, exact, from the click to the report at 150 ms of Jira latency (issue 17). */
const YEAR_50K_BUDGET_MS = 20_000;

interface Scenario {
  name: string;
  scope: ReportScope;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function scenarios(projectKey: string, historyDays: number): Scenario[] {
  const today = BENCH_TODAY.toISOString().slice(0, 10);
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const week = { from: monday, to: addDays(monday, 6) };
  const yearFrom = addDays(today, -365);
  const allFrom = addDays(today, -historyDays);
  const monthFrom = `${today.slice(0, 8)}01`;
  const monthTo = addDays(`${addDays(monthFrom, 31).slice(0, 8)}01`, -1);
  const lastMonthFrom = `${addDays(monthFrom, -1).slice(0, 8)}01`;
  return [
    { name: 'week', scope: { projectKey, period: week, previous: { from: addDays(monday, -7), to: addDays(monday, -1) }, next: { from: addDays(monday, 7), to: addDays(monday, 13) } } },
    { name: 'month', scope: { projectKey, period: { from: monthFrom, to: monthTo }, previous: { from: lastMonthFrom, to: addDays(monthFrom, -1) }, next: { from: addDays(monthTo, 1), to: addDays(`${addDays(monthTo, 32).slice(0, 8)}01`, -1) } } },
    { name: 'year', scope: { projectKey, period: { from: yearFrom, to: today }, previous: { from: addDays(yearFrom, -366), to: addDays(yearFrom, -1) }, next: { from: addDays(today, 1), to: addDays(today, 366) } } },
    // The longest period the Reports page allows (a year), with the period before it stretched over
    // the whole history: every issue of the project in scope, for the domain build's 10k budget.
    { name: 'all', scope: { projectKey, period: { from: yearFrom, to: today }, previous: { from: allFrom, to: addDays(yearFrom, -1) }, next: { from: addDays(today, 1), to: addDays(today, 366) } } },
  ];
}

async function sandboxCount(host: RemoteBenchHost, jql: string): Promise<number> {
  const res = await fetch(`${host.sandboxUrl}/rest/api/3/search/approximate-count`, {
    method: 'POST',
    headers: { Authorization: 'Bearer forge-app', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jql }),
  });
  if (!res.ok) throw new Error(`approximate-count answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { count: number }).count;
}

/** The fewest requests that can read this scope from this site (see the header). */
async function minimumRequests(host: RemoteBenchHost, state: GatherState): Promise<{ total: number; parts: string }> {
  const boards = host.stats.boardsByProject[state.scope.projectKey] ?? [];
  const sprintPages = boards.reduce((n, id) => n + Math.max(1, Math.ceil((host.stats.sprintsByBoard[id] ?? 0) / 50)), 0);
  const jql = state.jql!.replace(/\s+ORDER BY .*$/i, '');
  const inScope = await sandboxCount(host, jql);
  // After the scope's rows come the epics of in-scope work that the scope left out, then the old children of open epics.
  const beyond = state.issues.slice(Math.min(inScope, state.issues.length));
  const missingEpics = beyond.filter((i) => i.kind === 'epic').length;
  const epicChildren = beyond.length - missingEpics;
  const scoped = new Set(state.issues.slice(0, inScope).map((i) => i.key));
  const worklogPages = host.stats.manyWorklogs.filter((key) => scoped.has(key)).length;
  const people = new Set(state.worklogs.map((w) => w.author));
  for (const i of state.issues) if (i.ask) people.add(i.ask.client);
  const issuePages = Math.max(1, Math.ceil(inScope / 100));
  // The epics whose old children are read (open ones, and those with work in scope), 50 keys a JQL
  // (`parent in (…)`): at least one query per 50 epics, and one page per 100 children.
  const inScopeRows = state.issues.slice(0, inScope);
  const epics = new Set(inScopeRows.filter((i) => i.kind === 'epic' && i.statusCategory !== 'done').map((i) => i.key));
  for (const i of inScopeRows) if (i.parentIsEpic && i.parentKey) epics.add(i.parentKey);
  // Two dependent reads: the children query needs to know which epics there are.
  const epicPages = Math.ceil(missingEpics / 100) + Math.max(Math.ceil(epicChildren / 100), Math.ceil(epics.size / 50));
  const namePages = Math.ceil(people.size / 200);
  const fixed = 3; // project, field list, board list
  return {
    total: fixed + sprintPages + issuePages + epicPages + worklogPages + namePages,
    parts: `${fixed} setup + ${sprintPages} sprint + ${issuePages} issue (${inScope} in scope) + ${epicPages} epics (${missingEpics}) and their old children (${epicChildren}) + ${worklogPages} worklog + ${namePages} names`,
  };
}

/** The domain's part: Jira rows → facts → the manager's model, bounded (no I/O). */
async function buildFigure(name: string, scenario: Scenario, state: GatherState, siteIssues: number): Promise<Figure> {
  const { toReportFacts } = await import('../../src/reports/jira/reportFactsConvert');
  const { modelOf } = await import('../../src/reports/services/reportsGenerate');
  const { BUILT_IN_DEFAULTS } = await import('../../src/settings/domain/settings');
  const { calendarFromPlan } = await import('../../src/platform/domain/businessDays');
  const period = { kind: 'custom' as const, from: scenario.scope.period.from, to: scenario.scope.period.to };
  const ctx = { period, today: period.to, generatedAt: new Date().toISOString(), calendar: calendarFromPlan(BUILT_IN_DEFAULTS.communicationPlan), changesSetUp: false };
  // CPU time, not wall time: the build is synchronous, and the machine's other processes must not count.
  const runs: number[] = [];
  let issues = 0;
  let bytes = 0;
  for (let run = 0; run < 5; run += 1) {
    const started = process.cpuUsage();
    const facts = toReportFacts(state, ctx);
    const model = modelOf(facts, 'manager', BUILT_IN_DEFAULTS);
    const used = process.cpuUsage(started);
    runs.push((used.user + used.system) / 1000);
    issues = facts.issues.length;
    bytes = Buffer.byteLength(JSON.stringify(model));
  }
  runs.sort((a, b) => a - b);
  const judged = siteIssues === 10_000 && scenario.name === 'all';
  return {
    name: `${name}: domain build`,
    value: round(runs[2], 0),
    unit: 'ms',
    ...(judged ? { budget: BUILD_10K_BUDGET_MS } : {}),
    note: `${issues} issues in the facts → manager model of ${round(bytes / 1024, 0)} KiB (CPU time, median of 5)`,
  };
}

type Answer = { ok: true; data: any } | { ok: false; error: unknown };

/**
 * The Reports page's Generate, end to end at 150 ms of Jira latency: `reports.preview` as the PM
 * (it must answer within Forge's 25 s — with the model, or by handing over to a queued job), then,
 * for a job, the queue running its chunks until `reports.jobStatus` holds the model.
 */
async function generateFigures(host: RemoteBenchHost, name: string, projectKey: string, scenario: Scenario, siteIssues: number): Promise<{ figures: Figure[]; model: ReportModel }> {
  const { runAsInvocation: inApp } = await import('../../local/host/runtime');
  const { readJob } = await import('../../src/reports/store/reportJobStore');
  const call = async (functionKey: string, payload: Record<string, unknown>): Promise<any> => {
    const answer = (await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'liaison-project', functionKey, payload })) as Answer;
    if (!answer.ok) throw new Error(`${functionKey} answered ${JSON.stringify(answer.error)}`);
    return answer.data;
  };
  await host.setLatency(150);
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const period = { kind: 'custom', from: scenario.scope.period.from, to: scenario.scope.period.to };
    const first = await call('reports.preview', { projectKey, period, audience: 'manager' });
    const resolverMs = performance.now() - started;
    let how = 'the resolver answered with the report';
    let model = first as ReportModel;
    if (typeof first?.jobId === 'string') {
      await host.app.idle();
      const status = await call('reports.jobStatus', { projectKey, jobId: first.jobId });
      if (status.status !== 'done' || !status.model) throw new Error(`the report job ended ${status.status}: ${JSON.stringify(status.error)}`);
      model = status.model as ReportModel;
      const job = await inApp({ moduleKey: 'liaison-project' }, () => readJob(first.jobId));
      how = `handed to a queued job after ${Math.round(resolverMs / 100) / 10} s: ${job?.chunks} chunk(s), ${job?.progress.pagesDone} pages`;
    } else if (!first?.schema) {
      throw new Error(`reports.preview answered neither a report nor a job: ${JSON.stringify(first).slice(0, 200)}`);
    }
    const totalMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const appCpuMs = (used.user + used.system) / 1000;
    const made = host.takeRequests();
    const judged = siteIssues === 50_000 && scenario.name === 'year';
    return {
      model,
      figures: [
        { name: `${name}: reports.preview call, 150 ms latency`, value: round(resolverMs, 0), unit: 'ms', budget: 25_000, note: "Forge's resolver limit" },
        { name: `${name}: generate until the report, 150 ms latency`, value: round(totalMs, 0), unit: 'ms', ...(judged ? { budget: YEAR_50K_BUDGET_MS } : {}), note: `${how}${judged ? '; the 50k year must be exact (exactness table) and done within 20 s' : ''}` },
        // Where the wall time goes: the app's own CPU (this process) and Jira's latency; the rest is the sandbox's CPU and waiting for a core.
        { name: `${name}: generate, the app's CPU time`, value: round(appCpuMs, 0), unit: 'ms', note: `${made.length} Jira requests; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores when it ended` },
      ],
    };
  } finally {
    await host.setLatency(0);
  }
}

benchMain('report', async (args) => {
  const issues = Number(args.size ?? 1000);
  const label = sizeLabel(issues);
  // The periods the Reports page generates (week, month, year), counted by brute force in the sandbox's process.
  const periods = Object.fromEntries(scenarios('', 0).filter((s) => s.name !== 'all').map((s) => [s.name, s.scope.period]));
  const host = await startRemoteBenchHost(issues, periods);
  const figures: Figure[] = [];
  const exactness: ExactnessRow[] = [];
  try {
    const projectKey = Object.keys(host.stats.boardsByProject)[0];
    const sprints = Math.max(...Object.values(host.stats.sprintsByBoard));
    // Two-week sprints, and the project's set-up weeks before the first.
    // The whole-history scenario holds every issue in memory: it is the 10k budget's, not run at 50k.
    const only = args.periods ? new Set(args.periods.split(',')) : null;
    const all = scenarios(projectKey, sprints * 14 + 90).filter((s) => (s.name !== 'all' || issues <= 10_000) && (!only || only.has(s.name)));
    const { gatherReportData, gatherStep, initialGatherState } = await import('../../src/reports/jira/reportFacts');
    const { jiraAsApp } = await import('../../src/platform/jira/jiraClient');
    const { REPORT_JOB_LIMITS } = await import('../../src/reports/services/reportJobLimits');
    const asJob = (fn: () => Promise<GatherState>) => runAsInvocation({ moduleKey: 'report-jobs-consumer', budgetMs: 900_000 }, fn);
    // A job's reading: every step to the end, without the resolver's issue bound.
    const readWhole = (scope: ReportScope) =>
      asJob(async () => {
        let state: GatherState = initialGatherState(scope);
        for (let step = 0; step < 10_000 && state.step !== 'done'; step += 1) state = await gatherStep(jiraAsApp(), state, new Date());
        return state;
      });

    // The field list is cached per invocation container: read it once, as a warm container would have.
    await asJob(() => gatherReportData(jiraAsApp(), all[0].scope, new Date()));
    host.takeRequests();

    for (const scenario of all) {
      const name = `report ${label} ${scenario.name}`;
      await host.setLatency(0);
      const started = performance.now();
      const state = await readWhole(scenario.scope);
      const ms0 = performance.now() - started;
      const made = host.takeRequests();
      // The field list came from the warm cache; the minimum counts it once, so does the run.
      const requests = made.length + (made.some((r) => r.path.endsWith('/rest/api/3/field')) ? 0 : 1);
      const minimum = await minimumRequests(host, state);
      const kinds = Object.entries(countKinds(made)).map(([k, n]) => `${k} ×${n}`).join(', ');
      figures.push(
        { name: `${name}: Jira requests / minimum`, value: round(requests / minimum.total, 2), unit: 'x', budget: REQUEST_RATIO_BUDGET, note: `${requests} made (${kinds}); minimum ${minimum.total} = ${minimum.parts}` },
        { name: `${name}: read, 0 ms latency`, value: round(ms0, 0), unit: 'ms', note: `${state.issues.length} issues, ${state.worklogs.length} worklogs, ${state.pages} pages${state.truncated ? ' (truncated)' : ''}` },
      );
      figures.push(await buildFigure(name, scenario, state, issues));
      // The Reports page asks for the year's report with the year before as its previous period: 'all' would repeat 'year'.
      if (scenario.name !== 'all') {
        const generated = await generateFigures(host, name, projectKey, scenario, issues);
        figures.push(...generated.figures);
        const rows = compareWithOracle(generated.model, host.stats.oracle[scenario.name]);
        exactness.push(...rows.map((r) => ({ report: `${label} ${scenario.name}`, ...r })));
        const off = rows.reduce((n, r) => n + r.difference, 0);
        figures.push({ name: `${name}: difference from the brute-force count`, value: off, unit: 'count', budget: 0, note: `${rows.length} headline numbers of the manager report (exactness table); ${rows[0].app} issues, ${rows[1].app} points, ${rows[4].app} h done` });
      }
    }
    figures.push({
      name: `report ${label}: peak memory`,
      value: round(peakRssMB(), 0),
      unit: 'MB',
      ...(issues === 10_000 ? { budget: MEMORY_BUDGET_MB } : {}),
      note: `peak RSS of the app's process (Node, tsx, the app, its KVS and readings; the sandbox runs apart)${process.execArgv.some((a) => a.startsWith('--max-old-space-size')) ? ', V8 heap bounded as in a 256 MB function' : ''}`,
    });
  } finally {
    await host.close();
  }
  return { figures, exactness };
});
