// Shapes shared by the offline template engine. The public names are a contract with the
// generation pipeline (see index.ts); internal helpers import them from here.
import type { VariableSpec } from '../templates/spec.ts';

/** A template as the engine sees it: template.json plus the game.html source. */
export interface TemplateSource {
  id: string;
  version: number;
  name: string;
  category: string;
  keywords: string[];
  features: string[];
  variables: Record<string, VariableSpec>;
  code: string;
}

export type Direction = 'up' | 'down';

/** What a sentence asks for, independent of any template. */
export interface Intent {
  /** platformer | shooter | puzzle | racing | null */
  game_type: string | null;
  /** From 'called "Sky Hop"', 'named Moon Run', 'rename it to X'. */
  title: string | null;
  /**
   * target = player|enemy|obstacle|coin|goal|background|sky|grass|platform|road|tile|text|bullet|gap;
   * color = #rrggbb.
   */
  colors: { target: string; color: string; word: string }[];
  /**
   * Relative changes. Parameters are semantic: 'fire_rate' up means "shoots more often" even
   * though the variable is a delay; 'enemy_speed' falls back to difficulty where the template
   * says difficulty sets enemy speed. Boolean settings (show_numbers)
   * use up = on, down = off; "<target>_brightness" (e.g. background_brightness, from "a darker
   * background") shades that target's colour. `amount` is set for exact steps such as "2 more enemies".
   */
  adjustments: { parameter: string; direction: Direction; strength: 1 | 2; word: string; amount?: number }[];
  /** Absolute counts: "5 enemies", "three lives", "60 seconds" (target time, in seconds), "1024x768" (width/height). */
  counts: { target: string; value: number }[];
  difficulty: 'easy' | 'medium' | 'hard' | null;
  /** "bigger player", "small canvas", "make them smaller". */
  size: { target: string; direction: Direction }[];
  /** Words of the sentence that matched the lexicon, in order of first appearance. */
  keywords: string[];
  /** 0..1 */
  confidence: number;
}

export interface VariableChange {
  name: string;
  from: unknown;
  to: unknown;
  reason: string;
  type:
    | 'color_change' | 'physics_adjustment' | 'count_change' | 'size_change' | 'difficulty_change' | 'text_change'
    | 'setting_change';
}

export interface OfflineCreateResult {
  html: string;
  template_id: string;
  template_version: number;
  variables: Record<string, unknown>;
  changes: VariableChange[];
  interpretation: string;
  title: string;
  intent: Intent;
}

export interface OfflineModifyResult {
  html: string;
  variables: Record<string, unknown>;
  changes: VariableChange[];
  summary: string;
  understood: boolean;
  intent: Intent;
}

/** Why the engine refused: 'no_config_block', 'invalid_config', 'invalid_value', 'unknown_variable', 'no_templates'. */
export class OfflineEngineError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'OfflineEngineError';
    this.code = code;
  }
}
