// Every template in real Chromium, through the real play page (wrapper + sandboxed game with
// the play headers): started and played with the controls its template.json declares, it
// draws, the picture changes, it responds (the judgement the pipeline's playability gate makes:
// the played copy departs from a copy left alone for the same time), and no console error,
// page error or CSP violation occurs. A template that ignores its controls fails here, since
// the offline engine's drafts are only noted, not blocked, by the gate. The last frame is kept
// in test-artifacts/templates/<id>.png to be looked at.
import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { playtestGame } from '../../game/scan/playtest/playtest.ts';
import { playtestFindings } from '../../game/scan/playtest/outcome.ts';
import { controlsSpec } from '../../game/templates/spec.ts';
import { loadTemplate, templateIds } from './helpers.ts';

describe.each(templateIds())('template %s in Chromium', (id) => {
  it('responds to its declared controls without errors', async () => {
    const t = loadTemplate(id);
    const controls = controlsSpec.parse(t.spec.controls);
    const report = await playtestGame(t.html, { durationMs: 1500, controls });
    if (report.thumbnail_png) {
      const dir = new URL('../../test-artifacts/templates/', import.meta.url);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(new URL(`${id}.png`, dir), report.thumbnail_png);
    }
    expect({ id, ...report, thumbnail_png: undefined }).toMatchObject({
      id, status: 'ok', console_errors: [], csp_violations: [], canvas_nonblank: true, canvas_changes: true,
      responds: true,
    });
    expect(playtestFindings(report, 'block')).toEqual([]);
  }, 60_000);
});
