// Catalogue thumbnails, made by the process that loads the templates, in the background once
// the stack is ready (so they never delay readiness): each published template's current code
// is playtested in Chromium with its declared controls, and the last frame is stored under
// the code's hash. A hash that has one is never played again; a new version's code gets its
// own on the next start. Without Chromium (or playwright-core) nothing is made, and the API
// answers 404 for those thumbnails until a start that has it.
import { createDatabase, type Database } from '../../db/index.ts';
import { storeThumbnail, versionsWithoutThumbnail } from '../../db/thumbnails.ts';
import { controlsSpec } from '../../game/templates/spec.ts';
import type * as Playtest from '../../game/scan/playtest/playtest.ts';

export interface ThumbnailRun {
  made: string[];
  failed: { id: string; reason: string }[];
  /** Why nothing was attempted (no Chromium…); absent when the run went ahead. */
  skipped?: string;
}

export interface ThumbnailOptions {
  chromiumPath?: string;
  /** Only these templates (tests); all published ones by default. */
  ids?: string[];
  /** Asked between templates: true ends the run early (the stack is stopping). */
  stopping?: () => boolean;
  log?: (message: string) => void;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export async function makeTemplateThumbnails(db: Database, opts: ThumbnailOptions = {}): Promise<ThumbnailRun> {
  const run: ThumbnailRun = { made: [], failed: [] };
  const wanted = await versionsWithoutThumbnail(db, opts.ids);
  if (!wanted.length) return run;
  if (!opts.chromiumPath) return { ...run, skipped: 'no Chromium (set CHROMIUM_PATH)' };
  // Loaded on demand: an image built without dev dependencies has no playwright-core, and the
  // one-shot migrate command that runs there must not fail for want of it.
  let playtest: typeof Playtest;
  try {
    playtest = await import('../../game/scan/playtest/playtest.ts');
  } catch (err) {
    return { ...run, skipped: `the browser playtest cannot load: ${(err as Error).message.split('\n')[0]}` };
  }
  for (const w of wanted) {
    if (opts.stopping?.()) break;
    const controls = controlsSpec.safeParse(w.controls);
    const report = await playtest.playtestGame(w.code, {
      chromiumPath: opts.chromiumPath, controls: controls.success ? controls.data : undefined,
    });
    if (report.status === 'skipped') return { ...run, skipped: report.reason ?? 'playtest skipped' };
    const { thumbnail_png: png, ...playtestReport } = report;
    if (!png) {
      run.failed.push({ id: w.templateId, reason: report.reason ?? 'no picture' });
      continue;
    }
    // A picture of a template that failed its playtest is still what players would see; the
    // failure is logged (the template tests are where it must be fixed).
    if (report.status === 'failed') opts.log?.(`template ${w.templateId} v${w.version} playtest: ${report.reason}`);
    await storeThumbnail(db, { codeHash: w.codeHash, png, ...pngSize(png), playtestReport });
    run.made.push(w.templateId);
  }
  return run;
}

export interface BackgroundThumbnails {
  /** Finish the template being played, skip the rest, close the connection. */
  stop(): Promise<void>;
  /** Settles when the run ends by itself (tests). */
  readonly done: Promise<void>;
}

/** Starts making the missing thumbnails on `db`; never throws. */
export function startTemplateThumbnails(
  db: Database, chromiumPath: string | undefined, log: (message: string) => void,
): BackgroundThumbnails {
  let stopping = false;
  const started = performance.now();
  const done = (async () => {
    try {
      const run = await makeTemplateThumbnails(db, { chromiumPath, stopping: () => stopping, log });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (run.skipped) log(`template thumbnails not made: ${run.skipped}`);
      else if (run.made.length || run.failed.length) {
        const early = stopping ? ' (stopped before the rest)' : '';
        log(`template thumbnails: ${run.made.length} made in ${seconds} s${early}`);
      }
      for (const f of run.failed) log(`template ${f.id}: no thumbnail (${f.reason})`);
    } catch (err) {
      // Stopping closes the database under a run that may still be writing: not worth a line.
      if (!stopping) log(`template thumbnails failed: ${(err as Error).message}`);
    }
  })();
  return {
    done,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

/** The start-up process's run: a connection of its own (models are bound per process, and
 *  this process has no other use for them by now), closed when the run ends or is stopped. */
export function thumbnailsInBackground(
  databaseUrl: string, chromiumPath: string | undefined, log: (message: string) => void,
): BackgroundThumbnails {
  const db = createDatabase(databaseUrl, { poolMax: 2 });
  const run = startTemplateThumbnails(db, chromiumPath, log);
  // A pool that cannot close cleanly (its server stopped first) must not fail the stack's stop.
  const done = run.done.finally(() => db.close().catch(() => undefined));
  return { done, stop: async () => { await run.stop(); await done; } };
}
