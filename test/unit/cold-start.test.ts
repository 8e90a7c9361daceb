/**
 * What a cold start loads: every Forge function of the app is exported by src/index.ts, so loading
 * it is what each cold invocation pays. The export stack (pdfkit and its fonts, react-dom for the
 * charts) is over half of the backend's code and only exports need it: it must load on the first
 * export, not with the module (src/reports/resolvers/reportsExport.ts, src/reports/webtriggers/reportShare.ts).
 */
import { beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const HEAVY = /[\\/]node_modules[\\/](pdfkit|fontkit|brotli|react-dom|svg-to-pdfkit|@visx[\\/][^\\/]+)[\\/]/;

/** The heavy packages loaded after src/index.ts, then after the first export (one Node process). */
let afterIndex: string[];
let afterExport: string[];

beforeAll(() => {
  const loaded = `JSON.stringify(Object.keys(require.cache))`;
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '-e', `require('./src/index.ts'); console.log(${loaded}); require('./src/reports/export/index.ts'); console.log(${loaded})`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const [first, second] = out.trim().split('\n').slice(-2).map((line) => {
    const files = JSON.parse(line) as string[];
    return [...new Set(files.filter((f) => HEAVY.test(f)).map((f) => HEAVY.exec(f)![1]))].sort();
  });
  afterIndex = first;
  afterExport = second;
});

test('loading every handler (src/index.ts) leaves the export stack unloaded', () => {
  assert.deepEqual(afterIndex, []);
});

test('the first export loads it (so the check above can see the stack)', () => {
  for (const name of ['pdfkit', 'fontkit', 'react-dom', 'svg-to-pdfkit', '@visx/shape']) assert.ok(afterExport.includes(name), `${name} in ${afterExport.join(', ')}`);
});
