/**
 * Share links to a published client report (issue 7): off by default, switched on per project in
 * Settings; made, listed and revoked by managers and approvers; served by the `report-share` web
 * trigger as a self-contained client report; and every dead link — tampered, unknown, expired,
 * revoked, sharing switched off — answers exactly the same 404 page, so it never reveals whether
 * the report exists. Report snapshots are stored through reportStore (the fixture models of
 * test/unit/report-fixture.ts), so this suite does not depend on report generation.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startShellServer, type ShellServer } from '../../local/host/server';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { buildAuditEntry } from '../../src/platform/domain/audit';
import type { ReportAudience, ReportModel } from '../../src/reports/domain/model';
import { newShareId, shareToken, type ShareLink } from '../../src/reports/domain/shareLink';
import { writeReport, type ReportRecord } from '../../src/reports/store/reportStore';
import { createShare, signingKey } from '../../src/reports/store/shareStore';
import { clientReport, INTERNAL_MARKERS, managerReport } from '../unit/report-fixture';
import { auditEntries } from './asks-support';
import { recordWrites } from './security-support';
import { callerFrom, ok, PROJECT_PAGE, refused } from './support';

let host: TestHost;
let shell: ShellServer;
let call: ReturnType<typeof callerFrom>;
const { pm, approver, dev1, clientPo } = DEMO_USERS;
const PERIOD = { kind: 'week' as const, from: '2026-11-16', to: '2026-11-22' };

async function storeReport(id: string, model: ReportModel, audience: ReportAudience, status: 'draft' | 'published'): Promise<void> {
  const at = new Date();
  const record: ReportRecord = {
    id, projectKey: 'SHOP', period: PERIOD, audience, status, version: 1,
    generatedAt: at.toISOString(), generatedBy: pm, model: { ...model, projectKey: 'SHOP', audience },
    ...(status === 'published' ? { publishedAt: at.toISOString(), publishedBy: pm } : {}),
    periodFrom: PERIOD.from, periodTo: PERIOD.to, source: 'person', updatedAt: at.toISOString(), updatedBy: pm,
  };
  await writeReport(record, 0, buildAuditEntry({ projectKey: 'SHOP', at, actor: pm, action: 'report.publish', target: `report:${id}`, changes: [{ path: '', summary: 'fixture' }] }));
}

async function setSharing(enabled: boolean): Promise<void> {
  const current = ok<any>(await call(pm, 'settings.get', { projectKey: 'SHOP' }));
  ok(await call(pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...current.settings, sharing: { enabled } }));
}

/** Opens a link as a browser would, through the app host's web trigger (no user). */
async function open(url: string) {
  const parsed = new URL(url);
  const match = /^\/(?:public|x1)\/([^/]+)$/.exec(parsed.pathname);
  assert.ok(match, `not a web trigger URL: ${url}`);
  const queryParameters: Record<string, string[]> = {};
  for (const key of new Set(parsed.searchParams.keys())) queryParameters[key] = parsed.searchParams.getAll(key);
  return host.app.runWebtrigger(decodeURIComponent(match[1]), { method: 'GET', path: parsed.pathname, body: '', headers: {}, queryParameters });
}

let deadLink: Awaited<ReturnType<typeof open>>;
let workingUrl = '';

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PROJECT_PAGE);
  shell = await startShellServer({ app: host.app, port: 0, defaultAccountId: pm });
  await storeReport('client-week-47', clientReport(), 'client', 'published');
  await storeReport('manager-week-47', managerReport(), 'manager', 'published');
  await storeReport('client-draft', clientReport(), 'client', 'draft');
  deadLink = await open('http://localhost/x1/report-share?t=never-issued');
});
afterAll(async () => {
  await shell?.close();
  await host?.close();
});

describe('sharing is off until a manager switches it on', () => {
  test('a link cannot be made, and the list says sharing is off', async () => {
    const error = refused(await call(pm, 'shares.create', { projectKey: 'SHOP', reportId: 'client-week-47' }), 'CONFLICT');
    assert.equal(error.message, 'Sharing reports by link is off for SHOP. A manager can switch it on in Settings.');
    assert.deepEqual(ok<any>(await call(approver, 'shares.list', { projectKey: 'SHOP' })), { projectKey: 'SHOP', enabled: false, links: [], truncated: false });
  });

  test('the Settings switch is audited', async () => {
    await setSharing(true);
    const settings = ok<any>(await call(pm, 'settings.get', { projectKey: 'SHOP' }));
    assert.deepEqual(settings.settings.sharing, { enabled: true });
    const last = (await auditEntries(host, 'SHOP')).at(-1)!;
    assert.ok(last.detail.changes.some((c) => c.summary === 'Sharing published client reports by link: switched on'), JSON.stringify(last.detail));
  });
});

describe('making a link', () => {
  test('an approver shares the published client report: the link opens it, client-safe', async () => {
    const made = ok<any>(await call(approver, 'shares.create', { projectKey: 'SHOP', reportId: 'client-week-47', expiresInDays: 7 }));
    // urlFormat: v2 in manifest.yml: Forge's installation-based format, `…/public/<id>`.
    assert.match(made.url, /^http:\/\/localhost\/public\/report-share\?t=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(made.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 6.99 && days <= 7, `expires in ${days} days`);
    workingUrl = made.url;
    const page = await open(made.url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /^<!doctype html>/);
    assert.ok(page.body.includes('Transfer limits by customer tier'), 'the client-visible flag is in the page');
    for (const marker of INTERNAL_MARKERS) assert.equal(page.body.includes(marker), false, `internal "${marker}" in the shared page`);
    assert.ok(!/<script|https?:\/\//i.test(page.body.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')), 'the page loads nothing and runs nothing');
    assert.deepEqual(page.headers['Content-Security-Policy'], ["default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'"]);
    assert.deepEqual(page.headers['Cache-Control'], ['no-store']);
  });

  test('opening it writes nothing', async () => {
    const recorder = recordWrites(host);
    try {
      assert.equal((await open(workingUrl)).statusCode, 200);
      assert.deepEqual(recorder.writes(), []);
    } finally {
      recorder.stop();
    }
  });

  test('only managers and approvers, only published client reports', async () => {
    for (const who of [dev1, clientPo]) refused(await call(who, 'shares.create', { projectKey: 'SHOP', reportId: 'client-week-47' }), 'FORBIDDEN');
    const internal = refused(await call(pm, 'shares.create', { projectKey: 'SHOP', reportId: 'manager-week-47' }), 'VALIDATION');
    assert.match(internal.message, /Only reports published for the client can be shared/);
    refused(await call(pm, 'shares.create', { projectKey: 'SHOP', reportId: 'client-draft' }), 'NOT_FOUND');
    refused(await call(pm, 'shares.create', { projectKey: 'SHOP', reportId: 'no-such-report' }), 'NOT_FOUND');
    refused(await call(pm, 'shares.create', { projectKey: 'SHOP', reportId: 'client-week-47', expiresInDays: 91 }), 'VALIDATION');
  });

  test('the list shows the link, its state and who made it', async () => {
    const list = ok<any>(await call(pm, 'shares.list', { projectKey: 'SHOP' }));
    assert.equal(list.enabled, true);
    assert.equal(list.links.length, 1);
    const [link] = list.links;
    assert.deepEqual([link.reportId, link.state, link.createdBy.displayName, link.url, link.period], ['client-week-47', 'active', 'Oliver Grant', workingUrl, PERIOD]);
  });
});

describe('a dead link answers the same 404 as a link that never existed', () => {
  const same = (answer: Awaited<ReturnType<typeof open>>, why: string) => {
    assert.equal(answer.statusCode, 404, why);
    assert.deepEqual(answer, deadLink, `${why}: the answer differs from an unknown link's`);
  };

  test('the 404 page says so in plain words and reveals nothing', () => {
    assert.equal(deadLink.statusCode, 404);
    assert.match(deadLink.body, /This link is not available/);
    assert.equal(/report|SHOP|expired on|revoked on/i.test(deadLink.body.replace('The link may have expired or been withdrawn', '')), false);
  });

  test('missing, malformed, tampered or foreign-signed tokens', async () => {
    const url = new URL(workingUrl);
    const token = url.searchParams.get('t')!;
    const [id, sig] = token.split('.');
    const flipped = `${id}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const otherId = `${newShareId()}.${sig}`;
    const forged = shareToken(id, 'a-key-that-is-not-the-apps-signing-key-000');
    same(await open('http://localhost/x1/report-share'), 'no token');
    for (const [t, why] of [['', 'empty'], ['abc', 'malformed'], [flipped, 'tampered signature'], [otherId, 'another id with a real signature'], [forged, 'signed with another key'], [`${token}.x`, 'extra part'], [token.toLowerCase(), 'case changed']]) {
      same(await open(`http://localhost/x1/report-share?t=${encodeURIComponent(t)}`), why);
    }
  });

  test('expired', async () => {
    const now = new Date();
    const link: ShareLink = { id: newShareId(), projectKey: 'SHOP', reportId: 'client-week-47', period: PERIOD, createdAt: new Date(now.getTime() - 3 * 86_400_000).toISOString(), createdBy: pm, expiresAt: new Date(now.getTime() - 1000).toISOString() };
    await createShare(link, buildAuditEntry({ projectKey: 'SHOP', at: now, actor: pm, action: 'share.create', target: 'report:client-week-47', changes: [{ path: 'shares', summary: 'fixture' }] }));
    same(await open(`http://localhost/x1/report-share?t=${shareToken(link.id, await signingKey())}`), 'expired');
    const listed = ok<any>(await call(pm, 'shares.list', { projectKey: 'SHOP' })).links.find((l: any) => l.id === link.id);
    assert.deepEqual([listed.state, listed.url], ['expired', null]);
  });

  test('sharing switched off since: the working link dies, and lives again when switched back on', async () => {
    await setSharing(false);
    same(await open(workingUrl), 'sharing off');
    await setSharing(true);
    assert.equal((await open(workingUrl)).statusCode, 200);
  });

  test('revoked: once, by a manager; the link then answers like any dead link', async () => {
    const { links } = ok<any>(await call(pm, 'shares.list', { projectKey: 'SHOP' }));
    const active = links.find((l: any) => l.url === workingUrl);
    refused(await call(dev1, 'shares.revoke', { projectKey: 'SHOP', id: active.id }), 'FORBIDDEN');
    const revoked = ok<any>(await call(pm, 'shares.revoke', { projectKey: 'SHOP', id: active.id }));
    assert.deepEqual([revoked.state, revoked.url], ['revoked', null]);
    same(await open(workingUrl), 'revoked');
    refused(await call(approver, 'shares.revoke', { projectKey: 'SHOP', id: active.id }), 'CONFLICT');
    // Named through another project (where Maya is also manager), the link does not exist.
    refused(await call(pm, 'shares.revoke', { projectKey: 'OPS', id: active.id }), 'NOT_FOUND');
    const audit = (await auditEntries(host, 'SHOP')).filter((e) => e.action === 'share.revoke');
    assert.equal(audit.length, 1);
  });
});

describe('the local host serves web triggers over HTTP', () => {
  test('GET /public/report-share answers the page, and a dead link the same 404 body', async () => {
    const made = ok<any>(await call(pm, 'shares.create', { projectKey: 'SHOP', reportId: 'client-week-47', expiresInDays: 1 }));
    const live = await fetch(made.url.replace('http://localhost', shell.url));
    assert.equal(live.status, 200);
    assert.match(live.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok((await live.text()).includes('Transfer limits by customer tier'));
    const token = made.url.split('t=')[1] as string;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const dead = await fetch(`${shell.url}/public/report-share?t=${tampered}`);
    assert.equal(dead.status, 404);
    assert.equal(await dead.text(), deadLink.body);
  });
});

describe('the signing key', () => {
  test('two first uses at once keep one key: the one that wrote second reads the winner, it does not replace it', async () => {
    const SECRET = 'share-signing-key';
    assert.equal(host.kvs.handle('/api/v1/secret/delete', { key: SECRET }).status, 204);
    const winner = 'w'.repeat(43);
    // Between this caller's read (nothing yet) and its write, another first use stores its key.
    const handle = host.kvs.handle.bind(host.kvs);
    let raced = false;
    host.kvs.handle = (path: string, body: unknown) => {
      const answer = handle(path, body);
      if (!raced && path.endsWith('/secret/get') && answer.status === 404) {
        raced = true;
        assert.equal(handle('/api/v1/secret/set', { key: SECRET, value: winner }).status, 204);
      }
      return answer;
    };
    try {
      assert.equal(await signingKey(), winner);
    } finally {
      host.kvs.handle = handle;
    }
    assert.ok(raced);
    assert.equal((host.kvs.handle('/api/v1/secret/get', { key: SECRET }) as { body: { value: string } }).body.value, winner);
    // A link signed with the winner's key still opens.
    const made = ok<any>(await call(pm, 'shares.create', { projectKey: 'SHOP', reportId: 'client-week-47', expiresInDays: 1 }));
    assert.equal((await open(made.url)).statusCode, 200);
  });
});
