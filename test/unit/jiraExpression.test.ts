/**
 * The local Jira expression evaluator behind custom field formatters: literals, templates, member
 * access and optional chaining, operators and their precedence, list and string methods with arrow
 * functions, `let`, and the errors Jira would give (syntax, type, reading a property of null).
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { compileJiraExpression, evaluateJiraExpression, formatWithExpression, JiraEntity, JiraExpressionError, MAX_EXPRESSION_LENGTH } from '../../local/host/jiraExpression';

const ask = {
  client: '5b10ac8d82e05b22cc7d4ef5',
  ask: 'Confirm the address provider',
  due: '2026-11-28',
  state: 'waiting',
  askedAt: '2026-11-19T10:00:00.000Z',
  round: 2,
  history: [
    { action: 'asked', by: 'pm' },
    { action: 're-asked', by: 'pm' },
    { action: 'answered', by: 'client' },
  ],
};
const ev = (expression: string, value: unknown = ask) => evaluateJiraExpression(expression, { value });

function throwsKind(expression: string, kind: JiraExpressionError['kind'], message: RegExp, value: unknown = ask) {
  assert.throws(() => ev(expression, value), (e: unknown) => {
    assert.ok(e instanceof JiraExpressionError, `a JiraExpressionError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    assert.match(e.message, message);
    return true;
  });
}

describe('literals', () => {
  test('strings in both quote kinds, with escapes', () => {
    assert.equal(ev(`'it\\'s' + "a \\"quote\\"\\n"`), `it's` + 'a "quote"\n');
    assert.equal(ev(`'\\u00e9t\\u{1F600}'`), 'ét😀');
  });
  test('numbers, booleans and null', () => {
    assert.equal(ev('42'), 42);
    assert.equal(ev('1.5e2'), 150);
    assert.equal(ev('true'), true);
    assert.equal(ev('false'), false);
    assert.equal(ev('null'), null);
  });
  test('list and map literals', () => {
    assert.deepEqual(ev("[1, 'two', [3]]"), [1, 'two', [3]]);
    assert.deepEqual(ev("{ state: value.state, 'due date': value.due, 3: true }"), { state: 'waiting', 'due date': '2026-11-28', 3: true });
  });
});

describe('template literals', () => {
  test('the formatter shape the app declares', () => {
    assert.equal(ev('`${value.state}: ${value.ask} (due ${value.due})`'), 'waiting: Confirm the address provider (due 2026-11-28)');
  });
  test('nested templates, braces inside ${}, escapes and values of every type', () => {
    assert.equal(ev('`a ${`b ${value.round}`} c`'), 'a b 2 c');
    assert.equal(ev('`${ {k: 1}.k } \\${not} \\``'), '1 ${not} `');
    assert.equal(ev('`${null}|${true}|${1.5}|${[1, "x"]}|${ {a: 1} }`'), 'null|true|1.5|[1,"x"]|{"a":1}');
  });
});

describe('member access', () => {
  test('static and computed', () => {
    assert.equal(ev("value['state']"), 'waiting');
    assert.equal(ev("value.history[1].action"), 're-asked');
    assert.equal(ev("value['hist' + 'ory'][0]['by']"), 'pm');
  });
  test('a missing map key and an index past the end read as null', () => {
    assert.equal(ev('value.answer'), null);
    assert.equal(ev('value.history[9]'), null);
  });
  test('reading a property of null fails as in Jira; optional chaining short-circuits the whole chain', () => {
    throwsKind('value.answer.length', 'evaluation', /Type null does not have any properties \(reading 'length'\)/);
    assert.equal(ev('value.answer?.length'), null);
    assert.equal(ev('value.answer?.text.length'), null, 'the rest of the chain is skipped');
    assert.equal(ev("value.answer?.['x']"), null);
    assert.equal(ev('value?.state'), 'waiting');
  });
  test('length of strings and lists', () => {
    assert.equal(ev('value.ask.length'), 28);
    assert.equal(ev('value.history.length'), 3);
  });
  test('prototype names are not properties of a map', () => {
    assert.equal(ev('value.constructor'), null);
    assert.equal(ev("value['__proto__']"), null);
  });
});

describe('operators', () => {
  test('arithmetic and precedence', () => {
    assert.equal(ev('1 + 2 * 3 - 4 / 2'), 5);
    assert.equal(ev('(1 + 2) * 3 % 4'), 1);
    assert.equal(ev('-value.round + 10'), 8);
  });
  test('+ concatenates when either side is a string', () => {
    assert.equal(ev("'Round ' + value.round + '/' + 3"), 'Round 2/3');
    assert.equal(ev("1 + 2 + 'x'"), '3x');
  });
  test('comparisons of numbers and of strings', () => {
    assert.equal(ev("value.due < '2026-12-01'"), true);
    assert.equal(ev("value.due >= '2026-11-29'"), false);
    assert.equal(ev('value.round <= 2 && value.round > 1'), true);
  });
  test('== and != compare by value, lists and maps included', () => {
    assert.equal(ev("value.state == 'waiting'"), true);
    assert.equal(ev("value.state != 'waiting'"), false);
    assert.equal(ev("[1, {a: 'b'}] == [1, {a: 'b'}]"), true);
    assert.equal(ev("{a: 1} == {a: 2}"), false);
    assert.equal(ev("1 == '1'"), false, 'no coercion');
    assert.equal(ev('value.answer == null'), true);
  });
  test('&&, || and ! follow truthiness and yield an operand', () => {
    assert.equal(ev("value.answer || 'no answer yet'"), 'no answer yet');
    assert.equal(ev("value.state && value.ask"), 'Confirm the address provider');
    assert.equal(ev('!value.answer'), true);
    assert.equal(ev("!!''"), false);
  });
  test('nested ternaries over the state', () => {
    const f = "value.state == 'waiting' ? 'Waiting on client' : value.state == 'answered' ? 'Answered' : value.state == 'accepted' ? 'Accepted' : 'Withdrawn'";
    assert.equal(ev(f), 'Waiting on client');
    assert.equal(ev(f, { ...ask, state: 'accepted' }), 'Accepted');
    assert.equal(ev(f, { ...ask, state: 'withdrawn' }), 'Withdrawn');
  });
});

describe('functions and methods', () => {
  test('map, filter and join with arrow functions', () => {
    assert.equal(ev("value.history.filter(e => e.by == 'pm').map(e => e.action.toUpperCase()).join(', ')"), 'ASKED, RE-ASKED');
    assert.equal(ev('[1, 2, 3].join()'), '1,2,3');
  });
  test('some, every, reduce, includes, indexOf, slice, concat, flatten, flatMap', () => {
    assert.equal(ev("value.history.some(e => e.action == 'answered')"), true);
    assert.equal(ev("value.history.every(e => e.by == 'pm')"), false);
    assert.equal(ev('[1, 2, 3].reduce((sum, x) => sum + x, 10)'), 16);
    assert.equal(ev('[1, 2, 3].reduce((sum, x) => sum + x)'), 6);
    assert.equal(ev("['a', 'b'].includes('b')"), true);
    assert.equal(ev("[[1], [2]].indexOf([2])"), 1);
    assert.deepEqual(ev('[1, 2, 3, 4].slice(1, 3).concat([9])'), [2, 3, 9]);
    assert.deepEqual(ev('[[1], 2, [3, 4]].flatten()'), [1, 2, 3, 4]);
    assert.deepEqual(ev('[1, 2].flatMap(x => [x, x * 10])'), [1, 10, 2, 20]);
  });
  test('string methods, including the progress-bar formatter from the Forge docs', () => {
    assert.equal(ev("`${'▰'.repeat(value / 10).padEnd(10, '▱')} (${value}%)`", 30), '▰▰▰▱▱▱▱▱▱▱ (30%)');
    assert.equal(ev("value.ask.slice(0, 7).toLowerCase() + '…'"), 'confirm…');
    assert.deepEqual(ev("value.due.split('-')"), ['2026', '11', '28']);
    assert.equal(ev("value.due.replaceAll('-', '/')"), '2026/11/28');
    assert.equal(ev("'a-b-c'.replace('-', '+')"), 'a+b-c');
    assert.equal(ev("'  x '.trim().padStart(3, '.')"), '..x');
    assert.equal(ev("value.ask.startsWith('Confirm') && value.ask.endsWith('provider') && value.ask.includes('address')"), true);
    assert.equal(ev("value.ask.indexOf('address')"), 12);
  });
  test('Map get, as in the Forge docs’ mapping formatter', () => {
    assert.equal(evaluateJiraExpression("let mapping = {a: 'Alpha'}; mapping.get(value)", { value: 'a' }), 'Alpha');
  });
  test('let declarations (with or without let) and a leading return', () => {
    assert.equal(ev("let s = value.state; let d = value.due; return `${s} until ${d}`;"), 'waiting until 2026-11-28');
    assert.equal(ev('n = value.round; n * n'), 4);
    assert.equal(ev('let twice = x => x * 2; twice(value.round)'), 4);
  });
  test('a declaration cannot see itself, so nothing recurses', () => {
    throwsKind('let f = x => f(x); f(1)', 'evaluation', /Unknown variable 'f'/);
  });
  test('context entities expose what the host knows and refuse the rest clearly', () => {
    const issue = new JiraEntity('Issue', { key: 'SHOP-7', id: 10007 });
    assert.equal(evaluateJiraExpression('`${issue.key}: ${value.state}`', { value: ask, issue }), 'SHOP-7: waiting');
    assert.throws(() => evaluateJiraExpression('issue.status.name', { issue }), /Issue\.status is not available in the local host \(it provides key, id\)/);
  });
});

describe('errors', () => {
  test('syntax errors name the line, column and what was expected', () => {
    throwsKind("value.state == 'waiting' ? 'W'", 'syntax', /line 1, column 31: ':' expected, end of expression encountered/);
    throwsKind('value.\nstate +', 'syntax', /line 2, column 8: an expression expected/);
    throwsKind("'open", 'syntax', /unterminated string/);
    throwsKind('`${value.state', 'syntax', /'}' expected to close/);
    throwsKind('`${}`', 'syntax', /empty \$\{\}/);
    throwsKind('value.state value.due', 'syntax', /end of expression expected, 'value' encountered/);
    throwsKind('', 'syntax', /an expression expected/);
  });
  test('JavaScript that is not in the supported subset is refused, not guessed', () => {
    throwsKind("value.state === 'waiting'", 'syntax', /'===' is not supported/);
    throwsKind("value.answer ?? 'none'", 'syntax', /'\?\?' is not supported/);
    throwsKind('new Date()', 'syntax', /'new' is not supported/);
    throwsKind('typeof value', 'syntax', /'typeof' is not supported/);
    throwsKind('value.state # x', 'syntax', /unexpected character '#'/);
    throwsKind('let let = 1; 2', 'syntax', /'let' cannot be used as a name/);
  });
  test('type errors: comparing and doing arithmetic across types, unknown methods and properties', () => {
    throwsKind("value.round < '3'", 'type', /Can't compare Number to String\./);
    throwsKind('value.answer > 1', 'type', /Can't compare null to Number\./);
    throwsKind("value.state - 1", 'type', /Operator '-' needs two numbers, not String and Number/);
    throwsKind('value.history + 1', 'type', /Can't add Number to List/);
    throwsKind('value.state.shout()', 'type', /Type String has no method 'shout'/);
    throwsKind('value.round.digits', 'type', /Type Number does not have a property 'digits'/);
    throwsKind('value.state.toUpperCase', 'type', /Method 'toUpperCase' must be called/);
    throwsKind("value.history.map((a, b) => a)", 'type', /'map' calls a function with 1 argument, but it takes 2/);
    throwsKind("value.history.map('action')", 'type', /needs a function/);
    throwsKind("value.history['0']", 'type', /List index must be a whole Number, not String/);
  });
  test('unknown variables and limits', () => {
    throwsKind('String(value.round)', 'evaluation', /Unknown variable 'String'/);
    throwsKind("'x'.repeat(200000)", 'other', /longer than 100000 characters/);
    assert.throws(() => compileJiraExpression(`'${'x'.repeat(MAX_EXPRESSION_LENGTH)}'`), /Jira expression is too long \(1002\), limit: 1000 characters/);
  });
});

describe('formatWithExpression', () => {
  test('returns the text, or the error without throwing', () => {
    assert.deepEqual(formatWithExpression('`${value.state} (${value.due})`', { value: ask }), { ok: true, text: 'waiting (2026-11-28)' });
    const failed = formatWithExpression('value.answer.length', { value: ask });
    assert.equal(failed.ok, false);
    assert.match(!failed.ok ? failed.error.message : '', /Type null does not have any properties/);
  });
  test('a formatter must return a String', () => {
    const r = formatWithExpression('value.round', { value: ask });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error.message : '', /must return a String, but returned Number/);
  });
  test('a compiled expression is reusable over many values', () => {
    const compiled = compileJiraExpression("value.state == 'waiting' ? 'Open' : 'Closed'");
    assert.deepEqual(['waiting', 'accepted', 'waiting'].map((state) => compiled.evaluate({ value: { state } })), ['Open', 'Closed', 'Open']);
  });
});
