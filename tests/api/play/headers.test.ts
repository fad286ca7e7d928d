// /play over HTTP: who gets which version, the headers that sandbox a game, play tokens, and
// PLAY_ORIGIN keeping games off the site's origin.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { parseConfig } from '../../../config.ts';
import { ENGINE_PATH } from '../../../game/play/page.ts';
import { GAME_PRELUDE_HASH, withGamePrelude } from '../../../game/play/prelude.ts';
import { scriptHashes } from '../../../game/play/script-hashes.ts';
import { signPlayToken } from '../../../api/services/playTokens.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { createUser } from '../../helpers/users.ts';
import { SIMPLE_GAME, makeGame } from './fixtures.ts';
import { cspDirectives } from '../../helpers/csp.ts';

let s: Services;
let app: Express;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  owner = await createUser(s);
});
afterAll(async () => s.close());

/** What a browser sends for the wrapper's frame; game documents answer nothing else. */
const FRAMED = { 'Sec-Fetch-Dest': 'iframe' };

const tokenFor = async (gameId: string, version: number, bearer: string) =>
  (await request(app).get(`/play/${gameId}/${version}/token`).set('Authorization', `Bearer ${bearer}`))
    .body as { url: string; expires_at: string; token: string; single_use: boolean };

describe('/play headers and access', () => {
  it('serves a public game: the wrapper frames game.html in a scripts-only sandbox; the game has the sandboxing CSP',
    async () => {
    const { gameId, version } = await makeGame(
      s, owner.user.id, { content: SIMPLE_GAME, isPublic: true, title: 'Blue <Jumper>' },
    );
    const wrapper = await request(app).get(`/play/${gameId}/${version}`).expect(200);
    expect(wrapper.headers['content-type']).toMatch(/^text\/html/);
    expect(wrapper.text).toContain(`<iframe sandbox="allow-scripts" data-src="/play/${gameId}/${version}/game.html"`);
    expect(wrapper.text).not.toContain('allow-same-origin');
    expect(wrapper.text).toContain('<title>Blue &lt;Jumper&gt;</title>');
    expect(wrapper.headers)
      .toMatchObject({
        'x-frame-options': 'SAMEORIGIN', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store',
      });
    // Framed by the player's app on this origin only.
    expect(cspDirectives(wrapper.headers['content-security-policy']!).get('frame-ancestors')).toBe("'self'");

    const game = await request(app).get(`/play/${gameId}/${version}/game.html`).set(FRAMED).expect(200);
    // The game exactly as stored, after the storage shim the play page lends every game.
    expect(game.text).toBe(withGamePrelude(SIMPLE_GAME));
    const csp = cspDirectives(game.headers['content-security-policy']!);
    expect(csp.get('sandbox')).toBe('allow-scripts');
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('connect-src')).toBe("'none'");
    // The prelude and the game's one inline script by hash; no engine in this game: not even that URL.
    expect(csp.get('script-src')).toBe(`${GAME_PRELUDE_HASH} ${scriptHashes(SIMPLE_GAME).inline.join(' ')}`);
    expect(scriptHashes(SIMPLE_GAME).inline).toHaveLength(1);
    expect(csp.get('script-src-attr')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'self'");
    expect(game.headers).toMatchObject({
      'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store',
    });
    // frame-ancestors governs framing; the site-wide SAMEORIGIN must not be sent with games.
    expect(game.headers['x-frame-options']).toBeUndefined();
  });

  it('allows the vendored engine by absolute URL only for games that load it, '
    + 'and serves it with a long immutable cache', async () => {
    const content = SIMPLE_GAME.replace('<body>', `<body><script src="${ENGINE_PATH}"></script>`);
    const { gameId, version } = await makeGame(s, owner.user.id, { content, isPublic: true });
    const game = await request(app).get(`/play/${gameId}/${version}/game.html`).set(FRAMED)
      .set('Host', 'games.test:8080')
      .expect(200);
    expect(cspDirectives(game.headers['content-security-policy']!).get('script-src'))
      .toBe(`${GAME_PRELUDE_HASH} ${scriptHashes(content).inline.join(' ')} http://games.test:8080${ENGINE_PATH}`);
    const engine = await request(app).get(ENGINE_PATH).expect(200);
    expect(engine.headers['content-type']).toMatch(/^text\/javascript/);
    expect(engine.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(engine.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(engine.text.length).toBeGreaterThan(500_000);
    expect(engine.text).toContain('Phaser');
  });

  it('private and pending versions need a play token from the owner or staff; '
    + 'expired, forged or foreign tokens are 404', async () => {
    const priv = await makeGame(s, owner.user.id, { content: SIMPLE_GAME, isPublic: false });
    const pending = await makeGame(
      s, owner.user.id, { content: SIMPLE_GAME, isPublic: true, reviewStatus: 'pending', verdict: 'review' },
    );
    for (const g of [priv, pending]) {
      await request(app).get(`/play/${g.gameId}/${g.version}`).expect(404);
      await request(app).get(`/play/${g.gameId}/${g.version}/game.html`).set(FRAMED).expect(404);
      const minted = await tokenFor(g.gameId, g.version, owner.token);
      expect(minted.url).toBe(`/play/${g.gameId}/${g.version}?t=${minted.token}`);
      expect(Date.parse(minted.expires_at) - Date.now()).toBeGreaterThan(60_000);
      const wrapper = await request(app).get(minted.url).expect(200);
      // The wrapper hands the token on to the game document.
      expect(wrapper.text).toContain(`data-src="/play/${g.gameId}/${g.version}/game.html?t=${minted.token}"`);
      await request(app).get(`/play/${g.gameId}/${g.version}/game.html?t=${minted.token}`).set(FRAMED).expect(200);
      // A version awaiting review is not for sharing: the owner's link opens it once, for 5 minutes.
      const awaiting = g === pending;
      expect(minted.single_use).toBe(awaiting);
      if (awaiting) expect(Date.parse(minted.expires_at) - Date.now()).toBeLessThanOrEqual(300_000);
      await request(app).get(`/play/${g.gameId}/${g.version}/game.html?t=${minted.token}`).set(FRAMED)
        .expect(awaiting ? 404 : 200);
    }
    // Fresh links keep working one by one (each is spent on its own), but none twice.
    const again = await tokenFor(pending.gameId, pending.version, owner.token);
    expect(again.token).not.toBe((await tokenFor(pending.gameId, pending.version, owner.token)).token);
    const uses = await Promise.all([0, 1, 2, 3].map(() => request(app)
      .get(`/play/${pending.gameId}/${pending.version}/game.html`).query({ t: again.token }).set(FRAMED)));
    expect(uses.map((r) => r.status).sort()).toEqual([200, 404, 404, 404]);
    // Staff review with ordinary links.
    const moderator = await createUser(s, 'moderator');
    const byStaff = await tokenFor(pending.gameId, pending.version, moderator.token);
    expect(byStaff.single_use).toBe(false);
    await request(app).get(byStaff.url).expect(200);
    for (let i = 0; i < 2; i++) {
      await request(app).get(`/play/${pending.gameId}/${pending.version}/game.html`).query({ t: byStaff.token })
        .set(FRAMED).expect(200);
    }

    const other = await createUser(s);
    await request(app).get(`/play/${priv.gameId}/${priv.version}/token`).set('Authorization', `Bearer ${other.token}`)
      .expect(404);
    await request(app).get(`/play/${priv.gameId}/${priv.version}/token`).expect(401);
    await request(app).get(`/play/${priv.gameId}/abc/token`).set('Authorization', `Bearer ${owner.token}`).expect(400);

    const expired = signPlayToken(s.cfg, priv.gameId, priv.version, Date.now() - 3_600_000).token;
    const otherKey = signPlayToken({ JWT_SECRET: 'x'.repeat(32) }, priv.gameId, priv.version).token;
    const otherGame = signPlayToken(s.cfg, pending.gameId, priv.version).token;
    const valid = signPlayToken(s.cfg, priv.gameId, priv.version).token;
    const flipped = `${valid.slice(0, -2)}${valid.endsWith('AA') ? 'AB' : 'AA'}`;
    const farFuture = signPlayToken(s.cfg, priv.gameId, priv.version, Date.now(), 365 * 86_400).token;
    for (const t of [expired, otherKey, otherGame, flipped, farFuture, 'x', owner.token]) {
      const res = await request(app).get(`/play/${priv.gameId}/${priv.version}/game.html`).set(FRAMED).query({ t })
        .expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).not.toMatch(/at .+\.ts:\d+/);
    }
  });

  it('never serves rejected or blocked versions, not even to the owner with a token', async () => {
    const rejected = await makeGame(
      s, owner.user.id, { content: SIMPLE_GAME, isPublic: true, reviewStatus: 'rejected', verdict: 'review' },
    );
    // Even marked approved, a block verdict is never served.
    const blocked = await makeGame(
      s, owner.user.id, { content: SIMPLE_GAME, isPublic: true, reviewStatus: 'approved', verdict: 'block' },
    );
    for (const g of [rejected, blocked]) {
      const t = signPlayToken(s.cfg, g.gameId, g.version).token;
      await request(app).get(`/play/${g.gameId}/${g.version}`).expect(404);
      await request(app).get(`/play/${g.gameId}/${g.version}/game.html?t=${t}`).set(FRAMED).expect(404);
      await request(app).get(`/play/${g.gameId}/${g.version}/token`).set('Authorization', `Bearer ${owner.token}`)
        .expect(404);
    }
  });

  it('never renders a game as a page of its own: opened top-level or without fetch metadata, it goes to the wrapper',
    async () => {
    const { gameId, version } = await makeGame(s, owner.user.id, { content: SIMPLE_GAME, isPublic: true });
    const priv = await makeGame(s, owner.user.id, { content: SIMPLE_GAME, isPublic: false });
    const { token } = signPlayToken(s.cfg, priv.gameId, priv.version);
    for (const dest of ['document', 'empty', 'script', 'image', undefined]) {
      const get = request(app).get(`/play/${gameId}/${version}/game.html`);
      const res = await (dest ? get.set('Sec-Fetch-Dest', dest) : get).expect(302);
      expect([dest, res.headers.location]).toEqual([dest, `${s.cfg.publicUrl}/play/${gameId}/${version}`]);
      expect(res.text).not.toContain('<canvas');
    }
    const res = await request(app).get(`/play/${priv.gameId}/${priv.version}/game.html`).query({ t: token })
      .set('Sec-Fetch-Dest', 'document').expect(302);
    expect(res.headers.location)
      .toBe(`${s.cfg.publicUrl}/play/${priv.gameId}/${priv.version}?t=${encodeURIComponent(token)}`);
    await request(app).get(`/play/${gameId}/${version}/game.html`).set(FRAMED).expect(200);
  });

  it('answers unknown games, versions and paths with an HTML 404 and no stack trace', async () => {
    const { gameId } = await makeGame(s, owner.user.id, { content: SIMPLE_GAME, isPublic: true });
    for (const path of [
      `/play/${gameId}/7`, `/play/${gameId}/0`, `/play/${gameId}/1e0`, '/play/not-a-uuid/1',
      '/play/00000000-0000-4000-8000-000000000000/1/game.html', '/play/x', '/play/vendor/other.js',
    ]) {
      const res = await request(app).get(path).set(FRAMED).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect(res.text).toContain('Game not found');
    }
  });

  it('with PLAY_ORIGIN, the wrapper frames the play origin and game.html never renders on the site origin',
    async () => {
    const cfg = parseConfig({ ...process.env, PUBLIC_URL: 'https://site.test', PLAY_ORIGIN: 'https://games.test' });
    const isolated = (await buildTestApp(s, { cfg })).app;
    const { gameId, version } = await makeGame(
      s, owner.user.id,
      { content: SIMPLE_GAME.replace('<body>', `<body><script src="${ENGINE_PATH}"></script>`), isPublic: true },
    );

    const wrapper = await request(isolated).get(`/play/${gameId}/${version}`).set('Host', 'site.test').expect(200);
    expect(wrapper.text).toContain(`src="https://games.test/play/${gameId}/${version}/game.html"`);
    expect(cspDirectives(wrapper.headers['content-security-policy']!).get('frame-src')).toBe('https://games.test');
    // The play origin shows games only: its wrapper requests go back to the site.
    const back = await request(isolated).get(`/play/${gameId}/${version}?t=abc`).set('Host', 'games.test').expect(302);
    expect(back.headers.location).toBe(`https://site.test/play/${gameId}/${version}?t=abc`);

    const moved = await request(isolated).get(`/play/${gameId}/${version}/game.html`).set(FRAMED)
      .set('Host', 'site.test')
      .expect(302);
    expect(moved.headers.location).toBe(`https://games.test/play/${gameId}/${version}/game.html`);
    expect(moved.text).not.toContain('<canvas');
    const game = await request(isolated).get(`/play/${gameId}/${version}/game.html`).set(FRAMED)
      .set('Host', 'games.test')
      .expect(200);
    const csp = cspDirectives(game.headers['content-security-policy']!);
    expect(csp.get('frame-ancestors')).toBe('https://site.test');
    expect(csp.get('script-src'))
      .toBe(`${GAME_PRELUDE_HASH} ${scriptHashes(SIMPLE_GAME).inline.join(' ')} https://games.test${ENGINE_PATH}`);
  });
});
