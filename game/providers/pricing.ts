// Approximate list prices in USD per million tokens, for the cost column of a version and
// the usage figures. Unknown models (local servers, new releases) cost 0 rather than a guess.
const PRICES: { prefix: string; input: number; output: number }[] = [
  { prefix: 'gpt-4.1-mini', input: 0.4, output: 1.6 },
  { prefix: 'gpt-4.1-nano', input: 0.1, output: 0.4 },
  { prefix: 'gpt-4.1', input: 2, output: 8 },
  { prefix: 'gpt-4o-mini', input: 0.15, output: 0.6 },
  { prefix: 'gpt-4o', input: 2.5, output: 10 },
  { prefix: 'claude-haiku', input: 1, output: 5 },
  { prefix: 'claude-sonnet', input: 3, output: 15 },
  { prefix: 'claude-opus', input: 15, output: 75 },
  { prefix: 'gemini-2.5-flash-lite', input: 0.1, output: 0.4 },
  { prefix: 'gemini-2.5-flash', input: 0.3, output: 2.5 },
  { prefix: 'gemini-2.5-pro', input: 1.25, output: 10 },
];

export function costOf(model: string, tokensIn: number, tokensOut: number): number {
  const p = PRICES.find((x) => model.startsWith(x.prefix));
  if (!p) return 0;
  return Math.round(((tokensIn * p.input + tokensOut * p.output) / 1_000_000) * 1e6) / 1e6;
}
