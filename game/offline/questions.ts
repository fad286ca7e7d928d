// A player's own quiz questions in a sentence: "a quiz with my questions: What is 2+2? = 4 | 5 |
// 3; Capital of Peru? = Lima | Quito". Entries are split at ";" or a new line; one counts when
// it has "=" and at least two answers split by "|" (the quiz template's format). The list is
// taken out of the sentence before it is read, so its words name nothing else.

const MAX_ENTRIES = 60;
const MAX_ENTRY_CHARS = 240;

export interface QuestionList {
  /** Entries joined by " ; ", in the template's format. */
  questions: string;
  /** The sentence without the list. */
  rest: string;
}

function isEntry(entry: string): boolean {
  const at = entry.lastIndexOf('=');
  if (at <= 0 || entry.length > MAX_ENTRY_CHARS) return false;
  const answers = entry.slice(at + 1).split('|').map((a) => a.trim()).filter(Boolean);
  return answers.length >= 2 && entry.slice(0, at).trim().length > 0;
}

/** Where the first question of an entry starts: after the colon or sentence end before it
 *  ("my questions: What is…", "Make one for my class. Who wrote Hamlet?"). */
function questionStart(entry: string): number {
  const question = entry.slice(0, entry.lastIndexOf('='));
  const mark = question.lastIndexOf('?');
  const head = question.slice(0, mark < 0 ? question.length : mark);
  return Math.max(head.lastIndexOf(':'), head.lastIndexOf('.'), head.lastIndexOf('!'), head.lastIndexOf('?')) + 1;
}

export function extractQuestions(text: string): QuestionList | undefined {
  if (!text.includes('|') || !text.includes('=')) return undefined;
  const parts = text.split(/[;\n]/);
  const kept: string[] = [];
  let firstPart = -1;
  for (let i = 0; i < parts.length && kept.length < MAX_ENTRIES; i++) {
    let entry = parts[i]!.trim();
    if (!isEntry(entry)) continue;
    if (firstPart < 0) {
      firstPart = i;
      entry = entry.slice(questionStart(entry)).trim();
    }
    kept.push(entry);
  }
  if (kept.length === 0) return undefined;
  const intro = parts[firstPart]!.trim();
  const before = [...parts.slice(0, firstPart), intro.slice(0, questionStart(intro))].join(' ; ');
  const after = parts.slice(firstPart + 1).filter((p) => !isEntry(p.trim())).join(' ; ');
  return { questions: kept.join(' ; '), rest: `${before} . ${after}` };
}
