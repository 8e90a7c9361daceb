import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { csvCell, csvLine, toCsv } from '../../src/platform/domain/csv';
import { parseCsv } from './csv-reader';


describe('csvCell', () => {
  test('plain text is written as is', () => {
    assert.equal(csvCell('SHOP-12'), 'SHOP-12');
    assert.equal(csvCell('Checkout – Zahlung über PayPal'), 'Checkout – Zahlung über PayPal');
  });

  test('commas, quotes and line breaks are quoted, quotes doubled', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line 1\nline 2'), '"line 1\nline 2"');
    assert.equal(csvCell('line 1\r\nline 2'), '"line 1\r\nline 2"');
  });

  test('text a spreadsheet would run as a formula gets a leading apostrophe', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+49 30 1234'), "'+49 30 1234");
    assert.equal(csvCell('-2 days'), "'-2 days");
    assert.equal(csvCell('@SUM(A1:A9)'), "'@SUM(A1:A9)");
    assert.equal(csvCell('\t=cmd'), "'\t=cmd");
    assert.equal(csvCell('\r=cmd'), '"\'\r=cmd"');
    assert.equal(csvCell('=HYPERLINK("http://evil.example","click")'), '"\'=HYPERLINK(""http://evil.example"",""click"")"');
    // Only the start matters: an equals sign inside text is harmless.
    assert.equal(csvCell('a=b'), 'a=b');
  });

  test('numbers are data, even negative; booleans are yes/no; nothing is empty', () => {
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell(2.5), '2.5');
    assert.equal(csvCell(0), '0');
    assert.equal(csvCell(Number.NaN), '');
    assert.equal(csvCell(true), 'yes');
    assert.equal(csvCell(false), 'no');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(''), '');
  });
});

describe('toCsv', () => {
  test('a header and rows, CRLF after every line', () => {
    assert.equal(toCsv(['Issue', 'Days'], [['SHOP-1', 3], ['SHOP-2', -1]]), 'Issue,Days\r\nSHOP-1,3\r\nSHOP-2,-1\r\n');
    assert.equal(toCsv(['Only header'], []), 'Only header\r\n');
    assert.equal(csvLine(['a', 1, true, null]), 'a,1,yes,');
  });

  test('round-trips through an RFC 4180 reader, formulas defused', () => {
    const nasty = ['x,y', '"quoted"', 'two\r\nlines', '=2+3', '@me', '', 'über'];
    const rows = parseCsv(toCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], [nasty]));
    assert.deepEqual(rows, [
      ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'],
      ['x,y', '"quoted"', 'two\r\nlines', "'=2+3", "'@me", '', 'über'],
    ]);
  });
});
