// Messages between the scanner and a static-scan worker thread. Structured clones both ways:
// the game's text goes in, plain data comes out.
import type { ValidationReport } from '../../validate/index.ts';
import type { Finding } from '../../vocabulary.ts';

/** With `validate`, the thread validates the document it reads first, and scans only a valid one. */
export interface StaticJob { id: number; html: string; validate?: { maxBytes: number } }

export type StaticReply =
  | { ready: true }
  /** The validation asked for; when it is not ok, 'done' follows with nothing scanned. */
  | { id: number; kind: 'validated'; report: ValidationReport }
  /** The document is read: what the smoke run needs (a SmokeDocument as JSON text, which the
   *  scanner hands on unparsed), sent before the rules run. */
  | { id: number; kind: 'doc'; smokeJson: string }
  | { id: number; kind: 'done'; findings: Finding[]; apis: string[]; expectLoop: boolean }
  | { id: number; kind: 'error'; message: string };
