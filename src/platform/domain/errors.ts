/**
 * The one error type the app's own code throws. Resolvers turn it into
 * `{ ok: false, error: { code, message, fields? } }` so the UI keeps the details
 * (a thrown error loses them on its way through Forge).
 */

export type ErrorCode = 'VALIDATION' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UPSTREAM';

export const ERROR_CODES: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UPSTREAM'];

/** Field-level messages keyed by dotted path, e.g. `communicationPlan.clientContacts.0.timeZone`. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** For UPSTREAM: the HTTP status the other service answered, when there was one. */
  readonly status?: number;

  constructor(code: ErrorCode, message: string, opts: { fields?: FieldErrors; status?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    if (opts.fields && Object.keys(opts.fields).length > 0) this.fields = opts.fields;
    if (opts.status !== undefined) this.status = opts.status;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The error part of a resolver answer. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

export function toErrorBody(error: AppError): ErrorBody {
  return error.fields ? { code: error.code, message: error.message, fields: error.fields } : { code: error.code, message: error.message };
}
