import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { reportsWithVersions } from '../../src/reports/domain/history';
import type { ReportPeriod } from '../../src/reports/domain/model';

const LAST_WEEK: ReportPeriod = { kind: 'week', from: '2026-11-30', to: '2026-12-06' };
const WEEK_BEFORE: ReportPeriod = { kind: 'week', from: '2026-11-23', to: '2026-11-29' };

function saved(id: string, status: 'draft' | 'published', audience: 'client' | 'manager' | 'team' = 'client', period: ReportPeriod = LAST_WEEK) {
  return { id, status, audience, period };
}

describe('reportsWithVersions', () => {
  test('a published report and its newer draft are one report, shown as published, with both versions inside', () => {
    const groups = reportsWithVersions([saved('new-draft', 'draft'), saved('published', 'published')]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0].current.id, 'published');
    assert.deepEqual(groups[0].versions.map((v) => v.id), ['new-draft', 'published']);
    assert.equal(groups[0].key, 'client_2026-11-30_2026-12-06');
  });

  test('a report never published is its newest draft', () => {
    const groups = reportsWithVersions([saved('newer', 'draft'), saved('older', 'draft')]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0].current.id, 'newer');
  });

  test('the newest published snapshot stays current over older published ones', () => {
    const groups = reportsWithVersions([saved('second', 'published'), saved('first', 'published')]);
    assert.equal(groups[0].current.id, 'second');
  });

  test('another audience or period is another report, in the order of their newest versions', () => {
    const groups = reportsWithVersions([
      saved('manager', 'draft', 'manager'),
      saved('client', 'draft'),
      saved('earlier', 'published', 'client', WEEK_BEFORE),
      saved('client-published', 'published'),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.current.id, g.versions.length]),
      [
        ['manager', 1],
        ['client-published', 2],
        ['earlier', 1],
      ],
    );
  });

  test('no saved report, no row', () => {
    assert.deepEqual(reportsWithVersions([]), []);
  });
});
