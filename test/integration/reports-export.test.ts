/**
 * Report exports through `reports.export` (PDF read back with pdftotext, Markdown, self-contained
 * HTML, CSV per table, a section on its own) and `reports.toConfluence` (a page written to the
 * local host's Confluence, readable at the URL answered), for the fixture site's manager report
 * and a published client report.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PEOPLE, DEMO_USERS } from '../../local/demo/site';
import { installForgeRuntime, sandboxJiraTarget, type JiraTarget } from '../../local/host/runtime';
import type { TestHost } from '../../local/host/testing';
import { CONFLUENCE_UNAVAILABLE } from '../../src/reports/jira/confluencePages';
import { REPORT_SECTION_TITLES, type ReportSnapshot } from '../../src/reports/domain/model';
import { parseCsv } from '../unit/csv-reader';
import { callerFrom, ok, PORTAL, PROJECT_PAGE, refused } from './support';
import { d, startFixtureHost } from './reports-support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
let manager: ReportSnapshot;
let client: ReportSnapshot;
let dir: string;
const week = { kind: 'week', date: d(-12) };
const file = (answer: { base64: string }) => Buffer.from(answer.base64, 'base64');

beforeAll(async () => {
  host = await startFixtureHost();
  call = callerFrom(host, PROJECT_PAGE);
  dir = mkdtempSync(join(tmpdir(), 'liaison-report-export-'));
  // Internal reports go only to spaces a manager marked internal: TEAM is the agency's own.
  const current = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'ACME' }));
  ok(await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'ACME', version: current.version, ...current.settings, reporting: { showCostsToClient: false, internalConfluenceSpaces: ['TEAM'] } }));
  manager = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'manager', narrative: { forecast: 'Payments land next sprint.' } }));
  client = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'client' }));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await host?.close();
});

describe('files', () => {
  test('PDF of the whole report: every section title and the numbers, as pdftotext reads them', async () => {
    const answer = ok(await call<any>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'pdf' }));
    assert.equal(answer.mimeType, 'application/pdf');
    assert.equal(answer.filename, `liaison-ACME-manager-${d(-14)}_${d(-8)}.pdf`);
    const pdf = file(answer);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    // Forge answers an invocation with at most 5 MB; base64 adds a third.
    assert.equal(answer.bytes, pdf.length);
    assert.ok(pdf.length * 4 / 3 < 4_000_000, `the PDF is ${pdf.length} bytes`);
    console.log(`manager PDF: ${pdf.length} bytes`);
    writeFileSync(join(dir, 'manager.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'manager.pdf'), '-'], { encoding: 'utf8' });
    for (const title of Object.values(REPORT_SECTION_TITLES)) assert.ok(text.includes(title), `the PDF lacks "${title}"`);
    for (const fact of ['Acme web shop', 'ACME-5', 'Payment provider', 'Priya Raman', 'Payments land next sprint.']) assert.ok(text.includes(fact), `the PDF lacks "${fact}"`);
  });

  test('Markdown and self-contained HTML carry the numbers', async () => {
    const md = file(ok(await call<any>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'markdown' }))).toString('utf8');
    for (const fact of ['Acme web shop', 'ACME-14', 'Gift wrapping', 'ACME-8', 'Priya Raman']) assert.ok(md.includes(fact), `the Markdown lacks "${fact}"`);
    const htmlAnswer = ok(await call<any>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'html' }));
    assert.match(htmlAnswer.mimeType, /^text\/html/);
    const html = file(htmlAnswer).toString('utf8');
    assert.match(html, /^<!doctype html>/i);
    assert.ok(html.includes('<svg'), 'charts are inline SVG');
    assert.ok(!/<(script|link|img)[^>]+(src|href)=["']https?:/i.test(html), 'nothing is loaded from elsewhere');
    assert.ok(html.includes('ACME-5'));
  });

  test('one section on its own, and CSV per table', async () => {
    const section = ok(await call<any>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'markdown', section: 'forecast' }));
    assert.equal(section.filename, `liaison-ACME-manager-${d(-14)}_${d(-8)}-forecast.md`);
    const text = file(section).toString('utf8');
    assert.ok(text.includes(REPORT_SECTION_TITLES.forecast));
    assert.ok(!text.includes(REPORT_SECTION_TITLES.manpower), 'only the forecast section');

    const csv = ok(await call<any>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'csv', table: 'manpower-person' }));
    assert.equal(csv.filename, `liaison-ACME-manager-${d(-14)}_${d(-8)}-manpower-person.csv`);
    const rows = parseCsv(file(csv).toString('utf8'));
    const priya = rows.find((row) => row.includes('Priya Raman'));
    assert.ok(priya?.includes('6'), JSON.stringify(rows));
    const sprints = parseCsv(file(ok(await call<any>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'csv', table: 'progress-sprints' }))).toString('utf8'));
    assert.ok(sprints.some((row) => row.includes('ACME Sprint 2') && row.includes('11') && row.includes('5')), JSON.stringify(sprints));
    refused(await call(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'csv' }), 'VALIDATION');
    // A client report has no hours table.
    refused(await call(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: client.id, format: 'csv', table: 'manpower-person' }), 'NOT_FOUND');
  });

  test('a report generated for the export, without saving it', async () => {
    const answer = ok(await call<any>(DEMO_USERS.dev1, 'reports.export', { projectKey: 'ACME', period: week, audience: 'team', format: 'csv', table: 'not-done' }));
    const rows = parseCsv(file(answer).toString('utf8'));
    assert.ok(rows.some((row) => row.includes('ACME-5')), JSON.stringify(rows));
    refused(await call(DEMO_USERS.dev1, 'reports.export', { projectKey: 'ACME', period: week, audience: 'client', format: 'markdown' }), 'FORBIDDEN');
  });

  test('a client exports a published client report, nothing else', async () => {
    const portal = callerFrom(host, PORTAL);
    refused(await portal(DEMO_USERS.clientPo, 'reports.export', { projectKey: 'ACME', reportId: client.id, format: 'pdf' }), 'NOT_FOUND');
    ok(await call(DEMO_USERS.pm, 'reports.publish', { projectKey: 'ACME', reportId: client.id, version: client.version }));
    const pdf = ok(await portal<any>(DEMO_USERS.clientPo, 'reports.export', { projectKey: 'ACME', reportId: client.id, format: 'pdf' }));
    writeFileSync(join(dir, 'client.pdf'), file(pdf));
    const text = execFileSync('pdftotext', [join(dir, 'client.pdf'), '-'], { encoding: 'utf8' });
    assert.ok(text.includes('ACME-11'));
    assert.ok(!text.includes('New payment API nobody here has used'), 'no internal flag note');
    assert.ok(!text.includes('Priya Raman'), 'no hours per person');
    refused(await portal(DEMO_USERS.clientPo, 'reports.export', { projectKey: 'ACME', reportId: manager.id, format: 'markdown' }), 'NOT_FOUND');
  });

  test('the headline says committed work done, and a status set by hand is named, never by account id', async () => {
    // The PM sets the status; the approver saves the draft again, keeping the PM's override.
    const draft = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'manager', statusOverride: { status: 'at-risk', reason: 'Payments slipped a sprint' } }));
    const kept = ok(await call<ReportSnapshot>(DEMO_USERS.approver, 'reports.saveDraft', { projectKey: 'ACME', reportId: draft.id, version: draft.version, period: week, audience: 'manager', narrative: { status: 'Seen by the approver.' } }));
    assert.equal(kept.model.status.override?.by, DEMO_USERS.pm);
    assert.equal(kept.model.status.override?.byName, DEMO_PEOPLE.pm.displayName);
    const text = async (format: string) => file(ok(await call<any>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', reportId: kept.id, format })));
    writeFileSync(join(dir, 'override.pdf'), await text('pdf'));
    const exports: Record<string, string> = {
      markdown: (await text('markdown')).toString('utf8'),
      html: (await text('html')).toString('utf8'),
      pdf: execFileSync('pdftotext', [join(dir, 'override.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
    };
    for (const [format, body] of Object.entries(exports)) {
      assert.ok(body.includes(`${DEMO_PEOPLE.pm.displayName} set at risk`), `${format} names who set the status`);
      assert.ok(!body.includes(DEMO_USERS.pm), `${format} prints the account id`);
    }
    // reports-numbers works the headline out: of the 2 committed issues (11 points) 1 (3 points) was done;
    // the 5 issues (9 points) finished in the week, planned or not, are their own figure.
    assert.ok(exports.markdown.includes('**Committed issues done:** 1 of 2 (50%)'), exports.markdown);
    assert.ok(exports.markdown.includes('**Committed points done:** 3 of 11 (27%)'));
    assert.ok(exports.markdown.includes('**Finished in the period (planned or not):** 5 issues, 9 points'));
  });
});

describe('Confluence', () => {
  test('a saved report becomes a page in the space, readable at the answered URL', async () => {
    const answer = ok(await call<any>(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: manager.id, spaceKey: 'TEAM' }));
    const page = host.confluence.data.pages.find((p) => p.id === answer.pageId);
    assert.ok(page, 'the page is stored');
    assert.equal(page.spaceId, host.confluence.data.spaces.find((s) => s.key === 'TEAM')?.id);
    assert.equal(page.authorId, DEMO_USERS.pm, 'written as the user');
    assert.equal(page.title, answer.title);
    assert.ok(page.storage.includes('ACME-5') && page.storage.includes(REPORT_SECTION_TITLES.deviation), 'the body is the report');
    assert.equal(answer.url, host.confluence.pageUrl(page));
    const shown = await fetch(answer.url);
    assert.equal(shown.status, 200);
    assert.ok((await shown.text()).includes('ACME-5'));
  });

  test('a title already in the space, an unknown space and a client are refused', async () => {
    const again = refused(await call(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: manager.id, spaceKey: 'TEAM' }), 'VALIDATION');
    assert.ok(again.fields?.title, JSON.stringify(again));
    ok(await call(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: manager.id, spaceKey: 'TEAM', title: 'Acme weekly (second copy)' }));
    const space = refused(await call(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: client.id, spaceKey: 'NOPE' }), 'VALIDATION');
    assert.ok(space.fields?.spaceKey, JSON.stringify(space));
    refused(await callerFrom(host, PORTAL)(DEMO_USERS.clientPo, 'reports.toConfluence', { projectKey: 'ACME', reportId: client.id, spaceKey: 'TEAM' }), 'FORBIDDEN');
    assert.equal(host.confluence.data.pages.length, 2);
  });

  test('an internal report to a space no manager marked internal is refused, and nothing is written', async () => {
    const executive = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'executive' }));
    const pages = host.confluence.data.pages.length;
    const error = refused(await call(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: executive.id, spaceKey: 'SHOP' }), 'FORBIDDEN');
    assert.match(error.message, /The executive report is internal: .* marked internal in Settings → Reports \(now TEAM\), and SHOP is not one/);
    refused(await call(DEMO_USERS.dev1, 'reports.toConfluence', { projectKey: 'ACME', reportId: manager.id, spaceKey: 'SHOP' }), 'FORBIDDEN');
    assert.equal(host.confluence.data.pages.length, pages);
    // The client's report may go to the client's space; the executive one to the internal space.
    ok(await call(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: client.id, spaceKey: 'SHOP' }));
    ok(await call(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: executive.id, spaceKey: 'TEAM' }));
    assert.equal(host.confluence.data.pages.length, pages + 2);
  });
});

describe('a site without Confluence', () => {
  /** Installs the runtime again with another Confluence target (undefined: the installation has none). */
  const withConfluence = async (confluence: JiraTarget | undefined) => {
    installForgeRuntime({ jira: sandboxJiraTarget(host.sandbox.url), kvs: host.kvs, manifest: host.app.manifest, ...(confluence ? { confluence } : {}) });
  };
  afterAll(async () => withConfluence(host.confluence.target));

  test('Forge refusing Confluence (not connected) and a site answering 404 for /wiki both get the plain "not available" answer, and nothing is written', async () => {
    const pages = host.confluence.data.pages.length;
    for (const confluence of [undefined, sandboxJiraTarget(host.sandbox.url)]) {
      await withConfluence(confluence);
      const error = refused(await call(DEMO_USERS.pm, 'reports.toConfluence', { projectKey: 'ACME', reportId: manager.id, spaceKey: 'TEAM' }), 'UPSTREAM');
      assert.equal(error.message, CONFLUENCE_UNAVAILABLE);
    }
    assert.equal(host.confluence.data.pages.length, pages);
  });
});
