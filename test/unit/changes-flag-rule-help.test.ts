/**
 * The Settings page's words for the "change request not acknowledged" rule say what the rule does
 * now that change requests feed it (src/changes/services/changeWorkflowFlags.ts): a change request still not
 * acknowledged past the threshold is flagged, and acknowledging it clears the flag.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { RULES } from '../../static/project-page/src/redFlagRuleHelp';
import { evaluateChangeRequest, type FlagThresholds } from '../../src/flags/domain/flagRules';
import type { WorkCalendar } from '../../src/platform/domain/businessDays';

test('the change-unacknowledged rule is explained as it behaves', () => {
  const rule = RULES.find((r) => r.id === 'change-unacknowledged')!;
  assert.equal(rule.field, 'changeAckBusinessDays');
  assert.doesNotMatch(rule.note ?? '', /not tracked/i);
  assert.match(rule.note ?? '', /more than this many business days after it was raised gets a red flag, which clears once it is acknowledged/);
});

test('which is what evaluateChangeRequest does: flagged past the threshold, not once acknowledged', () => {
  const thresholds = { enabled: { 'change-unacknowledged': true }, changeAckBusinessDays: 2 } as unknown as FlagThresholds;
  const cal: WorkCalendar = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [] };
  // Logged Monday 2026-11-02; Thursday is 3 business days later (> 2), Wednesday is 2 (not more).
  assert.equal(evaluateChangeRequest({ key: 'SHOP-1', loggedAt: '2026-11-02T10:00:00Z', acknowledgedAt: null }, thresholds, cal, '2026-11-05').length, 1);
  assert.equal(evaluateChangeRequest({ key: 'SHOP-1', loggedAt: '2026-11-02T10:00:00Z', acknowledgedAt: null }, thresholds, cal, '2026-11-04').length, 0);
  assert.equal(evaluateChangeRequest({ key: 'SHOP-1', loggedAt: '2026-11-02T10:00:00Z', acknowledgedAt: '2026-11-03T09:00:00Z' }, thresholds, cal, '2026-11-05').length, 0);
});
