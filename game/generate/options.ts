// The advanced options a player may give a new game (POST /api/games/generate), and what
// each one does. Only options generation honours exist: the model is told each one given;
// the offline engine, which only sets a template's variables, says which it could not honour.
//   include_sound     true: short sound effects synthesised in code; false: a silent game.
//   mobile_optimized  true: every action works by touch and the game fits a phone screen.
//   performance_mode  balanced (the default): ordinary care; quality: visual polish first;
//                     performance: a steady frame rate on slow phones first.
import type { TemplateSource } from '../offline/index.ts';

export const PERFORMANCE_MODES = ['balanced', 'quality', 'performance'] as const;
export type PerformanceMode = (typeof PERFORMANCE_MODES)[number];

export interface AdvancedOptions {
  include_sound?: boolean;
  mobile_optimized?: boolean;
  performance_mode?: PerformanceMode;
}

const SOUND = {
  on: 'Sound: add short sound effects synthesised with the Web Audio API (oscillators and gain nodes, no audio '
    + 'files); create the AudioContext on the first key press or tap.',
  off: 'Sound: none; the game is silent.',
};
const MOBILE = {
  on: 'Mobile: every action also works by touch (pointer events on the canvas or on-screen zones), the canvas '
    + 'scales to fit a phone screen in portrait and landscape, and nothing depends on hover.',
  off: 'Mobile: not a target; keyboard controls are enough.',
};
const PERFORMANCE: Record<PerformanceMode, string> = {
  balanced: 'Performance mode balanced: ordinary care for both the look and the frame rate.',
  quality: 'Performance mode quality: favour visual polish (particles, smooth animation, gradients) within the '
    + 'size limit.',
  performance: 'Performance mode performance: favour a steady 60 fps on slow phones: few objects at once, no '
    + 'allocations in the frame loop, no shadows or filters, simple shapes.',
};

/** One line per option given, for the model's prompt; none when no option was given. */
export function optionLines(o: AdvancedOptions): string[] {
  const lines: string[] = [];
  if (o.include_sound !== undefined) lines.push(o.include_sound ? SOUND.on : SOUND.off);
  if (o.mobile_optimized !== undefined) lines.push(o.mobile_optimized ? MOBILE.on : MOBILE.off);
  if (o.performance_mode) lines.push(PERFORMANCE[o.performance_mode]);
  return lines;
}

const TOUCH_INPUT = /addEventListener\(\s*['"]pointerdown['"]/;

/**
 * The options a template cannot honour, each with why. Templates are silent and draw the same
 * way in every mode; touch is honoured where the template's code takes pointer input.
 */
export function offlineShortfalls(o: AdvancedOptions, template: TemplateSource): string[] {
  const out: string[] = [];
  if (o.include_sound) out.push(`include_sound (${template.id} has no sound)`);
  if (o.mobile_optimized && !TOUCH_INPUT.test(template.code)) {
    out.push(`mobile_optimized (${template.id} has no touch input)`);
  }
  if (o.performance_mode && o.performance_mode !== 'balanced') {
    out.push(`performance_mode ${o.performance_mode} (${template.id} draws the same way in every mode)`);
  }
  return out;
}
