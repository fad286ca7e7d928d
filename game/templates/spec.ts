// The shape of a game template (templates/<id>/template.json) and of the values its
// variables may take. One schema, used when templates are loaded, edited and filled in.
import { z } from 'zod';

/** The longest text a string variable may hold (a quiz's own question list needs this much). */
export const MAX_STRING_CHARS = 2000;

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour');
const range = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi, 'range must be [min, max]');
const description = z.string().max(300).optional();

export const variableSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('number'), default: z.number(), range, description }).strict(),
  z.object({ type: z.literal('integer'), default: z.number().int(), range, description }).strict(),
  z.object({ type: z.literal('color'), default: color, description }).strict(),
  z.object({
    type: z.literal('string'), default: z.string(), description,
    max_length: z.number().int().min(1).max(MAX_STRING_CHARS),
  }).strict(),
  z.object({
    type: z.literal('enum'), values: z.array(z.string().min(1)).min(1), default: z.string(), description,
  }).strict(),
  z.object({ type: z.literal('boolean'), default: z.boolean(), description }).strict(),
]);
export type VariableSpec = z.infer<typeof variableSpec>;

/** KeyboardEvent.code values a template may declare. */
const keyCode = z.string().regex(/^(?:Key[A-Z]|Digit[0-9]|Arrow(?:Up|Down|Left|Right)|Space|Enter|Escape|Tab)$/,
  'must be a KeyboardEvent.code such as Space, Enter, ArrowLeft or KeyW');

/** What a player presses: tests and the browser playtest press these to prove the game responds. */
export const controlsSpec = z.object({
  /** Keys that start the game from its title screen and restart it after game over. */
  start: z.array(keyCode).min(1).max(4),
  /** Keys that move or steer (held or tapped). */
  move: z.array(keyCode).max(12),
  /** Keys that act (fire, flap, jump, drop…), besides moving. */
  action: z.array(keyCode).max(6),
  /** What the mouse or a finger does: nothing, tap/click a spot, drag, or aim at the pointer. */
  pointer: z.enum(['none', 'tap', 'drag', 'aim']),
}).strict();
export type ControlsSpec = z.infer<typeof controlsSpec>;

export const templateSpec = z
  .object({
    id: z.string().regex(/^[a-z0-9_]{3,64}$/),
    name: z.string().min(1).max(200),
    description: z.string().max(2000),
    category: z.string().min(1).max(50),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
    engine: z.string().min(1).max(50),
    features: z.array(z.string().min(1).max(50)).max(50),
    entry: z.string().regex(/^[A-Za-z0-9_.-]+\.html$/),
    keywords: z.array(z.string().min(1).max(50)).max(100).default([]),
    /** Declared by every template in templates/; optional for hand-made ones from the console. */
    controls: controlsSpec.optional(),
    variables: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/), variableSpec),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const [name, spec] of Object.entries(t.variables)) {
      const problem = checkValue(spec, spec.default);
      if (problem) ctx.addIssue({ code: 'custom', path: ['variables', name, 'default'], message: problem });
    }
  });
export type TemplateSpec = z.infer<typeof templateSpec>;

/** Why `value` does not fit `spec`, or undefined when it does. */
export function checkValue(spec: VariableSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (spec.type === 'integer' && !Number.isInteger(value)) return 'must be an integer';
      const [lo, hi] = spec.range;
      return value < lo || value > hi ? `must be between ${lo} and ${hi}` : undefined;
    }
    case 'color':
      return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? undefined : 'must be a #rrggbb colour';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return value.length > spec.max_length ? `must be at most ${spec.max_length} characters` : undefined;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? undefined
        : `must be one of ${spec.values.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
  }
}
