import type { Finding } from '../vocabulary.ts';
// Search/replace edits for change requests. An edit applies only when its SEARCH text
// occurs exactly once in the base version; anything else is reported back to the model,
// never silently dropped.

export interface Edit {
  search: string;
  replace: string;
}

const OPEN = /<<<<<<< SEARCH\r?\n/g;
const DIVIDER = /\r?\n=======\r?\n/g;
const CLOSE = /\r?\n?>>>>>>> REPLACE/g;

/** The blocks in order, each part the shortest text up to the next marker. Found marker by
 *  marker (each a linear search from where the last one ended): one regex with two lazy
 *  `[\s\S]*?` rescans the rest of the answer from every opener that has no REPLACE. */
export function parseEdits(answer: string): Edit[] {
  const edits: Edit[] = [];
  const find = (re: RegExp, from: number): RegExpExecArray | null => {
    re.lastIndex = from;
    return re.exec(answer);
  };
  let from = 0;
  for (let open = find(OPEN, from); open; open = find(OPEN, from)) {
    const searchStart = open.index + open[0].length;
    const divider = find(DIVIDER, searchStart);
    const close = divider && find(CLOSE, divider.index + divider[0].length);
    if (!divider || !close) break; // no later opener can be completed either
    edits.push({
      search: answer.slice(searchStart, divider.index),
      replace: answer.slice(divider.index + divider[0].length, close.index),
    });
    from = close.index + close[0].length;
  }
  return edits;
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0 && n < 2; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** Applies every edit or none: a miss leaves the base untouched and says which edit missed. */
export function applyEdits(base: string, edits: Edit[]): { html: string; applied: number; problems: Finding[] } {
  const problems: Finding[] = [];
  if (edits.length === 0) {
    problems.push({
      rule: 'edit.none', severity: 'block',
      message: 'No edit block was found. Answer with <<<<<<< SEARCH / ======= / >>>>>>> REPLACE blocks whose SEARCH '
        + 'text is copied exactly from the current file.',
    });
    return { html: base, applied: 0, problems };
  }
  let html = base;
  edits.forEach((edit, i) => {
    const first = edit.search.split('\n')[0]?.slice(0, 120) ?? '';
    const found = edit.search === '' ? 0 : count(html, edit.search);
    if (found === 1) {
      html = html.replace(edit.search, () => edit.replace);
    } else {
      problems.push({
        rule: found === 0 ? 'edit.no-match' : 'edit.ambiguous',
        severity: 'block',
        message: found === 0
          ? `Edit ${i + 1}: its SEARCH text does not occur in the current file (first line: ${JSON.stringify(first)}). `
            + 'Copy SEARCH text exactly, including indentation.'
          : `Edit ${i + 1}: its SEARCH text occurs more than once (first line: ${JSON.stringify(first)}). `
            + 'Include more surrounding lines so it is unique.',
      });
    }
  });
  return problems.length > 0 ? { html: base, applied: 0, problems } : { html, applied: edits.length, problems };
}
