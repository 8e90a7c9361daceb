/**
 * Calling the app's resolvers from a Custom UI app. Every resolver answers
 * `{ ok: true, data } | { ok: false, error: { code, message, fields? } }`; a call that fails on the
 * way (network, Forge) is turned into the same error shape so pages handle one thing.
 */
import { invoke } from './forge';
import type { ErrorBody } from '../../src/platform/domain/errors';

export type { ErrorBody };
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

function isAnswer(value: unknown): value is Answer<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const answer = value as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  return answer.ok === true || (answer.ok === false && typeof answer.error?.code === 'string' && typeof answer.error?.message === 'string');
}

export async function callResolver<T>(key: string, payload: Record<string, unknown> = {}): Promise<Answer<T>> {
  try {
    const answer = await invoke(key, payload);
    if (isAnswer(answer)) return answer as Answer<T>;
    return { ok: false, error: { code: 'UPSTREAM', message: 'Liaison answered in a form this page does not understand. Reload the page.' } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'UPSTREAM', message: `Liaison could not be reached: ${detail}` } };
  }
}
