// The flags the code asks about, with their meaning and the default a fresh database gets
// (seeded at start-up; an operator changes them in the console). A template in staged rollout
// has a flag of its own, `template.<template id>`: while that flag exists, the template is
// offered only where it evaluates on.
export const FLAGS = {
  browserPlaytest: 'browser_playtest',
  remix: 'remix',
  anthropicFirst: 'llm_anthropic_first',
} as const;

export const KNOWN_FLAGS: readonly { key: string; description: string; defaultEnabled: boolean }[] = [
  {
    key: FLAGS.browserPlaytest, defaultEnabled: true,
    description: 'Play each new game in headless Chromium before it is stored (when BROWSER_PLAYTEST is on)',
  },
  { key: FLAGS.remix, defaultEnabled: true, description: 'Players may remix public games' },
  {
    key: FLAGS.anthropicFirst, defaultEnabled: false,
    description: 'Ask Anthropic before the other model providers (e.g. on for the premium role): '
      + 'the provider order per user tier',
  },
];

export const TEMPLATE_FLAG_PREFIX = 'template.';
export const templateFlagKey = (templateId: string): string => `${TEMPLATE_FLAG_PREFIX}${templateId}`;
