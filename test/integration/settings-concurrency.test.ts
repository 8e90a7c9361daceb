/**
 * Lost updates on a project's settings: ten `settings.save` calls at once, each adding its own
 * holiday to the version it loaded, with storage answering after a few milliseconds as Forge's
 * does (concurrency-support.ts). A save is one KVS transaction conditioned on the version it was
 * edited from (settingsStore.ts): every save answered OK is stored, every other is answered
 * CONFLICT, and a retry of the conflicted ones from a fresh load lands.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { outcomes, storageLatency } from './concurrency-support';
import { callerFrom, ok, PROJECT_PAGE, type Answer } from './support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const WRITERS = 10;
const { pm } = DEMO_USERS;

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PROJECT_PAGE);
  storageLatency(host);
});
afterAll(async () => {
  await host?.close();
});

async function load(): Promise<{ version: number; settings: any }> {
  return ok<any>(await call(pm, 'settings.get', { projectKey: 'SHOP' }));
}

const holiday = (i: number) => ({ date: `2027-03-${String(i + 1).padStart(2, '0')}`, name: `Holiday of writer ${i}` });

function withHoliday(settings: any, i: number): any {
  const edited = structuredClone(settings);
  edited.communicationPlan.holidays = [...edited.communicationPlan.holidays, holiday(i)];
  return edited;
}

function storedNames(settings: any): string[] {
  return settings.communicationPlan.holidays.map((h: { name: string }) => h.name).filter((n: string) => n.startsWith('Holiday of writer'));
}

describe('ten settings saves at once', () => {
  test('each OK is stored, the rest CONFLICT, and their retries land', async () => {
    const start = await load();
    const answers: Answer[] = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => call(pm, 'settings.save', { projectKey: 'SHOP', version: start.version, ...withHoliday(start.settings, i) })),
    );
    const { landed, conflicted } = outcomes(answers);
    console.log(`settings, ${WRITERS} saves at once from version ${start.version}: ${landed.length} OK, ${conflicted.length} CONFLICT`);
    // All ten edited the same version: exactly one can land.
    assert.equal(landed.length, 1);
    const afterRace = await load();
    assert.equal(afterRace.version, start.version + 1);
    assert.deepEqual(storedNames(afterRace.settings), [holiday(landed[0]).name]);

    // Each conflicted writer reloads, applies its change again and saves: each lands.
    for (const i of conflicted) {
      const fresh = await load();
      ok(await call(pm, 'settings.save', { projectKey: 'SHOP', version: fresh.version, ...withHoliday(fresh.settings, i) }));
    }
    const end = await load();
    assert.equal(end.version, start.version + WRITERS);
    assert.deepEqual(storedNames(end.settings).sort(), Array.from({ length: WRITERS }, (_, i) => holiday(i).name).sort());
  });
});
