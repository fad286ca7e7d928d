// accountEmail: one account mail (password reset, address verification) per run, started by
// the API with the token row's id as its workflow id, so a request retried by the API starts
// nothing twice. The activity is retried with backoff for about half an hour (an SMTP server that
// is down for a while); a permanent refusal (5xx) ends the run at once.
import { proxyActivities } from '@temporalio/workflow';
import type { EmailActivities, SendAccountEmailInput, SendAccountEmailResult } from '../activities/email.ts';

const { sendAccountEmail: send } = proxyActivities<EmailActivities>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 12 },
});

export const accountEmailWorkflowId = (tokenId: string): string => `email-${tokenId}`;

export async function accountEmail(input: SendAccountEmailInput): Promise<SendAccountEmailResult> {
  return send(input);
}
