// Where a URL in a game really points, decided by the WHATWG URL parser (the one browsers use)
// rather than by patterns: it strips tabs, newlines and leading controls (`java\tscript:`),
// reads `\` as `/` in http(s) URLs (`/\host`, `\/host`, `\\host` are other hosts), lowercases
// schemes and fills in `http:host`. The game runs at some address of ours; a placeholder base
// stands for it, under both http and https because `https:host` is a relative path under an
// https base and another host under an http one.
import { tick } from '../budget.ts';

/** What a URL is, from the game's point of view. */
export type UrlKind =
  | 'empty' // nothing to load
  | 'fragment' // `#id` in the same document (SVG references, anchors)
  | 'data' | 'blob' // content carried in the page itself
  | 'same-origin' // a relative or same-origin path (the vendored engine, or a file that is not there)
  | 'javascript' // code, scanned as script where the markup carries it
  | 'external' // another host, or a scheme that leaves the page (http, ws, ftp, mailto, …)
  | 'invalid'; // no browser would load it

export interface UrlJudgement { kind: UrlKind; href?: string }

const PLACEHOLDER_HOST = 'game.invalid';
const BASES = [`https://${PLACEHOLDER_HOST}/play/g/1/`, `http://${PLACEHOLDER_HOST}/play/g/1/`];

/** Characters the URL parser drops before reading (C0 controls and space, tabs and newlines). */
const DROPPED = /[\u0000-\u0020]/;

function resolve(url: string, base: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

function kindOf(u: URL): UrlKind {
  if (u.protocol === 'data:') return 'data';
  if (u.protocol === 'blob:') return 'blob';
  if (u.protocol === 'javascript:') return 'javascript';
  if (u.protocol === 'about:') return u.pathname === 'blank' || u.pathname === 'srcdoc' ? 'same-origin' : 'external';
  if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === PLACEHOLDER_HOST) return 'same-origin';
  return 'external';
}

const RANK: Record<UrlKind, number> = {
  invalid: 0, empty: 1, fragment: 2, data: 3, blob: 4, 'same-origin': 5, javascript: 6, external: 7,
};

/** Judge one URL as a browser at the game's address would resolve it; the worse of the two bases wins. */
export function judgeUrl(url: string | undefined): UrlJudgement {
  tick();
  if (url === undefined) return { kind: 'empty' };
  let lead = 0;
  while (lead < url.length && DROPPED.test(url[lead]!)) lead++;
  if (lead === url.length) return { kind: 'empty' };
  if (url[lead] === '#') return { kind: 'fragment' };
  const worst = worstOf(url);
  // An invalid URL may be the constant start of one the code completes at run time
  // ('https://' + host): judge it as if something followed.
  return worst.kind === 'invalid' ? worstOf(`${url}x`) : worst;
}

function worstOf(url: string): UrlJudgement {
  let worst: UrlJudgement = { kind: 'invalid' };
  for (const base of BASES) {
    const u = resolve(url, base);
    if (!u) continue;
    const kind = kindOf(u);
    if (RANK[kind] > RANK[worst.kind]) worst = { kind, href: kind === 'external' ? u.href : undefined };
  }
  return worst;
}

/** A URL that makes the page reach outside itself. */
export function isExternalUrl(url: string | undefined): boolean {
  return judgeUrl(url).kind === 'external';
}

/** The text a data: URL carries (percent- or base64-decoded), or undefined for any other URL. */
export function dataUrlText(url: string | undefined): string | undefined {
  if (url === undefined || judgeUrl(url).kind !== 'data') return undefined;
  const cleaned = url.replace(/[\t\n\r]/g, '').trim();
  const comma = cleaned.indexOf(',');
  if (comma < 0) return '';
  const meta = cleaned.slice(0, comma);
  const payload = cleaned.slice(comma + 1);
  if (/;\s*base64\s*$/i.test(meta)) return Buffer.from(payload, 'base64').toString('utf8');
  try {
    return decodeURIComponent(payload);
  } catch {
    return payload.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}
