// What the play page puts before a game's own code: the realm guard (no WebRTC, no fresh
// realms) and the storage lent by the wrapper. One inline script, allowed by its hash.
import { cspHash } from './script-hashes.ts';
import { REALM_GUARD } from './realm-guard.ts';
import { GAME_STORAGE_SHIM } from './storage.ts';

export const GAME_PRELUDE = `${REALM_GUARD}\n${GAME_STORAGE_SHIM}`;
export const GAME_PRELUDE_HASH = cspHash(GAME_PRELUDE);

/** Where the prelude goes: after a leading BOM, comments and the doctype (a script before the
 *  doctype would switch the page to quirks mode), before everything else. Linear scan. */
function preludeOffset(html: string): number {
  let i = html.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let guard = 0; guard < 1000; guard++) {
    while (i < html.length && /\s/.test(html[i]!)) i++;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) return i;
      i = end + 3;
      continue;
    }
    if (html.slice(i, i + 9).toLowerCase() === '<!doctype') {
      const end = html.indexOf('>', i);
      return end < 0 ? i : end + 1;
    }
    return i;
  }
  return i;
}

/** The game document as served: the prelude first, then the game exactly as stored. */
export function withGamePrelude(html: string): string {
  const at = preludeOffset(html);
  return `${html.slice(0, at)}<script>${GAME_PRELUDE}</script>${html.slice(at)}`;
}
