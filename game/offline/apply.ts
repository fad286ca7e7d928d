// An Intent applied to one template's values: absolute settings, relative steps clamped to
// each variable's range, and a record of what was applied, capped, or not available.
import type { VariableSpec } from '../templates/spec.ts';
import type { Request } from './analyze.ts';
import { brightened } from './colors.ts';
import {
  adjustVariable, colorVariable, countVariable, difficultyCarriesSpeed, label, sizeVariables, targetLabel, templateHas,
} from './mapping.ts';
import { cleanTitle, truncateTitle } from './title.ts';
import type { Direction, Intent, TemplateSource } from './types.ts';

export interface ApplyOutcome {
  values: Record<string, unknown>;
  /** Why each touched variable changed, in the order they were first touched. */
  reasons: Map<string, string[]>;
  /** What was applied, as short phrases ("player color blue (#3498db)"), no-ops included. */
  applied: { variable: string; text: string }[];
  /** Steps that could not go further ("jump strength is already at its maximum (900)"). */
  saturated: string[];
  /** Asked for, but the template has no such setting ("green platforms"). */
  unavailable: string[];
  /** Preferences that could not be used. */
  ignored: string[];
  /** Intent items that reached a variable (applied or saturated). */
  mapped: number;
}

type NumericSpec = Extract<VariableSpec, { type: 'number' | 'integer' }>;

/** A factor of 1.25 (or 1.5 for "much") up and its exact inverse down, so "faster" then "slower" returns. */
const FACTOR: Record<1 | 2, number> = { 1: 1.25, 2: 1.5 };
/** Preferences the API may pass; anything else in them is not a game setting. */
const PREFERENCE_KEYS = ['canvas_width', 'canvas_height', 'difficulty'];

function rounded(spec: NumericSpec, value: number): number {
  const [lo, hi] = spec.range;
  return spec.type === 'integer' || hi - lo >= 50 ? Math.round(value) : Math.round(value * 10) / 10;
}

function clampTo(spec: NumericSpec, value: number): number {
  return Math.min(spec.range[1], Math.max(spec.range[0], value));
}

/** The next value of a relative step: `raw` before clamping to the range, `value` after. */
function stepNumber(
  spec: NumericSpec, current: number, direction: Direction, strength: 1 | 2, amount?: number,
): { value: number; raw: number } {
  const sign = direction === 'up' ? 1 : -1;
  const [lo, hi] = spec.range;
  let next: number;
  if (amount !== undefined) next = current + sign * amount;
  else if (spec.type === 'integer' && hi - lo <= 10) next = current + sign * strength; // small counts move one by one
  else next = direction === 'up' ? current * FACTOR[strength] : current / FACTOR[strength];
  next = rounded(spec, next);
  if (next === current) next = rounded(spec, current + sign * (spec.type === 'integer' || hi - lo >= 50 ? 1 : 0.1));
  return { value: clampTo(spec, next), raw: next };
}

/** "5 enemies", "120 seconds", "5x5 grid", "hide numbers": a count as the player would say it. */
function countPhrase(target: string, value: number): string {
  if (target === 'grid') return `${value}x${value} grid`;
  if (target === 'text') return value > 0 ? 'show numbers' : 'hide numbers';
  if (target === 'width' || target === 'height') return `canvas ${target} ${value}`;
  const unit: Record<string, string> = {
    time: 'seconds', distance: 'meters', jump: 'jump strength', gravity: 'gravity', speed: 'speed', fire: 'fire rate',
  };
  return `${value} ${unit[target] ?? targetLabel(target)}`;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function applyIntent(
  template: TemplateSource, base: Record<string, unknown>, intent: Intent, requests: Request[],
  preferences?: Record<string, unknown>,
): ApplyOutcome {
  const values: Record<string, unknown> = { ...base };
  const out: ApplyOutcome = {
    values, reasons: new Map(), applied: [], saturated: [], unavailable: [], ignored: [], mapped: 0,
  };
  const spec = (name: string) => template.variables[name]!;

  const set = (name: string, value: unknown, reason: string, text: string) => {
    const reasons = out.reasons.get(name) ?? [];
    reasons.push(reason);
    out.reasons.set(name, reasons);
    values[name] = value;
    out.applied.push({ variable: name, text });
    out.mapped++;
  };

  /** A relative step on one variable; says so when the variable is already at its limit. */
  const step = (name: string, direction: Direction, strength: 1 | 2, reason: string, amount?: number) => {
    const s = spec(name);
    const current = values[name];
    if (s.type === 'number' || s.type === 'integer') {
      const from = numberOr(current, s.default);
      const { value: to, raw } = stepNumber(s, from, direction, strength, amount);
      const bound = direction === 'up' ? s.range[1] : s.range[0];
      if (to === from || (direction === 'up' ? from > bound : from < bound)) {
        out.saturated.push(`${label(name)} is already at its ${direction === 'up' ? 'maximum' : 'minimum'} (${bound})`);
        out.mapped++;
        return;
      }
      const capped = raw !== to;
      const note = capped ? ` (capped at the ${direction === 'up' ? 'maximum' : 'minimum'} ${bound})` : '';
      set(name, to, reason + note, `${label(name)} ${from} → ${to}${note}`);
    } else if (s.type === 'enum') {
      const at = Math.max(0, s.values.indexOf(String(current)));
      const moved = at + (direction === 'up' ? strength : -strength);
      const next = s.values[Math.min(s.values.length - 1, Math.max(0, moved))]!;
      if (next === current) {
        out.saturated.push(`${label(name)} is already ${next}`);
        out.mapped++;
        return;
      }
      set(name, next, reason, `${label(name)} ${next}`);
    } else if (s.type === 'boolean') {
      set(name, direction === 'up', reason, `${label(name)} ${direction === 'up' ? 'on' : 'off'}`);
    } else if (s.type === 'color' && typeof current === 'string') {
      const next = brightened(current, direction, strength);
      if (next === current.toLowerCase()) {
        out.saturated.push(`${label(name)} is already ${direction === 'up' ? 'white' : 'black'}`);
        out.mapped++;
        return;
      }
      set(name, next, reason, `${label(name)} ${current} → ${next}`);
    }
  };

  /** An absolute number, clamped into range with a note rather than refused. */
  const setNumber = (name: string, requested: number, reason: string, source?: string) => {
    const s = spec(name);
    if (s.type === 'boolean') return set(name, requested > 0, reason, `${label(name)} ${requested > 0 ? 'on' : 'off'}`);
    if (s.type !== 'number' && s.type !== 'integer') return;
    const value = clampTo(s, rounded(s, requested));
    const note = value !== requested ? `${requested} asked; allowed ${s.range[0]}–${s.range[1]}` : '';
    const details = [source, note].filter(Boolean).join('; ');
    set(name, value, note ? `${reason} (${note})` : reason, `${label(name)} ${value}${details ? ` (${details})` : ''}`);
  };

  for (const color of intent.colors) {
    const name = colorVariable(template, color.target);
    const phrase = `${color.word} ${targetLabel(color.target)}`;
    if (name) set(name, color.color, phrase, `${label(name)} ${color.word} (${color.color})`);
    else out.unavailable.push(phrase);
  }

  if (intent.title !== null) {
    const t = template.variables.title;
    if (t?.type === 'string') {
      const title = truncateTitle(cleanTitle(intent.title), t.max_length);
      const note = title.length < intent.title.length ? ` (shortened to ${t.max_length} characters)` : '';
      if (title) set('title', title, `title "${title}"${note}`, `title "${title}"${note}`);
    } else out.unavailable.push(`title "${intent.title}"`);
  }

  if (intent.difficulty) {
    const d = template.variables.difficulty;
    const phrase = `difficulty ${intent.difficulty}`;
    if (d?.type === 'enum' && d.values.includes(intent.difficulty)) {
      set('difficulty', intent.difficulty, intent.difficulty, phrase);
    } else out.unavailable.push(phrase);
  }

  for (const count of intent.counts) {
    const name = countVariable(template, count.target);
    const phrase = countPhrase(count.target, count.value);
    if (!name) {
      out.unavailable.push(phrase);
      continue;
    }
    // "16 tiles" on a square board means 4 per row; "5 tiles" (per row) is already a size.
    const value = count.target === 'tile' && count.value > 6 ? Math.round(Math.sqrt(count.value)) : count.value;
    setNumber(name, value, phrase);
  }

  for (const a of intent.adjustments) {
    const found = adjustVariable(template, a.parameter);
    if (found) {
      const direction = found.inverted ? (a.direction === 'up' ? 'down' : 'up') : a.direction;
      step(found.variable, direction, a.strength, a.word, a.amount);
    } else if (a.parameter === 'enemy_speed' && difficultyCarriesSpeed(template)) {
      step('difficulty', a.direction, 1, `${a.word} (enemy speed comes with difficulty)`);
    } else {
      out.unavailable.push(a.word);
    }
  }

  for (const s of intent.size) {
    const { variables, inverted } = sizeVariables(template, s.target);
    const word = `${s.direction === 'up' ? 'bigger' : 'smaller'} ${targetLabel(s.target)}`;
    if (variables.length === 0) out.unavailable.push(word);
    const direction: Direction = inverted ? (s.direction === 'up' ? 'down' : 'up') : s.direction;
    for (const name of variables) step(name, direction, 1, word);
  }

  for (const r of requests) {
    if (r.target && !templateHas(template, r.target) && !out.unavailable.some((u) => u.endsWith(r.phrase))) {
      out.unavailable.push(r.phrase);
    }
  }

  for (const key of PREFERENCE_KEYS) {
    if (!preferences || !Object.hasOwn(preferences, key)) continue;
    const raw = preferences[key];
    const s = template.variables[key];
    // An explicit preference wins over the description: forget what the words did to it.
    const overridden = out.applied.some((a) => a.variable === key);
    const source = `preference${overridden ? ', over the description' : ''}`;
    const reason = `preference ${key}${overridden ? ', over the description' : ''}`;
    const forget = () => {
      out.applied = out.applied.filter((a) => a.variable !== key);
      out.reasons.delete(key);
      values[key] = base[key];
    };
    if ((s?.type === 'number' || s?.type === 'integer') &&
      (typeof raw === 'number' || (typeof raw === 'string' && /^\d{1,6}(\.\d+)?$/.test(raw))) &&
      Number.isFinite(Number(raw))) {
      forget();
      setNumber(key, Number(raw), reason, source);
    } else if (s?.type === 'enum' && typeof raw === 'string' && s.values.includes(raw.toLowerCase())) {
      forget();
      set(key, raw.toLowerCase(), reason, `${label(key)} ${raw.toLowerCase()} (${source})`);
    } else {
      out.ignored.push(key);
    }
  }
  return out;
}
