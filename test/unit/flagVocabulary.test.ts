import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { RULE_IDS, RULE_LABELS } from '../../src/flags/domain/flagRules';
import { FLAG_CATEGORIES, FLAG_CATEGORY_LABELS, MANUAL_FLAG_CATEGORIES, NOTE_MAX_CHARS, SEVERITIES } from '../../src/flags/domain/redFlags';
import { CATEGORIES, CATEGORY_LABELS, MANUAL_CATEGORIES, NOTE_LIMIT, RULE_NAMES, RULE_ORDER, SEVERITY_ORDER } from '../../static/common/flags/vocabulary';

describe("the Custom UI apps' red-flag words are the domain's", () => {
  test('categories, their labels and order; the manual ones', () => {
    assert.deepEqual(CATEGORIES, [...FLAG_CATEGORIES]);
    assert.deepEqual(CATEGORY_LABELS, FLAG_CATEGORY_LABELS);
    assert.deepEqual(MANUAL_CATEGORIES, [...MANUAL_FLAG_CATEGORIES]);
  });

  test('severities mildest first, rules and their names, the note limit', () => {
    assert.deepEqual(SEVERITY_ORDER, [...SEVERITIES]);
    assert.deepEqual(RULE_ORDER, [...RULE_IDS]);
    assert.deepEqual(RULE_NAMES, RULE_LABELS);
    assert.equal(NOTE_LIMIT, NOTE_MAX_CHARS);
  });
});
