// validate, scan and playtest as activities: thin wrappers over game/validate and game/scan,
// which the `npm run scan` CLI uses too (one code path). checkDraft is both of the first two on
// one read of the document (the fast layout); validateDraft and scanDraft remain for runs
// recorded before it. Long checks heartbeat.
import { Context } from '@temporalio/activity';
import type { Database } from '../db/index.ts';
import { validateGame, type ValidationReport } from '../game/validate/index.ts';
import type { CheckReport, ScanReport, Scanner } from '../game/scan/index.ts';
import { playtestDraft, type PlaytestOutcome } from '../game/scan/playtest/outcome.ts';
import type { WarmBrowser } from '../game/scan/playtest/warm.ts';
import { controlsSpec, type ControlsSpec } from '../game/templates/spec.ts';
import type { ProviderId } from '../game/vocabulary.ts';

async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const beat = setInterval(() => ctx.heartbeat(), 2000);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}

/** What the smoke run and the playtest need to know of a draft besides its code; absent in runs from before. */
export interface PlaytestInput {
  jobId: string;
  html: string;
  provider?: ProviderId;
  templateId?: string;
  templateVersion?: number;
}

export function createCheckActivities(deps: {
  scanner: Scanner; maxBytes: number; chromiumPath?: string; db: Database; browsers?: WarmBrowser;
}) {
  // A template version never changes once stored, so its controls are read once per worker.
  const known = new Map<string, ControlsSpec | undefined>();

  /** An offline draft is its template filled in: press what the template declares. */
  async function controlsOf(input: PlaytestInput): Promise<ControlsSpec | undefined> {
    if (input.provider !== 'offline' || !input.templateId || !input.templateVersion) return undefined;
    const key = `${input.templateId}@${input.templateVersion}`;
    if (known.has(key)) return known.get(key);
    const version = await deps.db.models.TemplateVersion.findOne({
      where: { templateId: input.templateId, version: input.templateVersion }, attributes: ['controls'],
    });
    const parsed = controlsSpec.safeParse(version?.controls);
    const controls = parsed.success ? parsed.data : undefined;
    if (version) {
      if (known.size >= 512) known.delete(known.keys().next().value!);
      known.set(key, controls);
    }
    return controls;
  }

  return {
    validateDraft(input: { jobId: string; html: string }): Promise<ValidationReport> {
      return Promise.resolve(validateGame(input.html, { maxBytes: deps.maxBytes }));
    },

    async playtestDraft(input: PlaytestInput): Promise<PlaytestOutcome> {
      const controls = await controlsOf(input);
      // A model's draft that ignores its player goes back for repair, so it is played beside an
      // idle copy to tell; an offline draft is a template, which its own tests prove responsive:
      // it is played alone (it draws, moves, throws nothing, keeps to its sandbox).
      const offline = input.provider === 'offline';
      return heartbeating(() => playtestDraft(input.html, {
        chromiumPath: deps.chromiumPath, controls, ignoresInput: offline ? 'info' : 'block', alone: offline,
        browsers: deps.browsers,
      }));
    },

    /** validate + scan on one read of the document; a game that fails validation is not scanned.
     *  Short enough to run as a local activity, so it does not heartbeat. */
    async checkDraft(input: PlaytestInput): Promise<CheckReport> {
      const controls = await controlsOf(input);
      return deps.scanner.checkGame(input.html, { maxBytes: deps.maxBytes, ...(controls ? { controls } : {}) });
    },

    async scanDraft(input: PlaytestInput): Promise<ScanReport> {
      const controls = await controlsOf(input);
      return heartbeating(() => deps.scanner.scanGame(input.html, controls ? { controls } : {}));
    },
  };
}
