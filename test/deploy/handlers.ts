/**
 * One pass over every function manifest.yml names, each called through the signature Forge calls it
 * with (the app host's invoke / runFunction / runWebtrigger / scheduled trigger / queue delivery),
 * against the demo sandbox. The deploy test runs it on src/ in the test process and on the bundle
 * Forge's bundler built in a fresh Node process, and compares the answers.
 *
 * The answers are normalised (times, ids, tokens) so that two runs on the same site compare equal.
 */
import assert from 'node:assert/strict';
import { CHANGE_STATUS_IDS } from '../../local/demo/changeRequests';
import { DEMO_USERS } from '../../local/demo/site';
import { forgeQueue } from '../../local/host/runtime';
import type { TestHost } from '../../local/host/testing';

const PROJECT_PAGE = 'liaison-project';
const { pm, clientPo, dev1 } = DEMO_USERS;

export interface ScenarioResult {
  /** Answers by step, normalised. */
  answers: Record<string, unknown>;
  /** The manifest function keys the steps reached (consumers: through queue deliveries). */
  functionsCalled: string[];
}

type Answer = { ok: boolean; data?: any; error?: { code: string; message: string } };

/** The handoff to the queued job at once, so reports.preview goes through the consumer (src/reports/services/reportJobLimits.ts). */
export const SCENARIO_ENV = { LIAISON_REPORT_HANDOFF_MS: '0' };

export async function runHandlerScenario(host: TestHost): Promise<ScenarioResult> {
  for (const [k, v] of Object.entries(SCENARIO_ENV)) process.env[k] = v;
  forgeQueue().delayScale = 0;
  const answers: Record<string, unknown> = {};
  const called = new Set<string>();
  const resolverFunction = (moduleKey: string) => (host.app.manifest.moduleByKey(moduleKey)!.raw.resolver as { function: string }).function;
  const call = async (step: string, accountId: string, functionKey: string, payload: Record<string, unknown>, moduleKey = PROJECT_PAGE): Promise<Answer> => {
    called.add(resolverFunction(moduleKey));
    const answer = (await host.app.invoke({ accountId, moduleKey, functionKey, payload })) as Answer;
    answers[step] = answer;
    return answer;
  };
  const run = async (step: string, functionKey: string, event: unknown) => {
    called.add(functionKey);
    answers[step] = await host.app.runFunction(functionKey, event);
  };
  const fire = async (step: string, moduleKey: string) => {
    called.add(host.app.manifest.scheduledTriggers.find((t) => t.key === moduleKey)!.function);
    answers[step] = await host.app.fireScheduledTrigger(moduleKey);
  };
  const open = async (step: string, moduleKey: string, token: string) => {
    called.add(host.app.manifest.webtriggers.find((w) => w.key === moduleKey)!.function);
    const page = await host.app.runWebtrigger(moduleKey, { method: 'GET', path: `/x1/${moduleKey}`, body: '', headers: {}, queryParameters: { t: [token] } });
    answers[step] = page;
    return page;
  };

  // Resolvers (`handler(event, runtime)` of @forge/resolver): a read, a refusal, bad input, a write.
  const settings = await call('settings.get as the PM', pm, 'settings.get', { projectKey: 'SHOP' });
  assert.equal(settings.ok, true, JSON.stringify(settings));
  await call('settings.get as a client', clientPo, 'settings.get', { projectKey: 'SHOP' });
  await call('settings.save with bad input', pm, 'settings.save', { projectKey: 'SHOP', version: 'seven' });
  const saved = await call('settings.save: sharing on', pm, 'settings.save', { projectKey: 'SHOP', version: settings.data.version, ...settings.data.settings, sharing: { enabled: true } });
  assert.equal(saved.ok, true, JSON.stringify(saved));
  // The red flag rules: the dry run, then switched on, which queues one run of them (the flag-rules-runs consumer).
  await call('flags.dryRun', pm, 'flags.dryRun', { projectKey: 'SHOP', on: true, flagThresholds: settings.data.settings.flagThresholds });
  const rulesOn = await call('settings.save: red flag rules on', pm, 'settings.save', { projectKey: 'SHOP', version: saved.data.version, ...saved.data.settings, redFlagRules: { on: true } });
  assert.equal(rulesOn.data?.rulesRun, 'queued', JSON.stringify(rulesOn).slice(0, 500));
  await host.app.idle();
  const rulesConsumer = host.app.manifest.consumers.find((c) => c.queue === 'flag-rules-runs')!;
  const ruleRuns = forgeQueue().deliveries.filter((d) => d.queueName === rulesConsumer.queue);
  if (ruleRuns.length) called.add(rulesConsumer.function);
  answers['flag-rules-runs deliveries'] = ruleRuns.map((d) => ({ outcome: d.outcome, result: d.result }));

  // Last week's client report, read by the queue consumer (the preview hands off at once), saved, exported, published and shared.
  const period = lastWeek(new Date());
  const preview = await call('reports.preview (handed to the queue)', pm, 'reports.preview', { projectKey: 'SHOP', period, audience: 'client' });
  assert.equal(preview.ok, true, JSON.stringify(preview));
  const jobId = preview.data.jobId as string;
  assert.ok(jobId, `reports.preview did not hand off: ${JSON.stringify(preview).slice(0, 300)}`);
  await host.app.idle();
  const consumer = host.app.manifest.consumers.find((c) => c.queue === 'report-jobs')!;
  const deliveries = forgeQueue().deliveries.filter((d) => d.queueName === consumer.queue);
  if (deliveries.length) called.add(consumer.function);
  answers['report-jobs deliveries'] = deliveries.map((d) => ({ outcome: d.outcome, result: d.result }));
  const job = await call('reports.jobStatus', pm, 'reports.jobStatus', { projectKey: 'SHOP', jobId });
  assert.equal(job.data?.status, 'done', JSON.stringify(job).slice(0, 500));
  const draft = await call('reports.saveDraft from the job', pm, 'reports.saveDraft', { projectKey: 'SHOP', period, audience: 'client', jobId });
  assert.equal(draft.ok, true, JSON.stringify(draft).slice(0, 500));
  // The exports: HTML (the client's has no charts: what we need from them comes first) and the PDF (pdfkit, its fonts bundled).
  const html = await call('reports.export html', pm, 'reports.export', { projectKey: 'SHOP', reportId: draft.data.id, format: 'html' });
  assert.match(Buffer.from(html.data.base64, 'base64').toString('utf8'), /What we need from you/, 'the client HTML export leads with what we need from the client');
  // The manager's report carries charts: React's server renderer and visx run inside the bundle.
  const managerPreview = await call('reports.preview manager (handed to the queue)', pm, 'reports.preview', { projectKey: 'SHOP', period, audience: 'manager' });
  await host.app.idle();
  const managerDraft = await call('reports.saveDraft manager', pm, 'reports.saveDraft', { projectKey: 'SHOP', period, audience: 'manager', jobId: managerPreview.data.jobId });
  assert.equal(managerDraft.ok, true, JSON.stringify(managerDraft).slice(0, 500));
  const managerHtml = await call('reports.export html manager', pm, 'reports.export', { projectKey: 'SHOP', reportId: managerDraft.data.id, format: 'html' });
  assert.match(Buffer.from(managerHtml.data.base64, 'base64').toString('utf8'), /<svg/, 'the manager HTML export has its charts');
  const pdf = await call('reports.export pdf', pm, 'reports.export', { projectKey: 'SHOP', reportId: draft.data.id, format: 'pdf' });
  const pdfBytes = Buffer.from(pdf.data.base64, 'base64');
  assert.equal(pdfBytes.subarray(0, 5).toString('latin1'), '%PDF-');
  // A PDF carries its creation time: compare what it says, not its bytes.
  const pages = (pdfBytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  assert.ok(pages > 0, 'the PDF has pages');
  answers['reports.export pdf'] = { ok: pdf.ok, filename: pdf.data.filename, mimeType: pdf.data.mimeType, pages };
  const published = await call('reports.publish', pm, 'reports.publish', { projectKey: 'SHOP', reportId: draft.data.id, version: draft.data.version });
  assert.equal(published.ok, true, JSON.stringify(published).slice(0, 500));
  const share = await call('shares.create', pm, 'shares.create', { projectKey: 'SHOP', reportId: draft.data.id, expiresInDays: 7 });
  assert.equal(share.ok, true, JSON.stringify(share).slice(0, 500));
  // A link's id is random (base64url, newShareId).
  answers['shares.create'] = { ...share, data: { ...share.data, id: '<share id>' } };

  // The web trigger (`handler(request, context)`): the live link, and a tampered one.
  const url = new URL(share.data.url as string);
  const token = url.searchParams.get('t')!;
  const live = await open('report-share: the link', url.pathname.split('/').pop()!, token);
  assert.equal(live.statusCode, 200);
  await open('report-share: a tampered link', 'report-share', `${token.slice(0, -2)}xx`);

  // Workflow rules: the validator refuses a step the change request is not ready for; the post function records a step.
  const change = host.sandbox.site.issues.find((i) => i.statusId === CHANGE_STATUS_IDS.acknowledged);
  assert.ok(change, 'the demo site has an acknowledged change request');
  await run('change-validator: approve without a decision', 'change-validator', {
    issue: { key: change.key },
    transition: { from: { id: CHANGE_STATUS_IDS.acknowledged }, to: { id: CHANGE_STATUS_IDS.approved } },
  });
  await run('change-post-function', 'change-post-function', {
    issue: { id: change.id, key: change.key },
    transition: { from: { id: CHANGE_STATUS_IDS.logged }, to: { id: CHANGE_STATUS_IDS.acknowledged }, transitionId: '11', transitionName: 'Acknowledge' },
    atlassianId: dev1,
  });

  // The product event trigger and both scheduled triggers.
  const shop = host.sandbox.site.issues.find((i) => i.key === 'SHOP-1')!;
  await run('flag-issue-trigger: SHOP-1 updated', 'flag-issue-trigger', {
    eventType: 'avi:jira:updated:issue',
    issue: { id: shop.id, key: shop.key, fields: { project: { key: 'SHOP' } } },
    atlassianId: dev1,
  });
  // The lifecycle trigger (installed / upgraded): the one-time move of Liaison's Jira data into its records.
  await run('trust-migration-now: the app upgraded', 'trust-migration-now', { eventType: 'avi:forge:upgraded:app', context: { cloudId: 'sandbox' } });
  await fire('trust-migration-daily', 'trust-migration-daily');
  await fire('flag-rules-daily', 'flag-rules-daily');
  await fire('report-schedule', 'report-schedule');
  await call('reminders.preview', pm, 'reminders.preview', { projectKey: 'SHOP', date: new Date().toISOString().slice(0, 10) });
  await call('home.work', pm, 'home.work', {});
  await call('home.work for SHOP (the project landing)', pm, 'home.work', { projectKey: 'SHOP' });
  await fire('reminders-hourly', 'reminders-hourly');
  await host.app.idle();

  return { answers: normalise(answers) as Record<string, unknown>, functionsCalled: [...called].sort() };
}

/** Monday to Sunday of the week before `today`'s (UTC). */
function lastWeek(today: Date): { kind: 'week'; from: string; to: string } {
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const monday = day - (((today.getUTCDay() + 6) % 7) + 7) * 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { kind: 'week', from: iso(monday), to: iso(monday + 6 * 86_400_000) };
}

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SHARE_TOKEN = /([?&]t=)[^"&\s<]+/g;
/** Each run's sandbox listens on its own port; reports link to issues on it. */
const SANDBOX_SITE = /http:\/\/127\.0\.0\.1:\d+/g;
/** "Generated 7 Dec 2026, 02:20" in exported and shared reports. */
const SHOWN_TIME = /\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\b/g;

/** Times, ids, share tokens and the sandbox's port differ from run to run; the rest of an answer must not. Text exports are compared as text. */
export function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ISO_TIME, '<time>').replace(SHOWN_TIME, '<time>').replace(UUID, '<id>').replace(SHARE_TOKEN, '$1<token>').replace(SANDBOX_SITE, '<site>');
  if (Array.isArray(value)) return value.map(normalise);
  const file = value as { base64?: unknown; mimeType?: unknown } | null;
  if (file && typeof file.base64 === 'string' && typeof file.mimeType === 'string' && file.mimeType.startsWith('text/')) {
    const { base64, ...rest } = file;
    return normalise({ ...rest, text: Buffer.from(base64, 'base64').toString('utf8') });
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}
