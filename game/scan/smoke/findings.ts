// What a smoke outcome means for the game, as findings a repair model can act on.
// Resource exhaustion and load-time exceptions block; exceptions while playing need review
// (the shim is not a browser, and the Chromium playtest is the authority on runtime errors).
import type { SmokeForbidden, SmokeOutcome } from './protocol.ts';
import type { Finding, Severity } from '../../vocabulary.ts';

export interface SmokeSummary {
  status: 'ok' | 'error' | 'timeout' | 'memory' | 'skipped';
  frames: number;
  errors: string[];
  ms: number;
}

const MEMORY_ERRORS = new RegExp(
  'Array buffer allocation failed|Invalid array length|Invalid typed array length|Invalid string length|' +
    'out of memory',
  'i',
);

function located(rule: string, severity: Severity, message: string, text: string): Finding {
  const f: Finding = { rule, severity, message };
  const at = /\(line (\d+):(\d+)\)/.exec(text);
  if (at) { f.line = Number(at[1]); f.column = Number(at[2]); }
  return f;
}

/** When in the run a call came: at load, or after how much play. */
function when(call: SmokeForbidden): string {
  if (call.frame < 0) return 'while loading';
  return `after ${(call.ms / 1000).toFixed(1)} s of play (frame ${call.frame})`;
}

function forbiddenFinding(call: SmokeForbidden): Finding {
  const f: Finding = {
    rule: 'smoke.forbidden-call', severity: 'block',
    message: `Running the game, it called ${call.api} ${when(call)}: games must not run code built from strings, ` +
      'use the network, cookies or databases, navigate away or write the document. Remove that code.',
  };
  if (call.line > 0) { f.line = call.line; f.column = call.column; }
  return f;
}

export function smokeFindings(
  o: SmokeOutcome, limits: { cpuTimeoutMs: number; memoryLimitMb: number; wallTimeoutMs: number }, expectLoop: boolean,
): Finding[] {
  const out: Finding[] = [];
  if (o.status === 'timeout' && o.timeoutKind === 'microtask') {
    out.push({
      rule: 'resource.microtask-flood', severity: 'block',
      message: 'An endless chain of promises/microtasks never lets the page render: ' +
        'do not re-queue promise callbacks from themselves; schedule work with requestAnimationFrame.',
    });
  } else if (o.status === 'timeout' && o.timeoutKind === 'wall') {
    out.push({
      rule: 'resource.wall-timeout', severity: 'block',
      message: `The game did not finish its smoke run within ${limits.wallTimeoutMs} ms and was stopped: ` +
        'remove endless loops and blocking work.',
    });
  } else if (o.status === 'timeout') {
    out.push({
      rule: 'resource.cpu-timeout', severity: 'block',
      message: `The game kept the CPU busy for over ${limits.cpuTimeoutMs} ms without yielding ` +
        '(an endless loop or far too much work per frame): ' +
        'make every loop end and do per-frame work inside requestAnimationFrame.',
    });
  } else if (o.status === 'memory' || o.errors.some((e) => MEMORY_ERRORS.test(e.text))) {
    out.push({
      rule: 'resource.memory-limit', severity: 'block',
      message: `The game tried to use more than ${limits.memoryLimitMb} MB of memory: ` +
        'keep arrays, strings and images small and reuse objects.',
    });
  } else if (o.status === 'error') {
    out.push({
      rule: 'smoke.crashed', severity: 'review',
      message: `The smoke run could not complete (${o.detail ?? 'unknown error'}); check the game in a browser.`,
    });
  }
  if (o.flood === 'animation frames') {
    out.push({
      rule: 'resource.raf-flood', severity: 'block',
      message: 'requestAnimationFrame is requested many times per frame: ' +
        'request exactly one frame per frame from the game loop.',
    });
  } else if (o.flood) {
    out.push({
      rule: 'resource.timer-flood', severity: 'block',
      message: `The game floods the timer queue (${o.flood}): ` +
        'use one requestAnimationFrame loop instead of piling up setTimeout/setInterval callbacks.',
    });
  }
  for (const e of o.errors) {
    if (MEMORY_ERRORS.test(e.text)) continue;
    if (e.phase === 'load') {
      out.push(located('smoke.script-error', 'block',
        `The game throws while loading: ${e.text}. Fix it so the script runs to the end.`, e.text));
    } else if (e.phase === 'promise') {
      out.push(located('smoke.unhandled-rejection', 'review',
        `A promise rejects and nothing handles it: ${e.text}. Add a .catch() or try/await.`, e.text));
    } else {
      out.push(located('smoke.runtime-error', 'review',
        `The game throws while playing (${e.phase}, ${e.count}×, first at frame ${e.frame}): ${e.text}.`, e.text));
    }
  }
  for (const call of o.forbidden ?? []) out.push(forbiddenFinding(call));
  if (o.status === 'ok' && expectLoop && o.frames === 0 && o.errors.length === 0) {
    out.push({
      rule: 'smoke.no-frames', severity: 'info',
      message: 'No animation frame ran during the smoke run ' +
        '(the loop may wait for input the smoke player does not give): start drawing right away.',
    });
  }
  return out;
}

export function summarize(o: SmokeOutcome): SmokeSummary {
  return {
    status: o.status, frames: o.frames, errors: o.errors.map((e) => (e.count > 1 ? `${e.text} (×${e.count})` : e.text)),
    ms: o.ms,
  };
}
