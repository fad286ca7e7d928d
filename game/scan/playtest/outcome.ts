// What a playtest means for the pipeline: the report as the workflow and the version row keep
// it (the thumbnail as base64: small and JSON-safe), with the findings that send a draft back
// for repair.
import type { Finding, Severity } from '../../vocabulary.ts';
import type { ControlsSpec } from '../../templates/spec.ts';
import type { WarmBrowser } from './warm.ts';
import { playtestGame, type PlaytestReport } from './playtest.ts';

export type PlaytestOutcome = Omit<PlaytestReport, 'thumbnail_png'> & {
  thumbnail_base64?: string;
  findings: Finding[];
};

const PLAY_MS = 2000;

const sample = (messages: string[]) => messages.slice(0, 3).join(' | ').slice(0, 400);

function listed(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** What a game that ignores its player is told: what was given, what was seen, what to do. */
export function noResponseMessage(report: Pick<PlaytestReport, 'inputs'>, seconds = PLAY_MS / 1000): string {
  const keys = report.inputs.filter((i) => i !== 'click');
  return `The game does not respond to input: after a click at its centre and pressing ${listed(keys)} `
    + `(KeyboardEvent.code values) during ${seconds} seconds, it looked the same as a copy of the game left `
    + 'alone for the same time, so a player cannot tell that their input did anything. Listen for keydown and '
    + 'keyup on window (read event.code) and for pointerdown on the canvas; if the game has a title screen, '
    + 'start it on the first of these keys or a tap; make these keys visibly move the player or change the game '
    + 'on the next frame.';
}

/**
 * A game that throws, draws nothing, trips the CSP or ignores its player is broken: repair it.
 * `ignoresInput` is how much a game that does not respond matters: 'block' for a model's draft;
 * an offline draft comes from a template whose tests prove it responds, so there it is noted
 * ('info') rather than sent to a repair the offline engine cannot do.
 */
export function playtestFindings(
  report: Omit<PlaytestReport, 'thumbnail_png'>, ignoresInput: Severity = 'block',
): Finding[] {
  const findings: Finding[] = [];
  if (report.console_errors.length > 0) {
    findings.push({
      rule: 'playtest.console-error', severity: 'block',
      message: `The game logged errors in the browser: ${sample(report.console_errors)}. Fix them.`,
    });
  }
  if (report.status !== 'skipped' && !report.canvas_nonblank) {
    findings.push({
      rule: 'playtest.blank-canvas', severity: 'block',
      message: `Nothing was drawn on the canvas after ${PLAY_MS / 1000} seconds. Draw the first frame immediately `
        + 'and keep the loop running.',
    });
  }
  if (report.csp_violations.length > 0) {
    findings.push({
      rule: 'playtest.csp-violation', severity: 'block',
      message: `The game tried something its sandbox forbids: ${sample(report.csp_violations)}.`,
    });
  }
  if (report.responds === false) {
    findings.push({ rule: 'playtest.no-response', severity: ignoresInput, message: noResponseMessage(report) });
  }
  return findings;
}

export interface PlaytestDraftOptions {
  chromiumPath?: string;
  /** A template's declared controls (offline drafts); a model's draft gets the standard set. */
  controls?: ControlsSpec;
  ignoresInput?: Severity;
  /** Play one copy only: the draft's response to input is proven elsewhere (see PlaytestOptions). */
  alone?: boolean;
  browsers?: WarmBrowser;
}

/** Plays the draft in Chromium and judges it. */
export async function playtestDraft(html: string, opts: PlaytestDraftOptions): Promise<PlaytestOutcome> {
  const { chromiumPath, controls, browsers, alone } = opts;
  const played = await playtestGame(html, { chromiumPath, durationMs: PLAY_MS, controls, browsers, alone });
  const { thumbnail_png, ...report } = played;
  return {
    ...report, findings: playtestFindings(report, opts.ignoresInput),
    ...(thumbnail_png ? { thumbnail_base64: thumbnail_png.toString('base64') } : {}),
  };
}
