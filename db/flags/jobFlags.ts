// The flags a job run decides by, for the job's owner (their role), game and template: whether
// the game is played in a browser before it is stored, and the provider order for the owner's tier.
import { QueryTypes } from 'sequelize';
import type { Database } from '../index.ts';
import type { Environment, ProviderId, UserRole } from '../../game/vocabulary.ts';
import type { FeatureFlags } from './store.ts';
import type { FlagContext } from './evaluate.ts';
import { FLAGS } from './known.ts';

export interface JobFlags {
  playtest: boolean;
  anthropicFirst: boolean;
}

/** The job's flag context from one read: the owner's role and the game's template. */
export async function jobFlagContext(
  db: Database, run: { userId: string; gameId: string }, environment: Environment,
): Promise<FlagContext> {
  const [row] = await db.sequelize.query<{ role: UserRole; template_id: string | null }>(
    'SELECT u.role, g.template_id FROM users u LEFT JOIN games g ON g.id = :gameId WHERE u.id = :userId',
    { replacements: { userId: run.userId, gameId: run.gameId }, type: QueryTypes.SELECT },
  );
  return {
    environment, userId: run.userId, gameId: run.gameId, role: row?.role, templateId: row?.template_id ?? undefined,
  };
}

export async function decideJobFlags(flags: FeatureFlags, ctx: FlagContext): Promise<JobFlags> {
  const d = await flags.decide([FLAGS.browserPlaytest, FLAGS.anthropicFirst], ctx);
  return { playtest: d[FLAGS.browserPlaytest]!.enabled, anthropicFirst: d[FLAGS.anthropicFirst]!.enabled };
}

/** The chain's order with Anthropic moved to the front when the flag says so (others keep their order). */
export function orderProviders(order: readonly ProviderId[], anthropicFirst: boolean): ProviderId[] {
  if (!anthropicFirst || !order.includes('anthropic')) return [...order];
  return ['anthropic', ...order.filter((p) => p !== 'anthropic')];
}
