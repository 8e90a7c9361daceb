/**
 * src/README.md and README's "Layout" name the folders of src/ as they are: every folder they name
 * exists, and every folder of src/ (and each folder inside one) is named in src/README.md.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

const folders = (dir: string) => readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isDirectory());

/** The folders src/README.md lists, as `- \`name/\`: ...` lines (paths under src/). */
function namedInSrcReadme(): string[] {
  const text = readFileSync(path.join(src, 'README.md'), 'utf8');
  return [...text.matchAll(/^- `([\w/.-]+)\/`:/gm)].map((m) => m[1]);
}

/** The folders README's Layout section lists under src/ (two-space indented `name/`). */
function namedInLayout(): string[] {
  const text = readFileSync(path.join(root, 'README.md'), 'utf8');
  const layout = text.slice(text.indexOf('## Layout'));
  const block = layout.slice(layout.indexOf('src/ '), layout.indexOf('\nstatic/'));
  return [...block.matchAll(/^ {2}([\w.-]+)\/\s/gm)].map((m) => m[1]);
}

describe('the layout of src/ as the READMEs tell it', () => {
  test('every folder src/README.md names exists', () => {
    const named = namedInSrcReadme();
    assert.ok(named.length > 0, 'src/README.md names no folder');
    assert.deepEqual(named.filter((name) => !existsSync(path.join(src, name))), []);
  });

  test('every folder of src/, and every folder inside one, is named in src/README.md', () => {
    const named = new Set(namedInSrcReadme());
    const present = folders(src).flatMap((top) => [top, ...folders(path.join(src, top)).map((inner) => `${top}/${inner}`)]);
    assert.deepEqual(present.filter((name) => !named.has(name)), []);
  });

  test("README's Layout section names exactly the top-level folders of src/", () => {
    assert.deepEqual(namedInLayout().sort(), folders(src).sort());
  });
});
