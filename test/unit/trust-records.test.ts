/**
 * The pure parts of issue 13's records: the tampering rule (a property is Liaison's only when it is
 * what the record projected), reading a stored flag record defensively, and the client message for
 * every outcome. Values are worked out by hand.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { emptyDocument, type ChangeDocument } from '../../src/changes/domain/changeRequest';
import { draftClientMessage } from '../../src/changes/domain/changeRequestView';
import { askNotice } from '../../src/asks/domain/askNotices';
import type { ClientAsk } from '../../src/asks/domain/clientAsk';
import { flagsOfRecord } from '../../src/flags/domain/flagRecord';
import { textToAdf } from '../../src/platform/domain/plainTextAdf';
import { canonical, sameJson, tamperReason } from '../../src/platform/domain/tampering';

describe('the tampering rule', () => {
  test('the same JSON whatever the key order; undefined members are left out; nothing at all reads as null', () => {
    assert.equal(canonical({ b: 1, a: [2, { d: null, c: 'x' }] }), '{"a":[2,{"c":"x","d":null}],"b":1}');
    assert.equal(canonical({ a: 1, gone: undefined }), '{"a":1}');
    assert.equal(canonical(undefined), 'null');
    assert.equal(sameJson({ step: 'in-review', schema: 2 }, { schema: 2, step: 'in-review' }), true);
    assert.equal(sameJson({ schema: 2, step: 'in-review' }, { schema: 2, step: 'approved' }), false);
  });

  test('absent is fine; with no record it is planted; otherwise it must equal one of the projections', () => {
    const projected = { schema: 2, step: 'logged' };
    assert.equal(tamperReason(undefined, { exists: false, projected: [] }), null);
    assert.equal(tamperReason(null, { exists: true, projected: [projected] }), null);
    assert.equal(tamperReason(projected, { exists: false, projected: [projected] }), 'no Liaison record stands behind it');
    assert.equal(tamperReason({ step: 'logged', schema: 2 }, { exists: true, projected: [undefined, projected] }), null);
    assert.equal(tamperReason({ schema: 2, step: 'client-informed', decision: { outcome: 'paid' } }, { exists: true, projected: [projected, undefined] }), 'it does not match what Liaison recorded');
  });
});

describe('a stored flag record, read defensively', () => {
  const whole = { id: 'f-1', category: 'schedule-slip', severity: 'high', note: 'Late', clientVisible: false, source: 'manual', raisedBy: 'pm', raisedAt: '2026-12-01T09:00:00.000Z' };

  test('no record, or flags that are not a list, read as no flags', () => {
    for (const raw of [undefined, { flags: 'x' }, { flags: { 0: whole } }]) {
      const read = flagsOfRecord(raw as { flags?: unknown });
      assert.deepEqual([read.open, read.flags, read.dropped], [0, [], 0]);
    }
  });

  test('only whole flags are kept, the others counted as dropped on top of a valid count; a bad count reads as 0', () => {
    const read = flagsOfRecord({ flags: [whole, null, 'x', { ...whole, id: 'f-2', severity: 'extreme' }], dropped: 2 });
    assert.deepEqual(read.flags.map((f) => f.id), ['f-1']);
    assert.deepEqual([read.open, read.maxSeverity, read.maxSeverityName, read.categories, read.dropped], [1, 3, 'high', ['schedule-slip'], 2 + 3]);
    assert.equal(flagsOfRecord({ flags: [whole], dropped: -1 }).dropped, 0);
    assert.equal(flagsOfRecord({ flags: [whole], dropped: 1.5 }).dropped, 0);
  });
});

describe('the client message for each outcome', () => {
  const facts = (doc: Partial<ChangeDocument>) => ({ issueKey: 'SHOP-9', summary: 'Gift cards', requesterName: 'Hannah Becker', doc: { ...emptyDocument(), ...doc } });
  const at = '2026-12-03T10:00:00.000Z';
  const assessment = { effortDays: 2, scheduleDays: 1, cost: 800, currency: 'EUR', scope: 'Gift card checkout', notes: [{ id: 'n-1', text: 'Needs the payment provider', visibility: 'internal' as const, by: 'dev', at }, { id: 'n-2', text: 'One extra screen', visibility: 'client' as const, by: 'dev', at }], assessedBy: 'dev', assessedAt: at };

  test('declined and withdrawn say so, with no schedule; unpaid counts one working day in the singular', () => {
    const declined = draftClientMessage(facts({ assessment, decision: { outcome: 'declined', rationale: 'Out of scope', by: 'approver', at } }));
    assert.equal(
      declined,
      'Hello Hannah Becker,\n\nabout your change request SHOP-9 "Gift cards": we have decided not to take it on in this project.\n\nFrom our assessment:\n- One extra screen\n\nIf you have any questions, write to us in the conversation on this change request in Liaison.',
    );
    const withdrawn = draftClientMessage(facts({ decision: { outcome: 'withdrawn', rationale: '', by: 'client', at } }));
    assert.equal(withdrawn, 'Hello Hannah Becker,\n\nabout your change request SHOP-9 "Gift cards": it has been withdrawn, so we will not work on it.\n\nIf you have any questions, write to us in the conversation on this change request in Liaison.');
    const unpaid = draftClientMessage(facts({ assessment, decision: { outcome: 'unpaid', rationale: 'Goodwill', by: 'approver', at } }));
    assert.match(unpaid, /we will do it as part of the project, at no extra cost\. It adds about 1 working day to the schedule\./);
    assert.doesNotMatch(unpaid, /payment provider/);
  });
});

describe('text the record holds, as Jira gets it', () => {
  test('an answer or question missing from the record is quoted empty, never "undefined"', () => {
    const ask: ClientAsk = { client: 'client-1', ask: 'Confirm the zones', due: '2026-12-01', state: 'answered', askedAt: '2026-11-24T09:00:00.000Z', askedBy: 'pm-1', round: 1 };
    for (const action of ['answered', 'info-requested'] as const) {
      const notice = askNotice({ issueKey: 'SHOP-12', issueSummary: 'Category page', value: ask, event: { at: '2026-11-24T10:00:00.000Z', by: 'client-1', action, client: 'client-1', due: ask.due, state: ask.state, round: 1 }, names: { 'client-1': 'Hannah' } });
      assert.match(notice.text, /SHOP-12 \(Category page\):\n\n""\n\n/, action);
      assert.doesNotMatch(notice.text, /undefined/, action);
    }
  });

  test('a leading or trailing newline inside a paragraph is a hard break with no empty text node', () => {
    assert.deepEqual(textToAdf('\nfirst\nsecond'), {
      version: 1,
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'hardBreak' }, { type: 'text', text: 'first' }, { type: 'hardBreak' }, { type: 'text', text: 'second' }] }],
    });
  });
});
