// What is on for the signed-in player (GET /api/features), asked once per account. The server
// decides again on every request; this only keeps the page from offering what it would refuse.
import { api, currentUser, onAccountChange } from './api.ts';

type Decisions = Record<string, { enabled: boolean } | undefined>;
let asked: Promise<Decisions> | null = null;
onAccountChange(() => {
  asked = null;
});

/** false only when the server says the feature is off for this player (unknown: let them try). */
export async function featureOn(key: string): Promise<boolean> {
  if (!currentUser()) return true;
  asked ??= api<{ features: Decisions }>('GET', '/api/features').then((r) => r.features, () => ({}));
  return (await asked)[key]?.enabled ?? true;
}
