/**
 * The sandbox's JQL engine over the hand-built site of jql-fixture.ts: each query's matching
 * keys are worked out by hand from the fixture's table, ORDER BY results likewise, and every
 * query the sandbox cannot evaluate must throw JqlError with Jira's message.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { compileJql, JqlError } from '../../local/jira/jql/index';
import { buildJqlSite, NOW, USER } from './jql-fixture';

const site = buildJqlSite();
const ALL = site.issues.map((i) => i.key);

function keys(jql: string, currentUser: string | null = USER.pm): string[] {
  const query = compileJql(jql, { site, currentUser, now: NOW });
  return site.issues.filter((i) => query.matches(i)).map((i) => i.key).sort();
}

function ordered(jql: string): string[] {
  const query = compileJql(jql, { site, currentUser: USER.pm, now: NOW });
  return site.issues.filter((i) => query.matches(i)).sort((a, b) => query.compare(a, b)).map((i) => i.key);
}

const sorted = (list: string[]): string[] => [...list].sort();
const except = (...excluded: string[]): string[] => ALL.filter((k) => !excluded.includes(k));

/** [jql, expected keys] — computed by hand from the fixture table. */
const CASES: Array<[string, string[]]> = [
  // project: key, name (any case), id
  ['project = WEB', ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', 'WEB-6', 'WEB-7', 'WEB-8']],
  ['project = "webshop"', ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', 'WEB-6', 'WEB-7', 'WEB-8']],
  ['project = 10001', ['OPS-1', 'OPS-2', 'OPS-3']],
  // issue type
  ['project in (WEB, OPS) AND issuetype = bug', ['OPS-2', 'WEB-4']],
  ['type in (Story, "Sub-task")', ['WEB-2', 'WEB-3', 'WEB-6', 'WEB-7']],
  ['issuetype in subTaskIssueTypes()', ['WEB-7']],
  // status and status category (keys and names)
  ['status = "in progress"', ['WEB-2', 'WEB-7']],
  ['status in ("To Do", Backlog)', ['OPS-1', 'OPS-3', 'WEB-3', 'WEB-6', 'WEB-8']],
  ['statusCategory = "To Do"', ['OPS-1', 'OPS-3', 'WEB-3', 'WEB-6', 'WEB-8']],
  ['statusCategory = indeterminate', ['WEB-2', 'WEB-4', 'WEB-7']],
  ['statusCategory in (Done, new)', except('WEB-2', 'WEB-4', 'WEB-7')],
  ['statusCategory != done AND project = WEB', ['WEB-2', 'WEB-3', 'WEB-4', 'WEB-6', 'WEB-7', 'WEB-8']],
  // key / issuekey, ranges within a project
  ['key = WEB-4', ['WEB-4']],
  ['issuekey in (web-2, OPS-3)', ['OPS-3', 'WEB-2']],
  ['key > WEB-5 AND key <= WEB-7', ['WEB-6', 'WEB-7']],
  ['key < OPS-3', ['OPS-1', 'OPS-2']],
  // users: currentUser(), EMPTY, != leaves out empty, NOT pushed down, email and display name
  ['assignee = currentUser()', ['WEB-1']],
  ['assignee is EMPTY', ['OPS-3', 'WEB-3', 'WEB-8']],
  [`assignee != ${USER.dev}`, ['OPS-2', 'WEB-1', 'WEB-4', 'WEB-7']],
  [`NOT assignee = ${USER.dev}`, ['OPS-2', 'WEB-1', 'WEB-4', 'WEB-7']],
  [`assignee in ("${USER.dev2}", EMPTY)`, ['OPS-2', 'OPS-3', 'WEB-3', 'WEB-4', 'WEB-7', 'WEB-8']],
  ['reporter = "clara@client.example"', ['WEB-3']],
  ['reporter is not null AND assignee is null AND project = OPS', ['OPS-3']],
  ['reporter = "Dan Developer"', ['OPS-1', 'WEB-4', 'WEB-7']],
  // created / updated / resolved: functions, relative periods, absolute dates (minute precision)
  ['created >= startOfDay()', ['WEB-6']],
  ['created >= startOfDay(-1)', ['OPS-3', 'WEB-6']],
  ['created > -7d', ['OPS-3', 'WEB-4', 'WEB-6', 'WEB-7']],
  ['created >= "2026-11-18" AND created < "2026/11/20"', ['WEB-3']],
  ['created <= "2026-11-18 08:00"', ['OPS-1', 'OPS-2', 'WEB-1', 'WEB-2', 'WEB-3', 'WEB-5', 'WEB-8']],
  ['updated >= startOfWeek()', ['OPS-3', 'WEB-2', 'WEB-4', 'WEB-6']],
  ['resolved >= startOfMonth()', ['OPS-2', 'WEB-1']],
  ['created >= startOfMonth(-1)', except('WEB-5')],
  ['resolutiondate is EMPTY AND project = OPS', ['OPS-1', 'OPS-3']],
  // due date: a date, compared by day
  ['duedate < now()', ['WEB-1', 'WEB-4', 'WEB-8']],
  ['due = "2026-11-25"', ['WEB-2']],
  ['duedate <= 7d AND duedate >= startOfDay()', ['OPS-3', 'WEB-2', 'WEB-3', 'WEB-6', 'WEB-7']],
  ['duedate < startOfWeek("+1w")', ['WEB-1', 'WEB-2', 'WEB-4', 'WEB-7', 'WEB-8']],
  ['due is EMPTY', ['OPS-2', 'WEB-5']],
  ['due <= endOfDay("+2d")', ['WEB-1', 'WEB-2', 'WEB-4', 'WEB-7', 'WEB-8']],
  ['duedate > "-2w"', except('OPS-2', 'WEB-5')],
  // labels (multi-valued: NOT IN needs a label, and none of them listed)
  ['labels = content', ['WEB-5', 'WEB-8']],
  ['labels in (frontend, INFRA)', ['OPS-1', 'OPS-2', 'WEB-2', 'WEB-3']],
  ['labels not in (content) AND project = WEB', ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-6']],
  ['labels is EMPTY', ['OPS-3', 'WEB-4', 'WEB-7']],
  // sprints: functions, name, id
  ['sprint in openSprints()', ['OPS-1', 'OPS-2', 'WEB-2', 'WEB-4', 'WEB-6', 'WEB-7']],
  ['sprint in closedSprints()', ['WEB-2', 'WEB-5']],
  ['sprint = "web sprint 3"', ['WEB-3']],
  ['sprint is EMPTY', ['OPS-3', 'WEB-1', 'WEB-8']],
  ['sprint in futureSprints() OR sprint = 4', ['OPS-1', 'OPS-2', 'WEB-3']],
  // parent
  ['parent = WEB-1', ['WEB-2', 'WEB-3']],
  ['parent in (WEB-2, WEB-1)', ['WEB-2', 'WEB-3', 'WEB-7']],
  // text: words, plurals, phrases, wildcards, !~, description, text (summary, description, comments, text fields)
  ['summary ~ card', ['WEB-2', 'WEB-7']],
  ['summary ~ "CARDS"', ['WEB-2', 'WEB-7']],
  ['summary ~ "\\"unit tests\\""', ['WEB-7']],
  ['summary ~ "\\"tests unit\\""', []],
  ['summary ~ "check*"', ['WEB-1']],
  ['summary ~ "chec"', []],
  ['summary !~ card AND project = WEB', ['WEB-1', 'WEB-3', 'WEB-4', 'WEB-5', 'WEB-6', 'WEB-8']],
  ['description ~ "client confirms"', ['WEB-2']],
  ['description is EMPTY AND project = OPS', ['OPS-1', 'OPS-3']],
  ['text ~ "reproduced cart"', ['WEB-4']],
  ['text ~ backup', ['OPS-2']],
  ['text ~ "PO-7781"', ['WEB-6']],
  // indexed issue properties, their search aliases, and an unindexed property (type inferred)
  ['issue.property[liaison-flags].open > 0', ['WEB-2', 'WEB-6']],
  ['liaisonFlagCategory = "scope-creep"', ['WEB-2']],
  ['liaisonOpenFlags = 0', ['WEB-4']],
  ['issue.property[liaison-flags].maxSeverity in (high, medium)', ['WEB-2', 'WEB-6']],
  ['issue.property[liaison-change].decision.price >= 1000', ['WEB-8']],
  ['issue.property[liaison-change].decision.at < startOfDay()', ['WEB-8']],
  ['issue.property[liaison-change].decision.outcome = PAID', ['WEB-8']],
  // Forge custom field: search aliases (alone and as "Field name.alias") and the object field itself
  ['clientAskState = waiting', ['WEB-3', 'WEB-8']],
  ['"Client assignee.clientAskDue" < now()', ['WEB-5', 'WEB-8']],
  ['clientAskClient = currentUser()', []],
  [`clientAskClient = "${USER.client}" AND clientAskState != waiting`, ['WEB-5']],
  ['"Client assignee" is not EMPTY', ['WEB-3', 'WEB-5', 'WEB-8']],
  ['"Client assignee" ~ photos', ['WEB-8']],
  // custom fields by name and by cf[id]
  ['"Story Points" > 3', ['WEB-2', 'WEB-6']],
  ['cf[10016] <= 2', ['OPS-1', 'WEB-4', 'WEB-5']],
  ['"story point estimate" is EMPTY', ['OPS-2', 'WEB-1', 'WEB-7', 'WEB-8']],
  ['"Client reference" ~ "purchase order"', ['WEB-6']],
  // priority order, resolution
  ['priority >= High', ['OPS-1', 'OPS-2', 'WEB-1', 'WEB-2', 'WEB-4']],
  ['resolution = Unresolved AND project = WEB', ['WEB-2', 'WEB-3', 'WEB-4', 'WEB-6', 'WEB-7', 'WEB-8']],
  // AND / OR / NOT, parentheses, && and ||
  ['(project = OPS OR labels = checkout) AND NOT status = Done', ['OPS-1', 'OPS-3', 'WEB-2']],
  ['NOT (project = WEB OR assignee is EMPTY)', ['OPS-1', 'OPS-2']],
  ['project = OPS && labels = infra || key = WEB-1', ['OPS-1', 'OPS-2', 'WEB-1']],
  [`assignee = ${USER.dev} AND (status = "To Do" OR priority = Low)`, ['WEB-5', 'WEB-6']],
  ['project = WEB AND project != WEB', []],
];

describe('JQL: matching issues', () => {
  test(`the fixture has ${ALL.length} issues and there are ${CASES.length} cases`, () => {
    assert.equal(ALL.length, 11);
    assert.ok(CASES.length >= 40);
  });
  for (const [jql, expected] of CASES) {
    test(jql, () => assert.deepEqual(keys(jql), sorted(expected)));
  }
});

describe('JQL: ORDER BY', () => {
  test('no ORDER BY sorts by key descending, as Jira does', () => {
    assert.deepEqual(ordered('project = OPS'), ['OPS-3', 'OPS-2', 'OPS-1']);
  });
  test('key ASC orders by number within the project (WEB-10 would follow WEB-9)', () => {
    assert.deepEqual(ordered('project = WEB ORDER BY key ASC'), ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', 'WEB-6', 'WEB-7', 'WEB-8']);
  });
  test('duedate ASC puts the earliest first', () => {
    assert.deepEqual(ordered('project = WEB AND duedate is not EMPTY ORDER BY duedate ASC'), ['WEB-1', 'WEB-8', 'WEB-4', 'WEB-2', 'WEB-7', 'WEB-6', 'WEB-3']);
  });
  test('duedate without a direction sorts descending, empty first', () => {
    assert.deepEqual(ordered('project = WEB ORDER BY duedate'), ['WEB-5', 'WEB-3', 'WEB-6', 'WEB-7', 'WEB-2', 'WEB-4', 'WEB-8', 'WEB-1']);
  });
  test('priority DESC, then key ASC', () => {
    assert.deepEqual(ordered('project in (WEB, OPS) ORDER BY priority DESC, key ASC'),
      ['OPS-2', 'WEB-2', 'OPS-1', 'WEB-1', 'WEB-4', 'OPS-3', 'WEB-3', 'WEB-6', 'WEB-7', 'WEB-5', 'WEB-8']);
  });
  test('a custom field by name, descending: empty values first, ties by key descending', () => {
    assert.deepEqual(ordered('project = WEB ORDER BY "Story Points" DESC'), ['WEB-8', 'WEB-7', 'WEB-1', 'WEB-6', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5']);
  });
  test('assignee by display name (unassigned last), then created newest first', () => {
    assert.deepEqual(ordered('project = WEB ORDER BY assignee ASC, created DESC'), ['WEB-6', 'WEB-2', 'WEB-5', 'WEB-4', 'WEB-7', 'WEB-1', 'WEB-3', 'WEB-8']);
  });
  test('an issue property path', () => {
    assert.deepEqual(ordered('project = WEB AND issue.property[liaison-flags].open IS NOT EMPTY ORDER BY issue.property[liaison-flags].open ASC'), ['WEB-4', 'WEB-6', 'WEB-2']);
  });
  test('a search alias, ascending', () => {
    assert.deepEqual(ordered('clientAskDue is not EMPTY ORDER BY clientAskDue ASC'), ['WEB-5', 'WEB-8', 'WEB-3']);
  });
});

describe('JQL: bounded', () => {
  const bounded = (jql: string) => compileJql(jql, { site, currentUser: USER.pm, now: NOW }).bounded;
  test('an empty query or one that only orders is unbounded, and matches every issue', () => {
    assert.equal(bounded(''), false);
    assert.equal(bounded('   '), false);
    assert.equal(bounded('ORDER BY created DESC'), false);
    assert.deepEqual(keys('ORDER BY created DESC'), sorted(ALL));
  });
  test('any search restriction bounds it', () => {
    assert.equal(bounded('project = WEB'), true);
    assert.equal(bounded('assignee is EMPTY ORDER BY key'), true);
  });
});

describe('JQL: permissions in name resolution', () => {
  test('a project the caller cannot browse does not exist for them', () => {
    assert.throws(() => keys('project = OPS', USER.client), (err: unknown) =>
      err instanceof JqlError && err.errorMessages[0] === "The value 'OPS' does not exist for the field 'project'.");
    assert.throws(() => keys('key = OPS-1', USER.client), (err: unknown) =>
      err instanceof JqlError && err.errorMessages[0] === "An issue with key 'OPS-1' does not exist for field 'key'.");
  });
  test('the same names resolve for a caller who may browse them', () => {
    assert.deepEqual(keys('project = OPS AND key = OPS-1', USER.dev), ['OPS-1']);
  });
  test('currentUser() of an anonymous caller matches nobody', () => {
    assert.deepEqual(keys('assignee = currentUser()', null), []);
  });
});

const DATE_FORMATS = "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";
const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

/** [jql, Jira's message] for queries the sandbox refuses. */
const REFUSED: Array<[string, string]> = [
  ['foo = bar', "Field 'foo' does not exist or you do not have permission to view it."],
  ['status = Nonexistent', "The value 'Nonexistent' does not exist for the field 'status'."],
  ['status ~ done', "The operator '~' is not supported by the 'status' field."],
  ['summary = "card"', "The operator '=' is not supported by the 'summary' field."],
  ['status is EMPTY', "The operator 'is' is not supported by the 'status' field."],
  ['summary in card', `Operator 'in' does not support the non-list value '"card"' for field 'summary'.`],
  [`assignee = ("${USER.dev}", "${USER.dev2}")`, `Operator '=' does not support the list value '("${USER.dev}", "${USER.dev2}")' for field 'assignee'.`],
  ['project = WEB AND', 'Error in the JQL Query: Expecting a field name at the end of the query.'],
  ['project =', 'Error in JQL Query: Expecting either a value, list or function before the end of the query.'],
  ['project = WEB status = Done', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)"],
  ['invalid query', `Error in the JQL Query: Expecting operator but got 'query'. ${VALID_OPERATORS} (line 1, character 9)`],
  ['project = WEB AND (status = Done', "Error in the JQL Query: Expecting ')' before the end of the query."],
  ['summary ~ "unclosed', "Error in the JQL Query: The quoted string 'unclosed' has not been completed. (line 1, character 11)"],
  ['assignee = noSuchFunction()', "Unable to find JQL function 'noSuchFunction()'."],
  ['status = currentUser()', "A value provided by the function 'currentUser' is invalid for the field 'status'."],
  ['created > yesterday', `Date value 'yesterday' for field 'created' is invalid. ${DATE_FORMATS}`],
  ['duedate = "2026-02-30"', `Date value '2026-02-30' for field 'duedate' is invalid. ${DATE_FORMATS}`],
  ['created > now(1)', "Function 'now' expected '0' arguments but received '1'."],
  ['created > startOfDay(-1, 2)', "Function 'startOfDay' expected between '0' and '1' arguments but received '2'."],
  ['created > startOfDay("soon")', "Duration for function 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier."],
  ['key = WEB-99', "An issue with key 'WEB-99' does not exist for field 'key'."],
  ['key = checkout', "The issue key 'checkout' for field 'key' is invalid."],
  ['parent = WEB-42', "An issue with key 'WEB-42' does not exist for field 'parent'."],
  ['assignee = "Nobody Here"', "The value 'Nobody Here' does not exist for the field 'assignee'."],
  ['sprint = "Sprint 99"', "The value 'Sprint 99' does not exist for the field 'sprint'."],
  ['statusCategory = Blocked', "The value 'Blocked' does not exist for the field 'statusCategory'."],
  ['"Story Points" > lots', "The value 'lots' does not exist for the field 'Story Points'."],
  ['project = WEB ORDER BY description', "Not able to sort using field 'description'."],
  ['project = WEB ORDER BY rank', "Not able to sort using field 'rank'."],
  ['status was Done', "The operator 'was' is not supported by the 'status' field in the Jira sandbox: it does not search issue history."],
  ['summary changed', "The operator 'changed' is not supported by the 'summary' field."],
  ['created > EMPTY', "The operator '>' does not support searching for EMPTY values for the field 'created'."],
  ['parent is EMPTY', "The operator 'is' is not supported by the 'parent' field."],
  ['text ~ ""', "The field 'text' does not support searching for an empty string."],
  ['project.property[x].y = 1', "Field 'project.property[x].y' does not exist or you do not have permission to view it."],
];

describe('JQL: refused queries answer Jira\'s message, never a silent match-all', () => {
  test(`${REFUSED.length} refused queries`, () => assert.ok(REFUSED.length >= 10));
  for (const [jql, message] of REFUSED) {
    test(jql, () => {
      assert.throws(() => compileJql(jql, { site, currentUser: USER.pm, now: NOW }), (err: unknown) => {
        assert.ok(err instanceof JqlError, `expected JqlError, got ${String(err)}`);
        assert.deepEqual(err.errorMessages, [message]);
        return true;
      });
    });
  }
});
