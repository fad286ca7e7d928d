// The static half of `scan`: every script of the document (inline, handlers, javascript:
// URLs, srcdoc) through the rule pass and the character rules, plus the markup and CSS rules.
// Pure and synchronous; a 20 KB game takes a few milliseconds, and no game takes longer than
// the scan budget (budget.ts): past it the scan ends with what it found plus a review finding.
import { readGame, type GameDocument, type GameScript } from '../validate/document.ts';
import { sourceLine } from '../validate/index.ts';
import { budgetFinding, SCAN_BUDGET, withBudget, type BudgetLimits } from './budget.ts';
import type { RuleInfo } from './rules/api-rules.ts';
import { scanCode } from './rules/code-rules.ts';
import { topLevelNames } from './resolver/declarations.ts';
import { jqueryCalls } from './rules/jquery-api.ts';
import { knownLibrary } from './rules/known-libraries.ts';
import { scanMarkup } from './rules/markup-rules.ts';
import { scanCharacters } from './rules/text-rules.ts';
import type { Finding } from '../vocabulary.ts';

export interface StaticAnalysis {
  findings: Finding[];
  /** Global API paths the code references (after alias resolution), for compatibility. */
  apis: Set<string>;
  doc: GameDocument;
}

const UNREADABLE: RuleInfo = {
  rule: 'parse.syntax-error', severity: 'block',
  message: 'No JavaScript parser can read this script, so it cannot be checked: fix the syntax error.',
};

function toFinding(doc: GameDocument, info: RuleInfo, at: { line: number; column: number }, detail?: string): Finding {
  const f: Finding = {
    rule: info.rule, severity: info.severity, message: detail ? `${info.message} (${detail})` : info.message,
    line: at.line, column: at.column,
  };
  const source = sourceLine(doc, at.line);
  if (source) f.source = source;
  return f;
}

/** One finding per rule, severity and line (the first column wins), sorted by position. */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.rule}|${f.severity}|${f.line ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export function analyzeStatic(
  html: string, limits: BudgetLimits = SCAN_BUDGET, doc: GameDocument = readGame(html),
): StaticAnalysis {
  const findings: Finding[] = [];
  const apis = new Set<string>();
  // Findings land in `findings` as they are made, so an early stop keeps everything found so far.
  const { exhausted } = withBudget(limits, () => { scanDocument(doc, findings, apis); });
  if (exhausted) findings.push(budgetFinding(exhausted));
  return { findings: dedupeFindings(findings), apis, doc };
}

const KNOWN_LIBRARY: RuleInfo = {
  rule: 'library.known-release', severity: 'info',
  message: 'An unmodified library release, recognised by its hash: its internals are not checked, ' +
    'the game\'s own calls into it are',
};

function scanDocument(doc: GameDocument, findings: Finding[], apis: Set<string>): void {
  const libraries = new Map<GameScript, string>();
  for (const script of doc.scripts) {
    const name = script.kind === 'inline' ? knownLibrary(script.code) : undefined;
    if (name) libraries.set(script, name);
  }
  const shared = new Set<string>();
  for (const script of doc.scripts) {
    if (script.kind === 'inline' && !script.module && !libraries.has(script) && script.parsed.ast) {
      for (const name of topLevelNames(script.parsed.ast)) shared.add(name);
    }
  }
  for (const script of doc.scripts) {
    if (script.src !== undefined) continue; // external scripts are markup findings
    const library = libraries.get(script);
    if (library) {
      findings.push(toFinding(doc, KNOWN_LIBRARY, script.position(0), library));
      continue;
    }
    const { parsed } = script;
    if (!parsed.ast) {
      findings.push(toFinding(doc, UNREADABLE, script.position(parsed.error?.offset ?? 0), parsed.error?.message));
    } else {
      const handler = /^on/i.test(script.attr ?? '');
      // Every script sees the other classic scripts' top-level names (but not its own twice).
      const own = new Set(script.kind === 'inline' && !script.module ? topLevelNames(parsed.ast) : []);
      const scan = scanCode(script.code, {
        module: script.module, handler, sharedGlobals: [...shared].filter((n) => !own.has(n)),
      }, parsed.ast);
      for (const f of scan.findings) findings.push(toFinding(doc, f.info, script.position(f.offset), f.detail));
      if (libraries.size) {
        for (const f of jqueryCalls(parsed.ast)) {
          findings.push(toFinding(doc, f.info, script.position(f.offset), f.detail));
        }
      }
      for (const api of scan.apis) apis.add(api);
      for (const f of scanCharacters(script.code, scan.stringRanges, parsed.comments)) {
        findings.push(toFinding(doc, f.info, script.position(f.offset)));
      }
      continue;
    }
    for (const f of scanCharacters(script.code, [], parsed.comments)) {
      findings.push(toFinding(doc, f.info, script.position(f.offset)));
    }
  }
  for (const f of scanMarkup(doc)) findings.push(toFinding(doc, f.info, f.at, f.detail));
}
