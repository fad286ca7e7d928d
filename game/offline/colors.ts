// Colour words → pleasant #rrggbb values (a flat-UI palette; the seed's own examples where
// it has them: blue #3498db, red #e74c3c, green #2ecc71, golden #f1c40f). Shades such as
// "dark blue" or "pale pink" are mixed from the base colour, so every name gets them.

const BASE_COLORS: Record<string, string> = {
  red: '#e74c3c',
  crimson: '#c0392b',
  scarlet: '#e8322b',
  maroon: '#7b241c',
  blue: '#3498db',
  navy: '#1f3a68',
  indigo: '#4b3f9e',
  green: '#2ecc71',
  emerald: '#27ae60',
  olive: '#7d8c2e',
  lime: '#a3d94a',
  mint: '#7fe0b5',
  yellow: '#f4d03f',
  gold: '#f1c40f',
  golden: '#f1c40f',
  amber: '#f5b041',
  orange: '#e67e22',
  coral: '#ff7f61',
  peach: '#f8c291',
  purple: '#9b59b6',
  violet: '#8e44ad',
  lavender: '#c39bd3',
  magenta: '#e84393',
  pink: '#fd79a8',
  black: '#000000',
  white: '#ffffff',
  grey: '#95a5a6',
  gray: '#95a5a6',
  silver: '#bdc3c7',
  charcoal: '#34495e',
  brown: '#8b5a2b',
  tan: '#d2b48c',
  beige: '#f5e6c8',
  cyan: '#00bcd4',
  aqua: '#00e5ff',
  teal: '#16a085',
  turquoise: '#1abc9c',
};

/** Words that shade the colour after them ("dark blue", "pale pink"). */
const SHADE_WORDS: Record<string, Shade> = {
  dark: 'dark',
  darker: 'dark',
  deep: 'dark',
  light: 'light',
  lighter: 'light',
  pale: 'light',
  pastel: 'light',
  soft: 'light',
  bright: 'base',
  vivid: 'base',
  neon: 'base',
  hot: 'base',
};

export type Shade = 'dark' | 'light' | 'base';

/** Bare "dark"/"light" (no colour after) only makes sense for a backdrop: "a dark background". */
export const BARE_SHADE_COLORS: Record<'dark' | 'light', string> = { dark: '#1b2631', light: '#ecf0f1' };

export function baseColor(word: string): string | undefined {
  if (Object.hasOwn(BASE_COLORS, word)) return BASE_COLORS[word];
  if (!word.endsWith('ish')) return undefined;
  // "reddish", "bluish", "greenish", "purplish": the base colour.
  const stem = word.slice(0, -3);
  for (const candidate of [stem, stem.slice(0, -1), `${stem}e`]) {
    if (Object.hasOwn(BASE_COLORS, candidate)) return BASE_COLORS[candidate];
  }
  return undefined;
}

export function shadeWord(word: string): Shade | undefined {
  return Object.hasOwn(SHADE_WORDS, word) ? SHADE_WORDS[word] : undefined;
}

/** #rgb / #rrggbb written by the player, normalised to lower-case #rrggbb. */
export function hexLiteral(word: string): string | undefined {
  const six = /^#([0-9a-f]{6})$/i.exec(word);
  if (six) return `#${six[1]!.toLowerCase()}`;
  const three = /^#([0-9a-f]{3})$/i.exec(word);
  if (!three) return undefined;
  return `#${[...three[1]!.toLowerCase()].map((c) => c + c).join('')}`;
}

function mix(hex: string, toward: number, share: number): string {
  const n = parseInt(hex.slice(1), 16);
  const channels = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => Math.round(v + (toward - v) * share));
  return `#${channels.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function shaded(hex: string, shade: Shade): string {
  if (shade === 'dark') return mix(hex, 0, 0.35);
  if (shade === 'light') return mix(hex, 255, 0.45);
  return hex;
}

/** "brighter" / "darker": a quarter of the way to white or black (nearly half for "much"). */
export function brightened(hex: string, direction: 'up' | 'down', strength: 1 | 2): string {
  return mix(hex, direction === 'up' ? 255 : 0, strength === 2 ? 0.45 : 0.25);
}

/** The palette name of a value, for summaries ("from blue (#3498db)"); undefined if none. */
export function colorName(hex: string): string | undefined {
  const wanted = hex.toLowerCase();
  for (const [name, value] of Object.entries(BASE_COLORS)) if (value === wanted) return name;
  return undefined;
}

export function colorNames(): string[] {
  return Object.keys(BASE_COLORS);
}
