/**
 * The report PDFs, read back with poppler (pdftotext, pdfinfo, pdffonts) as a reader's tools would:
 * the manager PDF holds every section and the key numbers; the executive PDF is ONE page however
 * much the project has to say; a client PDF holds no internal data; only the embedded Inter font
 * is used (no pdfkit standard font, which Forge's packaging would not carry).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_SECTION_TITLES, REPORT_SECTIONS, type ReportModel } from '../../src/reports/domain/model';
import { exportReport, reportPdf } from '../../src/reports/export';
import { generateSite } from '../../local/demo/generate';
import { buildReport } from '../../src/reports/domain/build';
import { periodOf } from '../../src/reports/domain/period';
import { clientReport, executiveReport, INTERNAL_MARKERS, managerReport } from './report-fixture';
import { fixtureFacts } from './report-facts-fixture';
import { siteFacts } from './report-site-facts';

const dir = mkdtempSync(join(tmpdir(), 'liaison-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

interface ReadPdf {
  text: string;
  pages: number;
  fonts: string[];
}

function readPdf(pdf: Buffer): ReadPdf {
  const file = join(dir, `report-${++n}.pdf`);
  writeFileSync(file, pdf);
  // One line of text per visual line; runs of white space made single, so wrapped text still matches.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
  return { text, pages, fonts };
}

describe('manager PDF', () => {
  const describeSetup = async () => {
    const pdf = readPdf(await reportPdf(managerReport()));
    return { pdf };
  };
  let pdf!: Awaited<ReturnType<typeof describeSetup>>['pdf'];
  beforeAll(async () => {
    ({ pdf } = await describeSetup());
  });

  test('is a real PDF with the Inter font embedded and nothing else', () => {
    assert.ok(pdf.pages >= 3, `pages: ${pdf.pages}`);
    assert.deepEqual([...new Set(pdf.fonts)].sort(), ['Inter-Regular', 'Inter-SemiBold']);
  });

  test('holds every section title', () => {
    for (const section of REPORT_SECTIONS) assert.ok(pdf.text.includes(REPORT_SECTION_TITLES[section]), REPORT_SECTION_TITLES[section]);
  });

  test('holds the key numbers of every section', () => {
    for (const expected of [
      'Nova Banking Portal — Management report',
      'October 2026 · NOVA',
      '36 of 57 (63%)', // committed issues done: 36 / 57 = 63.2%
      '80 of 126 (63%)', // committed points done: 80 / 126 = 63.5%
      '41 issues, 91 points', // finished in the period, planned or not
      'Approve change request NOVA-107',
      'NOVA Sprint 13 active 26 Oct 2026 6 Nov 2026 19 6 8 42 13 18', // sprint table row
      'NOVA-40 Payments & transfers 11 22 24 52 46', // epic row: 24 / 52 = 46%
      '12 issues', // planned, not done
      'Showing 5 of 12',
      '91 points done', // vs the previous forecast 80–100
      'NOVA-64 Account-opening consent screen 2 16 Oct 2026 11', // missed due date, 11 business days late
      '612.5', // hours logged
      '+38.5 (+7%)',
      'Priya Raman 118.5 112 +6.5',
      'Vendor sandbox has no freeze endpoint', // the manager sees internal notes
      'Ingrid Halvorsen 9 NOVA-91, NOVA-64', // client delay
      '€18,500',
      '1.5 days', // unpaid effort (internal)
      '33–39 points',
      'Page 1 of',
    ]) {
      assert.ok(pdf.text.includes(expected), `missing "${expected}"`);
    }
  });

  test('draws the charts (their axis labels are text in the PDF)', () => {
    assert.ok(pdf.text.includes('Done of committed') && pdf.text.includes('Done incl. added'));
    assert.ok(pdf.text.includes('Scope (points)'));
    assert.ok(pdf.text.includes('Sprint 11'));
    assert.ok(pdf.text.includes('Previous period (hours)'));
  });
});

describe('executive PDF', () => {
  test('is one page with the status, the numbers, the decisions and the problems', async () => {
    const pdf = readPdf(await reportPdf(executiveReport()));
    assert.equal(pdf.pages, 1);
    for (const expected of ['Nova Banking Portal', 'Executive summary · October 2026 · NOVA', 'AT RISK', '36 / 57 done', '80 / 126 done', '63% of committed', '33–39 pts', 'DECISIONS NEEDED', 'Approve change request NOVA-107', 'TOP PROBLEMS (4 OPEN RED FLAGS)', 'NOVA-91 Transfer limits by customer tier — blocked on client (critical)', 'WAITING ON THE CLIENT (3 OPEN ASKS)', 'FINISHED THIS MONTH (PLANNED OR NOT)', '41 issues, 91 story points: NOVA-12 Online account opening (12)', 'NEXT PERIOD', 'Expected 33–39 story points and 15–18 issues', 'Page 1 of 1']) {
      assert.ok(pdf.text.includes(expected), `missing "${expected}"`);
    }
    assert.ok(!pdf.text.includes('Priya Raman'));
    // The 41 issues / 91 points finished in October include work added after planning: never shown as committed work done.
    assert.ok(!pdf.text.includes('41 / 57') && !pdf.text.includes('91 / 126'));
  });

  test('a status set by hand names the person, never their account id', async () => {
    const model: ReportModel = executiveReport();
    model.status.override = { status: 'off-track', reason: 'The bank moved the go-live', by: '5b10ac8d82e05b22cc7d4ef5', at: '2026-11-01T10:00:00.000Z', byName: 'Ana Lima' };
    model.status.effective = 'off-track';
    const named = readPdf(await reportPdf(model)).text.replace(/\s+/g, ' ');
    assert.ok(named.includes('status set by Ana Lima'), named);
    assert.ok(!named.includes('5b10ac8d82e05b22cc7d4ef5'));
    // A snapshot saved before names were kept: no name, and still no account id.
    delete model.status.override.byName;
    const unnamed = readPdf(await reportPdf(model)).text.replace(/\s+/g, ' ');
    assert.ok(unnamed.includes('status set by the project manager'), unnamed);
    assert.ok(!unnamed.includes('5b10ac8d82e05b22cc7d4ef5'));
  });

  test('stays one page for a large project, and says what it left out', async () => {
    const model: ReportModel = executiveReport();
    const long = 'The payment provider changed its API twice this month, which cost the team most of a sprint and moved the go-live; ';
    model.narrative.status = long.repeat(6);
    model.status.reasons = Array.from({ length: 8 }, (_, i) => `Reason ${i + 1}: ${long}`);
    model.decisionsNeeded = Array.from({ length: 12 }, (_, i) => `Decision ${i + 1}: ${long}`);
    model.problems.flags = {
      items: Array.from({ length: 25 }, (_, i) => ({ issueKey: `NOVA-${500 + i}`, summary: `A long summary of problem ${i} that goes on and on about the details`, category: 'schedule-slip', severity: i % 2 ? 'high' : 'critical' })),
      total: 180,
    };
    model.clientActions.asks = {
      items: Array.from({ length: 25 }, (_, i) => ({ issueKey: `NOVA-${700 + i}`, summary: 'x', client: 'Ingrid Halvorsen', ask: `Approve document ${i} of the very long series of documents`, due: '2026-10-20', overdueBusinessDays: i })),
      total: 60,
    };
    model.progress.sprints = Array.from({ length: 8 }, (_, i) => ({ ...model.progress.sprints[0], id: i, name: `NOVA Sprint ${i + 1}` }));
    const pdf = readPdf(await reportPdf(model));
    assert.equal(pdf.pages, 1);
    assert.ok(pdf.text.includes('TOP PROBLEMS (180 OPEN RED FLAGS)'));
    assert.match(pdf.text, /\+\d+ more in the manager report/);
    assert.ok(pdf.text.includes('Decision 1:'));
  });

  test('one section of an executive report is that section, laid out in full', async () => {
    const pdf = readPdf(await reportPdf(executiveReport(), 'problems'));
    assert.ok(pdf.text.includes('Existing problems'));
    assert.ok(!pdf.text.includes('Deviation from plan'));
    assert.ok(pdf.text.includes('Waiting for the transfer-limit matrix'));
  });
});

describe('PDFs of reports the domain builds', () => {
  test('the executive report of a 10,000-issue generated site is one page', async () => {
    const site = generateSite({ issues: 10000, seed: 7, today: new Date('2026-11-25T08:00:00Z') });
    const facts = siteFacts(site, { projectKey: 'SHOP', period: periodOf('month', site.today), generatedAt: '2026-11-25T08:00:00Z', liaison: { flagEvery: 20, askEvery: 25 } });
    const model = buildReport(facts, 'executive', { showCostsToClient: false });
    const pdf = readPdf(await reportPdf(model));
    assert.equal(pdf.pages, 1);
    assert.ok(pdf.text.includes(`TOP PROBLEMS (${model.problems.flags.total} OPEN RED FLAGS)`));
    assert.match(pdf.text, /\+\d+ more in the manager report/);
  });

  test('a weekly report of the fixture site names its week', async () => {
    const pdf = readPdf(await reportPdf(buildReport(fixtureFacts(), 'manager', { showCostsToClient: false })));
    assert.ok(pdf.text.includes('Week of 16–22 Nov 2026 · SHOP'));
    for (const section of REPORT_SECTIONS) assert.ok(pdf.text.includes(REPORT_SECTION_TITLES[section]), REPORT_SECTION_TITLES[section]);
  });
});

describe('client PDF', () => {
  test('holds the client sections and no internal data', async () => {
    const file = await exportReport(clientReport(), { format: 'pdf' });
    assert.equal(file.filename, 'liaison-NOVA-client-2026-10-01_2026-10-31.pdf');
    assert.equal(file.mimeType, 'application/pdf');
    const pdf = readPdf(file.content);
    assert.ok(pdf.text.includes('Nova Banking Portal — Client report'));
    assert.ok(pdf.text.includes('Approve the transfer-limit matrix per customer tier'));
    // Issue 17: what the client must do comes first; nothing about what was left out.
    assert.ok(pdf.text.indexOf('What we need from you') < pdf.text.indexOf('Status'));
    assert.ok(!pdf.text.includes('Manpower') && !pdf.text.includes('Not in this report'));
    for (const marker of INTERNAL_MARKERS) assert.ok(!pdf.text.includes(marker), `leaks "${marker}"`);
  });
});
