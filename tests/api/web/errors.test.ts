// What the app tells a player when something goes wrong: the API's error codes and a job's end
// states in plain words, with the facts that matter (when the quota resets, why a job failed).
import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../api/web/app/api.ts';
import { jobOutcome, plainError } from '../../../api/web/app/errors.ts';

describe('plain-language errors', () => {
  it('a spent quota says the limit, the window and the local time it resets', () => {
    const reset = new Date(2026, 0, 1, 14, 30).toISOString();
    const said = plainError(new ApiError(429, 'rate_limited', 'Generation limit reached (20 per day)', {
      limit: 20, used: 20, remaining: 0, reset, window: 'day',
    }));
    expect(said).toContain('20 per day');
    expect(said).toContain(new Date(reset).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  });

  it("known refusals get their own sentence, others the server's detail; no answer is a network problem", () => {
    expect(plainError(new ApiError(409, 'not_playable', 'a draft game cannot be made public'))).toMatch(/approved/);
    expect(plainError(new ApiError(400, 'validation_error', 'description: too short'))).toBe('description: too short');
    expect(plainError(new TypeError('Failed to fetch'))).toMatch(/connection/);
    expect(plainError(new ApiError(403, 'feature_disabled', 'This feature (remix) is not available to you')))
      .toBe('This is not open to your account yet.');
  });

  it('a job that failed says why; a rejection says so; a review wait is not an error; running says nothing', () => {
    expect(jobOutcome({ state: 'failed', message: 'all providers failed', detail: 'model refused: unsafe' }))
      .toBe('The game could not be made: model refused: unsafe.');
    expect(jobOutcome({ state: 'rejected', detail: 'violent content' })).toMatch(/moderator did not approve.*violent/);
    expect(jobOutcome({ state: 'awaiting_review', message: 'waiting' })).toMatch(/waiting for a moderator/);
    expect(jobOutcome({ state: 'scanning', message: 'Scanning' })).toBeNull();
  });
});
