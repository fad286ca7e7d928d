// What a playtest means for the pipeline: the report as the workflow and the version row keep
// it (the thumbnail as base64: small and JSON-safe), with the findings that send a draft back
// for repair.
import type { Finding } from '../../vocabulary.ts';
import { playtestGame, type PlaytestReport } from './playtest.ts';

export type PlaytestOutcome = Omit<PlaytestReport, 'thumbnail_png'> & {
  thumbnail_base64?: string;
  findings: Finding[];
};

const PLAY_MS = 2000;

const sample = (messages: string[]) => messages.slice(0, 3).join(' | ').slice(0, 400);

/** A game that throws, draws nothing or trips the CSP is broken for the player: repair it. */
export function playtestFindings(report: Omit<PlaytestReport, 'thumbnail_png'>): Finding[] {
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
  return findings;
}

/** Plays the draft in Chromium and judges it. */
export async function playtestDraft(html: string, opts: { chromiumPath?: string }): Promise<PlaytestOutcome> {
  const played = await playtestGame(html, { chromiumPath: opts.chromiumPath, durationMs: PLAY_MS });
  const { thumbnail_png, ...report } = played;
  return {
    ...report, findings: playtestFindings(report),
    ...(thumbnail_png ? { thumbnail_base64: thumbnail_png.toString('base64') } : {}),
  };
}
