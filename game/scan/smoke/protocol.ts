// Messages between the scanner (parent) and a smoke child process. Plain JSON both ways:
// the child gets data, never code handles, and returns data.
export interface SmokeElement { tag: string; parent: number; attrs: [string, string][]; text?: string }

export interface SmokeScript {
  code: string;
  line: number; // where the code starts in the document, so stack traces point at the game's lines
  column: number;
  module: boolean;
  handler?: { element: number; attr: string };
}

export interface SmokeJob {
  id: number;
  elements: SmokeElement[];
  scripts: SmokeScript[];
  frames: number;
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

export interface SmokeOutcome {
  status: 'ok' | 'error' | 'timeout' | 'memory';
  timeoutKind?: 'cpu' | 'microtask' | 'wall';
  frames: number;
  rafUsed: boolean;
  draws: number;
  errors: SmokeError[];
  consoleErrors: string[];
  flood: string; // '' or what was cut off: 'timers', 'timer runs', 'animation frames'
  detail?: string; // for 'error': what went wrong in the harness
  ms: number;
}

export interface SmokeReply { id: number; outcome: SmokeOutcome }
