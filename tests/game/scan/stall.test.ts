// A scan that cannot be stalled: pathological pages (seeded, up to the size limit) through
// validate, the static scan and the answer extraction must each finish fast with bounded
// memory, and a scan that runs out of budget must say so (review), never hang or throw.
// The bounds here are loose so a loaded CI machine cannot flake them; the precise figures
// are in `npm run bench -- scan` (stall_worst).
import { describe, expect, it } from '@jest/globals';
import { envSchema } from '../../../config.ts';
import { pathologicalInputs } from '../../../fakes/pathologicalGames.ts';
import { parseEdits } from '../../../game/generate/edits.ts';
import { extractGame, summaryOf } from '../../../game/generate/extract.ts';
import { analyzeStatic } from '../../../game/scan/static.ts';
import { verdictOf } from '../../../game/scan/verdict.ts';
import { validateGame } from '../../../game/validate/index.ts';

const MAX_BYTES = envSchema.shape.MAX_GAME_BYTES.parse(undefined);
const SEEDS = process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [1, 2];
const EACH_MS = 5000;
const HEAP_GROWTH_MB = 400;

function runAll(html: string): { ms: number; heapMb: number; findings: ReturnType<typeof analyzeStatic>['findings'] } {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  validateGame(html, { maxBytes: MAX_BYTES });
  const { findings } = analyzeStatic(html);
  extractGame(html, { stopReason: 'stop', maxBytes: MAX_BYTES });
  parseEdits(html);
  summaryOf(html);
  return { ms: performance.now() - started, heapMb: (process.memoryUsage().heapUsed - heap) / 1e6, findings };
}

describe('pathological inputs (seeded fuzz)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: every input finishes within ${EACH_MS} ms with bounded heap`, () => {
      const inputs = pathologicalInputs(seed, MAX_BYTES);
      expect(inputs.length).toBeGreaterThan(25);
      for (const input of inputs) {
        expect(Buffer.byteLength(input.html)).toBeLessThanOrEqual(MAX_BYTES);
        const r = runAll(input.html);
        expect({ name: input.name, slow: r.ms > EACH_MS }).toEqual({ name: input.name, slow: false });
        expect({ name: input.name, heap: r.heapMb > HEAP_GROWTH_MB }).toEqual({ name: input.name, heap: false });
        if (r.findings.some((f) => f.rule === 'scan.budget_exceeded')) expect(verdictOf(r.findings)).not.toBe('pass');
      }
    });
  }

  it('the same seed gives the same pages', () => {
    expect(pathologicalInputs(7, 50_000)).toEqual(pathologicalInputs(7, 50_000));
  });
});

describe('the stall inputs of the review', () => {
  const wrap = (head: string, script: string): string =>
    '<!DOCTYPE html><html><head><title>t</title>' + head + '</head><body><canvas></canvas><script>' + script +
    "\nrequestAnimationFrame(function f() { requestAnimationFrame(f); }); addEventListener('keydown', () => {});" +
    '</script></body></html>';

  it('CSS url( followed by 3,000 spaces', () => {
    expect(runAll(wrap(`<style>canvas{background:url(${' '.repeat(3000)}</style>`, '')).ms).toBeLessThan(EACH_MS);
  });

  it('an external url() is still found, quoted or not, escaped or not', () => {
    for (const css of ['url( "https://x.example/a.png" )', "url('//x.example/a')", 'u\\72l(http://x.example/)']) {
      const { findings } = analyzeStatic(wrap(`<style>a{background:${css}}</style>`, ''));
      expect(findings.map((f) => f.rule)).toContain('network.css-url');
    }
  });

  it('concat doubling for 27 lines: bounded, and the eval is still reported', () => {
    const lines = ['const a0 = [1,2,3,4,5,6,7,8];'];
    for (let i = 1; i <= 27; i++) lines.push(`const a${i} = a${i - 1}.concat(a${i - 1});`);
    const r = runAll(wrap('', `${lines.join('\n')}\neval(a27.join(''));`));
    expect(r.ms).toBeLessThan(EACH_MS);
    expect(r.heapMb).toBeLessThan(HEAP_GROWTH_MB);
    expect(r.findings.map((f) => f.rule)).toContain('dynamic-code.eval');
  });

  it('a summary after 100,000 newlines', () => {
    const started = performance.now();
    expect(summaryOf(`${'\n'.repeat(100_000)}SUMMARY: a game`)).toBe('a game');
    expect(performance.now() - started).toBeLessThan(EACH_MS);
  });
});

describe('the scan budget', () => {
  it('a scan that runs out of budget ends with review and scan.budget_exceeded', () => {
    const html = '<!DOCTYPE html><html><head><title>t</title></head><body><canvas></canvas><script>' +
      "const s = 'abc'.split(''); requestAnimationFrame(function f() { requestAnimationFrame(f); });" +
      "addEventListener('keydown', () => {});</script></body></html>";
    expect(analyzeStatic(html).findings.map((f) => f.rule)).not.toContain('scan.budget_exceeded');
    const { findings } = analyzeStatic(html, { ms: 10_000, units: 0 });
    const budget = findings.find((f) => f.rule === 'scan.budget_exceeded');
    expect(budget?.severity).toBe('review');
    expect(verdictOf(findings)).toBe('review');
  });
});
