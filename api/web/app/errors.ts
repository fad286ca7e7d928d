// What went wrong, in the player's words: the API's error codes and a job's end states become
// sentences that say what happened and what to do next.
import { ApiError } from './api.ts';

const at = (iso: unknown) =>
  (typeof iso === 'string' ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : null);
const text = (x: unknown, otherwise: string) =>
  (typeof x === 'string' || typeof x === 'number' ? String(x) : otherwise);

export function plainError(err: unknown): string {
  if (!(err instanceof ApiError)) {
    return 'Something went wrong on the way to the server. Check your connection and try again.';
  }
  const reset = at(err.context.reset);
  switch (err.code) {
    case 'rate_limited':
      if (err.context.scope === 'address' || err.context.scope === 'ip') {
        return 'Too many e-mails were asked for. Wait a while (an hour at most), then try again.';
      }
      return `You have used all the games you can make for now (${text(err.context.limit, 'the limit')} per `
        + `${text(err.context.window, 'period')}).${reset ? ` You can make more after ${reset}.` : ''}`;
    case 'too_many_attempts':
      return 'Too many sign-in attempts. Wait a few minutes, then try again.';
    case 'invalid_credentials':
      return 'That username or password is not right.';
    case 'account_taken':
      return 'That username or e-mail is already taken. Choose another, or sign in.';
    case 'account_suspended':
      return 'This account is suspended.';
    case 'job_in_progress':
      return 'A change is already being made to this game. Wait for it to finish.';
    case 'not_playable':
      return 'This game cannot be made public yet: it has no approved version.';
    case 'own_game':
      return 'You cannot rate your own game.';
    case 'feature_disabled':
      return 'This is not open to your account yet.';
    case 'email_disabled':
      return 'This server cannot send e-mail. Ask whoever runs it to reset your password or verify your address.';
    case 'reset_token_invalid':
    case 'verification_token_invalid':
      return 'This link does not work (it may have been used already). Ask for a new one.';
    case 'reset_token_expired':
    case 'verification_token_expired':
      return 'This link has expired. Ask for a new one.';
    case 'email_already_verified':
      return 'Your address is already verified.';
    case 'unauthorized':
      return 'Please sign in again.';
    default:
      return err.message;
  }
}

/** The end of a job, said plainly; null while it is still running normally. */
export function jobOutcome(e: { state: string; message?: string; detail?: string }): string | null {
  const why = e.detail ?? e.message ?? '';
  switch (e.state) {
    case 'failed':
      return `The game could not be made: ${why || 'the generator gave up'}.`;
    case 'rejected':
      return `A moderator did not approve this version${why ? `: ${why}` : ''}.`;
    case 'cancelled':
      return 'The job was cancelled.';
    case 'awaiting_review':
      return 'This version is waiting for a moderator. It appears here as soon as they approve it.';
    default:
      return null;
  }
}
