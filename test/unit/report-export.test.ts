/**
 * Report exports other than PDF (report-export-pdf.test.ts): Markdown, self-contained HTML,
 * CSV per table, Confluence storage format, file names, and that a client's exports hold no
 * internal data. Numbers come from test/unit/report-fixture.ts (its arithmetic is in its header).
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { REPORT_SECTION_TITLES, REPORT_SECTIONS } from '../../src/reports/domain/model';
import { confluenceStorage, confluenceTitle, exportFilename, exportReport, reportCsv, reportHtml, reportMarkdown, REPORT_TABLES, SECTION_TABLES, tablesOf } from '../../src/reports/export';
import { sprintLabels } from '../../src/reports/export/charts/ReportCharts';
import { clientSafe } from '../../src/reports/domain/clientSafe';
import { parseCsv } from './csv-reader';
import { clientReport, executiveReport, INTERNAL_MARKERS, managerReport } from './report-fixture';

describe('the fixture adds up', () => {
  test('headline, sprints, completed work and hours agree', () => {
    const m = managerReport();
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    assert.equal(sum(m.progress.sprints.map((s) => s.committedIssues)), m.headline.committedIssues); // 18 + 20 + 19 = 57
    assert.equal(sum(m.progress.sprints.map((s) => s.completedPoints)), m.headline.completedPoints); // 38 + 35 + 18 = 91
    assert.equal(sum(m.completed.byEpic.map((g) => g.issues.total)), m.completed.total); // 41
    assert.equal(sum(m.manpower!.byPerson!.map((p) => p.hours)), m.manpower!.totalHours); // 612.5
    assert.equal(sum(m.manpower!.byEpic.map((e) => e.previousHours)), m.manpower!.previousTotalHours); // 574
  });
});

describe('Markdown', () => {
  const md = reportMarkdown(managerReport());

  test('has every section title and the headline numbers', () => {
    for (const section of REPORT_SECTIONS) assert.ok(md.includes(`## ${REPORT_SECTION_TITLES[section]}`), section);
    assert.ok(md.includes('**Status: At risk**'));
    // "Committed done" is of the committed work only (36 / 57 = 63.2%, 80 / 126 = 63.5%), never the
    // 41 issues / 91 points finished in the period, which include work added after planning.
    assert.ok(md.includes('**Committed issues done:** 36 of 57 (63%)'));
    assert.ok(md.includes('**Committed points done:** 80 of 126 (63%)'));
    assert.ok(md.includes('**Finished in the period (planned or not):** 41 issues, 91 points'));
    assert.ok(!md.includes('41 of 57'), 'completed work is not passed off as committed work done');
    assert.ok(md.includes('**Hours logged:** 612.5'));
    assert.ok(md.includes('**Change:** +38.5 (+7%)')); // 612.5 − 574 = 38.5; 38.5 / 574 = 6.7%
    assert.ok(md.includes('**Expected story points:** 33–39 points (from the last 3 closed sprints)'));
  });

  test('tables are pipe tables with right-aligned numbers', () => {
    assert.ok(md.includes('| Sprint | State | Start | End | Committed issues | Committed issues done | Issues done incl. added | Committed points | Committed points done | Points done incl. added |'));
    assert.ok(md.includes('| NOVA Sprint 12 | closed | 12 Oct 2026 | 23 Oct 2026 | 20 | 14 | 16 | 44 | 31 | 35 |'));
    assert.ok(md.includes('| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'));
    assert.ok(md.includes('| Priya Raman | 118.5 | 112 | +6.5 |'));
  });

  test('a capped list says how many there are and how to find them all', () => {
    // The rest are a link to Jira's search (issue 17: long lists link to Jira rather than list every row).
    const linked = reportMarkdown({ ...managerReport(), siteUrl: 'https://nova.atlassian.net' });
    assert.ok(linked.includes(`_Showing 5 of 12._ [All 12 in Jira](https://nova.atlassian.net/issues/?jql=${encodeURIComponent('project = NOVA AND sprint in (111, 112, 113) AND statusCategory != Done').replace(/\)/g, '%29')})`));
    assert.ok(md.includes('_Showing 5 of 12._'));
  });

  test('text from Jira cannot become markup', () => {
    const model = managerReport();
    model.deviation.notDone.items[0].summary = 'Pipe | and <img src=x onerror=alert(1)> and *bold*';
    const out = reportMarkdown(model, 'deviation');
    assert.ok(out.includes('Pipe \\| and \\<img src=x onerror=alert(1)\\> and \\*bold\\*'));
    assert.doesNotMatch(out, /(?<!\\)<img/); // only as escaped text
  });

  test('one section on its own holds only that section', () => {
    const out = reportMarkdown(managerReport(), 'changes');
    assert.ok(out.includes('## Change requests'));
    assert.ok(out.includes('| NOVA-101 | Add Apple Pay provisioning | Approved as a paid change | €18,500 | 8 |'));
    assert.ok(!out.includes('## Progress'));
    assert.ok(!out.includes('## Overall status'));
  });
});

describe('HTML', () => {
  const html = reportHtml(managerReport());

  test('is self-contained: no URL, no script, no external resource', () => {
    assert.doesNotMatch(html, /https?:|\/\/[a-z]/i);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(/i);
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.match(html, /<style>[\s\S]+<\/style>/);
  });

  test('holds the charts as inline SVG with their numbers described', () => {
    // Sprints, burn-up, epic completion, hours per epic (visx wraps each axis label in an <svg> too).
    const charts = html.match(/<svg[^>]*role="img"[^>]*data-testid="chart-[a-z-]+"/g) ?? [];
    assert.deepEqual(charts.map((c) => /chart-[a-z-]+/.exec(c)?.[0]), ['chart-sprints', 'chart-burn-up', 'chart-epics', 'chart-hours-epic']);
    assert.ok(html.includes('data-testid="chart-sprints"'));
    assert.ok(html.includes('data-testid="chart-burn-up"'));
    assert.ok(html.includes('NOVA Sprint 13: 13 of 42 committed points done; 18 points done including work added after the start'));
    assert.ok(html.includes('scope went from 150 to 172 story points, done from 52 to 143'));
    // Bars are drawn: three sprints × three series (committed, done of committed, done incl. added).
    const sprintSvg = html.slice(html.indexOf('data-testid="chart-sprints"'), html.indexOf('data-testid="chart-burn-up"'));
    assert.equal((sprintSvg.match(/<rect class="visx-bar"/g) ?? []).length, 9);
    for (const legend of ['>Committed<', '>Done of committed<', '>Done incl. added<']) assert.ok(sprintSvg.includes(legend), legend);
  });

  test('has every section and the numbers', () => {
    for (const section of REPORT_SECTIONS) assert.ok(html.includes(`>${REPORT_SECTION_TITLES[section]}</h2>`), section);
    assert.ok(html.includes('<span class="value">36 of 57 (63%)</span>'));
    assert.ok(html.includes('<td class="num">142.5</td>'));
    assert.ok(html.includes('<td>Transfer limits by customer tier</td>'));
  });

  test('escapes text from Jira', () => {
    const model = managerReport();
    model.projectName = 'Nova <script>alert(1)</script>';
    const out = reportHtml(model, 'status');
    assert.ok(!out.includes('<script>'));
    assert.ok(out.includes('Nova &lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});

describe('CSV', () => {
  test('every table of the manager report parses with its rows', () => {
    const m = managerReport();
    const expectedRows: Record<string, number> = {
      'progress-sprints': 3, epics: 4, 'burn-up': 9, 'not-done': 5, 'missed-due': 3, 'scope-added': 5,
      completed: 12, // 3 + 2 + 2 + 2 + 3 listed items
      'manpower-person': 6, 'manpower-epic': 5, flags: 4, 'client-delays': 2, asks: 3, changes: 3, 'forecast-planned': 5, 'forecast-due': 3,
    };
    assert.deepEqual(tablesOf(m), [...REPORT_TABLES]);
    for (const table of REPORT_TABLES) {
      const rows = parseCsv(reportCsv(m, table));
      assert.equal(rows.length - 1, expectedRows[table], table);
      assert.ok(rows.every((r) => r.length === rows[0].length), `${table}: ragged rows`);
    }
  });

  test('values are raw: numbers and ISO dates', () => {
    const m = managerReport();
    assert.deepEqual(parseCsv(reportCsv(m, 'progress-sprints'))[1], ['NOVA Sprint 11', 'closed', '2026-09-28', '2026-10-09', '18', '16', '17', '40', '36', '38']);
    assert.deepEqual(parseCsv(reportCsv(m, 'manpower-person'))[3], ['Mei Chen', '96', '101.5', '-5.5']); // a negative number is data, not a formula
    assert.deepEqual(parseCsv(reportCsv(m, 'changes'))[0], ['Issue', 'Summary', 'Outcome', 'Price', 'Currency', 'Schedule days']);
    assert.deepEqual(parseCsv(reportCsv(m, 'changes'))[1], ['NOVA-101', 'Add Apple Pay provisioning', 'Approved as a paid change', '18500', 'EUR', '8']);
    assert.deepEqual(parseCsv(reportCsv(m, 'completed'))[12], ['', 'No epic', 'NOVA-82', 'Sentry alert routing', '2']);
    assert.deepEqual(parseCsv(reportCsv(m, 'asks'))[1], ['NOVA-91', 'Ingrid Halvorsen', 'Approve the transfer-limit matrix per customer tier', '2026-10-23', '6', 'Transfer limits by customer tier']);
  });

  test('a table the audience does not have is refused, an unknown one too', () => {
    assert.throws(() => reportCsv(executiveReport(), 'manpower-person'), { code: 'NOT_FOUND' });
    assert.throws(() => reportCsv(clientReport(), 'manpower-epic'), { code: 'NOT_FOUND' });
    assert.throws(() => reportCsv(managerReport(), 'salaries'), { code: 'VALIDATION' });
  });

  test('every table belongs to one section', () => {
    const listed = Object.values(SECTION_TABLES).flatMap((tables) => tables.map((t) => t.table));
    assert.deepEqual([...listed].sort(), [...REPORT_TABLES].sort());
  });
});

describe('client audience', () => {
  test('no export of a client report holds internal data', async () => {
    const model = clientReport();
    const manager = managerReport();
    const texts = [reportMarkdown(model), reportHtml(model), confluenceStorage(model), ...tablesOf(model).map((t) => reportCsv(model, t))];
    for (const marker of INTERNAL_MARKERS) {
      assert.ok(reportMarkdown(manager).includes(marker) || reportHtml(manager).includes(marker), `the manager report shows "${marker}"`);
      for (const text of texts) assert.ok(!text.includes(marker), `client export leaks "${marker}"`);
    }
    assert.deepEqual(tablesOf(model).filter((t) => t.startsWith('manpower')), []);
    // Costs hidden: the decisions table has no Price column.
    assert.ok(reportMarkdown(model).includes('| Request | What | Decision | Days added |'));
    // Issue 17: nothing about what was left out, no empty Manpower heading.
    const file = (await exportReport(model, { format: 'markdown' })).content.toString('utf8');
    assert.ok(!file.includes('Manpower') && !file.includes('Not in this report'));
  });

  test('exports of the domain\'s clientSafe(model) hold no internal data', () => {
    const model = clientSafe(managerReport(), { showCostsToClient: false });
    // The NOVA-95 note is client-visible flag's internal note: the builder drops it, clientSafe keeps notes it is given.
    const markers = INTERNAL_MARKERS.filter((m) => !m.startsWith('Client unsure'));
    for (const text of [reportMarkdown(model), reportHtml(model), confluenceStorage(model), ...tablesOf(model).map((t) => reportCsv(model, t))]) {
      for (const marker of markers) assert.ok(!text.includes(marker), `leaks "${marker}"`);
    }
    assert.ok(reportMarkdown(model).includes('| NOVA-91 | Transfer limits by customer tier | Blocked on client |'));
  });

  test('a client model that still carried hours shows none of them', () => {
    const leaky = { ...managerReport(), audience: 'client' as const };
    for (const text of [reportMarkdown(leaky), reportHtml(leaky), confluenceStorage(leaky)]) {
      assert.ok(!text.includes('Priya Raman'));
      assert.ok(!text.includes('612.5'));
      assert.ok(!text.includes('Unpaid effort'));
    }
  });
});

describe('who set the status', () => {
  test('every export names the person who overrode the status, never their account id', () => {
    const model = managerReport();
    model.status.override = { status: 'off-track', reason: 'The bank moved the go-live', by: '5b10ac8d82e05b22cc7d4ef5', at: '2026-11-01T10:00:00.000Z', byName: 'Ana Lima' };
    model.status.effective = 'off-track';
    const texts = { markdown: reportMarkdown(model), html: reportHtml(model), confluence: confluenceStorage(model) };
    for (const [format, text] of Object.entries(texts)) {
      assert.ok(text.includes('Ana Lima set off track on 1 Nov 2026'), format);
      assert.ok(!text.includes('5b10ac8d82e05b22cc7d4ef5'), `${format} prints the account id`);
    }
    // A model saved before names were kept says who by role.
    delete model.status.override.byName;
    const md = reportMarkdown(model);
    assert.ok(md.includes('the project manager set off track'));
    assert.ok(!md.includes('5b10ac8d82e05b22cc7d4ef5'));
  });
});

describe('Confluence storage format', () => {
  const page = confluenceStorage(managerReport());

  test('uses the status, info and chart macros and well-formed tables', () => {
    assert.ok(page.includes('<ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Yellow</ac:parameter><ac:parameter ac:name="title">At risk</ac:parameter></ac:structured-macro>'));
    assert.ok(page.includes('<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">From the project manager</ac:parameter>'));
    assert.equal((page.match(/ac:name="chart"/g) ?? []).length, 3); // sprints, burn-up, hours per epic
    assert.ok(page.includes('<tr><td>Sprint 11</td>') === false);
    // Committed, done of committed, done incl. added (as in the PDF and HTML charts).
    assert.ok(page.includes('<tr><td>NOVA Sprint 11</td><td>40</td><td>36</td><td>38</td></tr>'));
    for (const section of REPORT_SECTIONS) assert.ok(page.includes(`<h2>${REPORT_SECTION_TITLES[section]}</h2>`));
    // Every opened element is closed (storage format is XML).
    for (const tag of ['table', 'tr', 'td', 'th', 'ul', 'li', 'p', 'h2', 'h3', 'ac:structured-macro', 'ac:rich-text-body']) {
      assert.equal((page.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length, (page.match(new RegExp(`</${tag}>`, 'g')) ?? []).length, tag);
    }
    assert.doesNotMatch(page, /&(?!amp;|lt;|gt;|quot;|#39;)/);
  });

  test('title names project, audience and period', () => {
    assert.equal(confluenceTitle(managerReport()), 'Nova Banking Portal — Management report — October 2026');
  });
});

describe('file names and requests', () => {
  test('liaison-<PROJECT>-<audience>-<from>_<to>[-<part>].<ext>', async () => {
    assert.equal(exportFilename(managerReport(), 'pdf'), 'liaison-NOVA-manager-2026-10-01_2026-10-31.pdf');
    const csv = await exportReport(managerReport(), { format: 'csv', table: 'asks' });
    assert.equal(csv.filename, 'liaison-NOVA-manager-2026-10-01_2026-10-31-asks.csv');
    assert.equal(csv.mimeType, 'text/csv; charset=utf-8');
    const md = await exportReport(clientReport(), { format: 'markdown', section: 'clientActions' });
    assert.equal(md.filename, 'liaison-NOVA-client-2026-10-01_2026-10-31-clientActions.md');
    await assert.rejects(exportReport(managerReport(), { format: 'csv' }), { code: 'VALIDATION' });
    await assert.rejects(exportReport(managerReport(), { format: 'html', section: 'salaries' as never }), { code: 'VALIDATION' });
  });

  test('sprint axis labels drop the words all sprints share', () => {
    assert.deepEqual(sprintLabels(['NOVA Sprint 11', 'NOVA Sprint 12']), ['Sprint 11', 'Sprint 12']);
    assert.deepEqual(sprintLabels(['Alpha', 'Beta']), ['Alpha', 'Beta']);
    assert.deepEqual(sprintLabels(['NOVA Sprint 11']), ['NOVA Sprint 11']);
  });
});
