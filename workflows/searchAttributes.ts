// Custom search attributes carried by every job run, so operators can filter runs in
// Temporal UI by state, template, provider and user (an opaque id, never an email).
import { defineSearchAttributeKey } from '@temporalio/common';

export const JOB_STATE = defineSearchAttributeKey('PlayforgeState', 'KEYWORD');
export const JOB_TEMPLATE = defineSearchAttributeKey('PlayforgeTemplate', 'KEYWORD');
export const JOB_PROVIDER = defineSearchAttributeKey('PlayforgeProvider', 'KEYWORD');
export const JOB_USER_ID = defineSearchAttributeKey('PlayforgeUserId', 'KEYWORD');

export const SEARCH_ATTRIBUTES = [JOB_STATE, JOB_TEMPLATE, JOB_PROVIDER, JOB_USER_ID];
