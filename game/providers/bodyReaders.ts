// Small readers for untyped JSON bodies: the SDK types promise a shape the wire need not
// keep (a proxy, a fake, an API change), so every field used is checked where it is read.

export const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** A non-empty string, else undefined. */
export const asString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A string with something besides whitespace, else undefined. */
export const asText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** A token count: a finite non-negative number, else 0 (usage is informative, not vital). */
export const asCount = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
