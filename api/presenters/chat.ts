// Response shapes of /api/chat, as the seed documents them, built from stored rows: the
// change list comes from the version's recorded changes and a line diff against its base.
import type { ChatMessage, Game, GameVersion, Job } from '../../db/models/index.ts';

interface VariableChange {
  name: string;
  from: unknown;
  to: unknown;
  reason?: string;
  type: string;
}

const isVariableChange = (c: unknown): c is VariableChange =>
  typeof c === 'object' && c !== null && typeof (c as VariableChange).name === 'string'
    && typeof (c as VariableChange).type === 'string';

/** "player_color_change", "jump_strength_adjustment": what a history entry lists. */
export function modificationsApplied(changes: unknown): string[] {
  if (!Array.isArray(changes)) return [];
  return changes.flatMap((c: unknown) => {
    if (isVariableChange(c)) return [`${c.name}_${c.type === 'physics_adjustment' ? 'adjustment' : 'change'}`];
    const t = (c as { type?: unknown } | null)?.type;
    if (t === 'search_replace') return ['code_edits'];
    if (t === 'rollback') return [`rollback_to_version_${String((c as { to?: unknown }).to)}`];
    return [];
  });
}

const KIND: Record<string, [type: string, impact: string]> = {
  color_change: ['color_modification', 'visual_only'],
  physics_adjustment: ['physics_modification', 'gameplay_mechanics'],
  count_change: ['count_modification', 'gameplay_mechanics'],
  size_change: ['size_modification', 'visual_and_gameplay'],
  difficulty_change: ['difficulty_modification', 'gameplay_mechanics'],
  text_change: ['text_modification', 'visual_only'],
  setting_change: ['setting_modification', 'gameplay_mechanics'],
};

interface Hunk {
  /** 1-based first line in the new content. */
  line: number;
  before: string[];
  after: string[];
}

/** Line diff: common ends trimmed, then an LCS over the middle when it is small enough. */
export function diffLines(a: string, b: string): Hunk[] {
  const x = a.split('\n');
  const y = b.split('\n');
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const n = endX - start;
  const m = endY - start;
  if (n === 0 && m === 0) return [];
  // Past ~1M cells the table costs more than the precision is worth: one hunk then.
  if (n * m > 1_000_000) return [{ line: start + 1, before: x.slice(start, endX), after: y.slice(start, endY) }];
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = x[start + i] === y[start + j]
        ? lcs[(i + 1) * w + j + 1]! + 1
        : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | null = null;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[start + i] === y[start + j]) {
      open = null;
      i++;
      j++;
      continue;
    }
    if (!open) hunks.push((open = { line: start + j + 1, before: [], after: [] }));
    if (j < m && (i >= n || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) open.after.push(y[start + j++]!);
    else open.before.push(x[start + i++]!);
  }
  return hunks;
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

/** The seed's modifications.changes[] and the total of changed lines. */
export function describeChanges(version: GameVersion, base: GameVersion | null) {
  const hunks = base ? diffLines(base.content, version.content) : [];
  const newLines = version.content.split('\n');
  const linesOf = (needle: string) => newLines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : [])).slice(0, 20);
  const recorded = Array.isArray(version.changes) ? version.changes.filter(isVariableChange) : [];
  const changes = recorded.length
    ? recorded.map((c) => {
      const [type, impact] = KIND[c.type] ?? ['setting_modification', 'gameplay_mechanics'];
      return {
        type,
        description: `Changed ${c.name.replace(/_/g, ' ')} from ${show(c.from)} to ${show(c.to)}`
          + (c.reason ? ` (${c.reason})` : ''),
        code_location: {
          file_section: 'game_config', line_numbers: linesOf(`"${c.name}"`),
          before: `"${c.name}": ${JSON.stringify(c.from)}`, after: `"${c.name}": ${JSON.stringify(c.to)}`,
        },
        impact,
      };
    })
    : hunks.slice(0, 20).map((h) => ({
      type: 'code_modification',
      description: `Changed ${Math.max(h.before.length, h.after.length)} line(s) at line ${h.line}`,
      code_location: {
        file_section: 'document', line_numbers: h.after.length
          ? h.after.map((_, k) => h.line + k).slice(0, 20)
          : [h.line],
        before: clip(h.before.join('\n')), after: clip(h.after.join('\n')),
      },
      impact: 'unknown',
    }));
  return { changes, totalLinesChanged: hunks.reduce((t, h) => t + Math.max(h.before.length, h.after.length), 0) };
}

function suggestions(elements: Record<string, unknown>): string[] {
  const has = (k: string) => elements[k] !== undefined;
  const out: string[] = [];
  if (!has('colors')) out.push('Change a colour, e.g. "make the background darker"');
  if (!has('actions')) out.push('Tune the feel, e.g. "make the player faster" or "jump higher"');
  if (!has('counts')) out.push('Change how many there are, e.g. "add 2 more enemies"');
  if (!has('difficulty')) out.push('Make it harder or easier');
  return out.slice(0, 3);
}

export const secondsOf = (job: Job): number | null =>
  job.startedAt && job.finishedAt ? Math.round((job.finishedAt.getTime() - job.startedAt.getTime()) / 100) / 10 : null;

function impactOf(version: GameVersion, base: GameVersion | null): string {
  if (!base) return 'unknown';
  const delta = Math.abs(version.sizeBytes - base.sizeBytes) / Math.max(1, base.sizeBytes);
  return delta < 0.05 ? 'minimal' : delta < 0.2 ? 'moderate' : 'significant';
}

/** The seed's full answer to POST /api/chat/message (Prefer: wait). */
export function presentChatResult(a: {
  job: Job; game: Game; version: GameVersion; base: GameVersion | null;
  request: ChatMessage | null; answer: ChatMessage | null; features: string[];
}) {
  const { job, version, base } = a;
  const elements = (a.request?.elements ?? {}) as Record<string, unknown>;
  const { changes, totalLinesChanged } = describeChanges(version, base);
  const time = secondsOf(job);
  const passed = version.verdict !== 'block' && version.reviewStatus !== 'rejected';
  return {
    job_id: job.id,
    game_id: a.game.id,
    session_id: job.sessionId,
    status: job.state,
    response: a.answer?.content ?? `I've updated your game! ${version.changeSummary ?? ''}`.trim(),
    game_code: version.content,
    modifications: {
      summary: version.changeSummary ?? '',
      changes,
      total_lines_changed: totalLinesChanged,
      modification_time: time,
      validation_passed: passed,
    },
    conversation_context: {
      intent_detected: a.request?.intent ?? null,
      confidence: (a.request?.metadata as { confidence?: number } | undefined)?.confidence ?? null,
      elements_identified: elements,
      preserved_features: a.features,
      suggested_next_steps: suggestions(elements),
    },
    version_info: {
      previous_version: job.baseVersion,
      new_version: version.version,
      rollback_available: version.version > 1,
      // The version row is the durable record of this change.
      change_history_id: version.id,
    },
    performance_metrics: {
      generation_time: time,
      code_quality_score: version.codeQuality,
      performance_impact: impactOf(version, base),
      compatibility_maintained: passed,
    },
  };
}

export function presentChatAccepted(job: Job) {
  return {
    job_id: job.id, game_id: job.gameId, session_id: job.sessionId, status: job.state,
    status_url: `/api/jobs/${job.id}`,
  };
}

type Meta = Record<string, unknown>;

export function presentMessage(m: ChatMessage, opts: { format: 'detailed' | 'summary'; includeMetadata: boolean }) {
  const base = { id: m.id, role: m.role, content: m.content, timestamp: m.createdAt.toISOString() };
  const meta = m.metadata as Meta;
  const extra = opts.includeMetadata ? { job_id: m.jobId, metadata: meta } : {};
  if (opts.format === 'summary') return { ...base, ...extra };
  if (m.role === 'user') {
    return {
      ...base, intent_detected: m.intent, elements_identified: m.elements ?? {}, confidence: meta.confidence ?? null,
      ...extra,
    };
  }
  if (m.role !== 'assistant') return { ...base, ...extra };
  const time = 'generation_time' in meta
    ? { generation_time: meta.generation_time, template_used: meta.template_used ?? null }
    : { modification_time: meta.modification_time ?? null };
  return {
    ...base, game_version_created: meta.game_version ?? null, modifications_applied: meta.modifications_applied ?? [],
    ...time,
    ...(meta.job_state && meta.job_state !== 'completed' ? {
      job_state: meta.job_state, error_code: meta.error_code ?? null,
    } : {}),
    ...extra,
  };
}

const hhmmss = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
};

export function presentHistory(
  sessionId: string, sessionCreated: Date,
  h: {
    messages: ChatMessage[]; total: number; versionsCreated: number; intents: Record<string, number>;
    lastAt: Date | null; requests: number;
  },
  q: { limit: number; offset: number; format: 'detailed' | 'summary'; include_metadata: boolean },
) {
  // Engagement: requests that produced a version (60 %) and how much was asked (40 %, saturating at 10).
  const engagement = h.requests
    ? 0.6 * Math.min(1, h.versionsCreated / h.requests) + 0.4 * Math.min(1, h.requests / 10)
    : 0;
  return {
    session_id: sessionId,
    conversation_history: h.messages.map((m) => presentMessage(
      m, { format: q.format, includeMetadata: q.include_metadata },
    )),
    conversation_metadata: {
      total_messages: h.total,
      game_versions_created: h.versionsCreated,
      session_duration: hhmmss((h.lastAt ?? sessionCreated).getTime() - sessionCreated.getTime()),
      intent_distribution: h.intents,
      user_engagement_score: Math.round(engagement * 100) / 100,
    },
    pagination: {
      current_page: Math.floor(q.offset / q.limit) + 1,
      total_pages: Math.max(1, Math.ceil(h.total / q.limit)),
      has_more: q.offset + h.messages.length < h.total,
    },
  };
}

export function presentReset(sessionId: string, r: { at: Date; archived: number; remaining: number }, opts: {
  preserve_game: boolean; preserve_preferences: boolean; clear_conversation_history: boolean; reset_context: boolean;
}) {
  return {
    session_id: sessionId,
    reset_summary: {
      conversation_cleared: opts.clear_conversation_history,
      context_reset: opts.reset_context,
      game_preserved: opts.preserve_game,
      preferences_preserved: opts.preserve_preferences,
      messages_archived: r.archived,
    },
    new_conversation_state: {
      message_count: r.remaining, context_window: [] as unknown[], intent_history: [] as string[],
    },
    reset_timestamp: r.at.toISOString(),
    status: 'conversation_reset_complete',
  };
}
