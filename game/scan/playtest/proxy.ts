// A playtest's only way out of its browser context: an HTTP proxy on 127.0.0.1 (the context is
// created with it; Playwright proxies loopback too) that serves the play pages of one game on
// PLAYTEST_ORIGIN — the wrapper at /play/, the game at /play/game with the play headers, the
// engine when the game uses it — and refuses everything else: other hosts, ports and paths,
// CONNECT tunnels (https, wss) and upgrades. Defence in depth behind the game's CSP, in the
// network stack, with no round trip to the worker per request. A proxy is opened before its
// game is known (a stage prepared ahead, warm.ts): until then it serves only an empty page.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ENGINE_PATH, engineHeaders, gameHeaders, wrapperHeaders, wrapperHtml } from '../../play/page.ts';
import { withGamePrelude } from '../../play/prelude.ts';
import { scriptHashes } from '../../play/script-hashes.ts';

/** The play pages' origin in the browser: trustworthy (a .localhost name), reached only through the proxy. */
export const PLAYTEST_ORIGIN = 'http://playtest.localhost';
export const GAME_PATH = '/play/game';
/** An empty page on the play origin: a stage's pages wait there, their renderer started. */
export const BLANK_PATH = '/play/blank';

export interface PlaySite { html: string; title: string; withEngine: boolean }

export interface PlayProxy {
  /** The proxy's address, for the browser context. */
  server: string;
  /** The game this proxy serves from now on (once: a stage plays one game). */
  serve(site: PlaySite): void;
  close(): Promise<void>;
}

let engineSource: Buffer | undefined;
function engine(): Buffer {
  engineSource ??= readFileSync(createRequire(import.meta.url).resolve('phaser/dist/phaser.min.js'));
  return engineSource;
}

const TEXT = { 'Content-Type': 'text/plain' };
// The wrapper's opener policy too: going from this page to the wrapper keeps the renderer.
const BLANK = {
  'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin', 'Cache-Control': 'no-store',
};

export async function openPlayProxy(): Promise<PlayProxy> {
  let site: PlaySite | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const path = url.startsWith(`${PLAYTEST_ORIGIN}/`) ? url.slice(PLAYTEST_ORIGIN.length).split('?')[0] : undefined;
    const send = (status: number, headers: Record<string, string>, body: string | Buffer): void => {
      res.writeHead(status, headers);
      res.end(body);
    };
    if (path === undefined) return send(403, TEXT, 'not reachable from a playtest');
    if (req.method !== 'GET') return send(405, TEXT, 'method not allowed');
    if (path === BLANK_PATH) return send(200, BLANK, '<!doctype html><title>playtest</title>');
    if (!site) return send(404, TEXT, 'not found');
    if (path === '/play/') {
      const wrapper = wrapperHtml({ gameUrl: GAME_PATH, title: site.title, storageKey: 'playtest' });
      return send(200, wrapperHeaders(), wrapper);
    }
    if (path === GAME_PATH) {
      const engineUrl = site.withEngine ? `${PLAYTEST_ORIGIN}${ENGINE_PATH}` : undefined;
      return send(200, gameHeaders({ engineUrl, scripts: scriptHashes(site.html) }), withGamePrelude(site.html));
    }
    if (path === ENGINE_PATH && site.withEngine) return send(200, engineHeaders(), engine());
    return send(404, TEXT, 'not found');
  });
  const refuse = (_req: IncomingMessage, socket: Duplex) => socket.destroy();
  server.on('connect', refuse);
  server.on('upgrade', refuse);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve(next) {
      if (site) throw new Error('a play proxy serves one game');
      site = next;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
