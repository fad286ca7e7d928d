// The moderation queue (being built).
import type { ApiDeps } from '../../api/deps.ts';

export function moderationResources(_deps: ApiDeps): unknown[] {
  return [];
}
