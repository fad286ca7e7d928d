// Password hashing with bcrypt at cfg.BCRYPT_COST. Checking a login costs one bcrypt
// comparison whether or not the account exists, so timing does not tell the two apart.
import bcrypt from 'bcryptjs';

// One dummy hash per cost, made on first use (a cost-12 hash takes ~200 ms: not at import).
const dummyHashes = new Map<number, Promise<string>>();

function dummyHash(cost: number): Promise<string> {
  let h = dummyHashes.get(cost);
  if (!h) {
    h = bcrypt.hash('no-such-account-Dummy-1', cost);
    dummyHashes.set(cost, h);
  }
  return h;
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** true only when `hash` is given and matches; with no hash it still spends one comparison. */
export async function checkPassword(password: string, hash: string | undefined, cost: number): Promise<boolean> {
  if (hash === undefined) {
    await bcrypt.compare(password, await dummyHash(cost));
    return false;
  }
  return bcrypt.compare(password, hash);
}

/** Warm the dummy hash so the first unknown-account login is not the slow one. */
export function prepareDummyHash(cost: number): void {
  void dummyHash(cost);
}
