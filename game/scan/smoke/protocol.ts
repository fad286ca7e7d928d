// Messages between the scanner (parent) and a smoke child process. Plain JSON both ways:
// the child gets data, never code handles, and returns data.
export interface SmokeElement { tag: string; parent: number; attrs: [string, string][]; text?: string }

export interface SmokeControls { start: string[]; move: string[]; action: string[]; pointer: string }

export interface SmokeScript {
  code: string;
  line: number; // where the code starts in the document, so stack traces point at the game's lines
  column: number;
  module: boolean;
  handler?: { element: number; attr: string };
  /** The vendored engine's <script src>: the child runs its own copy of the engine here. */
  engine?: boolean;
}

export interface SmokeJob {
  id: number;
  elements: SmokeElement[];
  scripts: SmokeScript[];
  /** Elements and scripts as one JSON text, instead of the two fields above: the scanner passes
   *  the static-scan thread's text along without parsing a hostile document's element list
   *  on its own event loop. */
  documentJson?: string;
  frames: number;
  /** Game time (ms) the run goes on to after the frames, in coarse steps (0: stop after them). */
  lateUntilMs: number;
  /** The game's declared controls, when known: the scripted player presses these first. */
  controls?: SmokeControls;
  memoryLimitMb: number;
  cpuTimeoutMs: number;
  wallTimeoutMs: number;
}

export interface SmokeError {
  phase: 'load' | 'frame' | 'event' | 'timer' | 'microtask' | 'promise';
  text: string;
  count: number;
  frame: number;
}

/** A call the game must never make, as the smoke run saw it (game time, frame, game line). */
export interface SmokeForbidden { api: string; ms: number; frame: number; line: number; column: number }

export interface SmokeOutcome {
  status: 'ok' | 'error' | 'timeout' | 'memory';
  timeoutKind?: 'cpu' | 'microtask' | 'wall';
  frames: number;
  rafUsed: boolean;
  draws: number;
  errors: SmokeError[];
  /** Absent in outcomes made outside the isolate (harness failures). */
  forbidden?: SmokeForbidden[];
  consoleErrors: string[];
  flood: string; // '' or what was cut off: 'timers', 'timer runs', 'animation frames'
  detail?: string; // for 'error': what went wrong in the harness
  ms: number;
}

export interface SmokeReply { id: number; outcome: SmokeOutcome }
