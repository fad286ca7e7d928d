// The conversation of a session, stored in chat_messages. Messages that describe a job are
// derived from the job's row whenever the chat is read (syncSessionChat), so the assistant's
// answer exists as soon as the job has finished, whoever waited for it and whichever API
// process is still up — nothing depends on a request or a socket staying open. Starting a
// change in words is modifications.ts.
import { Op, type Order } from 'sequelize';
import { analyzeDescription } from '../../game/offline/index.ts';
import type { Intent } from '../../game/offline/index.ts';
import type { Database } from '../../db/index.ts';
import type { ChatMessage, GameVersion, Job, Session } from '../../db/models/index.ts';
import { assertOpen, metadataOf } from './sessions.ts';
import { modificationsApplied, secondsOf } from '../presenters/chat.ts';
import { isTerminalState, type JobState } from '../../game/vocabulary.ts';

export interface DetectedIntent {
  intent: string;
  elements: Record<string, unknown>;
  confidence: number;
}

const VISUAL_PARAM = /_(brightness|color|colour)$/;

/** The offline engine's deterministic reading of a sentence, in the seed's vocabulary. */
export function detectIntent(text: string, kind: string): DetectedIntent {
  const i: Intent = analyzeDescription(text);
  const visual = i.colors.length > 0 || i.size.length > 0 || i.title !== null
    || i.adjustments.some((a) => VISUAL_PARAM.test(a.parameter));
  const gameplay = i.counts.length > 0 || i.difficulty !== null
    || i.adjustments.some((a) => !VISUAL_PARAM.test(a.parameter));
  let intent = 'modify_general';
  if (kind === 'create') intent = 'create_game';
  else if (kind === 'regenerate') intent = 'regenerate_game';
  else if (visual && gameplay) intent = 'modify_visual_and_gameplay';
  else if (visual) intent = 'modify_visual';
  else if (gameplay) intent = 'modify_gameplay';
  const uniq = (xs: string[]) => [...new Set(xs)];
  const elements: Record<string, unknown> = {
    colors: uniq(i.colors.map((c) => c.word)),
    targets: uniq([...i.colors.map((c) => c.target), ...i.size.map((s) => s.target), ...i.counts.map((c) => c.target)]),
    actions: uniq(i.adjustments.map((a) => a.parameter)),
    modifiers: uniq([
      ...i.adjustments.map((a) => (a.direction === 'up' ? 'increase' : 'decrease')),
      ...i.size.map((s) => (s.direction === 'up' ? 'bigger' : 'smaller')),
    ]),
    counts: Object.fromEntries(i.counts.map((c) => [c.target, c.value])),
  };
  if (i.game_type) elements.game_type = i.game_type;
  if (i.difficulty) elements.difficulty = i.difficulty;
  if (i.title) elements.title = i.title;
  for (const [k, v] of Object.entries(elements)) {
    const empty = Array.isArray(v)
      ? v.length === 0
      : typeof v === 'object' && v !== null && Object.keys(v).length === 0;
    if (empty) delete elements[k];
  }
  return { intent, elements, confidence: i.confidence };
}

function assistantText(job: Job, version: GameVersion | null): string {
  const summary = version?.changeSummary?.trim();
  const create = job.kind === 'create';
  switch (job.state as JobState) {
    case 'completed':
      return create
        ? `I've created your game. ${summary ?? ''}`.trim()
        : `I've updated your game! ${summary ?? 'The change is applied.'}`;
    case 'rejected':
      return `A moderator did not approve this ${create ? 'game' : 'change'}`
        + (job.errorDetail ? `: ${job.errorDetail}` : '.');
    case 'cancelled':
      return `The ${create ? 'game' : 'change'} was cancelled before it finished.`;
    default:
      return `I couldn't ${create ? 'create the game' : 'make that change'}: ${job.errorDetail ?? 'the job failed'}`;
  }
}

interface Present {
  user: boolean;
  assistant: boolean;
  archivedAt: Date | null;
}

function presentByJob(rows: Pick<ChatMessage, 'jobId' | 'role' | 'archivedAt'>[]): Map<string, Present> {
  const out = new Map<string, Present>();
  for (const m of rows) {
    const p = out.get(m.jobId!) ?? { user: false, assistant: false, archivedAt: null };
    if (m.role === 'user') {
      p.user = true;
      p.archivedAt = m.archivedAt;
    }
    if (m.role === 'assistant') p.assistant = true;
    out.set(m.jobId!, p);
  }
  return out;
}

const missing = (jobs: Job[], present: Map<string, Present>) =>
  jobs.filter((j) => !present.get(j.id)?.user || (isTerminalState(j.state) && !present.get(j.id)?.assistant));

/**
 * Writes the messages a session's jobs imply and that are not stored yet: the request (a
 * create job started by POST /api/games/generate has none) and, once the job has ended,
 * the answer. Runs under a lock on the session row, so concurrent readers write each once.
 * `userMeta` adds what only the request knew (the client's context) to a new request message.
 */
export async function syncSessionChat(
  db: Database, sessionId: string, userMeta: Record<string, Record<string, unknown>> = {},
): Promise<void> {
  const { models, sequelize } = db;
  const jobs = await models.Job.findAll({
    where: { sessionId, kind: { [Op.in]: ['create', 'modify', 'regenerate'] } }, order: [['createdAt', 'ASC']],
  });
  const attrs = ['jobId', 'role', 'archivedAt'] as const;
  const byJob = { sessionId, jobId: { [Op.ne]: null } };
  if (!missing(jobs, presentByJob(await models.ChatMessage.findAll({ where: byJob, attributes: [...attrs] }))).length) {
    return;
  }
  await sequelize.transaction(async (transaction) => {
    const session = await models.Session.findByPk(
      sessionId, { transaction, lock: transaction.LOCK.UPDATE, attributes: ['id', 'userId'] },
    );
    if (!session) return;
    const present = presentByJob(await models.ChatMessage.findAll({
      where: byJob, attributes: [...attrs], transaction,
    }));
    for (const job of missing(jobs, present)) {
      const p = present.get(job.id);
      const asked = (job.request as { prompt?: unknown }).prompt;
      const prompt = (typeof asked === 'string' ? asked : '').slice(0, 20_000);
      const base = { sessionId, userId: session.userId, jobId: job.id };
      let archivedAt = p?.archivedAt ?? null;
      if (!p?.user) {
        const detected = detectIntent(prompt, job.kind);
        await models.ChatMessage.create({
          ...base, role: 'user', content: prompt, gameVersionId: null, intent: detected.intent,
          elements: detected.elements, metadata: { confidence: detected.confidence, ...userMeta[job.id] },
          archivedAt: null, createdAt: job.createdAt,
        }, { transaction });
        archivedAt = null;
      }
      if (!isTerminalState(job.state) || p?.assistant) continue;
      const version = job.resultVersionId
        ? await models.GameVersion.scope('summary').findByPk(job.resultVersionId, { transaction })
        : null;
      const game = job.gameId
        ? await models.Game.findByPk(job.gameId, { transaction, attributes: ['id', 'templateId'] })
        : null;
      const time = secondsOf(job);
      await models.ChatMessage.create({
        ...base, role: 'assistant', content: assistantText(job, version).slice(0, 20_000),
        gameVersionId: job.state === 'completed' ? (version?.id ?? null) : null, intent: null, elements: null,
        metadata: {
          job_state: job.state, ...(job.errorCode ? { error_code: job.errorCode } : {}),
          game_version: job.state === 'completed' ? (version?.version ?? null) : null,
          modifications_applied: job.kind === 'create' || !version ? [] : modificationsApplied(version.changes),
          ...(job.kind === 'create' ? {
            generation_time: time, template_used: game?.templateId ?? null,
          } : { modification_time: time }),
        },
        // A reply to a request archived by a reset is archived with it.
        archivedAt, createdAt: job.finishedAt ?? new Date(),
      }, { transaction });
    }
  });
}

export interface HistoryPage {
  messages: ChatMessage[];
  total: number;
  versionsCreated: number;
  intents: Record<string, number>;
  lastAt: Date | null;
  requests: number;
}

/** The live (not archived) conversation, oldest first; a request sorts before its answer. */
export async function chatHistory(
  db: Database, session: Session, page: { limit: number; offset: number },
): Promise<HistoryPage> {
  await syncSessionChat(db, session.id);
  const where = { sessionId: session.id, archivedAt: null };
  // An answer is stamped when its job finished, after its request; should two rows still
  // share a timestamp, the request goes first.
  const order: Order = [
    ['createdAt', 'ASC'], [db.sequelize.literal("CASE role WHEN 'user' THEN 0 ELSE 1 END"), 'ASC'], ['id', 'ASC'],
  ];
  const [messages, all] = await Promise.all([
    db.models.ChatMessage.findAll({ where, order, limit: page.limit, offset: page.offset }),
    db.models.ChatMessage.findAll({
      where, attributes: ['role', 'intent', 'gameVersionId', 'createdAt'], order: [['createdAt', 'ASC']],
    }),
  ]);
  const intents: Record<string, number> = {};
  for (const m of all) {
    if (m.role !== 'user' || !m.intent) continue;
    // "modify_visual_and_gameplay" counts as both modify_visual and modify_gameplay (as the seed does).
    const parts = m.intent.startsWith('modify_')
      ? m.intent.slice(7).split('_and_').map((p) => `modify_${p}`)
      : [m.intent];
    for (const p of parts) intents[p] = (intents[p] ?? 0) + 1;
  }
  return {
    messages, total: all.length,
    versionsCreated: all.filter((m) => m.role === 'assistant' && m.gameVersionId).length,
    intents, lastAt: all.at(-1)?.createdAt ?? null,
    requests: all.filter((m) => m.role === 'user').length,
  };
}

export interface ResetOptions {
  preserve_game: boolean;
  preserve_preferences: boolean;
  clear_conversation_history: boolean;
  reset_context: boolean;
}

/** Archives (never deletes) the conversation; optionally releases the game and preferences. */
export async function resetConversation(
  db: Database, session: Session, opts: ResetOptions, reason: string | undefined,
) {
  assertOpen(session);
  // Materialise first: what a job implies must be archived now, not reappear later.
  await syncSessionChat(db, session.id);
  const at = new Date();
  const stamp = at.toISOString();
  const meta = metadataOf(session);
  const archived = await db.sequelize.transaction(async (transaction) => {
    const [count] = opts.clear_conversation_history
      ? await db.models.ChatMessage.update(
        { archivedAt: at }, { where: { sessionId: session.id, archivedAt: null }, transaction },
      )
      : [0];
    const conversation = {
      ...meta.conversation, reset_at: stamp, reset_reason: reason ?? null,
      ...(opts.reset_context ? { context_reset_at: stamp } : {}),
      ...(opts.preserve_game ? {} : { games_released_at: stamp }),
    };
    await session.update({
      metadata: { ...meta, conversation }, lastActivityAt: at,
      ...(opts.preserve_game ? {} : { currentGameId: null }),
      ...(opts.preserve_preferences ? {} : { preferences: {} }),
    }, { transaction });
    return count;
  });
  const remaining = await db.models.ChatMessage.count({ where: { sessionId: session.id, archivedAt: null } });
  return { at, archived, remaining };
}
