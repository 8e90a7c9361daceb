import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { asksCsv, median, overviewByClient, type AskRow, type ClientGroup } from '../../src/asks/domain/askOverview';
import type { WorkCalendar } from '../../src/platform/domain/businessDays';
import type { AskEvent, ClientAsk } from '../../src/asks/domain/clientAsk';

/*
 *      March 2026
 * Mo Tu We Th Fr Sa Su
 *                    1
 *  2  3  4  5  6  7  8
 *  9 10 11 12 13 14 15
 * 16 17 18 19 20 21 22
 * 23 24 25 26 27 28 29
 * 30 31
 * "Today" is Wednesday 18 March unless a case says otherwise.
 */
const MON_FRI: WorkCalendar = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [] };
const TODAY = '2026-03-18';
const PO = 'client-po';
const MARKETING = 'client-marketing';
const LEGAL = 'client-legal';

let counter = 0;
function row(ask: Partial<ClientAsk> & { client: string; due: string; askedAt: string }, extra: Partial<AskRow> = {}): AskRow {
  counter++;
  return {
    issueKey: `SHOP-${counter}`,
    issueSummary: `Issue ${counter}`,
    projectKey: 'SHOP',
    ask: { ask: `Ask ${counter}`, state: 'waiting', askedBy: 'pm-1', round: 1, ...ask },
    ...extra,
  };
}

function keysOf(group: ClientGroup): string[] {
  return group.rows.map((view) => view.issueKey);
}

describe('overviewByClient', () => {
  // A: asked Mon 2, due Fri 6, waiting. Waiting (2, 18] = Tue 3–Fri 6 (4) + 9–13 (5) + 16, 17, 18 (3) = 12.
  //    Overdue (6, 18] = 9–13 (5) + 16–18 (3) = 8.
  const a = row({ client: PO, askedAt: '2026-03-02T10:00:00.000Z', due: '2026-03-06' }, { issueKey: 'SHOP-101' });
  // B: asked Mon 16, due Fri 20, waiting: not overdue. Waiting (16, 18] = Tue 17, Wed 18 = 2.
  const b = row({ client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20' }, { issueKey: 'SHOP-102' });
  // C: asked Mon 9, due Tue 10, waiting. Waiting (9, 18] = 10–13 (4) + 16–18 (3) = 7. Overdue (10, 18] = Wed 11–Fri 13 (3) + 16–18 (3) = 6.
  const c = row({ client: PO, askedAt: '2026-03-09T08:00:00.000Z', due: '2026-03-10' }, { issueKey: 'SHOP-103' });
  // D: asked Mon 2, answered Wed 4, due Thu 5: open (with the team), not overdue. Waiting frozen at the answer: (2, 4] = 2.
  const d = row({ client: PO, askedAt: '2026-03-02T10:00:00.000Z', due: '2026-03-05', state: 'answered', answeredAt: '2026-03-04T15:00:00.000Z', answer: 'Yes' }, { issueKey: 'SHOP-104' });
  // E: Marketing, asked Mon 16, due Tue 17, waiting: overdue (17, 18] = 1; waiting (16, 18] = 2.
  const e = row({ client: MARKETING, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-17' }, { issueKey: 'SHOP-105' });
  // F: Legal, accepted (closed): asked Mon 2, answered Tue 3 → 1 business day to answer; not listed.
  const f = row({ client: LEGAL, askedAt: '2026-03-02T08:00:00.000Z', due: '2026-03-04', state: 'accepted', answeredAt: '2026-03-03T17:00:00.000Z', answer: 'OK' }, { issueKey: 'SHOP-106' });

  test('days waiting and overdue in business days, overdue asks first within a person', () => {
    const groups = overviewByClient([b, f, d, e, a, c], TODAY, MON_FRI);
    const po = groups.find((g) => g.client === PO);
    assert.ok(po);
    // Overdue first (A due 6th, then C due 10th), then the others by due date (D 5th, B 20th).
    assert.deepEqual(keysOf(po), ['SHOP-101', 'SHOP-103', 'SHOP-104', 'SHOP-102']);
    assert.deepEqual(
      po.rows.map((v) => [v.issueKey, v.businessDaysWaiting, v.businessDaysOverdue, v.overdue]),
      [
        ['SHOP-101', 12, 8, true],
        ['SHOP-103', 7, 6, true],
        ['SHOP-104', 2, 0, false],
        ['SHOP-102', 2, 0, false],
      ],
    );
    assert.equal(po.open, 4);
    assert.equal(po.overdue, 2);
    // The row keeps what it was given.
    assert.deepEqual(po.rows[0].ask, a.ask);
    assert.equal(po.rows[0].issueSummary, a.issueSummary);
  });

  test("a client's open question stops the client's clock: those days are the team's, not counted as waiting or overdue", () => {
    const event = (at: string, action: AskEvent['action'], state: AskEvent['state'], due = '2026-03-06'): AskEvent => ({ at, by: 'x', action, client: PO, due, state, round: 1 });
    // G: asked Mon 2, due Fri 6; Hannah's question Mon 9 → the team's reply Wed 11; waiting since.
    //    Waiting (2, 9] = 3–6 (4) + 9 (1) = 5, then (11, 18] = 12, 13, 16, 17, 18 = 5 → 10 (not 12).
    //    Overdue: (6, 9] = Mon 9 (1), then (11, 18] = 5 → 6 (not 8: Tue 10 and Wed 11 were the team's).
    const g = row(
      { client: PO, askedAt: '2026-03-02T10:00:00.000Z', due: '2026-03-06' },
      {
        issueKey: 'SHOP-107',
        history: [
          event('2026-03-02T10:00:00.000Z', 'asked', 'waiting'),
          event('2026-03-09T10:00:00.000Z', 'info-requested', 'question'),
          event('2026-03-10T10:00:00.000Z', 'message', 'question'),
          event('2026-03-11T10:00:00.000Z', 'replied', 'waiting'),
        ],
      },
    );
    // H: asked Mon 16, due Fri 20; the question is open since Tue 17: (16, 17] = 1 day on the client (not 2).
    const h = row(
      { client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20', state: 'question', infoRequestedAt: '2026-03-17T09:00:00.000Z', infoRequest: 'Which sizes?' },
      { issueKey: 'SHOP-108', history: [event('2026-03-16T08:00:00.000Z', 'asked', 'waiting', '2026-03-20'), event('2026-03-17T09:00:00.000Z', 'info-requested', 'question', '2026-03-20')] },
    );
    // I: as H without its history (a row built from the ask alone): the open question still stops the clock.
    const i = row({ client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20', state: 'question', infoRequestedAt: '2026-03-17T09:00:00.000Z', infoRequest: 'Which sizes?' }, { issueKey: 'SHOP-109' });
    const po = overviewByClient([g, h, i], TODAY, MON_FRI).find((group) => group.client === PO)!;
    assert.deepEqual(
      po.rows.map((v) => [v.issueKey, v.businessDaysWaiting, v.businessDaysOverdue, v.overdue]),
      [
        ['SHOP-107', 10, 6, true],
        ['SHOP-108', 1, 0, false],
        ['SHOP-109', 1, 0, false],
      ],
    );
  });

  test('groups with the most overdue first; a person with only closed asks has a group without rows', () => {
    const groups = overviewByClient([b, f, d, e, a, c], TODAY, MON_FRI);
    assert.deepEqual(
      groups.map((g) => [g.client, g.open, g.overdue, g.medianBusinessDaysToAnswer]),
      [
        [PO, 4, 2, 2], // one answer (D): 2 business days
        [MARKETING, 1, 1, null], // nothing answered yet
        [LEGAL, 0, 0, 1], // F answered in 1 business day
      ],
    );
    assert.deepEqual(keysOf(groups[2]), []);
  });

  test('ties: more open asks first, then the earliest due date, then the person', () => {
    const x = row({ client: 'client-x', askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-25' });
    const y1 = row({ client: 'client-y', askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-26' });
    const y2 = row({ client: 'client-y', askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-27' });
    const z = row({ client: 'client-z', askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-24' });
    const w = row({ client: 'client-w', askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-24' });
    assert.deepEqual(
      overviewByClient([x, y1, y2, z, w], TODAY, MON_FRI).map((g) => g.client),
      ['client-y', 'client-w', 'client-z', 'client-x'],
    );
  });

  test('asks due the same day are listed by issue key in reading order', () => {
    const ten = row({ client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20' }, { issueKey: 'SHOP-10' });
    const two = row({ client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20' }, { issueKey: 'SHOP-2' });
    assert.deepEqual(keysOf(overviewByClient([ten, two], TODAY, MON_FRI)[0]), ['SHOP-2', 'SHOP-10']);
  });

  test('overdue is by the calendar; the days overdue are business days', () => {
    // Due Fri 13, today Sat 14: past due (overdue), but (13, 14] holds no business day.
    const friday = row({ client: PO, askedAt: '2026-03-09T08:00:00.000Z', due: '2026-03-13' });
    const [view] = overviewByClient([friday], '2026-03-14', MON_FRI)[0].rows;
    assert.equal(view.overdue, true);
    assert.equal(view.businessDaysOverdue, 0);
    // On Monday 16 it is 1 business day overdue.
    assert.equal(overviewByClient([friday], '2026-03-16', MON_FRI)[0].rows[0].businessDaysOverdue, 1);
  });

  test('no rows, no groups', () => {
    assert.deepEqual(overviewByClient([], TODAY, MON_FRI), []);
  });
});

describe('median business days to answer', () => {
  test('the median itself: odd and even counts, none → null', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1]), 2.5);
    assert.equal(median([5, 1, 9, 2]), 3.5);
    assert.equal(median([]), null);
  });

  test('odd count over current asks: answers in 1, 3 and 2 business days → 2', () => {
    // Asked Mon 2: answered Tue 3 (1), Thu 5 (3), Wed 4 (2).
    const rows = ['2026-03-03', '2026-03-05', '2026-03-04'].map((answeredOn) =>
      row({ client: PO, askedAt: '2026-03-02T09:00:00.000Z', due: '2026-03-06', state: 'accepted', answeredAt: `${answeredOn}T16:00:00.000Z`, answer: 'ok' }),
    );
    assert.equal(overviewByClient(rows, TODAY, MON_FRI)[0].medianBusinessDaysToAnswer, 2);
  });

  test('even count from a history with a re-ask: 3 and 2 → 2.5, the current round not counted twice', () => {
    const history: AskEvent[] = [
      { at: '2026-03-02T09:00:00.000Z', by: 'pm-1', action: 'asked', client: PO, due: '2026-03-04', state: 'waiting', round: 1 },
      // (Mon 2, Thu 5] = 3.
      { at: '2026-03-05T11:00:00.000Z', by: PO, action: 'answered', client: PO, due: '2026-03-04', state: 'answered', round: 1 },
      { at: '2026-03-06T09:00:00.000Z', by: 'pm-1', action: 're-asked', client: PO, due: '2026-03-11', state: 'waiting', round: 2 },
      // (Fri 6, Tue 10] = Mon 9, Tue 10 = 2.
      { at: '2026-03-10T11:00:00.000Z', by: PO, action: 'answered', client: PO, due: '2026-03-11', state: 'answered', round: 2 },
    ];
    const current = row(
      { client: PO, askedAt: '2026-03-06T09:00:00.000Z', due: '2026-03-11', state: 'answered', answeredAt: '2026-03-10T11:00:00.000Z', answer: 'v2', round: 2 },
      { history },
    );
    const [group] = overviewByClient([current], TODAY, MON_FRI);
    assert.equal(group.medianBusinessDaysToAnswer, 2.5);
  });

  test('an ask readdressed to another person counts for the one who answered, from when they were asked', () => {
    const history: AskEvent[] = [
      { at: '2026-03-02T09:00:00.000Z', by: 'pm-1', action: 'asked', client: PO, due: '2026-03-06', state: 'waiting', round: 1 },
      { at: '2026-03-04T09:00:00.000Z', by: 'pm-1', action: 'edited', client: MARKETING, due: '2026-03-06', state: 'waiting', round: 1 },
      // Marketing: (Wed 4, Thu 5] = 1.
      { at: '2026-03-05T09:00:00.000Z', by: MARKETING, action: 'answered', client: MARKETING, due: '2026-03-06', state: 'answered', round: 1 },
    ];
    const current = row(
      { client: MARKETING, askedAt: '2026-03-04T09:00:00.000Z', due: '2026-03-06', state: 'answered', answeredAt: '2026-03-05T09:00:00.000Z', answer: 'Done' },
      { history },
    );
    const groups = overviewByClient([current], TODAY, MON_FRI);
    assert.deepEqual(
      groups.map((g) => [g.client, g.medianBusinessDaysToAnswer]),
      [[MARKETING, 1]],
    );
  });

  test('an answer whose ask was dropped from the bounded history is left out', () => {
    const history: AskEvent[] = [{ at: '2026-03-05T11:00:00.000Z', by: PO, action: 'answered', client: PO, due: '2026-03-04', state: 'answered', round: 1 }];
    const current = row({ client: PO, askedAt: '2026-03-02T09:00:00.000Z', due: '2026-03-04', state: 'answered', answeredAt: '2026-03-05T11:00:00.000Z', answer: 'x' }, { history });
    assert.equal(overviewByClient([current], TODAY, MON_FRI)[0].medianBusinessDaysToAnswer, null);
  });
});

/** A small RFC 4180 reader, to check that the CSV reads back as the cells written. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  assert.equal(cell === '' && record.length === 0, true, 'the CSV must end with CRLF');
  return records;
}

describe('asksCsv', () => {
  const HEADER = 'Client,Issue,Summary,Project,Ask,State,Due date,Asked at,Answered at,Business days waiting,Business days overdue,Overdue';

  test('a header row and one row per open ask, with the person\'s name, CRLF line ends', () => {
    const one = row({ client: PO, askedAt: '2026-03-09T08:00:00.000Z', due: '2026-03-10', ask: 'Send logo' }, { issueKey: 'SHOP-7', issueSummary: 'Logo' });
    const two = row(
      { client: MARKETING, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20', ask: 'Approve', state: 'answered', answeredAt: '2026-03-17T08:00:00.000Z', answer: 'ok' },
      { issueKey: 'SHOP-8', issueSummary: 'Banner' },
    );
    const csv = asksCsv(overviewByClient([one, two], TODAY, MON_FRI), { [PO]: 'Paula Owner' });
    assert.equal(
      csv,
      [
        HEADER,
        'Paula Owner,SHOP-7,Logo,SHOP,Send logo,waiting,2026-03-10,2026-03-09T08:00:00.000Z,,7,6,yes',
        // No name known for Marketing: the account id stands in. Waiting (16, 17] = 1.
        `${MARKETING},SHOP-8,Banner,SHOP,Approve,answered,2026-03-20,2026-03-16T08:00:00.000Z,2026-03-17T08:00:00.000Z,1,0,no`,
        '',
      ].join('\r\n'),
    );
  });

  test('commas, quotes and line breaks are quoted and read back unchanged', () => {
    const tricky = row(
      { client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20', ask: 'Line one\r\nLine two, with "quotes"' },
      { issueKey: 'SHOP-9', issueSummary: 'Logo, "final" version' },
    );
    const csv = asksCsv(overviewByClient([tricky], TODAY, MON_FRI), { [PO]: 'Owner, Paula' });
    assert.ok(csv.includes('"Logo, ""final"" version"'), csv);
    const [header, record] = parseCsv(csv);
    assert.equal(header.join(','), HEADER);
    assert.deepEqual(record.slice(0, 6), ['Owner, Paula', 'SHOP-9', 'Logo, "final" version', 'SHOP', 'Line one\r\nLine two, with "quotes"', 'waiting']);
  });

  test('cells a spreadsheet would run as a formula start with an apostrophe', () => {
    const cases = ['=HYPERLINK("http://evil.example","click")', '+1+2', '-2+3', '@SUM(A1:A9)', '\t=1+1'];
    const rows = cases.map((summary, i) => row({ client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: `2026-03-2${i}`, ask: summary }, { issueKey: `SHOP-${20 + i}`, issueSummary: summary }));
    const csv = asksCsv(overviewByClient(rows, TODAY, MON_FRI), { [PO]: '=cmd|" /C calc"!A0' });
    const records = parseCsv(csv).slice(1);
    assert.equal(records.length, cases.length);
    records.forEach((record, i) => {
      assert.equal(record[0], `'=cmd|" /C calc"!A0`);
      assert.equal(record[2], `'${cases[i]}`, `summary ${i}`);
      assert.equal(record[4], `'${cases[i]}`, `ask ${i}`);
      for (const cell of record) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell ${JSON.stringify(cell)}`);
    });
    // A harmless leading character is left alone, and numbers stay numbers.
    const plain = parseCsv(asksCsv(overviewByClient([row({ client: PO, askedAt: '2026-03-16T08:00:00.000Z', due: '2026-03-20', ask: 'a-b=c' })], TODAY, MON_FRI), {}))[1];
    assert.equal(plain[4], 'a-b=c');
    assert.equal(plain[9], '2');
  });

  test('no open asks: the header alone', () => {
    assert.equal(asksCsv([], {}), `${HEADER}\r\n`);
  });
});
