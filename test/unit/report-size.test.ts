/**
 * A 10,000-issue generated site: each audience's report snapshot stays under 200 KiB (the KVS
 * value limit is 240 KiB), for a month and for a year-long custom period, with the totals still
 * exact (checked against counts taken straight from the site).
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { generateSite } from '../../local/demo/generate';
import { buildReport } from '../../src/reports/domain/build';
import { byteSize } from '../../src/reports/domain/bound';
import { REPORT_AUDIENCES, type ReportModel, type ReportPeriod, type ReportSnapshot } from '../../src/reports/domain/model';
import { customPeriod, periodOf } from '../../src/reports/domain/period';
import { siteFacts } from './report-site-facts';

const LIMIT = 200 * 1024;
const TODAY = new Date('2026-11-25T08:00:00Z');

function snapshotOf(model: ReportModel): ReportSnapshot {
  return {
    id: '00000000-0000-4000-8000-000000000000', projectKey: model.projectKey, period: model.period, audience: model.audience, status: 'draft',
    version: 1, generatedAt: model.generatedAt, generatedBy: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', model,
  };
}

describe('report size on a 10,000-issue site', () => {
  const site = generateSite({ issues: 10_000, seed: 11, today: TODAY });
  const doneIn = (period: ReportPeriod) => {
    const done = new Set(site.statuses.filter((s) => s.statusCategory === 'done').map((s) => s.id));
    const standard = new Set(site.issueTypes.filter((t) => !t.subtask && t.hierarchyLevel === 0).map((t) => t.id));
    return site.issues.filter((i) => standard.has(i.issueTypeId) && done.has(i.statusId) && i.resolutiondate !== null && i.resolutiondate.slice(0, 10) >= period.from && i.resolutiondate.slice(0, 10) <= period.to).length;
  };

  for (const period of [periodOf('month', site.today), customPeriod('2025-11-26', '2026-11-25')]) {
    test(`${period.kind} ${period.from}..${period.to}: every audience under 200 KiB, totals exact`, () => {
      const facts = siteFacts(site, { projectKey: 'SHOP', period, generatedAt: TODAY.toISOString(), liaison: { flagEvery: 10, askEvery: 15 } });
      assert.equal(facts.issues.length, 10_000);
      const expectedDone = doneIn(period);
      assert.ok(expectedDone > 100, `the period should hold real work, got ${expectedDone}`);
      for (const audience of REPORT_AUDIENCES) {
        const model = buildReport(facts, audience, { showCostsToClient: false });
        const bytes = byteSize(snapshotOf(model));
        console.log(`  ${period.kind} ${audience}: ${(bytes / 1024).toFixed(1)} KiB (${model.completed.total} completed, ${model.problems.flags.total} open flags, ${model.clientActions.asks.total} asks)`);
        assert.ok(bytes < LIMIT, `${audience}: ${bytes} bytes`);
        assert.equal(model.completed.total, expectedDone);
        // 10,000 issues / every 10th flagged = 1,000 open flags; a client sees every third: 334.
        assert.equal(model.problems.flags.total, audience === 'client' ? 334 : 1000);
        assert.ok(model.problems.flags.items.length <= 25);
        // Every 15th issue has a waiting ask: 667.
        assert.equal(model.clientActions.asks.total, 667);
      }
    });
  }
});
