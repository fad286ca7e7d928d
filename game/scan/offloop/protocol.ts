// Messages between the scanner and a static-scan worker thread. Structured clones both ways:
// the game's text goes in, plain data comes out.
import type { Finding } from '../../vocabulary.ts';

export interface StaticJob { id: number; html: string }

export type StaticReply =
  | { ready: true }
  /** The document is read: what the smoke run needs (a SmokeDocument as JSON text, which the
   *  scanner hands on unparsed), sent before the rules run. */
  | { id: number; kind: 'doc'; smokeJson: string }
  | { id: number; kind: 'done'; findings: Finding[]; apis: string[]; expectLoop: boolean }
  | { id: number; kind: 'error'; message: string };
