/**
 * static/common/latestAnswer.ts: which of overlapping reads' and writes' answers a screen may show.
 * Each test plays answers arriving in an order a slow host can deliver, through real promises.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { LatestAnswer } from '../../static/common/latestAnswer';

/** A resolver call whose answer the test delivers when it likes. */
function pending<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

/** A screen's state and the reads and writes that set it through one LatestAnswer, as the screens do. */
function screen(initial: string) {
  const latest = new LatestAnswer();
  const state = { shown: initial };
  const read = async (call: Promise<string>) => {
    const turn = latest.read();
    const answer = await call;
    if (turn.claim()) state.shown = answer;
  };
  const write = async (call: Promise<string>) => {
    const turn = latest.write();
    const answer = await call;
    if (turn.claim()) state.shown = answer;
  };
  return { state, read, write };
}

describe('LatestAnswer', () => {
  test('an older read answering last does not replace the newer read', async () => {
    const { state, read } = screen('loading');
    const first = pending<string>();
    const second = pending<string>();
    const reads = [read(first.promise), read(second.promise)];
    second.answer('filter B rows');
    await reads[1];
    assert.equal(state.shown, 'filter B rows');
    first.answer('filter A rows');
    await reads[0];
    assert.equal(state.shown, 'filter B rows');
  });

  test('an older read answering first is not shown either: only the latest read started may show', async () => {
    const { state, read } = screen('loading');
    const first = pending<string>();
    const second = pending<string>();
    const reads = [read(first.promise), read(second.promise)];
    first.answer('filter A rows');
    await reads[0];
    assert.equal(state.shown, 'loading');
    second.answer('filter B rows');
    await reads[1];
    assert.equal(state.shown, 'filter B rows');
  });

  test('reads one after the other each show their answer', async () => {
    const { state, read } = screen('loading');
    await read(Promise.resolve('one'));
    assert.equal(state.shown, 'one');
    await read(Promise.resolve('two'));
    assert.equal(state.shown, 'two');
  });

  test("a write's answer beats a read started before it that answers after it", async () => {
    const { state, read, write } = screen('loading');
    await read(Promise.resolve('links: none'));
    const slowRead = pending<string>();
    const reading = read(slowRead.promise);
    await write(Promise.resolve('links: the new one'));
    assert.equal(state.shown, 'links: the new one');
    slowRead.answer('links: none');
    await reading;
    assert.equal(state.shown, 'links: the new one', 'the message just posted is still shown');
  });

  test("a write's answer beats a read started while the write was in flight, whichever answers first", async () => {
    const { state, read, write } = screen('before');
    const writeCall = pending<string>();
    const writing = write(writeCall.promise);
    const readCall = pending<string>();
    const reading = read(readCall.promise);
    readCall.answer('read during the write');
    await reading;
    assert.equal(state.shown, 'read during the write');
    writeCall.answer('after the write');
    await writing;
    assert.equal(state.shown, 'after the write');
  });

  test("a read started after a write's answer was shown shows its own", async () => {
    const { state, read, write } = screen('before');
    await write(Promise.resolve('after the write'));
    await read(Promise.resolve('read later'));
    assert.equal(state.shown, 'read later');
  });

  test('of two writes at once, the earlier one answering last is not shown', async () => {
    const { state, write } = screen('before');
    const first = pending<string>();
    const second = pending<string>();
    const writes = [write(first.promise), write(second.promise)];
    second.answer('second write');
    await writes[1];
    first.answer('first write');
    await writes[0];
    assert.equal(state.shown, 'second write');
  });

  test('each LatestAnswer orders its own thing: another one does not hold it back', async () => {
    const list = screen('list');
    const other = screen('other');
    const slow = pending<string>();
    const reading = list.read(slow.promise);
    await other.write(Promise.resolve('other written'));
    slow.answer('list read');
    await reading;
    assert.equal(list.state.shown, 'list read');
    assert.equal(other.state.shown, 'other written');
  });
});
