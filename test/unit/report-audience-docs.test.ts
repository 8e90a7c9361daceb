/**
 * Issue 17, points 5 and 6: each audience's document (executive one page, client plain words with
 * "What we need from you" first, team per person), one status and narrative across audiences,
 * every issue linked to Jira, unique chart ids, axis titles, whole epic labels, page counts.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportModel } from '../../src/reports/domain/model';
import { buildReport, teamWork } from '../../src/reports/domain/build';
import { generateSite } from '../../local/demo/generate';
import { siteFacts } from './report-site-facts';
import { confluenceStorage, reportHtml, reportMarkdown, reportPdf } from '../../src/reports/export';
import { chartSvg } from '../../src/reports/export/charts/chartSvg';
import { reportDocument } from '../../src/reports/export/document';
import { clientReport, executiveReport, managerReport, teamReport } from './report-fixture';

const SITE = 'https://nova.atlassian.net';
const withSite = (m: ReportModel): ReportModel => ({ ...m, siteUrl: SITE });
/** Words a client must never read (issue 17). */
const INTERNAL_VOCABULARY = [/\bpoints?\b/i, /\bsprints?\b/i, /\bJQL\b/, /Manpower/i, /Left out/i, /Not in this report/i, /The rules say/i];

function text(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
}

describe('client documents', () => {
  const model = withSite(clientReport());
  test('start with "What we need from you" and hold no internal vocabulary', () => {
    const md = reportMarkdown(model);
    const html = reportHtml(model);
    const conf = confluenceStorage(model);
    assert.match(md, /^# .*\n\n.*\n.*\n\n## What we need from you/);
    assert.match(text(html), /^\s*[^#]*?Client report[\s\S]*?What we need from you/);
    assert.ok(html.indexOf('What we need from you') < html.indexOf('<h2 id="h-status"'));
    for (const [format, out] of Object.entries({ md, html: text(html), conf: conf.replace(/<[^>]+>/g, ' ') })) {
      for (const word of INTERNAL_VOCABULARY) assert.doesNotMatch(out, word, `${format}: ${word}`);
    }
  });
  test('the status shows no rules-vs-person line even when the PM overrode it', () => {
    const m = withSite(clientReport());
    m.status.override = { status: 'off-track', reason: 'x', by: 'Maya', at: '2026-11-01T10:00:00.000Z', byName: 'Maya' };
    m.status.effective = 'off-track';
    assert.doesNotMatch(reportMarkdown(m), /rules say|set off track/);
  });
  test('pending change requests are listed by name, with the answer date when set', () => {
    const m = withSite(clientReport());
    m.changes.pending = { items: [{ issueKey: 'NOVA-107', summary: 'Biometric login on web', step: 'Assessing', requestedAt: '2026-10-20', answerBy: '2026-11-06' }], total: 1 };
    const md = reportMarkdown(m);
    assert.ok(md.includes('## Change requests waiting for a decision'));
    assert.ok(md.includes('| [NOVA-107](https://nova.atlassian.net/browse/NOVA-107) | Biometric login on web | Assessing | 20 Oct 2026 | 6 Nov 2026 |'));
    assert.ok(md.indexOf('## What we need from you') < md.indexOf('## Change requests waiting'));
  });
});

describe('executive documents: the one-page sections only', () => {
  const model = withSite(executiveReport());
  const ONE_PAGE = ['Overall status', 'Workstreams', 'Schedule', 'Milestones', 'Decisions needed', 'Top risks', 'Next period'];
  test('HTML, Markdown and Confluence hold the same one-page sections', () => {
    const ids = reportDocument(model).sections.map((s) => s.title);
    assert.ok(ids.every((t) => ONE_PAGE.includes(t)), ids.join(', '));
    const md = reportMarkdown(model);
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ids);
    for (const out of [md, reportHtml(model), confluenceStorage(model)]) {
      for (const title of ['Deviation from plan', 'Completed work', 'Manpower input', 'Client actions pending', 'Expected progress next period']) assert.ok(!out.includes(title), title);
    }
  });
  test('says what was finished, never "nothing was completed" when issues were', () => {
    const md = reportMarkdown(model);
    assert.ok(model.completed.total > 0);
    assert.ok(!/nothing was completed/i.test(md));
    assert.ok(md.includes(`**Finished in the period:** ${model.completed.total} issues`));
  });
});

describe('team documents', () => {
  test('per-assignee work, blockers, review queue and due dates by person — not the manager report', () => {
    const team = teamWork(teamFacts(), 10);
    function teamFacts(): Parameters<typeof teamWork>[0] {
      return {
        projectKey: 'NOVA', projectName: 'Nova', period: { kind: 'week', from: '2026-11-02', to: '2026-11-08' }, today: '2026-11-06', generatedAt: '2026-11-06T10:00:00Z',
        calendar: { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [] }, sprints: [], worklogs: [], flags: [], asks: [], people: { a1: 'Priya Raman', a2: 'Ola Nordmann' },
        issues: [
          { key: 'NOVA-1', summary: 'Login', kind: 'standard', epicKey: null, created: '2026-10-01T00:00:00Z', doneAt: null, duedate: '2026-11-10', sprintSpans: [], assignee: 'a1', statusName: 'In Progress' },
          { key: 'NOVA-2', summary: 'Logout', kind: 'standard', epicKey: null, created: '2026-10-01T00:00:00Z', doneAt: null, duedate: null, sprintSpans: [], assignee: 'a2', statusName: 'In Review' },
          { key: 'NOVA-3', summary: 'Signup', kind: 'standard', epicKey: null, created: '2026-10-01T00:00:00Z', doneAt: '2026-11-03T09:00:00Z', duedate: null, sprintSpans: [], assignee: 'a1', statusName: 'Done' },
          { key: 'NOVA-4', summary: 'Help', kind: 'standard', epicKey: null, created: '2026-10-01T00:00:00Z', doneAt: null, duedate: '2026-12-30', sprintSpans: [], assignee: null, statusName: 'To Do' },
        ],
      };
    }
    assert.ok(team);
    // Facts read without assignees (an older reader): no team view rather than everyone "Unassigned".
    assert.equal(teamWork({ ...teamFacts(), issues: teamFacts().issues.map(({ assignee: _a, ...i }) => i) }, 10), undefined);
    // Capped: the rest are one Jira search away.
    const capped = teamWork(teamFacts(), 0);
    assert.equal(capped?.byPerson.find((p) => p.name === 'Priya Raman')?.open.jql, 'project = "NOVA" AND assignee = "a1" AND statusCategory != Done ORDER BY duedate');
    assert.equal(capped?.byPerson.find((p) => p.name === 'Unassigned')?.open.jql?.includes('assignee is EMPTY'), true);
    assert.deepEqual(team.byPerson.map((p) => [p.name, p.open.total, p.doneInPeriod, p.due.map((d) => d.key)]), [
      ['Ola Nordmann', 1, 0, []],
      ['Priya Raman', 1, 1, ['NOVA-1']],
      ['Unassigned', 1, 0, []],
    ]);
    assert.deepEqual(team.review.items.map((r) => [r.key, r.assignee]), [['NOVA-2', 'Ola Nordmann']]);
    const md = reportMarkdown(withSite({ ...teamReport(), team }));
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings.slice(0, 5), ['Overall status', 'Work by person', 'Blockers', 'Review queue', 'Upcoming due dates by person']);
    assert.notDeepEqual(headings, [...reportMarkdown(managerReport()).matchAll(/^## (.+)$/gm)].map((m) => m[1]));
    assert.ok(md.includes('| Priya Raman | 1 | 1 | [NOVA-1](https://nova.atlassian.net/browse/NOVA-1) Login (In Progress, due 10 Nov 2026) |'));
  });
});

describe('links to Jira', () => {
  for (const audience of ['manager', 'client', 'executive', 'team'] as const) {
    const model = withSite({ manager: managerReport, client: clientReport, executive: executiveReport, team: teamReport }[audience]());
    test(`${audience}: every issue key in HTML, Markdown and Confluence is a link or a Jira macro`, () => {
      const html = reportHtml(model).replace(/<style>[\s\S]*?<\/style>/, '').replace(/<title>.*<\/title>/, '').replace(/<svg[\s\S]*?<\/svg>/g, '');
      const bare = html.replace(/<a href="https:\/\/nova\.atlassian\.net\/[^"]*">[^<]*<\/a>/g, '');
      assert.doesNotMatch(bare, /NOVA-\d+/);
      assert.ok(/href="https:\/\/nova\.atlassian\.net\/browse\/NOVA-\d+"/.test(html));
      const md = reportMarkdown(model).replace(/\[NOVA-\d+\]\(https:\/\/nova\.atlassian\.net\/browse\/NOVA-\d+\)/g, '').replace(/\]\(https:\/\/nova\.atlassian\.net\/issues\/\?jql=[^)]*\)/g, ']');
      assert.doesNotMatch(md, /NOVA-\d+/);
      const conf = confluenceStorage(model);
      assert.ok(conf.includes('<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">NOVA-'));
      // A chart macro's data table holds category names for Confluence to draw, not links.
      const confBare = conf.replace(/<ac:structured-macro ac:name="chart">[\s\S]*?<\/ac:rich-text-body><\/ac:structured-macro>/g, '').replace(/<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">NOVA-\d+<\/ac:parameter><\/ac:structured-macro>/g, '').replace(/href="[^"]*"/g, '');
      assert.doesNotMatch(confBare, /NOVA-\d+/);
      assert.ok(conf.startsWith('<ac:structured-macro ac:name="details">'), 'a page-properties block so reports roll up');
    });
  }
});

describe('charts', () => {
  test('SVG ids are unique across a document', () => {
    const html = reportHtml(managerReport());
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length > 10);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    // Each chart's aria-labelledby points at its own title.
    const titles = [...html.matchAll(/<svg[^>]*aria-labelledby="([^ "]+) [^"]*"[\s\S]*?<title id="([^"]+)">/g)];
    assert.ok(titles.length >= 3);
    for (const [, labelled, title] of titles) assert.equal(labelled, title);
  });
  test('burn-up and sprint (velocity) charts have axis titles', () => {
    const burnUp = chartSvg(managerReport(), 'burnUp', { width: 600, height: 240 });
    assert.ok(burnUp.includes('>Story points<') && burnUp.includes('>Date<'));
    const sprints = chartSvg(managerReport(), 'sprints', { width: 600, height: 240 });
    assert.ok(sprints.includes('>Story points<') && sprints.includes('>Sprint<'));
  });
  test('epic names are shown whole (slanted), not cut to "SHO…"', () => {
    const m = managerReport();
    m.manpower!.byEpic = Array.from({ length: 9 }, (_, i) => ({ epicKey: `SHOP-${100 + i}`, epicSummary: `Epic ${i}`, hours: 10 + i, previousHours: 5 }));
    const svg = chartSvg(m, 'hoursByEpic', { width: 420, height: 220, fontSize: 12 });
    for (let i = 0; i < 9; i++) assert.ok(svg.includes(`>SHOP-${100 + i}<`), `SHOP-${100 + i}`);
    assert.ok(!svg.includes('SHO…'));
  });
});

describe('one status and one narrative across audiences', () => {
  test('the same override and narrative read the same in every audience\'s document', () => {
    const override = { status: 'off-track' as const, reason: 'The bank moved the go-live.', by: 'a1', at: '2026-11-01T10:00:00.000Z', byName: 'Maya' };
    const narrative = 'Payments is behind; everything else is on plan.';
    for (const make of [managerReport, executiveReport, teamReport, clientReport]) {
      const m = make();
      m.status = { ...m.status, override, effective: 'off-track' };
      m.narrative = { status: narrative };
      const md = reportMarkdown(m);
      assert.ok(md.includes('**Status: Off track**'), m.audience);
      assert.ok(md.includes(narrative.replace(/;/g, ';')), m.audience);
    }
  });
});

describe('PDF page counts', () => {
  test('every audience renders; the executive PDF is 1 page (pdfinfo)', async () => {
    // LIAISON_SCREENS_DIR keeps the PDFs, to render to PNG and look at.
    const dir = process.env.LIAISON_SCREENS_DIR ?? mkdtempSync(join(tmpdir(), 'liaison-pdf-'));
    const pages: Record<string, number> = {};
    for (const make of [executiveReport, managerReport, clientReport, teamReport]) {
      const m = withSite(make());
      const file = join(dir, `${m.audience}.pdf`);
      writeFileSync(file, await reportPdf(m));
      pages[m.audience] = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    }
    assert.equal(pages.executive, 1);
    for (const audience of ['manager', 'client', 'team']) assert.ok(pages[audience] >= 1);
  }, 60_000);

  test('a year on a 10,000-issue generated site: executive PDF 1 page (pdfinfo); executive HTML/Markdown the one-page sections; lists capped with a Jira link', async () => {
    const site = generateSite({ issues: 10000, seed: 7, today: new Date('2026-11-25T08:00:00Z') });
    const year = { kind: 'custom' as const, from: '2026-01-01', to: '2026-11-25' };
    const facts = { ...siteFacts(site, { projectKey: 'SHOP', period: year, generatedAt: '2026-11-25T08:00:00Z', liaison: { flagEvery: 20, askEvery: 25 } }), siteUrl: 'https://shop.atlassian.net' };
    const dir = process.env.LIAISON_SCREENS_DIR ?? mkdtempSync(join(tmpdir(), 'liaison-pdf-'));
    for (const audience of ['executive', 'client', 'team'] as const) {
      const model = buildReport(facts, audience, { showCostsToClient: false });
      const file = join(dir, `shop-year-${audience}.pdf`);
      writeFileSync(file, await reportPdf(model));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
      if (audience === 'executive') {
        assert.equal(pages, 1);
        const md = reportMarkdown(model);
        assert.deepEqual([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]).filter((t) => !['Overall status', 'Workstreams', 'Schedule', 'Milestones', 'Decisions needed', 'Top risks', 'Next period'].includes(t)), []);
        assert.ok(md.split('\n').length < 120, `${md.split('\n').length} lines`);
      } else {
        // Long lists are capped and link to Jira instead of listing thousands of rows.
        assert.ok(pages <= 6, `${audience}: ${pages} pages`);
      }
      if (audience === 'client') for (const word of INTERNAL_VOCABULARY) assert.doesNotMatch(reportMarkdown(model), word, String(word));
    }
  }, 240_000);
});
