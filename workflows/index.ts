// Everything the worker registers as a workflow. Only deterministic orchestration lives
// in this folder: no I/O, no Node built-ins (enforced by the lint config).
export { stackProbe } from './diagnostics.ts';
export { gameJob } from './gameJob.ts';
export { accountEmail } from './email.ts';
