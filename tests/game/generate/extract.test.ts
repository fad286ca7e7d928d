import { describe, expect, it } from '@jest/globals';
import { extractGame } from '../../../game/generate/extract.ts';
import { applyEdits, parseEdits } from '../../../game/generate/edits.ts';
import { editPrompt } from '../../../game/prompts/index.ts';
import { makeFence } from '../../../game/prompts/fence.ts';

const doc = '<!DOCTYPE html>\n<html><head><title>T</title></head><body><canvas></canvas>'
  + '<script>requestAnimationFrame(()=>{})</script></body></html>';

describe('extractGame', () => {
  const opts = { stopReason: 'stop', maxBytes: 200_000 };
  it('takes the document out of a fence with prose around it, and the summary line', () => {
    const out = extractGame(`Sure! Here it is:\n\`\`\`html\n${doc}\n\`\`\`\nSUMMARY: a tiny game\nEnjoy.`, opts);
    expect(out).toEqual({ html: doc, summary: 'a tiny game', problems: [] });
  });
  it('finds an unfenced document and drops trailing prose', () => {
    expect(extractGame(`Here:\n${doc}\nHope you like it`, opts).html).toBe(doc);
  });
  it('picks the fenced block that is a document, not a code snippet', () => {
    const out = extractGame(`\`\`\`js\nconst x = 1;\n\`\`\`\n\`\`\`html\n${doc}\n\`\`\``, opts);
    expect(out.html).toBe(doc);
  });
  it('reports truncation by stop reason and by a missing </html>', () => {
    const rules = (answer: string, o = opts) => extractGame(answer, o).problems.map((p) => p.rule);
    expect(rules(`\`\`\`html\n${doc}\n\`\`\``, { ...opts, stopReason: 'length' })).toEqual(['output.truncated']);
    expect(rules(`\`\`\`html\n${doc.slice(0, 60)}`)).toEqual(['output.truncated']);
  });
  it('reports an answer without a document, and one over the size cap', () => {
    expect(extractGame('I cannot write games today.', opts).problems.map((p) => p.rule))
      .toEqual(['output.no-document']);
    expect(extractGame(doc, { ...opts, maxBytes: 50 }).problems.map((p) => p.rule)).toEqual(['output.too-large']);
  });
});

describe('search/replace edits', () => {
  const base = "const PLAYER = '#3498db';\nconst JUMP = 420;\nconst JUMP_SOUND = null;\n";
  const block = (search: string, replace: string) => `<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE`;

  it('applies edits that match exactly once', () => {
    const edits = parseEdits(`${block("const PLAYER = '#3498db';", "const PLAYER = '#e74c3c';")}\n`
      + `${block('const JUMP = 420;', 'const JUMP = 520;')}\nSUMMARY: red, higher`);
    expect(edits).toHaveLength(2);
    const out = applyEdits(base, edits);
    expect(out.problems).toEqual([]);
    expect(out.html).toBe("const PLAYER = '#e74c3c';\nconst JUMP = 520;\nconst JUMP_SOUND = null;\n");
  });
  it('a miss or an ambiguous match is a finding, and nothing is half-applied', () => {
    const answer = [block("const PLAYER = '#3498db';", 'x'), block('const ENEMY = 1;', 'y'), block('const JUMP', 'z')];
    const out = applyEdits(base, parseEdits(answer.join('\n')));
    expect(out.html).toBe(base);
    expect(out.problems.map((p) => p.rule)).toEqual(['edit.no-match', 'edit.ambiguous']);
    expect(out.problems[0]!.message).toContain('const ENEMY = 1;');
  });
  it('an answer with no edit block is a finding too', () => {
    expect(applyEdits(base, parseEdits('I changed it.')).problems.map((p) => p.rule)).toEqual(['edit.none']);
  });
  it('replacement text with $ signs is inserted literally', () => {
    expect(applyEdits(base, parseEdits(block('const JUMP = 420;', "const JUMP = '$&$1';"))).html)
      .toContain("const JUMP = '$&$1';");
  });
});

describe('prompts', () => {
  it('an edit prompt carries the base version and the previous misses', () => {
    const p = editPrompt({
      request: 'make it red', baseVersion: 3, baseCode: doc,
      previous: [{ rule: 'edit.no-match', severity: 'block', message: 'Edit 1 missed' }],
    }, makeFence('c'.repeat(32)));
    expect(p).toContain('(version 3)');
    expect(p).toContain('[edit.no-match]: Edit 1 missed');
  });
});
