/**
 * The forgery suite (forgery-suite.ts) on the demo site with a permissive permission scheme:
 * clients may also edit issues, transition them and log work, so every path of the table reaches
 * Jira. The app must not depend on the scheme: readers answer as if nothing had been planted, and
 * each forgery they met is reported as tampering in the audit trail.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestHost } from '../../local/host/testing';
import {
  attemptTable, carries, permissiveDemoSite, changedAnswers, FORGED_TARGETS, FORGERIES, FORGING_CLIENTS, markedAnswers, REST_PATHS, runForgeries, unclassifiedResolvers, unreportedForgeries, type ForgeryRun,
} from './forgery-suite';

describe('forgeries through Jira with a permission scheme that lets clients edit, transition and log work', () => {
  let host: TestHost;
  let run: ForgeryRun;
  before(async () => {
    ({ host, run } = await runForgeries(permissiveDemoSite()));
    console.log(`forgery attempts (permissive scheme):\n${attemptTable(run)}`);
    console.log(`readers compared: ${run.forged.size} answers in each state; tamper audit entries: ${run.tamperAudit.length}`);
  });
  after(async () => {
    await host?.close();
  });

  test('the table covers every client person × REST path × target it carries, and every resolver is read or named as not read', () => {
    for (const persona of FORGING_CLIENTS) for (const path of REST_PATHS) for (const target of FORGED_TARGETS) {
      assert.equal(FORGERIES.some((f) => f.persona === persona && f.path === path && f.target === target), carries(path, target), `${persona} ${path} ${target}`);
    }
    assert.deepEqual(unclassifiedResolvers(), []);
    assert.equal(run.attempts.length, FORGERIES.length);
    assert.ok(run.forged.size > 300, `only ${run.forged.size} reader answers`);
  });

  test('Jira lets a client plant Liaison properties by every path that carries one, and refuses the read-only field', () => {
    for (const path of ['create', 'edit', 'property-put', 'transition'] as const) {
      const landed = run.attempts.filter((a) => a.forgery.path === path && a.landed);
      assert.ok(landed.length > 0, `no forgery landed by ${path}`);
    }
    const field = run.attempts.filter((a) => a.forgery.target === 'client-assignee-field');
    assert.ok(field.every((a) => !a.landed), JSON.stringify(field.filter((a) => a.landed).map((a) => [a.forgery.persona, a.forgery.path])));
  });

  test('no reader answers differently with the forged values than without them', () => {
    const changed = changedAnswers(run);
    assert.deepEqual(changed.map((c) => c.reader), [], JSON.stringify(changed.slice(0, 4), null, 1));
  });

  test('no reader answer carries a forged value, in the forged state or after it was removed', () => {
    assert.deepEqual(markedAnswers(run).slice(0, 25), []);
  });

  test('every forgery a reader met is in the audit trail as tampering', () => {
    assert.deepEqual(unreportedForgeries(run), []);
  });
});
