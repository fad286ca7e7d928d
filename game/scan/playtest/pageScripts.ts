// What every page of a playtest runs before any of its own code: a listener that reports CSP
// violations on the console, tagged, and the virtual clock (clock.ts) in the game's frame. Set
// on the stage's context when the stage is opened, so a stage prepared ahead has them already.
import type { BrowserContext } from 'playwright-core';
import { virtualTimeScript } from './clock.ts';
import { GAME_PATH } from './proxy.ts';

export const CSP_TAG = '[playforge-csp]';

const CSP_LISTENER = `(() => {
  const log = console.error.bind(console);
  document.addEventListener('securitypolicyviolation', (e) => {
    log(${JSON.stringify(CSP_TAG)} + ' ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline'));
  }, true);
})();`;

export async function addPageScripts(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: CSP_LISTENER });
  await context.addInitScript({ content: virtualTimeScript(GAME_PATH) });
}
