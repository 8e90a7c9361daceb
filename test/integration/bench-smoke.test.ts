/**
 * A quick run of the bench harness on a small generated site: each bench runs as a child
 * process and answers its figures, and the panel holds its request budget. (The benches
 * themselves are `npm run bench`, not timed tests.)
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { runChild } from '../bench/child';

describe('bench harness (400-issue site)', () => {
  test('the site bench generates the site and reports its own peak memory', async () => {
    const result = await runChild('sites', ['--size=400']);
    assert.equal(result.bench, 'sites');
    const generate = result.figures.find((f) => f.name === 'site 400: generate');
    assert.ok(generate, JSON.stringify(result.figures));
    assert.match(generate.note ?? '', /^400 issues, \d+ sprints, \d+ worklogs$/);
    assert.ok(result.peakRssMB > 30, `peak RSS ${result.peakRssMB} MB`);
  });

  test('an issue panel load makes at most 2 Jira requests, and the table names which', async () => {
    const result = await runChild('panel', ['--size=400', '--loads=5']);
    const perLoad = (name: string) => result.figures.find((f) => f.name === `panel 400: ${name} repeat Jira requests/load`);
    const asks = perLoad('asks.get');
    const flags = perLoad('flags.get');
    assert.ok(asks && flags, JSON.stringify(result.figures.map((f) => f.name)));
    // asks.get: the issue (fields + ask history property) and the people's names, in one request each.
    assert.equal(asks.value, 2);
    assert.match(asks.note ?? '', /GET \/rest\/api\/3\/issue\/\{key\} ×1/);
    // flags.get on an issue whose rule flags are already in line: the issue read alone.
    assert.equal(flags.value, 1);
    assert.equal(flags.budget, 2);
  });

  test("the rule runs' tallies equal the counts taken without the app, and the exactness rows say so", async () => {
    const result = await runChild('rules', ['--size=400']);
    const rows = result.exactness ?? [];
    assert.deepEqual(rows.map((r) => `${r.report}: ${r.metric}`), [
      'rules 400 first run: issues evaluated',
      'rules 400 first run: issues whose flags were written',
      'rules 400 daily run: issues evaluated',
      'rules 400 daily run: issues whose flags were written',
    ]);
    for (const row of rows) assert.equal(row.difference, row.app - row.oracle, JSON.stringify(row));
    assert.deepEqual(rows.filter((r) => r.difference !== 0), []);
    // The first run found something to flag on the generated site, and read more than it wrote.
    assert.ok(rows[1].app > 0 && rows[0].app > rows[1].app, JSON.stringify(rows));
    assert.equal(rows[3].oracle, 0);
  }, 120_000);
});
