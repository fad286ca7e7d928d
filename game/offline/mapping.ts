// Intent words → a template's real variable names. Each entry lists candidates in order of
// preference; only variables the chosen template declares are ever set.
import type { VariableSpec } from '../templates/spec.ts';
import type { TemplateSource, VariableChange } from './types.ts';

interface Candidate {
  variable: string;
  /** Only in templates of these categories (e.g. "grass" is the racing roadside). */
  only?: string[];
  /** Never in these categories (a top-down racer has no sky). */
  not?: string[];
}

const c = (variable: string, limits: Omit<Candidate, 'variable'> = {}): Candidate => ({ variable, ...limits });

const COLOR_TARGETS: Record<string, Candidate[]> = {
  player: [c('player_color')],
  gap: [c('player_color', { only: ['puzzle'] })],
  enemy: [c('enemy_color'), c('traffic_color'), c('opponent_color'), c('hazard_color')],
  obstacle: [c('traffic_color'), c('obstacle_color'), c('hazard_color'), c('asteroid_color'), c('pipe_color'),
    c('enemy_color')],
  coin: [c('coin_color'), c('food_color'), c('item_color')],
  goal: [c('goal_color'), c('coin_color', { only: ['platformer'] })],
  background: [c('background_color')],
  sky: [c('background_color', { not: ['racing', 'puzzle'] })],
  grass: [c('background_color', { only: ['racing'] })],
  road: [c('road_color')],
  platform: [c('platform_color'), c('brick_color')],
  tile: [c('tile_color')],
  text: [c('text_color')],
  bullet: [c('bullet_color')],
  ball: [c('ball_color')],
  wall: [c('wall_color')],
};

/** Absolute numbers: "5 enemies", "three lives", "60 seconds", "gravity to 500". */
const COUNT_TARGETS: Record<string, Candidate[]> = {
  enemy: [c('enemy_count'), c('traffic_count')],
  obstacle: [c('traffic_count'), c('obstacle_count'), c('asteroid_count'), c('enemy_count')],
  coin: [c('coin_count'), c('food_count')],
  goal: [c('coin_count', { only: ['platformer'] })],
  lives: [c('lives')],
  wave: [c('wave_count')],
  lane: [c('lane_count')],
  grid: [c('grid_size')],
  tile: [c('grid_size')],
  time: [c('time_limit')],
  distance: [c('race_distance')],
  road: [c('race_distance')],
  text: [c('show_numbers')],
  width: [c('canvas_width')],
  height: [c('canvas_height')],
  jump: [c('jump_strength')],
  gravity: [c('gravity')],
  speed: [c('player_speed')],
  fire: [c('fire_rate')],
  platform: [c('platform_count')],
};

/** Relative adjustments. `inverted`: the variable grows when the quantity shrinks (fire_rate is a delay). */
const ADJUST_PARAMETERS: Record<string, { candidates: Candidate[]; inverted?: boolean }> = {
  jump_strength: { candidates: [c('jump_strength')] },
  gravity: { candidates: [c('gravity')] },
  player_speed: { candidates: [c('player_speed')] },
  tile_speed: { candidates: [c('player_speed', { only: ['puzzle'] })] },
  fire_rate: { candidates: [c('fire_rate')], inverted: true },
  time_limit: { candidates: [c('time_limit')] },
  race_distance: { candidates: [c('race_distance')] },
  difficulty: { candidates: [c('difficulty')] },
  show_numbers: { candidates: [c('show_numbers')] },
  enemy_count: { candidates: [c('enemy_count'), c('traffic_count')] },
  obstacle_count: { candidates: [c('traffic_count'), c('enemy_count')] },
  coin_count: { candidates: [c('coin_count')] },
  goal_count: { candidates: [c('coin_count', { only: ['platformer'] })] },
  lives: { candidates: [c('lives')] },
  wave_count: { candidates: [c('wave_count')] },
  lane_count: { candidates: [c('lane_count')] },
  grid_size: { candidates: [c('grid_size')] },
  enemy_speed: { candidates: [c('enemy_speed')] },
};

/** "bigger player", "small canvas". Bigger tiles on the same board means fewer of them. */
const SIZE_TARGETS: Record<string, { variables: string[]; inverted?: boolean }> = {
  player: { variables: ['player_size'] },
  canvas: { variables: ['canvas_width', 'canvas_height'] },
  grid: { variables: ['grid_size'] },
  tile: { variables: ['grid_size'], inverted: true },
};

function pick(template: TemplateSource, candidates: Candidate[] | undefined): string | undefined {
  for (const candidate of candidates ?? []) {
    if (!Object.hasOwn(template.variables, candidate.variable)) continue;
    if (candidate.only && !candidate.only.includes(template.category)) continue;
    if (candidate.not?.includes(template.category)) continue;
    return candidate.variable;
  }
  return undefined;
}

export function colorVariable(template: TemplateSource, target: string): string | undefined {
  const variable = pick(template, COLOR_TARGETS[target]);
  return variable && template.variables[variable]?.type === 'color' ? variable : undefined;
}

export function countVariable(template: TemplateSource, target: string): string | undefined {
  return pick(template, COUNT_TARGETS[target]);
}

export function adjustVariable(
  template: TemplateSource, parameter: string,
): { variable: string; inverted: boolean } | undefined {
  // "<target>_brightness" steps that target's colour towards white or black.
  if (parameter.endsWith('_brightness')) {
    const variable = colorVariable(template, parameter.slice(0, -'_brightness'.length));
    return variable ? { variable, inverted: false } : undefined;
  }
  const entry = ADJUST_PARAMETERS[parameter];
  const variable = pick(template, entry?.candidates ?? [c(parameter)]);
  return variable ? { variable, inverted: Boolean(entry?.inverted) } : undefined;
}

/** Faster enemies where enemy speed is part of difficulty (the template says so in its description). */
export function difficultyCarriesSpeed(template: TemplateSource): boolean {
  const spec = template.variables.difficulty;
  return spec?.type === 'enum' && /speed|fast/i.test(spec.description ?? '');
}

export function sizeVariables(template: TemplateSource, target: string): { variables: string[]; inverted: boolean } {
  const entry = SIZE_TARGETS[target];
  const variables = (entry?.variables ?? []).filter((v) => Object.hasOwn(template.variables, v));
  return { variables, inverted: Boolean(entry?.inverted) };
}

/** Whether the template has anything at all about a thing, for "with lasers" style requests. */
export function templateHas(template: TemplateSource, target: string): boolean {
  return Boolean(
    colorVariable(template, target) ?? countVariable(template, target) ?? sizeVariables(template, target).variables[0],
  );
}

const PHYSICS = new Set(['jump_strength', 'gravity', 'player_speed', 'fire_rate']);
const SIZES = new Set(['canvas_width', 'canvas_height', 'player_size']);

export function changeType(name: string, spec: VariableSpec): VariableChange['type'] {
  if (spec.type === 'color') return 'color_change';
  if (name === 'difficulty') return 'difficulty_change';
  if (spec.type === 'string') return 'text_change';
  if (PHYSICS.has(name)) return 'physics_adjustment';
  if (SIZES.has(name)) return 'size_change';
  if (spec.type === 'integer' && (/_count$|_size$/.test(name) || name === 'lives')) return 'count_change';
  return 'setting_change';
}

/** fire_rate is a delay: "decreased fire rate" would read as the opposite of what happened. */
const LABELS: Record<string, string> = { fire_rate: 'delay between shots (ms)' };

/** "player_color" → "player color": the variable names are otherwise plain English. */
export function label(name: string): string {
  return LABELS[name] ?? name.replace(/_/g, ' ');
}

const TARGET_LABELS: Record<string, string> = {
  enemy: 'enemies', coin: 'coins', platform: 'platforms', obstacle: 'obstacles', tile: 'tiles', bullet: 'shots',
  text: 'numbers', wave: 'waves', lane: 'lanes',
};

export function targetLabel(target: string): string {
  return TARGET_LABELS[target] ?? target;
}
