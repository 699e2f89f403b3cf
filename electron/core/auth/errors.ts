import { AppError } from '../appError';

/** A sign-in that did not end with tokens; `code` tells the UI which, the message tells the timer what to do. */
export class SignInError extends AppError {
  constructor(code: 'oauth_denied' | 'oauth_failed' | 'oauth_timeout' | 'oauth_cancelled', message: string) {
    super(code, message);
    this.name = 'SignInError';
  }
}
