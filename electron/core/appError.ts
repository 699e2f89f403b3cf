import type { ErrorCode, IpcError } from '../../shared/ipc/result';

/** An error meant for the timer: a stable code for code, a message for people. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type LogError = (message: string, error: unknown) => void;

export const internalErrorMessage = 'Something went wrong inside RSU Timer. Your data is saved; please try again.';

/**
 * The one error policy of the main process, for IPC calls and background jobs alike: an AppError
 * (a RunSignupError is one) keeps its code and message; anything else is a bug of ours, logged
 * (`what` says where) and shown as one calm sentence, never as a raw message or "unreachable".
 */
export function explainError(error: unknown, logError: LogError, what: string): IpcError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  logError(`${what} failed`, error);
  return { code: 'internal', message: internalErrorMessage };
}
