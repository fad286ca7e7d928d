// How the suite plays quiz.
import type { FakeGame } from '../fake-dom.ts';
import { STEP_MS, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // One life and three seconds a question: the first question nobody answers ends it.
  fastLoss: { pack: 'capitals', questions: '', lives: 1, time_limit: 3, no_fail: false },
  // Sums for an eight-year-old: read each sum off the card, work it out and tap the button that shows the answer.
  win: {
    config: { pack: 'arithmetic', age: 8, question_count: 10, time_limit: 30, lives: 3, pass_mark: 60 },
    play: (g) => playSums(g),
  },
};

function playSums(g: FakeGame): boolean {
  let answered = '';
  for (let frame = 0; frame < 2000; frame++) {
    g.step(1, STEP_MS);
    const texts = g.frameTextsAt();
    if (texts.some((t) => t.text === 'You win!')) return true;
    if (texts.some((t) => t.text === 'Game over')) return false;
    const sum = texts.find((t) => / = \?$/.test(t.text));
    if (!sum || sum.text === answered) continue;
    const want = String(evaluate(sum.text.replace(/ = \?$/, '')));
    const button = texts.find((t) => t.text === want && t.y > sum.y);
    if (!button) throw new Error(`no button shows ${want} for ${sum.text}`);
    g.pointerDown(button.x, button.y);
    g.pointerUp();
    answered = sum.text; // sums in one game are all different, so a new text is a new question
  }
  return false;
}

/** "a op b" or "a × b + c" with ×, ÷, + and − (a minus sign), × and ÷ first. */
function evaluate(expr: string): number {
  const tokens = expr.split(' ');
  const terms = [Number(tokens[0])];
  const signs: number[] = [];
  for (let i = 1; i < tokens.length; i += 2) {
    const n = Number(tokens[i + 1]);
    const op = tokens[i];
    if (op === '×' || op === '÷') terms.push(op === '×' ? terms.pop()! * n : terms.pop()! / n);
    else { signs.push(op === '+' ? 1 : -1); terms.push(n); }
  }
  return signs.reduce((acc, s, i) => acc + s * terms[i + 1]!, terms[0]!);
}
