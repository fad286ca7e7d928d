// Every version of a game: its picture, summary, changes and provider; play any of them, roll
// back to one (a new version with its content), and compare two side by side — their pictures
// and every change made on the way from one to the other.
import { api, imageUrl } from './api.ts';
import { button, field, h, show, when } from './dom.ts';
import { plainError } from './errors.ts';

export interface VersionSummary {
  version: number;
  created_at: string;
  description: string | null;
  changes: string[];
  change_details: { what: string; from: string | null; to: string | null }[];
  thumbnail_url: string;
  review_status: string;
  verdict: string;
  provider: string | null;
  is_current: boolean;
}

export interface VersionsOptions {
  gameId: string;
  versions: VersionSummary[];
  playing: number | null;
  canChange: boolean;
  play: (version: number) => void;
  changed: () => void;
}

const playable = (v: VersionSummary) => ['approved', 'not_required'].includes(v.review_status) && v.verdict !== 'block';

function thumbnail(v: VersionSummary, label: string): HTMLImageElement {
  const img = h('img', { class: 'thumb', alt: label, width: 160, height: 120 });
  void imageUrl(v.thumbnail_url).then((url) => {
    if (url) img.src = url;
    else img.classList.add('none');
  });
  return img;
}

function versionItem(v: VersionSummary, o: VersionsOptions, error: HTMLElement): HTMLElement {
  const status = { pending: 'waiting for a moderator', rejected: 'rejected' }[v.review_status] ?? '';
  const cls = `version${v.is_current ? ' current' : ''}`;
  return h('li', { testid: 'version-item', class: cls, 'data-version': v.version },
    thumbnail(v, `Picture of version ${v.version}`),
    h('div', { class: 'version-text' },
      h('strong', {}, `Version ${v.version}`, v.is_current ? h('span', { class: 'badge' }, 'current') : null,
        status ? h('span', { class: 'badge warn' }, status) : null),
      h('p', { class: 'meta' }, `${when(v.created_at)} · ${v.provider ?? 'unknown provider'}`),
      v.description ? h('p', {}, v.description) : null,
      v.changes.length
        ? h('p', { class: 'tags' }, v.changes.map((c) => h('span', { class: 'tag' }, c.replace(/_/g, ' '))))
        : null,
      h('p', { class: 'version-actions' },
        playable(v) || o.canChange
          ? button(o.playing === v.version ? 'Playing' : 'Play', () => o.play(v.version), {
            'aria-label': `Play version ${v.version}`, disabled: o.playing === v.version,
          })
          : null,
        o.canChange && !v.is_current && playable(v)
          ? button('Roll back to this', () => {
            api('POST', `/api/games/${o.gameId}/rollback`, { version: v.version })
              .then(() => o.changed()).catch((err: unknown) => show(error, plainError(err)));
          }, { testid: 'rollback', 'aria-label': `Roll back to version ${v.version}` })
          : null)));
}

function detailsList(v: VersionSummary): HTMLElement[] {
  if (!v.change_details.length) return [h('li', {}, v.description ?? 'No recorded changes')];
  return v.change_details.map((d) => h('li', {}, h('code', {}, d.what),
    d.from !== null || d.to !== null ? ` ${d.from ?? '—'} → ${d.to ?? '—'}` : ''));
}

/** The two versions side by side, and what changed between them, version by version. */
function comparison(o: VersionsOptions, a: number, b: number): HTMLElement {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const find = (n: number) => o.versions.find((v) => v.version === n)!;
  const between = o.versions.filter((v) => v.version > lo && v.version <= hi);
  const side = (v: VersionSummary) => h('figure', {}, thumbnail(v, `Picture of version ${v.version}`),
    h('figcaption', {}, `Version ${v.version} · ${v.provider ?? ''}`, h('br'), v.description ?? ''));
  return h('section', { class: 'comparison', 'aria-label': `Version ${lo} compared with version ${hi}` },
    h('div', { class: 'side-by-side' }, side(find(lo)), side(find(hi))),
    h('h4', {}, `What changed from version ${lo} to version ${hi}`),
    lo === hi ? h('p', {}, 'The same version.') : h('ol', { class: 'changes' }, between.map((v) =>
      h('li', {}, h('strong', {}, `Version ${v.version}: `), v.description ?? '', h('ul', {}, detailsList(v))))));
}

export function versionsPanel(o: VersionsOptions): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const list = h('ul', { testid: 'version-list', class: 'versions' },
    [...o.versions].reverse().map((v) => versionItem(v, o, error)));
  const options = (selected: number) => o.versions.map((v) =>
    h('option', { value: v.version, selected: v.version === selected }, `Version ${v.version}`));
  const newest = o.versions.at(-1)?.version ?? 1;
  const left = h('select', { 'aria-label': 'First version' }, options(Math.max(1, newest - 1)));
  const right = h('select', { 'aria-label': 'Second version' }, options(newest));
  const result = h('div', { class: 'comparison-box' });
  const compare = o.versions.length > 1
    ? h('div', { class: 'compare' }, h('h3', {}, 'Compare two versions'),
      h('div', { class: 'row' }, field('From', left), field('To', right),
        button('Compare side by side', () => show(result, comparison(o, Number(left.value), Number(right.value))),
          { testid: 'compare' })),
      result)
    : null;
  return h('section', { class: 'card versions-panel', 'aria-labelledby': 'versions-h' },
    h('h2', { id: 'versions-h' }, `Versions (${o.versions.length})`), error, list, compare);
}
