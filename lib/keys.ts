// Keys and digests derived from secrets and identifiers. One secret (JWT_SECRET) signs several
// kinds of token; each kind gets its own key, an HMAC of the secret under the kind's label, so
// a value made for one can never pass for another. Identifiers (names, e-mail addresses) that
// count towards a limit are stored only as digests, never in clear.
import { createHash, createHmac } from 'node:crypto';

const derived = new Map<string, Buffer>();

/** The key for one kind of token (`label`, e.g. playforge/play-token/v1), made once per secret. */
export function derivedKey(secret: string, label: string): Buffer {
  const id = `${label}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    key = createHmac('sha256', secret).update(label).digest();
    derived.set(id, key);
  }
  return key;
}

/** SHA-256 (hex) of an identifier as typed, trimmed and lower-cased: the same for any spelling's case. */
export function identifierDigest(identifier: string): string {
  return createHash('sha256').update(identifier.trim().toLowerCase()).digest('hex');
}
