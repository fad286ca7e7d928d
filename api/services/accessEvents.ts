// A user's rights changed (suspended, role changed): every API node hears it through Redis
// and drops that user's open sockets at once, so nothing joined or allowed under the old rights
// outlives the change. The console re-reads its signed-in account on each request instead.
import type { Redis } from '../../lib/redis.ts';

export const ACCESS_CHANGED_CHANNEL = 'playforge:access-changed';

export async function announceAccessChange(redis: Redis, userId: string): Promise<void> {
  await redis.publish(ACCESS_CHANGED_CHANNEL, userId);
}
