/** For unit tests of the domain's refusals: the AppError a call threw. */
import assert from 'node:assert/strict';
import { AppError, type ErrorCode } from '../../src/platform/domain/errors';

/** Runs `fn`, asserts it threw an AppError with `code`, and answers that error for further checks. */
export function thrownAppError(fn: () => unknown, code: ErrorCode): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof AppError, `expected an AppError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}
