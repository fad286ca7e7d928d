// The one place the play page's security headers and wrapper are built. A game is served as
// its own document with a CSP that sandboxes it (opaque origin: no cookies, no storage of its
// own — the wrapper lends it some, see storage.ts — no access to the site), lets only its own
// inline code (by hash), the prelude (prelude.ts) and the vendored engine run, and allows no
// network at all; the wrapper page embeds it in an <iframe sandbox="allow-scripts">. The
// /play route and the browser playtest both use these functions, so what is tested is what
// players get.
import { GAME_PRELUDE_HASH } from './prelude.ts';
import { cspHash, type ScriptHashes } from './script-hashes.ts';
import { WRAPPER_STORAGE_BRIDGE } from './storage.ts';

/** Where the API serves the vendored Phaser build (same origin as the games). */
export const ENGINE_PATH = '/play/vendor/phaser.min.js';

const PERMISSIONS_POLICY = [
  'accelerometer', 'ambient-light-sensor', 'bluetooth', 'camera', 'clipboard-read', 'clipboard-write',
  'display-capture', 'encrypted-media', 'geolocation', 'gyroscope', 'hid', 'idle-detection', 'magnetometer',
  'microphone', 'midi', 'payment', 'publickey-credentials-get', 'screen-wake-lock', 'serial', 'usb',
  'xr-spatial-tracking',
].map((p) => (p.includes('=') ? p : `${p}=()`)).join(', ');

/** A CSP source for one exact URL: absolute http(s), no characters that could end the directive. */
function cspUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`engineUrl must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('engineUrl must use http or https');
  if (/[\s;,'"]/.test(u.href) || u.search || u.hash || u.username || u.password) {
    throw new Error('engineUrl must be a plain URL without query, fragment or credentials');
  }
  return u.href;
}

/** Who may frame a game: the play page's origin ('self' when the wrapper is same-origin). */
function frameAncestors(origin: string | undefined): string {
  if (!origin) return "'self'";
  const u = new URL(origin);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('playOrigin must be an http(s) origin');
  return u.origin;
}

export interface GamePolicyOptions {
  engineUrl?: string;
  playOrigin?: string;
  /** The game's own inline code (script-hashes.ts); none when absent. */
  scripts?: ScriptHashes;
}

/** No 'unsafe-inline': the prelude and the game's own inline scripts run by hash, its static
 *  handlers by hash too, and nothing written at run time runs at all. */
export function gameCsp(opts: GamePolicyOptions): string {
  const own = opts.scripts ?? { inline: [], handlers: [] };
  const scripts = [GAME_PRELUDE_HASH, ...own.inline, ...(opts.engineUrl ? [cspUrl(opts.engineUrl)] : [])];
  const handlers = own.handlers.length ? ["'unsafe-hashes'", ...own.handlers] : ["'none'"];
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    `script-src-attr ${handlers.join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'media-src data: blob:',
    'font-src data:',
    "connect-src 'none'",
    "worker-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "object-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors(opts.playOrigin)}`,
    'sandbox allow-scripts',
  ].join('; ');
}

export function gameHeaders(opts: GamePolicyOptions): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': gameCsp(opts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cache-Control': 'no-store',
  };
}

/** Headers for the vendored engine script: it is loaded from the sandboxed (opaque-origin)
 *  game document, so it must be loadable cross-origin. */
export function engineHeaders(): Record<string, string> {
  return {
    'Content-Type': 'text/javascript; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'public, max-age=31536000, immutable',
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Relative URLs (same origin) or absolute http(s); never javascript:, data: or anything else. */
function safeGameUrl(url: string): string {
  const trimmed = url.trim();
  const parsed = new URL(trimmed, 'http://relative.invalid/');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`gameUrl must be an http(s) or relative URL, got ${JSON.stringify(url)}`);
  }
  return trimmed;
}

// The only script on the page, allowed by hash: focus the game so keys reach it without a
// first click, and bridge the game's storage (storage.ts), which also puts the frame in.
const WRAPPER_SCRIPT = `${WRAPPER_STORAGE_BRIDGE}
document.querySelector('iframe').addEventListener('load', function () { this.focus(); });`;
const WRAPPER_SCRIPT_HASH = cspHash(WRAPPER_SCRIPT);

/** `storageKey` names the game's saved items (one set per game, shared by its versions). */
export function wrapperHtml(opts: { gameUrl: string; title: string; storageKey: string }): string {
  const title = escapeHtml(opts.title.slice(0, 200));
  const src = escapeHtml(safeGameUrl(opts.gameUrl));
  const key = escapeHtml(opts.storageKey);
  const iframe = `<iframe sandbox="allow-scripts" data-src="${src}" data-storage-key="${key}" title="${title}" ` +
    'allow="fullscreen; gamepad; autoplay" referrerpolicy="no-referrer" loading="eager"></iframe>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  html, body { margin: 0; height: 100%; background: #000; overflow: hidden; }
  iframe { display: block; width: 100vw; height: 100vh; border: 0; }
</style>
</head>
<body>
${iframe}
<script>${WRAPPER_SCRIPT}</script>
</body>
</html>
`;
}

export function wrapperHeaders(opts: { gameOrigin?: string } = {}): Record<string, string> {
  const frameSrc = opts.gameOrigin ? frameAncestors(opts.gameOrigin) : "'self'";
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'", `script-src ${WRAPPER_SCRIPT_HASH}`, "style-src 'unsafe-inline'", `frame-src ${frameSrc}`,
      "img-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cache-Control': 'no-store',
  };
}
