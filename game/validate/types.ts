// The finding shape shared by validate and scan (and read by the repair prompt): a rule id a
// model can act on, how bad it is, what to do about it, and where in the document. It is
// part of the workflow's contract, so it is defined there once.
export type { Finding, Severity } from '../../workflows/messages.ts';
