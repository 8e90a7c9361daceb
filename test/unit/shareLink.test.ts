/**
 * Share-link tokens and states (src/reports/domain/shareLink.ts), and the portal's client-visible view of
 * a change request (src/portal/domain/portalSummary.ts).
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { expiryFrom, newShareId, newSigningKey, NOT_FOUND_RESPONSE, shareState, shareToken, verifyShareToken } from '../../src/reports/domain/shareLink';
import { capped, changeOpen, portalChange } from '../../src/portal/domain/portalSummary';

const KEY = 'k'.repeat(43);

describe('share tokens', () => {
  test('an id is 128 random bits in base64url; two are never the same', () => {
    const ids = new Set(Array.from({ length: 200 }, newShareId));
    assert.equal(ids.size, 200);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.match(newSigningKey(), /^[A-Za-z0-9_-]{43}$/);
  });

  test('the token is the id and its HMAC-SHA256 over "liaison-share:v1:<id>"', () => {
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    const expected = createHmac('sha256', KEY).update(`liaison-share:v1:${id}`).digest('base64url');
    assert.equal(shareToken(id, KEY), `${id}.${expected}`);
    assert.equal(verifyShareToken(`${id}.${expected}`, KEY), id);
  });

  test('anything else is refused: another key, a changed id or signature, extra parts, junk', () => {
    const id = newShareId();
    const token = shareToken(id, KEY);
    const [, sig] = token.split('.');
    const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [shareToken(id, 'another-key'), `${flip(id)}.${sig}`, `${id}.${flip(sig)}`, `${token}.x`, id, '', '.', `${id}.`, 'x'.repeat(500), undefined, 42, null]) {
      assert.equal(verifyShareToken(bad, KEY), undefined, String(bad).slice(0, 40));
    }
  });
});

describe('link state', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');
  test('active until its expiry instant, then expired; revoked wins', () => {
    assert.equal(expiryFrom(now, 7), '2026-12-01T12:00:00.000Z');
    assert.equal(shareState({ expiresAt: '2026-11-24T12:00:00.001Z' }, now), 'active');
    assert.equal(shareState({ expiresAt: '2026-11-24T12:00:00.000Z' }, now), 'expired');
    assert.equal(shareState({ expiresAt: '2026-12-01T12:00:00.000Z', revokedAt: '2026-11-20T00:00:00.000Z' }, now), 'revoked');
  });

  test('the not-found page is a 404 that names nothing', () => {
    assert.equal(NOT_FOUND_RESPONSE.statusCode, 404);
    assert.deepEqual(NOT_FOUND_RESPONSE.headers['Cache-Control'], ['no-store']);
    assert.doesNotMatch(NOT_FOUND_RESPONSE.body, /report|project|revoked on|expired on/i);
  });
});

describe("the portal's change request view", () => {
  test('carries the outcome, and a price only for a paid change; never who decided', () => {
    const issue = { issueKey: 'SHOP-81', summary: 'Stock per store' };
    const paid = portalChange(issue, { step: 'client-informed', requestedAt: '2026-11-06T10:15:00.000Z', scheduleDays: 4, decision: { outcome: 'paid', price: { amount: 4800, currency: 'EUR' } } });
    assert.deepEqual(paid, { issueKey: 'SHOP-81', summary: 'Stock per store', step: 'client-informed', requestedAt: '2026-11-06T10:15:00.000Z', scheduleDays: 4, outcome: 'paid', price: { amount: 4800, currency: 'EUR' } });
    const decided = { outcome: 'unpaid' as const, price: { amount: 1, currency: 'EUR' }, by: 'someone', at: 'x' };
    const unpaid = portalChange(issue, { step: 'approved', requestedAt: 'x', decision: decided });
    assert.deepEqual(Object.keys(unpaid).sort(), ['issueKey', 'outcome', 'requestedAt', 'step', 'summary']);
  });

  test('open until declined, withdrawn or told to the client; lists keep their total', () => {
    assert.deepEqual(['logged', 'approved', 'declined', 'withdrawn', 'client-informed'].map((s) => changeOpen(s as never)), [true, true, false, false, false]);
    assert.deepEqual(capped([1, 2, 3, 4, 5, 6, 7], 5), { items: [1, 2, 3, 4, 5], total: 7 });
  });
});
