// Recording the histories replay.test.ts replays: each main path is driven through the real
// API services and a real worker (fake LLM servers where a model is needed), and its history
// is saved only after checking it really took that path.
import { expect } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { cancelJob, sendModerationDecision, startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { Caller } from '../../api/policies.ts';
import { GAME_JOB_LAYOUT, type GameJobResult } from '../../workflows/messages.ts';
import { activitySteps, payloadJson as decode } from '../../lib/workflowHistory.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import type { Services } from '../helpers/services.ts';
import { startTestWorker, testConfig } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import {
  FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, fakeGameHtml, startFakeAnthropic, startFakeOpenAI, type FakeLlmServer,
} from '../../fakes/llmServers.ts';

// Failure stack traces carry the checkout's absolute path; a recording names no machine's folders.
const CHECKOUT = join(import.meta.dirname, '..', '..');
const withoutCheckoutPath = (json: string): string => json.split(`${CHECKOUT}/`).join('<checkout>/');

export type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

export const HISTORIES_DIR = join(import.meta.dirname, '../fixtures/histories');

/** The layout before the fast path: every step a regular activity (no 'local-steps' patch). */
export const BEFORE_LOCAL_STEPS = [
  'offline-create', 'modify-offline', 'fallback-openai-to-anthropic', 'repair-truncated', 'safety-refusal',
  'review-update-approved', 'cancelled',
].map((n) => `before-local-steps.${n}`);

export const RECORDED_PATHS = [
  'offline-create', 'modify-offline', 'fallback-openai-to-anthropic', 'repair-truncated', 'safety-refusal',
  'review-update-approved', 'cancelled', 'offline-playtest',
] as const;

/** The fast layout as runs started before the layout version took it: behind its patches. */
export const PATCHED_LAYOUT = RECORDED_PATHS.map((n) => `patched-layout.${n}`);

/**
 * Recorded by code that can no longer produce them, kept because runs like them may still be
 * replayed: review-approved took the moderation decision as a signal, before the Update; the
 * before-local-steps ones ran every step through the task queue; the patched-layout ones took
 * today's steps by asking their patches.
 */
export const LEGACY_HISTORIES = ['review-approved', ...BEFORE_LOCAL_STEPS, ...PATCHED_LAYOUT];
type PathName = (typeof RECORDED_PATHS)[number];

/** What a history shows of the path it took. */
export interface Took {
  input: Record<string, unknown>;
  /** Regular activities, in the order they were scheduled. */
  activities: string[];
  /** Local activities other than progress events (notify), in order. */
  local: string[];
  signals: string[];
  updates: string[];
  patches: string[];
  result?: GameJobResult;
}


export function took(history: History): Took {
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const completed = events.find((e) => e.workflowExecutionCompletedEventAttributes)
    ?.workflowExecutionCompletedEventAttributes;
  return {
    input: decode(started?.input?.payloads?.[0]) as Record<string, unknown>,
    activities: events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []),
    local: activitySteps(history).filter((a) => a.local && a.type !== 'notify').map((a) => a.type),
    signals: events.flatMap((e) => e.workflowExecutionSignaledEventAttributes?.signalName ?? []),
    updates: events.flatMap((e) =>
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? []),
    patches: events.flatMap((e) => {
      const marker = e.markerRecordedEventAttributes;
      if (marker?.markerName !== 'core_patch') return [];
      return [(decode(marker.details?.['patch-data']?.payloads?.[0]) as { id: string }).id];
    }),
    result: decode(completed?.result?.payloads?.[0]) as GameJobResult | undefined,
  };
}

/** The workflow input carries identifiers and settings only; the request stays in the job row. */
const INPUT_KEYS = ['jobId', 'kind', 'userId', 'gameId', 'sessionId', 'baseVersion', 'reviewTimeout', 'layout'];

interface Ctx {
  deps: JobDeps;
  caller: Caller;
  moderatorId: string;
  openai: FakeLlmServer;
}

interface PathSpec {
  llm: boolean;
  /** Run with the browser playtest on (a Chromium the suite provides). */
  playtest?: boolean;
  /** Drives the path; answers the workflow id of the run to save. */
  run: (c: Ctx) => Promise<string>;
  check: (t: Took) => void;
}

const create = async (c: Ctx, prompt: string) => (await startJob(c.deps, c.caller, { kind: 'create', prompt })).job;

const PATHS: Record<PathName, PathSpec> = {
  'offline-create': {
    llm: false,
    run: async (c) => (await create(c, 'a blue platformer with a golden coin')).workflowId!,
    check: (t) => {
      expect(t.result).toMatchObject({ state: 'completed', provider: 'offline', version: 1 });
      // The offline engine is a local step too: an offline job schedules only its playtest, if any.
      expect(t.activities).toEqual([]);
      expect(t.local).toEqual(['prepareJob', 'generateOffline', 'checkDraft', 'storeVersion']);
    },
  },
  'modify-offline': {
    llm: false,
    run: async (c) => {
      const made = await create(c, 'a blue platformer with a golden coin');
      await c.deps.temporal.workflow.getHandle(made.workflowId!).result();
      const { job } = await startJob(c.deps, c.caller, {
        kind: 'modify', gameId: made.gameId!, prompt: 'make the player red and jump higher',
      });
      return job.workflowId!;
    },
    check: (t) => {
      expect(t.input).toMatchObject({ kind: 'modify' });
      expect(t.local).toEqual(['prepareJob', 'generateOffline', 'checkDraft', 'storeVersion']);
      expect(t.result).toMatchObject({ state: 'completed', provider: 'offline', version: 2 });
    },
  },
  'offline-playtest': {
    llm: false,
    playtest: true,
    run: async (c) => (await create(c, 'a snake game that eats red apples')).workflowId!,
    check: (t) => {
      // The playtest branch: the playtest is the one regular activity.
      expect(t.activities).toEqual(['playtestDraft']);
      expect(t.local).toEqual(['prepareJob', 'generateOffline', 'checkDraft', 'storeVersion']);
      expect(t.result).toMatchObject({ state: 'completed', provider: 'offline', version: 1 });
    },
  },
  'fallback-openai-to-anthropic': {
    llm: true,
    run: async (c) => {
      c.openai.setDefault({ kind: 'status', status: 500 });
      return (await create(c, 'a racing game')).workflowId!;
    },
    check: (t) => {
      expect(t.activities).toEqual(expect.arrayContaining(['generateWithOpenAI', 'generateWithAnthropic']));
      expect(t.result).toMatchObject({ state: 'completed', provider: 'anthropic' });
    },
  },
  'repair-truncated': {
    llm: true,
    run: async (c) => {
      const html = fakeGameHtml('Half');
      c.openai.script([{ kind: 'truncated', text: `\`\`\`html\n${html.slice(0, html.length / 2)}` }]);
      return (await create(c, 'a shooter')).workflowId!;
    },
    check: (t) => {
      expect(t.activities.filter((a) => a === 'generateWithOpenAI')).toHaveLength(2);
      expect(t.local.filter((a) => a === 'checkDraft')).toHaveLength(1); // the truncated draft is not checked
      expect(t.result).toMatchObject({ state: 'completed', provider: 'openai' });
    },
  },
  'safety-refusal': {
    llm: true,
    run: async (c) => {
      c.openai.script([{ kind: 'refusal', reason: 'I cannot help with that.' }]);
      return (await create(c, 'something refused')).workflowId!;
    },
    check: (t) => {
      // Asked once, not retried on the same provider, not routed to the next one.
      expect(t.activities).toEqual(['generateWithOpenAI']);
      expect(t.result).toMatchObject({ state: 'rejected', error_code: 'safety_refusal' });
    },
  },
  'review-update-approved': {
    llm: true,
    run: async (c) => {
      const reviewed = fakeGameHtml('Hist').replace('</script>', 'history.pushState({}, "");\n</script>');
      c.openai.script([{ kind: 'ok', text: `\`\`\`html\n${reviewed}\n\`\`\`` }]);
      const job = await create(c, 'a reviewed game');
      await waitFor('review', 30, async () => (await job.reload()).state === 'awaiting_review');
      await sendModerationDecision(c.deps, job, { decision: 'approve', moderatorId: c.moderatorId });
      return job.workflowId!;
    },
    check: (t) => {
      expect(t).toMatchObject({ signals: [], updates: ['moderate'] });
      expect(t.local).toEqual(['prepareJob', 'checkDraft', 'storeVersion', 'finishReview']);
      expect(t.result).toMatchObject({ state: 'completed' });
    },
  },
  cancelled: {
    llm: true,
    run: async (c) => {
      c.openai.setDefault({ kind: 'hang' });
      const job = await create(c, 'a cancelled game');
      await waitFor('model call', 20, () =>
        c.openai.requests.some((r) => JSON.stringify(r.body).includes('a cancelled game')));
      await cancelJob(c.deps, job, c.caller);
      return job.workflowId!;
    },
    check: (t) => {
      expect(t.signals).toEqual(['cancel']);
      expect(t.result).toMatchObject({ state: 'cancelled' });
    },
  },
};

/** Throws unless the history took the named path, in today's layout: the short steps local,
 *  started with the layout version (so no patch recorded), and only identifiers in the input.
 *  Run before saving and on every replay; `patched` checks a run from before the layout version. */
export function checkPath(name: string, history: History, patched = false): void {
  const spec = PATHS[name as PathName];
  if (!spec) throw new Error(`no recordable path ${name}`);
  const path = took(history);
  spec.check(path);
  if (patched) {
    expect(path.patches).toContain('local-steps');
    expect(path.input.layout).toBeUndefined();
  } else {
    expect(path.patches).toEqual([]);
    expect(path.input.layout).toBe(GAME_JOB_LAYOUT);
  }
  expect(path.local[0]).toBe('prepareJob');
  expect(path.activities.filter((a) => !/^generateWith|^playtestDraft$/.test(a))).toEqual([]);
  expect(Object.keys(path.input).filter((k) => !INPUT_KEYS.includes(k))).toEqual([]);
}

export async function recordPaths(s: Services, names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(RECORDED_PATHS as readonly string[]).includes(n));
  if (unknown.length) {
    throw new Error(`no recordable path ${unknown.join(', ')} (legacy: ${LEGACY_HISTORIES.join(', ')})`);
  }
  mkdirSync(HISTORIES_DIR, { recursive: true });
  const [openai, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  const owner = await createUser(s);
  const moderator = await createUser(s, 'moderator');
  const llm = {
    LLM_PROVIDERS: 'openai,anthropic', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.baseURL,
  };
  try {
    for (const name of names as PathName[]) {
      const spec = PATHS[name];
      const cfg = testConfig(s, {
        ...(spec.llm ? llm : { LLM_PROVIDERS: 'offline' }), BROWSER_PLAYTEST: spec.playtest ? 'true' : 'false',
      });
      const worker = await startTestWorker(s, cfg);
      openai.clear();
      anthropic.clear();
      try {
        const ctx: Ctx = {
          deps: { cfg, db: s.db, temporal: s.client }, moderatorId: moderator.user.id, openai,
          caller: { id: owner.user.id, role: 'user', username: owner.user.username },
        };
        const workflowId = await spec.run(ctx);
        const handle = s.client.workflow.getHandle(workflowId);
        await handle.result().catch(() => undefined);
        const history = await handle.fetchHistory();
        checkPath(name, history);
        writeFileSync(join(HISTORIES_DIR, `${name}.json`), withoutCheckoutPath(historyToJSON(history)));
      } finally {
        await worker.stop();
      }
    }
  } finally {
    await Promise.all([openai.close(), anthropic.close()]);
  }
}
