// Real open-source games as benign corpus entries without committing their code: each game is
// an npm devDependency, listed in `tests/fixtures/games/real/npm-games.json`, and turned into one
// self-contained page at test time. The page is read from `node_modules/<package>/`, its local
// `<script src>` and `<link rel=stylesheet>` files are inlined in document order (as the browser
// would run them), local images and icons become tiny data: URIs or disappear, and the game's
// code is otherwise left exactly as published, licence headers included, so the scanner sees
// what real authors write rather than what we would have written for it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { Expectation } from './corpus.ts';

export interface RealGame {
  package: string;
  version: string;
  licence: string;
  kind: string;
  /** The playable page, relative to the package folder. */
  page: string;
  /** Local paths the page asks a server for that the package does not hold itself (a
   * dependency the package's own server mounts), mapped to a module path resolved from it. */
  resolve?: Record<string, string>;
  expected: Expectation;
  note: string;
}

export interface RealGamesManifest { games: RealGame[]; known_misfires: Record<string, string> }

export const REAL_GAMES_FILE = join(import.meta.dirname, '../tests/fixtures/games/real/npm-games.json');

export function loadRealGames(file: string = REAL_GAMES_FILE): RealGamesManifest {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RealGamesManifest;
  return { games: raw.games, known_misfires: raw.known_misfires ?? {} };
}

// The smallest transparent GIF: a game that draws a missing sprite still runs, and the page
// makes no request.
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const isLocal = (url: string): boolean => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url.trim());
const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1)
    .find((v) => v !== undefined);

/** The folder an installed package lives in, found the way Node finds it from this project. */
export function packageDir(name: string, from: string = import.meta.dirname): string {
  const req = createRequire(join(from, 'noop.js'));
  return dirname(req.resolve(`${name}/package.json`));
}

function readAsset(game: RealGame, root: string, pageDir: string, url: string): string {
  const clean = url.split(/[?#]/)[0]!;
  const mapped = game.resolve?.[clean];
  if (mapped) {
    const req = createRequire(join(root, 'package.json'));
    return readFileSync(req.resolve(mapped), 'utf8');
  }
  const path = normalize(join(pageDir, decodeURIComponent(clean)));
  if (!path.startsWith(root) || !existsSync(path)) throw new Error(`${game.package}: ${url} is not in the package`);
  return readFileSync(path, 'utf8');
}

// A stylesheet's local @import is replaced by the imported sheet (the browser would load it in
// that place); its own url(...) references to local files (fonts, sprites) become empty data:
// URIs; everything else in it stays.
function inlineCss(css: string, load: (url: string) => string, depth = 0): string {
  const imported = css.replace(/@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1\s*\)?\s*;/g, (m, _q, u: string) => {
    if (!isLocal(u) || depth > 4) return m;
    return `\n${inlineCss(load(u), (v) => load(join(dirname(u), v)), depth + 1)}\n`;
  });
  return imported.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (m, _q, u: string) => (isLocal(u) ? 'url(data:,)' : m));
}

// Text inlined in a <script> or <style> element must not close it early.
const guard = (text: string, tag: string): string => text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');

/** The game's page as one self-contained HTML document. */
export function buildRealGame(game: RealGame): string {
  const root = packageDir(game.package);
  const pagePath = join(root, game.page);
  const pageDir = dirname(pagePath);
  let html = readFileSync(pagePath, 'utf8');
  html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (whole, attrs: string) => {
    const src = attr(`<script ${attrs}>`, 'src');
    if (src === undefined || !isLocal(src)) return whole;
    const rest = attrs.replace(/\ssrc\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/i, '');
    return `<script${rest}>\n${guard(readAsset(game, root, pageDir, src), 'script')}\n</script>`;
  });
  html = html.replace(/<link\b[^>]*>/gi, (tag) => {
    const href = attr(tag, 'href');
    if (href === undefined || !isLocal(href)) return tag;
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    if (rel.split(/\s+/).includes('stylesheet')) {
      const load = (url: string): string => readAsset(game, root, pageDir, url);
      const css = inlineCss(load(href), (u) => load(join(dirname(href), u)));
      return `<style>\n${guard(css, 'style')}\n</style>`;
    }
    return ''; // icons, touch icons, manifests: nothing a game needs to run
  });
  html = html.replace(/<(img|audio|source|video)\b[^>]*>/gi, (tag) => {
    const src = attr(tag, 'src');
    if (src === undefined || !isLocal(src)) return tag;
    const empty = tag.toLowerCase().startsWith('<img') ? ` src="${PIXEL}"` : ' src="data:,"';
    return tag.replace(/\ssrc\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/i, empty);
  });
  return html;
}
