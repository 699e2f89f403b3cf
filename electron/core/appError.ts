import type { ErrorCode } from '../../shared/ipc/result';

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
