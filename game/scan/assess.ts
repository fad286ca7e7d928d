// validate + scan of one game, merged the way the CLI prints it and the pipeline should gate
// on it: the worse verdict of both steps, both steps' findings (deduplicated), both scores.
import { validateGame, type ValidationReport } from '../validate/index.ts';
import type { ScanGameOptions, ScanReport, Scanner } from './index.ts';
import { dedupeFindings } from './static.ts';
import { overallVerdict, type Verdict } from './verdict.ts';
import type { Finding } from '../vocabulary.ts';

export interface Assessment {
  verdict: Verdict;
  security_score: number;
  code_quality: number;
  findings: Finding[];
  validation: ValidationReport;
  scan: ScanReport;
}

export async function assessGame(
  html: string, scanner: Scanner, opts: ScanGameOptions & { maxBytes?: number } = {},
): Promise<Assessment> {
  const { maxBytes, ...scanOpts } = opts;
  const validation = validateGame(html, { maxBytes });
  const scan = await scanner.scanGame(html, scanOpts);
  return {
    verdict: overallVerdict(validation, scan),
    security_score: scan.security_score,
    code_quality: validation.code_quality,
    findings: dedupeFindings([...validation.findings, ...scan.findings]),
    validation,
    scan,
  };
}
