/**
 * A realistic report for October 2026 of the "Nova Banking Portal" (NOVA), as the server would
 * build it for each audience. Shared by the export tests and the Reports UI tests: every call
 * returns a fresh object, so a test may change it.
 *
 * The numbers add up (checked in report-export.test.ts), e.g.
 *   committed issues 18 + 20 + 19 = 57, completed 17 + 16 + 8 = 41
 *   committed points 40 + 44 + 42 = 126, completed 38 + 35 + 18 = 91
 *   of the committed, done: issues 16 + 14 + 6 = 36, points 36 + 31 + 13 = 80 (the rest of the
 *   completed work, 5 issues and 11 points, was added after the sprints started)
 *   completed by epic: 12 + 10 + 11 + 5 + 3 = 41 issues, 28 + 24 + 25 + 9 + 5 = 91 points
 *   hours per person: 118.5 + 124 + 96 + 110 + 88 + 76 = 612.5 (previous 112 + 120 + 101.5 + 92 + 80.5 + 68 = 574)
 *   hours per epic: 168 + 142.5 + 196 + 48 + 58 = 612.5 (previous 150 + 160 + 170 + 44 + 50 = 574)
 *
 * Internal data that a client must never see (the client model leaves it out):
 *   INTERNAL_MARKERS below — a flag note that is not client-visible, an internal-only flag,
 *   per-person names and hours, the unpaid effort total, prices (costs hidden by Settings).
 */
import type { IssueRef, ReportAudience, ReportModel } from '../../src/reports/domain/model';

const JQL_BASE = 'project = NOVA';

function refs(prefix: string, entries: [number, string, number?][]): IssueRef[] {
  return entries.map(([n, summary, points]) => (points === undefined ? { key: `${prefix}-${n}`, summary } : { key: `${prefix}-${n}`, summary, points }));
}

/** Everything, as a manager sees it. */
export function managerReport(): ReportModel {
  return {
    schema: 1,
    projectKey: 'NOVA',
    projectName: 'Nova Banking Portal',
    period: { kind: 'month', from: '2026-10-01', to: '2026-10-31' },
    audience: 'manager',
    generatedAt: '2026-11-02T08:30:00.000Z',
    timeZone: 'Europe/Oslo',
    status: {
      computed: 'at-risk',
      reasons: [
        '2 client asks are overdue, the longest by 6 business days',
        'A critical red flag is open (NOVA-91)',
        'Sprint 13 has 13 of 42 committed points done with half its time left',
      ],
      effective: 'at-risk',
    },
    headline: { committedIssues: 57, completedIssues: 41, committedPoints: 126, completedPoints: 91, openFlags: 4, overdueAsks: 2, pendingChanges: 2, committedDoneIssues: 36, committedDonePoints: 80 },
    progress: {
      sprints: [
        { id: 111, name: 'NOVA Sprint 11', state: 'closed', startDate: '2026-09-28', endDate: '2026-10-09', committedIssues: 18, completedIssues: 17, committedPoints: 40, completedPoints: 38, committedDoneIssues: 16, committedDonePoints: 36 },
        { id: 112, name: 'NOVA Sprint 12', state: 'closed', startDate: '2026-10-12', endDate: '2026-10-23', committedIssues: 20, completedIssues: 16, committedPoints: 44, completedPoints: 35, committedDoneIssues: 14, committedDonePoints: 31 },
        { id: 113, name: 'NOVA Sprint 13', state: 'active', startDate: '2026-10-26', endDate: '2026-11-06', committedIssues: 19, completedIssues: 8, committedPoints: 42, completedPoints: 18, committedDoneIssues: 6, committedDonePoints: 13 },
      ],
      epics: [
        { key: 'NOVA-12', summary: 'Online account opening', doneIssues: 14, totalIssues: 18, donePoints: 34, totalPoints: 44 },
        { key: 'NOVA-27', summary: 'Card management', doneIssues: 9, totalIssues: 15, donePoints: 21, totalPoints: 36 },
        { key: 'NOVA-40', summary: 'Payments & transfers', doneIssues: 11, totalIssues: 22, donePoints: 24, totalPoints: 52 },
        { key: 'NOVA-58', summary: 'Accessibility audit fixes', doneIssues: 7, totalIssues: 8, donePoints: 12, totalPoints: 14 },
      ],
      burnUp: [
        { date: '2026-10-01', scopePoints: 150, donePoints: 52 },
        { date: '2026-10-05', scopePoints: 151, donePoints: 58 },
        { date: '2026-10-09', scopePoints: 154, donePoints: 90 },
        { date: '2026-10-12', scopePoints: 160, donePoints: 90 },
        { date: '2026-10-16', scopePoints: 163, donePoints: 104 },
        { date: '2026-10-23', scopePoints: 168, donePoints: 125 },
        { date: '2026-10-26', scopePoints: 171, donePoints: 125 },
        { date: '2026-10-30', scopePoints: 172, donePoints: 138 },
        { date: '2026-10-31', scopePoints: 172, donePoints: 143 },
      ],
    },
    deviation: {
      notDone: {
        items: refs('NOVA', [
          [91, 'Transfer limits by customer tier', 8],
          [88, 'Card freeze API integration', 5],
          [93, 'Standing orders: edit and cancel', 5],
          [97, 'Payee confirmation (name check)', 3],
          [99, 'Scheduled payments calendar', 3],
        ]),
        total: 12,
        jql: `${JQL_BASE} AND sprint in (111, 112, 113) AND statusCategory != Done`,
      },
      missedDueDates: {
        items: [
          { key: 'NOVA-64', summary: 'Account-opening consent screen', points: 2, due: '2026-10-16', businessDaysLate: 11 },
          { key: 'NOVA-91', summary: 'Transfer limits by customer tier', points: 8, due: '2026-10-23', businessDaysLate: 6 },
          { key: 'NOVA-73', summary: 'Statement PDF download', points: 3, due: '2026-10-28', businessDaysLate: 3 },
        ],
        total: 3,
        jql: `${JQL_BASE} AND due >= 2026-10-01 AND due <= 2026-10-31 AND statusCategory != Done`,
      },
      scopeAdded: {
        items: refs('NOVA', [
          [101, 'Add Apple Pay provisioning', 8],
          [102, 'Cookie banner wording update', 1],
          [103, 'Fix: IBAN validation for Norwegian accounts', 3],
          [104, "Rename 'Savings pots' to 'Goals'", 2],
          [105, 'Login throttling after 5 attempts', 5],
        ]),
        total: 6,
        points: 22,
        jql: `${JQL_BASE} AND sprint in (111, 112, 113) AND issue in liaisonAddedAfterStart()`,
      },
      previousForecast: { expectedPoints: { low: 80, high: 100 }, actualPoints: 91, within: true },
    },
    completed: {
      byEpic: [
        { epicKey: 'NOVA-12', epicSummary: 'Online account opening', issues: { items: refs('NOVA', [[14, 'ID check with BankID', 5], [15, 'Address lookup', 3], [17, 'Welcome e-mail', 1]]), total: 12, jql: `${JQL_BASE} AND parent = NOVA-12 AND resolved >= 2026-10-01 AND resolved <= 2026-10-31` }, points: 28 },
        { epicKey: 'NOVA-27', epicSummary: 'Card management', issues: { items: refs('NOVA', [[30, 'Show card PIN', 3], [31, 'Order replacement card', 5]]), total: 10, jql: `${JQL_BASE} AND parent = NOVA-27 AND resolved >= 2026-10-01 AND resolved <= 2026-10-31` }, points: 24 },
        { epicKey: 'NOVA-40', epicSummary: 'Payments & transfers', issues: { items: refs('NOVA', [[42, 'Domestic transfer', 5], [44, 'Transfer receipts', 2]]), total: 11, jql: `${JQL_BASE} AND parent = NOVA-40 AND resolved >= 2026-10-01 AND resolved <= 2026-10-31` }, points: 25 },
        { epicKey: 'NOVA-58', epicSummary: 'Accessibility audit fixes', issues: { items: refs('NOVA', [[60, 'Focus order on login', 2], [61, 'Contrast of disabled buttons', 1]]), total: 5 }, points: 9 },
        { epicKey: null, epicSummary: 'No epic', issues: { items: refs('NOVA', [[80, 'Upgrade Node to 22', 2], [81, 'Error page copy', 1], [82, 'Sentry alert routing', 2]]), total: 3 }, points: 5 },
      ],
      total: 41,
      points: 91,
    },
    manpower: {
      totalHours: 612.5,
      previousTotalHours: 574,
      byPerson: [
        { accountId: 'acc-priya', name: 'Priya Raman', hours: 118.5, previousHours: 112 },
        { accountId: 'acc-tomas', name: 'Tomás Ortega', hours: 124, previousHours: 120 },
        { accountId: 'acc-mei', name: 'Mei Chen', hours: 96, previousHours: 101.5 },
        { accountId: 'acc-daniel', name: 'Daniel Okafor', hours: 110, previousHours: 92 },
        { accountId: 'acc-sofia', name: 'Sofia Lindqvist', hours: 88, previousHours: 80.5 },
        { accountId: 'acc-arjun', name: 'Arjun Mehta', hours: 76, previousHours: 68 },
      ],
      byEpic: [
        { epicKey: 'NOVA-12', epicSummary: 'Online account opening', hours: 168, previousHours: 150 },
        { epicKey: 'NOVA-27', epicSummary: 'Card management', hours: 142.5, previousHours: 160 },
        { epicKey: 'NOVA-40', epicSummary: 'Payments & transfers', hours: 196, previousHours: 170 },
        { epicKey: 'NOVA-58', epicSummary: 'Accessibility audit fixes', hours: 48, previousHours: 44 },
        { epicKey: null, epicSummary: 'No epic', hours: 58, previousHours: 50 },
      ],
    },
    problems: {
      flags: {
        items: [
          { issueKey: 'NOVA-91', summary: 'Transfer limits by customer tier', category: 'blocked-on-client', severity: 'critical', note: 'Waiting for the transfer-limit matrix from the bank’s risk team', clientVisible: true },
          { issueKey: 'NOVA-88', summary: 'Card freeze API integration', category: 'uncharted-territory', severity: 'high', note: 'Vendor sandbox has no freeze endpoint; estimate may double', clientVisible: false },
          // Client-visible flag whose note is internal: the builder drops such a note from the client's model.
          { issueKey: 'NOVA-95', summary: 'Address change with proof upload', category: 'client-confused', severity: 'medium', note: 'Client unsure which documents count as proof of address', clientVisible: true },
          { issueKey: 'NOVA-73', summary: 'Statement PDF download', category: 'untested-functionality', severity: 'medium', clientVisible: false },
        ],
        total: 4,
        jql: `${JQL_BASE} AND issue.property[liaison-flags].open > 0`,
      },
      clientDelays: [
        { client: 'Ingrid Halvorsen', businessDays: 9, issues: ['NOVA-91', 'NOVA-64'] },
        { client: 'Lars Bakke', businessDays: 3, issues: ['NOVA-95'] },
      ],
    },
    clientActions: {
      asks: {
        items: [
          { issueKey: 'NOVA-91', summary: 'Transfer limits by customer tier', client: 'Ingrid Halvorsen', ask: 'Approve the transfer-limit matrix per customer tier', due: '2026-10-23', overdueBusinessDays: 6 },
          { issueKey: 'NOVA-64', summary: 'Account-opening consent screen', client: 'Ingrid Halvorsen', ask: 'Confirm the wording of the consent screen', due: '2026-10-28', overdueBusinessDays: 3 },
          { issueKey: 'NOVA-95', summary: 'Address change with proof upload', client: 'Lars Bakke', ask: 'Send the list of accepted proof-of-address documents', due: '2026-11-04', overdueBusinessDays: 0 },
        ],
        total: 3,
        jql: `${JQL_BASE} AND "Client assignee".state = waiting`,
      },
    },
    changes: {
      new: 3,
      decided: {
        items: [
          { issueKey: 'NOVA-101', summary: 'Add Apple Pay provisioning', outcome: 'paid', price: { amount: 18500, currency: 'EUR' }, scheduleDays: 8 },
          { issueKey: 'NOVA-104', summary: "Rename 'Savings pots' to 'Goals'", outcome: 'unpaid', scheduleDays: 0 },
          { issueKey: 'NOVA-106', summary: 'Export transactions to Excel', outcome: 'declined' },
        ],
        total: 3,
      },
      totals: { paidValue: [{ amount: 18500, currency: 'EUR' }], unpaidEffortDays: 1.5, scheduleDaysAdded: 8 },
    },
    forecast: {
      velocityPoints: { low: 33, high: 39 },
      velocityIssues: { low: 15, high: 18 },
      basis: 'last 3 closed sprints',
      plannedNext: {
        items: refs('NOVA', [
          [93, 'Standing orders: edit and cancel', 5],
          [97, 'Payee confirmation (name check)', 3],
          [99, 'Scheduled payments calendar', 3],
          [101, 'Add Apple Pay provisioning', 8],
          [110, 'Card spending insights', 5],
        ]),
        total: 14,
        jql: `${JQL_BASE} AND sprint = 114`,
      },
      upcomingDue: {
        items: [
          { key: 'NOVA-95', summary: 'Address change with proof upload', points: 3, due: '2026-11-06' },
          { key: 'NOVA-101', summary: 'Add Apple Pay provisioning', points: 8, due: '2026-11-20' },
          { key: 'NOVA-110', summary: 'Card spending insights', points: 5, due: '2026-11-27' },
        ],
        total: 3,
      },
    },
    decisionsNeeded: [
      'Approve change request NOVA-107 “Biometric login on web” (12 days, €9,800): awaiting approval since 28 Oct',
      'Escalate the transfer-limit matrix (NOVA-91) with the bank: 6 business days overdue, it blocks Payments & transfers',
    ],
    narrative: {
      status: 'October closed with 36 of 57 committed issues done. Payments is behind because the bank’s transfer-limit matrix is still outstanding; everything else is on plan.',
      progress: 'Account opening is nearly complete; Sprint 13 started slowly after two people were out on Monday.',
      manpower: 'Hours rose by 38.5 as Daniel joined Payments full time.',
      forecast: 'We expect 33–39 points in the next sprint, mostly Payments work once the matrix arrives.',
    },
    omitted: [],
  };
}

/** The executive audience: the same, without hours per person. */
export function executiveReport(): ReportModel {
  const model = managerReport();
  model.audience = 'executive';
  if (model.manpower) delete model.manpower.byPerson;
  model.omitted = ['Hours per person are left out of executive reports.'];
  return model;
}

/** The team audience: everything internal. */
export function teamReport(): ReportModel {
  return { ...managerReport(), audience: 'team' };
}

/**
 * The client audience, as the server builds it: no manpower, client-visible flags only (and a note
 * only when it is client-visible), no internal effort, no prices (Settings hides costs).
 */
export function clientReport(): ReportModel {
  const model = managerReport();
  model.audience = 'client';
  delete model.manpower;
  model.problems.flags = {
    items: [
      { issueKey: 'NOVA-91', summary: 'Transfer limits by customer tier', category: 'blocked-on-client', severity: 'critical', note: 'Waiting for the transfer-limit matrix from the bank’s risk team', clientVisible: true },
      { issueKey: 'NOVA-95', summary: 'Address change with proof upload', category: 'client-confused', severity: 'medium', clientVisible: true },
    ],
    total: 2,
  };
  model.headline.openFlags = 2;
  model.changes.decided.items = model.changes.decided.items.map(({ price: _price, ...rest }) => rest);
  model.changes.totals = { paidValue: [], scheduleDaysAdded: 8 };
  model.decisionsNeeded = ['Approve the transfer-limit matrix (NOVA-91): 6 business days overdue'];
  model.narrative = { status: model.narrative.status };
  model.omitted = ['Manpower input is internal and not shared with clients.', 'Costs are not shared (project settings).'];
  return model;
}

export function reportFor(audience: ReportAudience): ReportModel {
  switch (audience) {
    case 'executive':
      return executiveReport();
    case 'client':
      return clientReport();
    case 'team':
      return teamReport();
    case 'manager':
      return managerReport();
  }
}

/** Strings that only internal audiences may see (each is in the manager report, none in the client report). */
export const INTERNAL_MARKERS = [
  'Vendor sandbox has no freeze endpoint', // a flag note that is not client-visible
  'Uncharted territory', // the category of the internal-only flag
  'Priya Raman', // a person's name from hours per person
  '118.5', // a person's hours
  '612.5', // total hours
  'Client unsure which documents count as proof', // a note on a client-visible flag that is itself internal
  '18,500', // a price (costs hidden)
  'Unpaid effort', // the internal effort total
];
